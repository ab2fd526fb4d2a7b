import { describe, expect, it } from 'vitest';
import { buildSniffSample } from '../../read/sniff';
import { genericCsv } from './index';

const detect = (text: string) => genericCsv.detect(buildSniffSample('unknown', text));
const score = (text: string) => detect(text)?.score ?? null;

describe('generic-csv detection: permissive, always below specific formats', () => {
  it('claims a carrier export with a header at 0.3–0.4', () => {
    const didww =
      'Date/Time Start (UTC),Date/Time Connect (UTC),Date/Time End (UTC),Source,DID,Destination,Duration (secs),Disconnect Code (SIP),Disconnect Response\n' +
      '2024-05-01 10:00:01,,2024-05-01 10:00:02,12025550100,,442071838751,0,503,Service Unavailable\n';
    // Extras found: destination, callerId, end, duration (4 of 6) → 0.3 + 0.1 × 4/6.
    expect(detect(didww)).toEqual({ score: 0.367, variant: 'header with 8 of 9 columns recognized, no trunk column' });
  });

  it('needs a start time and an outcome column; scores 0.3 for just those', () => {
    expect(score('start_time,sip_code\n2024-01-01 00:00:00,503\n')).toBe(0.3);
    expect(score('start_time,carrier,destination\n2024-01-01 00:00:00,a,1\n')).toBeNull(); // no outcome
    expect(score('carrier,sip_code\na,503\n')).toBeNull(); // no start time
    expect(score('start_time,sip_code\nyesterday,503\nlater,200\n')).toBeNull(); // start values are not times
    expect(score('start_time,sip_code\n')).toBe(0.3); // header only
  });

  it('a header cell longer than any time or number (a column described in a sentence) is still a name', () => {
    // 4 columns, one of 100 characters: 3 of 4 names would be below the 80 % a header needs.
    const note = 'Notes entered by the agent after the call (free text as typed) exported verbatim from the CRM portal';
    expect(note.length).toBe(100);
    expect(detect(`Start Time,Destination,SIP Code,${note}
2024-05-01 10:00:01,442071838751,503,callback
`)?.variant).toBe(
      'header with 3 of 4 columns recognized, no trunk column',
    );
    // A cell of 300,000 characters: only its first characters are looked at; the file is still read.
    const huge = `Start Time,Destination,SIP Code,Notes ${'x'.repeat(300_000)}
2024-05-01 10:00:01,442071838751,503,a
`;
    expect(detect(huge)?.score).toBe(0.317);
    // Data rows are no header because of a long cell: their other cells are times and numbers.
    expect(detect(`2024-05-01 10:00:01,442071838751,503,${note}
`)).toBeNull();
  });

  it('never reaches 0.4 + ε even with every role', () => {
    const all = 'uuid|start_stamp|answer_stamp|end_stamp|caller_id_number|destination_number|sip_gateway_name|hangup_cause|sip_term_status|sip_hangup_phrase|duration|billsec';
    expect(score(`${all}\n1|2024-08-20 14:00:00||2024-08-20 14:00:01|1|2|gw|USER_BUSY|486|Busy Here|1|0\n`)).toBe(0.4);
  });

  it('scores the FreePBX CDR Reports header well below 0.5 (the FreePBX module claims it at ~1.0)', () => {
    const freepbx =
      'calldate,clid,src,dst,dcontext,channel,dstchannel,lastapp,lastdata,duration,billsec,disposition,amaflags,accountcode,uniqueid,userfield\n' +
      '2017-09-04 12:39:26,"User 10" <114>,114,113,from-internal,SIP/114-000000c4,SIP/113-000000c5,Dial,"SIP/113,60,rI",8,6,ANSWERED,3,,1504525166.228,\n';
    const s = score(freepbx);
    expect(s).not.toBeNull();
    expect(s!).toBeLessThan(0.5);
    expect(s!).toBeLessThanOrEqual(0.4);
  });

  it('scores the VICIdial carrier log and Kamailio acc headers ≤ 0.4', () => {
    const vicidial =
      '"UNIQUE ID","CALL DATE","SERVER IP","LEAD ID","HANGUP CAUSE","DIAL STATUS","CHANNEL","DIAL TIME","ANSWERED TIME","SIP CODE","SIP HANGUP REASON","PHONE NUMBER"\n' +
      '"1700000000.12345","2024-05-01 10:00:01","10.0.0.5","12345","34","CONGESTION","Local/913125551212@default-0000abcd;2","1","0","503","Service Unavailable","3125551212"\n';
    const kamailio =
      'id,method,from_tag,to_tag,callid,sip_code,sip_reason,time\n1,INVITE,a,b,c,503,Service Unavailable,2025-07-18 00:36:35\n';
    expect(score(vicidial)!).toBeLessThanOrEqual(0.4);
    expect(score(kamailio)!).toBeLessThanOrEqual(0.4);
  });

  it('does not claim headerless files of other families', () => {
    const asteriskMaster =
      '"","","12489398620","LocalSets",""""" <>","Local/12489398620@LocalSets-00000003;2","SIP/sipus1-00000016","Dial","SIP/12489398620@sipus1","2016-09-16 15:47:26",,"2016-09-16 15:47:26",0,0,"BUSY","DOCUMENTATION","1474040846.44",""\n';
    const cdrCustom =
      '"""Ramana"" <1115>","1115","2484363600","default","PJSIP/1115-00000000","","AGI","agi://127.0.0.1","2018-11-29 20:19:34","","2018-11-29 20:20:11","37","32","ANSWERED","DOCUMENTATION","","1543540774.0","",0\n';
    const freeswitch =
      '"Extension 1000","1000","1001","default","2020-01-31 10:00:00","2020-01-31 10:00:02","2020-01-31 10:00:30","30","28","NORMAL_CLEARING","7f4de4bc-1234","","1000","PCMU","PCMU"\n';
    const freepbxDump =
      '1/9/2017 16:33:01,"""Joao"" <101>",101,102,from-internal,SIP/101-00000001,SIP/102-00000002,Dial,"SIP/102,,tr",10,8,ANSWERED,3,,1504279981.1,,,,101,Joao,,,,,0\n';
    const kamailioSyslog = 'ACC: transaction answered: timestamp=1604565560;method=BYE;from_tag=12c35q3n42;to_tag=9p3sh1v9bv;call_id=ub2ds9fg5jhuc0g9jinb;code=200;reason=OK\n';
    const sqlDump = "-- MySQL dump 10.13\nINSERT INTO `acc` VALUES (1,'INVITE','a','b','c','503','Service Unavailable','2025-07-18 00:36:35');\n";
    for (const text of [asteriskMaster, cdrCustom, freeswitch, freepbxDump, kamailioSyslog, sqlDump]) {
      expect(detect(text), text.slice(0, 40)).toBeNull();
    }
  });

  it('does not use the file name', () => {
    const text = 'start_time,sip_code\n2024-01-01 00:00:00,503\n';
    expect(genericCsv.detect(buildSniffSample('Master.csv', text))).toEqual(genericCsv.detect(buildSniffSample('unknown', text)));
  });
});
