import { describe, expect, it } from 'vitest';
import { analyzeDashboard } from './analyze-dashboard';
import { FOLD_END, FOLD_START } from './clock-fold';
import { findKnee, percentileOfLevels } from './cps';
import { at, query, storeOf, type CallSpec } from './test-helpers';

/** n attempts in the second starting at `clock`; the first `limit` pass, the rest get 503. */
function second(clock: string, n: number, limit = Infinity, trunk = 'A'): CallSpec[] {
  return Array.from({ length: n }, (_, i) => ({ trunk, start: at(clock) + i * 100, sip: i < limit ? 200 : 503, seconds: 30 }));
}

describe('CPS', () => {
  it('finds a burst: 6 attempts in one second, 3 over a limit of 3 → peak 6, knee at 6, limit 3', () => {
    // 25 quiet seconds at 1–3 CPS (no 503), 5 bursts of 6 with attempts 4–6 refused.
    const quiet = Array.from({ length: 25 }, (_, i) => second(`10:00:${String(i * 2).padStart(2, '0')}`, 1 + (i % 3))).flat();
    const bursts = ['10:01:00', '10:02:00', '10:03:00', '10:04:00', '10:05:00'].flatMap((s) => second(s, 6, 3));
    const { cps } = analyzeDashboard(storeOf([...quiet, ...bursts]), query());
    expect(cps.peak).toBe(6);
    expect(cps.levels).toEqual([
      { cps: 1, seconds: 9, attempts: 9, c503: 0 },
      { cps: 2, seconds: 8, attempts: 16, c503: 0 },
      { cps: 3, seconds: 8, attempts: 24, c503: 0 },
      { cps: 6, seconds: 5, attempts: 30, c503: 15 },
    ]);
    // Seconds with ≥ 4 attempts (there are only 6s): 15 of 30 refused; below: 0 of 49. The carrier
    // took 3 a second: the clean level 3, and 6 − 15/5 in the bursts.
    expect(cps.knee).toEqual({ cps: 6, below: { n: 0, d: 49 }, atOrAbove: { n: 15, d: 30 }, limit: 3 });
    expect(cps.p99).toBe(6); // 30 seconds: rank ceil(0.99 · 30) = 30 → the busiest second
  });

  it('sums the selected trunks per second, and keeps other trunks out', () => {
    const store = storeOf([...second('10:00:00', 2, Infinity, 'A'), ...second('10:00:00', 3, Infinity, 'B'), ...second('10:00:00', 4, Infinity, 'C')]);
    expect(analyzeDashboard(store, query({ trunks: ['A'] })).cps.peak).toBe(2);
    expect(analyzeDashboard(store, query({ trunks: ['A', 'B'] })).cps.peak).toBe(5);
    expect(analyzeDashboard(store, query()).cps.peak).toBe(9);
  });

  it('gives the peak second of each series bucket', () => {
    const store = storeOf([...second('10:00:10', 2), ...second('10:00:20', 4), ...second('10:02:00', 1)]);
    const { cps } = analyzeDashboard(store, query({ bucketMs: 60_000 }));
    expect(cps.peakPerBucket).toEqual([
      { t: at('10:00'), peak: 4 },
      { t: at('10:01'), peak: 0 },
      { t: at('10:02'), peak: 1 },
    ]);
  });

  it('has no knee without a step: background 503s, too little support, 503s spread evenly', () => {
    const level = (cps: number, attempts: number, c503: number) => ({ cps, seconds: attempts / cps, attempts, c503 });
    expect(findKnee([level(1, 500, 2), level(2, 300, 1), level(3, 90, 0)])).toBeNull();
    expect(findKnee([level(1, 10, 0), level(6, 12, 6)])).toBeNull(); // < 20 attempts a side
    expect(findKnee([level(1, 100, 30), level(2, 100, 32), level(3, 100, 31)])).toBeNull(); // never clean below
    // A tail of 503s far above a clean level: the knee is where the step starts, not at 2.
    expect(findKnee([level(1, 100, 0), level(2, 100, 0), level(3, 60, 0), level(5, 100, 60)])).toMatchObject({ cps: 5, limit: 3 });
  });

  it('the limit is what the carrier took a second, where the file shows no rate between the clean one and the burst', () => {
    const level = (cps: number, seconds: number, c503: number) => ({ cps, seconds, attempts: cps * seconds, c503 });
    // A reviewer's day: one call a second, and 60 bursts of 6 in a second of which the carrier takes 4.
    // The only clean rate in the file is 1, but 6 − 120/60 = 4 went through every burst second.
    expect(findKnee([level(1, 2880, 0), level(6, 60, 120)])).toEqual({ cps: 6, below: { n: 0, d: 2880 }, atOrAbove: { n: 120, d: 360 }, limit: 4 });
  });

  it('takes the nearest-rank percentile over seconds', () => {
    const levels = [
      { cps: 1, seconds: 98, attempts: 98, c503: 0 },
      { cps: 4, seconds: 1, attempts: 4, c503: 0 },
      { cps: 9, seconds: 1, attempts: 9, c503: 0 },
    ];
    expect(percentileOfLevels(levels, 0.99)).toBe(4);
    expect(percentileOfLevels(levels, 0.5)).toBe(1);
    expect(percentileOfLevels([], 0.99)).toBe(0);
  });

  it('counts nothing per second where every start is on a whole minute (a file that lost its seconds)', () => {
    // 3 calls a second in truth, over 20 minutes; the file kept HH:MM, so each minute's 180 calls
    // read as one second's: per second that would be a peak of 180 and, with 503s past the 60th
    // call of each minute, a knee that is not there.
    const minutes = Array.from({ length: 20 }, (_, m) => Array.from({ length: 180 }, (_, i) => ({ trunk: 'A', start: at(`10:${String(m).padStart(2, '0')}:00`), sip: i < 60 ? 200 : 503, seconds: 30 }))).flat();
    const { cps } = analyzeDashboard(storeOf(minutes), query({ bucketMs: 60_000 }));
    expect(cps).toMatchObject({ wholeMinutes: true, peak: 0, p99: 0, levels: [], knee: null });
    expect(cps.peakPerBucket.every((b) => b.peak === 0)).toBe(true);
    // One start with its seconds among them: the file has seconds, the minutes were busy.
    const withOne = analyzeDashboard(storeOf([...minutes, { trunk: 'A', start: at('10:05:01'), sip: 200, seconds: 30 }]), query()).cps;
    expect(withOne).toMatchObject({ wholeMinutes: false, peak: 180 });
  });

  it('nine calls on whole minutes can be chance: below ten, per-second counts stay', () => {
    const nine = Array.from({ length: 9 }, (_, m) => ({ trunk: 'A', start: at(`10:0${m}:00`), sip: 200, seconds: 30 }));
    expect(analyzeDashboard(storeOf(nine), query()).cps).toMatchObject({ wholeMinutes: false, peak: 1, levels: [{ cps: 1, seconds: 9, attempts: 9, c503: 0 }] });
    const ten = [...nine, { trunk: 'A', start: at('10:09:00'), sip: 200, seconds: 30 }];
    expect(analyzeDashboard(storeOf(ten), query()).cps.wholeMinutes).toBe(true);
  });
});

