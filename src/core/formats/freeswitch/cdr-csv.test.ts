import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { freeswitchCdrCsv, freeswitchCdrCsvOpencdrrate } from '.';
import { NO_TRUNK, REASON_INTERNAL } from './cdr-csv-row';
import { SPREADSHEET_VARIANT } from './cdr-csv';
import { decode, fixtureUrl, parseText, sampleOf, wall } from './test-helpers';
import { DelimitedTokenizer } from '../../read/delimited-tokenizer';
import type { RowOutcome } from '../format-module';

const ID = 'freeswitch-cdr-csv';
const text = (name: string) => decode(new Uint8Array(readFileSync(fixtureUrl(ID, name))));
const parse = (name: string) => parseText(freeswitchCdrCsv, text(name));

describe('freeswitch-cdr-csv: example template (basic)', () => {
  const { records, skips, read, parser } = parse('example-basic.csv');

  it('reads all 8 rows', () => {
    expect(read).toBe(8);
    expect(records).toHaveLength(8);
    expect(skips.size).toBe(0);
  });

  it('answered call: times, durations, ids, no trunk column', () => {
    const r = records[0]!;
    expect(r.startMs).toBe(wall(2024, 3, 4, 9, 0, 0));
    expect(r.answerMs).toBe(wall(2024, 3, 4, 9, 0, 5));
    expect(r.endMs).toBe(wall(2024, 3, 4, 9, 2, 5));
    expect(r.durationSec).toBe(125);
    expect(r.talkSec).toBe(120);
    expect(r).toMatchObject({ outcome: 'answered', sipCode: null, codeSource: null, reason: 'NORMAL_CLEARING', q850: 16 });
    expect(r).toMatchObject({ trunk: NO_TRUNK, destination: '15551230001', callerId: '1001', callId: '0e6a3f10-0001-4a1b-9c2d-000000000001' });
  });

  it('NORMAL_TEMPORARY_FAILURE (what a 503 becomes) → ≈503 capacity from q850', () => {
    expect(records[1]).toMatchObject({ sipCode: 503, codeSource: 'q850', outcome: 'capacity', reason: 'NORMAL_TEMPORARY_FAILURE', q850: 41, answerMs: null, talkSec: 0, durationSec: 1 });
  });

  it('CALL_REJECTED is "403 or 603": no single code, policy', () => {
    expect(records[2]).toMatchObject({ sipCode: null, codeSource: 'q850', outcome: 'policy', reason: 'CALL_REJECTED', q850: 21 });
  });

  it('an unescaped `"` in caller_id_name does not shift the columns', () => {
    expect(records[3]).toMatchObject({ sipCode: 486, outcome: 'user', reason: 'USER_BUSY', callerId: '1003', destination: '15551230004' });
  });

  it('a quoted `,` in caller_id_name; FreeSWITCH-only causes have no Q.850 number', () => {
    expect(records[4]).toMatchObject({ sipCode: 487, codeSource: 'q850', outcome: 'user', reason: 'ORIGINATOR_CANCEL', q850: null, callerId: '1004' });
    expect(records[5]).toMatchObject({ sipCode: 503, outcome: 'capacity', reason: 'GATEWAY_DOWN', q850: null, callerId: '+4930123456' });
    expect(records[6]).toMatchObject({ sipCode: null, outcome: 'user', reason: 'RECOVERY_ON_TIMER_EXPIRE', q850: 102 });
  });

  it('a call across midnight', () => {
    const r = records[7]!;
    expect(r.startMs).toBe(wall(2024, 3, 4, 23, 59, 58));
    expect(r.endMs).toBe(wall(2024, 3, 5, 0, 0, 31));
    expect(r.outcome).toBe('answered');
  });

  it('outcome tally a person can count in the fixture', () => {
    const tally = (o: string) => records.filter((r) => r.outcome === o).length;
    // capacity: NORMAL_TEMPORARY_FAILURE ×1 + GATEWAY_DOWN; user includes RECOVERY_ON_TIMER_EXPIRE (a timeout).
    expect([tally('answered'), tally('capacity'), tally('policy'), tally('user')]).toEqual([2, 2, 1, 3]);
  });

  it('capabilities: no SIP codes, no trunk', () => {
    expect(parser.capabilities()).toEqual({ sipCodes: false, separates503From603: false, hasEndTimes: true, hasTrunk: false });
  });
});

