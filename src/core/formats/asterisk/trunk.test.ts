import { describe, expect, it } from 'vitest';
import { emptyCdrRow, type CdrRow } from './cdr-row';
import { ChannelTrunks, parseDialTargets, resolveDestination, resolveTrunk, SKIP_CONGESTION, SKIP_DAHDI, SKIP_EXTENSION, SKIP_LOCAL, SKIP_NO_TRUNK } from './trunk';

const row = (fields: Partial<CdrRow>): CdrRow => ({ ...emptyCdrRow(), ...fields });

describe('parseDialTargets', () => {
  it('splits Dial() targets and reads endpoint and number per technology', () => {
    expect(parseDialTargets('PJSIP/18005551212@carrierA,60,tT')).toEqual([{ tech: 'PJSIP', endpoint: 'carrierA', number: '18005551212' }]);
    expect(parseDialTargets('SIP/sipus1/12489398620,30')).toEqual([{ tech: 'SIP', endpoint: 'sipus1', number: '12489398620' }]);
    expect(parseDialTargets('SIP/301&SIP/200@stadionpbx,60,t')).toEqual([
      { tech: 'SIP', endpoint: '301', number: null },
      { tech: 'SIP', endpoint: 'stadionpbx', number: '200' },
    ]);
    expect(parseDialTargets('IAX2/guest@misery.digium.com/s@default')).toEqual([{ tech: 'IAX2', endpoint: 'misery.digium.com', number: null }]);
    expect(parseDialTargets('PJSIP/client2')).toEqual([{ tech: 'PJSIP', endpoint: 'client2', number: null }]);
  });

  it('reads a PJSIP contact URI as the endpoint before the slash, not the host after the @', () => {
    expect(parseDialTargets('PJSIP/1128/sip:1128@182.72.240.250:5062&PJSIP/1128/sip:1128@10.0.0.9,30')[0]).toEqual({ tech: 'PJSIP', endpoint: '1128', number: null });
  });

  it('reads the number of a PJSIP target dialled out through a trunk: a bare number (Grandstream UCM) or a SIP URI, not a device contact', () => {
    expect(parseDialTargets('PJSIP/trunk_1/14155551000,60')).toEqual([{ tech: 'PJSIP', endpoint: 'trunk_1', number: '14155551000' }]);
    // docs.asterisk.org, "Dialing PJSIP Channels": an explicit URI via an endpoint, "dialing out a trunk".
    expect(parseDialTargets('PJSIP/mytrunk/sip:+14155551000@sip.example.com:5060,30')).toEqual([{ tech: 'PJSIP', endpoint: 'mytrunk', number: '+14155551000' }]);
    expect(parseDialTargets('PJSIP/mytrunk/SIPS:14155551000@sip.example.com')).toEqual([{ tech: 'PJSIP', endpoint: 'mytrunk', number: '14155551000' }]);
    // PJSIP_DIAL_CONTACTS: a device's contacts, whose user is an extension or the endpoint's own name.
    expect(parseDialTargets('PJSIP/alice/sip:2001@10.0.0.5:5062')).toEqual([{ tech: 'PJSIP', endpoint: 'alice', number: null }]);
    expect(parseDialTargets('PJSIP/14155550100/sip:14155550100@10.0.0.5')).toEqual([{ tech: 'PJSIP', endpoint: '14155550100', number: null }]);
    expect(parseDialTargets('PJSIP/1128/sip:14155551000@10.0.0.5')).toEqual([{ tech: 'PJSIP', endpoint: '1128', number: null }]);
    expect(parseDialTargets('PJSIP/mytrunk/sip:bob@sip.example.com')).toEqual([{ tech: 'PJSIP', endpoint: 'mytrunk', number: null }]);
  });

  it('ignores non-dial data', () => {
    expect(parseDialTargets('Console/dsp,20')).toEqual([]);
    expect(parseDialTargets('106@default,u')).toEqual([]);
    expect(parseDialTargets('')).toEqual([]);
  });
});

