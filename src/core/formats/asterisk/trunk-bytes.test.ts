/**
 * The byte readers of trunk-bytes.ts (dstchannel's peer, the Dial() target named by it) by hand,
 * then against their string twins in trunk.ts as the oracle: the same answer wherever they read,
 * "not read" only where the bytes are not ASCII (or hold a line end).
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { DelimitedTokenizer } from '../../read/delimited-tokenizer';
import type { Row } from '../../read/row';
import { ChannelTrunks, dialTargetNamed } from './trunk';
import { dialNameWords, dialNumber, dialTargetInBytes, NO_TARGET, NOT_READ, sipPeerEndInBytes } from './trunk-bytes';

const bytesOf = (text: string) => new TextEncoder().encode(text);

/**
 * The Dial() target named `name` read from the bytes of `data`: what dialTargetNamed gives, or 'not
 * read'. Read twice, the name compared character by character and by its words (dialNameWords, as
 * the channel memo gives them): both must answer alike.
 */
function targetFromBytes(data: string, name: string): { number: string | null } | null | 'not read' {
  const bytes = bytesOf(data);
  const read = (found: number) => (found === NOT_READ ? 'not read' : found === NO_TARGET ? null : { number: dialNumber.start < 0 ? null : new TextDecoder().decode(bytes.subarray(dialNumber.start, dialNumber.end)) });
  const byWords = read(dialTargetInBytes(bytes, 0, bytes.length, name, dialNameWords(name)));
  const byCharacters = read(dialTargetInBytes(bytes, 0, bytes.length, name));
  expect(byWords).toEqual(byCharacters);
  return byCharacters;
}

/** `fn` with the tokenizer's row of one CSV line (valid only inside). */
function withRow(line: string, fn: (row: Row) => void): void {
  const tokenizer = new DelimitedTokenizer({ delimiter: ',' });
  let seen = 0;
  const sink = (row: Row) => {
    seen++;
    fn(row);
  };
  tokenizer.push(bytesOf(`${line}\n`), sink);
  tokenizer.end(sink);
  expect(seen).toBe(1);
}

