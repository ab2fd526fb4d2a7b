/**
 * Reading a file in pieces must give exactly what one pass gives: the same row accounting (read,
 * used, skipped, every skip reason with its first line numbers), trunks, aliases, capabilities and
 * the same calls, column by column. Checked with tiny pieces (so cuts fall everywhere: inside the
 * header's neighbourhood, next to duplicates, across CRLF) on the generator's output in every
 * format, on the hand-written fixtures and on every real sample in ../shared/samples.
 *
 * A plain file is cut every `pieceBytes` and each piece moves its cuts to line ends
 * (piece-range.ts), so 1-byte pieces are one job per byte of the file (~30 µs each in-process):
 * every byte is a cut there, but only on small inputs (hand-written fixtures, the first 40 lines
 * of a generated file, samples up to 16 KB); whole generated files and samples over 64 KB are
 * cut every 61 bytes, samples in between every 7 and 61, which still lands cuts on every offset
 * of lines of other lengths (7-byte pieces of a 170-270 KB file took 2-3 s each). A gzipped file is cut by LineCutter at
 * line ends: its 1-byte pieces are one line each, as before.
 */
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { MAX_CALL_IDS_KEPT } from '../../analysis/call-columns';
import { CallStore } from '../../analysis/call-store';
import { packedCount } from '../../analysis/kept-texts';
import { callColumnsOf } from '../../analysis/test-helpers';
import { summarizeTrunks } from '../../analysis/trunk-summary';
import { CallDeduper } from '../call-deduper';
import { FORMATS } from '../../formats/registry';
import { SMALL_SPEC } from '../../scenario/writers/round-trip';
import { writeScenarioText, type ScenarioWriter } from '../../scenario/writers/writer';
import { asteriskMasterCsvWriter } from '../../scenario/writers/asterisk-master-csv';
import { freepbxCdrReportWriter } from '../../scenario/writers/freepbx-cdr-report';
import { freeswitchOpencdrrateWriter } from '../../scenario/writers/freeswitch-cdr-csv-opencdrrate';
import { freeswitchCdrCsvWriter } from '../../scenario/writers/freeswitch-cdr-csv';
import { genericCsvWriter } from '../../scenario/writers/generic-csv';
import { kamailioAccWriter } from '../../scenario/writers/kamailio-acc';
import { vicidialCarrierLogWriter } from '../../scenario/writers/vicidial-carrier-log';
import { vicidialExportCallsCarrierWriter } from '../../scenario/writers/vicidial-export-calls-carrier';
import { ingestFiles, type IngestedFiles, type IngestInput } from '../ingest-files';
import { inProcessPool } from './in-process-pool';
import { PIECE_BYTES, PIECES_IN_FLIGHT_PER_WORKER } from './read-in-pieces';
import { keepSpareColumns, transferablesOf } from './parse-piece';
import type { PiecePool } from './piece-types';

const SAMPLES = path.resolve(import.meta.dirname, '../../../../../shared/samples');
const FIXTURES = path.resolve(import.meta.dirname, '../../../../fixtures/cdr');

/** The largest input cut into 1-byte pieces (one job per byte). */
const BYTE_CUTS_UP_TO = 16 * 1024;

/** The file's first `count` lines (LF-ended), for 1-byte pieces. */
function firstLines(text: string, count: number): string {
  return text.split('\n').slice(0, count).join('\n') + '\n';
}

const WRITERS: Record<string, ScenarioWriter> = {
  'asterisk master.csv': asteriskMasterCsvWriter({ hangupCauseInUserfield: false }),
  'asterisk master.csv, HANGUPCAUSE in userfield': asteriskMasterCsvWriter({ hangupCauseInUserfield: true }),
  'freepbx cdr report': freepbxCdrReportWriter,
  'freeswitch opencdrrate': freeswitchOpencdrrateWriter,
  'freeswitch cdr-csv': freeswitchCdrCsvWriter,
  'generic csv': genericCsvWriter,
  'kamailio acc': kamailioAccWriter,
  'vicidial carrier log': vicidialCarrierLogWriter,
  'vicidial export calls (carrier)': vicidialExportCallsCarrierWriter,
};

