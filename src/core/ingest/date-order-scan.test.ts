/**
 * A file's day/month order is found before its rows are parsed (date-order-scan.ts), so that rows
 * whose start reads both ways (`05/03/2015`) are read in it wherever they are: past the 20,000 rows
 * a parser holds waiting for a proof, and in every piece of a file read in pieces. The files are
 * March 2015, a fixed number of calls a day, written day first or month first, as a spreadsheet
 * writes them back; the first start that reads one way only is 13 March's first.
 */
import { describe, expect, it, vi } from 'vitest';
import { FORMATS } from '../formats/registry';
import { SAMPLE_DAY } from '../scenario/scenario';
import { asteriskMasterCsvWriter } from '../scenario/writers/asterisk-master-csv';
import { writeScenarioText } from '../scenario/writers/writer';
import type * as scanModule from './date-order-scan';
import { sampleStarts, scanStartOrder, startOrderOf } from './date-order-scan';
import { ingestFiles, type IngestedFiles } from './ingest-files';
import { inProcessPool } from './pieces/in-process-pool';
import type { PiecePool } from './pieces/piece-types';

// The scan called through, counted: a file whose starts are not such dates must not be scanned.
vi.mock('./date-order-scan', async (importOriginal) => {
  const actual = await importOriginal<typeof scanModule>();
  return { ...actual, scanStartOrder: vi.fn(actual.scanStartOrder) };
});

const DAY_MS = 86_400_000;
const MARCH_1 = Date.UTC(2015, 2, 1);
const APRIL_1 = Date.UTC(2015, 3, 1);

const two = (n: number) => String(n).padStart(2, '0');

/** Day `day` of March 2015 at `seconds` past midnight, written day first or month first. */
function marchStart(day: number, seconds: number, order: 'dmy' | 'mdy'): string {
  const date = order === 'dmy' ? `${two(day)}/03/2015` : `03/${two(day)}/2015`;
  return `${date} ${two(Math.floor(seconds / 3600))}:${two(Math.floor(seconds / 60) % 60)}:${two(seconds % 60)}`;
}

/** Every call of March 2015 (`days` of it), `perDay` a day from midnight evenly apart: `row(start, i)` per call, in order. */
function marchRows(perDay: number, order: 'dmy' | 'mdy', row: (start: string, i: number) => string, days = 31): string[] {
  const rows: string[] = [];
  for (let day = 1; day <= days; day++) {
    for (let k = 0; k < perDay; k++) rows.push(row(marchStart(day, (k * 86_400) / perDay, order), rows.length));
  }
  return rows;
}

/** A CSV with a header (the generic reader, one pass): every 50th call refused with 503. */
function genericMarch(perDay: number, order: 'dmy' | 'mdy', days = 31): Blob {
  const rows = marchRows(perDay, order, (start, i) => `${start},carrier-a,${i % 50 === 0 ? 503 : 200},1312555${String(i % 10_000).padStart(4, '0')}`, days);
  return new Blob([`Start Time,Carrier,SIP Code,Destination\n${rows.join('\n')}\n`]);
}

/** A Master.csv (splittable: read in pieces) whose uniqueids hold no time: the starts alone tell the order. */
function masterMarch(perDay: number, order: 'dmy' | 'mdy'): Blob {
  const rows = marchRows(
    perDay,
    order,
    (start, i) => `"","1001","1312555${two(i % 100)}","from-internal","","SIP/1001-00000001","SIP/carrier-0000000a","Dial","SIP/1312555${two(i % 100)}@carrier,60","${start}","","${start}",0,0,"FAILED","DOCUMENTATION","call-${i}",""`,
  );
  return new Blob([`${rows.join('\r\n')}\r\n`]);
}

/** The calls' start times (wall ms), in the store's order. */
const startsOf = (built: IngestedFiles) => Array.from(built.store.startMs.subarray(0, built.store.length));

/** Calls per day of March (index 0: 1 March), and how many fall outside March. */
function perMarchDay(starts: readonly number[]): { days: number[]; outside: number } {
  const days = new Array<number>(31).fill(0);
  let outside = 0;
  for (const ms of starts) {
    if (ms >= MARCH_1 && ms < APRIL_1) days[Math.floor((ms - MARCH_1) / DAY_MS)]!++;
    else outside++;
  }
  return { days, outside };
}

