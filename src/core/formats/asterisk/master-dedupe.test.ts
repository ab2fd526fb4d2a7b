/**
 * Which Master.csv rows are one call (call-deduper.ts dedupeKey), by hand: each Dial() makes a
 * trunk channel of its own (`-<8 hex>`, formats.md §1.5), so quick tries of one caller channel on
 * one trunk in one second are each an attempt; without a uniqueid (16 columns, cdr_csv's default:
 * formats.md §1.1) the channel names identify a call, so Master.csv and its <accountcode>.csv copy
 * (accountlogs) count it once; and the rows of one call in from a trunk are one call. The bytes
 * way (master-columns.ts) and the CallRecord way give the same keys for every row here.
 */
import { describe, expect, it } from 'vitest';
import { DIRECTIONS } from '../../analysis/call-columns';
import { DUPLICATE_REASON } from '../../ingest/call-deduper';
import { ingestFiles } from '../../ingest/ingest-files';
import { parseOneWay, sameBothWays } from '../../ingest/parse-rows-test-support';
import { asteriskCdrCsv } from './cdr-csv';

/** 21 columns (loguniqueid, loguserfield, newcdrcolumns): caller 1001's channel dials carrierA three times, 1002 and 1003 once each. */
const RETRIES_21 = [
  '"","1001","13125550001","from-internal","""A"" <1001>","PJSIP/1001-00000001","PJSIP/carrierA-00000002","Dial","PJSIP/13125550001@carrierA,60","2024-05-04 11:00:00",,"2024-05-04 11:00:00",0,0,"FAILED","DOCUMENTATION","1714820400.1","","","1714820400.1",10',
  '"","1001","13125550001","from-internal","""A"" <1001>","PJSIP/1001-00000001","PJSIP/carrierA-00000003","Dial","PJSIP/13125550001@carrierA,60","2024-05-04 11:00:00",,"2024-05-04 11:00:00",0,0,"FAILED","DOCUMENTATION","1714820400.1","","","1714820400.1",11',
  '"","1001","13125550001","from-internal","""A"" <1001>","PJSIP/1001-00000001","PJSIP/carrierA-00000004","Dial","PJSIP/13125550001@carrierA,60","2024-05-04 11:00:01","2024-05-04 11:00:05","2024-05-04 11:00:41",40,36,"ANSWERED","DOCUMENTATION","1714820400.1","","","1714820400.1",12',
  '"","1002","13125550002","from-internal","""B"" <1002>","PJSIP/1002-00000005","PJSIP/carrierA-00000006","Dial","PJSIP/13125550002@carrierA,60","2024-05-04 11:00:05",,"2024-05-04 11:00:05",0,0,"FAILED","DOCUMENTATION","1714820405.5","","","1714820405.5",13',
  '"","1003","13125550003","from-internal","""C"" <1003>","PJSIP/1003-00000007","PJSIP/carrierA-00000008","Dial","PJSIP/13125550003@carrierA,60","2024-05-04 11:00:10",,"2024-05-04 11:00:13",3,0,"NO ANSWER","DOCUMENTATION","1714820410.7","","","1714820410.7",14',
].join('\n');

/** The first two of RETRIES_21 in 18 columns (no newcdrcolumns): they differ in dstchannel alone. */
const RETRIES_18 = [
  '"","1001","13125550001","from-internal","""A"" <1001>","PJSIP/1001-00000001","PJSIP/carrierA-00000002","Dial","PJSIP/13125550001@carrierA,60","2024-05-04 11:00:00",,"2024-05-04 11:00:00",0,0,"FAILED","DOCUMENTATION","1714820400.1",""',
  '"","1001","13125550001","from-internal","""A"" <1001>","PJSIP/1001-00000001","PJSIP/carrierA-00000003","Dial","PJSIP/13125550001@carrierA,60","2024-05-04 11:00:00",,"2024-05-04 11:00:00",0,0,"FAILED","DOCUMENTATION","1714820400.1",""',
].join('\n');

/**
 * 16 columns (no uniqueid): four calls of account `sales` and one of no account on flowroute.
 * Lines 1 and 2 are two Dial()s of one caller channel in one second; lines 3 and 4 two callers to
 * one number in one second.
 */
