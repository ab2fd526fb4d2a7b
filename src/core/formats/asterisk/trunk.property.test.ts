/**
 * Dial() arguments → targets, and the DAHDI/GSM line names, as properties over arguments built the
 * way dialplans write them: `Dial(tech/username:password@hostname/extension[&tech2/peer2…][,timeout[,flags]])`
 * (Asterisk: The Future of Telephony, Dial()). The expected targets are read off the parts an
 * argument was built from.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { lineTrunkFromChannel, lineTrunkFromDial } from './tdm-gsm-trunk';
import { parseChannel, trunkOfChannel } from '../shared/channel';
import { ChannelTrunks, dialTargetNamed, parseDialTargets } from './trunk';

/** An endpoint or host name: no `,` `&` `/` `@` (they end or split a target), not blank. */
const endpoint = fc.oneof(
  fc.stringMatching(/^[A-Za-z][A-Za-z0-9_.:-]{0,15}$/),
  fc.tuple(fc.ipV4(), fc.constantFrom('', ':5060', ':4569')).map(([ip, port]) => ip + port),
);
/** A dialled number as Dial() passes it: 3 or more digits, maybe a leading `+`. */
const number = fc.tuple(fc.constantFrom('', '+'), fc.stringMatching(/^\d{3,15}$/)).map(([plus, digits]) => plus + digits);
/** What is not a dialled number: an extension letter, too few digits, a name. */
const notNumber = fc.constantFrom('s', '12', '+1', 'h', 'alice', '1x');
/** The technology as typed, in any ASCII case. */
const spelled = (tech: string) => fc.constantFrom(tech, tech.toLowerCase(), tech[0] + tech.slice(1).toLowerCase());
const options = fc.oneof(fc.constant(''), fc.constantFrom(',60', ',60,tT', ',,g', ',30,XL(81520000:60000:15000)b(gosub-predial^s^1)'), fc.string({ maxLength: 12 }).map((s) => `,${s}`));

