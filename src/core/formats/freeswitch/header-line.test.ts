/**
 * A mod_cdr_csv file from a custom template (the example template's 13 columns, then
 * ${sip_gateway_name}, ${sip_term_status}, ${sip_term_cause}) with its header line added by hand, as
 * the custom-template hint asks: read by the FreeSWITCH reader, its layout taken from the header, so
 * each row reads as a headerless stock-template row does (context `public` → inbound, direction.ts)
 * plus what the added columns say (the gateway is the trunk, sip_term_status the SIP code).
 *
 * The file (legs=ab: B-legs name their gateway, an A-leg names none), 17 rows:
 * - telnyx, 6 outbound attempts: 2 answered, 3 refused 503, 1 busy 486;
 * - bandwidth, 4 outbound attempts: 2 answered, 2 declined 603;
 * - 1 A-leg (context default, a long number, no gateway): the leg that dialled the first telnyx 503,
 *   not an attempt of its own;
 * - 4 calls in from outside (context public): 1 on the telnyx gateway, 3 naming none;
 * - 2 phone-to-phone calls (context default, 1001 ↔ 1002): internal.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { analyzeDashboard } from '../../analysis/analyze-dashboard';
import { ingestFiles } from '../../ingest/ingest-files';
import { inProcessPool } from '../../ingest/pieces/in-process-pool';
import { ingestBlob } from '../../ingest/ingest-file';
import type { CallRecord } from '../../model/call-record';
import { fixtureUrl } from './test-helpers';

const HEADER =
  'caller_id_name,caller_id_number,destination_number,context,start_stamp,answer_stamp,end_stamp,duration,billsec,hangup_cause,uuid,bleg_uuid,accountcode,sip_gateway_name,sip_term_status,sip_term_cause';

const ROWS = [
  // telnyx: 2 answered, 3 × 503, 1 × 486
  '"Outbound Call","3125550100","17735550001","default","2024-11-19 10:00:00","2024-11-19 10:00:05","2024-11-19 10:01:05","65","60","NORMAL_CLEARING","b-0001","a-0001","1001","telnyx","200","16"',
  '"Outbound Call","3125550100","17735550002","default","2024-11-19 10:00:10","","2024-11-19 10:00:10","0","0","NORMAL_TEMPORARY_FAILURE","b-0002","a-0002","1001","telnyx","503","41"',
  '"Outbound Call","3125550100","17735550003","default","2024-11-19 10:00:20","","2024-11-19 10:00:20","0","0","NORMAL_TEMPORARY_FAILURE","b-0003","a-0003","1001","telnyx","503","41"',
  '"Outbound Call","3125550100","17735550004","default","2024-11-19 10:00:30","2024-11-19 10:00:35","2024-11-19 10:01:35","65","60","NORMAL_CLEARING","b-0004","a-0004","1001","telnyx","200","16"',
  '"Outbound Call","3125550100","17735550005","default","2024-11-19 10:00:40","","2024-11-19 10:00:40","0","0","NORMAL_TEMPORARY_FAILURE","b-0005","a-0005","1001","telnyx","503","41"',
  '"Outbound Call","3125550100","17735550006","default","2024-11-19 10:00:50","","2024-11-19 10:00:53","3","0","USER_BUSY","b-0006","a-0006","1001","telnyx","486","17"',
  // bandwidth: 2 answered, 2 × 603
  '"Outbound Call","3125550101","12165550001","default","2024-11-19 10:01:00","2024-11-19 10:01:05","2024-11-19 10:02:05","65","60","NORMAL_CLEARING","b-0101","a-0101","1001","bandwidth","200","16"',
  '"Outbound Call","3125550101","12165550002","default","2024-11-19 10:01:10","","2024-11-19 10:01:11","1","0","CALL_REJECTED","b-0102","a-0102","1001","bandwidth","603","21"',
  '"Outbound Call","3125550101","12165550003","default","2024-11-19 10:01:20","","2024-11-19 10:01:21","1","0","CALL_REJECTED","b-0103","a-0103","1001","bandwidth","603","21"',
  '"Outbound Call","3125550101","12165550004","default","2024-11-19 10:01:30","2024-11-19 10:01:35","2024-11-19 10:02:35","65","60","NORMAL_CLEARING","b-0104","a-0104","1001","bandwidth","200","16"',
  // the A-leg of b-0002 (line 3): no gateway of its own
  '"Alice","1001","17735550002","default","2024-11-19 10:00:10","","2024-11-19 10:00:10","0","0","NORMAL_TEMPORARY_FAILURE","a-0002","b-0002","1001","","503","41"',
  // in from outside: 1 on telnyx, 3 naming no gateway (the last an internet scanner)
  '"WIRELESS CALLER","13125559001","3125550100","public","2024-11-19 10:02:00","2024-11-19 10:02:04","2024-11-19 10:03:04","64","60","NORMAL_CLEARING","i-0001","","","telnyx","200","16"',
  '"WIRELESS CALLER","13125559002","3125550100","public","2024-11-19 10:02:10","2024-11-19 10:02:14","2024-11-19 10:03:14","64","60","NORMAL_CLEARING","i-0002","","","","200","16"',
  '"WIRELESS CALLER","13125559003","3125550100","public","2024-11-19 10:02:20","","2024-11-19 10:02:40","20","0","NO_ANSWER","i-0003","","","","480","19"',
  '"SCANNER","1000","9011972555","public","2024-11-19 10:02:30","","2024-11-19 10:02:30","0","0","NO_ROUTE_DESTINATION","i-0004","","","","404","3"',
  // phone to phone
  '"Alice","1001","1002","default","2024-11-19 10:03:00","2024-11-19 10:03:02","2024-11-19 10:04:02","62","60","NORMAL_CLEARING","x-0001","x-1001","1001","","200","16"',
  '"Bob","1002","1001","default","2024-11-19 10:03:30","","2024-11-19 10:03:50","20","0","NO_ANSWER","x-0002","","1002","","",""',
];

const TEXT = `${[HEADER, ...ROWS].join('\n')}\n`;
const inputs = () => [{ name: 'Master.csv', blob: new Blob([TEXT]) }];

describe('a custom-template FreeSWITCH file with its header line', () => {
  it('is read by the FreeSWITCH reader: gateways are trunks, public calls inbound, no blank trunk', async () => {
    const { summary, store } = await ingestFiles(inputs());
    const file = summary.files[0]!;
    expect(file.format?.id).toBe('freeswitch-cdr-csv');
    expect(file.rows).toMatchObject({ read: 17, used: 14, skipped: 3, headerLines: 1 });
    expect(file.traffic).toMatchObject({ outbound: 10, inbound: 4, internal: 2, unknownDirection: 0 });
    expect(file.skipped.map((g) => [g.reason, g.count, g.firstLines])).toEqual([
      ['internal call: stayed on the PBX, not a trunk attempt', 2, [17, 18]],
      ['no sip_gateway_name: not a gateway leg', 1, [12]],
    ]);

    const data = analyzeDashboard(store, { window: null, trunks: [], bucketMs: null, topN: 10 });
    const row = (name: string) => {
      const t = data.trunks.find((s) => s.trunk === name);
      return t && [t.attempts, t.answered, t.rate503.n, t.rate603.n, t.inbound ?? 0];
    };
    // attempts, answered, 503, 603, inbound
    expect(row('telnyx')).toEqual([6, 2, 3, 0, 1]);
    expect(row('bandwidth')).toEqual([4, 2, 0, 2, 0]);
    // The 3 public calls naming no gateway: shown apart, in no rate.
    expect(row('(blank trunk)')).toEqual([0, 0, 0, 0, 3]);
    expect(data.trunks.map((t) => t.trunk).sort()).toEqual(['(blank trunk)', 'bandwidth', 'telnyx']);
    expect(data.calls).toBe(10);
  });

  it('pieces give what one pass gives, cut at every byte', async () => {
    const one = await ingestFiles(inputs());
    const pieces = await ingestFiles(inputs(), { pool: inProcessPool(), pieceBytes: 1 });
    expect(pieces.summary.files[0]!.pieces).toBeGreaterThan(1);
    expect({ ...pieces.summary.files[0]!, pieces: 0 }).toEqual({ ...one.summary.files[0]!, pieces: 0 });
  });

  it('reads the same with the template line itself pasted as the header (`"${caller_id_name}",…`)', async () => {
    const pasted = HEADER.split(',').map((v) => `"\${${v}}"`).join(',');
    const { summary } = await ingestFiles([{ name: 'Master.csv', blob: new Blob([`${[pasted, ...ROWS].join('\n')}\n`]) }]);
    const file = summary.files[0]!;
    expect(file.format?.id).toBe('freeswitch-cdr-csv');
    expect(file.rows).toMatchObject({ read: 17, used: 14, skipped: 3, headerLines: 1 });
    expect(file.trunks).toEqual(expect.arrayContaining([{ name: 'telnyx', calls: 7 }, { name: 'bandwidth', calls: 4 }]));
  });
});

async function ingestOne(text: string | Uint8Array) {
  const records: CallRecord[] = [];
  const result = await ingestBlob(new Blob([text as BlobPart]), { fileName: 'unknown' }, (r) => records.push(r));
  return { records, result };
}

/**
 * FusionPBX's CSV download (app/xml_cdr/xml_cdr_export.php over xml_cdr_inc.php's query; its
 * order): no context and no gateway, but its own `direction` (inbound, outbound, local), and a
 * `duration` that is `billsec as duration`.
 */