const SALES_16 = [
  '"sales","2125550101","13035550000","from-dialer","""Sales"" <2125550101>","PJSIP/dialer-00000000","PJSIP/flowroute-00000001","Dial","PJSIP/13035550000@flowroute,60","2024-05-02 09:00:00",,"2024-05-02 09:00:00",0,0,"FAILED","DOCUMENTATION"',
  '"sales","2125550101","13035550000","from-dialer","""Sales"" <2125550101>","PJSIP/dialer-00000000","PJSIP/flowroute-00000002","Dial","PJSIP/13035550000@flowroute,60","2024-05-02 09:00:00","2024-05-02 09:00:04","2024-05-02 09:01:04",64,60,"ANSWERED","DOCUMENTATION"',
  '"sales","2125550102","14035550001","from-dialer","""Sales"" <2125550102>","PJSIP/dialer-00000003","PJSIP/flowroute-00000004","Dial","PJSIP/14035550001@flowroute,60","2024-05-02 09:00:37",,"2024-05-02 09:00:57",20,0,"NO ANSWER","DOCUMENTATION"',
  '"sales","2125550103","14035550001","from-dialer","""Sales"" <2125550103>","PJSIP/dialer-00000005","PJSIP/flowroute-00000006","Dial","PJSIP/14035550001@flowroute,60","2024-05-02 09:00:37",,"2024-05-02 09:00:57",20,0,"NO ANSWER","DOCUMENTATION"',
];
const OTHER_16 = '"","1001","15035550002","from-internal","""Alice"" <1001>","PJSIP/1001-00000007","PJSIP/flowroute-00000008","Dial","PJSIP/15035550002@flowroute,60","2024-05-02 09:01:14","2024-05-02 09:01:19","2024-05-02 09:02:19",65,60,"ANSWERED","DOCUMENTATION"';
/** Master.csv holds every row; sales.csv (accountlogs) a copy of the sales rows. */
const MASTER_16 = [SALES_16[0], OTHER_16, ...SALES_16.slice(1)].join('\n');
const SALES_COPY_16 = SALES_16.join('\n');

/**
 * 16 columns: a call in on carrier-east ringing a group (Dial(PJSIP/1001&PJSIP/1002): a row per
 * phone, one channel, one start), then a day later, after a restart, another call in whose
 * channel has the same name (the counter starts again: formats.md §1.5).
 */
const RING_GROUP_16 = [
  '"","3125550100","5551000","from-pstn","""CALLER"" <3125550100>","PJSIP/carrier-east-00000011","PJSIP/1001-00000012","Dial","PJSIP/1001&PJSIP/1002,20","2024-05-01 10:09:00","2024-05-01 10:09:04","2024-05-01 10:10:04",64,60,"ANSWERED","DOCUMENTATION"',
  '"","3125550100","5551000","from-pstn","""CALLER"" <3125550100>","PJSIP/carrier-east-00000011","PJSIP/1002-00000013","Dial","PJSIP/1001&PJSIP/1002,20","2024-05-01 10:09:00",,"2024-05-01 10:10:04",64,0,"NO ANSWER","DOCUMENTATION"',
  '"","3125550177","5551000","from-pstn","""OTHER"" <3125550177>","PJSIP/carrier-east-00000011","PJSIP/1001-00000012","Dial","PJSIP/1001&PJSIP/1002,20","2024-05-02 08:00:00","2024-05-02 08:00:03","2024-05-02 08:00:33",30,27,"ANSWERED","DOCUMENTATION"',
].join('\n');

const file = (name: string, text: string) => ({ name, blob: new Blob([`${text}\n`]) });
const read = (...files: Array<{ name: string; blob: Blob }>) => ingestFiles(files, { formats: [asteriskCdrCsv] });
const codes = (byCode: ReadonlyArray<{ code: string; count: number }>) => Object.fromEntries(byCode.map((c) => [c.code, c.count]));

