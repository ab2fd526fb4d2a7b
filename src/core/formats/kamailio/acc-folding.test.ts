/**
 * One attempt per call: fixtures/cdr/kamailio-acc/challenges-and-failover.{csv,sql} (the same 18
 * rows; line N of the CSV = id N-1). Every number below is counted by hand in the CSV:
 * - ch-1: 407 (calltype empty), retry 200 to gwgroup 3, BYE 60 s after the answer → 1 attempt,
 *   started at the 407 (the challenge answers the INVITE at once).
 * - ch-2: two 407 rows in the same second, then 503 from gwgroup 3 → 1 attempt, 503.
 * - ch-3: a 401 never retried → internal (the proxy asking its phone), not stored.
 * - pv-4: 183 at 10:03:00, 486 at 10:03:05 → 1 attempt, 486, started 10:03:00.
 * - fo-5: 503 from gwgroup 3, then 200 from gwgroup 4 two seconds later, same call id → 2 attempts,
 *   the second started at the first's 503 (failure_route sent it then).
 * - fo-6a / fo-6b: 603 on gwgroup 3, the same number 3 s later 503 on gwgroup 4 → 2 attempts.
 * - in-7: calltype inbound from gwgroup 4 → inbound, trunk gwgroup 4.
 * - lo-8: 2001 → 2000, calltype empty → internal (2 rows).
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { AnalysisCache } from '../../analysis/analysis-cache';
import { CallStore } from '../../analysis/call-store';
import { failoverRetries, trunkFailovers } from '../../analysis/failover';
import { ingestFiles } from '../../ingest/ingest-files';
import type { CallRecord } from '../../model/call-record';
import { kamailioAcc, kamailioDrGateways } from '.';
import { CHALLENGE_ONLY_REASON, NO_CALLTYPE_REASON, OTHER_ROW_REASON } from './acc-calls';
import { fixtureUrl, ingest, wall } from './test-helpers';

const text = (name: string) => readFileSync(fixtureUrl('kamailio-acc', name), 'utf8');

const attempts = (records: readonly CallRecord[]) =>
  records.map((r) => [r.callId, r.trunk, r.direction, r.sipCode]).sort((a, b) => String(a[0]).localeCompare(String(b[0])) || String(a[1]).localeCompare(String(b[1])));

/** Failover over the records as read (in the order the parser handed them out). */
function failoverOf(records: readonly CallRecord[]) {
  const store = new CallStore();
  for (const r of records) store.add(r);
  const index = new AnalysisCache(store).index();
  return trunkFailovers(index, failoverRetries(store, index), 0, index.n);
}

const EXPECTED = [
  ['ch-1@phone', 'gwgroup 3', 'outbound', 200],
  ['ch-2@phone', 'gwgroup 3', 'outbound', 503],
  ['fo-5@pbx', 'gwgroup 3', 'outbound', 503],
  ['fo-5@pbx', 'gwgroup 4', 'outbound', 200],
  ['fo-6a@pbx', 'gwgroup 3', 'outbound', 603],
  ['fo-6b@pbx', 'gwgroup 4', 'outbound', 503],
  ['in-7@carrier', 'gwgroup 4', 'inbound', 200],
  ['pv-4@pbx', 'gwgroup 3', 'outbound', 486],
];

