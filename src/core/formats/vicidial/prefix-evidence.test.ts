import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { isCountryCode, isNanpNational, PrefixEvidence } from './prefix-evidence';

const aliases = (entries: Array<[string, number, string?]>) => {
  const e = new PrefixEvidence();
  for (const [lead, n, code] of entries) for (let i = 0; i < n; i++) e.add(`prefix ${lead}`, code);
  return Object.fromEntries(e.aliases());
};

describe('PrefixEvidence', () => {
  it('knows country codes as a prefix-free set', () => {
    expect(['1', '7', '44', '91', '353', '880'].every(isCountryCode)).toBe(true);
    expect(['4', '9', '21', '441', '999x'].some(isCountryCode)).toBe(false);
  });

  it('splits prefix from country code with the readings that explain most calls', () => {
    expect(aliases([['91', 8], ['81', 5], ['944', 2]])).toEqual({ 'prefix 91': 'prefix 9', 'prefix 81': 'prefix 8', 'prefix 944': 'prefix 9' });
    expect(aliases([['91', 1]])).toEqual({ 'prefix 91': 'prefix 9' });
  });

  it('prefers the common country code over the bigger carrier: 661 is 66 + NANP, not 6 + Australia', () => {
    // Carrier 6 has 6 000 NANP calls (61) and 40 UK calls (644); carrier 66 has 900 NANP calls (661)
    // and 20 UK calls (6644). 661 could be 6 + 61 (Australia), but Australia is otherwise rare here.
    const result = aliases([['61', 6000], ['644', 40], ['661', 900], ['6644', 20], ['961', 10], ['91', 5000]]);
    expect(result['prefix 661']).toBe('prefix 66');
    expect(result['prefix 6644']).toBe('prefix 66');
    expect(result['prefix 61']).toBe('prefix 6');
    expect(result['prefix 644']).toBe('prefix 6');
    expect(result['prefix 961']).toBe('prefix 9'); // 9 + Australia, not an unseen carrier 96
  });

  it('does not read a lead as "<prefix> + 1" when its numbers are not NANP-shaped (9 + Australia 61)', () => {
    const e = new PrefixEvidence();
    for (let i = 0; i < 500; i++) e.add('prefix 91', undefined, '3125551212');
    // 9 + 61 + a 9-digit Australian mobile: the lead 961 could read as prefix 96 + NANP 1.
    for (let i = 0; i < 4; i++) e.add('prefix 961', undefined, '426702473');
    expect(Object.fromEntries(e.aliases())).toEqual({ 'prefix 91': 'prefix 9', 'prefix 961': 'prefix 9' });
  });

  it('leaves names it cannot split: no digit before the code, or not digits', () => {
    expect(aliases([['1', 3], ['X', 1]])).toEqual({});
  });

  it('a stated phone code decides exactly, including campaigns that omit it', () => {
    expect(aliases([['91', 2, '1'], ['944', 1, '44']])).toEqual({ 'prefix 91': 'prefix 9', 'prefix 944': 'prefix 9' });
    // omit_phone_code: 9 + 3125551212 with phone_code 1 → the lead "9" is the prefix itself.
    expect(aliases([['9', 2, '1'], ['7', 1, '1']])).toEqual({});
    // A dial prefix that itself ends in a country-code-like digit: 81 + 1 with phone_code 1 → 81.
    expect(aliases([['811', 3, '1']])).toEqual({ 'prefix 811': 'prefix 81' });
  });
});

describe('isNanpNational', () => {
  it('is NXX NXX XXXX: ten digits, the first and fourth 2–9', () => {
    expect(['3125551212', '2079460018', '9999999999'].every(isNanpNational)).toBe(true);
    expect(['1125551212', '3121551212', '3120551212', '312555121', '31255512120', '+312555121', '312555121x', ''].some(isNanpNational)).toBe(false);
  });

  it('agrees with the pattern it replaced (ten digits, the first and fourth 2–9) on any text near that shape', () => {
    const unit = fc.constantFrom('0', '1', '2', '5', '9', '+', 'X', ' ', '/', ':', '\n', '٣');
    const nanp = fc.stringMatching(/^[2-9]\d{2}[2-9]\d{6}$/);
    // A NANP number with one character replaced (or one added at the end), and any text of about its length.
    const oneOff = fc.tuple(nanp, fc.nat({ max: 10 }), unit).map(([n, i, c]) => n.slice(0, i) + c + n.slice(i + 1));
    const near = fc.string({ unit, minLength: 8, maxLength: 12 });
    fc.assert(
      fc.property(fc.oneof(nanp, oneOff, near), (text) => {
        expect(isNanpNational(text)).toBe(/^[2-9]\d{2}[2-9]\d{6}$/.test(text));
      }),
      { numRuns: 5000 },
    );
  });
});

describe('PrefixEvidence across parts of a file', () => {
  it('the parts read apart and absorbed give the aliases the whole file gives', () => {
    // 9 + 61 + Australian numbers beside 9 + 1 + NANP numbers: the NANP shape counts decide 961.
    const rows: Array<[string, string?, string?]> = [
      ...Array.from({ length: 6 }, (): [string, string?, string?] => ['prefix 91', undefined, '3125551212']),
      ...Array.from({ length: 4 }, (): [string, string?, string?] => ['prefix 961', undefined, '426702473']),
      ['prefix 811', '1'],
      ['prefix 811', '1'],
      ['Local/default', undefined, '3125551212'],
    ];
    const whole = new PrefixEvidence();
    for (const r of rows) whole.add(...r);
    for (let cut = 0; cut <= rows.length; cut++) {
      const [first, second] = [new PrefixEvidence(), new PrefixEvidence()];
      rows.slice(0, cut).forEach((r) => first.add(...r));
      rows.slice(cut).forEach((r) => second.add(...r));
      first.absorb(second.state());
      expect(Object.fromEntries(first.aliases())).toEqual(Object.fromEntries(whole.aliases()));
    }
    expect(Object.fromEntries(whole.aliases())).toEqual({ 'prefix 91': 'prefix 9', 'prefix 961': 'prefix 9', 'prefix 811': 'prefix 81' });
  });

  it('states its tallies per lead: calls, and NANP-shaped numbers against the rest', () => {
    const e = new PrefixEvidence();
    e.add('prefix 91', undefined, '3125551212');
    e.add('prefix 91', undefined, ' 3125551213 ');
    e.add('prefix 91', undefined, '426702473');
    e.add('prefix 91');
    const state = e.state();
    expect([...state.counts]).toEqual([['91', 4]]);
    expect([...state.nanpShape]).toEqual([['91', { nanp: 2, other: 1 }]]);
  });
});
