/**
 * Every fixture of fixtures/cdr/generic-csv/ through the real ingest (encoding detection, sniffing,
 * delimiter guess, tokenizer with quoted newlines, row accounting), read as 'unknown' so detection
 * works from content alone, and again at tiny slice sizes (chunk seams).
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import type { CallRecord } from '../../model/call-record';
import { ingestBlob } from '../../ingest/ingest-file';
import { headerSignature } from '../format-module';
import { FORMATS } from '../registry';
import { BLANK_TRUNK, genericCsv, NO_TRUNK_COLUMN } from './index';

const FIXTURES = fileURLToPath(new URL('../../../../fixtures/cdr/generic-csv/', import.meta.url));

async function ingest(name: string, sliceBytes?: number) {
  const bytes = readFileSync(FIXTURES + name);
  const records: CallRecord[] = [];
  const result = await ingestBlob(new Blob([bytes]), { fileName: 'unknown', formats: [genericCsv], ...(sliceBytes ? { sliceBytes } : {}) }, (r) => records.push(r));
  return { records, result };
}

const utc = (y: number, mo: number, d: number, h: number, mi: number, s = 0) => Date.UTC(y, mo - 1, d, h, mi, s);
const brief = (r: CallRecord) => [r.trunk, r.sipCode, r.codeSource, r.outcome, r.reason];

describe('generic-csv fixtures', () => {
  it('DIDWW-like outbound export: 6 calls, no trunk column, SIP codes and phrases', async () => {
    const { records, result } = await ingest('didww-outbound.csv');
    expect(result.error).toBeNull();
    expect(result.format).toMatchObject({ id: 'generic-csv', score: 0.367 });
    expect(result.rows).toEqual({ read: 6, used: 6, skipped: 0, headerLines: 1 });
    expect(result.capabilities).toEqual({ sipCodes: true, separates503From603: true, hasEndTimes: true, hasTrunk: false });
    expect(result.mapping?.roles).toEqual({ start: 0, answer: 1, end: 2, callerId: 3, destination: 5, duration: 6, sipCode: 8, reason: 9 });
    expect(records.map(brief)).toEqual([
      [NO_TRUNK_COLUMN, 200, 'sip', 'answered', 'OK'],
      [NO_TRUNK_COLUMN, 503, 'sip', 'capacity', 'Service Unavailable'],
      [NO_TRUNK_COLUMN, 603, 'sip', 'policy', 'Decline'],
      [NO_TRUNK_COLUMN, 487, 'sip', 'user', 'Request Terminated'],
      [NO_TRUNK_COLUMN, 403, 'sip', 'policy', 'Forbidden - Insufficient balance'],
      [NO_TRUNK_COLUMN, 200, 'sip', 'answered', 'OK'],
    ]);
    expect(records[0]).toMatchObject({
      startMs: utc(2024, 5, 1, 10, 0, 1), answerMs: utc(2024, 5, 1, 10, 0, 5), endMs: utc(2024, 5, 1, 10, 1, 5),
      callerId: '12025550100', destination: '442071838750', durationSec: 60, talkSec: 60, q850: null, callId: '',
    });
    expect(records[3]).toMatchObject({ destination: '4915735984000', answerMs: null, durationSec: 0, talkSec: null });
  });

  it('Invade-like export with Trunk Name, CRLF: trunks from the column, CLI as caller ID', async () => {
    const { records, result } = await ingest('invade-trunk-name-crlf.csv');
    expect(result.rows).toEqual({ read: 6, used: 6, skipped: 0, headerLines: 1 });
    expect(result.trunks).toEqual([
      { name: 'UK-Premium', calls: 3 },
      { name: 'US-Standard', calls: 3 },
    ]);
    expect(records.map(brief)).toEqual([
      ['UK-Premium', 200, 'sip', 'answered', 'OK'],
      ['UK-Premium', 503, 'sip', 'capacity', 'Service Unavailable'],
      ['UK-Premium', 503, 'sip', 'capacity', 'Service Unavailable'],
      ['US-Standard', 603, 'sip', 'policy', 'Declined'],
      ['US-Standard', 487, 'sip', 'user', 'Request Terminated'],
      ['US-Standard', 200, 'sip', 'answered', 'OK'],
    ]);
    // CRLF: no stray \r at the end of the last column.
    expect(records[5]).toMatchObject({ startMs: utc(2024, 6, 3, 9, 15, 4), callerId: '441632960003', destination: '12025550125', durationSec: 95, endMs: utc(2024, 6, 3, 9, 16, 39) });
  });

  it('Sinch `;` file: Result words, Reason text, no SIP codes; FAILED is "other", not a 503', async () => {
    const { records, result } = await ingest('sinch-semicolon.csv');
    expect(result.delimiter).toBe(';');
    expect(result.rows).toEqual({ read: 5, used: 5, skipped: 0, headerLines: 1 });
    expect(result.capabilities).toEqual({ sipCodes: false, separates503From603: false, hasEndTimes: true, hasTrunk: false });
    expect(records.map(brief)).toEqual([
      [NO_TRUNK_COLUMN, null, 'disposition', 'answered', 'CALLEEHANGUP'],
      [NO_TRUNK_COLUMN, null, 'disposition', 'user', 'BUSY'], // Reason "N/A" → the Result word
      [NO_TRUNK_COLUMN, null, 'disposition', 'user', 'TIMEOUT'],
      [NO_TRUNK_COLUMN, null, 'disposition', 'other', 'BLOCKED'],
      [NO_TRUNK_COLUMN, null, 'disposition', 'other', 'NOCREDITPARTNER'],
    ]);
    expect(records[0]).toMatchObject({
      callId: 'c0a8-0001', startMs: utc(2024, 7, 10, 8, 0, 0), answerMs: utc(2024, 7, 10, 8, 0, 7), durationSec: 65,
      callerId: '+14155550100', destination: '+14155550199',
    });
  });

  // With the whole registry this file is the FreeSWITCH reader's (freeswitch/header-line.test.ts):
  // this reader still reads such names where a file's rows are not FreeSWITCH's.
  it('`|`-delimited FreeSWITCH custom template: gateway as trunk, SIP status over cause, cause alone → q850', async () => {
    const { records, result } = await ingest('freeswitch-custom-pipe.csv');
    expect(result.delimiter).toBe('|');
    expect(result.rows).toEqual({ read: 6, used: 6, skipped: 0, headerLines: 1 });
    expect(records.map((r) => [...brief(r), r.q850])).toEqual([
      ['gw_alpha', 200, 'sip', 'answered', 'OK', 16],
      ['gw_alpha', 503, 'sip', 'capacity', 'Service Unavailable', 41],
      ['gw_beta', 603, 'sip', 'policy', 'Decline', 21],
      ['gw_beta', null, 'q850', 'policy', 'CALL_REJECTED', 21], // no SIP status: 403 or 603
      ['gw_beta', 486, 'sip', 'user', 'Busy Here', 17],
      [BLANK_TRUNK, 404, 'q850', 'number', 'NO_ROUTE_DESTINATION', 3],
    ]);
    expect(records[0]).toMatchObject({ callId: '5b1d7a3e-0001', durationSec: 124, talkSec: 120, answerMs: utc(2024, 8, 20, 14, 0, 4) });
  });

  it('TSV with generic names: date, carrier, response code, q850, ani, dnis, talk time (h:mm:ss)', async () => {
    const { records, result } = await ingest('generic.tsv');
    expect(result.delimiter).toBe('\t');
    expect(result.mapping?.roles).toEqual({ start: 0, trunk: 1, sipCode: 2, cause: 3, callerId: 4, destination: 5, talk: 6 });
    expect(records.map((r) => [...brief(r), r.q850, r.talkSec])).toEqual([
      ['Alpha Voice', 200, 'sip', 'answered', '', 16, 90],
      ['Alpha Voice', 503, 'sip', 'capacity', '', 41, 0],
      ['Beta Telecom', null, 'q850', 'policy', 'CALL_REJECTED', 21, 0],
      ['Beta Telecom', 480, 'sip', 'user', '', 19, 0],
    ]);
  });

  it('quoted field with a newline, doubled quotes and a comma (Twilio-like, RFC 2822 times with offsets)', async () => {
    const { records, result } = await ingest('twilio-quoted-newline.csv');
    expect(result.rows).toEqual({ read: 6, used: 6, skipped: 0, headerLines: 1 });
    expect(result.skipped).toEqual([]);
    expect(records.map((r) => [r.callId, r.outcome, r.codeSource, r.reason])).toEqual([
      ['CA0001', 'answered', 'disposition', 'completed'],
      ['CA0002', 'user', 'disposition', 'busy'],
      ['CA0003', 'user', 'disposition', 'no-answer'],
      ['CA0004', 'other', 'disposition', 'failed'],
      ['CA0005', 'user', 'disposition', 'canceled'],
      ['CA0006', 'answered', 'disposition', 'completed'],
    ]);
    expect(records.every((r) => r.sipCode === null && r.trunk === NO_TRUNK_COLUMN)).toBe(true);
    // start_time (not date_created); the digits as written, offsets dropped: CA0006's "14:00:10 +0200"
    // is 14:00:10, as the file shows it (times are shown as in the file; the SQL reader does the same).
    expect(records[0]).toMatchObject({ startMs: utc(2024, 10, 1, 12, 0, 0), endMs: utc(2024, 10, 1, 12, 1, 10), durationSec: 70 });
    expect(records[5]).toMatchObject({ startMs: utc(2024, 10, 1, 14, 0, 10), callerId: '+14155550105', destination: '+15005550006' });
  });

  it('UTF-8 BOM, Asterisk DB export: HANGUPCAUSE tech text wins, then the cause, then the disposition', async () => {
    const { records, result } = await ingest('asterisk-db-bom.csv');
    expect(result.encoding).toBe('utf-8');
    expect(result.mapping?.header[0]).toBe('calldate'); // BOM gone
    expect(result.rows).toEqual({ read: 5, used: 5, skipped: 0, headerLines: 1 });
    expect(records.map((r) => [...brief(r), r.q850])).toEqual([
      ['carrierA', null, 'q850', 'answered', 'NORMAL_CLEARING', 16],
      ['carrierA', 503, 'sip', 'capacity', 'Service Unavailable', 34],
      ['carrierB', 603, 'sip', 'policy', 'Decline', 21],
      ['carrierB', 503, 'q850', 'capacity', 'NORMAL_CIRCUIT_CONGESTION', 34],
      [BLANK_TRUNK, null, 'disposition', 'user', 'BUSY', null],
    ]);
    expect(records[0]).toMatchObject({ callId: '1728115200.1', callerId: '1001', destination: '5551234', durationSec: 30, talkSec: 25 });
  });

  it('Excel "Unicode text" (UTF-16 LE + BOM, tab, CRLF): a Status column of codes is the SIP code; dd/mm/yyyy', async () => {
    const { records, result } = await ingest('excel-unicode-text-utf16le.txt');
    expect(result.encoding).toBe('utf-16le');
    expect(result.delimiter).toBe('\t');
    expect(result.mapping?.roles).toEqual({ start: 0, trunk: 1, sipCode: 2, callerId: 3, destination: 4, duration: 5 });
    expect(records.map(brief)).toEqual([
      ['Øresund Tele', 200, 'sip', 'answered', ''],
      ['Øresund Tele', 503, 'sip', 'capacity', ''],
      ['Nordic Carrier', 603, 'sip', 'policy', ''],
      ['Nordic Carrier', 404, 'sip', 'number', ''],
    ]);
    expect(records.map((r) => r.startMs)).toEqual([utc(2024, 11, 15, 9, 30), utc(2024, 11, 15, 9, 31), utc(2024, 11, 15, 9, 32), utc(2024, 11, 16, 10, 5)]);
  });

  it('Windows-1252 bytes: the accented carrier names arrive decoded', async () => {
    const { records, result } = await ingest('cp1252-accented-carrier.csv');
    expect(result.encoding).toBe('windows-1252');
    expect(result.trunks).toEqual([
      { name: 'Télécom Sud', calls: 2 },
      { name: 'Réseau Nord', calls: 1 },
    ]);
    expect(records[2]).toMatchObject({ sipCode: 603, reason: 'Décliné', destination: '33320000003' });
  });

  it('a truncated last line is skipped with the column counts', async () => {
    const { records, result } = await ingest('truncated-last-line.csv');
    expect(result.rows).toEqual({ read: 3, used: 2, skipped: 1, headerLines: 1 });
    expect(result.skipped).toEqual([{ reason: 'too few columns (3 of 5): truncated row?', count: 1, firstLines: [4] }]);
    expect(records.map((r) => r.destination)).toEqual(['15550000001', '15550000002']);
  });

  it('invalid rows: each skipped with its reason and line; a repeated header is a header; extra columns are fine', async () => {
    const { records, result } = await ingest('invalid-rows.csv');
    expect(result.rows).toEqual({ read: 7, used: 3, skipped: 4, headerLines: 2 });
    expect(result.skipped).toEqual([
      { reason: 'bad start time', count: 2, firstLines: [3, 8] },
      { reason: 'empty row', count: 1, firstLines: [5] },
      { reason: 'too few columns (2 of 5): truncated row?', count: 1, firstLines: [4] },
    ]);
    expect(records.map((r) => [r.trunk, r.sipCode, r.outcome, r.destination])).toEqual([
      ['alpha', 503, 'capacity', '100'],
      ['beta', 603, 'policy', '102'],
      ['beta', null, 'unknown', '104'],
    ]);
  });

  it('D/M dates proven only by the last row: every row is read as D/M (the detector sample proves it up front)', async () => {
    const { records, result } = await ingest('dmy-late-proof.csv');
    expect(result.rows).toEqual({ read: 4, used: 4, skipped: 0, headerLines: 1 });
    // The whole file fits in the sniff sample, so the parser knows the order before the first row
    // and emits in file order; the hold-back path (orders proven past the sample) is in parser.test.ts.
    expect(records.map((r) => [r.startMs, r.trunk, r.sipCode, r.outcome])).toEqual([
      [utc(2024, 3, 2, 10, 0), 'r1', 503, 'capacity'],
      [utc(2024, 3, 2, 10, 5), 'r1', 200, 'answered'],
      [utc(2024, 3, 5, 8, 0), 'r2', null, 'policy'],
      [utc(2024, 3, 13, 9, 0), 'r2', 503, 'capacity'],
    ]);
  });

  const ALL = [
    'didww-outbound.csv', 'invade-trunk-name-crlf.csv', 'sinch-semicolon.csv', 'freeswitch-custom-pipe.csv', 'generic.tsv',
    'twilio-quoted-newline.csv', 'asterisk-db-bom.csv', 'excel-unicode-text-utf16le.txt', 'cp1252-accented-carrier.csv',
    'truncated-last-line.csv', 'invalid-rows.csv', 'dmy-late-proof.csv', '3cx-v20-providers.csv',
  ];

  it('chunk seams: the same records, counts and skips at slice sizes 1, 2, 3, 7 and 13 bytes', async () => {
    for (const name of ALL) {
      const whole = await ingest(name);
      expect(whole.result.rows.read, name).toBe(whole.result.rows.used + whole.result.rows.skipped);
      for (const sliceBytes of [1, 2, 3, 7, 13]) {
        const sliced = await ingest(name, sliceBytes);
        expect(sliced.records, `${name} @${sliceBytes}`).toEqual(whole.records);
        expect(sliced.result.rows, `${name} @${sliceBytes}`).toEqual(whole.result.rows);
        expect(sliced.result.skipped, `${name} @${sliceBytes}`).toEqual(whole.result.skipped);
      }
    }
  });
});

/**
 * Call logs people export from PBXs and carrier portals, one hand-written file per vendor after the
 * documented column names: 3CX v20 call records (cdr_started_at, termination_reason, …), Twilio and
 * SignalWire call logs (Start Time, Status, Direction; SignalWire's RFC 2822 times), Telnyx CDRs
 * (connection_name, hangup_cause, sip_response_code), Bandwidth call detail records (callDirection,
 * callResult, sipResponseCode), Plivo call logs (Hangup Cause names), Vonage voice reports.
 */
