import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { isDigitRun, isPlusDigitRun } from './digit-text';

describe('digit runs over a range of a text', () => {
  it('read by hand', () => {
    expect(isPlusDigitRun('SIP/+4930123@gw', 3, 4, 11)).toBe(true); // "+4930123"
    expect(isPlusDigitRun('SIP/+49@gw', 3, 4, 7)).toBe(false); // "+49": two digits
    expect(isPlusDigitRun('+', 1)).toBe(false);
    expect(isDigitRun('x0123y', 4, 4, 1, 5)).toBe(true);
    expect(isDigitRun('x01 3y', 1, 9, 1, 5)).toBe(false);
  });

  it('agree with the regular expressions they stand for, on any slice', () => {
    const text = fc.stringMatching(/^[0-9+ a@٣]{0,12}$/);
    fc.assert(
      fc.property(text, fc.nat(12), fc.nat(12), fc.integer({ min: 0, max: 5 }), (t, a, b, min) => {
        const from = Math.min(a, b, t.length);
        const to = Math.min(Math.max(a, b), t.length);
        const slice = t.slice(from, to);
        expect(isPlusDigitRun(t, min, from, to)).toBe(new RegExp(`^\\+?\\d{${min},}$`).test(slice));
        expect(isDigitRun(t, min, min + 3, from, to)).toBe(new RegExp(`^\\d{${min},${min + 3}}$`).test(slice));
      }),
    );
  });
});
