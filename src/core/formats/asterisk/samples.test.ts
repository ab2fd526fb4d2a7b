/**
 * Real files from /work/shared/samples (read-only, never copied into the repo; see each folder's
 * SOURCES.md). Skipped when the folder is absent. Hand-checkable numbers come from grep/csv counts
 * over the raw files (noted per assertion).
 */
import { existsSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { CallRecord } from '../../model/call-record';
import { tokenizeAll } from '../../read/delimited-tokenizer';
import { epochFromUniqueid } from './cdr-row';
import { DateOrderResolver } from './date-order';
import { SKIP_BAD_SECONDS, SKIP_BAD_START } from './record';
import { SKIP_CONGESTION, SKIP_DAHDI, SKIP_EXTENSION, SKIP_LOCAL, SKIP_NO_TRUNK } from './trunk';
import { ingest, skipReasons, spreadsheetResaved, type Ingested } from './test-support.test';

const SAMPLES = '/work/shared/samples/';

/** Every skip in a real file must be one of these explained reasons. */
const EXPLAINED = new Set([SKIP_CONGESTION, SKIP_DAHDI, SKIP_EXTENSION, SKIP_LOCAL, SKIP_NO_TRUNK, SKIP_BAD_START, SKIP_BAD_SECONDS]);

function read(path: string): Uint8Array {
  return new Uint8Array(readFileSync(SAMPLES + path));
}

async function ingestSample(path: string): Promise<Ingested> {
  const run = await ingest(read(path));
  const { rows } = run.result;
  expect(rows.read, `${path}: read = used + skipped`).toBe(rows.used + rows.skipped);
  for (const group of run.result.skipped) expect(EXPLAINED.has(group.reason), `${path}: unexplained skip "${group.reason}"`).toBe(true);
  expect(run.result.error).toBeNull();
  return run;
}

function count<T>(items: readonly T[], key: (item: T) => string): Record<string, number> {
  const out: Record<string, number> = {};
  for (const item of items) out[key(item)] = (out[key(item)] ?? 0) + 1;
  return out;
}

describe.skipIf(!existsSync(`${SAMPLES}asterisk_cdr_csv`))('real samples: asterisk_cdr_csv', () => {
  it('simularent (18 columns, chan_sip trunk sipus1)', async () => {
    const { records, result } = await ingestSample('asterisk_cdr_csv/simularent_Master.csv');
    expect(result.format).toMatchObject({ id: 'asterisk-cdr-csv', variant: '18 columns (loguniqueid, loguserfield)' });
    expect(result.rows).toEqual({ read: 269, used: 157, skipped: 112, headerLines: 0 });
    expect(skipReasons(result)).toEqual({ [SKIP_LOCAL]: 93, [SKIP_NO_TRUNK]: 17, [SKIP_CONGESTION]: 2 });
    // grep -c '"SIP/sipus1-' → 123 lines name sipus1 in channel or dstchannel.
    expect(result.trunks.find((t) => t.name === 'sipus1')?.calls).toBe(123);
    expect(count(records, (r) => r.reason)).toEqual({ ANSWERED: 133, 'NO ANSWER': 16, BUSY: 8 });
  });

  it('BugaDM (Asterisk 11.7, FAILED towards an IP peer)', async () => {
    const { records, result } = await ingestSample('asterisk_cdr_csv/BugaDM_Master.csv');
    expect(result.format?.id).toBe('asterisk-cdr-csv');
    expect(result.rows).toEqual({ read: 105, used: 5, skipped: 100, headerLines: 0 });
    expect(records.filter((r) => r.reason === 'FAILED').map((r) => [r.trunk, r.startMs])).toEqual([
      ['172.19.45.122:5020', Date.UTC(2015, 2, 24, 16, 28, 31)],
      ['172.19.45.122:5020', Date.UTC(2015, 2, 24, 16, 29, 58)],
    ]);
  });

  it('mineevburyat (21 columns, newcdrcolumns, systemname uniqueids)', async () => {
    const { records, result } = await ingestSample('asterisk_cdr_csv/mineevburyat_Master_newcdrcolumns.csv');
    expect(result.format).toMatchObject({ id: 'asterisk-cdr-csv', variant: '21 columns (loguniqueid, loguserfield, newcdrcolumns)' });
    expect(result.rows).toEqual({ read: 84, used: 79, skipped: 5, headerLines: 0 });
    // grep -c 'SIP/stadionpbx-' → 31 rows dial the stadionpbx trunk.
    expect(result.trunks.find((t) => t.name === 'stadionpbx')?.calls).toBe(31);
    expect(records.some((r) => r.callId === 'mainserverdss-1706420300.0')).toBe(true);
  });

  it('reads the same at 7-byte slices (a windows-1252 file)', async () => {
    const path = 'asterisk_cdr_csv/mineevburyat_Master_newcdrcolumns.csv';
    const whole = await ingest(read(path));
    const sliced = await ingest(read(path), { sliceBytes: 7 });
    expect(sliced.records).toEqual(whole.records);
  });

  it.each(['simularent_Master.csv', 'BugaDM_Master.csv', 'mineevburyat_Master_newcdrcolumns.csv'])(
    '%s opened in a spreadsheet and saved again (month or day first, with or without seconds): the same calls, to the second, trunks and skips',
    async (name) => {
      const original = await ingestSample(`asterisk_cdr_csv/${name}`);
      const calls = (records: readonly CallRecord[], precision: number) => records.map((r) => [r.trunk, r.direction, r.outcome, r.reason, r.destination, Math.floor(r.startMs / precision) * precision]);
      /** Each start as the resaved file gives it, against the original's: 'exact', or 'earlier in its minute'. */
      const startsAgainst = (resaved: readonly CallRecord[]) =>
        resaved.map((r, k) => {
          const truth = original.records[k]!.startMs;
          if (r.startMs === truth) return 'exact';
          return r.startMs < truth && r.startMs >= truth - (truth % 60_000) ? 'earlier in its minute' : `off: ${r.startMs - truth} ms`;
        });
      for (const [order, seconds] of [['mdy', false], ['dmy', false], ['mdy', true]] as const) {
        const resaved = await ingest(spreadsheetResaved(new TextDecoder('windows-1252').decode(read(`asterisk_cdr_csv/${name}`)), order, seconds));
        expect(resaved.result.format?.id, `${order}${seconds ? ' with seconds' : ''}`).toBe('asterisk-cdr-csv');
        expect(resaved.result.rows).toEqual(original.result.rows);
        expect(skipReasons(resaved.result)).toEqual(skipReasons(original.result));
        expect(resaved.result.trunks).toEqual(original.result.trunks);
        expect(calls(resaved.records, 60_000)).toEqual(calls(original.records, 60_000));
        // Without seconds, each start's second comes back from its uniqueid (seconds-from-uniqueid.ts):
        // exact where the uniqueid is the start, else never later than the start nor outside its minute.
        const againstOriginal = startsAgainst(resaved.records);
        expect(againstOriginal.filter((a) => a !== 'exact' && a !== 'earlier in its minute')).toEqual([]);
        if (seconds) expect(againstOriginal.every((a) => a === 'exact')).toBe(true);
        // These three files' clocks are UTC (their first rows' starts are their uniqueids' epochs):
        // every call whose start is its uniqueid's second gets that second back.
        const startIsUniqueid = original.records.filter((r) => r.startMs === (epochFromUniqueid(r.callId) ?? Number.NaN) * 1000).length;
        expect(startIsUniqueid).toBeGreaterThan(original.records.length / 2);
        expect(againstOriginal.filter((a) => a === 'exact').length).toBeGreaterThanOrEqual(startIsUniqueid);
      }
    },
  );
});

describe.skipIf(!existsSync(`${SAMPLES}asterisk_cdr_custom`))('real samples: asterisk_cdr_custom', () => {
  it('KelySaina (legacy mapping; only calls between phones client1 and client2)', async () => {
    const { result } = await ingestSample('asterisk_cdr_custom/KelySaina_Master_cdr_custom.csv');
    expect(result.format).toMatchObject({ id: 'asterisk-cdr-custom', variant: '19 fields' });
    expect(result.rows).toEqual({ read: 14, used: 0, skipped: 14, headerLines: 0 });
    expect(skipReasons(result)).toEqual({ [SKIP_EXTENSION]: 14 });
  });
});

describe.skipIf(!existsSync(`${SAMPLES}asterisk_cdr_db_export`))('real samples: asterisk_cdr_db_export', () => {
  const path = 'asterisk_cdr_db_export/srinimonster_voipreports1_cdr_with_trunk.csv';

  it('srinimonster: SOURCES.md disposition counts over 1000 rows', () => {
    const rows = tokenizeAll(new TextDecoder().decode(read(path)), { delimiter: ',' }).slice(1);
    expect(rows).toHaveLength(1000);
    expect(count(rows, (r) => r.fields[14] ?? '')).toEqual({ ANSWERED: 646, 'NO ANSWER': 250, FAILED: 92, BUSY: 12 });
  });

  it('srinimonster: every FAILED row is a trunk attempt, an inbound call, or an explained skip', async () => {
    const { records, result } = await ingestSample(path);
    expect(result.format).toMatchObject({ id: 'asterisk-cdr-db-export', score: 1 });
    expect(result.rows).toEqual({ read: 1000, used: 429, skipped: 571, headerLines: 1 });
    expect(result.trunks.map((t) => t.name).sort()).toEqual(['Bandwidth', 'IDT', 'VIOrig', 'VITerm', 'thinQ']);
    // 92 FAILED = 38 with a PJSIP trunk in dstchannel + 21 inbound from a trunk + 33 without a trunk.
    expect(records.filter((r) => r.reason === 'FAILED' && r.outcome === 'capacity')).toHaveLength(38);
    expect(records.filter((r) => r.reason === 'inbound FAILED' && r.outcome === 'unknown')).toHaveLength(21);
  });

  it('srinimonster: the same records at 7-byte slices', async () => {
    const whole = await ingest(read(path));
    const sliced = await ingest(read(path), { sliceBytes: 7 });
    expect(sliced.records).toEqual(whole.records);
  });
});

describe.skipIf(!existsSync(`${SAMPLES}freepbx_cdr_export`))('real samples: freepbx_cdr_export', () => {
  it('CDR Reports downloads (16-column header, pre-2014 writer, only internal calls)', async () => {
    for (const name of ['apspoliveira_cdr__1504525205ucoip.g9telecom.pt.csv', 'apspoliveira_cdr__1504542198ucoip.g9telecom.pt.csv']) {
      const { result } = await ingestSample(`freepbx_cdr_export/${name}`);
      expect(result.format, name).toMatchObject({ id: 'freepbx-cdr-report', variant: '16-column header (FreePBX 13–14), pre-2014 writer (raw clid quotes)' });
      expect(result.rows, name).toEqual({ read: 100, used: 0, skipped: 100, headerLines: 1 });
    }
  });

  it('headerless table dump: 856 rows, no trunk; 40 of its 44 FAILED rows are Congestion() in the dialplan', async () => {
    const path = 'freepbx_cdr_export/apspoliveira_freepbx_cdr_table_dump.csv';
    const { result } = await ingestSample(path);
    expect(result.format).toMatchObject({ id: 'freepbx-cdr-table', variant: 'headerless dump (25 columns)' });
    expect(result.rows).toEqual({ read: 856, used: 0, skipped: 856, headerLines: 0 });
    expect(skipReasons(result)[SKIP_CONGESTION]).toBe(40);
    const rows = tokenizeAll(new TextDecoder().decode(read(path)), { delimiter: ',' }).map((r) => r.fields);
    expect(rows.filter((r) => r[11] === 'FAILED')).toHaveLength(44);
    expect(rows.filter((r) => r[11] === 'FAILED' && r[7] === 'Congestion')).toHaveLength(40);
  });

  it('headerless table dump: every D/M/YYYY date agrees with its uniqueid epoch as day/month', () => {
    const rows = tokenizeAll(new TextDecoder().decode(read('freepbx_cdr_export/apspoliveira_freepbx_cdr_table_dump.csv')), { delimiter: ',' });
    const resolver = new DateOrderResolver();
    const orders = count(rows, (r) => resolver.choose(r.fields[0] ?? '', epochFromUniqueid(r.fields[14] ?? ''))?.order ?? 'none');
    expect(orders).toEqual({ dmy: 856 });
  });

  it('Excel-trimmed 6-column extract with CR-only line endings', async () => {
    const { records, result } = await ingestSample('freepbx_cdr_export/apspoliveira_cdr_new_excel_CR_line_endings.csv');
    expect(result.format).toMatchObject({ id: 'freepbx-cdr-table', variant: 'spreadsheet subset (6 columns)' });
    expect(result.rows).toEqual({ read: 25, used: 25, skipped: 0, headerLines: 1 });
    expect(result.capabilities?.hasTrunk).toBe(false);
    expect(count(records, (r) => r.reason)).toEqual({ ANSWERED: 19, 'NO ANSWER': 4, BUSY: 2 });
    expect(records[0]).toMatchObject({ startMs: Date.UTC(2017, 7, 24, 9, 32), destination: '4502', callerId: '41000', durationSec: 20 });
  });
});