describe('freeswitch-cdr-csv: line endings and encodings give the same records', () => {
  const base = parse('example-basic.csv').records;
  for (const name of ['example-crlf.csv', 'example-bom.csv', 'example-utf16le.csv']) {
    it(name, () => {
      const { records, skips } = parse(name);
      expect(skips.size).toBe(0);
      expect(records).toEqual(base);
    });
  }
});

describe('freeswitch-cdr-csv: damaged input', () => {
  it('a last line cut after a delimiter is a skip, the rows before it are kept', () => {
    const { records, skips, read } = parse('example-truncated-at-comma.csv');
    expect(read).toBe(8);
    expect(records).toHaveLength(7);
    expect([...skips]).toEqual([[8, 'too few columns (11 of 15): truncated row?']]);
  });

  it('a last line cut inside a quoted value is a skip too', () => {
    const { records, skips, read } = parse('example-truncated.csv');
    expect(records).toHaveLength(7);
    expect([...skips]).toEqual([[8, 'too few columns (11 of 15): truncated row?']]);
    expect(read).toBe(8);
  });

  it('invalid rows: every one skipped with its reason, nothing lost', () => {
    const { records, skips, read } = parse('example-invalid.csv');
    expect(read).toBe(9); // 10 lines, line 9 blank
    expect(records.map((r) => r.callId.slice(-2))).toEqual(['01', '07', '09']);
    expect(Object.fromEntries(skips)).toEqual({
      2: 'bad start time',
      3: 'too few columns (7 of 15): truncated row?',
      4: 'hangup_cause is not a FreeSWITCH cause name',
      5: 'duration or billsec is not a number',
      6: 'bad answer time',
      8: 'too many columns (18 of 15)',
    });
    // A well-formed cause name this build does not know: kept, outcome unknown.
    expect(records[1]).toMatchObject({ outcome: 'unknown', sipCode: null, codeSource: null, reason: 'SOME_FUTURE_CAUSE', q850: null });
    expect(records[2]).toMatchObject({ sipCode: 480, outcome: 'user', reason: 'NO_ANSWER' });
  });

  it('quotes FreeSWITCH never escapes: repaired when a `,` split the name, skipped when columns merged', () => {
    const { records, skips, read } = parse('example-quotes.csv');
    expect(read).toBe(5);
    expect(records.map((r) => r.callerId)).toEqual(['1003', '1010', '1004', '1012']);
    // `"Eve "Quote, Comma" X"` tokenizes to 16 fields; re-joined at caller_id_name.
    expect(records[1]).toMatchObject({ sipCode: 503, outcome: 'capacity', destination: '15551230010', startMs: wall(2024, 3, 4, 11, 1, 0) });
    expect(records[2]).toMatchObject({ outcome: 'answered', talkSec: 60 });
    // A name that is a lone `"` swallows the next delimiter: 14 fields, cannot be placed.
    expect([...skips]).toEqual([[4, 'too few columns (14 of 15): truncated row?']]);
  });
});