describe('Master.csv: which rows are one call', () => {
  it('two Dial()s of one caller channel on one trunk in one second are two attempts (21 columns: 5 rows, 5 attempts, 3 FAILED)', async () => {
    const { summary } = await read(file('Master.csv', RETRIES_21));
    expect(summary.files[0]!.rows).toMatchObject({ read: 5, used: 5, skipped: 0 });
    const carrierA = summary.trunks.find((t) => t.name === 'carrierA')!;
    expect(carrierA.attempts).toBe(5);
    expect(codes(carrierA.byCode)).toEqual({ FAILED: 3, ANSWERED: 1, 'NO ANSWER': 1 });
  });

  it('the same rows given twice are one call each: the second file is 5 duplicates', async () => {
    const { summary } = await read(file('Master.csv', RETRIES_21), file('Master-again.csv', RETRIES_21));
    expect(summary.files[1]!.rows).toMatchObject({ read: 5, used: 0, skipped: 5 });
    expect(summary.files[1]!.skipped).toEqual([{ reason: DUPLICATE_REASON, count: 5, firstLines: [1, 2, 3, 4, 5] }]);
    expect(summary.trunks.find((t) => t.name === 'carrierA')!.attempts).toBe(5);
  });

  it('the two tries in 18 columns (one uniqueid, dstchannel -00000002 and -00000003) are two attempts', async () => {
    const { summary } = await read(file('Master.csv', RETRIES_18));
    expect(summary.files[0]!.rows).toMatchObject({ read: 2, used: 2, skipped: 0 });
    expect(summary.trunks.find((t) => t.name === 'carrierA')!.attempts).toBe(2);
  });

  it('16 columns: Master.csv and its account copy count each call once, the copy rows skipped as duplicates', async () => {
    const { summary } = await read(file('Master.csv', MASTER_16), file('sales.csv', SALES_COPY_16));
    // Master.csv: 5 calls (two tries of one channel in one second, two callers in one second: each an attempt).
    expect(summary.files[0]!.rows).toMatchObject({ read: 5, used: 5, skipped: 0 });
    expect(summary.files[1]!.rows).toMatchObject({ read: 4, used: 0, skipped: 4 });
    expect(summary.files[1]!.skipped).toEqual([{ reason: DUPLICATE_REASON, count: 4, firstLines: [1, 2, 3, 4] }]);
    const flowroute = summary.trunks.find((t) => t.name === 'flowroute')!;
    expect(flowroute.attempts).toBe(5);
    expect(codes(flowroute.byCode)).toEqual({ ANSWERED: 2, 'NO ANSWER': 2, FAILED: 1 });
  });

  it('16 columns: the rows of a call in ringing a group are one inbound call; the same channel name a day later is another', async () => {
    const { summary, store } = await read(file('Master.csv', RING_GROUP_16));
    expect(summary.files[0]!.rows).toMatchObject({ read: 3, used: 2, skipped: 1 });
    expect(summary.files[0]!.skipped).toEqual([{ reason: DUPLICATE_REASON, count: 1, firstLines: [2] }]);
    const inbound = DIRECTIONS.indexOf('inbound');
    expect(store.direction.subarray(0, store.length).filter((d) => d === inbound)).toHaveLength(2);
  });
});

describe('Master.csv: the bytes way and the CallRecord way give the same keys', () => {
  const parsed = (text: string | Uint8Array, records: boolean) => parseOneWay(asteriskCdrCsv.createParser({ fileName: 'Master.csv', delimiter: ',' }), text, records);
  const keys = (text: string) => [...parsed(text, false).calls.dedupeKeys];

  it('every row here is written from its bytes, with the keys the records give', () => {
    // sameBothWays compares the calls, lines, keys and accounting of the two ways.
    for (const [text, rows] of [[RETRIES_21, 5], [RETRIES_18, 2], [MASTER_16, 5], [SALES_COPY_16, 4], [RING_GROUP_16, 3]] as const) expect(sameBothWays(parsed, text)).toBe(rows);
  });

  it('keys by hand: tries apart, a copy the same, a ring group one, a recycled channel name on another day not', () => {
    const retries = keys(RETRIES_21);
    expect(new Set(retries).size).toBe(5);
    expect(keys(RETRIES_18)[0]).not.toBe(keys(RETRIES_18)[1]);
    expect(keys(MASTER_16).every((k) => !Number.isNaN(k))).toBe(true);
    expect(keys(SALES_COPY_16)).toEqual([0, 2, 3, 4].map((i) => keys(MASTER_16)[i]));
    const [first, second, later] = keys(RING_GROUP_16);
    expect(second).toBe(first);
    expect(later).not.toBe(first);
  });

  it('a 16-column row with no channel names has no key (never a duplicate), as before', () => {
    // The trunk from lastdata alone (a channel never made); the CallRecord way reads it.
    const noNames = SALES_16[0]!.replace('"PJSIP/dialer-00000000","PJSIP/flowroute-00000001"', '"",""');
    sameBothWays(parsed, noNames);
    const { calls, rows } = parsed(noNames, false);
    expect(rows).toMatchObject({ read: 1, used: 1 });
    expect([...calls.dedupeKeys]).toEqual([Number.NaN]);
  });
});