describe('vendor call logs', () => {
  const outcomes = (records: CallRecord[]) => records.map((r) => [r.sipCode, r.codeSource, r.outcome]);

  it('3CX v20: started/answered/ended, the external party’s number, termination_reason as the status', async () => {
    const { records, result } = await ingest('3cx-v20-call-records.csv');
    expect(result.format?.id).toBe('generic-csv');
    expect(result.rows).toEqual({ read: 4, used: 4, skipped: 0, headerLines: 1 });
    expect(result.mapping?.roles).toMatchObject({ start: 14, answer: 15, end: 16, callerId: 6, destination: 11, disposition: 12, reason: 13, callId: 1 });
    // Answered rows have an answer time; `rejected` names no code; `cancelled` is the caller's.
    expect(outcomes(records)).toEqual([[null, null, 'answered'], [null, 'disposition', 'other'], [null, 'disposition', 'user'], [null, null, 'answered']]);
    expect(records[0]).toMatchObject({ destination: '+14155550101', callerId: '101', startMs: utc(2024, 5, 1, 9, 0), talkSec: 120, durationSec: 126 });
    // No trunk column, but every destination DN is of type provider, named "Telnyx Trunk".
    expect(records.map((r) => [r.trunk, r.direction])).toEqual(Array(4).fill(['Telnyx Trunk', 'outbound']));
  });

  it('3CX v20: the provider side of a segment is the trunk and says the direction; no provider = internal', async () => {
    // By hand: line 2 goes to provider "Telnyx Trunk", line 3 to provider "Flowroute SIP" (outbound);
    // line 4 comes from provider "Telnyx Trunk" to extension 101 (inbound); line 5 is extension 101
    // to 102 and line 6 extension 102 to queue 800: no provider, internal.
    const bytes = readFileSync(FIXTURES + '3cx-v20-providers.csv');
    const records: CallRecord[] = [];
    const result = await ingestBlob(new Blob([bytes]), { fileName: 'unknown', formats: FORMATS }, (r) => records.push(r));
    expect(result.format?.id).toBe('generic-csv');
    expect(result.rows).toEqual({ read: 5, used: 3, skipped: 2, headerLines: 1 });
    expect(result.skipped).toEqual([{ reason: expect.stringMatching(/^internal call: /) as string, count: 2, firstLines: [5, 6] }]);
    expect(records.map((r) => [r.trunk, r.direction, r.outcome])).toEqual([
      ['Telnyx Trunk', 'outbound', 'answered'],
      ['Flowroute SIP', 'outbound', 'other'],
      ['Telnyx Trunk', 'inbound', 'answered'],
    ]);
    expect(result.traffic).toMatchObject({ outbound: 2, inbound: 1, internal: 2, unknownDirection: 0 });
    expect(result.capabilities?.hasTrunk).toBe(true);
  });

  it('Twilio call log: Status words, the Trunk Sid as the trunk', async () => {
    const { records, result } = await ingest('twilio-call-logs.csv');
    expect(result.mapping?.roles).toMatchObject({ start: 1, end: 2, duration: 3, callId: 4, callerId: 5, destination: 6, disposition: 8, trunk: 11 });
    expect(result.trunks).toEqual([{ name: 'TK00000000000000000000000000000001', calls: 4 }]);
    expect(outcomes(records)).toEqual([[null, 'disposition', 'answered'], [null, 'disposition', 'other'], [null, 'disposition', 'user'], [null, 'disposition', 'answered']]);
    // Twilio's words for Elastic SIP Trunking: trunking-terminating, from the PBX out to the PSTN (the
    // first three, from our +12025550100); trunking-originating, in from the PSTN (the last, to it).
    expect(result.mapping?.roles.direction).toBe(7);
    expect(records.map((r) => r.direction)).toEqual(['outbound', 'outbound', 'outbound', 'inbound']);
  });

  it('Telnyx CDR: the SIP code column wins over hangup_cause; connection_name is the trunk', async () => {
    const { records, result } = await ingest('telnyx-cdr.csv');
    expect(result.mapping?.roles).toMatchObject({ start: 1, answer: 2, end: 3, callerId: 5, destination: 6, trunk: 7, cause: 10, sipCode: 12, talk: 9, callId: 0 });
    expect(outcomes(records)).toEqual([[200, 'sip', 'answered'], [603, 'sip', 'policy'], [503, 'sip', 'capacity'], [200, 'sip', 'answered']]);
    expect(result.trunks).toEqual([{ name: 'pbx-main', calls: 4 }]);
    expect(records.map((r) => r.direction)).toEqual(['outbound', 'outbound', 'outbound', 'inbound']);
  });

  it('Bandwidth CDR: ISO times with Z, sipResponseCode and its description', async () => {
    const { records, result } = await ingest('bandwidth-call-detail-records.csv');
    expect(result.mapping?.roles).toMatchObject({ callId: 0, start: 1, end: 2, duration: 3, callerId: 5, destination: 6, disposition: 7, sipCode: 8, reason: 9 });
    expect(records.map((r) => [r.sipCode, r.outcome, r.reason])).toEqual([[200, 'answered', 'OK'], [503, 'capacity', 'Service Unavailable'], [486, 'user', 'Busy Here']]);
    expect(records[1]).toMatchObject({ startMs: utc(2024, 5, 1, 12, 1, 0), durationSec: 1, direction: 'outbound' });
  });

  it('Plivo call log: Hangup Cause names read as Q.850 causes', async () => {
    const { records, result } = await ingest('plivo-call-logs.csv');
    expect(result.mapping?.roles).toMatchObject({ callId: 0, callerId: 2, destination: 3, disposition: 4, cause: 5, start: 7, answer: 8, end: 9, duration: 10, talk: 11 });
    expect(records.map((r) => [r.q850, r.outcome, r.reason])).toEqual([[16, 'answered', 'NORMAL_CLEARING'], [34, 'capacity', 'NORMAL_CIRCUIT_CONGESTION'], [17, 'user', 'USER_BUSY']]);
  });

  it('Vonage voice report and SignalWire call log: status words only', async () => {
    const vonage = await ingest('vonage-voice-report.csv');
    expect(vonage.result.mapping?.roles).toMatchObject({ callId: 0, callerId: 3, destination: 4, disposition: 5, start: 6, end: 7, duration: 8 });
    expect(outcomes(vonage.records)).toEqual([[null, 'disposition', 'answered'], [null, 'disposition', 'other'], [null, 'disposition', 'other']]);
    const signalwire = await ingest('signalwire-calls.csv');
    expect(signalwire.result.mapping?.roles).toMatchObject({ callId: 0, start: 2, end: 3, duration: 4, callerId: 5, destination: 6, disposition: 8 });
    expect(outcomes(signalwire.records)).toEqual([[null, 'disposition', 'answered'], [null, 'disposition', 'user'], [null, 'disposition', 'other']]);
    expect(signalwire.records[0]).toMatchObject({ startMs: utc(2024, 5, 1, 15, 0, 1), endMs: utc(2024, 5, 1, 15, 0, 46) });
    expect([...vonage.records, ...signalwire.records].map((r) => r.direction)).toEqual(Array(6).fill('outbound'));
  });
});

