import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { digitsOf, digitsText } from '../analysis/call-store';
import { DigitKeys, leadingDigits } from './digit-keys';

describe('DigitKeys', () => {
  it('finds the longest prefix key, and exact keys only for the whole number', () => {
    const keys = ['1', '1312', '44', '0044', 'other'];
    const prefix = new DigitKeys(keys, 'prefix');
    const d = (s: string) => digitsOf(s);
    expect(prefix.match(d('13125550142').value, 11)).toBe(1); // 1312 beats 1
    expect(prefix.match(d('14155550100').value, 11)).toBe(0);
    expect(prefix.match(d('00442071234567').value, 14)).toBe(3); // leading zeros count
    expect(prefix.match(d('442071234567').value, 12)).toBe(2);
    expect(prefix.match(d('2125550100').value, 10)).toBe(-1);
    const exact = new DigitKeys(['13125550142', '0044'], 'exact');
    expect(exact.match(d('13125550142').value, 11)).toBe(0);
    expect(exact.match(d('131255501420').value, 12)).toBe(-1);
    expect(exact.match(d('0044').value, 4)).toBe(1);
    expect(exact.match(d('44').value, 2)).toBe(-1);
  });

  it('leadingDigits is exact next to 2^53 (15-digit numbers)', () => {
    expect(leadingDigits(999_999_999_999_999, 15, 14)).toBe(99_999_999_999_999);
    expect(leadingDigits(100_000_000_000_000, 15, 1)).toBe(1);
  });

  it('property: matches exactly as the texts would (startsWith / equality, longest key first)', () => {
    const digits = (min: number, max: number) => fc.array(fc.constantFrom(...'0123456789'), { minLength: min, maxLength: max }).map((a) => a.join(''));
    fc.assert(
      fc.property(fc.array(digits(1, 15), { maxLength: 12 }), fc.array(digits(0, 15), { maxLength: 30 }), (keys, numbers) => {
        const prefix = new DigitKeys(keys, 'prefix');
        const exact = new DigitKeys(keys, 'exact');
        for (const n of numbers) {
          const { value, length } = digitsOf(n);
          const text = digitsText(value, length);
          let best = -1;
          keys.forEach((k, i) => {
            if (text.startsWith(k) && (best < 0 || k.length > keys[best]!.length)) best = i;
          });
          const got = prefix.match(value, length);
          expect(got < 0 ? null : keys[got]).toBe(best < 0 ? null : keys[best]);
          const eq = exact.match(value, length);
          expect(eq < 0 ? null : keys[eq]).toBe(keys.includes(text) ? text : null);
        }
      }),
      { numRuns: 500 },
    );
  });
});