describe('dstchannel peer from bytes', () => {
  it('finds where the -<8 hex>[;n] suffix of a SIP or PJSIP channel starts', () => {
    const end = (text: string) => sipPeerEndInBytes(bytesOf(text), 0, bytesOf(text).length);
    expect(end('PJSIP/carrier-b-0000a1f3')).toBe(15); // 'PJSIP/carrier-b' is 15 bytes
    expect(end('SIP/sipus1-00000004;2')).toBe(10);
    expect(end('SIP/-abcdef12')).toBe(-1); // no peer
    expect(end('PJSIP/carrier-b-0000a1g3')).toBe(-1); // g is not hex
    expect(end('IAX2/peer-2739')).toBe(-1);
    expect(end('PJSIP/Carrier-Ü-0000000a')).toBe(-1); // not ASCII: the text is read
  });

  it('a remembered peer gives the same string as its text; a new one is parsed once and remembered', () => {
    const channels = new ChannelTrunks();
    withRow('"PJSIP/carrier-b-0000a1f3","PJSIP/1001-00000001","Local/5@x-00000001;2"', (row) => {
      const first = channels.trunkOfBytes(row, row.byteStart(0), row.byteEnd(0));
      expect(first).toBe('carrier-b');
      expect(channels.remembered).toBe(1);
      expect(channels.trunkOf('PJSIP/carrier-b-0000ffff')).toBe(first);
      expect(channels.trunkOfBytes(row, row.byteStart(1), row.byteEnd(1))).toBeNull(); // a phone (digits only)
      expect(channels.trunkOfBytes(row, row.byteStart(2), row.byteEnd(2))).toBeUndefined(); // not SIP-like: read the text
      expect(channels.remembered).toBe(2);
    });
  });

  it('finds a remembered peer by its bytes past a peer that is not ASCII in the same chain (no string made for its rows)', () => {
    // The table's hash reads a key's length and its characters at 4, at the middle (6) and the last
    // two: these keys differ only at 5, so they share a home slot, and the ASCII one is placed after.
    const channels = new ChannelTrunks();
    expect(channels.trunkOf('SIP/a\u00e9cdefgh-0000a1f3')).toBe('a\u00e9cdefgh');
    expect(channels.trunkOf('SIP/axcdefgh-0000a1f3')).toBe('axcdefgh');
    withRow('SIP/axcdefgh-0000b2c4', (row) => {
      let strings = 0;
      const counted: Row = Object.assign(Object.create(row) as Row, { bytesText: (s: number, e: number) => (strings++, row.bytesText(s, e)) });
      expect(channels.trunkOfBytes(counted, row.byteStart(0), row.byteEnd(0))).toBe('axcdefgh');
      expect(strings).toBe(0);
      expect(channels.remembered).toBe(2);
    });
  });

  it('a table full of peers still answers, parsing the new ones every time', () => {
    const channels = new ChannelTrunks(2);
    withRow('SIP/a1-00000001,SIP/b2-00000001,SIP/c3-00000001', (row) => {
      for (let i = 0; i < 3; i++) expect(channels.trunkOfBytes(row, row.byteStart(i), row.byteEnd(i))).toBe(['a1', 'b2', 'c3'][i]);
      expect(channels.remembered).toBe(2);
    });
  });

  it('answers from the bytes of a channel what trunkOf answers for its text, in any order, past its capacity too', () => {
    // Peers of one length that differ in a byte or two share table slots: a look-up must tell them apart.
    const samePeers = fc.stringMatching(/^[ab]{1,4}$/);
    const otherPeers = fc.oneof(fc.constantFrom('carrier-a', 'carrier-b', 'Carrier-A', 'carrierB', '1001', '172.19.45.122:5020', 'x-0000000a', 'carri\u00e9r'), fc.stringMatching(/^[A-Za-z0-9._:-]{1,12}$/));
    const peer = fc.oneof({ arbitrary: samePeers, weight: 2 }, { arbitrary: otherPeers, weight: 1 });
    const suffix = fc.oneof(
      fc.integer({ min: 0, max: 0xffffffff }).map((n) => `-${n.toString(16).padStart(8, '0')}`),
      fc.constantFrom('-0000000A;1', '-0000000a;2', '-1234567', '-123456789', '-0000000g', '', ';1', '-2739'),
    );
    const channel = fc.tuple(fc.constantFrom('SIP/', 'SIP/', 'PJSIP/', 'PJSIP/', 'sip/', 'IAX2/', 'Local/', 'SIPX/', 'PJSIPP/', ''), peer, suffix).map((p) => p.join(''));
    fc.assert(
      fc.property(fc.array(fc.tuple(channel, fc.boolean()), { minLength: 20, maxLength: 40 }), fc.integer({ min: 0, max: 6 }), (channels, capacity) => {
        const memo = new ChannelTrunks(capacity);
        const oracle = new ChannelTrunks(0);
        for (const [c, asText] of [...channels, ...channels]) {
          if (asText) expect(memo.trunkOf(c)).toBe(oracle.trunkOf(c));
          else withRow(`"${c}"`, (row) => {
            const fromBytes = memo.trunkOfBytes(row, row.byteStart(0), row.byteEnd(0));
            if (fromBytes === undefined) expect(/^(PJ)?SIP\/[ -~]+-[0-9a-fA-F]{8}(;\d)?$/.test(c)).toBe(false);
            else expect(fromBytes).toBe(oracle.trunkOf(c));
          });
        }
      }),
      { numRuns: 500 },
    );
  });
});

