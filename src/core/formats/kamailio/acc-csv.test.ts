/**
 * kamailio-acc from delimited exports, through the real ingest. Every expected number below was
 * counted by hand in fixtures/cdr/kamailio-acc/<file> (line N of a file with a header = id N-1).
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { NO_TRUNK_COLUMN } from '.';
import { NO_CALLTYPE_REASON, UNKNOWN_METHOD_REASON } from './acc-calls';
import { DR_GATEWAYS_HINT } from './acc-parser';
import { byCallId, fixtureUrl, ingest, one, wall } from './test-helpers';

const bytes = (name: string) => new Uint8Array(readFileSync(fixtureUrl('kamailio-acc', name)));

describe('kamailio-acc CSV: basic.csv (dSIPRouter columns) and its encodings', () => {
  it('methods outside SIP share one skip reason (a file cannot make a skip group per row); known ones keep their own', async () => {
    // basic.csv's REGISTER (line 6) and OPTIONS (line 10) rows renamed to words no SIP method is.
    const text = new TextDecoder().decode(bytes('basic.csv')).replace('5,REGISTER,', '5,FROBNICATE,').replace('9,OPTIONS,', '9,XYZZY,');
    const { result, skips } = await ingest(new TextEncoder().encode(text));
    expect(result.rows).toEqual({ read: 14, used: 9, skipped: 5, headerLines: 1 });
    expect(skips[UNKNOWN_METHOD_REASON]).toBe(2);
    expect(skips['ACK: not a call attempt']).toBe(1);
    expect(Object.keys(skips).some((r) => r.startsWith('FROBNICATE') || r.startsWith('XYZZY'))).toBe(false);
    expect(result.skipped.find((g) => g.reason === UNKNOWN_METHOD_REASON)?.firstLines).toEqual([6, 10]);
  });

  for (const name of ['basic.csv', 'crlf.csv', 'bom.csv', 'utf16le.csv']) {
    it(`${name}: 14 rows = 9 used + 5 skipped; 6 calls, one of them challenged then answered`, async () => {
      const { records, result, skips } = await ingest(bytes(name));
      expect(result.format?.id).toBe('kamailio-acc');
      expect(result.format?.variant).toBe('dSIPRouter acc, header, 18 columns');
      expect(result.rows).toEqual({ read: 14, used: 9, skipped: 5, headerLines: 1 });
      expect(skips).toEqual({
        'REGISTER: not a call attempt': 1,
        'OPTIONS: not a call attempt': 1,
        'BYE repeated: the call was already ended': 1,
        'ACK: not a call attempt': 1,
        // Line 11 (id 10): 2000 → 2001 with an empty calltype, never sent to a carrier.
        [NO_CALLTYPE_REASON]: 1,
      });
      expect(result.skipped.find((g) => g.reason.startsWith('REGISTER'))?.firstLines).toEqual([6]);
      expect(result.skipped.find((g) => g.reason.startsWith('BYE repeated'))?.firstLines).toEqual([12]);
      expect(result.skipped.find((g) => g.reason === NO_CALLTYPE_REASON)?.firstLines).toEqual([11]);
      // call-1, -2, -3, -4, -6 (401 then 200: one attempt), -13.
      expect(records.map((r) => r.callId)).toEqual(['call-1@pbx', 'call-2@pbx', 'call-3@pbx', 'call-4@pbx', 'call-6@pbx', 'call-13@pbx']);
      expect(records.every((r) => r.direction === 'outbound')).toBe(true);
      expect(result.traffic).toEqual({ outbound: 6, inbound: 0, internal: 1, unknownDirection: 0, authChallenges: 1, answeredAfterChallenge: 1 });
      expect(result.capabilities).toEqual({ sipCodes: true, separates503From603: true, hasEndTimes: true, hasTrunk: true });
      // Groups labelled by the hosts their calls went to (dst_domain), most calls first.
      expect(result.trunks).toEqual([
        { name: 'gwgroup 3 (sip.carrier-a.example, 34.210.91.112)', calls: 4 },
        { name: 'gwgroup 4 (sip.carrier-b.example)', calls: 2 },
      ]);
      expect(result.companionHint).toBe(DR_GATEWAYS_HINT);
    });
  }

  it('pairs INVITE 200 with its first BYE by callid: end, talk and duration', async () => {
    const { records } = await ingest(bytes('basic.csv'));
    expect(one(records, 'call-1@pbx')).toEqual({
      startMs: wall(2025, 3, 3, 10, 0, 5),
      answerMs: wall(2025, 3, 3, 10, 0, 5),
      endMs: wall(2025, 3, 3, 10, 1, 5),
      trunk: 'gwgroup 3',
      sipCode: 200,
      codeSource: 'sip',
      outcome: 'answered',
      reason: 'OK',
      q850: null,
      destination: '15551230001',
      callerId: '12025550100',
      durationSec: 60,
      talkSec: 60,
      callId: 'call-1@pbx',
      direction: 'outbound',
      startIsFinalReply: true, // its only INVITE row is the answer: the ring time is not in the file
    });
    // 401 challenge (10:00:10) then 200 on the retry (10:00:11): ONE attempt, answered, started
    // when the challenge answered its first INVITE; the BYE (10:03:41) ends it 210 s after the answer.
    expect(one(records, 'call-6@pbx')).toMatchObject({ sipCode: 200, outcome: 'answered', startMs: wall(2025, 3, 3, 10, 0, 10), answerMs: wall(2025, 3, 3, 10, 0, 11), talkSec: 210, durationSec: 211, startIsFinalReply: false });
    // Answered, no BYE in the file: no end.
    expect(one(records, 'call-13@pbx')).toMatchObject({ sipCode: 200, trunk: 'gwgroup 4', endMs: null, talkSec: null });
  });

  it('keeps the SIP code and the full reason phrase; trunk from gwgroup else dst_domain', async () => {
    const { records } = await ingest(bytes('basic.csv'));
    expect(one(records, 'call-2@pbx')).toMatchObject({ sipCode: 503, codeSource: 'sip', outcome: 'capacity', reason: 'Service Unavailable', trunk: 'gwgroup 3', startMs: wall(2025, 3, 3, 10, 0, 6) });
    expect(one(records, 'call-3@pbx')).toMatchObject({ sipCode: 603, outcome: 'policy', reason: 'Decline', trunk: 'gwgroup 4' });
    expect(one(records, 'call-4@pbx')).toMatchObject({
      sipCode: 403,
      outcome: 'policy',
      reason: 'Insufficient funds remaining - support@flowroute.com',
      destination: '15551230004', // tech prefix 16723617* removed
    });
    expect(byCallId(records, 'call-10@pbx')).toEqual([]); // internal: see above
  });

  it('gives the same result at 7-byte and 1-byte slices (chunk seams, incl. UTF-16 pairs)', async () => {
    for (const name of ['basic.csv', 'crlf.csv', 'utf16le.csv']) {
      const whole = await ingest(bytes(name));
      for (const sliceBytes of [1, 7]) {
        const sliced = await ingest(bytes(name), { sliceBytes });
        expect(sliced.records, `${name} @${sliceBytes}`).toEqual(whole.records);
        expect(sliced.result.rows).toEqual(whole.result.rows);
        expect(sliced.result.skipped).toEqual(whole.result.skipped);
      }
    }
  });
});

describe('kamailio-acc CSV variants', () => {
  it('quoted-delimiters.csv: commas and doubled quotes inside fields; a gateway-like column is the trunk', async () => {
    const { records, result } = await ingest(bytes('quoted-delimiters.csv'));
    expect(result.rows).toEqual({ read: 3, used: 3, skipped: 0, headerLines: 1 });
    expect(one(records, 'q-1,with-comma@pbx')).toMatchObject({ sipCode: 503, reason: 'Service Unavailable, try later', trunk: 'Carrier, Inc.', destination: '15551239999' });
    expect(one(records, 'q-2@pbx')).toMatchObject({ sipCode: 603, reason: 'Decline "blocked"', trunk: 'Carrier, Inc.' });
    expect(one(records, 'q-3@pbx')).toMatchObject({ sipCode: 486, outcome: 'user', trunk: 'gw2.example' });
  });

  it('mysql-batch.tsv: `mysql -B` output (tabs, NULL, \\t escapes)', async () => {
    const { records, result } = await ingest(bytes('mysql-batch.tsv'));
    expect(result.format?.id).toBe('kamailio-acc');
    expect(result.rows).toEqual({ read: 5, used: 5, skipped: 0, headerLines: 1 });
    expect(records).toHaveLength(4);
    expect(one(records, 't-1@pbx')).toMatchObject({ sipCode: 486, reason: 'Busy Here', trunk: 'sbc.carrier.example', destination: '15551230101' });
    expect(one(records, 't-3@pbx')).toMatchObject({ sipCode: 200, talkSec: 45, endMs: wall(2025, 6, 1, 12, 0, 47) });
    expect(one(records, 't-5@pbx')).toMatchObject({ sipCode: 404, outcome: 'number', reason: 'Not\tFound', callerId: '' });
  });

  it('missed-calls.csv: Kamailio default columns only → placeholder trunk, hasTrunk false', async () => {
    const { records, result } = await ingest(bytes('missed-calls.csv'), { fileName: 'missed_calls.csv' });
    expect(result.format?.variant).toBe('Kamailio acc, header, 8 columns');
    expect(result.rows).toEqual({ read: 4, used: 4, skipped: 0, headerLines: 1 });
    expect(records.map((r) => [r.callId, r.sipCode, r.outcome, r.trunk])).toEqual([
      ['miss-1@pbx', 503, 'capacity', NO_TRUNK_COLUMN],
      ['miss-2@pbx', 486, 'user', NO_TRUNK_COLUMN],
      ['miss-3@pbx', 408, 'user', NO_TRUNK_COLUMN],
      ['miss-4@pbx', 603, 'policy', NO_TRUNK_COLUMN],
    ]);
    expect(result.capabilities?.hasTrunk).toBe(false);
    expect(result.capabilities?.hasEndTimes).toBe(false);
  });

  it('opensips-acc-v7.csv: duration / ms_duration / setuptime / created give the times', async () => {
    const { records, result } = await ingest(bytes('opensips-acc-v7.csv'));
    expect(result.format?.variant).toBe('OpenSIPS acc, header, 15 columns');
    expect(result.rows).toEqual({ read: 5, used: 5, skipped: 0, headerLines: 1 });
    expect(one(records, 'os-1@sbc')).toEqual({
      startMs: wall(2025, 4, 1, 9, 0, 2), // created
      answerMs: wall(2025, 4, 1, 9, 0, 10), // time
      endMs: wall(2025, 4, 1, 9, 2, 15, 400), // time + ms_duration 125400
      trunk: 'carrier-x',
      sipCode: 200,
      codeSource: 'sip',
      outcome: 'answered',
      reason: 'OK',
      q850: null,
      destination: '+442071234567',
      callerId: '+14155550100',
      durationSec: 133.4, // setuptime 8 + 125.4
      talkSec: 125.4,
      callId: 'os-1@sbc',
      direction: 'outbound', // a gateway column names where it went
      startIsFinalReply: false, // created is the INVITE's time
    });
    expect(one(records, 'os-2@sbc')).toMatchObject({ sipCode: 503, startMs: wall(2025, 4, 1, 9, 1, 0), endMs: null, durationSec: null });
    expect(one(records, 'os-3@sbc')).toMatchObject({ sipCode: 603, startMs: wall(2025, 4, 1, 9, 1, 56), endMs: wall(2025, 4, 1, 9, 2, 0), durationSec: 4, trunk: 'carrier-y' });
    // A plain transaction row (duration 0, no created) waits for its BYE like Kamailio.
    expect(one(records, 'os-4@sbc')).toMatchObject({ sipCode: 200, talkSec: 30, endMs: wall(2025, 4, 1, 9, 3, 30) });
  });

  it('headerless-dsiprouter.csv: 18 columns in dSIPRouter order, validated on values', async () => {
    const { records, result } = await ingest(bytes('headerless-dsiprouter.csv'));
    expect(result.format).toMatchObject({ id: 'kamailio-acc', variant: 'dSIPRouter acc (18 columns), no header', score: 0.85 });
    expect(result.rows).toEqual({ read: 4, used: 4, skipped: 0, headerLines: 0 });
    expect(records.map((r) => [r.callId, r.sipCode, r.reason, r.trunk, r.talkSec])).toEqual([
      ['hl-1@pbx', 503, 'Service Unavailable', 'gwgroup 3', null],
      ['hl-2@pbx', 200, 'OK', 'gwgroup 3', 120],
      ['hl-4@pbx', 403, 'Invalid Caller ID', 'gwgroup 3', null],
    ]);
  });

  it('newest-first.csv: a BYE before its INVITE still ends the call (the BYE row is a skip)', async () => {
    const { records, result, skips } = await ingest(bytes('newest-first.csv'));
    expect(result.rows).toEqual({ read: 4, used: 2, skipped: 2, headerLines: 1 });
    expect(skips).toEqual({ 'BYE without an answered INVITE before it': 2 });
    expect(one(records, 'nf-2@pbx')).toMatchObject({ sipCode: 200, startMs: wall(2025, 8, 8, 8, 8, 0), endMs: wall(2025, 8, 8, 8, 10, 0), talkSec: 120 });
    expect(one(records, 'nf-3@pbx')).toMatchObject({ sipCode: 480, outcome: 'user', trunk: 'gw.example' });
  });

  it('invalid-rows.csv: every bad row is a skip with its reason and line', async () => {
    const { records, result } = await ingest(bytes('invalid-rows.csv'));
    expect(result.rows).toEqual({ read: 12, used: 2, skipped: 10, headerLines: 1 });
    const lines = Object.fromEntries(result.skipped.map((g) => [g.reason, g.firstLines]));
    expect(lines).toEqual({
      'bad time': [2],
      'too few columns (6 of 18): truncated row?': [3],
      'INVITE without a 3-digit sip_code': [4],
      'INVITE 1xx only: the call has no final reply in the file': [5],
      'too many columns (20 of 18)': [6],
      'no trunk: gateway group, destination domain empty': [7],
      're-INVITE: the call id was already answered': [9],
      'BYE without an answered INVITE before it': [10],
      'no SIP method': [11],
      'too few columns (7 of 18): truncated row?': [13],
    });
    expect(records.map((r) => [r.callId, r.sipCode])).toEqual([
      ['ok-7@pbx', 200],
      ['ok-11@pbx', 503],
    ]);
  });

  it('truncated.csv: a cut last line is a skip; the rows before it are read', async () => {
    const { records, result, skips } = await ingest(bytes('truncated.csv'));
    expect(result.rows).toEqual({ read: 5, used: 4, skipped: 1, headerLines: 1 });
    expect(skips).toEqual({ 'too few columns (10 of 18): truncated row?': 1 });
    expect(records.map((r) => r.sipCode)).toEqual([200, 503, 603, 403]);
  });

  it('reads a header repeated inside the file (appended exports) as a header', async () => {
    const text = readFileSync(fixtureUrl('kamailio-acc', 'missed-calls.csv'), 'utf8');
    const { result } = await ingest(text + text);
    expect(result.rows).toEqual({ read: 8, used: 8, skipped: 0, headerLines: 2 });
  });
});
