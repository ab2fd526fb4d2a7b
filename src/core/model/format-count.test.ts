import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { formatCount } from './format-count';

describe('formatCount', () => {
  it('groups thousands with commas', () => {
    expect([0, 7, 999, 1000, 12345, 1234567, -1000, -999, 9007199254740991].map(formatCount)).toEqual(['0', '7', '999', '1,000', '12,345', '1,234,567', '-1,000', '-999', '9,007,199,254,740,991']);
  });
  it('writes what Intl en-US writes with no decimals, whole or not', () => {
    const intl = new Intl.NumberFormat('en-US', { maximumFractionDigits: 0 });
    fc.assert(fc.property(fc.oneof(fc.maxSafeInteger(), fc.integer(), fc.double()), (n) => formatCount(n) === intl.format(n)), { numRuns: 2000 });
    for (const n of [-0, 0.5, 1.5, -2.5, 1e21, Number.NaN, Number.POSITIVE_INFINITY, 2 ** 53]) expect(formatCount(n)).toBe(intl.format(n));
  });
});