describe('Dial() targets', () => {
  it('TECH/<number>@<endpoint>: the endpoint is the trunk and the number is what was dialled', () => {
    fc.assert(
      fc.property(fc.constantFrom('SIP', 'PJSIP').chain((tech) => fc.tuple(fc.constant(tech), spelled(tech))), endpoint, number, options, ([tech, typed], peer, dialled, opts) => {
        expect(parseDialTargets(`${typed}/${dialled}@${peer}${opts}`)).toEqual([{ tech, endpoint: peer, number: dialled }]);
      }),
      { numRuns: 1000 },
    );
  });

  it('SIP/<peer>/<number> and PJSIP/<endpoint>/<number> dial the number through the peer; PJSIP/<endpoint>/<uri> only a number that is no extension', () => {
    fc.assert(
      fc.property(endpoint, number, fc.constantFrom('sip', 'SIP', 'sips'), (peer, dialled, scheme) => {
        expect(parseDialTargets(`SIP/${peer}/${dialled}`)).toEqual([{ tech: 'SIP', endpoint: peer, number: dialled }]);
        expect(parseDialTargets(`PJSIP/${peer}/${dialled}`)).toEqual([{ tech: 'PJSIP', endpoint: peer, number: dialled }]);
        // 1–7 digits are a device's contact user (PJSIP_DIAL_CONTACTS), a longer or + number one dialled out.
        const outward = /^\d{1,7}$/.test(dialled) ? null : dialled;
        expect(parseDialTargets(`PJSIP/${peer}/${scheme}:${dialled}@10.0.0.9:5062`)).toEqual([{ tech: 'PJSIP', endpoint: peer, number: outward }]);
      }),
    );
  });

  it('IAX2/[user[:secret]@]<peer>[/<exten>[@<context>]]: the login is no number, the exten is', () => {
    fc.assert(
      fc.property(fc.constantFrom('', 'guest@', 'user:secret@', '18005551212@'), endpoint, fc.oneof(number, notNumber, fc.constant(null)), fc.constantFrom('', '@default', '@from-trunk'), (login, peer, exten, context) => {
        const text = exten === null ? `IAX2/${login}${peer}` : `IAX2/${login}${peer}/${exten}${context}`;
        const dialled = exten !== null && /^\+?\d{3,}$/.test(exten) ? exten : null;
        expect(parseDialTargets(text)).toEqual([{ tech: 'IAX2', endpoint: peer, number: dialled }]);
      }),
    );
  });

  it('TECH/<endpoint> alone, or with something that is not a number before the @, dials no number', () => {
    fc.assert(
      fc.property(fc.constantFrom('SIP', 'PJSIP'), endpoint, fc.oneof(fc.constant(''), notNumber.map((u) => `${u}@`)), (tech, peer, user) => {
        expect(parseDialTargets(`${tech}/${user}${peer}`)).toEqual([{ tech, endpoint: peer, number: null }]);
      }),
    );
  });

  it('targets joined by & are the targets of each; options after the first comma change nothing', () => {
    const target = fc.oneof(
      fc.tuple(fc.constantFrom('SIP', 'PJSIP', 'IAX2'), endpoint, number).map(([t, p, n]) => `${t}/${n}@${p}`),
      fc.tuple(fc.constantFrom('SIP', 'PJSIP'), endpoint).map(([t, p]) => `${t}/${p}`),
      fc.constantFrom('Local/100@default', 'DAHDI/g0/5551234', 'Console/dsp', '106@default', 'PJIP/bob'),
      fc.string({ maxLength: 10 }).map((s) => s.replace(/[,&]/g, '')),
    );
    fc.assert(
      fc.property(fc.array(target, { minLength: 1, maxLength: 4 }), options, (targets, opts) => {
        const one = targets.flatMap((t) => parseDialTargets(t));
        expect(parseDialTargets(targets.join('&'))).toEqual(one);
        expect(parseDialTargets(targets.join('&') + opts)).toEqual(one);
        expect(parseDialTargets(targets.map((t) => ` ${t} `).join('&'))).toEqual(one);
      }),
    );
  });

  it('only SIP, PJSIP, IAX2 and OOH323 are dialled trunks: Local, DAHDI, Console, an exten@context are none', () => {
    fc.assert(
      fc.property(fc.constantFrom('Local', 'DAHDI', 'Zap', 'Console', 'Dongle', 'Motif', 'PJIP', 'SIPS'), fc.string({ maxLength: 16 }), (tech, rest) => {
        expect(parseDialTargets(`${tech}/${rest.replace(/[,&]/g, '')}`)).toEqual([]);
      }),
    );
  });

  it('never throws on any text; every target has a known technology, an endpoint and a number or null', () => {
    const near = fc.tuple(fc.constantFrom('SIP/', 'pjsip/', 'IAX2/', 'PJSIP', 'Iax2/', '&', ','), fc.string({ unit: 'binary', maxLength: 14 }), fc.constantFrom('', '@peer', '/123', '&SIP/x', ',60', '\u2028')).map((p) => p.join(''));
    fc.assert(
      fc.property(fc.oneof(near, fc.string({ unit: 'binary', maxLength: 24 })), (text) => {
        for (const t of parseDialTargets(text)) {
          expect(['SIP', 'PJSIP', 'IAX2', 'OOH323']).toContain(t.tech);
          expect(t.endpoint.trim()).toBe(t.endpoint);
          expect(t.endpoint).not.toBe('');
          expect(text).toContain(t.endpoint);
          if (t.number !== null) expect(t.number).toMatch(/^\+?\d{3,}$/);
        }
      }),
      { numRuns: 5000 },
    );
  });

  it.each([
    // Asterisk CLI: Dial("SIP/test-00000004", "iax2/dynamichost/182927041360") called dynamichost/182927041360.
    ['iax2/dynamichost/182927041360', [{ tech: 'IAX2', endpoint: 'dynamichost', number: '182927041360' }]],
    // A published extensions.conf: Dial(SIP/${ARG1}@link2voip-sw1,120).
    ['SIP/4420795550000@link2voip-sw1,120', [{ tech: 'SIP', endpoint: 'link2voip-sw1', number: '4420795550000' }]],
    // docs.asterisk.org Dial() examples: "Dial(PJSIP/alice,30)" and "Dial(PJSIP/alice&PJIP/bob,45)" (the page's own typo dials no technology).
    ['PJSIP/alice,30', [{ tech: 'PJSIP', endpoint: 'alice', number: null }]],
    ['PJSIP/alice&PJIP/bob,45', [{ tech: 'PJSIP', endpoint: 'alice', number: null }]],
    // The synopsis: tech/username:password@hostname/extension.
    ['IAX2/user:secret@iax.example.net/18005551212', [{ tech: 'IAX2', endpoint: 'iax.example.net', number: '18005551212' }]],
  ])('Dial(%s)', (data, targets) => {
    expect(parseDialTargets(data)).toEqual(targets);
  });
});

