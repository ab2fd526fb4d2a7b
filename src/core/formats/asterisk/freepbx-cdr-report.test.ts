import { describe, expect, it } from 'vitest';
import { freepbxCdrReport } from './freepbx-cdr-report';
import { detect, fixtureBytes, fixtureText, ingest, OTHER_FAMILY_TEXTS, skipReasons, winner } from './test-support.test';

const ID = 'freepbx-cdr-report';

describe('freepbx-cdr-report detection', () => {
  it('recognizes the 16-column header (and the pre-2014 writer) without a file name', () => {
    expect(detect(freepbxCdrReport, fixtureText(ID, 'basic.csv'))).toEqual({
      score: 0.97,
      variant: '16-column header (FreePBX 13–14), pre-2014 writer (raw clid quotes)',
    });
    expect(winner(fixtureText(ID, 'basic.csv'))).toBe(ID);
  });

  it('recognizes the 26-column header of FreePBX 15–17', () => {
    expect(detect(freepbxCdrReport, fixtureText(ID, '26-columns.csv'))).toEqual({ score: 0.97, variant: '26-column header (FreePBX 15–17)' });
    expect(winner(fixtureText(ID, '26-columns.csv'))).toBe(ID);
  });

  it('does not claim table dumps, headerless files or other families', () => {
    expect(detect(freepbxCdrReport, fixtureText('freepbx-cdr-table', 'basic.csv'))).toBeNull();
    expect(detect(freepbxCdrReport, fixtureText('asterisk-cdr-csv', 'basic.csv'))).toBeNull();
    for (const [name, text] of Object.entries(OTHER_FAMILY_TEXTS)) expect(detect(freepbxCdrReport, text), name).toBeNull();
  });

  it('hints on cdr__<epoch><server>.csv names', () => {
    expect(freepbxCdrReport.fileNameHint?.('cdr__1504525205ucoip.g9telecom.pt.csv')).toBe(true);
    expect(freepbxCdrReport.fileNameHint?.('Master.csv')).toBe(false);
  });
});

describe('freepbx-cdr-report records (basic.csv: 5 rows newest first, 3 used)', () => {
  it('accounts for every row', async () => {
    const { records, result } = await ingest(fixtureBytes(ID, 'basic.csv'));
    expect(result.rows).toEqual({ read: 5, used: 3, skipped: 2, headerLines: 1 });
    expect(skipReasons(result)).toEqual({ 'internal call: extension to extension': 1, 'dialplan Congestion(): no trunk was dialled': 1 });
    expect(records.map((r) => [r.trunk, r.outcome])).toEqual([
      ['carrierB', 'user'],
      ['carrierA', 'capacity'],
      ['carrierA', 'answered'],
    ]);
    expect(result.capabilities).toEqual({ sipCodes: false, separates503From603: false, hasEndTimes: true, hasTrunk: true });
  });

  it('derives end and answer from calldate, duration and billsec', async () => {
    const { records } = await ingest(fixtureBytes(ID, 'basic.csv'));
    expect(records[2]).toEqual({
      startMs: Date.UTC(2024, 2, 1, 10, 0, 0),
      answerMs: Date.UTC(2024, 2, 1, 10, 0, 5),
      endMs: Date.UTC(2024, 2, 1, 10, 1, 5),
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
      legA: 'SIP/1001-00000001',
      legB: 'SIP/carrierA-00000002',
    });
    expect(records[0]).toMatchObject({ reason: 'BUSY', answerMs: null, endMs: Date.UTC(2024, 2, 1, 10, 5, 3), destination: '18005551214', callerId: '1002' });
  });

  it('gives the same records for CRLF, UTF-8 BOM, UTF-16 LE and at tiny slice sizes', async () => {
    const basic = await ingest(fixtureBytes(ID, 'basic.csv'));
    for (const name of ['basic.csv', 'crlf.csv', 'utf8-bom.csv', 'utf16le-bom.csv']) {
      for (const sliceBytes of [3, 7, 4096]) {
        const other = await ingest(fixtureBytes(ID, name), { sliceBytes });
        expect(other.result.format?.id, name).toBe(ID);
        expect(other.result.rows, name).toEqual(basic.result.rows);
        expect(other.records, `${name} @${sliceBytes}`).toEqual(basic.records);
      }
    }
  });
});

