import { describe, expect, it } from 'vitest';
import { countTicks, labelInterval, timeAxis, timeTicks } from './axis-ticks';

const DAY = Date.parse('2026-11-16T00:00:00Z');
const at = (h: number, m = 0) => DAY + (h * 60 + m) * 60_000;
/** 5-minute bucket starts from 08:00 to 19:55 (144 buckets). */
const fiveMinutes = Array.from({ length: 144 }, (_, i) => at(8, 5 * i));

describe('timeTicks', () => {
  it('labels whole hours when 12 labels fit (1,300 px at 75 px a label = 17)', () => {
    const ticks = timeTicks(fiveMinutes, 1300);
    expect(ticks).toHaveLength(12);
    expect(ticks[0]).toBe(at(8));
    expect(ticks[11]).toBe(at(19));
  });

  it('steps to 2 hours on a narrow chart (500 px: 6 labels)', () => {
    expect(timeTicks(fiveMinutes, 500)).toEqual([at(8), at(10), at(12), at(14), at(16), at(18)]);
  });

  it('labels every 15 minutes of a 2-hour window in 1-minute buckets (8 labels in 700 px)', () => {
    const minutes = Array.from({ length: 120 }, (_, i) => at(10, i));
    expect(timeTicks(minutes, 700)).toEqual([0, 15, 30, 45, 60, 75, 90, 105].map((m) => at(10, m)));
  });

  it('labels the round times that a wall time divided by the step says, over days, before 1970 and off round starts', () => {
    // The definition, read as plainly as it is written: a label where the time is a whole number of steps.
    const steps = [1, 2, 5, 10, 15, 30, 60, 120, 300, 600, 900, 1800, 3600, 7200, 10800, 21600, 43200, 86400].map((s) => s * 1000);
    const plain = (times: number[], px: number) => {
      const room = Math.max(1, Math.floor(px / 75));
      for (const step of steps) {
        const on = times.filter((t) => t % step === 0);
        if (on.length > 0 && on.length <= room) return on;
      }
      return times.filter((_, i) => i % Math.ceil(times.length / room) === 0);
    };
    const threeDays = Array.from({ length: 3 * 24 * 4 }, (_, i) => at(0, 15 * i) + 7 * 60_000);
    const before1970 = Array.from({ length: 200 }, (_, i) => Date.parse('1969-12-31T22:00:00Z') + i * 30_000);
    const seconds = Array.from({ length: 500 }, (_, i) => at(13) - 250_000 + i * 1000);
    for (const times of [threeDays, before1970, seconds, fiveMinutes]) {
      for (const px of [10, 300, 700, 1300, 4000]) expect(timeTicks(times, px), `${times.length} times, ${px} px`).toEqual(plain(times, px));
    }
    // 3 days of quarter hours at :07, :22…: no round step; every k-th bucket (288 / 17 labels → every 17th).
    expect(timeTicks(threeDays, 1300)).toHaveLength(17);
  });

  it('keeps at least one label and returns none for no buckets', () => {
    // Room for one label: the one round 12-hour mark in 08:00–20:00.
    expect(timeTicks(fiveMinutes, 10)).toEqual([at(12)]);
    expect(timeTicks([], 1000)).toEqual([]);
  });
});

describe('labelInterval', () => {
  it('skips labels only when they do not fit', () => {
    expect(labelInterval(11, 500, 17)).toBe(0);
    // 100 labels of 24 px in 600 px: every 4th (3 skipped between two shown).
    expect(labelInterval(100, 600, 24)).toBe(3);
    expect(labelInterval(1, 0, 24)).toBe(0);
  });
});