describe('channel trunks remembered per peer', () => {
  it('a ChannelTrunks of any capacity answers every channel as parsing it does, in any order, past its capacity too', () => {
    const peer = fc.oneof(fc.constantFrom('carrier-a', 'Carrier-A', 'carrierB', '1001', '12', '172.19.45.122:5020', 'a\nb', 'x-0000000a'), fc.stringMatching(/^[A-Za-z0-9._:-]{1,12}$/));
    const suffix = fc.oneof(
      fc.integer({ min: 0, max: 0xffffffff }).map((n) => `-${n.toString(16).padStart(8, '0')}`),
      fc.constantFrom('-0000000A;1', '-0000000a;2', '-1234567', '-123456789', '-0000000g', '', '-00000001 ', ';1', '-2739'),
    );
    const channel = fc.tuple(fc.constantFrom('SIP/', 'PJSIP/', 'sip/', 'IAX2/', 'Local/', 'DAHDI/', 'Motif/', ' SIP/', 'PJSIP'), peer, suffix).map((p) => p.join(''));
    // What resolveTrunk took from a dstchannel before the memo: a SIP, PJSIP, IAX2 … channel's trunk.
    const parsed = (c: string) => {
      const info = parseChannel(c);
      return info && ['SIP', 'PJSIP', 'IAX2', 'MOTIF', 'OOH323', 'H323'].includes(info.tech) ? trunkOfChannel(info) : null;
    };
    fc.assert(
      fc.property(fc.array(channel, { maxLength: 40 }), fc.integer({ min: 0, max: 6 }), (channels, capacity) => {
        const memo = new ChannelTrunks(capacity);
        for (const c of [...channels, ...channels]) expect(memo.trunkOf(c)).toBe(parsed(c));
      }),
      { numRuns: 500 },
    );
  });
});

describe('DAHDI and GSM lines', () => {
  it('Dial(DAHDI/<g|r|i|n>N/<number>) names the group, span or channel; the number is the one dialled', () => {
    fc.assert(
      fc.property(fc.constantFrom('DAHDI', 'dahdi', 'Zap'), fc.constantFrom(['g', 'DAHDI g'], ['G', 'DAHDI g'], ['r', 'DAHDI g'], ['R', 'DAHDI g'], ['i', 'DAHDI span '], ['', 'DAHDI channel ']), fc.integer({ min: 0, max: 99 }), number, options, (tech, [kind, name], n, dialled, opts) => {
        expect(lineTrunkFromDial(`${tech}/${kind}${n}/${dialled}${opts}`)).toEqual({ tech: 'DAHDI', trunk: `${name}${n}`, number: dialled });
      }),
    );
  });

  it('DAHDI/N alone reaches a phone port (no number sent): no line trunk', () => {
    fc.assert(fc.property(fc.integer({ min: 1, max: 99 }), options, (n, opts) => {
          expect(lineTrunkFromDial(`DAHDI/${n}${opts}`)).toBeNull();
        }));
  });

  it('chan_dongle and chan_mobile channels name their device', () => {
    fc.assert(
      fc.property(fc.constantFrom(['Dongle', 'dongle'], ['Mobile', 'mobile']), fc.stringMatching(/^[a-z][a-z0-9]{0,9}$/), fc.integer({ min: 1, max: 0xffffff }), ([tech, typed], device, id) => {
        expect(lineTrunkFromChannel(`${typed}/${device}-${id.toString(16).padStart(4, '0')}`)).toEqual({ tech, trunk: `${tech} ${device}` });
      }),
    );
  });

  it('dialTargetNamed(text, name) is the first of parseDialTargets(text) whose endpoint is name, as sameName compares (case folded, non-ASCII too)', () => {
    // Letters whose lower case is ASCII (the Kelvin sign), longer (İ) or depends on its place (Σ).
    const names = ['carrierA', 'CARRIERA', 'carriera', 'K9', '\u212a9', 'k9', 'İx', 'i̇x', 'ΑΣ', 'ασ', 'ας', '@', '`', '[a]', '{A}'];
    const junk = fc.constantFrom(...names, 'SIP/', 'PJSIP/', 'iax2/', '/', '@', '&', ',', ' ', '12345', '+1555', 'x');
    const target = fc
      .tuple(fc.constantFrom('SIP/', 'pjsip/', 'IAX2/', 'Local/'), fc.constantFrom('', '18005551212@', 'user@', ' '), fc.constantFrom(...names), fc.constantFrom('', '/12345', '/sip:1@h', ' '))
      .map((parts) => parts.join(''));
    const text = fc.oneof(
      fc.array(junk, { maxLength: 10 }).map((ps) => ps.join('')),
      fc.tuple(fc.array(target, { minLength: 1, maxLength: 3 }), fc.constantFrom('', ',60,tT', '&', ',,')).map(([ts, rest]) => ts.join('&') + rest),
    );
    const sameName = (a: string, b: string) => a === b || a.toLowerCase() === b.toLowerCase();
    let named = 0;
    fc.assert(
      fc.property(text, fc.constantFrom(...names), (lastdata, name) => {
        const expected = parseDialTargets(lastdata).find((t) => sameName(t.endpoint, name)) ?? null;
        if (expected !== null) named++;
        expect(dialTargetNamed(lastdata, name)).toEqual(expected);
      }),
      { numRuns: 5000 },
    );
    expect(named).toBeGreaterThan(100); // the texts do name their targets, often enough to test
  });
});