const FUSIONPBX = [
  '"domain_uuid","sip_call_id","extension","extension_name","start_stamp","end_stamp","start_date_formatted","start_time_formatted","start_epoch","hangup_cause","duration","billmsec","missed_call","record_path","record_name","xml_cdr_uuid","bridge_uuid","direction","billsec","caller_id_name","caller_id_number","caller_destination","source_number","destination_number","leg","read_codec","write_codec","cc_side","accountcode","answer_stamp","status","sip_hangup_disposition","pdd_ms","rtp_audio_in_mos","tta"',
  '"d-1","c-1@pbx","1001","Sales","2024-05-01 16:00:00-05","2024-05-01 16:01:05-05","01 May 2024","04:00 pm","1714597200","NORMAL_CLEARING","60","60000","false","","","7e0c0001-0000-4000-8000-000000000001","","outbound","60","Sales","1001","15551240001","1001","15551240001","a","PCMU","PCMU","","","2024-05-01 16:00:05-05","answered","send_bye","420","4.4","5"',
  '"d-1","c-2@pbx","1001","Sales","2024-05-01 16:02:00-05","2024-05-01 16:02:01-05","01 May 2024","04:02 pm","1714597320","NORMAL_CIRCUIT_CONGESTION","0","0","false","","","7e0c0002-0000-4000-8000-000000000002","","outbound","0","Sales","1001","15551240002","1001","15551240002","a","","","","","","failed","recv_refuse","0","","-1714597320"',
  '"d-1","c-3@carrier","1001","Sales","2024-05-01 16:03:00-05","2024-05-01 16:04:04-05","01 May 2024","04:03 pm","1714597380","NORMAL_CLEARING","60","60000","false","","","7e0c0003-0000-4000-8000-000000000003","","inbound","60","WIRELESS CALLER","15551249999","1001","15551249999","1001","a","PCMU","PCMU","","","2024-05-01 16:03:04-05","answered","recv_bye","0","4.3","4"',
  '"d-1","c-4@pbx","1001","Sales","2024-05-01 16:05:00-05","2024-05-01 16:05:32-05","01 May 2024","04:05 pm","1714597500","NORMAL_CLEARING","30","30000","false","","","7e0c0004-0000-4000-8000-000000000004","","local","30","Sales","1001","1002","1001","1002","a","PCMU","PCMU","","","2024-05-01 16:05:02-05","answered","send_bye","0","4.4","2"',
].join('\n');

