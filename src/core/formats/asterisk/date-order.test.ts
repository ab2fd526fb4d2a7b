import { describe, expect, it } from 'vitest';
import { DateOrderResolver } from './date-order';

describe('DateOrderResolver', () => {
  it('takes an unambiguous day above 12 as proof for the file', () => {
    const d = new DateOrderResolver();
    expect(d.choose('05/03/24 09:32', null)).toEqual({ order: 'mdy', settled: false });
    expect(d.choose('24/08/17 09:32', null)).toEqual({ order: 'dmy', settled: true });
    expect(d.choose('05/03/24 09:32', null)).toEqual({ order: 'dmy', settled: true });
    expect(d.decided()).toBe('dmy');
  });

  it('uses the uniqueid epoch for an ambiguous row', () => {
    const d = new DateOrderResolver();
    // 1504279981 = 2017-09-01 15:33:01 UTC; the file says 16:33:01 local (UTC+1).
    expect(d.choose('1/9/2017 16:33:01', 1504279981)).toEqual({ order: 'dmy', settled: true });
    expect(d.decided()).toBe('dmy');
    // An epoch far from both readings is no evidence.
    expect(new DateOrderResolver().choose('1/9/2017 16:33:01', 1_000_000_000)).toEqual({ order: 'mdy', settled: false });
  });

  it('settles ISO dates at once and refuses non-dates', () => {
    const d = new DateOrderResolver();
    expect(d.choose('2024-03-01 10:00:00', null)).toEqual({ order: 'mdy', settled: true });
    expect(d.choose('yesterday', null)).toBeNull();
    expect(d.decided()).toBeNull();
  });
});