describe('a direction column', () => {
  it('maps to the call’s direction; internal calls are counted as skipped rows, unknown words stay unknown', async () => {
    const text =
      'timestart,callfrom,callto,status,calltype,srctrunkname,desttrunkname\n' +
      '2024-05-01 16:00:00,1001,0044207183880,ANSWERED,Outbound,,SIPTrunk-A\n' +
      '2024-05-01 16:01:00,0044207183881,1001,ANSWERED,Inbound,SIPTrunk-A,\n' +
      '2024-05-01 16:02:00,1001,1002,ANSWERED,Internal,,\n' +
      '2024-05-01 16:03:00,1001,0044207183882,BUSY,Transfer,,SIPTrunk-A\n';
    const records: CallRecord[] = [];
    const result = await ingestBlob(new Blob([text]), { fileName: 'unknown', formats: [genericCsv] }, (r) => records.push(r));
    expect(result.mapping?.roles).toMatchObject({ start: 0, callerId: 1, destination: 2, disposition: 3, direction: 4, trunk: 6 });
    expect(records.map((r) => r.direction)).toEqual(['outbound', 'inbound', 'unknown']);
    expect(result.rows).toMatchObject({ read: 4, used: 3, skipped: 1 });
  });
});

/**
 * Yeastar P-Series CDR export, its columns as help.yeastar.com "Call Detail Record (CDR) Overview"
 * lists them: the trunk per side (Source Trunk: received via; Destination Trunk: sent out via),
 * Communication Type Internal/Outbound/Inbound, Outbound Caller ID (what the callee's phone shows).
 */
