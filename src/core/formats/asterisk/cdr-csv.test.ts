import { describe, expect, it } from 'vitest';
import { DelimitedTokenizer } from '../../read/delimited-tokenizer';
import type { Row } from '../../read/row';
import { asteriskCdrCsv } from './cdr-csv';
import { CallStore } from '../../analysis/call-store';
import { DIRECTIONS } from '../../analysis/call-columns';
import { ingestBlob } from '../../ingest/ingest-file';
import { detect, fixtureBytes, fixtureText, ingest, OTHER_FAMILY_TEXTS, skipReasons, winner } from './test-support.test';

const ID = 'asterisk-cdr-csv';
const at = (h: number, m: number, s = 0): number => Date.UTC(2024, 2, 1, h, m, s);

describe('asterisk-cdr-csv detection', () => {
  it('recognizes the 18-column Master.csv without a file name', () => {
    expect(detect(asteriskCdrCsv, fixtureText(ID, 'basic.csv'))).toEqual({ score: 0.88, variant: '18 columns (loguniqueid, loguserfield)' });
    expect(winner(fixtureText(ID, 'basic.csv'))).toBe(ID);
  });

  it('names the 16, 17 and 21 column variants', () => {
    expect(detect(asteriskCdrCsv, fixtureText(ID, '16-columns.csv'))?.variant).toBe('16 columns (no uniqueid, no userfield)');
    expect(detect(asteriskCdrCsv, fixtureText(ID, '17-columns-userfield.csv'))?.variant).toBe('17 columns (loguniqueid or loguserfield)');
    expect(detect(asteriskCdrCsv, fixtureText(ID, '21-columns.csv'))?.variant).toBe('21 columns (loguniqueid, loguserfield, newcdrcolumns)');
  });

  it('does not claim cdr_custom, FreePBX, FreeSWITCH (asterisk template too) or other families', () => {
    expect(detect(asteriskCdrCsv, fixtureText('asterisk-cdr-custom', 'basic.csv'))).toBeNull();
    expect(detect(asteriskCdrCsv, fixtureText('freepbx-cdr-report', 'basic.csv'))).toBeNull();
    for (const [name, text] of Object.entries(OTHER_FAMILY_TEXTS)) {
      expect(detect(asteriskCdrCsv, text), name).toBeNull();
    }
  });

  it('hints on Master.csv names only as a tie-break', () => {
    expect(asteriskCdrCsv.fileNameHint?.('Master.csv')).toBe(true);
    expect(asteriskCdrCsv.fileNameHint?.('report.csv')).toBe(false);
  });
});

describe('asterisk-cdr-csv records (basic.csv: 10 rows, 7 used)', () => {
  it('accounts for every row with a reason', async () => {
    const { records, result } = await ingest(fixtureBytes(ID, 'basic.csv'));
    expect(result.format?.id).toBe(ID);
    expect(result.rows).toEqual({ read: 10, used: 7, skipped: 3, headerLines: 0 });
    expect(skipReasons(result)).toEqual({
      'internal call: extension to extension': 1,
      'Local channel leg with no trunk (the trunk leg has its own row)': 1,
      'dialplan Congestion(): no trunk was dialled': 1,
    });
    expect(result.skipped.find((s) => s.reason.startsWith('dialplan'))?.firstLines).toEqual([9]);
    expect(records.map((r) => r.trunk)).toEqual(['carrierA', 'carrierA', 'sipus1', 'carrierB', 'carrierA', 'carrierA', 'sipus1']);
    expect(result.capabilities).toEqual({ sipCodes: true, separates503From603: true, hasEndTimes: true, hasTrunk: true });
  });

  it('reads an answered PJSIP call with its times', async () => {
    const { records } = await ingest(fixtureBytes(ID, 'basic.csv'));
    expect(records[0]).toEqual({
      startMs: at(10, 0),
      answerMs: at(10, 0, 5),
      endMs: at(10, 1, 5),
      trunk: 'carrierA',
      sipCode: null,
      codeSource: 'disposition',
      outcome: 'answered',
      reason: 'ANSWERED',
      q850: null,
      destination: '18005551212',
      callerId: '1001',
      durationSec: 65,
      talkSec: 60,
      callId: '1709287200.1',
      direction: 'outbound',
      legA: 'PJSIP/1001-00000001',
      legB: 'PJSIP/carrierA-00000002',
    });
  });

  it('classifies FAILED, BUSY, trunk-in-lastdata, HANGUPCAUSE text, inbound and Congestion rows', async () => {
    const { records } = await ingest(fixtureBytes(ID, 'basic.csv'));
    const [, failed, busy, lastdata, declined, inbound, congestion] = records;
    expect(failed).toMatchObject({ trunk: 'carrierA', sipCode: null, codeSource: 'disposition', outcome: 'capacity', reason: 'FAILED', answerMs: null, endMs: at(10, 2, 1) });
    expect(busy).toMatchObject({ trunk: 'sipus1', outcome: 'user', reason: 'BUSY', destination: '12489398620', durationSec: 2, talkSec: 0 });
    expect(lastdata).toMatchObject({ trunk: 'carrierB', outcome: 'capacity', destination: '4420795550000' });
    expect(declined).toMatchObject({ trunk: 'carrierA', sipCode: 603, codeSource: 'sip', outcome: 'policy', reason: 'Decline' });
    expect(inbound).toMatchObject({ trunk: 'carrierA', outcome: 'answered', callerId: '4420795551111', destination: '1001' });
    expect(congestion).toMatchObject({ trunk: 'sipus1', outcome: 'capacity', codeSource: 'disposition', reason: 'FAILED (Congestion() in dialplan)' });
  });

  it('gives the same records for CRLF, UTF-8 BOM and UTF-16 LE copies', async () => {
    const basic = await ingest(fixtureBytes(ID, 'basic.csv'));
    for (const name of ['crlf.csv', 'utf8-bom.csv', 'utf16le-bom.csv']) {
      const other = await ingest(fixtureBytes(ID, name));
      expect(other.result.format?.id, name).toBe(ID);
      expect(other.result.rows, name).toEqual(basic.result.rows);
      expect(other.records, name).toEqual(basic.records);
    }
    expect((await ingest(fixtureBytes(ID, 'utf16le-bom.csv'))).result.encoding).toBe('utf-16le');
  });

  it('gives the same result at tiny slice sizes (chunk seams)', async () => {
    const whole = await ingest(fixtureBytes(ID, 'basic.csv'));
    for (const sliceBytes of [1, 7, 64]) {
      for (const name of ['basic.csv', 'crlf.csv', 'utf16le-bom.csv']) {
        const sliced = await ingest(fixtureBytes(ID, name), { sliceBytes });
        expect(sliced.records, `${name} @${sliceBytes}`).toEqual(whole.records);
        expect(sliced.result.rows, `${name} @${sliceBytes}`).toEqual(whole.result.rows);
      }
    }
  });
});