describe('kamailio-acc: rows of one call fold into one attempt', () => {
  for (const name of ['challenges-and-failover.csv', 'challenges-and-failover.sql']) {
    it(`${name}: 18 rows → 8 attempts, 2 internal calls, 3 challenged calls (1 answered on the retry)`, async () => {
      const { records, result, skips } = await ingest(text(name));
      expect(result.format?.id).toBe('kamailio-acc');
      expect(attempts(records)).toEqual(EXPECTED);
      expect(result.rows).toMatchObject({ read: 18, used: 15, skipped: 3 });
      expect(skips).toEqual({ [CHALLENGE_ONLY_REASON]: 1, [NO_CALLTYPE_REASON]: 1, [OTHER_ROW_REASON]: 1 });
      const offset = name.endsWith('.csv') ? 0 : -1; // CSV line = id + 1; the SQL INSERT is one line
      if (offset === 0) {
        expect(result.skipped.find((g) => g.reason === CHALLENGE_ONLY_REASON)?.firstLines).toEqual([7]); // id 6
        expect(result.skipped.find((g) => g.reason === NO_CALLTYPE_REASON)?.firstLines).toEqual([18]); // id 17
        expect(result.skipped.find((g) => g.reason === OTHER_ROW_REASON)?.firstLines).toEqual([19]); // its BYE
      }
      expect(result.traffic).toEqual({ outbound: 7, inbound: 1, internal: 2, unknownDirection: 0, authChallenges: 3, answeredAfterChallenge: 1 });
      expect(records.some((r) => r.sipCode === 401 || r.sipCode === 407)).toBe(false);
    });
  }

  it('times: a challenge or the previous branch\'s final reply starts an attempt, else a 1xx row, else its final reply; the BYE ends the answered attempt', async () => {
    const { records } = await ingest(text('challenges-and-failover.csv'));
    const find = (callId: string, trunk: string) => records.find((r) => r.callId === callId && r.trunk === trunk)!;
    // 407 at 10:00:00 answered the INVITE; the retry was answered 10:00:01; BYE 10:01:01.
    expect(find('ch-1@phone', 'gwgroup 3')).toMatchObject({ startMs: wall(2025, 5, 5, 10, 0, 0), answerMs: wall(2025, 5, 5, 10, 0, 1), talkSec: 60, durationSec: 61, startIsFinalReply: false });
    // Two 407s at 10:01:00, the carrier's 503 at 10:01:01.
    expect(find('ch-2@phone', 'gwgroup 3')).toMatchObject({ startMs: wall(2025, 5, 5, 10, 1, 0), outcome: 'capacity', reason: 'Service Unavailable', startIsFinalReply: false });
    // 183 at 10:03:00, 486 at 10:03:05.
    expect(find('pv-4@pbx', 'gwgroup 3')).toMatchObject({ startMs: wall(2025, 5, 5, 10, 3, 0), outcome: 'user', reason: 'Busy Here', startIsFinalReply: false });
    // Group 3 refused at 10:04:00 (its only row: stamped at the refusal); failure_route sent the
    // branch to group 4 then, answered 10:04:02, BYE 10:05:02.
    expect(find('fo-5@pbx', 'gwgroup 3')).toMatchObject({ startMs: wall(2025, 5, 5, 10, 4, 0), endMs: null, talkSec: null, startIsFinalReply: true });
    expect(find('fo-5@pbx', 'gwgroup 4')).toMatchObject({ startMs: wall(2025, 5, 5, 10, 4, 0), answerMs: wall(2025, 5, 5, 10, 4, 2), talkSec: 60, durationSec: 62, startIsFinalReply: false });
    // Two call ids (the dialler's own retry): each stamped at its final reply.
    expect(find('fo-6b@pbx', 'gwgroup 4')).toMatchObject({ startMs: wall(2025, 5, 5, 10, 6, 3), startIsFinalReply: true });
    expect(find('in-7@carrier', 'gwgroup 4')).toMatchObject({ talkSec: 60, destination: '2000', startIsFinalReply: true });
  });

  it('an invite_time extra column (the INVITE\'s time, logged by the site) is the start where it fits before the final reply', async () => {
    const csv = [
      'id,method,from_tag,to_tag,callid,sip_code,sip_reason,time,dst_user,dst_gwgroupid,calltype,invite_time',
      '1,INVITE,a1,b1,it-1@pbx,200,OK,2025-05-05 10:00:12,15551230001,3,outbound,2025-05-05 10:00:00',
      '2,BYE,a1,b1,it-1@pbx,200,OK,2025-05-05 10:01:12,15551230001,3,,',
      '3,INVITE,a2,b2,it-2@pbx,503,Service Unavailable,2025-05-05 10:02:00,15551230002,3,outbound,',
      '4,INVITE,a3,b3,it-3@pbx,200,OK,2025-05-05 10:03:20,15551230003,3,outbound,1746439390',
      '5,INVITE,a4,b4,it-4@pbx,486,Busy Here,2025-05-05 10:04:05,15551230004,3,outbound,2025-05-05 06:04:00',
      '6,INVITE,a5,b5,it-5@pbx,480,Temporarily Unavailable,2025-05-05 10:05:00,15551230005,3,outbound,2025-05-05 10:05:30',
      '',
    ].join('\n');
    const { records } = await ingest(csv);
    const find = (callId: string) => records.find((r) => r.callId === callId)!;
    // Invited 10:00:00, answered 10:00:12, BYE 10:01:12: 60 s talk, 72 s from the INVITE.
    expect(find('it-1@pbx')).toMatchObject({ startMs: wall(2025, 5, 5, 10, 0, 0), answerMs: wall(2025, 5, 5, 10, 0, 12), talkSec: 60, durationSec: 72, startIsFinalReply: false });
    // Empty: stamped at the 503.
    expect(find('it-2@pbx')).toMatchObject({ startMs: wall(2025, 5, 5, 10, 2, 0), startIsFinalReply: true });
    // $TV(Sn)-style epoch seconds: 1746439390 = 2025-05-05 10:03:10 UTC, 10 s before the answer.
    expect(find('it-3@pbx')).toMatchObject({ startMs: wall(2025, 5, 5, 10, 3, 10), startIsFinalReply: false });
    // Four hours before the reply (another clock) and after the reply: neither is this INVITE's.
    expect(find('it-4@pbx')).toMatchObject({ startMs: wall(2025, 5, 5, 10, 4, 5), startIsFinalReply: true });
    expect(find('it-5@pbx')).toMatchObject({ startMs: wall(2025, 5, 5, 10, 5, 0), startIsFinalReply: true });
  });

  it('the same attempts whatever the row order (newest first, shuffled)', async () => {
    const [header, ...rows] = text('challenges-and-failover.csv').trimEnd().split('\n');
    const reversed = [header, ...[...rows].reverse()].join('\n');
    const shuffled = [header, ...rows.filter((_, i) => i % 2 === 1), ...rows.filter((_, i) => i % 2 === 0)].join('\n');
    const timesOf = (records: readonly CallRecord[]) =>
      records.map((r) => `${r.callId} ${r.trunk} ${r.startMs} ${r.answerMs} ${r.endMs} ${r.startIsFinalReply}`).sort();
    const inOrder = timesOf((await ingest(text('challenges-and-failover.csv'))).records);
    for (const variant of [reversed, shuffled]) {
      const { records, result } = await ingest(variant);
      expect(attempts(records)).toEqual(EXPECTED);
      expect(timesOf(records), 'start, answer, end and how the start is known').toEqual(inOrder);
      // fo-5's branch to group 4 starts in the ms of group 3's 503: still counted as its retry.
      expect(failoverOf(records)).toEqual([{ trunk: 'gwgroup 3', retriedElsewhere: 2, answered: 1, rejectedAgain: 1, other: 0 }]);
      expect(result.traffic).toMatchObject({ outbound: 7, inbound: 1, internal: 2, authChallenges: 3, answeredAfterChallenge: 1 });
      expect(result.rows.read).toBe(result.rows.used + result.rows.skipped);
    }
  });

  it('two 407 rows of one call in the same second are not duplicates, even with the drop-wide deduper', async () => {
    const rows = [
      'id,method,from_tag,to_tag,callid,sip_code,sip_reason,time,dst_user,dst_domain,dst_gwgroupid',
      '1,INVITE,f,t1,dbl@pbx,407,Proxy Authentication Required,2025-05-05 11:00:00,15551239999,gw.example,3',
      '2,INVITE,f,t2,dbl@pbx,407,Proxy Authentication Required,2025-05-05 11:00:00,15551239999,gw.example,3',
      '3,INVITE,f,t3,dbl@pbx,503,Service Unavailable,2025-05-05 11:00:01,15551239999,gw.example,3',
    ].join('\n');
    const { summary, store } = await ingestFiles([{ name: 'acc.csv', blob: new Blob([rows]) }], { formats: [kamailioAcc, kamailioDrGateways] });
    const file = summary.files[0]!;
    expect(file.rows).toMatchObject({ read: 3, used: 3, skipped: 0 });
    expect(store.length).toBe(1);
    expect(file.traffic).toMatchObject({ outbound: 1, authChallenges: 1, answeredAfterChallenge: 0 });
  });

  it('without a calltype column: a destination group is outbound, a source group alone inbound', async () => {
    const rows = [
      'id,method,callid,sip_code,sip_reason,time,dst_user,dst_domain,src_ip,src_gwgroupid,dst_gwgroupid',
      '1,INVITE,o@pbx,503,Service Unavailable,2025-05-05 12:00:00,15551230001,34.210.91.112,10.0.0.5,,3',
      '2,INVITE,i@carrier,200,OK,2025-05-05 12:00:10,2000,10.0.0.5,52.41.52.34,4,',
      '3,INVITE,u@pbx,486,Busy Here,2025-05-05 12:00:20,2001,pbx.example,10.0.0.21,,',
    ].join('\n');
    const { records, result } = await ingest(rows);
    expect(records.map((r) => [r.callId, r.direction, r.trunk])).toEqual([
      ['o@pbx', 'outbound', 'gwgroup 3'],
      ['i@carrier', 'inbound', 'gwgroup 4'],
      ['u@pbx', 'unknown', 'pbx.example'],
    ]);
    expect(result.traffic).toMatchObject({ outbound: 1, inbound: 1, unknownDirection: 1, internal: 0 });
    // Each group labelled with the address its calls used: out to dst_domain, in from src_ip.
    expect(result.trunkAliases).toEqual(new Map([['gwgroup 3', 'gwgroup 3 (34.210.91.112)'], ['gwgroup 4', 'gwgroup 4 (52.41.52.34)']]));
  });

  it('a long file (calls released as it is read): the same attempts as newest first, every BYE found', async () => {
    // 2,000 calls over 2 h, one every 3.6 s, four kinds (counted from the construction):
    // k=0 407 then 200 one second later, BYE 20 min later (held past the settle time for its BYE);
    // k=1 503 on group 3, 200 on group 4 two seconds later (same call id), BYE 30 s later;
    // k=2 603 on group 3; k=3 200, BYE 5 s later and the same BYE again 15 min later.
    const t0 = Date.UTC(2025, 5, 6, 8, 0, 0);
    const text = (ms: number) => new Date(ms).toISOString().slice(0, 19).replace('T', ' ');
    const rows: Array<[number, string]> = [];
    const row = (ms: number, method: string, id: string, code: number, group: number) =>
      rows.push([ms, `${method},${id},${code},R${code},${text(ms)},1555${String(rows.length).padStart(7, '0')},gw${group}.example,${group === 0 ? '' : 'outbound'},${group === 0 ? '' : group}`]);
    const CALLS = 2000;
    for (let i = 0; i < CALLS; i++) {
      const at = t0 + i * 3600;
      const id = `long-${i}@pbx`;
      const k = i % 4;
      const kinds: Array<Array<[number, string, number, number]>> = [
        [[0, 'INVITE', 407, 0], [1000, 'INVITE', 200, 3], [1_201_000, 'BYE', 200, 3]],
        [[0, 'INVITE', 503, 3], [2000, 'INVITE', 200, 4], [32_000, 'BYE', 200, 4]],
        [[0, 'INVITE', 603, 3]],
        [[0, 'INVITE', 200, 3], [5000, 'BYE', 200, 3], [905_000, 'BYE', 200, 3]],
      ];
      for (const [offset, method, code, group] of kinds[k]!) row(at + offset, method, id, code, group);
    }
    const header = 'method,callid,sip_code,sip_reason,time,dst_user,dst_domain,calltype,dst_gwgroupid';
    const sorted = rows.sort((a, b) => a[0] - b[0]).map((r) => r[1]);
    const forward = await ingest([header, ...sorted].join('\n'));
    const backward = await ingest([header, ...[...sorted].reverse()].join('\n'));
    const quarter = CALLS / 4;
    expect(forward.records).toHaveLength(5 * quarter);
    expect(forward.result.traffic).toMatchObject({ outbound: 5 * quarter, authChallenges: quarter, answeredAfterChallenge: quarter });
    expect(forward.skips).toEqual({ 'BYE repeated: the call was already ended': quarter });
    const answered = forward.records.filter((r) => r.outcome === 'answered');
    expect(answered).toHaveLength(3 * quarter);
    expect(answered.every((r) => r.endMs !== null)).toBe(true);
    expect(forward.records.filter((r) => r.talkSec === 1200)).toHaveLength(quarter);
    const key = (r: CallRecord) => [r.callId, r.trunk, r.sipCode, r.startMs, r.endMs, r.talkSec].join('|');
    expect(backward.records.map(key).sort()).toEqual(forward.records.map(key).sort());
    expect(backward.result.traffic).toEqual(forward.result.traffic);
  });
});
