import { describe, expect, it } from 'vitest';
import { asteriskCdrCustom } from './cdr-custom';
import { detect, fixtureBytes, fixtureText, ingest, OTHER_FAMILY_TEXTS, skipReasons, winner } from './test-support.test';

const ID = 'asterisk-cdr-custom';

describe('asterisk-cdr-custom detection', () => {
  it('recognizes the legacy mapping (clid first, disposition 14th) without a file name', () => {
    expect(detect(asteriskCdrCustom, fixtureText(ID, 'basic.csv'))).toEqual({ score: 0.86, variant: '19 fields' });
    expect(winner(fixtureText(ID, 'basic.csv'))).toBe(ID);
    expect(detect(asteriskCdrCustom, fixtureText(ID, '20-fields.csv'))?.variant).toBe('20 fields');
  });

  it('does not claim cdr_csv, FreePBX or other families', () => {
    expect(detect(asteriskCdrCustom, fixtureText('asterisk-cdr-csv', 'basic.csv'))).toBeNull();
    expect(detect(asteriskCdrCustom, fixtureText('asterisk-cdr-csv', '21-columns.csv'))).toBeNull();
    expect(detect(asteriskCdrCustom, fixtureText('freepbx-cdr-table', 'headerless-dmy.csv'))).toBeNull();
    for (const [name, text] of Object.entries(OTHER_FAMILY_TEXTS)) expect(detect(asteriskCdrCustom, text), name).toBeNull();
  });
});

describe('asterisk-cdr-custom records (basic.csv: 5 rows, 3 used)', () => {
  it('reads the same calls, to the minute, from a copy a spreadsheet saved again (3/1/2024 10:00)', async () => {
    const original = await ingest(fixtureBytes(ID, 'basic.csv'));
    const resaved = await ingest(fixtureBytes(ID, 'spreadsheet-resaved.csv'));
    expect(resaved.result.format?.id).toBe(ID);
    expect(resaved.result.rows).toEqual(original.result.rows);
    const calls = (records: typeof original.records) => records.map((r) => [r.trunk, Math.floor(r.startMs / 60_000) * 60_000, r.outcome, r.destination]);
    expect(calls(resaved.records)).toEqual(calls(original.records));
  });

  it('accounts for every row; phones named client1/client2 are not trunks', async () => {
    const { result } = await ingest(fixtureBytes(ID, 'basic.csv'));
    expect(result.format?.id).toBe(ID);
    expect(result.rows).toEqual({ read: 5, used: 3, skipped: 2, headerLines: 0 });
    expect(skipReasons(result)).toEqual({ 'internal call: extension to extension': 2 });
    expect(result.skipped[0]?.firstLines).toEqual([4, 5]);
  });

  it('reads quoted numbers, the "" answer and the uniqueid at field 17', async () => {
    const { records } = await ingest(fixtureBytes(ID, 'basic.csv'));
    expect(records[0]).toMatchObject({
      trunk: 'carrierA',
      outcome: 'answered',
      startMs: Date.UTC(2024, 2, 1, 10, 0, 0),
      answerMs: Date.UTC(2024, 2, 1, 10, 0, 5),
      endMs: Date.UTC(2024, 2, 1, 10, 1, 5),
      durationSec: 65,
      talkSec: 60,
      callId: '1709287200.1',
      callerId: '1001',
      destination: '18005551212',
    });
    expect(records[1]).toMatchObject({ trunk: 'carrierA', outcome: 'capacity', reason: 'FAILED', answerMs: null, durationSec: 1, talkSec: 0 });
    expect(records[2]).toMatchObject({ trunk: 'carrierB', sipCode: 603, codeSource: 'sip', outcome: 'policy', reason: 'Decline' });
  });

  it('gives the same records for CRLF, UTF-8 BOM, UTF-16 LE and at tiny slice sizes', async () => {
    const basic = await ingest(fixtureBytes(ID, 'basic.csv'));
    for (const name of ['crlf.csv', 'utf8-bom.csv', 'utf16le-bom.csv']) {
      for (const sliceBytes of [7, 4096]) {
        const other = await ingest(fixtureBytes(ID, name), { sliceBytes });
        expect(other.result.format?.id, name).toBe(ID);
        expect(other.result.rows, name).toEqual(basic.result.rows);
        expect(other.records, `${name} @${sliceBytes}`).toEqual(basic.records);
      }
    }
  });
});

describe('asterisk-cdr-custom edge variants', () => {
  it('reads a 20th (extra) field', async () => {
    const { records, result } = await ingest(fixtureBytes(ID, '20-fields.csv'));
    expect(result.rows.used).toBe(2);
    expect(records.map((r) => [r.outcome, r.reason, r.callId])).toEqual([
      ['user', 'BUSY', '1709287200.1'],
      ['answered', 'ANSWERED', '1709287260.3'],
    ]);
  });

  it('keeps commas inside quoted fields', async () => {
    const { records } = await ingest(fixtureBytes(ID, 'quoted-delimiters.csv'));
    expect(records).toHaveLength(1);
    expect(records[0]).toMatchObject({ trunk: 'carrier-east', sipCode: 503, codeSource: 'sip', outcome: 'capacity', reason: 'Service Unavailable' });
  });

  it('reports a truncated last line and invalid rows', async () => {
    const truncated = await ingest(fixtureBytes(ID, 'truncated.csv'));
    expect(truncated.result.rows).toEqual({ read: 2, used: 1, skipped: 1, headerLines: 0 });
    expect(skipReasons(truncated.result)).toEqual({ 'too few columns (14 of 19): truncated row?': 1 });
    const invalid = await ingest(fixtureBytes(ID, 'invalid-rows.csv'));
    expect(invalid.result.rows).toEqual({ read: 3, used: 1, skipped: 2, headerLines: 0 });
    expect(skipReasons(invalid.result)).toEqual({ 'bad start time': 1, 'too few columns (5 of 19): truncated row?': 1 });
  });
});