/** Pieces of `pieceBytes` parsed in-process by a pool of 2, as the app's workers parse them. */
async function inPieces(blob: Blob, name: string, pieceBytes: number): Promise<IngestedFiles> {
  const inProcess = inProcessPool(FORMATS);
  const pool: PiecePool = { size: 2, parse: (job) => inProcess.parse(job) };
  return ingestFiles([{ name, blob }], { pool, pieceBytes });
}

const scans = () => vi.mocked(scanStartOrder).mock.calls.length;

describe('a start that reads one way only', () => {
  it('proves day first (a first number above 12) or month first (a second one); both numbers ≤ 12 read either way', () => {
    expect(startOrderOf('24/03/2015 09:00')).toBe('dmy');
    expect(startOrderOf('03/24/2015 09:00')).toBe('mdy');
    expect(startOrderOf('05/03/2015 09:00')).toBe('either');
    // The same time both ways, no time in either, an ISO time: nothing to tell.
    expect(startOrderOf('03/03/2015 09:00')).toBeNull();
    expect(startOrderOf('31/02/2015 09:00')).toBeNull();
    expect(startOrderOf('2015-03-24 09:00:00')).toBeNull();
  });

  it("the sample's starts: the first proof; nothing when both orders are proven or no start reads both ways", () => {
    const rows = (...starts: string[]) => [['Start Time'], ...starts.map((s) => [s])];
    expect(sampleStarts(rows('05/03/2015 09:00', '13/03/2015 09:00', '14/03/2015 09:00'), 0)).toEqual({ kind: 'proven', proven: { order: 'dmy', proof: '13/03/2015 09:00' } });
    expect(sampleStarts(rows('05/03/2015 09:00', '06/03/2015 09:00'), 0)).toEqual({ kind: 'open' });
    expect(sampleStarts(rows('13/03/2015 09:00', '03/14/2015 09:00'), 0)).toEqual({ kind: 'nothing' });
    expect(sampleStarts(rows('2015-03-05 09:00:00'), 0)).toEqual({ kind: 'nothing' });
  });
});

describe('the start column scanned before the rows', () => {
  it('stops at the chunk that holds the first proof, and reads only the start field (a later field may hold any date)', async () => {
    // Line 1 a header, lines 2–4 read both ways (a note of 25/12/2014 on line 3 proves nothing), line 5 proves day first.
    const lines = ['Start,Note', '05/03/2015 09:00,x', '06/03/2015 09:00,25/12/2014', '07/03/2015 09:00,x', '13/03/2015 09:00,x', '03/14/2015 09:00,x'];
    let pulled = 0;
    const chunks = (async function* () {
      for (const line of lines) {
        pulled++;
        yield new TextEncoder().encode(`${line}\n`);
      }
    })();
    const outcome = await scanStartOrder(chunks, { startField: 0, delimiter: ',', quotedNewlines: false, encoding: 'utf-8' });
    expect(outcome.proven).toEqual({ order: 'dmy', proof: '13/03/2015 09:00' });
    // The fifth line's chunk held the proof; the sixth (month first) was never read.
    expect(pulled).toBe(5);
    expect(outcome.bytes).toBe(lines.slice(0, 5).join('\n').length + 1);
  });

  it('stops when its signal aborts', async () => {
    const stop = new AbortController();
    stop.abort(new Error('stopped'));
    const chunks = (async function* () {
      yield new TextEncoder().encode('05/03/2015 09:00\n');
    })();
    await expect(scanStartOrder(chunks, { startField: 0, delimiter: ',', quotedNewlines: false, encoding: 'utf-8', signal: stop.signal })).rejects.toThrow('stopped');
  });
});