/** A file whose stream fails after its first `goodBytes` (it changed on disk while read). */
class BreaksAfter extends Blob {
  constructor(
    parts: BlobPart[],
    private readonly goodBytes: number,
  ) {
    super(parts);
  }

  override stream(): ReadableStream<Uint8Array<ArrayBuffer>> {
    const inner = super.stream().getReader();
    let left = this.goodBytes;
    return new ReadableStream<Uint8Array<ArrayBuffer>>({
      async pull(controller) {
        if (left <= 0) return controller.error(new Error('NotReadableError: the file changed on disk'));
        const { done, value } = await inner.read();
        if (done) return controller.close();
        const good = value.subarray(0, left);
        left -= good.length;
        controller.enqueue(good);
      },
    });
  }
}

async function bothWays(inputs: IngestInput[], pieceBytes: number) {
  const onePass = await ingestFiles(inputs);
  const inProcess = inProcessPool(FORMATS);
  let jobs = 0;
  const pool: PiecePool = { size: 2, parse: (job) => (jobs++, inProcess.parse(job)) };
  const pieces = await ingestFiles(inputs, { pool, pieceBytes });
  // Splittable formats really went through the pool (at least one piece per file); others never.
  // (UTF-16 files are not cut at line feeds: 0x0A is half of a character there.)
  // A file smaller than one piece is read in one pass (nothing to share out).
  const splittable = onePass.summary.files.filter(
    (f) => FORMATS.find((m) => m.id === f.format?.id)?.splittable && !f.encoding?.startsWith('utf-16') && (f.compression === 'gzip' ? 4 : 1) * f.byteSize >= pieceBytes,
  ).length;
  if (splittable === 0) expect(jobs).toBe(0);
  else expect(jobs).toBeGreaterThanOrEqual(splittable);
  return { onePass, pieces, jobs };
}

/**
 * An in-process pool of 2 answering each piece a turn later (as a worker does), which fills every
 * buffer handed back (PieceResult.spentBytes) with `garbage` before the reading side can read into
 * it again, and notes in which buffer each piece's bytes came: a fresh one, or that of an earlier
 * piece (its index, written past the end of every piece's bytes when its buffer was handed back: a
 * BYOB read moves a buffer into a new ArrayBuffer object, so a buffer is known by its bytes, not by identity).
 */
function reusingPool(garbage: number): PiecePool & { buffersCame: Array<number | 'fresh'>; handedBack(): number } {
  const inProcess = inProcessPool(FORMATS);
  const buffersCame: Array<number | 'fresh'> = [];
  let handedBack = 0;
  const tagOf = (buffer: ArrayBuffer) => new DataView(buffer, buffer.byteLength - 4);
  return {
    size: 2,
    buffersCame,
    handedBack: () => handedBack,
    parse: async (job) => {
      if (job.source.kind === 'bytes') {
        const tag = tagOf(job.source.bytes.buffer as ArrayBuffer).getInt32(0);
        buffersCame[job.index] = tag === 0 ? 'fresh' : tag - 1;
      }
      await new Promise((resolve) => setTimeout(resolve, 0));
      const result = await inProcess.parse(job);
      if (result.spentBytes) {
        new Uint8Array(result.spentBytes).fill(garbage);
        tagOf(result.spentBytes).setInt32(0, job.index + 1);
        handedBack++;
      }
      return result;
    },
  };
}

/**
 * An in-process pool whose merged results' buffers are filled with `garbage` and kept for the next
 * pieces' columns (keepSpareColumns), as a piece worker keeps those moved back to it; counts the
 * columns made in them.
 */
