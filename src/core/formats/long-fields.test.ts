/**
 * Every pattern that once ran over unbounded file text in quadratic (or cubic) time, fed a 1 MB
 * field: each must finish under vitest's default timeout and give the answer a short field gives.
 * (No timing assertion: before the fix these took minutes, so a hang fails the test by timeout.)
 */
import { describe, expect, it } from 'vitest';
import { codeKey, dispositionLabel } from '../analysis/code-key';
import { ingestFiles } from '../ingest/ingest-files';
import { numberFromClid } from './asterisk/cdr-row';
import { dialTargetNamed, parseDialTargets } from './asterisk/trunk';
import { unwrapSqlInsert } from './freeswitch/cdr-csv-row';
import { trunkFromSofia } from './freeswitch/sofia-channel';
import { headerTokens } from './generic/header-names';
import { parseTime } from './generic/values';
import { GatewayGroupNames } from './kamailio/gateway-names';

const MB = 1 << 20;
const spaces = ' '.repeat(MB);

describe('1 MB fields', () => {
  it('generic time cell: a 1 MB run of spaces is not a time; a short " UTC" time still is', () => {
    expect(parseTime(`1${spaces}2`, 'mdy')).toBeNaN();
    expect(parseTime(`2024-05-01 10:00:01${'\t'.repeat(MB)}x`, 'mdy')).toBeNaN();
    expect(parseTime('2024-05-01 10:00:01 UTC', 'mdy')).toBe(Date.UTC(2024, 4, 1, 10, 0, 1));
  });

  it('Asterisk clid: the number inside <…> at the end, found after a 1 MB run of spaces', () => {
    expect(numberFromClid(`"Name" <1001>${spaces}"${spaces}`)).toBe('1001');
    expect(numberFromClid(`<a>${spaces}x`)).toBe('');
    expect(numberFromClid('<'.repeat(MB))).toBe('');
    expect(numberFromClid('"Doe, John" <1003>"')).toBe('1003');
    expect(numberFromClid('"x" <10>03>')).toBe('');
  });

  it('disposition code labels: cut before "(", never across a line end', () => {
    expect(dispositionLabel(`failed${spaces}(cause 34)`)).toBe('FAILED');
    expect(dispositionLabel(`a${spaces}b`)).toBe(`A${spaces}B`);
    expect(codeKey(null, 'disposition', null, 'other', `busy${spaces}x`)).toBe(`BUSY${spaces}X`);
    expect(dispositionLabel('NO ANSWER (ring timeout)')).toBe('NO ANSWER');
    expect(dispositionLabel('A (B\nC')).toBe('A (B\nC');
    expect(dispositionLabel('A\n(B')).toBe('A');
  });

  it('header names: a 1 MB capital run is cut to a name-sized token', () => {
    const tokens = headerTokens(`${'A'.repeat(MB)}1`);
    expect(tokens).toHaveLength(1);
    expect(tokens[0]!.length).toBe(200);
    expect(headerTokens('SIPCode')).toEqual(['sip', 'code']);
  });

  it('FreeSWITCH dial strings: 1 MB of unclosed "{" and "<" before the gateway', () => {
    expect(trunkFromSofia(`${'{'.repeat(MB)}`)).toBeNull();
    expect(trunkFromSofia(`${'<'.repeat(MB)}|sofia/gateway/carrier-a/15551230001`)).toBe('carrier-a');
    expect(trunkFromSofia('{origination_caller_id_number=1001}[leg_timeout=30]sofia/gateway/gw1/1555')).toBe('gw1');
    expect(trunkFromSofia('<x=1>sofia/gateway/gw1/1|{a=b}sofia/gateway/gw2/2')).toBe('gw1');
  });

  it('FreeSWITCH sql template: the statement end is cut after a 1 MB run of spaces', () => {
    expect(unwrapSqlInsert(['INSERT INTO cdr VALUES ("Alice"', `1001")${spaces};${spaces}`])).toEqual(['Alice', '1001"']);
    expect(unwrapSqlInsert(['INSERT INTO cdr VALUES ("Alice"', `1001${spaces}x`])).toEqual(['Alice', `1001${spaces}x`]);
    expect(unwrapSqlInsert(['INSERT INTO cdr VALUES ("a"', 'b) )'])).toEqual(['a', 'b)']);
  });

  it('Kamailio gateway names: a 1 MB name of separators, and 100,000 gateways in one group', () => {
    const one = new GatewayGroupNames();
    one.addGateway(`name:Twilio${' -'.repeat(MB / 2)} East,gwgroup:1`, 'a.example');
    one.addGateway(`name:Twilio${' -'.repeat(MB / 2)} West,gwgroup:1`, 'b.example');
    expect(one.groups().get('1')).toBe('Twilio');
    const many = new GatewayGroupNames();
    for (let i = 0; i < 100_000; i++) many.addGateway(`name:gw ${i},gwgroup:7`, `10.${i >> 16}.${(i >> 8) & 255}.${i & 255}`);
    many.addGateway('name:gw 5,gwgroup:7', '10.0.0.5'); // a repeat adds nothing
    expect(many.groups().get('7')).toBe('gw');
    const unnamed = new GatewayGroupNames();
    for (let i = 0; i < 100_000; i++) unnamed.addGateway('name:,gwgroup:8', `h${i % 50_000}.example`);
    expect(unnamed.groups().get('8')).toBe('h0.example +49999 more');
  });

  it('a generic CSV whose start cell is 150,000 spaces between two characters: read, the row skipped with its reason', async () => {
    const text = `Start Time,Carrier,SIP Code\n2024-05-01 10:00:00,carrier-a,503\nx${' '.repeat(150_000)}y,carrier-a,200\n2024-05-01 10:00:02,carrier-a,200\n`;
    const { summary } = await ingestFiles([{ name: 'spaces.csv', blob: new Blob([text]) }]);
    const f = summary.files[0]!;
    expect(f.format?.id).toBe('generic-csv');
    expect(f.rows).toMatchObject({ read: 3, used: 2, skipped: 1 });
    expect(f.skipped[0]?.firstLines).toEqual([3]);
  });

  it('Asterisk Dial(): a 1 MB argument of 170,000 targets is read once, each target searched within itself', () => {
    const many = `${'SIP/a&'.repeat(170_000)}SIP/carrier/5551234`;
    expect(dialTargetNamed(many, 'carrier')).toEqual({ tech: 'SIP', endpoint: 'carrier', number: '5551234' });
    expect(parseDialTargets(many)).toHaveLength(170_001);
    const iax = parseDialTargets(`${'IAX2/a&'.repeat(150_000)}IAX2/carrier/5551234@ctx`);
    expect(iax.at(-1)).toEqual({ tech: 'IAX2', endpoint: 'carrier', number: '5551234' });
    expect(dialTargetNamed('SIP/a&SIP/carrier/5551234', 'carrier')).toEqual({ tech: 'SIP', endpoint: 'carrier', number: '5551234' });
  });

  it('Asterisk Dial(): a 500 KB channel name looked for among 60,000 targets (a 1 MB record) is lowered and checked for non-ASCII once', () => {
    expect(dialTargetNamed(`${'SIP/1@a&'.repeat(60_000)}SIP/5551234@carrier`, 'y'.repeat(500_000))).toBeNull();
    expect(dialTargetNamed(`${'SIP/1@é&'.repeat(60_000)}SIP/5551234@carrier`, 'É'.repeat(500_000))).toBeNull();
    expect(dialTargetNamed('SIP/1@a&SIP/5551234@Carrierè', 'CARRIERÈ')).toEqual({ tech: 'SIP', endpoint: 'Carrierè', number: '5551234' });
  });
});
