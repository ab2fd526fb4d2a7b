import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ingestBlob } from '../../ingest/ingest-file';
import type { CallRecord } from '../../model/call-record';
import { buildSniffSample } from '../../read/sniff';
import { vicidialCarrierLog } from './carrier-log';
import { callerIdFromCid, vicidialExportCallsCarrier } from './export-carrier';

const FIXTURES = join(__dirname, '../../../../fixtures/cdr/vicidial-export-calls-carrier');
const fixture = (name: string) => new Uint8Array(readFileSync(join(FIXTURES, name)));

async function ingest(bytes: Uint8Array, sliceBytes?: number) {
  const records: CallRecord[] = [];
  const result = await ingestBlob(
    new Blob([bytes as BlobPart]),
    { fileName: 'unknown', formats: [vicidialCarrierLog, vicidialExportCallsCarrier], ...(sliceBytes ? { sliceBytes } : {}) },
    (r) => records.push(r),
  );
  return { result, records };
}

const byId = (records: CallRecord[], id: string): CallRecord => {
  const r = records.find((x) => x.callId === id);
  if (!r) throw new Error(`no record ${id}`);
  return r;
};
const at = (h: number, m: number, s: number) => Date.UTC(2024, 4, 1, h, m, s);

describe('vicidial-export-calls-carrier: STANDARD with header (tab, CRLF, addslashes)', () => {
  it('detects the header and accounts for every row', async () => {
    const { result, records } = await ingest(fixture('standard-header.txt'));
    expect(result.format).toMatchObject({ id: 'vicidial-export-calls-carrier', score: 1, variant: 'Export Calls Report carrier, STANDARD' });
    expect(result.delimiter).toBe('\t');
    expect(result.rows).toEqual({ read: 10, used: 8, skipped: 2, headerLines: 1 });
    expect(result.skipped).toEqual([
      { reason: 'no carrier log columns (inbound / closer-log call)', count: 1, firstLines: [11] },
      { reason: 'no carrier log entry for this call (not dialled through carrier logging)', count: 1, firstLines: [6] },
    ]);
    expect(records).toHaveLength(8);
    expect(result.capabilities).toEqual({ sipCodes: true, separates503From603: true, hasEndTimes: true, hasTrunk: true });
  });

  it('trunk from the dial log Local/ channel; phone_code splits the prefix (91, 944 → 9)', async () => {
    const { result } = await ingest(fixture('standard-header.txt'));
    expect(result.trunks).toEqual([
      { name: 'prefix 9', calls: 4 },
      { name: 'prefix 8', calls: 3 },
      { name: 'northtel', calls: 1 },
    ]);
    expect(result.trunkAliases).toEqual(new Map([['prefix 91', 'prefix 9'], ['prefix 944', 'prefix 9'], ['prefix 81', 'prefix 8']]));
  });

  it('record values: answered sale, 503, 603, UK 480, SIP peer', async () => {
    const { records } = await ingest(fixture('standard-header.txt'));
    const sale = byId(records, '1714572001.1001');
    expect(sale).toMatchObject({ trunk: 'prefix 91', sipCode: 200, codeSource: 'sip', outcome: 'answered', destination: '13125551212', callerId: '3125550000', talkSec: 38, durationSec: 47 });
    expect(sale.startMs).toBe(at(9, 0, 1));
    expect(sale.endMs).toBe(at(9, 0, 48));
    expect(byId(records, '1714572003.1004')).toMatchObject({ trunk: 'prefix 91', sipCode: 503, outcome: 'capacity', reason: 'Service Unavailable', q850: 34, startMs: at(9, 0, 3) });
    expect(byId(records, '1714572010.1012')).toMatchObject({ trunk: 'prefix 81', sipCode: 603, outcome: 'policy', reason: 'Decline', q850: 21 });
    expect(byId(records, '1714572015.1019')).toMatchObject({ trunk: 'prefix 944', sipCode: 480, outcome: 'user', destination: '442079460018', durationSec: 31 });
    expect(byId(records, '1714572020.1024')).toMatchObject({ trunk: 'prefix 81', sipCode: 487, outcome: 'user' });
    expect(byId(records, '1714572033.1039')).toMatchObject({ trunk: 'northtel', sipCode: 503, destination: '12125550199' });
  });

  it('carrier log SIP code 0: the dial log SIP code is used (Asterisk ≤11 listener)', async () => {
    const { records } = await ingest(fixture('standard-header.txt'));
    expect(byId(records, '1714572041.2048')).toMatchObject({ sipCode: 503, codeSource: 'sip', reason: 'Service Unavailable', q850: 34, trunk: 'prefix 91' });
  });
});

