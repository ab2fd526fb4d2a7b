import { describe, expect, it } from 'vitest';
import { CallDeduper } from '../../ingest/call-deduper';
import { asteriskCdrDbExport } from './cdr-db-export';
import { detect, fixtureBytes, fixtureText, ingest, OTHER_FAMILY_TEXTS, skipReasons, winner } from './test-support.test';

const ID = 'asterisk-cdr-db-export';

describe('asterisk-cdr-db-export detection', () => {
  it('recognizes the known headers without a file name', () => {
    expect(detect(asteriskCdrDbExport, fixtureText(ID, 'basic.csv'))).toEqual({ score: 1, variant: 'custom table with a trunk column (AcctId, tenant … trunk)' });
    expect(detect(asteriskCdrDbExport, fixtureText(ID, 'grandstream-ucm.csv'))).toEqual({ score: 0.97, variant: 'Grandstream UCM CDR' });
    expect(detect(asteriskCdrDbExport, fixtureText(ID, 'asterisk-reference-table.csv'))).toEqual({ score: 0.97, variant: 'Asterisk reference cdr table' });
    for (const name of ['basic.csv', 'grandstream-ucm.csv', 'asterisk-reference-table.csv', 'extra-columns.csv']) expect(winner(fixtureText(ID, name)), name).toBe(ID);
  });

  it('recognizes any cdr_adaptive_odbc-style header and names its extra columns', () => {
    expect(detect(asteriskCdrDbExport, fixtureText(ID, 'extra-columns.csv'))).toEqual({
      score: 0.8,
      variant: 'cdr_adaptive_odbc-style header (14 columns, with SIP code, HANGUPCAUSE tech, hangup cause)',
    });
  });

  it('does not claim headers without a trunk-bearing column, headerless files or other families', () => {
    expect(detect(asteriskCdrDbExport, 'calldate,src,dst,duration,billsec,disposition\n2024-03-01 10:00:00,1,2,3,0,BUSY\n')).toBeNull();
    expect(detect(asteriskCdrDbExport, fixtureText('asterisk-cdr-csv', 'basic.csv'))).toBeNull();
    expect(detect(asteriskCdrDbExport, fixtureText('freepbx-cdr-table', 'headerless-dmy.csv'))).toBeNull();
    for (const [name, text] of Object.entries(OTHER_FAMILY_TEXTS)) expect(detect(asteriskCdrDbExport, text), name).toBeNull();
    // FreePBX's own headers fit the generic rule too, but their exact signatures win.
    expect(winner(fixtureText('freepbx-cdr-report', 'basic.csv'))).toBe('freepbx-cdr-report');
    expect(winner(fixtureText('freepbx-cdr-table', 'basic.csv'))).toBe('freepbx-cdr-table');
  });
});

describe('asterisk-cdr-db-export records (basic.csv: 6 rows, 4 used)', () => {
  it('keeps a failover chain as one attempt per trunk, trusting dstchannel over the lagging trunk column', async () => {
    const { records, result } = await ingest(fixtureBytes(ID, 'basic.csv'));
    expect(result.rows).toEqual({ read: 6, used: 4, skipped: 2, headerLines: 1 });
    expect(skipReasons(result)).toEqual({
      'Local channel leg with no trunk (the trunk leg has its own row)': 1,
      'internal call: extension to extension': 1,
    });
    expect(records.map((r) => [r.callId, r.trunk, r.outcome])).toEqual([
      ['1709287200.1', 'VIOrig', 'answered'],
      ['1709287260.3', 'VIOrig', 'capacity'],
      ['1709287260.3', 'VITerm', 'capacity'],
      ['1709287260.3', 'thinQ', 'answered'],
    ]);
    expect(records[3]).toEqual({
      startMs: Date.UTC(2024, 2, 1, 10, 1, 1),
      answerMs: Date.UTC(2024, 2, 1, 10, 1, 2),
      endMs: Date.UTC(2024, 2, 1, 10, 3, 2),
      trunk: 'thinQ',
      sipCode: null,
      codeSource: 'disposition',
      outcome: 'answered',
      reason: 'ANSWERED',
      q850: null,
      destination: '12484363600',
      callerId: '1115',
      durationSec: 121,
      talkSec: 120,
      callId: '1709287260.3',
      direction: 'outbound',
      legA: 'PJSIP/1115-00000003',
      legB: 'PJSIP/thinQ-00000006',
    });
  });

  it('is not collapsed by the cross-file de-duplication', async () => {
    const { result } = await ingest(fixtureBytes(ID, 'basic.csv'), { deduper: new CallDeduper() });
    expect(result.rows.used).toBe(4);
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
});

describe('asterisk-cdr-db-export extra columns and other layouts', () => {
  it('uses HANGUPCAUSE tech text, SIP code and Q.850 cause columns', async () => {
    const { records, result } = await ingest(fixtureBytes(ID, 'extra-columns.csv'));
    expect(result.rows).toEqual({ read: 4, used: 4, skipped: 0, headerLines: 1 });
    expect(records.map((r) => [r.sipCode, r.codeSource, r.outcome, r.reason, r.q850])).toEqual([
      [503, 'sip', 'capacity', 'Service Unavailable', 34],
      [null, 'q850', 'policy', 'CALL_REJECTED', 21],
      [603, 'sip', 'policy', 'CALL_REJECTED', 21],
      [200, 'sip', 'answered', 'OK', 16],
    ]);
    expect(records.every((r) => r.trunk === 'carrierA')).toBe(true);
    expect(result.capabilities).toEqual({ sipCodes: true, separates503From603: true, hasEndTimes: true, hasTrunk: true });
  });

  it('reads start/answer/end of the Asterisk reference table', async () => {
    const { records } = await ingest(fixtureBytes(ID, 'asterisk-reference-table.csv'));
    expect(records.map((r) => [r.trunk, r.outcome, r.answerMs, r.endMs])).toEqual([
      ['carrierA', 'answered', Date.UTC(2024, 2, 1, 10, 0, 5), Date.UTC(2024, 2, 1, 10, 1, 5)],
      ['carrierA', 'capacity', null, Date.UTC(2024, 2, 1, 10, 2, 1)],
    ]);
  });

  it('reads a Grandstream UCM row', async () => {
    const { records } = await ingest(fixtureBytes(ID, 'grandstream-ucm.csv'));
    expect(records).toHaveLength(1);
    expect(records[0]).toMatchObject({ trunk: 'trunk_1', outcome: 'user', reason: 'BUSY', destination: '18005551212', callId: '1709287200.1' });
  });

  it('keeps commas inside quoted fields; reports truncated and invalid rows', async () => {
    const quoted = await ingest(fixtureBytes(ID, 'quoted-delimiters.csv'));
    expect(quoted.records.map((r) => [r.trunk, r.outcome, r.callerId])).toEqual([['thinQ', 'capacity', '1003']]);
    const truncated = await ingest(fixtureBytes(ID, 'truncated.csv'));
    expect(truncated.result.rows).toEqual({ read: 2, used: 1, skipped: 1, headerLines: 1 });
    expect(skipReasons(truncated.result)).toEqual({ 'too few columns (15 of 26): truncated row?': 1 });
    const invalid = await ingest(fixtureBytes(ID, 'invalid-rows.csv'));
    expect(invalid.result.rows).toEqual({ read: 3, used: 1, skipped: 2, headerLines: 1 });
    expect(skipReasons(invalid.result)).toEqual({ 'bad start time': 1, 'too few columns (4 of 26): truncated row?': 1 });
  });
});