describe('resolveTrunk', () => {
  it('takes the trunk from dstchannel first', () => {
    expect(resolveTrunk(row({ channel: 'PJSIP/1001-00000001', dstchannel: 'PJSIP/carrier-east-0000000a', lastdata: 'PJSIP/123@carrier-east' }))).toMatchObject({
      trunk: 'carrier-east',
      via: 'dstchannel',
      inbound: false,
    });
    expect(resolveTrunk(row({ dstchannel: 'IAX2/216.207.245.8:4569-2739' }))).toMatchObject({ trunk: '216.207.245.8:4569' });
    expect(resolveTrunk(row({ dstchannel: 'Motif/12489398620@voice.google.com-753b' }))).toMatchObject({ trunk: 'Motif/voice.google.com' });
  });

  it('reads Grandstream UCM outbound legs: dstchannel PJSIP/<trunk>/<number> or a channel, lastdata with the number after the slash', () => {
    // UCM CDR guide: "PJSIP/trunk_X/NUM, where trunk_X is the internal trunk name, and NUM is the number to dial out".
    const ucm = { src: '5300', channel: 'PJSIP/5300-00000011', lastapp: 'Dial', dcontext: 'from-internal' };
    for (const dstchannel of ['PJSIP/trunk_1/14155551000', 'PJSIP/trunk_1-00000012']) {
      expect(resolveTrunk(row({ ...ucm, dstchannel, lastdata: 'PJSIP/trunk_1/14155551000,60' }))).toMatchObject({ trunk: 'trunk_1', via: 'dstchannel', number: '14155551000', direction: 'outbound' });
    }
    expect(resolveTrunk(row({ ...ucm, dstchannel: 'PJSIP/trunk_1-00000012', lastdata: 'PJSIP/trunk_1/sip:14155551000@sip.carrier.example,60' }))).toMatchObject({ trunk: 'trunk_1', number: '14155551000', direction: 'outbound' });
    // A device dialled by its contact stays a phone.
    expect(resolveTrunk(row({ src: '5300', channel: 'PJSIP/5300-00000011', dstchannel: 'PJSIP/alice-00000012', lastdata: 'PJSIP/alice/sip:alice@10.0.0.5:5062' }))).toEqual({ skip: SKIP_EXTENSION });
  });

  it('prefers dstchannel to a trunk column, and the column to lastdata or channel', () => {
    expect(resolveTrunk(row({ dstchannel: 'PJSIP/VIOrig-00000004', trunk: 'VITerm' }))).toMatchObject({ trunk: 'VIOrig', via: 'dstchannel' });
    expect(resolveTrunk(row({ channel: 'Local/3323@local-call-00000001;2', trunk: 'VITerm' }))).toMatchObject({ trunk: 'VITerm', via: 'trunk column' });
  });

  it('uses lastdata only when no channel was created towards anyone', () => {
    expect(resolveTrunk(row({ src: '1002', channel: 'SIP/1002-00000007', lastdata: 'PJSIP/4420795550000@carrierB,60' }))).toMatchObject({ trunk: 'carrierB', via: 'lastdata' });
    // Dial(SIP/301&SIP/200@stadionpbx) that reached SIP/301: not a stadionpbx attempt.
    expect(resolveTrunk(row({ src: '89245555937', channel: 'SIP/211553-00000003', dstchannel: 'SIP/301-00000004', lastdata: 'SIP/301&SIP/200@stadionpbx,60,t', dcontext: 'stadion-pstn' }))).toMatchObject({
      trunk: '211553',
      via: 'channel',
      inbound: true,
    });
  });

  it('treats a named endpoint dialled without a number, or the caller’s own channel, as a phone', () => {
    expect(resolveTrunk(row({ src: 'client1', channel: 'PJSIP/client1-00000002', dstchannel: 'PJSIP/client2-00000003', lastdata: 'PJSIP/client2' }))).toEqual({ skip: SKIP_EXTENSION });
    expect(resolveTrunk(row({ src: '123654987', channel: 'SIP/123654987-00000000', lastapp: 'Hangup' }))).toEqual({ skip: SKIP_NO_TRUNK });
  });

  it('finds inbound trunks in channel, digit-named ones only in a provider context', () => {
    expect(resolveTrunk(row({ src: '4420795551111', channel: 'PJSIP/carrierA-0000000a', dstchannel: 'PJSIP/1001-0000000b', lastdata: 'PJSIP/1001,30' }))).toMatchObject({
      trunk: 'carrierA',
      via: 'channel',
      inbound: true,
    });
    expect(resolveTrunk(row({ src: '89245555937', channel: 'SIP/211474-00000000', dcontext: 'stadion-pstn', lastapp: 'Hangup' }))).toMatchObject({ trunk: '211474', inbound: true });
    expect(resolveTrunk(row({ src: '100', channel: 'SIP/100-00000000', dcontext: 'from-internal', lastapp: 'Hangup' }))).toEqual({ skip: SKIP_NO_TRUNK });
  });

  it('reads the outgoing leg of an Originate() (lastapp AppDial2) as an outbound attempt', () => {
    expect(resolveTrunk(row({ src: 'sipus1', channel: 'SIP/sipus1-00000001', lastapp: 'AppDial2', lastdata: '(Outgoing Line)' }))).toMatchObject({ trunk: 'sipus1', inbound: false });
  });

  it('never takes Console, DAHDI or Local channels for trunks, and says why', () => {
    expect(resolveTrunk(row({ channel: 'Console/default', dstchannel: 'SIP/sipus1-00000002' }))).toMatchObject({ trunk: 'sipus1' });
    expect(resolveTrunk(row({ src: '1', channel: 'Console/dsp', lastapp: 'Dial', lastdata: 'Console/dsp,20' }))).toEqual({ skip: SKIP_NO_TRUNK });
    expect(resolveTrunk(row({ channel: 'Local/0@from-internal-0000000f;2' }))).toEqual({ skip: SKIP_LOCAL });
    expect(resolveTrunk(row({ channel: 'SIP/105-0000000a', lastapp: 'Congestion', lastdata: '20' }))).toEqual({ skip: SKIP_CONGESTION });
    // A DAHDI channel that called a phone from an internal context is a phone's FXS port.
    expect(resolveTrunk(row({ channel: 'DAHDI/i1/5551234-1a', dstchannel: 'SIP/105-0000000c', dcontext: 'from-internal' }))).toEqual({ skip: SKIP_DAHDI });
    expect(resolveTrunk(row({ channel: 'SIP/105-0000000d', dstchannel: 'DAHDI/3-1', lastapp: 'Dial', lastdata: 'DAHDI/3,20' }))).toEqual({ skip: SKIP_DAHDI });
  });

  it('names PRI/analog lines, GSM gateways, IAX2 and OOH323 peers the way an operator reads them, with the direction', () => {
    const out = (r: Partial<CdrRow>) => {
      const t = resolveTrunk(row(r));
      return 'skip' in t ? t.skip : `${t.trunk} ${t.direction}`;
    };
    expect(out({ channel: 'SIP/105-0000000b', dstchannel: 'DAHDI/1-1', lastapp: 'Dial', lastdata: 'DAHDI/g0/5551234,60' })).toBe('DAHDI g0 outbound');
    expect(out({ channel: 'SIP/105-0000000b', lastapp: 'Dial', lastdata: 'DAHDI/G1/5551234,60' })).toBe('DAHDI g1 outbound');
    expect(out({ channel: 'SIP/105-0000000b', dstchannel: 'DAHDI/i1/5551234-1', lastapp: 'Dial', lastdata: 'DAHDI/i1/5551234' })).toBe('DAHDI span 1 outbound');
    expect(out({ channel: 'SIP/105-0000000b', dstchannel: 'DAHDI/4-1', lastapp: 'Dial', lastdata: 'Zap/4/5551234,30' })).toBe('DAHDI channel 4 outbound');
    expect(out({ channel: 'DAHDI/2-1', dstchannel: 'SIP/105-0000000e', dcontext: 'from-pstn', lastapp: 'Dial' })).toBe('DAHDI channel 2 inbound');
    expect(out({ channel: 'SIP/105-0000000b', dstchannel: 'Dongle/dongle0-0100000001', lastapp: 'Dial', lastdata: 'Dongle/dongle0/+79001234567' })).toBe('Dongle dongle0 outbound');
    expect(out({ channel: 'Dongle/dongle1-0100000002', dstchannel: 'SIP/105-0000000f', dcontext: 'from-internal', lastapp: 'Dial' })).toBe('Dongle dongle1 inbound');
    expect(out({ channel: 'Mobile/nokia-0001', dstchannel: 'SIP/105-00000010', dcontext: 'incoming-mobile', lastapp: 'Dial' })).toBe('Mobile nokia inbound');
    expect(out({ channel: 'SIP/105-0000000b', dstchannel: 'IAX2/provider-1234', lastapp: 'Dial', lastdata: 'IAX2/provider/5551234' })).toBe('provider outbound');
    expect(out({ channel: 'SIP/105-0000000b', dstchannel: 'OOH323/gw1-5', lastapp: 'Dial', lastdata: 'OOH323/5551234@gw1' })).toBe('gw1 outbound');
    expect(out({ channel: 'SIP/carrierA-00000011', dstchannel: 'SIP/105-00000012', dcontext: 'from-trunk', lastapp: 'Dial', lastdata: 'SIP/105,20' })).toBe('carrierA inbound');
  });

  it('gives the placeholder trunk for layouts without trunk columns', () => {
    expect(resolveTrunk(row({ noTrunkColumns: true }))).toMatchObject({ trunk: '(no trunk column)' });
  });
});

