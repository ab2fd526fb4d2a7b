/**
 * Failover where only dst_domain names the gateway (no gateway or group column): the final reply
 * of each branch is written with the address the branch was sent to (formats.md §5.2: missed_calls
 * logs each serial-fork branch once log_missed_flag is re-set in failure_route). Two call ids, two
 * gateways; every number below is counted by hand from the rows:
 * - f0: 503 from 10.1.1.1 at 09:00:01, then 200 from 10.2.2.2 at 09:00:04, BYE at 09:01:04.
 * - f1: 503 from 10.1.1.1 at 09:00:31, then 603 from 10.2.2.2 at 09:00:32.
 * → 10.1.1.1: 2 attempts, both 503; 10.2.2.2: 2 attempts, one answered, one 603.
 */
import { describe, expect, it } from 'vitest';
import { ingestFiles } from '../../ingest/ingest-files';
import { DUPLICATE_REASON } from '../../ingest/call-deduper';
import type { CallRecord } from '../../model/call-record';
import { kamailioAcc, kamailioDrGateways } from '.';
import { ingest, wall } from './test-helpers';

const HEADER = 'id,method,from_tag,to_tag,callid,sip_code,sip_reason,time,src_user,dst_ouser,dst_domain';
const F0_503 = '1,INVITE,ft0,tg1,f0@pbx,503,Service Unavailable,2024-03-01 09:00:01,2125550100,16465550000,10.1.1.1';
const F0_200 = '2,INVITE,ft0,tg2,f0@pbx,200,OK,2024-03-01 09:00:04,2125550100,16465550000,10.2.2.2';
const F0_BYE = '3,BYE,ft0,tg2,f0@pbx,200,OK,2024-03-01 09:01:04,2125550100,16465550000,10.2.2.2';
const F1_503 = '4,INVITE,ft1,tg1,f1@pbx,503,Service Unavailable,2024-03-01 09:00:31,2125550100,16465550001,10.1.1.1';
const F1_603 = '5,INVITE,ft1,tg2,f1@pbx,603,Decline,2024-03-01 09:00:32,2125550100,16465550001,10.2.2.2';

const csv = (rows: readonly string[]) => [HEADER, ...rows].join('\n');
const attempts = (records: readonly CallRecord[]) => records.map((r) => `${r.callId} ${r.trunk} ${r.sipCode}`).sort();

const EXPECTED = ['f0@pbx 10.1.1.1 503', 'f0@pbx 10.2.2.2 200', 'f1@pbx 10.1.1.1 503', 'f1@pbx 10.2.2.2 603'];

describe('kamailio-acc: failover when only dst_domain names the gateway', () => {
  it('a final reply from another destination address is an attempt of its own on that trunk, in any row order', async () => {
    const rows = [F0_503, F0_200, F0_BYE, F1_503, F1_603];
    // Newest first, the BYE comes before its INVITE: a skip that still ends the call (newest-first.csv).
    for (const [order, used] of [[rows, 5], [[...rows].reverse(), 4]] as const) {
      const { records, result } = await ingest(csv(order));
      expect(attempts(records)).toEqual(EXPECTED);
      expect(result.rows).toMatchObject({ read: 5, used, skipped: 5 - used });
    }
    const { records } = await ingest(csv(rows));
    // The branch to 10.2.2.2 was sent at 10.1.1.1's 503 (failure_route); the BYE ends the answered one.
    const f0 = records.find((r) => r.callId === 'f0@pbx' && r.trunk === '10.2.2.2')!;
    expect(f0).toMatchObject({ startMs: wall(2024, 3, 1, 9, 0, 1), answerMs: wall(2024, 3, 1, 9, 0, 4), talkSec: 60 });
  });

  it('acc and missed_calls dropped together: each branch once, the 603 logged in both tables a duplicate', async () => {
    // §5.2: the failed branches (both 503s, the 603) go to missed_calls; the answered call and,
    // with failed_transaction_flag, the call's final 603 to acc.
    const acc = { name: 'acc.csv', blob: new Blob([csv([F0_200, F0_BYE, F1_603])]) };
    const missed = { name: 'missed_calls.csv', blob: new Blob([csv([F0_503, F1_503, F1_603])]) };
    for (const files of [[acc, missed], [missed, acc]]) {
      const { summary, store } = await ingestFiles(files, { formats: [kamailioAcc, kamailioDrGateways] });
      const trunks = Array.from({ length: store.length }, (_, i) => `${store.trunks.get(store.trunk[i]!)} ${store.sipCode[i]}`).sort();
      expect(trunks).toEqual(['10.1.1.1 503', '10.1.1.1 503', '10.2.2.2 200', '10.2.2.2 603']);
      const second = summary.files[1]!;
      expect(second.rows).toMatchObject({ read: 3, used: 2, skipped: 1 });
      // The 603's row is line 4 of either file.
      expect(second.skipped).toEqual([{ reason: DUPLICATE_REASON, count: 1, firstLines: [4] }]);
    }
  });

  it('a call in from a carrier (source group) forked to two phones is one inbound call, whatever their addresses', async () => {
    const text = [
      'method,callid,sip_code,sip_reason,time,dst_user,dst_domain,src_gwgroupid',
      'INVITE,in-1@carrier,486,Busy Here,2024-03-01 10:00:05,2000,10.0.0.21,4',
      'INVITE,in-1@carrier,200,OK,2024-03-01 10:00:06,2000,10.0.0.22,4',
      'BYE,in-1@carrier,200,OK,2024-03-01 10:01:06,2000,10.0.0.22,4',
    ].join('\n');
    const { records, result } = await ingest(text);
    expect(records.map((r) => [r.callId, r.direction, r.trunk, r.sipCode])).toEqual([['in-1@carrier', 'inbound', 'gwgroup 4', 200]]);
    expect(result.rows).toMatchObject({ read: 3, used: 3, skipped: 0 });
  });
});