describe('asterisk-cdr-csv edge variants', () => {
  it('reads a Master.csv a spreadsheet saved again (M/D/YYYY H:MM, quotes dropped, 13-digit numbers as 4.4208E+12) as the same calls, to the minute', async () => {
    // spreadsheet-resaved.csv is basic.csv opened in a spreadsheet (en-US) and saved as CSV.
    const original = await ingest(fixtureBytes(ID, 'basic.csv'));
    const resaved = await ingest(fixtureBytes(ID, 'spreadsheet-resaved.csv'));
    expect(resaved.result.format).toMatchObject({ id: ID, variant: '18 columns (loguniqueid, loguserfield)' });
    expect(resaved.result.rows).toEqual(original.result.rows);
    expect(skipReasons(resaved.result)).toEqual(skipReasons(original.result));
    const minute = (ms: number | null) => (ms === null ? null : Math.floor(ms / 60_000) * 60_000);
    const calls = (records: typeof original.records) => records.map((r) => [r.trunk, minute(r.startMs), minute(r.endMs), r.outcome, r.reason, r.destination, r.durationSec]);
    expect(calls(resaved.records)).toEqual(calls(original.records));
    // The inbound call's caller (4420795551111) was saved as 4.4208E+12: its digits are lost, so
    // the store holds no caller for it (not "4"); the outbound one dialled it from lastdata, intact.
    const callerDigits = async (name: string) => {
      const store = new CallStore();
      await ingestBlob(new Blob([fixtureBytes(ID, name) as BlobPart]), { fileName: name, store });
      const inbound = Array.from(store.direction).indexOf(DIRECTIONS.indexOf('inbound'));
      return [store.callerLength[inbound], store.destLength[store.destLength.findIndex((n) => n === 13)]];
    };
    expect(await callerDigits('basic.csv')).toEqual([13, 13]);
    expect(await callerDigits('spreadsheet-resaved.csv')).toEqual([0, 13]);
  });

  it('keeps commas and doubled quotes inside quoted fields; HANGUPCAUSE text inside userfield wins', async () => {
    const { records, result } = await ingest(fixtureBytes(ID, 'quoted-delimiters.csv'));
    expect(result.rows).toEqual({ read: 2, used: 2, skipped: 0, headerLines: 0 });
    expect(records[0]).toMatchObject({ trunk: 'carrier-east', sipCode: 503, codeSource: 'sip', outcome: 'capacity', reason: 'Service Unavailable' });
    expect(records[1]).toMatchObject({ trunk: 'carrier-east', outcome: 'answered', sipCode: null });
  });

  it('reports a truncated last line', async () => {
    const { result } = await ingest(fixtureBytes(ID, 'truncated.csv'));
    expect(result.rows).toEqual({ read: 3, used: 2, skipped: 1, headerLines: 0 });
    expect(result.skipped).toEqual([{ reason: 'too few columns (10 of at least 16): truncated row?', count: 1, firstLines: [3] }]);
  });

  it('skips invalid rows with stable reasons', async () => {
    const { records, result } = await ingest(fixtureBytes(ID, 'invalid-rows.csv'));
    expect(records).toHaveLength(1);
    expect(result.rows).toEqual({ read: 6, used: 1, skipped: 5, headerLines: 0 });
    expect(skipReasons(result)).toEqual({
      'bad start time': 1,
      'too few columns (7 of at least 16): truncated row?': 1,
      'unknown disposition "WEIRD"': 1,
      'bad duration or billsec (not a whole number)': 1,
      'too many columns (24, at most 21): unquoted comma?': 1,
    });
  });

  it('reads 16 columns (no uniqueid) and CONGESTION dispositions', async () => {
    const { records } = await ingest(fixtureBytes(ID, '16-columns.csv'));
    expect(records.map((r) => [r.trunk, r.outcome, r.reason, r.callId])).toEqual([
      ['voipco', 'capacity', 'CONGESTION', ''],
      ['voipco', 'answered', 'ANSWERED', ''],
    ]);
  });

  it('reads a 17th column that is a userfield with SIP codes', async () => {
    const { records, result } = await ingest(fixtureBytes(ID, '17-columns-userfield.csv'));
    expect(records.map((r) => [r.sipCode, r.codeSource, r.outcome, r.reason, r.callId])).toEqual([
      [503, 'sip', 'capacity', 'Service Unavailable', ''],
      [603, 'sip', 'policy', 'Decline', ''],
    ]);
    expect(result.capabilities?.separates503From603).toBe(true);
  });

  it('reads 21 columns (newcdrcolumns) with systemname uniqueids', async () => {
    const { records, result } = await ingest(fixtureBytes(ID, '21-columns.csv'));
    expect(result.capabilities?.sipCodes).toBe(false);
    expect(records.map((r) => [r.callId, r.outcome, r.startMs])).toEqual([
      ['pbx1-1709452800.4', 'user', Date.UTC(2024, 2, 3, 8, 0)],
      ['pbx1-1709452860.6', 'answered', Date.UTC(2024, 2, 3, 8, 1)],
    ]);
  });

  it('an outbound row whose dst is no number (empty, a label, an extension) has the number Dial() sent as its destination', () => {
    const parser = asteriskCdrCsv.createParser({ fileName: 'Master.csv', delimiter: ',' });
    const line = (dst: string) =>
      `"","1001","${dst}","from-internal","","SIP/1001-00000001","PJSIP/carrier-g-0000000b","Dial","PJSIP/12066645368@carrier-g,60,tT","2024-03-01 10:00:00","","2024-03-01 10:00:05",5,0,"FAILED","DOCUMENTATION","1709287200.1",""`;
    const destinations: string[] = [];
    const tokenizer = new DelimitedTokenizer({ delimiter: ',' });
    const sink = (row: Row, n: number) => {
      const outcome = parser.parse(row, n);
      destinations.push(outcome.kind === 'record' ? `${outcome.record.trunk} ${outcome.record.destination}` : outcome.kind);
    };
    tokenizer.push(new TextEncoder().encode(['', 's', '100', '+4420795550000', '5551234'].map(line).join('\n')), sink);
    tokenizer.end(sink);
    expect(destinations).toEqual([
      'carrier-g 12066645368', // no dst
      'carrier-g 12066645368', // a dialplan label
      'carrier-g 12066645368', // an extension (1 to 7 digits)
      'carrier-g +4420795550000', // a number of its own: kept as written
      'carrier-g 12066645368', // 7 digits read as an extension too
    ]);
  });

  it('rows held back until the date order is known keep their own fields (the parser reads every row into one object)', () => {
    const parser = asteriskCdrCsv.createParser({ fileName: 'Master.csv', delimiter: ',' });
    const line = (dst: string, start: string, id: string) =>
      `"","1001","${dst}","from-internal","","SIP/1001-00000001","SIP/carrier-0000000a","Dial","SIP/${dst}@carrier,60","${start}","","${start}",0,0,"FAILED","DOCUMENTATION","${id}",""`;
    // 03/04 and 05/06 read either way; 25/12 can only be day/month, so it settles the first two.
    const text = [line('5550001', '03/04/2024 10:00:00', 'call-1'), line('5550002', '05/06/2024 11:00:00', 'call-2'), line('5550003', '25/12/2024 09:00:00', 'call-3')].join('\n');
    const outcomes: string[] = [];
    const tokenizer = new DelimitedTokenizer({ delimiter: ',' });
    const sink = (row: Row, n: number) => outcomes.push(parser.parse(row, n).kind);
    tokenizer.push(new TextEncoder().encode(text), sink);
    tokenizer.end(sink);
    expect(outcomes).toEqual(['merged', 'merged', 'record']);
    // Each held row handed back with its own line.
    expect(parser.finish?.().map((h) => [h.record.destination, h.record.startMs, h.record.callId, h.firstLine, h.rows])).toEqual([
      ['5550001', Date.UTC(2024, 3, 3, 10), 'call-1', 1, 1],
      ['5550002', Date.UTC(2024, 5, 5, 11), 'call-2', 2, 1],
    ]);
  });
});