describe('Yeastar P-Series CDR export', () => {
  const YEASTAR_HEADER =
    'ID,Time,Call From,Call To,Call Duration,Ring Duration,Talk Duration,Status,Reason,Source Trunk,Destination Trunk,Communication Type,DID/DDI,Outbound Caller ID,Caller IP Address,PIN Code,Recording File';
  // By hand: lines 2–5 go out through SIP-Carrier-A (2 ANSWERED, 2 FAILED), line 6 out through
  // SIP-Carrier-B (BUSY); lines 7–8 come in through SIP-Carrier-A, line 9 through SIP-Carrier-B;
  // lines 10–11 are extension to extension (no trunk on either side).
  const YEASTAR_ROWS = [
    '1714550400.1,2024-05-01 09:00:00,1001,14155550101,66,6,60,ANSWERED,,,SIP-Carrier-A,Outbound,,13125550100,192.168.1.20,,',
    '1714550460.2,2024-05-01 09:01:00,1001,14155550102,1,1,0,FAILED,,,SIP-Carrier-A,Outbound,,13125550100,192.168.1.20,,',
    '1714550520.3,2024-05-01 09:02:00,1002,14155550103,45,5,40,ANSWERED,,,SIP-Carrier-A,Outbound,,13125550199,192.168.1.21,,',
    '1714550580.4,2024-05-01 09:03:00,1002,14155550104,1,1,0,FAILED,,,SIP-Carrier-A,Outbound,,13125550199,192.168.1.21,,',
    '1714550640.5,2024-05-01 09:04:00,1003,14155550105,20,20,0,BUSY,,,SIP-Carrier-B,Outbound,,13125550300,192.168.1.22,,',
    '1714550700.6,2024-05-01 09:05:00,16465552000,1001,40,10,30,ANSWERED,,SIP-Carrier-A,,Inbound,13125550100,,203.0.113.9,,',
    '1714550760.7,2024-05-01 09:06:00,16465552001,1002,30,30,0,NO ANSWER,,SIP-Carrier-A,,Inbound,13125550100,,203.0.113.9,,',
    '1714550820.8,2024-05-01 09:07:00,16465552002,1003,25,5,20,ANSWERED,,SIP-Carrier-B,,Inbound,13125550300,,203.0.113.10,,',
    '1714550880.9,2024-05-01 09:08:00,1001,1002,25,5,20,ANSWERED,,,,Internal,,,192.168.1.20,,',
    '1714550940.10,2024-05-01 09:09:00,1003,1001,15,15,0,NO ANSWER,,,,Internal,,,192.168.1.22,,',
  ];
  const read = async (lines: readonly string[]) => {
    const records: CallRecord[] = [];
    const result = await ingestBlob(new Blob([lines.join('\n') + '\n']), { fileName: 'unknown', formats: [genericCsv] }, (r) => records.push(r));
    return { records, result };
  };
  const key = (r: CallRecord) => [r.trunk, r.direction, r.outcome, r.callerId, r.destination];
  const EXPECTED = [
    ['SIP-Carrier-A', 'outbound', 'answered', '13125550100', '14155550101'],
    ['SIP-Carrier-A', 'outbound', 'other', '13125550100', '14155550102'],
    ['SIP-Carrier-A', 'outbound', 'answered', '13125550199', '14155550103'],
    ['SIP-Carrier-A', 'outbound', 'other', '13125550199', '14155550104'],
    ['SIP-Carrier-B', 'outbound', 'user', '13125550300', '14155550105'],
    // An inbound call's Outbound Caller ID is empty: the export shows none for it.
    ['SIP-Carrier-A', 'inbound', 'answered', '', '1001'],
    ['SIP-Carrier-A', 'inbound', 'user', '', '1002'],
    ['SIP-Carrier-B', 'inbound', 'answered', '', '1003'],
  ];

  it('the side a call went out or came in through is its trunk; Communication Type its direction; Outbound Caller ID the caller', async () => {
    const { records, result } = await read([YEASTAR_HEADER, ...YEASTAR_ROWS]);
    expect(result.format?.id).toBe('generic-csv');
    // Destination Trunk (the outbound side) is shown as the trunk column; Call From (2) is the extension.
    expect(result.mapping?.roles).toMatchObject({ callId: 0, start: 1, destination: 3, duration: 4, talk: 6, disposition: 7, trunk: 10, direction: 11, callerId: 13 });
    expect(result.rows).toEqual({ read: 10, used: 8, skipped: 2, headerLines: 1 });
    expect(result.skipped).toEqual([{ reason: expect.stringMatching(/^internal call: /) as string, count: 2, firstLines: [10, 11] }]);
    expect(result.traffic).toMatchObject({ outbound: 5, inbound: 3, internal: 2, unknownDirection: 0 });
    expect(records.map(key)).toEqual(EXPECTED);
    expect(result.capabilities?.hasTrunk).toBe(true);
  });

  it('metamorphic: the same calls with the columns reversed and the rows reversed', async () => {
    const reverse = (line: string) => line.split(',').reverse().join(',');
    const { records, result } = await read([reverse(YEASTAR_HEADER), ...YEASTAR_ROWS.map(reverse).reverse()]);
    expect(result.traffic).toMatchObject({ outbound: 5, inbound: 3, internal: 2, unknownDirection: 0 });
    // Source Trunk is now left of Destination Trunk's mirror: the sides still decide, not the position.
    expect(records.map(key)).toEqual([...EXPECTED].reverse());
  });

  it('a trunk column of its own, mapped by the user, wins over the sides', async () => {
    const header = YEASTAR_HEADER.split(',');
    const signature = headerSignature(header);
    const roles = { start: 1, disposition: 7, trunk: 14, direction: 11 };
    const records: CallRecord[] = [];
    const text = [YEASTAR_HEADER, ...YEASTAR_ROWS].join('\n') + '\n';
    await ingestBlob(new Blob([text]), { fileName: 'unknown', formats: [genericCsv], mappingOverrides: { [signature]: { header, roles } } }, (r) => records.push(r));
    expect(records.map((r) => r.trunk)).toEqual(['192.168.1.20', '192.168.1.20', '192.168.1.21', '192.168.1.21', '192.168.1.22', '203.0.113.9', '203.0.113.9', '203.0.113.10']);
  });
});

describe('a quote that never closes', () => {
  it('stops at its line end: the 2,000 rows after it are read and the file names its line', async () => {
    const rows = Array.from({ length: 2000 }, (_, i) => `2024-05-01 10:${String(Math.floor(i / 60) % 60).padStart(2, '0')}:${String(i % 60).padStart(2, '0')},carrierA,503,Service Unavailable`);
    const text = ['start_time,trunk,sip_code,reason', '2024-05-01 09:59:59,carrierA,603,"Decline', ...rows].join('\n') + '\n';
    const records: CallRecord[] = [];
    const result = await ingestBlob(new Blob([text]), { fileName: 'unknown', formats: [genericCsv] }, (r) => records.push(r));
    expect(result.rows).toEqual({ read: 2001, used: 2001, skipped: 0, headerLines: 1 });
    expect(result.unclosedQuotes).toEqual({ count: 1, firstLines: [2] });
    expect(records[0]).toMatchObject({ sipCode: 603, reason: 'Decline' });
    expect(records.filter((r) => r.sipCode === 503)).toHaveLength(2000);
  });
});
