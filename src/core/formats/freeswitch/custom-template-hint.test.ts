/**
 * A mod_cdr_csv file from a custom template (the example template's 13 columns, then
 * ${sip_gateway_name}, ${sip_term_status}, ${sip_term_cause}: 16 columns, no header) is refused
 * with a message that says how to make it readable, and it is readable so.
 */
import { describe, expect, it } from 'vitest';
import { ingestBlob } from '../../ingest/ingest-file';
import type { CallRecord } from '../../model/call-record';
import { customTemplateHint } from './custom-template-hint';

/** Three B-legs: telnyx answered, telnyx refused 503, bandwidth declined 603. */
const ROWS = [
  '"Outbound Call","3125550100","17735551000","default","2024-11-19 10:00:00","2024-11-19 10:00:05","2024-11-19 10:01:05","65","60","NORMAL_CLEARING","6f1c0001-7a2b","1b2c0001-7a2b","1001","telnyx","200","16"',
  '"Outbound Call","3125550100","17735552002","default","2024-11-19 10:00:15","","2024-11-19 10:00:15","0","0","NORMAL_TEMPORARY_FAILURE","6f1c0023-7a2b","1b2c0023-7a2b","1001","telnyx","503","41"',
  '"Outbound Call","3125550101","12165550111","default","2024-11-19 10:00:07","","2024-11-19 10:00:08","1","0","CALL_REJECTED","6f1c0061-7a2b","1b2c0061-7a2b","1001","bandwidth","603","21"',
];
const HEADER =
  'caller_id_name,caller_id_number,destination_number,context,start_stamp,answer_stamp,end_stamp,duration,billsec,hangup_cause,uuid,bleg_uuid,accountcode,sip_gateway_name,sip_term_status,sip_term_cause';

async function ingest(text: string) {
  const records: CallRecord[] = [];
  const result = await ingestBlob(new Blob([text]), { fileName: 'Master.csv' }, (r) => records.push(r));
  return { records, result };
}

describe('a FreeSWITCH custom template without a header', () => {
  it('is refused saying it is one, with its 16 columns, and what line to add', async () => {
    const { result } = await ingest(`${ROWS.join('\n')}\n`);
    expect(result.format).toBeNull();
    expect(result.error).toContain("Its rows start as FreeSWITCH mod_cdr_csv's example template (a cause name such as NORMAL_CLEARING in column 10) but have 16 columns");
    expect(result.error).toContain('add one line at the top naming each column by its variable');
  });

  it('with that line added, reads by its header: the gateways are the trunks, the codes are SIP codes', async () => {
    const { result, records } = await ingest(`${[HEADER, ...ROWS].join('\n')}\n`);
    expect(result.error).toBeNull();
    expect(result.format?.id).toBe('freeswitch-cdr-csv');
    expect(result.trunks).toEqual([
      { name: 'telnyx', calls: 2 },
      { name: 'bandwidth', calls: 1 },
    ]);
    expect(records.map((r) => r.sipCode)).toEqual([200, 503, 603]);
  });

  it('says nothing for a shipped template (15 columns: example) or rows that are not FreeSWITCH', () => {
    // The rows as the tokenizer gives them (no field holds a comma or a quote).
    const fields = ROWS.map((r) => r.split(',').map((f) => f.slice(1, -1)));
    expect(customTemplateHint(fields)).toMatch(/have 16 columns/);
    expect(customTemplateHint(fields.map((f) => f.slice(0, 15)))).toBeNull();
    expect(customTemplateHint([['hello', 'world'], ['foo', 'bar']])).toBeNull();
    // 18 columns is the asterisk-like template's width, but these rows are the example's order.
    expect(customTemplateHint(fields.map((f) => [...f, 'PCMU', 'PCMU']))).toMatch(/have 18 columns/);
  });
});