function columnsReusingPool(garbage: number): PiecePool & { reused(): number } {
  const inProcess = inProcessPool(FORMATS);
  const givenBack = new Set<ArrayBufferLike>();
  let reused = 0;
  return {
    size: 2,
    reused: () => reused,
    parse: async (job) => {
      const result = await inProcess.parse(job);
      reused += Object.values(result.calls.arrays).filter((a) => givenBack.has(a.buffer)).length;
      return result;
    },
    giveBack: (result) => {
      const buffers = transferablesOf(result);
      for (const buffer of buffers) {
        new Uint8Array(buffer).fill(garbage);
        givenBack.add(buffer);
      }
      keepSpareColumns(buffers);
    },
  };
}

function expectSame(a: Awaited<ReturnType<typeof ingestFiles>>, b: Awaited<ReturnType<typeof ingestFiles>>): void {
  // Everything but the count of pieces itself.
  const withoutPieces = (s: typeof a.summary) => ({ ...s, files: s.files.map((f) => ({ ...f, pieces: 0 })) });
  expect(withoutPieces(b.summary)).toEqual(withoutPieces(a.summary));
  expect(callColumnsOf(b.store)).toEqual(callColumnsOf(a.store));
  // The trunks and the span, added up from the pieces' (or batches') tallies by the merges, are
  // those of a pass over the calls the store holds (duplicates dropped, trunks renamed).
  for (const r of [a, b]) {
    expect(r.summary.trunks).toEqual(summarizeTrunks(r.store));
    const starts = Array.from(r.store.startMs.subarray(0, r.store.length));
    expect(r.summary.span).toEqual(starts.length === 0 ? null : { firstMs: Math.min(...starts), lastMs: Math.max(...starts) });
  }
}

