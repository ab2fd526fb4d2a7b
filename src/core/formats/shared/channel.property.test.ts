/**
 * Channel names → trunk, as properties over generated names built the way Asterisk builds them
 * (formats.md §1.5): chan_sip `SIP/<peer>-%08x`, chan_pjsip `PJSIP/<endpoint>-%08x` (the endpoint
 * may hold `-`), a `;1`/`;2` half, IAX2 `IAX2/[user[:secret]@]<peer>-<callno>`, Local
 * `Local/<exten>@<context>-%08x;1|2`, DAHDI lines, Motif `Motif/<user>@<host>-<hex>`. The expected
 * answer is read off the parts a name was built from, never from the code under test.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseChannel, trunkFromChannel } from './channel';

/** A phone extension (1–7 ASCII digits) is a device, not a trunk. */
const isExtension = (peer: string) => /^\d{1,7}$/.test(peer);

const hex8 = fc.integer({ min: 0, max: 0xffffffff }).map((n) => n.toString(16).padStart(8, '0'));
const hexCase = fc.constantFrom((s: string) => s, (s: string) => s.toUpperCase());
const half = fc.constantFrom('', ';1', ';2');
const pad = fc.constantFrom('', ' ', '  ', '\t');
/** Names operators give peers and endpoints: letters, digits, dots, dashes, host:port. */
const namedPeer = fc.oneof(
  fc.stringMatching(/^[A-Za-z][A-Za-z0-9_.-]{0,15}$/),
  fc.tuple(fc.ipV4(), fc.constantFrom('', ':5060', ':5080')).map(([ip, port]) => ip + port),
  fc.constantFrom('carrier-east', 'VIOrig', 'sipus1', 'Eutelia-07211835565', 'trunk-a-0000000b'),
);
/** Any printable peer (a peer name may hold `/`, `;`, `@`, spaces): no line end, at least one character. */
const anyPeer = fc.string({ minLength: 1, maxLength: 20 });
const extension = fc.integer({ min: 0, max: 9_999_999 }).map(String);

describe('chan_sip / chan_pjsip names: the peer is everything between TECH/ and the last -%08x', () => {
  it('for any peer, either hex case, either Local half, with blanks around', () => {
    fc.assert(
      fc.property(fc.constantFrom('SIP', 'PJSIP'), fc.oneof(namedPeer, anyPeer, extension), hex8, hexCase, half, pad, (tech, peer, id, casing, suffix, blank) => {
        const channel = `${blank}${tech}/${peer}-${casing(id)}${suffix}${blank}`;
        expect(parseChannel(channel)).toEqual({ tech, peer });
        expect(trunkFromChannel(channel)).toBe(isExtension(peer) ? null : peer);
      }),
      { numRuns: 3000 },
    );
  });

  it('renaming the peer renames the trunk and nothing else decides it', () => {
    fc.assert(
      fc.property(namedPeer, namedPeer, hex8, (a, b, id) => {
        fc.pre(!isExtension(a) && !isExtension(b));
        expect(trunkFromChannel(`PJSIP/${a}-${id}`)).toBe(a);
        expect(trunkFromChannel(`PJSIP/${b}-${id}`)).toBe(b);
      }),
    );
  });
});

