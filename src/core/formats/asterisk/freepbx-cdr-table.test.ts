import { describe, expect, it } from 'vitest';
import { freepbxCdrTable } from './freepbx-cdr-table';
import { detect, fixtureBytes, fixtureText, ingest, OTHER_FAMILY_TEXTS, parseAll, skipReasons, winner } from './test-support.test';

const ID = 'freepbx-cdr-table';

describe('freepbx-cdr-table detection', () => {
  it('recognizes the table header, a headerless dump and a spreadsheet subset without a file name', () => {
    expect(detect(freepbxCdrTable, fixtureText(ID, 'basic.csv'))).toEqual({ score: 0.95, variant: 'table export with header (26 columns)' });
    expect(detect(freepbxCdrTable, fixtureText(ID, 'headerless-dmy.csv'))).toEqual({ score: 0.86, variant: 'headerless dump (25 columns)' });
    expect(detect(freepbxCdrTable, fixtureText(ID, 'spreadsheet-subset-cr.csv'))).toEqual({ score: 0.9, variant: 'spreadsheet subset (6 columns)' });
    expect(detect(freepbxCdrTable, 'calldate,src,dst,dstchannel,billsec,disposition\n2024-03-01 10:00:00,1,2,SIP/x-00000001,0,BUSY\n')).toEqual({
      score: 0.85,
      variant: 'column subset (6 columns)',
    });
    for (const name of ['basic.csv', 'headerless-dmy.csv', 'spreadsheet-subset-cr.csv']) expect(winner(fixtureText(ID, name)), name).toBe(ID);
  });

  it('leaves the CDR Reports header to freepbx-cdr-report', () => {
    expect(detect(freepbxCdrTable, fixtureText('freepbx-cdr-report', 'basic.csv'))?.score).toBe(0.85);
    expect(winner(fixtureText('freepbx-cdr-report', 'basic.csv'))).toBe('freepbx-cdr-report');
  });

  it('does not claim Master.csv, cdr_custom or other families', () => {
    expect(detect(freepbxCdrTable, fixtureText('asterisk-cdr-csv', 'basic.csv'))).toBeNull();
    expect(detect(freepbxCdrTable, fixtureText('asterisk-cdr-custom', 'basic.csv'))).toBeNull();
    expect(detect(freepbxCdrTable, fixtureText('asterisk-cdr-db-export', 'basic.csv'))).toBeNull();
    for (const [name, text] of Object.entries(OTHER_FAMILY_TEXTS)) expect(detect(freepbxCdrTable, text), name).toBeNull();
  });
});

describe('freepbx-cdr-table with a header (basic.csv: 4 rows, 3 used)', () => {
  it('accounts for every row; an inbound call takes the trunk from channel', async () => {
    const { records, result } = await ingest(fixtureBytes(ID, 'basic.csv'));
    expect(result.rows).toEqual({ read: 4, used: 3, skipped: 1, headerLines: 1 });
    expect(skipReasons(result)).toEqual({ 'internal call: extension to extension': 1 });
    expect(records.map((r) => [r.trunk, r.outcome, r.reason])).toEqual([
      ['carrierA', 'answered', 'ANSWERED'],
      ['carrierA', 'capacity', 'FAILED'],
      ['carrierA', 'answered', 'ANSWERED'],
    ]);
    expect(records[2]).toMatchObject({ callerId: '4420795551111', destination: '5551000', startMs: Date.UTC(2024, 2, 1, 10, 3) });
    expect(records[1]).toMatchObject({ startMs: Date.UTC(2024, 2, 1, 10, 2), endMs: Date.UTC(2024, 2, 1, 10, 2, 1), answerMs: null, callId: '1709287320.3' });
  });

  it('gives the same records for CRLF, UTF-8 BOM, UTF-16 LE and at tiny slice sizes', async () => {
    const basic = await ingest(fixtureBytes(ID, 'basic.csv'));
    for (const name of ['basic.csv', 'crlf.csv', 'utf8-bom.csv', 'utf16le-bom.csv']) {
      for (const sliceBytes of [7, 4096]) {
        const other = await ingest(fixtureBytes(ID, name), { sliceBytes });
        expect(other.result.rows, name).toEqual(basic.result.rows);
        expect(other.records, `${name} @${sliceBytes}`).toEqual(basic.records);
      }
    }
  });

  it('keeps commas inside quoted clid, userfield and cnam', async () => {
    const { records } = await ingest(fixtureBytes(ID, 'quoted-delimiters.csv'));
    expect(records).toHaveLength(1);
    expect(records[0]).toMatchObject({ trunk: 'carrier-east', sipCode: 503, codeSource: 'sip', outcome: 'capacity', reason: 'Service Unavailable', callerId: '1003' });
  });

  it('reports a truncated last line and invalid rows', async () => {
    const truncated = await ingest(fixtureBytes(ID, 'truncated.csv'));
    expect(truncated.result.rows).toEqual({ read: 2, used: 1, skipped: 1, headerLines: 1 });
    expect(skipReasons(truncated.result)).toEqual({ 'too few columns (12 of 26): truncated row?': 1 });
    const invalid = await ingest(fixtureBytes(ID, 'invalid-rows.csv'));
    expect(invalid.result.rows).toEqual({ read: 3, used: 1, skipped: 2, headerLines: 1 });
    expect(skipReasons(invalid.result)).toEqual({ 'bad start time': 1, 'too few columns (4 of 26): truncated row?': 1 });
  });
});

