/**
 * Detection from content only (fileName 'unknown'), and not claiming other families' files.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { buildSniffSample } from '../../read/sniff';
import { kamailioAcc, kamailioAccSyslog, kamailioDrGateways } from '.';
import { fixtureUrl } from './test-helpers';

function decode(bytes: Uint8Array): string {
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return new TextDecoder('utf-16le').decode(bytes.subarray(2));
  return new TextDecoder('utf-8').decode(bytes).replace(/^\uFEFF/, '');
}
const sampleOf = (text: string) => buildSniffSample('unknown', text);
const fixtureText = (id: string, name: string) => decode(new Uint8Array(readFileSync(fixtureUrl(id, name))));

describe('kamailio detection', () => {
  const expected: Record<string, [number, string]> = {
    'basic.csv': [0.97, 'dSIPRouter acc, header, 18 columns'],
    'crlf.csv': [0.97, 'dSIPRouter acc, header, 18 columns'],
    'bom.csv': [0.97, 'dSIPRouter acc, header, 18 columns'],
    'utf16le.csv': [0.97, 'dSIPRouter acc, header, 18 columns'],
    'quoted-delimiters.csv': [0.97, 'Kamailio acc, header, 12 columns'],
    'mysql-batch.tsv': [0.97, 'Kamailio acc, header, 11 columns'],
    'missed-calls.csv': [0.97, 'Kamailio acc, header, 8 columns'],
    'opensips-acc-v7.csv': [0.97, 'OpenSIPS acc, header, 15 columns'],
    'headerless-dsiprouter.csv': [0.85, 'dSIPRouter acc (18 columns), no header'],
    'newest-first.csv': [0.97, 'Kamailio acc, header, 8 columns'],
    'invalid-rows.csv': [0.97, 'dSIPRouter acc, header, 18 columns'],
    'truncated.csv': [0.97, 'dSIPRouter acc, header, 18 columns'],
    'dump-one-per-line.sql': [0.96, 'SQL dump, dSIPRouter acc'],
    'dump-extended-insert.sql': [0.96, 'SQL dump, Kamailio acc'],
    'dump-complete-insert.sql': [0.96, 'SQL dump, Kamailio acc'],
    'dump-truncated.sql': [0.96, 'SQL dump, dSIPRouter acc'],
    'pg-dump.sql': [0.96, 'SQL dump, Kamailio acc'],
    'challenges-and-failover.csv': [0.97, 'dSIPRouter acc, header, 18 columns'],
    'challenges-and-failover.sql': [0.96, 'SQL dump, dSIPRouter acc'],
  };

  it('covers every kamailio-acc fixture', () => {
    expect(readdirSync(fixtureUrl('kamailio-acc', '')).sort()).toEqual(Object.keys(expected).sort());
  });

  for (const [name, [score, variant]] of Object.entries(expected)) {
    it(`detects ${name} from content`, () => {
      const sample = sampleOf(fixtureText('kamailio-acc', name));
      expect(kamailioAcc.detect(sample)).toEqual({ score, variant });
      const companion = kamailioDrGateways.detect(sample);
      expect(companion === null || companion.score <= 0.5).toBe(true);
    });
  }

  it('detects the dr_gateways companion files and leaves them to kamailio-dr-gateways', () => {
    for (const [name, variant] of [
      ['dr-gateways-dump.sql', 'SQL dump, dr_gateways'],
      ['dr-gateways.csv', 'dr_gateways, header'],
      ['dr-gateways-utf16le.csv', 'dr_gateways, header'],
      ['dr-gw-lists.csv', 'dr_gw_lists, header'],
    ] as const) {
      const sample = sampleOf(fixtureText('kamailio-dr-gateways', name));
      expect(kamailioDrGateways.detect(sample), name).toEqual({ score: 0.95, variant });
      expect(kamailioAcc.detect(sample), name).toBeNull();
    }
    const headerless = sampleOf("1,8,54.172.60.0,0,,\"1,8,,proxy,proxy\",\"name:Twilio,gwgroup:1\"\n2,8,54.172.60.1,0,,\"2,8\",\"name:Twilio,gwgroup:1\"\n");
    expect(kamailioDrGateways.detect(headerless)).toEqual({ score: 0.85, variant: 'dr_gateways, no header' });
  });

  it('gives an SQL dump of a Kamailio database without acc a low score, and ignores other SQL dumps', () => {
    const kamailioDb = "-- MySQL dump\nCREATE TABLE `subscriber` (\n  `id` int\n);\nINSERT INTO `subscriber` VALUES (1);\n";
    expect(kamailioAcc.detect(sampleOf(kamailioDb))?.score).toBe(0.3);
    const asteriskDb = "-- MySQL dump\nCREATE TABLE `cdr` (\n  `calldate` datetime\n);\nINSERT INTO `cdr` VALUES ('2024-01-01 00:00:00');\n";
    expect(kamailioAcc.detect(sampleOf(asteriskDb))).toBeNull();
    expect(kamailioDrGateways.detect(sampleOf(asteriskDb))).toBeNull();
  });

  it('does not claim other families\' typical first lines', () => {
    const others = [
      // Asterisk cdr_csv Master.csv (formats.md §1.6)
      '"","1001","5551234","from-internal","""Alice"" <1001>","SIP/1001-00000001","SIP/sipus1-00000002","Dial","SIP/sipus1/5551234,60","2024-01-27 15:07:24","2024-01-27 15:07:30","2024-01-27 15:08:30",66,60,"ANSWERED","DOCUMENTATION","1706368044.1",""\n',
      // FreeSWITCH cdr-csv example template
      '"9007","9007","0034688886392","public","2014-05-29 16:59:50","","2014-05-29 16:59:50","0","0","NORMAL_CLEARING","a5c9f6c0-e752-11e3-8bfb-65b6c3cdac7d","","","",""\n',
      // FreePBX CDR report header
      'calldate,clid,src,dst,dcontext,channel,dstchannel,lastapp,lastdata,duration,billsec,disposition,amaflags,accountcode,uniqueid,userfield\n',
      // A generic CSV with a SIP code column
      'start,trunk,code,callid\n2024-05-01 10:00:00,carrierA,503,c1\n',
      // Kamailio syslog lines are not a table
      'Nov  5 10:39:20 sbc kamailio[123]: ACC: transaction answered: timestamp=1604565560;method=BYE;from_tag=a;to_tag=b;call_id=c;code=200;reason=OK\n',
    ];
    for (const text of others) {
      if (!text.includes('ACC:')) expect(kamailioAccSyslog.detect(sampleOf(text)), text).toBeNull();
      expect(kamailioAcc.detect(sampleOf(text)), text).toBeNull();
      expect(kamailioDrGateways.detect(sampleOf(text)), text).toBeNull();
    }
  });

  it('does not claim any other family\'s fixture', () => {
    const root = fixtureUrl('', '');
    for (const id of readdirSync(root)) {
      if (id.startsWith('kamailio')) continue;
      for (const name of readdirSync(fixtureUrl(id, ''))) {
        const sample = sampleOf(fixtureText(id, name));
        const acc = kamailioAcc.detect(sample);
        const dr = kamailioDrGateways.detect(sample);
        expect(acc === null || acc.score < 0.4, `${id}/${name}: ${JSON.stringify(acc)}`).toBe(true);
        expect(dr === null || dr.score < 0.4, `${id}/${name}: ${JSON.stringify(dr)}`).toBe(true);
        expect(kamailioAccSyslog.detect(sample), `${id}/${name}`).toBeNull();
      }
    }
  });
});