describe('a day-first file whose first days are all ≤ 12', () => {
  // 1,920 calls a day (45 s apart): 1–12 March but the 3rd (03/03 reads the same both ways) are
  // 11 × 1,920 = 21,120 rows that read both ways, 1,120 more than the 20,000 a parser holds: 12 March
  // from 10:00:00 on (its 800th call: 3,840 + 8 × 1,920 + 800 = 20,000). 13 March's first proves day first.
  const PER_DAY = 1_920;

  it('one pass: every call in March, 1,920 a day, 2015-03-01 00:00:00 → 2015-03-31 23:59:15, no month-first note', async () => {
    const before = scans();
    const built = await ingestFiles([{ name: 'march-dmy.csv', blob: genericMarch(PER_DAY, 'dmy') }]);
    const file = built.summary.files[0]!;
    expect(file.rows).toMatchObject({ read: 31 * PER_DAY, used: 31 * PER_DAY, skipped: 0 });
    // Before: the 1,120 rows of 12 March from 10:00:00 were read as 3 December.
    expect(perMarchDay(startsOf(built))).toEqual({ days: new Array(31).fill(PER_DAY), outside: 0 });
    expect(built.summary.span).toEqual({ firstMs: MARCH_1, lastMs: Date.UTC(2015, 2, 31, 23, 59, 15) });
    expect(file.companionHint).toBeNull();
    expect(file.dateOrder).toEqual({ order: 'dmy', basis: 'file', from: null, proof: '13/03/2015 00:00:00' });
    expect(scans()).toBe(before + 1);
  }, 60_000);

  it('month first likewise (03/13/2015 proves it): every call in March, no note', async () => {
    const built = await ingestFiles([{ name: 'march-mdy.csv', blob: genericMarch(PER_DAY, 'mdy') }]);
    const file = built.summary.files[0]!;
    expect(perMarchDay(startsOf(built))).toEqual({ days: new Array(31).fill(PER_DAY), outside: 0 });
    expect(file.companionHint).toBeNull();
    expect(file.dateOrder).toEqual({ order: 'mdy', basis: 'file', from: null, proof: '03/13/2015 00:00:00' });
  }, 60_000);
});

describe('a Master.csv read in pieces of 64 KB gives the calls of one pass', () => {
  // 100 calls a day, ~190 bytes each: ~590 KB, 9 or 10 pieces; 1–12 March (1,200 rows, ~230 KB) fill the first three or four.
  const PER_DAY = 100;

  for (const order of ['dmy', 'mdy'] as const) {
    it(`written ${order === 'dmy' ? 'day' : 'month'} first: the same 3,100 calls, 100 each day of March`, async () => {
      const blob = masterMarch(PER_DAY, order);
      const onePass = await ingestFiles([{ name: 'Master.csv', blob }]);
      const pieces = await inPieces(blob, 'Master.csv', 64 << 10);
      expect(pieces.summary.files[0]!.pieces).toBeGreaterThan(4);
      expect(perMarchDay(startsOf(onePass))).toEqual({ days: new Array(31).fill(PER_DAY), outside: 0 });
      // Before (day first): the pieces holding only 1–12 March read them month first (January to December).
      expect(startsOf(pieces)).toEqual(startsOf(onePass));
      expect(pieces.summary.files[0]!.rows).toEqual(onePass.summary.files[0]!.rows);
      expect(pieces.summary.files[0]!.dateOrder).toEqual(onePass.summary.files[0]!.dateOrder);
      expect(pieces.summary.files[0]!.companionHint).toBe(onePass.summary.files[0]!.companionHint);
    }, 60_000);
  }
});

describe('files the scan leaves as they were', () => {
  it('a file whose starts all read both ways: scanned to its end, month first assumed, and its card says so', async () => {
    // 1–12 March only, 10 calls a day: 120 rows, none with a day above 12.
    const before = vi.mocked(scanStartOrder).mock.results.length;
    const built = await ingestFiles([{ name: 'first-days.csv', blob: genericMarch(10, 'dmy', 12) }]);
    const scan = await vi.mocked(scanStartOrder).mock.results[before]!.value;
    expect(scan.proven).toBeNull();
    const file = built.summary.files[0]!;
    expect(scan.bytes).toBe(file.byteSize);
    // 05/03/2015 read month first is 3 May: the 120 calls fall on the 3rd of January to December.
    expect(perMarchDay(startsOf(built)).outside).toBe(110);
    expect(file.dateOrder).toEqual({ order: 'mdy', basis: 'assumed', from: null, proof: null });
    expect(file.companionHint).toBe(
      'Dates such as 01/03/2015 00:00:00 are read month first (2015-01-03), an assumption: no date in this file has a day above 12 to tell. ' +
        'If your system writes the day first (2015-03-01), the dates shown are off; the times of day and the rates are not.',
    );
  });

  it('a Master.csv with ISO times (the bench path), in one pass or in pieces, is not scanned', async () => {
    const blob = new Blob([writeScenarioText(SAMPLE_DAY, asteriskMasterCsvWriter({ hangupCauseInUserfield: false }))]);
    const before = scans();
    await ingestFiles([{ name: 'Master.csv', blob }]);
    const pieces = await inPieces(blob, 'Master.csv', 64 << 10);
    expect(pieces.summary.files[0]!.pieces).toBeGreaterThan(1);
    expect(scans()).toBe(before);
  }, 60_000);
});
