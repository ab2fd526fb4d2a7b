/**
 * A Kamailio attempt's start may come from OTHER rows of its call (the first 407, the previous
 * branch's final reply), which an overlapping export may lack: the same attempt then has two
 * starts. It is still one call: the de-duplication key uses its own final reply (identityMs).
 */
import { describe, expect, it } from 'vitest';
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
});