describe('reading in pieces = reading in one pass (generated files)', () => {
  for (const [label, writer] of Object.entries(WRITERS)) {
    const whole = writeScenarioText(SMALL_SPEC, writer);
    for (const pieceBytes of [1, 61, 333, 4096]) {
      const head = pieceBytes === 1;
      it(`${label}, pieces of ${pieceBytes} bytes${head ? ' (its first 40 lines)' : ''}`, async () => {
        const text = head ? firstLines(whole, 40) : whole;
        const inputs = [{ name: 'unknown', blob: new Blob([text]) }];
        const { onePass, pieces, jobs } = await bothWays(inputs, pieceBytes);
        expect(onePass.summary.calls).toBeGreaterThan(head ? 20 : 100);
        // Cut at a line end at most every planned piece: 1-byte pieces make a piece of each line or two.
        if (pieceBytes <= 61 && ['asterisk', 'freeswitch cdr-csv', 'vicidial'].some((l) => label.startsWith(l))) expect(jobs).toBeGreaterThan(head ? 20 : 500);
        expectSame(onePass, pieces);
      });
    }
  }

  it('a 4.5 MB Master.csv at the usual piece size (4 MiB: 2 pieces of 2.25 MB): a first piece of 1 MiB per worker, then the rest in 2', async () => {
    const lines = writeScenarioText(SMALL_SPEC, WRITERS['asterisk master.csv']!).split('\n').filter((l) => l !== '');
    let text = '';
    for (let k = 0; text.length < 4_500_000; k++) text += lines[k % lines.length] + '\n';
    expect(text.length).toBeGreaterThan(PIECE_BYTES);
    const { onePass, pieces } = await bothWays([{ name: 'Master.csv', blob: new Blob([text]) }], PIECE_BYTES);
    expect(pieces.summary.files[0]!.pieces).toBe(4);
    expectSame(onePass, pieces);
  });

  it('sends three pieces ahead per worker and never more (6 on 2 workers, each answered a turn later, as a worker does), with the calls of one pass', async () => {
    const text = writeScenarioText(SMALL_SPEC, WRITERS['asterisk master.csv']!);
    const inProcess = inProcessPool(FORMATS);
    let unanswered = 0;
    let most = 0;
    const pool: PiecePool = {
      size: 2,
      parse: async (job) => {
        most = Math.max(most, ++unanswered);
        try {
          await new Promise((resolve) => setTimeout(resolve, 0));
          return await inProcess.parse(job);
        } finally {
          unanswered--;
        }
      },
    };
    const inputs = [{ name: 'Master.csv', blob: new Blob([text]) }];
    const pieces = await ingestFiles(inputs, { pool, pieceBytes: 4096 });
    expect(PIECES_IN_FLIGHT_PER_WORKER).toBe(3);
    expect(pieces.summary.files[0]!.pieces).toBeGreaterThan(6);
    expect(most).toBe(6);
    expectSame(await ingestFiles(inputs), pieces);
  });

  it('reads each piece after the first six into the buffer of the piece six before it, handed back with its result: six buffers in all', async () => {
    const text = writeScenarioText(SMALL_SPEC, WRITERS['asterisk master.csv']!);
    const pool = reusingPool(0x41);
    const inputs = [{ name: 'Master.csv', blob: new Blob([text]) }];
    const pieces = await ingestFiles(inputs, { pool, pieceBytes: 4096 });
    const came = pool.buffersCame;
    expect(came.length).toBeGreaterThan(20);
    // Pieces 0–5 fill the pool (3 per worker on 2) in fresh buffers; each later one waits for the oldest to be merged and reads into its buffer.
    expect(PIECES_IN_FLIGHT_PER_WORKER).toBe(3);
    expect(came).toEqual(came.map((_, k) => (k < 6 ? 'fresh' : k - 6)));
    expectSame(await ingestFiles(inputs), pieces);
  });

  it('a piece buffer filled with garbage as soon as it is handed back changes no call (nothing reads a piece after its result)', async () => {
    const sources = Object.values(WRITERS).map((writer) => writeScenarioText(SMALL_SPEC, writer));
    await fc.assert(
      fc.asyncProperty(fc.integer({ min: 0, max: sources.length - 1 }), fc.integer({ min: 200, max: 8000 }), fc.integer({ min: 0, max: 255 }), async (k, pieceBytes, garbage) => {
        const inputs = [{ name: 'unknown', blob: new Blob([sources[k]!]) }];
        const pool = reusingPool(garbage);
        const pieces = await ingestFiles(inputs, { pool, pieceBytes });
        expect(pool.handedBack()).toBe(pool.buffersCame.length);
        expectSame(await ingestFiles(inputs), pieces);
      }),
      { numRuns: 12 },
    );
  });

  it("a piece's columns made in the buffers of merged pieces, given back filled with garbage, change no call", async () => {
    const sources = Object.values(WRITERS).map((writer) => writeScenarioText(SMALL_SPEC, writer));
    let reused = 0;
    await fc.assert(
      fc.asyncProperty(fc.integer({ min: 0, max: sources.length - 1 }), fc.integer({ min: 200, max: 8000 }), fc.integer({ min: 1, max: 255 }), async (k, pieceBytes, garbage) => {
        const inputs = [{ name: 'unknown', blob: new Blob([sources[k]!]) }];
        const pool = columnsReusingPool(garbage);
        const pieces = await ingestFiles(inputs, { pool, pieceBytes });
        reused += pool.reused();
        expectSame(await ingestFiles(inputs), pieces);
      }),
      { numRuns: 12 },
    );
    expect(reused).toBeGreaterThan(100);
  });

  it('a call present in two files (and twice in one) counts once either way, with the same lines', async () => {
    const text = writeScenarioText(SMALL_SPEC, asteriskMasterCsvWriter({ hangupCauseInUserfield: true }));
    const lines = text.split('\n');
    // The second file repeats the first file's lines 5–40, then has its own twice.
    const second = [...lines.slice(4, 40), ...lines.slice(4, 40)].join('\n') + '\n';
    const inputs = [
      { name: 'a.csv', blob: new Blob([text]) },
      { name: 'b.csv', blob: new Blob([second]) },
    ];
    const { onePass, pieces } = await bothWays(inputs, 500);
    const dupes = onePass.summary.files[1]!.skipped.find((g) => g.reason.startsWith('duplicate'));
    expect(dupes?.count).toBe(72);
    expectSame(onePass, pieces);
  });

  it('a file that cannot be read on past some byte stops there, naming the file, the line and why', async () => {
    const text = writeScenarioText(SMALL_SPEC, asteriskMasterCsvWriter({ hangupCauseInUserfield: true }));
    const inProcess = inProcessPool(FORMATS);
    const lines: number[] = [];
    const pool: PiecePool = {
      size: 1,
      parse: async (job) => {
        const result = await inProcess.parse(job);
        lines[job.index] = result.lineCount;
        return result;
      },
    };
    // Pieces of 4,096 bytes: the first two are read whole, the third breaks off at byte 10,000.
    const { summary } = await ingestFiles([{ name: 'Master.csv', blob: new BreaksAfter([text], 10_000) }], { pool, pieceBytes: 4096 });
    const file = summary.files[0]!;
    expect(lines).toHaveLength(2);
    const before = lines[0]! + lines[1]!;
    expect(before).toBeGreaterThan(20);
    expect(file.error).toBe(`Master.csv: reading stopped after line ${before.toLocaleString('en-US')}: NotReadableError: the file changed on disk.`);
    expect(file.rows.read).toBe(before);
    expect(file.rows.read).toBe(file.rows.used + file.rows.skipped + file.rows.headerLines);
    expect(summary.calls).toBe(file.rows.used);
  });

  it('CRLF line ends and a byte order mark, cut everywhere', async () => {
    const whole = writeScenarioText(SMALL_SPEC, vicidialCarrierLogWriter);
    for (const [lf, pieceBytes] of [[firstLines(whole, 40), 1], [whole, 61]] as const) {
      const text = '\ufeff' + lf.replace(/\n/g, '\r\n');
      const { onePass, pieces } = await bothWays([{ name: 'x', blob: new Blob([text]) }], pieceBytes);
      expect(onePass.summary.files[0]!.format?.id).toBe('vicidial-carrier-log');
      expectSame(onePass, pieces);
    }
  });
});

