/**
 * A Kamailio attempt's start may come from OTHER rows of its call (the first 407, the previous
 * branch's final reply), which an overlapping export may lack: the same attempt then has two
 * starts. It is still one call: the de-duplication key uses its own final reply (identityMs).
 */
import { describe, expect, it } from 'vitest';
import { DUPLICATE_REASON } from '../../ingest/call-deduper';
import { ingestFiles } from '../../ingest/ingest-files';
import { kamailioAcc, kamailioDrGateways } from '.';

const HEADER = 'id,method,from_tag,to_tag,callid,sip_code,sip_reason,time,src_ip,dst_ouser,dst_user,dst_domain,src_user,src_domain,cdr_id,calltype,src_gwgroupid,dst_gwgroupid';
// fixtures/cdr/kamailio-acc/challenges-and-failover.csv, ids 1, 2, 9, 10, 11, 14
const CH1_407 = '1,INVITE,a1,z9hG4bK01.0,ch-1@phone,407,Proxy Authentication Required,2025-05-05 10:00:00,10.0.0.21,15551230001,15551230001,pbx.example,2000,pbx.example,0,,,';
const CH1_200 = '2,INVITE,a1,b1,ch-1@phone,200,OK,2025-05-05 10:00:01,10.0.0.21,15551230001,15551230001,34.210.91.112,2000,pbx.example,1,outbound,13,3';
const FO5_503 = '9,INVITE,a5,b5,fo-5@pbx,503,Service Unavailable,2025-05-05 10:04:00,10.0.0.5,15551230005,15551230005,34.210.91.112,12025550100,pbx.example,0,outbound,13,3';
const FO5_200 = '10,INVITE,a5,c5,fo-5@pbx,200,OK,2025-05-05 10:04:02,10.0.0.5,15551230005,15551230005,52.41.52.34,12025550100,pbx.example,2,outbound,13,4';
const CH1_BYE = '11,BYE,a1,b1,ch-1@phone,200,OK,2025-05-05 10:01:01,10.0.0.21,2000,2000,pbx.example,15551230001,34.210.91.112,1,,13,3';
const FO5_BYE = '14,BYE,a5,c5,fo-5@pbx,200,OK,2025-05-05 10:05:02,10.0.0.5,12025550100,12025550100,pbx.example,15551230005,52.41.52.34,2,,13,4';

const file = (name: string, rows: string[]) => ({ name, blob: new Blob([[HEADER, ...rows].join('\n')]) });

describe('kamailio-acc: overlapping exports count each attempt once', () => {
  it('an export that starts after the 407 / the first branch adds no calls', async () => {
    // 10:00–10:06 export, then a 10:00:01–10:06 export of the same table (its first rows cut off).
    const whole = file('acc-1000.csv', [CH1_407, CH1_200, FO5_503, FO5_200, CH1_BYE, FO5_BYE]);
    const later = file('acc-100001.csv', [CH1_200, FO5_200, CH1_BYE, FO5_BYE]);
    const { store, summary } = await ingestFiles([whole, later], { formats: [kamailioAcc, kamailioDrGateways] });
    expect(summary.files[0]!.rows.used).toBeGreaterThan(0);
    // ch-1 (gwgroup 3) and fo-5 on gwgroup 3 and 4: three attempts; the later file's two are duplicates.
    expect(store.length).toBe(3);
  });

  it('a call read again in another file: every row it folds is a skipped row, duplicate, at its first line', async () => {
    // Lines: 1 header; ch-1 407 (2), 200 (3), BYE (4); fo-5 503 (5), 200 (6), BYE (7).
    // 6 rows, 3 attempts; read again (here with CRLF line ends) all 6 rows are duplicates. The
    // attempts' first lines: ch-1 2, fo-5 on group 3 5, fo-5 on group 4 6 (its BYE, 7, is its row).
    const rows = [CH1_407, CH1_200, CH1_BYE, FO5_503, FO5_200, FO5_BYE];
    const first = file('acc-a.csv', rows);
    const again = { name: 'acc-b.csv', blob: new Blob([[HEADER, ...rows].join('\r\n')]) };
    const { store, summary } = await ingestFiles([first, again], { formats: [kamailioAcc, kamailioDrGateways] });
    expect(store.length).toBe(3);
    expect(summary.files[0]!.rows).toMatchObject({ read: 6, used: 6, skipped: 0 });
    expect(summary.files[1]!.rows).toMatchObject({ read: 6, used: 0, skipped: 6 });
    expect(summary.files[1]!.skipped).toEqual([{ reason: DUPLICATE_REASON, count: 6, firstLines: [2, 5, 6] }]);
    // The challenge is counted where it is seen, in each file's rows (not an attempt: never de-duplicated).
    expect(summary.files[1]!.traffic).toMatchObject({ outbound: 0, authChallenges: 1, answeredAfterChallenge: 1 });
  });

  it('an export holding some of the calls again: only the rows of those calls are duplicates', async () => {
    // The later export (lines 2-4): ch-1's 200 and BYE (a duplicate: its identity is its final reply,
    // the 407 not in this file), fo-5's 200 on group 4 (duplicate, its BYE is missing: still one
    // call by its answer), then a call of its own (line 5).
    const whole = file('acc-1000.csv', [CH1_407, CH1_200, CH1_BYE, FO5_503, FO5_200, FO5_BYE]);
    const NEW_200 = '20,INVITE,a9,b9,nw-9@pbx,200,OK,2025-05-05 10:07:00,10.0.0.5,15551230009,15551230009,34.210.91.112,12025550100,pbx.example,0,outbound,13,3';
    const later = file('acc-1001.csv', [CH1_200, CH1_BYE, FO5_200, NEW_200]);
    const { store, summary } = await ingestFiles([whole, later], { formats: [kamailioAcc, kamailioDrGateways] });
    expect(store.length).toBe(4);
    expect(summary.files[1]!.rows).toMatchObject({ read: 4, used: 1, skipped: 3 });
    expect(summary.files[1]!.skipped).toEqual([{ reason: DUPLICATE_REASON, count: 3, firstLines: [2, 4] }]);
  });
});
