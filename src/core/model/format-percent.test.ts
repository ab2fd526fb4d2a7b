import { describe, expect, it } from 'vitest';
import { formatPercent } from './format-percent';

describe('formatPercent', () => {
  it('2 decimals under 1 %, 1 under 10 %, none above; exactly none is 0 %', () => {
    // 8 of 2,500 = 0.32 %; 26 of 350 = 7.43 %; 171 of 200 = 85.5 %; 23 of 50 = 46 %.
    expect([formatPercent(8, 2500), formatPercent(26, 350), formatPercent(171, 200), formatPercent(23, 50)]).toEqual(['0.32 %', '7.4 %', '86 %', '46 %']);
    expect([formatPercent(0, 64), formatPercent(64, 64)]).toEqual(['0 %', '100 %']);
  });
  it('a half in the last digit shown rounds up, as by hand', () => {
    // 58 of 400 = 14.5 %; 149 of 2,000 = 7.45 %; 1 of 800 = 0.125 %.
    expect([formatPercent(58, 400), formatPercent(149, 2000), formatPercent(1, 800)]).toEqual(['15 %', '7.5 %', '0.13 %']);
  });
  it('a rate over nothing is no rate, not 0 %', () => {
    expect(formatPercent(0, 0)).toBe('—');
  });

  it('only none is 0 % and only all is 100 %; the decimals follow the rounded value', () => {
    expect(formatPercent(999, 1_000)).toBe('99.9 %'); // not "100 %" beside "999 of 1,000"
    expect(formatPercent(99_999, 100_000)).toBe('99.999 %');
    expect(formatPercent(9_999_999, 10_000_000)).toBe('> 99.999 %');
    expect(formatPercent(1, 30_000)).toBe('< 0.01 %'); // not "0.00 %"
    expect(formatPercent(996, 10_000)).toBe('10 %'); // 9.96 %: not "10.0 %"
    expect(formatPercent(9_995, 1_000_000)).toBe('1.0 %'); // 0.9995 %: not "1.00 %"
    expect(formatPercent(5, 5)).toBe('100 %');
  });
});