describe('a FusionPBX CDR export (CSV download)', () => {
  it('is read by the FreeSWITCH reader, its own direction column saying which calls were attempts', async () => {
    const { records, result } = await ingestOne(FUSIONPBX);
    expect(result.format).toMatchObject({ id: 'freeswitch-cdr-csv', variant: 'FusionPBX CDR export (header line)' });
    expect(result.rows).toMatchObject({ read: 4, used: 3, skipped: 1 });
    expect(result.traffic).toMatchObject({ outbound: 2, inbound: 1, internal: 1, unknownDirection: 0 });
    expect(records.map((r) => [r.direction, r.trunk, r.sipCode, r.outcome, r.callId, r.durationSec, r.talkSec])).toEqual([
      ['outbound', '(no trunk column)', null, 'answered', '7e0c0001-0000-4000-8000-000000000001', null, 60],
      ['outbound', '(no trunk column)', 503, 'capacity', '7e0c0002-0000-4000-8000-000000000002', null, 0],
      ['inbound', '(no trunk column)', null, 'answered', '7e0c0003-0000-4000-8000-000000000003', null, 60],
    ]);
  });
});

describe('a `|`-delimited custom template with its header (fixtures/cdr/generic-csv/freeswitch-custom-pipe.csv)', () => {
  it('reads each row as the generic reader did, but the no-route row that named no gateway is no attempt', async () => {
    const { records, result } = await ingestOne(new Uint8Array(readFileSync(fixtureUrl('generic-csv', 'freeswitch-custom-pipe.csv'))));
    expect(result.format?.id).toBe('freeswitch-cdr-csv');
    expect(result.rows).toMatchObject({ read: 6, used: 5, skipped: 1, headerLines: 1 });
    expect(result.skipped).toEqual([{ reason: 'no sip_gateway_name: not a gateway leg', count: 1, firstLines: [7] }]);
    // trunk, SIP code, its source, outcome, reason, Q.850 cause (generic/fixtures.test.ts reads the same file)
    expect(records.map((r) => [r.trunk, r.sipCode, r.codeSource, r.outcome, r.reason, r.q850])).toEqual([
      ['gw_alpha', 200, 'sip', 'answered', 'NORMAL_CLEARING', 16],
      ['gw_alpha', 503, 'sip', 'capacity', 'Service Unavailable', 41],
      ['gw_beta', 603, 'sip', 'policy', 'Decline', 21],
      ['gw_beta', null, 'q850', 'policy', 'CALL_REJECTED', 21], // no SIP status: 403 or 603
      ['gw_beta', 486, 'sip', 'user', 'Busy Here', 17],
    ]);
  });
});