describe('Dial() target from bytes, by hand', () => {
  it('reads the endpoint and number as dialTargetNamed does', () => {
    expect(targetFromBytes('PJSIP/12066645368@carrier-g,60,tT', 'carrier-g')).toEqual({ number: '12066645368' });
    expect(targetFromBytes('SIP/sipus1/12489398620,30', 'SIPUS1')).toEqual({ number: '12489398620' }); // ASCII case does not matter
    expect(targetFromBytes('SIP/301&SIP/200@stadionpbx,60,t', 'stadionpbx')).toEqual({ number: '200' });
    expect(targetFromBytes(' SIP/301 & PJSIP/+4420795550000@ carrierB ,60', 'carrierB')).toEqual({ number: '+4420795550000' });
    expect(targetFromBytes('IAX2/guest@misery.digium.com/s@default', 'misery.digium.com')).toEqual({ number: null }); // s is no number
    expect(targetFromBytes('PJSIP/client2', 'client2')).toEqual({ number: null }); // a device, no number
    expect(targetFromBytes('PJSIP/12@carrier', 'carrier')).toEqual({ number: null }); // 2 digits are no number
    expect(targetFromBytes('PJSIP/trunk_1/14155551000,60', 'trunk_1')).toEqual({ number: '14155551000' }); // Grandstream UCM
    expect(targetFromBytes('PJSIP/mytrunk/sip:+14155551000@sip.example.com,30', 'mytrunk')).toEqual({ number: '+14155551000' });
    expect(targetFromBytes('PJSIP/alice/sip:2001@10.0.0.5:5062', 'alice')).toEqual({ number: null }); // a device's contact
    expect(targetFromBytes('PJSIP/14155550100/sip:14155550100@10.0.0.5', '14155550100')).toEqual({ number: null }); // its own name
    expect(targetFromBytes('SIP/a,SIP/5551234@carrier', 'carrier')).toBeNull(); // after the first comma: options
    expect(targetFromBytes('Local/100@default', 'default')).toBeNull();
    expect(targetFromBytes('PJSIP/5551234@carrier-é', 'carrier-é')).toBe('not read');
    expect(targetFromBytes('SIP/x@a&SIP/5551234@carrier\u00a0', 'carrier')).toBe('not read');
  });
});

describe('Dial() target from bytes: a dialer row\'s TECH/<number>@<name>, by hand', () => {
  it('compares a plain name of 4 or more bytes by its words; any other name by its characters', () => {
    expect(dialNameWords('carrier-g')).toHaveLength(3); // 9 bytes: words at 0, 4 and 5
    expect(dialNameWords('abcd')).toHaveLength(1);
    for (const name of ['abc', 'a b', 'a&b,', 'carrier-\u00e9', 'carrier/x', 'c@rrier']) expect(dialNameWords(name)).toHaveLength(0);
    expect(targetFromBytes('PJSIP/12066645368@carrier-h,60', 'carrier-g')).toBeNull(); // its last byte differs
    expect(targetFromBytes('PJSIP/12066645368@darrier-g,60', 'carrier-g')).toBeNull(); // its first
  });

  it('reads the number up to the @ when the name follows whole, then a comma, an & or the end', () => {
    expect(targetFromBytes('PJSIP/12066645368@carrier-g', 'carrier-g')).toEqual({ number: '12066645368' });
    expect(targetFromBytes('SIP/+447700055296@sipus1&SIP/1@x', 'sipus1')).toEqual({ number: '+447700055296' });
    expect(targetFromBytes('PJSIP/555@carrier-g,60,tT', 'carrier-g')).toEqual({ number: '555' }); // 3 digits: a number
  });

  it('leaves every other shape to the general reading, with its answers', () => {
    expect(targetFromBytes('PJSIP/12066645368@carrier-gx,60', 'carrier-g')).toBeNull(); // another name that starts alike
    expect(targetFromBytes('PJSIP/12066645368@carrier-g ,60', 'carrier-g')).toEqual({ number: '12066645368' }); // trimmed
    expect(targetFromBytes('pjsip/12066645368@Carrier-G,60', 'carrier-g')).toEqual({ number: '12066645368' }); // case
    expect(targetFromBytes('PJSIP/12066645368@carrier-g/x,60', 'carrier-g')).toEqual({ number: '12066645368' }); // a tail after /
    expect(targetFromBytes('PJSIP/1-206@carrier-g', 'carrier-g')).toEqual({ number: null }); // not only digits
    expect(targetFromBytes('PJSIP/+@carrier-g', 'carrier-g')).toEqual({ number: null });
    expect(targetFromBytes('PJSIP/5551234@a b', 'a b')).toEqual({ number: '5551234' }); // a space in the name
    expect(targetFromBytes('PJSIP/5551234@a&b', 'a&b')).toBeNull(); // an & ends the target: its endpoint is "a"
    expect(targetFromBytes('PJSIP/5551234@', '')).toBeNull();
  });
});

