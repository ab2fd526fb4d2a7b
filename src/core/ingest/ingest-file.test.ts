import { gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { emptyRecord, type CallRecord } from '../model/call-record';
import { fromSipCode } from '../model/causes';
import { parseWallTime } from '../model/wall-time';
import type { FormatModule } from '../formats/format-module';
import { CallDeduper, DUPLICATE_REASON } from './call-deduper';
import { estimatedLines, ingestBlob } from './ingest-file';
import { CallStore } from '../analysis/call-store';

/** A minimal format for exercising the pipeline: header `start,trunk,code,callid`. */
const tinyFormat: FormatModule = {
  id: 'tiny',
  label: 'Tiny test format',
  family: 'generic',
  syntax: 'delimited',
  detect: (s) => (s.rows[0]?.join('|') === 'start|trunk|code|callid' ? { score: 1 } : null),
  createParser: () => ({
    parse(row) {
      const fields = row.fields();
      if (fields[0] === 'start') return { kind: 'header' };
      if (fields.length < 4) return { kind: 'skip', reason: 'too few columns' };
      const start = parseWallTime(fields[0]!);
      if (Number.isNaN(start)) return { kind: 'skip', reason: 'bad start time' };
      const record: CallRecord = { ...emptyRecord(), ...fromSipCode(Number(fields[2])), startMs: start, trunk: fields[1]!, callId: fields[3]! };
      return { kind: 'record', record };
    },
    capabilities: () => ({ sipCodes: true, separates503From603: true, hasEndTimes: false, hasTrunk: true }),
  }),
};

const TEXT = [
  'start,trunk,code,callid',
  '2024-05-01 10:00:00,carrierA,503,c1',
  '2024-05-01 10:00:01,carrierA,200,c2',
  '2024-05-01 10:00:02,carrierB,603,c3',
  'not a date,carrierB,603,c4',
  '2024-05-01 10:00:03,carrierB',
  '2024-05-01 10:00:04,carrierÉ,503,c5',
].join('\r\n');

async function run(bytes: Uint8Array | string, opts: { sliceBytes?: number; fileName?: string; deduper?: CallDeduper } = {}) {
  const records: CallRecord[] = [];
  const result = await ingestBlob(new Blob([bytes as BlobPart]), { fileName: opts.fileName ?? 'unknown', formats: [tinyFormat], ...opts }, (r) => records.push(r));
  return { records, result };
}

function encodeUtf16(text: string, littleEndian: boolean, bom: boolean): Uint8Array {
  const out = new Uint8Array((text.length + (bom ? 1 : 0)) * 2);
  const view = new DataView(out.buffer);
  let o = 0;
  if (bom) {
    view.setUint16(0, 0xfeff, littleEndian);
    o = 2;
  }
  for (let i = 0; i < text.length; i++) view.setUint16(o + i * 2, text.charCodeAt(i), littleEndian);
  return out;
}

describe('ingestBlob', () => {
  it('accounts for every row: read = used + skipped, with reasons and line numbers', async () => {
    const { records, result } = await run(TEXT);
    expect(result.error).toBeNull();
    expect(result.format?.id).toBe('tiny');
    expect(result.rows).toEqual({ read: 6, used: 4, skipped: 2, headerLines: 1 });
    expect(result.skipped).toEqual([
      { reason: 'bad start time', count: 1, firstLines: [5] },
      { reason: 'too few columns', count: 1, firstLines: [6] },
    ]);
    expect(records.map((r) => r.trunk)).toEqual(['carrierA', 'carrierA', 'carrierB', 'carrierÉ']);
    expect(records[0]!.startMs).toBe(Date.UTC(2024, 4, 1, 10, 0, 0));
    expect(result.trunks).toEqual([
      { name: 'carrierA', calls: 2 },
      { name: 'carrierB', calls: 1 },
      { name: 'carrierÉ', calls: 1 },
    ]);
  });

  it('gives identical results at every slice size from 1 byte up (chunk seams)', async () => {
    const reference = await run(TEXT);
    for (const sliceBytes of [1, 2, 3, 5, 7, 13, 64]) {
      const { records, result } = await run(TEXT, { sliceBytes });
      expect(records, `slice ${sliceBytes}`).toEqual(reference.records);
      expect(result.rows).toEqual(reference.result.rows);
      expect(result.skipped).toEqual(reference.result.skipped);
    }
  });

  it('reads UTF-8 with BOM, UTF-16 LE/BE with and without BOM, and Windows-1252', async () => {
    const variants: Array<[string, Uint8Array]> = [
      ['utf-8', new Uint8Array([0xef, 0xbb, 0xbf, ...new TextEncoder().encode(TEXT)])],
      ['utf-16le', encodeUtf16(TEXT, true, true)],
      ['utf-16be', encodeUtf16(TEXT, false, true)],
      ['utf-16le', encodeUtf16(TEXT, true, false)],
      ['windows-1252', Uint8Array.from(TEXT, (c) => (c === 'É' ? 0xc9 : c.charCodeAt(0)))],
    ];
    for (const [encoding, bytes] of variants) {
      for (const sliceBytes of [3, 1 << 20]) {
        const { records, result } = await run(bytes, { sliceBytes });
        expect(result.encoding, encoding).toBe(encoding);
        expect(result.rows.used).toBe(4);
        expect(records.at(-1)!.trunk).toBe('carrierÉ');
      }
    }
  });

  it('gunzips .gz input, and reports a truncated gzip with the rows read before the damage', async () => {
    const big = [TEXT, ...Array.from({ length: 3000 }, (_, i) => `2024-05-01 11:00:00,carrierC,200,x${i}`)].join('\n');
    const gz = gzipSync(Buffer.from(big));
    const whole = await run(gz, { sliceBytes: 4096 });
    expect(whole.result.compression).toBe('gzip');
    expect(whole.result.error).toBeNull();
    expect(whole.result.rows.used).toBe(3004);

    const truncated = await run(gz.subarray(0, Math.floor(gz.length / 2)), { sliceBytes: 4096, fileName: 'day.csv.gz' });
    expect(truncated.result.error).toMatch(/^day\.csv\.gz: the gzip data is truncated or damaged/);
    expect(truncated.result.rows.used).toBeGreaterThan(0);
    expect(truncated.result.rows.read).toBe(truncated.result.rows.used + truncated.result.rows.skipped);
  });

  it('refuses empty, binary and unknown files with a message naming the file and what was expected', async () => {
    expect((await run('', { fileName: 'empty.csv' })).result.error).toMatch(/^empty\.csv is empty/);
    const binary = Uint8Array.from({ length: 2000 }, (_, i) => (i * 7919) % 256);
    expect((await run(binary, { fileName: 'photo.jpg' })).result.error).toMatch(/^photo\.jpg cannot be read: .*binary file/);
    expect((await run(new Uint8Array([0x50, 0x4b, 3, 4, 1, 2, 3]), { fileName: 'x.xlsx' })).result.error).toMatch(/ZIP archive/);
    const unknown = await run('hello,world\nfoo,bar\n', { fileName: 'notes.csv' });
    expect(unknown.result.error).toMatch(/^notes\.csv is not a CDR format .*line 1 starts: "hello, world"/);
    expect(unknown.result.format).toBeNull();
  });

  it('counts a call present in two files once when a deduper is shared', async () => {
    const deduper = new CallDeduper();
    const a = await run(TEXT, { deduper });
    const b = await run(TEXT, { deduper });
    expect(a.result.rows.used).toBe(4);
    expect(b.result.rows).toEqual({ read: 6, used: 0, skipped: 6, headerLines: 1 });
    expect(b.result.skipped[0]).toEqual({ reason: DUPLICATE_REASON, count: 4, firstLines: [2, 3, 4, 7] });
  });

  it('stops with the abort reason when cancelled', async () => {
    const controller = new AbortController();
    controller.abort(new Error('cancelled by user'));
    await expect(
      ingestBlob(new Blob([TEXT]), { fileName: 'x', formats: [tinyFormat], signal: controller.signal }, () => {}),
    ).rejects.toThrow('cancelled by user');
  });

  it('one pass is one big piece: its calls reach the store in batches, duplicates found across batches on their own lines', async () => {
    // 40,000 calls (more than one 32,768-call batch), call ids c0…c39999; then c0…c9 again (lines 40,002–40,011).
    const row = (i: number) => `2024-05-01 10:${String(Math.floor(i / 60) % 60).padStart(2, '0')}:${String(i % 60).padStart(2, '0')},carrier${i % 3},${i % 2 ? 503 : 200},c${i}`;
    const lines = ['start,trunk,code,callid', ...Array.from({ length: 40_000 }, (_, i) => row(i)), ...Array.from({ length: 10 }, (_, i) => row(i))];
    const store = new CallStore();
    const records: CallRecord[] = [];
    const result = await ingestBlob(new Blob([lines.join('\n')]), { fileName: 'x', formats: [tinyFormat], deduper: new CallDeduper(), store }, (r) => records.push(r));
    expect(result.rows).toEqual({ read: 40_010, used: 40_000, skipped: 10, headerLines: 1 });
    expect(result.skipped).toEqual([{ reason: DUPLICATE_REASON, count: 10, firstLines: [40_002, 40_003, 40_004, 40_005, 40_006] }]);
    expect(store.length).toBe(40_000);
    // carrier0 has i ≡ 0 (mod 3): 13,334 of 0…39,999.
    expect(result.trunks).toEqual([
      { name: 'carrier0', calls: 13_334 },
      { name: 'carrier1', calls: 13_333 },
      { name: 'carrier2', calls: 13_333 },
    ]);
    // The calls in file order, the last one c39999 (odd: a 503, its call id kept).
    expect(store.callIdOf(39_999)).toBe('c39999');
    expect(store.sipCode[32_768]).toBe(200); // i = 32,768 is even
    // onRecord sees every record the parser made, the repeated ones too.
    expect(records).toHaveLength(40_010);
  });
});

describe('estimatedLines (the store and the de-duplication table are sized from it before reading)', () => {
  const bytes = (s: string) => new TextEncoder().encode(s);
  it('scales the line ends of the first bytes to the file: 3 lines in 6 bytes, 600 bytes → 300 lines', () => {
    expect(estimatedLines([bytes('a\nb\n'), bytes('c\n')], 600)).toBe(300);
    // CRLF counts once per line; a CR alone (old Mac Excel) when there is no LF.
    expect(estimatedLines([bytes('ab\r\ncd\r\n')], 80)).toBe(20);
    expect(estimatedLines([bytes('ab\rcd\r')], 60)).toBe(20);
  });
  it('counts bytes, not characters: UTF-16 LE lines are twice as long', () => {
    const utf16 = new Uint8Array([...'ab\n'].flatMap((c) => [c.charCodeAt(0), 0]));
    expect(estimatedLines([utf16], 600)).toBe(100);
  });
  it('a whole file in the first bytes is its own count, whatever its guessed size; no line end is one line', () => {
    expect(estimatedLines([bytes('a\nb\nc\n')], 2)).toBe(3);
    expect(estimatedLines([bytes('abcd')], 400)).toBe(100);
    expect(estimatedLines([], 400)).toBe(0);
  });
});

/** A Blob that says it is `size` bytes: `content`, then nothing (only its first bytes matter here). */
function largeBlob(content: string, size: number): Blob {
  const real = new Blob([content]);
  return { size, type: '', slice: (a?: number, b?: number) => real.slice(a, b) } as unknown as Blob;
}

/**
 * Sizing the store from the file's first bytes only ever costs memory, never rows. A file whose
 * first 64 KiB are mostly blank lines (a report with a padded preamble, or hostile input) makes
 * estimatedLines ≈ the file's size in bytes: the store is sized by size / 32 at most, and room the
 * machine will not give is grown as rows come instead.
 */
describe('store sizing from the first bytes', () => {
  it('a blank-line preamble does not cost the file its rows', async () => {
    const rows = ['start,trunk,code,callid', '2024-05-01 10:00:00,carrierA,503,c1', '2024-05-01 10:00:01,carrierA,200,c2'];
    const text = rows.join('\n') + '\n' + '\n'.repeat(70_000) + '2024-05-01 10:00:02,carrierB,603,c3\n';
    // An 8 GB file (its first 64 KiB are almost all line ends): estimatedLines ≈ 8e9, reserve(1e10).
    const result = await ingestBlob(largeBlob(text, 8e9), { fileName: 'padded.csv', formats: [tinyFormat], sliceBytes: 1 << 30 });
    expect(result.error).toBeNull();
    expect(result.rows.used).toBe(3);
  });

  it('room the machine will not give leaves the store as it was: it grows as rows come', () => {
    const store = new CallStore();
    store.add({ ...emptyRecord(), ...fromSipCode(503), startMs: 1000, trunk: 'a' });
    expect(() => store.reserve(1e10)).toThrow(RangeError);
    store.add({ ...emptyRecord(), ...fromSipCode(200), startMs: 2000, trunk: 'b' });
    expect(store.length).toBe(2);
    expect([store.startMs[0], store.startMs[1]]).toEqual([1000, 2000]);
  });
});
