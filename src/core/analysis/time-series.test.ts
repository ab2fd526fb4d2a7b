import { describe, expect, it } from 'vitest';
import { AnalysisCache } from './analysis-cache';
import { analyzeDashboard, prepareSpanSeries } from './analyze-dashboard';
import { runToEnd } from './run-to-end';
import { at, query, storeOf } from './test-helpers';
import { chooseBucketMs, layoutFor } from './time-series';

const span = (from: string, to: string) => ({ fromMs: at(from), toMs: at(to) });

describe('bucket choice', () => {
  it('takes the smallest nice size giving at most 300 buckets', () => {
    expect(chooseBucketMs(span('08:00', '20:00'))).toBe(5 * 60_000); // 12 h: 2 min → 360, 5 min → 144
    expect(chooseBucketMs(span('10:00', '11:00'))).toBe(15_000); // 1 h: 10 s → 360, 15 s → 240
    expect(chooseBucketMs(span('10:00', '10:05'))).toBe(1000); // 300 s → 300 buckets of 1 s
    expect(chooseBucketMs(span('10:00', '10:05:01'))).toBe(2000);
    expect(chooseBucketMs(span('00:00', '23:59:59'))).toBe(5 * 60_000); // 288 buckets
    expect(chooseBucketMs({ fromMs: at('00:00'), toMs: at('00:00') + 30 * 86_400_000 })).toBe(3 * 3_600_000); // past 1 h for a month
  });

  it('aligns buckets to multiples of their size and honours an asked size', () => {
    expect(layoutFor(span('10:02:10', '10:31'), null)).toEqual({ bucketMs: 10_000, firstMs: at('10:02:10'), count: 173 });
    expect(layoutFor(span('10:02:10', '10:31'), 5 * 60_000)).toEqual({ bucketMs: 300_000, firstMs: at('10:00'), count: 7 });
    // Below 1 s, or more than 3000 buckets: the chosen size instead.
    expect(layoutFor(span('10:00', '11:00'), 10).bucketMs).toBe(15_000);
    expect(layoutFor(span('00:00', '23:00'), 1000).bucketMs).toBe(5 * 60_000);
    expect(layoutFor({ fromMs: 5, toMs: 5 }, null).count).toBe(0);
  });
});

describe('time series', () => {
  it('counts each bucket of the selected trunks', () => {
    const store = storeOf([
      { start: at('10:00:05'), sip: 200 },
      { start: at('10:00:50'), sip: 503 },
      { start: at('10:01:10'), sip: 603 },
      { start: at('10:01:20'), sip: 486 },
      { start: at('10:01:30'), cause: 21 }, // policy, neither 503 nor 603
      { start: at('10:03:00'), disposition: 'FAILED' }, // capacity, 503-like
      { trunk: 'B', start: at('10:00:10'), sip: 503 },
    ]);
    const { series, calls } = analyzeDashboard(store, query({ trunks: ['A'], bucketMs: 60_000, window: span('10:00', '10:04') }));
    expect(calls).toBe(6);
    expect(series.bucketMs).toBe(60_000);
    expect(series.buckets).toEqual([
      { t: at('10:00'), attempts: 2, answered: 1, capacity: 1, policy: 0, otherFailed: 0, c503: 1, c603: 0 },
      { t: at('10:01'), attempts: 3, answered: 0, capacity: 0, policy: 2, otherFailed: 1, c503: 0, c603: 1 },
      { t: at('10:02'), attempts: 0, answered: 0, capacity: 0, policy: 0, otherFailed: 0, c503: 0, c603: 0 },
      { t: at('10:03'), attempts: 1, answered: 0, capacity: 1, policy: 0, otherFailed: 0, c503: 1, c603: 0 },
    ]);
  });

  it('reads records in any order (FreePBX newest first, several files)', () => {
    const starts = ['10:03:00', '10:00:05', '10:01:20', '10:00:50', '10:01:10'];
    const store = storeOf(starts.map((s) => ({ start: at(s) })));
    const { series, span: whole } = analyzeDashboard(store, query({ bucketMs: 60_000 }));
    expect(whole).toEqual({ fromMs: at('10:00:05'), toMs: at('10:03:00') + 1 });
    expect(series.buckets.map((b) => b.attempts)).toEqual([2, 2, 0, 1]);
  });
});

describe('the worst trunks’ whole-span series, made in one pass (prepareSpanSeries)', () => {
  // A: 10:00 answered, 10:03 503, 10:41 603 · B: 10:01 answered, 10:02 503 · C: 10:20 answered — span 10:00–10:41.
  const specs = [
    { trunk: 'A', start: at('10:00') },
    { trunk: 'B', start: at('10:01') },
    { trunk: 'B', start: at('10:02'), sip: 503, seconds: 1 },
    { trunk: 'A', start: at('10:03'), sip: 503, seconds: 1 },
    { trunk: 'C', start: at('10:20') },
    { trunk: 'A', start: at('10:41'), sip: 603, seconds: 1 },
  ];

  it('gives each prepared trunk the series a query for it alone gives, and counts them by hand', () => {
    const fresh = storeOf(specs);
    const prepared = storeOf(specs);
    const cache = new AnalysisCache(prepared);
    runToEnd(prepareSpanSeries(prepared, ['A', 'C'], cache));
    for (const trunk of ['A', 'B', 'C']) {
      const q = query({ trunks: [trunk], window: span('10:00', '10:10'), spanSeries: true });
      expect(analyzeDashboard(prepared, q, cache).spanSeries, trunk).toEqual(analyzeDashboard(fresh, q).spanSeries);
    }
    // 41 minutes in 10-second buckets: A's 10:00 bucket has 1 answered, 10:03 one 503, 10:41 one 603.
    const a = analyzeDashboard(prepared, query({ trunks: ['A'], window: span('10:00', '10:10'), spanSeries: true }), cache).spanSeries!;
    expect(a.bucketMs).toBe(10_000);
    expect(a.buckets.filter((b) => b.attempts > 0).map((b) => [b.t, b.answered, b.c503, b.c603])).toEqual([
      [at('10:00'), 1, 0, 0],
      [at('10:03'), 0, 1, 0],
      [at('10:41'), 0, 0, 1],
    ]);
  });

  it('keeps the series a query made before it, and names no trunk the store lacks', () => {
    const store = storeOf(specs);
    const cache = new AnalysisCache(store);
    const q = query({ trunks: ['B'], spanSeries: true, window: span('10:00', '10:05') });
    const before = analyzeDashboard(store, q, cache).spanSeries;
    runToEnd(prepareSpanSeries(store, ['B', 'nobody'], cache));
    expect(analyzeDashboard(store, q, cache).spanSeries).toBe(before);
  });

  it('pauses before each trunk’s end list, and a question between its steps gets the answer a fresh store gives', () => {
    const fresh = storeOf(specs);
    const prepared = storeOf(specs);
    const cache = new AnalysisCache(prepared);
    const steps = prepareSpanSeries(prepared, ['A', 'C'], cache);
    // The series of both in one step, then a pause before each of the two end lists.
    expect(steps.next().done).toBe(false);
    const q = query({ trunks: ['C'], window: span('10:00', '10:30'), spanSeries: true });
    expect(analyzeDashboard(prepared, q, cache)).toEqual(analyzeDashboard(fresh, q));
    expect(steps.next().done).toBe(false);
    expect(steps.next().done).toBe(true);
    expect(analyzeDashboard(prepared, q, cache)).toEqual(analyzeDashboard(fresh, q));
  });
});