describe('timeAxis', () => {
  const HOUR = 3_600_000;
  const hours = (from: number, count: number, step = HOUR) => Array.from({ length: count }, (_, i) => from + i * step);

  it('one day: "HH:MM" only', () => {
    const axis = timeAxis(fiveMinutes, 1300);
    expect(axis.ticks.map(axis.label)).toEqual(['08:00', '09:00', '10:00', '11:00', '12:00', '13:00', '14:00', '15:00', '16:00', '17:00', '18:00', '19:00']);
  });

  it('70 seconds in 1-second buckets: "HH:MM:SS", a label every 10 s (1,000 px at 95 px a label = 10 fit; 5 s would be 15)', () => {
    const from = Date.UTC(2024, 10, 19, 10, 0, 0);
    const axis = timeAxis(hours(from, 71, 1000), 1000);
    expect(axis.ticks.map(axis.label)).toEqual(['10:00:00', '10:00:10', '10:00:20', '10:00:30', '10:00:40', '10:00:50', '10:01:00', '10:01:10']);
  });

  it('70 seconds across midnight in 1-second buckets: seconds too, the day named at its first label (1,000 px at 135 px a label = 7 fit; 10 s would be 8)', () => {
    // 23:59:30 … 00:00:40 on Nov 19–20: on 15 s steps, 23:59:30, 23:59:45, 00:00:00, 00:00:15, 00:00:30.
    const from = Date.UTC(2024, 10, 19, 23, 59, 30);
    const axis = timeAxis(hours(from, 71, 1000), 1000);
    expect(axis.ticks.map(axis.label)).toEqual(['Nov 19 23:59:30', '23:59:45', 'Nov 20', '00:00:15', '00:00:30']);
  });

  it('three days in hourly buckets: each day named once, at its first label', () => {
    // 2026-11-16 00:00 … 2026-11-18 23:00, 72 buckets, 1,300 px at 115 px a label = 11 labels → 12-hour steps (6 labels).
    const axis = timeAxis(hours(DAY, 72), 1300);
    expect(axis.ticks.map(axis.label)).toEqual(['Nov 16', '12:00', 'Nov 17', '12:00', 'Nov 18', '12:00']);
  });

  it('a day that starts mid-day names its first label with the time', () => {
    const axis = timeAxis(hours(at(20), 12), 1300); // 20:00 on the 16th to 07:00 on the 17th
    const labels = axis.ticks.map(axis.label);
    expect(labels[0]).toBe('Nov 16 20:00');
    expect(labels).toContain('Nov 17');
  });

  it('eight months in daily buckets: dates with month and year, never "00:00"', () => {
    const days = hours(Date.parse('2026-03-01T00:00:00Z'), 245, 24 * HOUR); // Mar 1 … Oct 31
    const axis = timeAxis(days, 1300);
    const labels = axis.ticks.map(axis.label);
    expect(labels[0]).toBe('2026-03-01');
    expect(labels.length).toBeGreaterThan(3);
    expect(labels.length).toBeLessThanOrEqual(Math.floor(1300 / 110));
    expect(labels.every((l) => /^2026-\d\d-\d\d$/.test(l))).toBe(true);
    expect(new Set(labels).size).toBe(labels.length);
  });
});

describe('countTicks', () => {
  it('steps by 1, 2, 2.5 or 5 times a power of ten, up to the first tick at or over the maximum', () => {
    // 996 / 4 gaps = 249 a gap: 250 is the first round step that reaches 996 in 4 gaps.
    expect(countTicks(996)).toEqual([0, 250, 500, 750, 1000]);
    // 37 / 4 = 9.25: 2.5 is not a whole count, 5 × 4 = 20 < 37, 10 × 4 = 40 ≥ 37.
    expect(countTicks(37)).toEqual([0, 10, 20, 30, 40]);
    // 5 / 4 = 1.25: 1 × 4 = 4 < 5, 2 × 4 = 8 ≥ 5; ticks stop at the first one ≥ 5.
    expect(countTicks(5)).toEqual([0, 2, 4, 6]);
    expect(countTicks(3)).toEqual([0, 1, 2, 3]);
    expect(countTicks(1_000)).toEqual([0, 250, 500, 750, 1000]);
    expect(countTicks(1_001)).toEqual([0, 500, 1000, 1500]);
  });

  it('keeps whole numbers on small axes and reads 0 to 4 on an empty one', () => {
    expect(countTicks(1)).toEqual([0, 1]);
    expect(countTicks(0)).toEqual([0, 1, 2, 3, 4]);
    expect(countTicks(-3)).toEqual([0, 1, 2, 3, 4]);
  });

  it('takes another count of ticks', () => {
    // 100 / 2 gaps = 50 a gap.
    expect(countTicks(100, 3)).toEqual([0, 50, 100]);
  });
});