describe('other technologies', () => {
  it('IAX2/[user[:secret]@]<peer>-<callno>: the peer, without the login', () => {
    fc.assert(
      fc.property(fc.constantFrom('', 'guest@', 'user:secret@', 'a@'), namedPeer, fc.integer({ min: 1, max: 32767 }), (login, peer, callno) => {
        const channel = `IAX2/${login}${peer}-${callno}`;
        expect(parseChannel(channel)).toEqual({ tech: 'IAX2', peer });
        expect(trunkFromChannel(channel)).toBe(peer);
      }),
    );
  });

  it('Local/<exten>@<context>-%08x;1|2 is a dialplan hop, never a trunk', () => {
    fc.assert(
      fc.property(fc.constantFrom('Local', 'local', 'LOCAL'), fc.oneof(extension, fc.constantFrom('913125551212', 's', 'ch2')), fc.constantFrom('default', 'from-internal', 'TimeDelay'), hex8, fc.constantFrom(';1', ';2'), (tech, exten, context, id, suffix) => {
        const channel = `${tech}/${exten}@${context}-${id}${suffix}`;
        expect(parseChannel(channel)?.tech).toBe('LOCAL');
        expect(trunkFromChannel(channel)).toBeNull();
      }),
    );
  });

  it('DAHDI lines are not SIP peers: no trunk from the shared channel reader', () => {
    fc.assert(
      fc.property(fc.constantFrom('i1', 'g0', '1', '24'), fc.oneof(extension, fc.constant('')), fc.integer({ min: 1, max: 99 }), (span, number, n) => {
        const channel = number === '' ? `DAHDI/${span}-${n}` : `DAHDI/${span}/${number}-${n}`;
        expect(parseChannel(channel)?.tech).toBe('DAHDI');
        expect(trunkFromChannel(channel)).toBeNull();
      }),
    );
  });

  it('Motif/<user>@<host>-<hex>: the Google Voice host is the trunk', () => {
    fc.assert(
      fc.property(extension, fc.constantFrom('voice.google.com', 'talk.example.org'), fc.integer({ min: 0x1000, max: 0xffff }), (user, host, id) => {
        expect(trunkFromChannel(`Motif/${user}@${host}-${id.toString(16)}`)).toBe(`Motif/${host}`);
      }),
    );
  });

  it('an unknown technology, an empty cell, NULL or an IAX2 login without a peer names nothing', () => {
    fc.assert(
      fc.property(fc.constantFrom('Console', 'Skinny', 'UNISTIM', 'MGCP', 'AudioSocket', 'WebSocket'), anyPeer, (tech, rest) => {
        expect(parseChannel(`${tech}/${rest}`)).toBeNull();
        expect(trunkFromChannel(`${tech}/${rest}`)).toBeNull();
      }),
    );
    for (const empty of ['', '   ', 'NULL', 'IAX2/user@', 'IAX2/guest@-1234']) expect(parseChannel(empty)).toBeNull();
  });
});

describe('any text', () => {
  it('never throws; what it names is a known technology and a part of the text', () => {
    const near = fc.tuple(fc.constantFrom('SIP/', 'PJSIP/', 'sip/', 'IAX2/', 'Local/', 'DAHDI/', 'Motif/', ' SIP/'), fc.string({ unit: 'binary', maxLength: 14 }), fc.constantFrom('', '-0000abcd', '-0000ABCD;2', '-1234', ';x', '\n-00000001')).map((p) => p.join(''));
    fc.assert(
      fc.property(fc.oneof(near, fc.string({ unit: 'binary', maxLength: 24 })), (text) => {
        const info = parseChannel(text);
        const trunk = trunkFromChannel(text);
        if (info === null) {
          expect(trunk).toBeNull();
          return;
        }
        expect(['SIP', 'PJSIP', 'IAX2', 'OOH323', 'LOCAL', 'DAHDI', 'MOTIF']).toContain(info.tech);
        expect(text).toContain(info.peer);
        if (trunk !== null) expect(text).toContain(trunk.replace(/^Motif\//, ''));
      }),
      { numRuns: 5000 },
    );
  });
});

describe('names from vendor documentation and real systems', () => {
  it.each([
    // docs.asterisk.org, "Using the CONTEXT, EXTEN, PRIORITY, UNIQUEID and CHANNEL variables": a SIP channel name.
    ['SIP/george-0000003b', 'george'],
    // Asterisk CLI after Dial("SIP/test-00000004", "iax2/dynamichost/182927041360"): "Hungup 'IAX2/dynamichost-1430'".
    ['IAX2/dynamichost-1430', 'dynamichost'],
    ['SIP/test-00000004', 'test'],
    // A NethServer proxy's own comment: "SIP/614-00000070" is an extension, "SIP/Eutelia-07211835565-00000045" a trunk.
    ['SIP/614-00000070', null],
    ['SIP/Eutelia-07211835565-00000045', 'Eutelia-07211835565'],
    // The ARI introduction names Alice's PJSIP channel PJSIP/Alice-<8 hex>.
    ['PJSIP/Alice-00000001', 'Alice'],
  ])('%s → %s', (channel, trunk) => {
    expect(trunkFromChannel(channel)).toBe(trunk);
  });
});