describe('ChannelTrunks', () => {
  it('names the peer before the unique suffix, and nothing for a phone, a Local leg or another technology', () => {
    const channels = new ChannelTrunks();
    // chan_pjsip names a channel <endpoint>-%08x, chan_sip <peer>-%08x; `;2` is a Local half.
    expect(channels.trunkOf('PJSIP/carrier-east-0000000a')).toBe('carrier-east');
    expect(channels.trunkOf('PJSIP/carrier-east-0000beef')).toBe('carrier-east');
    expect(channels.trunkOf('SIP/sipus1-000001f4')).toBe('sipus1');
    expect(channels.trunkOf('SIP/172.19.45.122:5020-0000000b')).toBe('172.19.45.122:5020');
    expect(channels.trunkOf('PJSIP/1001-00000001')).toBeNull(); // an extension
    expect(channels.trunkOf('Local/12066645368@from-dialer-0000000a;2')).toBeNull();
    expect(channels.trunkOf('IAX2/216.207.245.8:4569-2739')).toBe('216.207.245.8:4569');
    expect(channels.trunkOf('DAHDI/3-1')).toBeNull();
    expect(channels.trunkOf('')).toBeNull();
  });

  it('answers past its capacity as below it: peers beyond it are parsed, not remembered', () => {
    const small = new ChannelTrunks(2);
    const names = ['PJSIP/carrier-a-00000001', 'PJSIP/carrier-b-00000002', 'PJSIP/carrier-c-00000003', 'SIP/1001-00000004', 'PJSIP/carrier-a-00000005', 'PJSIP/carrier-c-0000000f;1'];
    expect(names.map((n) => small.trunkOf(n))).toEqual(['carrier-a', 'carrier-b', 'carrier-c', null, 'carrier-a', 'carrier-c']);
  });

  it('parses a peer name longer than 256 characters every time instead of remembering it', () => {
    const channels = new ChannelTrunks();
    const long = 'x'.repeat(300);
    expect(channels.trunkOf(`SIP/${long}-00000001`)).toBe(long);
    expect(channels.trunkOf(`SIP/${long}-00000002`)).toBe(long);
    expect(channels.remembered).toBe(0);
    expect(channels.trunkOf('SIP/sipus1-000001f4')).toBe('sipus1');
    expect(channels.remembered).toBe(1);
  });

  it('answers peers built to share one hash (same length, same characters where it looks) as any other', () => {
    const peers = Array.from({ length: 20 }, (_, i) => `a${String.fromCharCode(65 + i)}b${String(i).padStart(4, '0')}cd`);
    const channels = new ChannelTrunks();
    for (let round = 0; round < 2; round++) expect(peers.map((p, i) => channels.trunkOf(`SIP/${p}-${(i + round * 20).toString(16).padStart(8, '0')}`))).toEqual(peers);
  });
});

describe('resolveDestination', () => {
  it('keeps dst unless it is an extension or a label and Dial() sent a number', () => {
    expect(resolveDestination(row({ dst: '2485261900' }), '12485261900')).toBe('2485261900');
    expect(resolveDestination(row({ dst: 'ch2' }), '154')).toBe('154');
    expect(resolveDestination(row({ dst: '9' }), '18005551212')).toBe('18005551212');
    expect(resolveDestination(row({ dst: 's' }), null)).toBe('s');
  });
});