describe('vicidial-export-calls-carrier: variants', () => {
  it('ALTERNATE_1: pipe-delimited, no phone_code column (prefix split from the file)', async () => {
    const { result, records } = await ingest(fixture('alternate1-pipe.txt'));
    expect(result.format).toMatchObject({ id: 'vicidial-export-calls-carrier', score: 1, variant: 'Export Calls Report carrier, ALTERNATE_1' });
    expect(result.delimiter).toBe('|');
    expect(result.rows).toEqual({ read: 4, used: 4, skipped: 0, headerLines: 1 });
    expect(result.trunks).toEqual([
      { name: 'prefix 9', calls: 2 },
      { name: 'northtel', calls: 1 },
      { name: 'prefix 8', calls: 1 },
    ]);
    expect(byId(records, '1714572012.1015')).toMatchObject({ sipCode: 486, outcome: 'user', destination: '17085550193', startMs: at(9, 0, 12) });
  });

  it('EXTENDED header: the carrier block is found by name among the extra columns', async () => {
    const { result, records } = await ingest(fixture('extended-header.txt'));
    expect(result.format?.variant).toBe('Export Calls Report carrier, EXTENDED');
    expect(result.rows).toEqual({ read: 3, used: 3, skipped: 0, headerLines: 1 });
    expect(byId(records, '1714572010.1012')).toMatchObject({ sipCode: 603, trunk: 'prefix 81' });
  });

  it('header_row=NO: the block is found by shape (score 0.85)', async () => {
    const { result, records } = await ingest(fixture('headerless.txt'));
    expect(result.format).toMatchObject({ id: 'vicidial-export-calls-carrier', score: 0.85 });
    expect(result.rows).toEqual({ read: 4, used: 3, skipped: 1, headerLines: 0 });
    expect(result.skipped[0]?.reason).toBe('no carrier log entry for this call (not dialled through carrier logging)');
    expect(result.trunkAliases).toEqual(new Map([['prefix 91', 'prefix 9'], ['prefix 81', 'prefix 8']]));
    expect(byId(records, '1714572003.1004')).toMatchObject({ sipCode: 503, destination: '13125551213' });
  });

  it('UTF-8 BOM gives the same first records as without', async () => {
    const plain = (await ingest(fixture('standard-header.txt'))).records.slice(0, 3);
    const { result, records } = await ingest(fixture('utf8-bom.txt'));
    expect(result.rows).toEqual({ read: 3, used: 3, skipped: 0, headerLines: 1 });
    expect(records).toEqual(plain);
  });

  it('invalid and truncated rows are skips with reasons', async () => {
    const { result } = await ingest(fixture('invalid-and-truncated.txt'));
    expect(result.rows).toEqual({ read: 5, used: 2, skipped: 3, headerLines: 1 });
    expect(result.skipped).toEqual([
      { reason: 'bad carrier log call_date (not a date)', count: 1, firstLines: [3] },
      { reason: 'too few columns (42 of 62): truncated row?', count: 1, firstLines: [4] },
      { reason: 'too few columns (45 of 62): truncated row?', count: 1, firstLines: [6] },
    ]);
  });

  it('gives the same result at a 7-byte slice size (chunk seams), for every fixture', async () => {
    for (const name of readdirSync(FIXTURES)) {
      const whole = await ingest(fixture(name));
      const sliced = await ingest(fixture(name), 7);
      expect(sliced.records, name).toEqual(whole.records);
      expect(sliced.result.rows, name).toEqual(whole.result.rows);
      expect(sliced.result.skipped, name).toEqual(whole.result.skipped);
      expect(sliced.result.trunks, name).toEqual(whole.result.trunks);
      expect(whole.result.rows.read, name).toBe(whole.result.rows.used + whole.result.rows.skipped);
    }
  });
});

describe('vicidial-export-calls-carrier: detection and helpers', () => {
  const sample = (text: string) => buildSniffSample('unknown', text);

  it('does not claim the plain Export Calls Report, the carrier log, or other families', () => {
    const plainExport =
      'call_date\tphone_number_dialed\tstatus\tuser\tcampaign_id\tvendor_lead_code\tsource_id\tlist_id\tgmt_offset_now\tphone_code\tphone_number\ttitle\tfirst_name\r\n' +
      '2024-05-01 09:00:01\t3125551212\tSALE\t6001\tSALESQ2\t\tVDCL\t1001\t-5.00\t1\t3125551212\t\tMaria\r\n';
    expect(vicidialExportCallsCarrier.detect(sample(plainExport))).toBeNull();
    const carrierLog = new TextDecoder().decode(readFileSync(join(FIXTURES, '../vicidial-carrier-log/basic.csv')));
    expect(vicidialExportCallsCarrier.detect(sample(carrierLog))).toBeNull();
    const master = '"","","12489398620","LocalSets",""""" <>","Local/12489398620@LocalSets-00000003;2","SIP/sipus1-00000016","Dial","SIP/12489398620@sipus1","2016-09-16 15:47:26",,"2016-09-16 15:47:26",0,0,"BUSY","DOCUMENTATION","1474040846.44",""\n';
    expect(vicidialExportCallsCarrier.detect(sample(master))).toBeNull();
    const kamailio = 'id\tmethod\tfrom_tag\tto_tag\tcallid\tsip_code\tsip_reason\ttime\n1\tINVITE\ta\tb\tc@1.2.3.4\t503\tService Unavailable\t2024-05-01 10:00:00\n';
    expect(vicidialExportCallsCarrier.detect(sample(kamailio))).toBeNull();
  });

  it('reads the caller ID out of dial log outbound_cid', () => {
    expect(callerIdFromCid('\\"V5010900010000100231\\" <3125550000>')).toBe('3125550000');
    expect(callerIdFromCid('V5010900010000100231')).toBe('');
    expect(callerIdFromCid('3125550000')).toBe('3125550000');
  });
});