/**
 * An hour the file shows twice (clocks went back, clock-fold.ts): 01:00–01:59 of the second pass
 * has the same wall times as the first, its calls marked FOLD_START | FOLD_END as the ingest marks
 * them. 30 seconds at 00:00 (one call each, 40 s apart) give the knee its clean side.
 */
describe('CPS in an hour the file shows twice', () => {
  const quiet: CallSpec[] = Array.from({ length: 30 }, (_, i) => ({ start: at('00:00') + i * 40_000, seconds: 10 }));
  const firstPass: CallSpec[] = Array.from({ length: 30 }, (_, i) => ({ start: at('01:00') + i * 40_000, seconds: 10 }));
  const SECOND = FOLD_START | FOLD_END;

  it('counts the two passes of a wall second as two seconds: one call every 40 s is 1 CPS, with no knee', () => {
    // The same wall seconds again; the carrier refuses 4 calls in 5 of the second pass (24): an outage, not a rate.
    const secondPass = firstPass.map((c, i) => ({ ...c, fold: SECOND, sip: i % 5 === 0 ? 200 : 503 }));
    const { cps } = analyzeDashboard(storeOf([...quiet, ...firstPass, ...secondPass]), query());
    // Read as one hour: 30 seconds of 2 calls, 24 of 60 refused, 0 of 30 below: a knee at 2.
    expect(cps.levels).toEqual([{ cps: 1, seconds: 90, attempts: 90, c503: 24 }]);
    expect(cps.peak).toBe(1);
    expect(cps.knee).toBeNull();
  });

  it('still finds a limit inside the second pass: bursts of 4, 2 refused, beside the first pass’s single calls', () => {
    const bursts = firstPass.flatMap((c) => Array.from({ length: 4 }, (_, k) => ({ start: c.start + k * 100, seconds: 30, sip: k < 2 ? 200 : 503, fold: SECOND })));
    const { cps } = analyzeDashboard(storeOf([...quiet, ...firstPass, ...bursts]), query({ bucketMs: 3_600_000 }));
    // 60 seconds of one call (00:00 and the first pass), 30 of four (the second pass), 60 of 120 refused.
    expect(cps.levels).toEqual([
      { cps: 1, seconds: 60, attempts: 60, c503: 0 },
      { cps: 4, seconds: 30, attempts: 120, c503: 60 },
    ]);
    expect(cps.knee).toEqual({ cps: 4, below: { n: 0, d: 60 }, atOrAbove: { n: 60, d: 120 }, limit: 2 });
    // The 01:00 bucket's busiest second is the second pass's 4, not 5.
    expect(cps.peakPerBucket).toEqual([
      { t: at('00:00'), peak: 1 },
      { t: at('01:00'), peak: 4 },
    ]);
  });

  it("a trunk whose starts are all on whole minutes is left out of another's counts, and says how many calls", () => {
    // A: one call at 10:mm:07 each minute for 20 minutes (seconds kept). B: 20 calls at each 10:mm:00
    // (a file saved without seconds), the last 10 of each minute 503.
    const a = Array.from({ length: 20 }, (_, m) => ({ trunk: 'A', start: at(`10:${String(m).padStart(2, '0')}:07`), sip: 200, seconds: 30 }));
    const b = Array.from({ length: 20 }, (_, m) => Array.from({ length: 20 }, (_, i) => ({ trunk: 'B', start: at(`10:${String(m).padStart(2, '0')}:00`), sip: i < 10 ? 200 : 503, seconds: 30 }))).flat();
    const store = storeOf([...a, ...b]);
    // All trunks: A's 20 calls, one a second; B's 400 left out (not a "peak" of 20 with a knee at 20).
    expect(analyzeDashboard(store, query()).cps).toMatchObject({ wholeMinutes: false, wholeMinuteCallsLeftOut: 400, peak: 1, knee: null, levels: [{ cps: 1, seconds: 20, attempts: 20, c503: 0 }] });
    expect(analyzeDashboard(store, query({ trunks: ['B'] })).cps).toMatchObject({ wholeMinutes: true, wholeMinuteCallsLeftOut: 0 });
    expect(analyzeDashboard(store, query({ trunks: ['A'] })).cps).toMatchObject({ wholeMinutes: false, wholeMinuteCallsLeftOut: 0, peak: 1 });
  });
});
