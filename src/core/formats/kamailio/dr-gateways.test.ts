/**
 * kamailio-dr-gateways: the companion file that names gateway groups; no calls.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { GatewayGroupNames, gatewayGroupsOf, gatewayTrunkDisplayNames, nameTrunk, parseDescription, type DrGatewaysParser } from '.';
import { fixtureUrl, ingest } from './test-helpers';

const bytes = (name: string) => new Uint8Array(readFileSync(fixtureUrl('kamailio-dr-gateways', name)));

describe('kamailio-dr-gateways', () => {
  it('dr-gateways-dump.sql: 8 rows, 7 name a group (merged), trigger block skipped; no calls', async () => {
    const { records, result, parser } = await ingest(bytes('dr-gateways-dump.sql'));
    expect(result.format?.id).toBe('kamailio-dr-gateways');
    expect(records).toEqual([]);
    expect(result.rows).toEqual({ read: 8, used: 7, skipped: 1, headerLines: 0 });
    expect(result.skipped).toEqual([{ reason: 'dr_gateways: description names no gwgroup', count: 1, firstLines: [26] }]);
    expect(gatewayGroupsOf(parser!)).toEqual(
      new Map([
        ['1', 'Twilio'], // "Twilio NA-Virginia Carrier" (twice, once with a double space) + "Twilio NA-Oregon Carrier"
        ['3', 'Flowroute'], // "Flowroute US-West-OR" + "Flowroute US-East-VA"
        ['11', 'freepbx.example:5060'], // `name:` empty: the gateway address
        ['23', "Mack's Endpoint"],
      ]),
    );
    expect((parser as DrGatewaysParser).gatewayAddresses().get('34.226.36.32:5060')).toBe('3');
  });

  it('dr-gateways.csv and its UTF-16 LE copy: a GUI export with a header', async () => {
    for (const name of ['dr-gateways.csv', 'dr-gateways-utf16le.csv']) {
      const { result, parser } = await ingest(bytes(name));
      expect(result.rows, name).toEqual({ read: 3, used: 3, skipped: 0, headerLines: 1 });
      expect(gatewayGroupsOf(parser!)).toEqual(new Map([['1', 'Twilio'], ['3', 'Flowroute US-West-OR']]));
    }
  });

  it('dr-gw-lists.csv: group list names (dSIPRouter `name:…,type:8` or free text)', async () => {
    const { result, parser } = await ingest(bytes('dr-gw-lists.csv'));
    expect(result.format?.variant).toBe('dr_gw_lists, header');
    expect(result.rows).toEqual({ read: 3, used: 2, skipped: 1, headerLines: 1 });
    expect(result.skipped).toEqual([{ reason: 'dr_gw_lists: id is not a number', count: 1, firstLines: [4] }]);
    expect(gatewayGroupsOf(parser!)).toEqual(new Map([['1', 'Skyetel CarrierGroup'], ['2', 'My Media Servers']]));
  });

  it('gives the same names at 1-byte slices', async () => {
    const whole = await ingest(bytes('dr-gateways-dump.sql'));
    const sliced = await ingest(bytes('dr-gateways-dump.sql'), { sliceBytes: 1 });
    expect(gatewayGroupsOf(sliced.parser!)).toEqual(gatewayGroupsOf(whole.parser!));
    expect(sliced.result.rows).toEqual(whole.result.rows);
  });

  it('names trunks: a group list name wins over gateway names; other trunks are unchanged', () => {
    const names = new GatewayGroupNames();
    names.addGateway('name:Skyetel North West Inbound,gwgroup:2,addr_id:29', '52.41.52.34');
    names.addGateway('name:Skyetel South West Inbound,gwgroup:2,addr_id:30', '52.8.201.128');
    expect(names.groups().get('2')).toBe('Skyetel');
    names.addGroupList('2', 'name:Skyetel CarrierGroup,type:8');
    expect(names.groups().get('2')).toBe('Skyetel CarrierGroup');
    names.addGateway('name:Alpha,gwgroup:5', 'a.example');
    names.addGateway('name:Beta,gwgroup:5', 'b.example');
    expect(names.groups().get('5')).toBe('Alpha +1 more');
    const groups = names.groups();
    expect(nameTrunk('gwgroup 2', groups)).toBe('gwgroup 2 (Skyetel CarrierGroup)');
    expect(nameTrunk('gwgroup 9', groups)).toBe('gwgroup 9');
    expect(nameTrunk('sip.carrier.example', groups)).toBe('sip.carrier.example');
    expect(gatewayTrunkDisplayNames(groups)).toEqual(new Map([['gwgroup 2', 'gwgroup 2 (Skyetel CarrierGroup)'], ['gwgroup 5', 'gwgroup 5 (Alpha +1 more)']]));
    expect(parseDescription('name:autoregister,type:9,gwgroup:32')).toEqual(
      new Map([['name', 'autoregister'], ['type', '9'], ['gwgroup', '32']]),
    );
    expect(parseDescription('My Media Servers')).toBeNull();
  });
});