/** Hand-written fixtures of the formats read in pieces, small enough for a job per byte. */
function smallFixtures(): string[] {
  return FORMATS.filter((m) => m.splittable && existsSync(path.join(FIXTURES, m.id)))
    .flatMap((m) => readdirSync(path.join(FIXTURES, m.id)).map((f) => `${m.id}/${f}`))
    .filter((f) => statSync(path.join(FIXTURES, f)).size <= 4096)
    .sort();
}

describe('reading in pieces = reading in one pass (a cut at every byte: 1-byte pieces)', () => {
  for (const file of smallFixtures()) {
    it(file, async () => {
      const { onePass, pieces } = await bothWays([{ name: path.basename(file), blob: new Blob([readFileSync(path.join(FIXTURES, file))]) }], 1);
      expectSame(onePass, pieces);
    });
  }

  it('LF, CRLF and CR line ends, an empty line, a quoted comma, and a last line with no line end or ended by a CR', async () => {
    const basic = readFileSync(path.join(FIXTURES, 'asterisk-cdr-csv/basic.csv'), 'utf8').split('\n');
    const quoted = readFileSync(path.join(FIXTURES, 'asterisk-cdr-csv/quoted-delimiters.csv'), 'utf8').split('\n');
    // Five calls: basic.csv's first three and fifth rows (carrierA, carrierA, sipus1, carrierA) and a "Doe, John" row (carrier-east).
    const body = `${basic[0]}\n${basic[1]}\r\n\n${basic[2]}\r${quoted[0]}\n${basic[4]}`;
    for (const text of [body, `${body}\r`]) {
      const { onePass, pieces } = await bothWays([{ name: 'Master.csv', blob: new Blob([text]) }], 1);
      expect(onePass.summary.calls).toBe(5);
      expect(onePass.summary.trunks.map((t) => [t.name, t.attempts]).sort()).toEqual([['carrier-east', 1], ['carrierA', 3], ['sipus1', 1]]);
      expectSame(onePass, pieces);
    }
  });
});

