import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { formatCount, formatMoment } from './format';

const at = (iso: string) => Date.parse(`${iso}Z`);

describe('formatMoment', () => {
  it('is the time only within one calendar day', () => {
    expect(formatMoment(at('2026-11-16T15:40:12'), { fromMs: at('2026-11-16T08:00:00'), toMs: at('2026-11-16T19:59:58') })).toBe('15:40');
  });
  it('names the day when the span crosses midnight, and month and year over a month', () => {
    expect(formatMoment(at('2026-11-17T01:05:00'), { fromMs: at('2026-11-16T20:00:00'), toMs: at('2026-11-17T04:00:00') })).toBe('Nov 17 01:05');
    expect(formatMoment(at('2026-07-04T15:40:00'), { fromMs: at('2026-03-01T00:00:00'), toMs: at('2026-10-31T23:00:00') })).toBe('2026-07-04 15:40');
  });
});

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