describe('freepbx-cdr-table headerless dump with D/M/YYYY dates', () => {
  it('reads the order from the uniqueid epoch when every day is ≤ 12', async () => {
    const { records, result } = await ingest(fixtureBytes(ID, 'headerless-dmy.csv'));
    expect(result.rows).toEqual({ read: 4, used: 2, skipped: 2, headerLines: 0 });
    expect(skipReasons(result)).toEqual({ 'dialplan Congestion(): no trunk was dialled': 1, 'internal call: extension to extension': 1 });
    // "1/3/2024 10:00:00" with uniqueid 1709287200.1 (2024-03-01 10:00:00 UTC): 1 March, not 3 January.
    expect(records.map((r) => [r.startMs, r.trunk, r.outcome])).toEqual([
      [Date.UTC(2024, 2, 1, 10, 0), 'carrierA', 'answered'],
      [Date.UTC(2024, 2, 1, 10, 2), 'carrierA', 'capacity'],
    ]);
    expect(records[0]).toMatchObject({ endMs: Date.UTC(2024, 2, 1, 10, 1, 5), answerMs: Date.UTC(2024, 2, 1, 10, 0, 5), callerId: '1001' });
  });
});

describe('freepbx-cdr-table spreadsheet subset (CR line endings, dd/mm/yy)', () => {
  it('reads every row day first, as a later date (24/03/24) proves before the rows are parsed; trunk is "(no trunk column)"', async () => {
    const { records, result } = await ingest(fixtureBytes(ID, 'spreadsheet-subset-cr.csv'), { sliceBytes: 5 });
    expect(result.rows).toEqual({ read: 4, used: 4, skipped: 0, headerLines: 1 });
    expect(result.capabilities).toEqual({ sipCodes: false, separates503From603: false, hasEndTimes: true, hasTrunk: false });
    expect(result.trunks).toEqual([{ name: '(no trunk column)', calls: 4 }]);
    // In file order: rows 1 and 2 (05/03/24) are not held back for the proof in rows 3 and 4 (24/03/24), found before (date-order-scan.ts).
    expect(records.map((r) => [r.startMs, r.outcome, r.destination])).toEqual([
      [Date.UTC(2024, 2, 5, 9, 32), 'user', '4502'],
      [Date.UTC(2024, 2, 5, 9, 28), 'answered', '300010001'],
      [Date.UTC(2024, 2, 24, 10, 5), 'user', '4361'],
      [Date.UTC(2024, 2, 24, 10, 6), 'capacity', '300502502'],
    ]);
    expect(records[1]).toMatchObject({ durationSec: 331, talkSec: 328, endMs: Date.UTC(2024, 2, 5, 9, 33, 31), answerMs: Date.UTC(2024, 2, 5, 9, 28, 3) });
  });

  it('falls back to M/D when nothing in the file decides, and the file card says which reading it took', () => {
    const { outcomes, finished, hint } = parseAll(freepbxCdrTable, 'calldate,src,dst,duration,billsec,disposition\n05/03/24 09:32,41000,4502,20,0,NO ANSWER\n');
    expect(outcomes.map((o) => o.kind)).toEqual(['header', 'merged']);
    expect(finished.map((r) => r.startMs)).toEqual([Date.UTC(2024, 4, 3, 9, 32)]);
    expect(hint).toBe('Dates such as 05/03/24 09:32 are read month first (2024-05-03), an assumption: no date in this file has a day above 12 to tell. If your system writes the day first (2024-03-05), the dates shown are off; the times of day and the rates are not.');
    // A later 24/03/24 proves day first: nothing to say.
    expect(parseAll(freepbxCdrTable, 'calldate,src,dst,duration,billsec,disposition\n05/03/24 09:32,41000,4502,20,0,NO ANSWER\n24/03/24 10:05,41000,4361,20,0,NO ANSWER\n').hint).toBeNull();
  });

  it('more rows in doubt than it holds back: the card names the rows read month first before a later date proved day first', () => {
    // 20,010 rows on 05/03/24 (20,000 held back, 10 read at once, month first), then 24/03/24.
    const rows = Array.from({ length: 20_010 }, (_, i) => `05/03/24 ${String(Math.floor(i / 60) % 24).padStart(2, '0')}:${String(i % 60).padStart(2, '0')},41000,4502,20,0,NO ANSWER`);
    const { finished, hint } = parseAll(freepbxCdrTable, ['calldate,src,dst,duration,billsec,disposition', ...rows, '24/03/24 10:05,41000,4361,20,0,NO ANSWER'].join('\n') + '\n');
    // The held rows come out day first (5 March) at the end.
    expect(finished).toHaveLength(20_000);
    expect(new Set(finished.map((r) => new Date(r.startMs).toISOString().slice(0, 10)))).toEqual(new Set(['2024-03-05']));
    expect(hint).toBe('10 rows from line 20002 on (such as 05/03/24 21:20) were read month first before a later date showed the day first: their dates are off by the swap; their times of day and the rates are not.');
  });
});