describe('reading in pieces = reading in one pass (call ids past the store\'s cap)', () => {
  /** A session whose store already keeps `kept` call ids (of calls read before): the cap is near or reached. */
  function sessionKeeping(kept: number): IngestedFiles {
    const store = new CallStore();
    for (let k = 0; k < kept; k++) store.callIdValues.push(`earlier.${k}`);
    return { summary: { files: [], calls: 0, trunks: [], span: null }, store, deduper: new CallDeduper(), fileOfCall: new Uint16Array(0), tally: new Map() };
  }
  const text = writeScenarioText(SMALL_SPEC, asteriskMasterCsvWriter({ hangupCauseInUserfield: true }));
  const input = () => [{ name: 'Master.csv', blob: new Blob([text]) }];
  /** The file's calls whose call id was kept. */
  const keptIds = (store: CallStore) => store.snapshot().arrays.callIdIndex.filter((k) => k > 0).length;

  for (const room of [0, 3]) {
    it(`${room} call ids of room left: the same ${room} kept either way, and pieces sent after the list filled carry none`, async () => {
      const onePass = await ingestFiles(input(), { continueFrom: sessionKeeping(MAX_CALL_IDS_KEPT - room) });
      const inProcess = inProcessPool(FORMATS);
      const sentIds: number[] = [];
      const pool: PiecePool = {
        size: 2,
        parse: async (job) => {
          const result = await inProcess.parse(job);
          sentIds.push(packedCount(result.calls.texts.callIdIndex));
          return result;
        },
      };
      const pieces = await ingestFiles(input(), { pool, pieceBytes: 333, continueFrom: sessionKeeping(MAX_CALL_IDS_KEPT - room) });
      expectSame(onePass, pieces);
      expect(onePass.store.callIdValues.count).toBe(MAX_CALL_IDS_KEPT);
      expect(keptIds(pieces.store)).toBe(room);
      // Rejected calls are in nearly every piece; only the first few (sent before the list filled) carry their ids.
      expect(sentIds.length).toBeGreaterThan(100);
      expect(sentIds.filter((n) => n > 0).length).toBeLessThanOrEqual(room === 0 ? 0 : 2 * pool.size + room);
    });
  }
});

describe('reading in pieces = reading in one pass (line ends and quotes)', () => {
  const master = writeScenarioText(SMALL_SPEC, asteriskMasterCsvWriter({ hangupCauseInUserfield: true }));

  it('CR-only line ends (old Mac Excel): pieces are cut at CR, never inside a record', async () => {
    for (const pieceBytes of [1, 61, 333, 4096]) {
      const lf = pieceBytes === 1 ? firstLines(master, 40) : master;
      const text = lf.replace(/\n/g, '\r');
      const { onePass, pieces, jobs } = await bothWays([{ name: 'Master.csv', blob: new Blob([text]) }], pieceBytes);
      expect(onePass.summary.files[0]!.format?.id).toBe('asterisk-cdr-csv');
      // Every line is read (no phantom skips, no call lost): as many rows as the file has lines.
      expect(onePass.summary.files[0]!.rows.read).toBe(lf.split('\n').length - 1);
      if (pieceBytes === 333) expect(jobs).toBeGreaterThan(10);
      expectSame(onePass, pieces);
    }
  });

  it('mixed line ends (LF, CRLF and CR in one file), cut everywhere', async () => {
    const ends = ['\n', '\r\n', '\r'];
    for (const pieceBytes of [1, 2, 61, 333]) {
      const lf = pieceBytes <= 2 ? firstLines(master, 40) : master;
      const text = lf
        .split('\n')
        .map((line, i) => line + (ends[i % 3] ?? '\n'))
        .join('');
      const { onePass, pieces } = await bothWays([{ name: 'Master.csv', blob: new Blob([text]) }], pieceBytes);
      expect(onePass.summary.files[0]!.rows.read).toBe(lf.split('\n').length - 1);
      expectSame(onePass, pieces);
    }
  });

  it('a line of 3 MB with no line end is cut once, its tail never read as a row, plain and gzipped', async () => {
    const lines = master.split('\n');
    const at = 20;
    lines[at] = lines[at]!.replace(',', `,${'x'.repeat(3 << 20)}`);
    const text = lines.join('\n');
    for (const [name, bytes] of [['Master.csv', Buffer.from(text)], ['Master.csv.gz', gzipSync(text)]] as const) {
      const { onePass, pieces, jobs } = await bothWays([{ name, blob: new Blob([bytes]) }], 4096);
      const file = onePass.summary.files[0]!;
      expect(file.overlongLines).toBe(1);
      // Every other line is a row; the cut one is not.
      expect(file.rows.read).toBe(lines.length - 2);
      expect(jobs).toBeGreaterThan(3);
      expectSame(onePass, pieces);
    }
  });

  it('an unclosed quote near the end stops at its line end: the rows after it are read either way', async () => {
    const all = master.split('\n');
    for (const pieceBytes of [1, 61, 333]) {
      // 1-byte pieces on the last 40 lines (a Master.csv has no header).
      const lines = pieceBytes === 1 ? all.slice(-40) : [...all];
      const at = lines.length - 6;
      lines[at] = lines[at]!.replace(',"', ',"never closed ');
      const text = lines.join('\n');
      const { onePass, pieces } = await bothWays([{ name: 'Master.csv', blob: new Blob([text]) }], pieceBytes);
      expect(onePass.summary.files[0]!.rows.read).toBe(lines.length - 1);
      expectSame(onePass, pieces);
    }
  });
});