describe('freeswitch-cdr-csv: other templates', () => {
  it('default (compiled-in): 13 columns with `", "` before accountcode', () => {
    const { records, skips } = parse('default-template.csv');
    expect(skips.size).toBe(0);
    expect(records.map((r) => [r.outcome, r.sipCode, r.reason])).toEqual([
      ['answered', null, 'NORMAL_CLEARING'],
      ['capacity', 503, 'NORMAL_TEMPORARY_FAILURE'],
      ['policy', null, 'CALL_REJECTED'],
      ['user', 480, 'NO_ANSWER'],
    ]);
    expect(records[0]).toMatchObject({ startMs: wall(2024, 3, 5, 8, 0, 0), durationSec: 66, talkSec: 60, callId: '3b4c5d60-0001-4d4e-8f50-000000000001' });
  });

  it('sql: INSERT prefix and `);` suffix stripped, a `,` in the name re-joined', () => {
    const { records, skips } = parse('sql-template.csv');
    expect(skips.size).toBe(0);
    expect(records.map((r) => r.callerId)).toEqual(['1001', '1004', '1003', '+4930123456']);
    expect(records[0]).toMatchObject({ outcome: 'answered', startMs: wall(2024, 3, 5, 9, 0, 0), talkSec: 30, callId: '4c5d6e70-0001-4e5f-9061-000000000001' });
    expect(records[1]).toMatchObject({ sipCode: 503, outcome: 'capacity', destination: '15551230002' });
    expect(records[2]).toMatchObject({ outcome: 'policy', reason: 'CALL_REJECTED' });
    expect(records[3]).toMatchObject({ sipCode: 486, reason: 'USER_BUSY', durationSec: 10 });
  });

  it('snom (20 columns) and linksys (17, with a quoted `,` list in sip_p_rtp_stat)', () => {
    const snom = parse('snom-template.csv');
    expect(snom.skips.size).toBe(0);
    expect(snom.records.map((r) => [r.outcome, r.sipCode])).toEqual([['answered', null], ['capacity', 503], ['other', 488]]);
    const linksys = parse('linksys-template.csv');
    expect(linksys.skips.size).toBe(0);
    expect(linksys.records.map((r) => [r.outcome, r.sipCode, r.reason])).toEqual([
      ['answered', null, 'NORMAL_CLEARING'],
      ['capacity', 503, 'SWITCH_CONGESTION'],
      ['number', 404, 'UNALLOCATED_NUMBER'],
    ]);
  });

  it('asterisk-like: trunk from bridge_channel, last_arg or channel_name; internal calls skipped', () => {
    const { records, skips, read, parser } = parse('asterisk-template.csv');
    expect(read).toBe(7);
    expect(records.map((r) => r.trunk)).toEqual(['carrierA', 'carrierB', 'carrierB', 'sip.carrier-c.example:5060', '203.0.113.7', 'carrierA']);
    expect([...skips]).toEqual([[6, REASON_INTERNAL]]);
    expect(records[0]).toMatchObject({ outcome: 'answered', startMs: wall(2024, 3, 6, 12, 0, 0), durationSec: 187, talkSec: 180, callId: '7f8091a2-0001-4182-a394-000000000001' });
    // Failed bridge: no bridge_channel, the gateway comes from the dial string in last_arg.
    expect(records[1]).toMatchObject({ sipCode: 503, codeSource: 'q850', outcome: 'capacity', destination: '15551230002' });
    // HANGUPCAUSE-style text in userfield states the code: it wins over CALL_REJECTED's "403 or 603".
    expect(records[2]).toMatchObject({ sipCode: 603, codeSource: 'sip', outcome: 'policy', reason: 'Decline', q850: 21 });
    expect(records[4]).toMatchObject({ callerId: '+4930123456', destination: '1001', outcome: 'answered' });
    // `"Smith, Anna" <1004>` in ${caller_id} splits into 19 fields; re-joined.
    expect(records[5]).toMatchObject({ sipCode: 486, outcome: 'user', callerId: '1004' });
    expect(parser.capabilities()).toEqual({ sipCodes: true, separates503From603: true, hasEndTimes: true, hasTrunk: true });
  });

  it('example re-saved by a spreadsheet: unquoted, `2024/3/7 9:00` without seconds', () => {
    const { records, skips } = parse('example-excel-resaved.csv');
    expect(skips.size).toBe(0);
    expect(records).toHaveLength(4);
    expect(records[0]).toMatchObject({ startMs: wall(2024, 3, 7, 9, 0), endMs: wall(2024, 3, 7, 9, 2), outcome: 'answered', durationSec: 125, talkSec: 120 });
    expect(records[1]).toMatchObject({ sipCode: 503, outcome: 'capacity', answerMs: null });
    expect(records[2]).toMatchObject({ sipCode: 408, outcome: 'user', callerId: '0', destination: '1002' });
    expect(records[3]).toMatchObject({ answerMs: wall(2024, 3, 8, 0, 0), endMs: wall(2024, 3, 8, 0, 1) });
  });
});