describe('freepbx-cdr-report edge variants', () => {
  it('reads the 26-column header; a HANGUPCAUSE text in userfield gives the SIP code', async () => {
    const { records, result } = await ingest(fixtureBytes(ID, '26-columns.csv'));
    expect(result.rows).toEqual({ read: 2, used: 2, skipped: 0, headerLines: 1 });
    expect(records[0]).toMatchObject({ trunk: 'carrierA', sipCode: 403, codeSource: 'sip', outcome: 'policy', reason: 'Forbidden', callerId: '1001' });
    expect(records[1]).toMatchObject({ trunk: 'carrierA', outcome: 'answered', durationSec: 65 });
    expect(result.capabilities?.sipCodes).toBe(true);
  });

  it("an outbound call's caller ID is outbound_cnum, what the route sent the carrier; src is the extension that dialled", async () => {
    // FreePBX's macro-outbound-callerid sets CDR(outbound_cnum) to the caller ID the route sends; a call in has none.
    const header = 'calldate,clid,src,dst,dcontext,channel,dstchannel,lastapp,lastdata,duration,billsec,disposition,amaflags,accountcode,uniqueid,userfield,did,cnum,cnam,outbound_cnum,outbound_cnam,dst_cnam,recordingfile,linkedid,peeraccount,sequence';
    const out = '"2024-05-02 09:30:13","""Agent"" <1001>",1001,13035550049,from-internal,PJSIP/1001-00000062,PJSIP/flowroute-00000063,Dial,"PJSIP/13035550049@flowroute,60",1,0,"NO ANSWER",3,,1714642213.49,,,1001,Agent,2125550199,"ACME",,,1714642213.49,,50';
    const noCid = '"2024-05-02 09:31:00","""Agent"" <1001>",1001,13035550050,from-internal,PJSIP/1001-00000064,PJSIP/flowroute-00000065,Dial,"PJSIP/13035550050@flowroute,60",1,0,"NO ANSWER",3,,1714642260.50,,,1001,Agent,,,,,1714642260.50,,51';
    const inbound = '"2024-05-02 09:32:00","""3125550177"" <3125550177>",3125550177,1001,from-trunk,PJSIP/flowroute-00000066,PJSIP/1001-00000067,Dial,"PJSIP/1001,20",30,25,ANSWERED,3,,1714642320.51,,3125550100,,,,,,,1714642320.51,,52';
    const { records } = await ingest(`${header}\n${out}\n${noCid}\n${inbound}\n`);
    expect(records.map((r) => [r.direction, r.callerId])).toEqual([
      ['outbound', '2125550199'],
      ['outbound', '1001'],
      ['inbound', '3125550177'],
    ]);
  });

  it('keeps a pre-2014 clid with a comma and raw quotes in one field', async () => {
    const { records, result } = await ingest(fixtureBytes(ID, 'quoted-delimiters.csv'));
    expect(result.rows).toEqual({ read: 1, used: 1, skipped: 0, headerLines: 1 });
    expect(records[0]).toMatchObject({ trunk: 'carrierA', callerId: '1003', destination: '18005551212', outcome: 'answered' });
  });

  it('reports a truncated last line', async () => {
    const { result } = await ingest(fixtureBytes(ID, 'truncated.csv'));
    expect(result.rows).toEqual({ read: 2, used: 1, skipped: 1, headerLines: 1 });
    expect(result.skipped).toEqual([{ reason: 'too few columns (11 of 16): truncated row?', count: 1, firstLines: [3] }]);
  });

  it('skips invalid rows and treats a repeated header as a header', async () => {
    const { records, result } = await ingest(fixtureBytes(ID, 'invalid-rows.csv'));
    expect(result.rows).toEqual({ read: 5, used: 2, skipped: 3, headerLines: 2 });
    expect(skipReasons(result)).toEqual({
      'bad start time': 1,
      'too few columns (3 of 16): truncated row?': 1,
      'too many columns (18 of 16): unquoted comma?': 1,
    });
    expect(records.map((r) => r.startMs)).toEqual([Date.UTC(2024, 2, 1, 10, 2), Date.UTC(2024, 2, 1, 7, 0)]);
  });
});