describe('reading in pieces = reading in one pass (gzip)', () => {
  const text = writeScenarioText(SMALL_SPEC, asteriskMasterCsvWriter({ hangupCauseInUserfield: true }));
  const gz = gzipSync(Buffer.from(text));

  it('a .gz is cut after decompression', async () => {
    const { onePass, pieces, jobs } = await bothWays([{ name: 'Master.csv.gz', blob: new Blob([gz]) }], 4096);
    expect(onePass.summary.files[0]!.compression).toBe('gzip');
    expect(jobs).toBeGreaterThan(20);
    expectSame(onePass, pieces);
  });

  it('a truncated .gz: the same rows before the damage and the same message', async () => {
    const cut = gz.subarray(0, Math.floor(gz.length * 0.7));
    const { onePass, pieces } = await bothWays([{ name: 'Master.csv.gz', blob: new Blob([cut]) }], 4096);
    const file = onePass.summary.files[0]!;
    expect(file.error).toMatch(/^Master\.csv\.gz: the gzip data is truncated or damaged after line [\d,]+ /);
    expect(file.rows.read).toBeGreaterThan(200);
    expect(file.rows.read).toBeLessThan(text.split('\n').length - 1);
    expectSame(onePass, pieces);
  });
});

function sampleFiles(): string[] {
  if (!existsSync(SAMPLES)) return [];
  return readdirSync(SAMPLES)
    .filter((d) => statSync(path.join(SAMPLES, d)).isDirectory())
    .flatMap((d) => readdirSync(path.join(SAMPLES, d)).filter((f) => !f.endsWith('.md')).map((f) => `${d}/${f}`))
    .sort();
}

describe.skipIf(!existsSync(SAMPLES))('reading in pieces = reading in one pass (real samples)', () => {
  for (const file of sampleFiles()) {
    it(file, async () => {
      const bytes = readFileSync(path.join(SAMPLES, file));
      const inputs = [{ name: path.basename(file), blob: new Blob([bytes]) }];
      for (const pieceBytes of bytes.length <= BYTE_CUTS_UP_TO ? [1, 2000] : bytes.length <= 4 * BYTE_CUTS_UP_TO ? [7, 61, 2000] : [61, 2000]) {
        const { onePass, pieces } = await bothWays(inputs, pieceBytes);
        expectSame(onePass, pieces);
      }
    });
  }
});