describe('freeswitch-cdr-csv: detection without the file name', () => {
  const cases: Array<[string, string, number]> = [
    ['example-basic.csv', 'example', 0.9],
    ['example-crlf.csv', 'example', 0.9],
    ['example-bom.csv', 'example', 0.9],
    ['example-utf16le.csv', 'example', 0.9],
    ['example-truncated.csv', 'example', 0.9],
    ['example-invalid.csv', 'example', 0.5], // 2 good rows of 9
    ['example-truncated-at-comma.csv', 'example', 0.9],
    ['example-quotes.csv', 'example', 0.9],
    ['default-template.csv', 'default', 0.9],
    ['sql-template.csv', 'sql', 0.9],
    ['snom-template.csv', 'snom', 0.9],
    ['linksys-template.csv', 'linksys', 0.9],
    ['asterisk-template.csv', 'asterisk', 0.9],
    ['example-excel-resaved.csv', SPREADSHEET_VARIANT, 0.9],
  ];
  for (const [name, variant, score] of cases) {
    it(`${name} → ${variant} (${score})`, () => {
      const sample = sampleOf(text(name));
      expect(freeswitchCdrCsv.detect(sample)).toEqual({ score, variant });
      expect(freeswitchCdrCsvOpencdrrate.detect(sample)).toBeNull();
    });
  }

  it('a single row is enough, with a little less confidence', () => {
    const one = text('example-basic.csv').split('\n')[0]!;
    expect(freeswitchCdrCsv.detect(sampleOf(one))).toEqual({ score: 0.85, variant: 'example' });
  });

  it('does not claim other families’ typical first lines', () => {
    const foreign = [
      // Asterisk cdr_csv Master.csv (disposition where FreeSWITCH has a cause name)
      '"","1001","15551230001","from-internal","""Alice"" <1001>","SIP/1001-00000001","SIP/carrierA-00000002","Dial","SIP/carrierA/15551230001,60,tT","2024-03-04 09:00:00","2024-03-04 09:00:05","2024-03-04 09:02:05",125,120,"ANSWERED","DOCUMENTATION","1709542800.1",""',
      '"","1001","15551230002","from-internal","","SIP/1001-00000003","","Dial","SIP/carrierA/15551230002,60","2024-03-04 09:05:00",,"2024-03-04 09:05:01",1,0,"FAILED","DOCUMENTATION","1709543100.3",""',
      // FreePBX CDR Reports CSV header
      'calldate,clid,src,dst,dcontext,channel,dstchannel,lastapp,lastdata,duration,billsec,disposition,amaflags,accountcode,uniqueid,userfield',
      // VICIdial carrier log report
      'CALL DATE,SERVER IP,CHANNEL,HANGUP CAUSE,DIAL STATUS,SIP HANGUP CAUSE,SIP HANGUP REASON,UNIQUEID,LEAD ID',
      // Kamailio acc CSV
      'id,method,from_tag,to_tag,callid,sip_code,sip_reason,time',
      '1,INVITE,abc,def,x@y,503,Service Unavailable,2024-03-04 09:00:00',
      // FreeSWITCH's column names over causes that are not FreeSWITCH's names: the generic reader's job
      'start_stamp,destination_number,hangup_cause\n2024-03-04 09:00:00,15551230001,16\n2024-03-04 09:01:00,15551230002,34',
    ];
    for (const line of foreign) {
      expect(freeswitchCdrCsv.detect(sampleOf(line)), line.slice(0, 40)).toBeNull();
      expect(freeswitchCdrCsvOpencdrrate.detect(sampleOf(line)), line.slice(0, 40)).toBeNull();
    }
  });

  it('claims a header line naming FreeSWITCH variables over rows that fit it (header-layout.ts)', () => {
    const header =
      'caller_id_name,caller_id_number,destination_number,context,start_stamp,answer_stamp,end_stamp,duration,billsec,hangup_cause,uuid,bleg_uuid,accountcode,read_codec,write_codec';
    const row = '"Alice","1001","15551230001","default","2024-03-04 09:00:00","2024-03-04 09:00:05","2024-03-04 09:02:05","125","120","NORMAL_CLEARING","u1","","1001","PCMU","PCMU"';
    expect(freeswitchCdrCsv.detect(sampleOf(`${header}\n${row}\n${row}\n${row}\n`))).toEqual({ score: 0.9, variant: 'header line (15 columns)' });
    expect(freeswitchCdrCsv.detect(sampleOf(`${header}\n${row}`))).toEqual({ score: 0.85, variant: 'header line (15 columns)' });
    // The template line itself pasted as the header reads the same.
    const pasted = header.split(',').map((v) => `"\${${v}}"`).join(',');
    expect(freeswitchCdrCsv.detect(sampleOf(`${pasted}\n${row}`))).toEqual({ score: 0.85, variant: 'header line (15 columns)' });
    // Without one of start_stamp, hangup_cause, destination_number it is not FreeSWITCH's header.
    expect(freeswitchCdrCsv.detect(sampleOf(`${header.replace('destination_number', 'dst')}\n${row}`))).toBeNull();
    expect(freeswitchCdrCsvOpencdrrate.detect(sampleOf(`${header}\n${row}`))).toBeNull();
  });

  it('never throws, even on odd samples', () => {
    expect(freeswitchCdrCsv.detect({ fileName: 'x', text: '', delimiter: ',', rows: [] })).toBeNull();
    expect(freeswitchCdrCsv.detect({ fileName: 'x', text: '\u0000', delimiter: ',', rows: [[''], ['\u0000']] })).toBeNull();
  });

  it('file name hint: Master.csv and its rotated names', () => {
    expect(freeswitchCdrCsv.fileNameHint?.('Master.csv')).toBe(true);
    expect(freeswitchCdrCsv.fileNameHint?.('cdr-csv/Master.csv.2024-03-04-09-00-00')).toBe(true);
    expect(freeswitchCdrCsv.fileNameHint?.('export.csv')).toBe(false);
  });
});

