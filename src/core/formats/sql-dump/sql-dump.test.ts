/**
 * SQL dumps of CDR tables, hand-written after real phpMyAdmin, mysqldump and pg_dump output
 * (fixtures/cdr/{asterisk-cdr-sql,vicidial-sql,freeswitch-cdr-sql}/), read through the whole ingest
 * under the name 'unknown' so only the content can tell what they are. Each expectation is read
 * off the fixture by hand: one call per tuple, trunk from dstchannel / channel / bridge_channel.
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import type { CallRecord } from '../../model/call-record';
import { ingestBlob } from '../../ingest/ingest-file';

const FIXTURES = fileURLToPath(new URL('../../../../fixtures/cdr/', import.meta.url));

async function ingest(path: string, options: { sliceBytes?: number; text?: string } = {}) {
  const bytes = options.text ?? readFileSync(FIXTURES + path);
  const records: CallRecord[] = [];
  const result = await ingestBlob(new Blob([bytes]), { fileName: 'unknown', ...(options.sliceBytes ? { sliceBytes: options.sliceBytes } : {}) }, (r) => records.push(r));
  return { records, result };
}

const brief = (r: CallRecord) => [r.trunk, r.outcome, r.sipCode, r.codeSource, r.reason];
const utc = (h: number, m: number, s = 0) => Date.UTC(2024, 4, 1, h, m, s);

describe('Asterisk cdr table dumps', () => {
  it('phpMyAdmin, a renamed table (pbxip_cdr) with two columns of its own: 6 calls on 2 trunks', async () => {
    const { records, result } = await ingest('asterisk-cdr-sql/phpmyadmin-pbxip-cdr.sql');
    expect(result.error).toBeNull();
    expect(result.format).toMatchObject({ id: 'asterisk-cdr-sql', family: 'asterisk', variant: 'phpMyAdmin, table pbxip_cdr (Asterisk cdr table, 21 columns)' });
    expect(result.rows).toEqual({ read: 6, used: 6, skipped: 0, headerLines: 0 });
    expect(result.trunks).toEqual([
      { name: 'carrierA', calls: 3 },
      { name: 'carrierB', calls: 3 },
    ]);
    // Dispositions only: FAILED and CONGESTION are 503-like, BUSY and NO ANSWER the callee's.
    expect(records.map(brief)).toEqual([
      ['carrierA', 'answered', null, 'disposition', 'ANSWERED'],
      ['carrierA', 'capacity', null, 'disposition', 'FAILED'],
      ['carrierA', 'capacity', null, 'disposition', 'CONGESTION'],
      ['carrierB', 'user', null, 'disposition', 'BUSY'],
      ['carrierB', 'user', null, 'disposition', 'NO ANSWER'],
      ['carrierB', 'answered', null, 'disposition', 'ANSWERED'],
    ]);
    // `\"Bob O\'Brien\" <1002>`: MySQL escapes undone; the number comes from src.
    expect(records[2]).toMatchObject({ startMs: utc(9, 2), destination: '18005550103', callerId: '1002', durationSec: 2, talkSec: 0 });
    expect(records[0]).toMatchObject({ startMs: utc(9, 0), durationSec: 75, talkSec: 70, callId: '1714554000.1' });
  });

  it('mysqldump extended insert without a column list: the CREATE TABLE gives the order; HANGUPCAUSE text in userfield gives SIP codes', async () => {
    const { records, result } = await ingest('asterisk-cdr-sql/mysqldump-freepbx-cdr-no-column-list.sql');
    expect(result.format).toMatchObject({ id: 'asterisk-cdr-sql', variant: 'mysqldump, table cdr (Asterisk cdr table, 26 columns)' });
    expect(result.rows).toEqual({ read: 4, used: 4, skipped: 0, headerLines: 0 });
    expect(result.capabilities).toMatchObject({ sipCodes: true, separates503From603: true, hasTrunk: true });
    expect(records.map(brief)).toEqual([
      ['voipco', 'answered', 200, 'sip', 'OK'],
      ['voipco', 'capacity', 503, 'sip', 'Service Unavailable'],
      ['voipco', 'policy', 603, 'sip', 'Declined'],
      ['voipco', 'capacity', 503, 'sip', 'Service Unavailable'],
    ]);
    expect(records.map((r) => r.destination)).toEqual(['442071838750', '442071838751', '442071838752', '442071838753']);
  });

  it('pg_dump COPY and pg_dump --inserts of the reference table read the same three calls', async () => {
    const copy = await ingest('asterisk-cdr-sql/pg-dump-copy-cdr.sql');
    const inserts = await ingest('asterisk-cdr-sql/pg-dump-inserts-cdr.sql');
    for (const { result } of [copy, inserts]) {
      expect(result.format).toMatchObject({ id: 'asterisk-cdr-sql', variant: 'pg_dump, table cdr (Asterisk cdr table, 21 columns)' });
      expect(result.rows).toEqual({ read: 3, used: 3, skipped: 0, headerLines: 0 });
    }
    expect(copy.records.map(brief)).toEqual([
      ['orange', 'answered', null, 'disposition', 'ANSWERED'],
      ['orange', 'capacity', null, 'disposition', 'CONGESTION'],
      ['orange', 'user', null, 'disposition', 'NO ANSWER'],
    ]);
    // start / answer / "end" columns: answer NULL (\N) when unanswered.
    expect(copy.records[0]).toMatchObject({ startMs: utc(11, 0), answerMs: utc(11, 0, 4), endMs: utc(11, 1, 4) });
    expect(copy.records[1]).toMatchObject({ answerMs: null, endMs: utc(11, 2, 1) });
    const strip = (r: CallRecord) => ({ ...r, callerId: '' });
    expect(inserts.records.map(strip)).toEqual(copy.records.map(strip));
  });

  it('chunk seams never matter: the same records at 7-byte slices', async () => {
    for (const name of ['phpmyadmin-pbxip-cdr.sql', 'mysqldump-freepbx-cdr-no-column-list.sql', 'pg-dump-copy-cdr.sql']) {
      const whole = await ingest(`asterisk-cdr-sql/${name}`);
      const sliced = await ingest(`asterisk-cdr-sql/${name}`, { sliceBytes: 7 });
      expect(sliced.records).toEqual(whole.records);
      expect(sliced.result.rows).toEqual(whole.result.rows);
    }
  });

  it('tuples in another order give the same calls (metamorphic)', async () => {
    const text = readFileSync(`${FIXTURES}asterisk-cdr-sql/phpmyadmin-pbxip-cdr.sql`, 'utf8');
    const tuples = text.split('\n').filter((l) => l.startsWith('('));
    const reversed = tuples.map((t) => t.replace(/[,;]$/, '')).reverse();
    const shuffled = text.replace(tuples.join('\n'), reversed.map((t, i) => t + (i === reversed.length - 1 ? ';' : ',')).join('\n'));
    const a = await ingest('asterisk-cdr-sql/phpmyadmin-pbxip-cdr.sql');
    const b = await ingest('', { text: shuffled });
    const key = (r: CallRecord) => r.callId;
    expect([...b.records].sort((x, y) => key(x).localeCompare(key(y)))).toEqual([...a.records].sort((x, y) => key(x).localeCompare(key(y))));
  });
});

describe('VICIdial tables', () => {
  it('vicidial_carrier_log rows are read as the Carrier Log Report; vicidial_log rows are skipped with the reason', async () => {
    const { records, result } = await ingest('vicidial-sql/mysqldump-carrier-log-and-log.sql');
    expect(result.format).toMatchObject({ id: 'vicidial-sql', family: 'vicidial', variant: 'mysqldump, table vicidial_carrier_log (VICIdial vicidial_carrier_log, 12 columns)' });
    expect(result.rows).toEqual({ read: 7, used: 5, skipped: 2, headerLines: 0 });
    expect(result.skipped).toEqual([expect.objectContaining({ count: 2, reason: expect.stringMatching(/^vicidial_log row: /) })]);
    expect(result.trunks).toEqual([
      { name: 'telco1', calls: 3 },
      { name: 'telco2', calls: 2 },
    ]);
    expect(records.map(brief)).toEqual([
      ['telco1', 'answered', 200, 'sip', 'OK'],
      ['telco1', 'capacity', 503, 'sip', 'Service Unavailable'],
      ['telco1', 'capacity', 503, 'sip', 'Service Unavailable'],
      ['telco2', 'policy', 603, 'sip', 'Decline'],
      ['telco2', 'user', 486, 'sip', 'Busy Here'],
    ]);
    // call_date is written when the dial ends: the attempt started dial_time (4 s) earlier.
    expect(records[0]).toMatchObject({ startMs: utc(13, 59, 57), talkSec: 62, callId: '1714572001.101' });
  });

  it('a carrier log of Local channels and no phone numbers reads as one trunk, and the file says why', async () => {
    // The table has no PHONE NUMBER (the report joins it from vicidial_log): the dial prefix in
    // Local/<prefix><number>@default cannot be told from the number, whatever carrier each went to.
    const text = [
      "INSERT INTO `vicidial_carrier_log` VALUES ('1714572001.101','2024-05-01 14:00:01','10.0.0.5',1001,16,'ANSWER','Local/913125550101@default',4,62,200,'OK','V5011400010000001001'),",
      "('1714572002.102','2024-05-01 14:00:02','10.0.0.5',1002,34,'CONGESTION','Local/813125550102@default',0,0,503,'Service Unavailable','V5011400020000001002');",
    ].join('\n');
    const { result } = await ingest('', { text });
    expect(result.rows).toMatchObject({ read: 2, used: 2, skipped: 0 });
    expect(result.trunks).toEqual([{ name: 'Local/default', calls: 2 }]);
    expect(result.companionHint).toMatch(/^These rows hold no phone number, so the dial prefix that names each carrier cannot be told/);
    // Channels that name their trunk (the fixture's SIP/telco1) need no phone number: no word.
    expect((await ingest('vicidial-sql/mysqldump-carrier-log-and-log.sql')).result.companionHint).toBeNull();
  });
});

describe('FreeSWITCH cdr tables', () => {
  it('pg_dump of mod_cdr_pg_csv’s cdr table: cause names, timestamptz offsets dropped, no trunk column', async () => {
    const { records, result } = await ingest('freeswitch-cdr-sql/pg-dump-mod-cdr-pg-csv.sql');
    expect(result.format).toMatchObject({ id: 'freeswitch-cdr-sql', family: 'freeswitch', variant: 'pg_dump, table cdr (FreeSWITCH cdr table, 19 columns)' });
    expect(result.rows).toEqual({ read: 4, used: 4, skipped: 0, headerLines: 0 });
    expect(result.capabilities).toMatchObject({ hasTrunk: false });
    expect(records.map(brief)).toEqual([
      ['(no trunk column)', 'answered', null, null, 'NORMAL_CLEARING'],
      ['(no trunk column)', 'capacity', 503, 'q850', 'NORMAL_CIRCUIT_CONGESTION'],
      ['(no trunk column)', 'policy', null, 'q850', 'CALL_REJECTED'],
      ['(no trunk column)', 'user', 480, 'q850', 'NO_ANSWER'],
    ]);
    expect(records[0]).toMatchObject({ startMs: utc(12, 0), answerMs: utc(12, 0, 6), endMs: utc(12, 1, 6), destination: '15551230001', callerId: '1000' });
  });

  it('a table with channel columns names the gateway; MySQL’s zero date is no answer time', async () => {
    const { records, result } = await ingest('freeswitch-cdr-sql/mysqldump-cdr-with-channels.sql');
    expect(result.format?.id).toBe('freeswitch-cdr-sql');
    expect(result.trunks).toEqual([
      { name: 'telnyx', calls: 2 },
      { name: 'bandwidth', calls: 1 },
    ]);
    expect(records.map(brief)).toEqual([
      ['telnyx', 'answered', null, null, 'NORMAL_CLEARING'],
      ['telnyx', 'capacity', 503, 'q850', 'NORMAL_CIRCUIT_CONGESTION'],
      ['bandwidth', 'policy', null, 'q850', 'CALL_REJECTED'],
    ]);
    expect(records[1]).toMatchObject({ answerMs: null });
  });
  it('a mod_cdr_pg_csv table with sip_gateway_name and sip_term_status columns: gateways are trunks, the SIP code read', async () => {
    // 6 rows: telnyx 1 answered + 2 × 503, bandwidth 1 × 603 + 1 answered, 1 call in from outside
    // (context public) naming no gateway.
    const { records, result } = await ingest('freeswitch-cdr-sql/pg-dump-cdr-with-gateway.sql');
    expect(result.format).toMatchObject({ id: 'freeswitch-cdr-sql', variant: 'pg_dump, table cdr (FreeSWITCH cdr table, 17 columns)' });
    expect(result.rows).toEqual({ read: 6, used: 6, skipped: 0, headerLines: 0 });
    expect(result.capabilities).toMatchObject({ hasTrunk: true, sipCodes: true, separates503From603: true });
    expect(result.trunks).toEqual([
      { name: 'telnyx', calls: 3 },
      { name: 'bandwidth', calls: 2 },
      { name: '(blank trunk)', calls: 1 },
    ]);
    expect(records.map((r) => [r.trunk, r.direction, r.outcome, r.sipCode])).toEqual([
      ['telnyx', 'outbound', 'answered', 200],
      ['telnyx', 'outbound', 'capacity', 503],
      ['telnyx', 'outbound', 'capacity', 503],
      ['bandwidth', 'outbound', 'policy', 603],
      ['bandwidth', 'outbound', 'answered', 200],
      ['(blank trunk)', 'inbound', 'answered', 200],
    ]);
    expect(records[0]).toMatchObject({ startMs: Date.UTC(2024, 10, 19, 10, 0), answerMs: Date.UTC(2024, 10, 19, 10, 0, 5), endMs: Date.UTC(2024, 10, 19, 10, 1, 5) });
  });
});

describe('a table that states the direction', () => {
  it('a cdr table’s own `direction` column is the channel’s (a phone’s A-leg is inbound): calls sent through a gateway stay outbound', async () => {
    // 2 rows: 1001 dialled out through telnyx, 503 each; FreeSWITCH's ${direction} of that A-leg is `inbound`.
    const text = [
      'INSERT INTO cdr (caller_id_number, destination_number, context, start_stamp, answer_stamp, end_stamp, duration, billsec, hangup_cause, uuid, sip_gateway_name, sip_term_status, direction) VALUES',
      "('1001','17735550001','default','2024-05-01 10:00:00',NULL,'2024-05-01 10:00:01',1,0,'NORMAL_TEMPORARY_FAILURE','u1','telnyx','503','inbound'),",
      "('1001','17735550002','default','2024-05-01 10:00:10',NULL,'2024-05-01 10:00:11',1,0,'NORMAL_TEMPORARY_FAILURE','u2','telnyx','503','inbound');",
    ].join('\n');
    const { records } = await ingest('', { text });
    expect(records.map((r) => [r.trunk, r.direction, r.sipCode])).toEqual([
      ['telnyx', 'outbound', 503],
      ['telnyx', 'outbound', 503],
    ]);
  });

  it('FusionPBX v_xml_cdr: outbound and inbound calls kept with their direction, the local call counted as internal', async () => {
    const { records, result } = await ingest('freeswitch-cdr-sql/pg-dump-fusionpbx-v-xml-cdr.sql');
    expect(result.format).toMatchObject({ id: 'freeswitch-cdr-sql', variant: 'pg_dump, table v_xml_cdr (FreeSWITCH cdr table, 14 columns)' });
    expect(result.rows).toMatchObject({ read: 4, used: 3, skipped: 1 });
    expect(records.map((r) => [r.direction, r.outcome, r.destination])).toEqual([
      ['outbound', 'answered', '15551240001'],
      ['outbound', 'capacity', '15551240002'],
      ['inbound', 'answered', '1001'],
    ]);
    // `-05` offsets dropped: the wall-clock digits as written. The table's duration is the call's
    // (65 s, start to end), not billsec renamed as in FusionPBX's CSV download; xml_cdr_uuid is the call id.
    expect(records[0]).toMatchObject({ startMs: utc(16, 0), answerMs: utc(16, 0, 5), durationSec: 65, talkSec: 60, callId: '7e0c0000-0000-4000-8000-000000000001' });
  });
});
