import { describe, expect, it } from 'vitest';
import { providerColumnsOf, providerSide } from './provider-sides';

describe('providerSide: the trunk per side of a call', () => {
  const yeastar = providerColumnsOf(['Time', 'Source Trunk', 'Destination Trunk', 'Communication Type'])!;
  const row = (source: string, destination: string) => ['2024-05-01 09:00:00', source, destination, ''];

  it('finds Yeastar P-Series Source/Destination Trunk and the S-Series API srctrunkname/desttrunkname', () => {
    expect(yeastar).toEqual({ source: { name: 1 }, destination: { name: 2 } });
    expect(providerColumnsOf(['timestart', 'desttrunkname', 'srctrunkname'])).toEqual({ source: { name: 2 }, destination: { name: 1 } });
    // One side alone is an ordinary trunk column, left to the guess.
    expect(providerColumnsOf(['Time', 'Destination Trunk', 'Status'])).toBeNull();
  });

  it('a filled destination is out through it, a filled source alone in through it, neither internal', () => {
    expect(providerSide(row('', 'SIP-A'), yeastar)).toEqual({ trunk: 'SIP-A', direction: 'outbound' });
    expect(providerSide(row('SIP-A', ''), yeastar)).toEqual({ trunk: 'SIP-A', direction: 'inbound' });
    expect(providerSide(row('', ''), yeastar)).toEqual({ trunk: '', direction: 'internal' });
    // An empty marker is no trunk.
    expect(providerSide(row('NULL', '-'), yeastar)).toEqual({ trunk: '', direction: 'internal' });
  });

  it('in on one trunk and out on another: the side the file’s direction names', () => {
    expect(providerSide(row('SIP-A', 'SIP-B'), yeastar)).toEqual({ trunk: 'SIP-B', direction: 'outbound' });
    expect(providerSide(row('SIP-A', 'SIP-B'), yeastar, 'outbound')).toEqual({ trunk: 'SIP-B', direction: 'outbound' });
    expect(providerSide(row('SIP-A', 'SIP-B'), yeastar, 'inbound')).toEqual({ trunk: 'SIP-A', direction: 'inbound' });
  });

  it('3CX: a side is a trunk when its DN type says provider, whatever its name', () => {
    const cx = providerColumnsOf(['source_dn_type', 'source_dn_name', 'destination_dn_type', 'destination_dn_name'])!;
    expect(providerSide(['extension', '101', 'provider', 'Telnyx Trunk'], cx)).toEqual({ trunk: 'Telnyx Trunk', direction: 'outbound' });
    expect(providerSide(['extension', '101', 'extension', '102'], cx)).toEqual({ trunk: '', direction: 'internal' });
  });
});
