/**
 * kamailio-acc-syslog: ACC lines from syslog (formats.md §5.3). Counts by hand in
 * fixtures/cdr/kamailio-acc-syslog/*.log (one row per line, blank lines aside).
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { buildSniffSample } from '../../read/sniff';
import { kamailioAcc, kamailioAccSyslog, kamailioDrGateways, parseAccPairs } from '.';
import { fixtureUrl, ingest, one, wall } from './test-helpers';

const bytes = (name: string) => new Uint8Array(readFileSync(fixtureUrl('kamailio-acc-syslog', name)));
const FORMATS = [kamailioAcc, kamailioDrGateways, kamailioAccSyslog];

describe('kamailio-acc-syslog', () => {
  for (const name of ['basic.log', 'crlf.log']) {
    it(`${name}: ACC lines → calls; other log lines and REGISTER are skips`, async () => {
      const { records, result, skips } = await ingest(bytes(name), { formats: FORMATS });
      expect(result.format).toMatchObject({ id: 'kamailio-acc-syslog', score: 0.93, variant: 'syslog, 5 ACC lines in the first part' });
      expect(result.rows).toEqual({ read: 7, used: 4, skipped: 3, headerLines: 0 });
      expect(skips).toEqual({ 'not an ACC line (other log message)': 2, 'REGISTER: not a call attempt': 1 });
      expect(result.skipped.find((g) => g.reason.startsWith('not an ACC'))?.firstLines).toEqual([1, 7]);
      expect(one(records, 'sys-2@pbx')).toMatchObject({ sipCode: 503, codeSource: 'sip', outcome: 'capacity', reason: 'Service Unavailable', startMs: wall(2025, 3, 5, 10, 0, 6), trunk: 'sip.carrier-a.example', destination: '15551230002', callerId: '12025550100' });
      expect(one(records, 'sys-3@pbx')).toMatchObject({ sipCode: 603, reason: 'Decline; blocked by policy', trunk: 'sip.carrier-b.example' });
      expect(one(records, 'sys-1@pbx')).toMatchObject({ sipCode: 200, startMs: wall(2025, 3, 5, 10, 0, 5), endMs: wall(2025, 3, 5, 10, 1, 5), talkSec: 60 });
      expect(records).toHaveLength(3);
    });
  }

  it('truncated.log: the cut last line is a skip', async () => {
    const { records, result, skips } = await ingest(bytes('truncated.log'), { formats: FORMATS });
    expect(result.rows).toEqual({ read: 4, used: 2, skipped: 2, headerLines: 0 });
    expect(skips).toEqual({ 'not an ACC line (other log message)': 1, 'ACC line without method, call_id, code and timestamp': 1 });
    expect(records.map((r) => [r.callId, r.sipCode, r.endMs])).toEqual([
      ['sys-1@pbx', 200, null],
      ['sys-2@pbx', 503, null],
    ]);
  });

  it('invalid.log: no timestamp, bad code, bad time', async () => {
    const { records, result } = await ingest(bytes('invalid.log'), { formats: FORMATS });
    expect(result.rows).toEqual({ read: 4, used: 1, skipped: 3, headerLines: 0 });
    expect(Object.fromEntries(result.skipped.map((g) => [g.reason, g.firstLines]))).toEqual({
      'ACC line without method, call_id, code and timestamp': [1],
      'INVITE without a 3-digit sip_code': [2],
      'bad time': [3],
    });
    expect(records.map((r) => [r.callId, r.sipCode, r.trunk])).toEqual([['inv-4@pbx', 486, 'gw.example']]);
  });

  it('gives the same result at 1- and 7-byte slices', async () => {
    for (const name of ['basic.log', 'crlf.log', 'truncated.log']) {
      const whole = await ingest(bytes(name), { formats: FORMATS });
      for (const sliceBytes of [1, 7]) {
        const sliced = await ingest(bytes(name), { sliceBytes, formats: FORMATS });
        expect(sliced.records, `${name} @${sliceBytes}`).toEqual(whole.records);
        expect(sliced.result.skipped).toEqual(whole.result.skipped);
      }
    }
  });

  it('splits name=value pairs, keeping a ; inside a value', () => {
    expect(parseAccPairs('timestamp=1;method=INVITE;reason=Decline; blocked;x=1')).toEqual([
      ['timestamp', '1'],
      ['method', 'INVITE'],
      ['reason', 'Decline; blocked'],
      ['x', '1'],
    ]);
  });

  it('does not claim acc tables, dumps or other families\' files', () => {
    for (const [id, name] of [
      ['kamailio-acc', 'basic.csv'],
      ['kamailio-acc', 'dump-one-per-line.sql'],
      ['kamailio-dr-gateways', 'dr-gateways-dump.sql'],
    ] as const) {
      const text = readFileSync(fixtureUrl(id, name), 'utf8');
      expect(kamailioAccSyslog.detect(buildSniffSample('unknown', text))).toBeNull();
    }
    const master = '"","1001","5551234","from-internal","""Alice"" <1001>","SIP/1001-00000001","SIP/sipus1-00000002","Dial","SIP/sipus1/5551234,60","2024-01-27 15:07:24","2024-01-27 15:07:30","2024-01-27 15:08:30",66,60,"ANSWERED","DOCUMENTATION","1706368044.1",""\n';
    expect(kamailioAccSyslog.detect(buildSniffSample('unknown', master))).toBeNull();
  });
});
