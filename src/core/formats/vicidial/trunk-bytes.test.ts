/**
 * dialledFromBytes (a carrier-log row's CHANNEL and PHONE NUMBER read from their bytes) by hand,
 * then against dialledCall and isNanpNational on the fields' texts as the oracle: wherever the byte
 * reader answers, it answers what the texts give; the usual channel VICIdial writes is always
 * answered from the bytes.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { DelimitedTokenizer } from '../../read/delimited-tokenizer';
import type { Row } from '../../read/row';
import { isNanpNational } from './prefix-evidence';
import { dialledCall, dialledFromBytes, type BytesDialledCall } from './trunk';

/** dialledFromBytes over a one-row CSV: the channel (written as given: quote it yourself), then the phone (quoted). */
function fromBytes(channelField: string, phone: string, quotedNewlines = false): BytesDialledCall | null | 'no row' {
  let out: BytesDialledCall | null | 'no row' = 'no row';
  const tokenizer = new DelimitedTokenizer({ delimiter: ',', quotedNewlines });
  const sink = (row: Row) => {
    out = dialledFromBytes(row, 0, 1);
  };
  tokenizer.push(new TextEncoder().encode(`${channelField},"${phone}"\n`), sink);
  tokenizer.end(sink);
  return out;
}

describe('dialledFromBytes by hand', () => {
  it('reads the Local channel AST_VDauto_dial.pl originates: prefix + phone code before the number', () => {
    expect(fromBytes('"Local/913125551212@default-0000abcd;2"', '3125551212')).toEqual({ trunk: 'prefix 91', destination: '13125551212', phoneIsNanp: true });
    // 2079460018 (London) has the NANP shape too: NXX NXX XXXX.
    expect(fromBytes('Local/9442079460018@default-0000abcd;2', '2079460018')).toEqual({ trunk: 'prefix 944', destination: '442079460018', phoneIsNanp: true });
    expect(fromBytes('Local/961412345678@default-0000abcd;2', ' 412345678 ')).toEqual({ trunk: 'prefix 961', destination: '61412345678', phoneIsNanp: false });
    // The phone is read as written for the shape (+ and 10 digits: not NANP), without its + for the number.
    expect(fromBytes('" local/77639171234567@vicidial-auto "', '+9171234567')).toEqual({ trunk: 'prefix 7763', destination: '639171234567', phoneIsNanp: false });
    expect(fromBytes('Local/9613125551212@default', '+3125551212')).toEqual({ trunk: 'prefix 961', destination: '13125551212', phoneIsNanp: false });
    // The number twice in the exten (8, 3125551212, 3125551212): the lead ends where its last copy
    // starts, as lastIndexOf finds it; that lead ends in 212 (Morocco), the destination's country code.
    expect(fromBytes('Local/831255512123125551212@ctx', '3125551212')).toEqual({ trunk: 'prefix 83125551212', destination: '2123125551212', phoneIsNanp: true });
    // The number earlier in the exten than its end: the destination is the code and the number, not the digits after it.
    expect(fromBytes('Local/9443125551212777@ctx', '3125551212')).toEqual({ trunk: 'prefix 944', destination: '443125551212', phoneIsNanp: true });
  });

  it('leaves every other channel to the text: peers, no lead, no number, a masked one, bytes past ASCII, a quote inside', () => {
    for (const [channel, phone] of [
      ['SIP/northtel-0000a41f', '3125551212'],
      ['Local/3125551212@default-0000abcd;2', '3125551212'],
      ['Local/913125551212@default-0000abcd;2', ''],
      ['Local/913125551212@default-0000abcd;2', 'XXXXXX1212'],
      ['Local/913125551212@default-0000abcd;2', '+'],
      ['Local/93125551212123456789@default', '3125551212123456789'], // 19 digits: no VICIdial phone
      ['Local/913125551212@default-0000abcd;2', '3125551212\u00a0'],
      ['Local/913125551212@default-0000abcd;2', '312555é212'],
      ['Local/913125551212@default-0000abcd;2', '7735550100'],
      ['Local/913125551212@', '3125551212'],
      ['"Local/913125551212@défaut"', '3125551212'],
      ['"Local/913125551212@ctx ""x"""', '3125551212'],
      ['Locale/913125551212@ctx', '3125551212'],
    ]) {
      expect(fromBytes(channel!, phone!), channel).toBeNull();
    }
    // A line end after the `@` is no Local channel name (LOCAL's `.`); a reader that keeps quoted newlines can hand one over.
    expect(fromBytes('"Local/913125551212@def\nault"', '3125551212', true)).toBeNull();
    expect(fromBytes('"Local/913125551212@def\rault"', '3125551212', true)).toBeNull();
    expect(dialledCall('Local/913125551212@def\nault', '3125551212').trunk).toBe(null);
  });
});

describe('dialledFromBytes against dialledCall', () => {
  const digits = fc.stringMatching(/^\d{1,12}$/);
  const channel = fc.tuple(
    fc.constantFrom('Local/', 'local/', 'LOCAL/', 'Local', 'SIP/', ' Local/', 'Loc@l/'),
    fc.constantFrom('', '9', '91', '944', '7763', '0011'),
    digits,
    fc.constantFrom('@', '', '@@', '@x@'),
    fc.constantFrom('default', 'from-dialer', '', 'd\u2028x', 'é', ' '),
    fc.constantFrom('', '-0000abcd;2', '-0000ABCD;1', ';3', '\t'),
  );
  const phone = fc.oneof(digits, fc.constantFrom('', ' 3125551212 ', '+3125551212', '++3125551212', 'XXXXXX1212', '3125551212'));

  it('answers what the text gives, wherever it answers', () => {
    fc.assert(
      fc.property(channel, phone, fc.boolean(), ([head, lead, number, at, context, tail], phoneText, numberIsPhone) => {
        const text = `${head}${lead}${number}${at}${context}${tail}`;
        const thePhone = numberIsPhone ? number : phoneText;
        const bytes = fromBytes(`"${text}"`, thePhone);
        if (bytes === null) return;
        expect(bytes).toEqual({ ...dialledCall(text, thePhone.trim()), phoneIsNanp: isNanpNational(thePhone.trim()) });
      }),
      { numRuns: 3000 },
    );
  });

  it('always answers the channel as VICIdial writes it', () => {
    fc.assert(
      fc.property(fc.constantFrom('9', '91', '944', '7763'), fc.stringMatching(/^[2-9]\d{9}$/), fc.integer({ min: 0, max: 0xffffffff }), (lead, number, id) => {
        const text = `Local/${lead}${number}@default-${id.toString(16).padStart(8, '0')};2`;
        expect(fromBytes(`"${text}"`, number)).toEqual({ ...dialledCall(text, number), phoneIsNanp: isNanpNational(number) });
      }),
    );
  });
});
