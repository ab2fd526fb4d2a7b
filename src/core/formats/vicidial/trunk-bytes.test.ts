/**
 * dialledFromBytes (a carrier-log row's CHANNEL read from its bytes) by hand, then against
 * dialledCall on the field's text as the oracle: wherever the byte reader answers, it answers what
 * the text gives; the usual channel VICIdial writes is always answered from the bytes.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { DelimitedTokenizer } from '../../read/delimited-tokenizer';
import type { Row } from '../../read/row';
import { dialledCall, dialledFromBytes, type DialledCall } from './trunk';

/** dialledFromBytes over a one-row CSV whose first field is the channel (written as given: quote it yourself). */
function fromBytes(channelField: string, phone: string, quotedNewlines = false): DialledCall | null | 'no row' {
  let out: DialledCall | null | 'no row' = 'no row';
  const tokenizer = new DelimitedTokenizer({ delimiter: ',', quotedNewlines });
  const sink = (row: Row) => {
    out = dialledFromBytes(row, 0, phone);
  };
  tokenizer.push(new TextEncoder().encode(`${channelField},x\n`), sink);
  tokenizer.end(sink);
  return out;
}

describe('dialledFromBytes by hand', () => {
  it('reads the Local channel AST_VDauto_dial.pl originates: prefix + phone code before the number', () => {
    expect(fromBytes('"Local/913125551212@default-0000abcd;2"', '3125551212')).toEqual({ trunk: 'prefix 91', destination: '13125551212' });
    expect(fromBytes('Local/9442079460018@default-0000abcd;2', '2079460018')).toEqual({ trunk: 'prefix 944', destination: '442079460018' });
    expect(fromBytes('" local/77639171234567@vicidial-auto "', '+9171234567')).toEqual({ trunk: 'prefix 7763', destination: '639171234567' });
    // The number twice in the exten (8, 3125551212, 3125551212): the lead ends where its last copy
    // starts, as lastIndexOf finds it; that lead ends in 212 (Morocco), the destination's country code.
    expect(fromBytes('Local/831255512123125551212@ctx', '3125551212')).toEqual({ trunk: 'prefix 83125551212', destination: '2123125551212' });
  });

  it('leaves every other channel to the text: peers, no lead, no number, a masked one, bytes past ASCII, a quote inside', () => {
    for (const [channel, phone] of [
      ['SIP/northtel-0000a41f', '3125551212'],
      ['Local/3125551212@default-0000abcd;2', '3125551212'],
      ['Local/913125551212@default-0000abcd;2', ''],
      ['Local/913125551212@default-0000abcd;2', 'XXXXXX1212'],
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
        expect(bytes).toEqual(dialledCall(text, thePhone.trim()));
      }),
      { numRuns: 3000 },
    );
  });

  it('always answers the channel as VICIdial writes it', () => {
    fc.assert(
      fc.property(fc.constantFrom('9', '91', '944', '7763'), fc.stringMatching(/^[2-9]\d{9}$/), fc.integer({ min: 0, max: 0xffffffff }), (lead, number, id) => {
        const text = `Local/${lead}${number}@default-${id.toString(16).padStart(8, '0')};2`;
        expect(fromBytes(`"${text}"`, number)).toEqual(dialledCall(text, number));
      }),
    );
  });
});