describe('freeswitch-cdr-csv: times and counts read from the row’s bytes', () => {
  /** Every row's outcome, the rows handed over as the ingest hands them (views over the bytes). */
  const outcomesFromBytes = (content: string): RowOutcome[] => {
    const parser = freeswitchCdrCsv.createParser({ fileName: 'Master.csv', delimiter: ',' });
    const out: RowOutcome[] = [];
    const tokenizer = new DelimitedTokenizer({ delimiter: ',', quotedNewlines: false });
    const sink = (row: Parameters<typeof parser.parse>[0], line: number) => void out.push(parser.parse(row, line));
    tokenizer.push(new TextEncoder().encode(content), sink);
    tokenizer.end(sink);
    return out;
  };
  const outcomesFromTexts = (content: string): RowOutcome[] => {
    const { records, skips } = parseText(freeswitchCdrCsv, content);
    return [...records.map((record): RowOutcome => ({ kind: 'record', record })), ...[...skips.values()].map((reason): RowOutcome => ({ kind: 'skip', reason }))];
  };
  const sorted = (outcomes: RowOutcome[]) => outcomes.map((o) => JSON.stringify(o)).sort();

  it.each(['example-basic.csv', 'example-excel-resaved.csv', 'example-invalid.csv', 'example-quotes.csv', 'asterisk-template.csv', 'sql-template.csv', 'snom-template.csv'])(
    '%s: what the texts give',
    (name) => {
      expect(sorted(outcomesFromBytes(text(name)))).toEqual(sorted(outcomesFromTexts(text(name))));
    },
  );

  it('padded counts and a padded time are read from their texts', () => {
    const line = '"Ann","1001","3125551212","default"," 2024-03-07 09:00:00"," ","2024-03-07 09:01:05"," 65 ","60 ","NORMAL_CLEARING","u-1","","","",""\n';
    const [outcome] = outcomesFromBytes(line);
    expect(outcome?.kind).toBe('record');
    if (outcome?.kind !== 'record') return;
    expect(outcome.record.startMs).toBe(wall(2024, 3, 7, 9, 0, 0));
    expect(outcome.record.answerMs).toBeNull();
    expect(outcome.record.endMs).toBe(wall(2024, 3, 7, 9, 1, 5));
    expect(outcome.record.durationSec).toBe(65);
    expect(outcome.record.talkSec).toBe(60);
  });
});