describe('Dial() target from bytes: the string reader is the oracle', () => {
  it('on dialer-like targets (numbers of any length, names with bytes that end a target or need a trim)', () => {
    const dialerName = fc.constantFrom('carrier-g', 'c', 'a b', 'a&b', 'a,b', 'a/b', 'a@b', 'x\u00e9', 'x\u00e8', 'x\u8800', 'tab\t', '');
    const dialerData = fc
      .tuple(fc.constantFrom('PJSIP/', 'PJSIP/', 'SIP/', 'SIP/', 'pjsip/', 'PJSI/', 'IAX2/', 'PJ', ''), fc.stringMatching(/^\+?[0-9]{0,8}$/), fc.constantFrom('@', '@', '@', '', '@@'), dialerName, fc.constantFrom('', ',60,tT', '&SIP/5551234@c', ' ', 'x', '/5551234', '\n'))
      .map(([tech, number, at, endpoint, tail]) => `${tech}${number}${at}${endpoint}${tail}`);
    let found = 0;
    fc.assert(
      fc.property(dialerData, dialerName, fc.boolean(), fc.boolean(), (text, other, sameName, alsoSame) => {
        const wanted = sameName || alsoSame ? (/@(.*?)(?:[,&/ \n]|x|$)/.exec(text)?.[1] ?? other) : other;
        const fromBytes = targetFromBytes(text, wanted);
        if (fromBytes === 'not read') {
          expect(/[^ -~\t]/.test(text + wanted)).toBe(true);
          return;
        }
        const oracle = dialTargetNamed(text, wanted);
        if (oracle?.number) found++;
        expect(fromBytes).toEqual(oracle === null ? null : { number: oracle.number });
      }),
      { numRuns: 3000 },
    );
    expect(found).toBeGreaterThan(120); // not vacuous: about 250 in 3,000 name the target with a number
  });


  const name = fc.constantFrom('carrier', 'Carrier', 'CARRIER', 'carrier-b', 'sipus1', '10.0.0.5:5060', 'carrierè', 'x');
  const part = fc.oneof(
    fc.tuple(fc.constantFrom('SIP', 'PJSIP', 'IAX2', 'OOH323', 'sip', 'Pjsip', 'DAHDI', 'Local'), fc.constantFrom('', '5551234', '+4420795550000', '12', 's', 'guest:pw'), name, fc.constantFrom('', '/5551234', '/s@default', '/sip:1@10.0.0.9', '/sip:14155551000@h', '/SIPS:+14155551000@h:5061', '/sip:carrier@h', '/sips:', '/si', '/sip:14155551000')).map(
      ([tech, user, endpoint, tail]) => `${tech}/${user === '' ? '' : `${user}@`}${endpoint}${tail}`,
    ),
    fc.constantFrom('', ' ', '\t', '\u00a0', 'é', '@', '/', 'SIP/', 'SIP/@', 'PJSIP/ /5551234'),
  );
  const spaced = fc.tuple(fc.constantFrom('', ' ', '  ', '\t'), part, fc.constantFrom('', '', '', ' ', '\u3000')).map(([a, p, b]) => a + p + b);
  const data = fc.tuple(fc.array(spaced, { minLength: 1, maxLength: 4 }), fc.constantFrom('', ',60,tT', ',', ',SIP/5551234@carrier')).map(([parts, options]) => parts.join('&') + options);

  it('gives what dialTargetNamed gives, or leaves a text that is not all ASCII to it', () => {
    let read = 0;
    let found = 0;
    fc.assert(
      fc.property(data, name, (text, wanted) => {
        const oracle = dialTargetNamed(text, wanted);
        const fromBytes = targetFromBytes(text, wanted);
        if (fromBytes === 'not read') {
          expect(/[^ -~\t]/.test(text + wanted)).toBe(true); // a character past ASCII (or a line end)
          return;
        }
        read++;
        if (oracle !== null) found++;
        expect(fromBytes).toEqual(oracle === null ? null : { number: oracle.number });
      }),
      { numRuns: 3000 },
    );
    // Not vacuous: a third of the texts (about 1,100 of 3,000) are read from their bytes, and hundreds of them name the target.
    expect(read).toBeGreaterThan(800);
    expect(found).toBeGreaterThan(200);
  });
});
