import { describe, expect, it } from 'vitest';
import { formatMoment } from './format';

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
