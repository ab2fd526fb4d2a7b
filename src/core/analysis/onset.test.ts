import { describe, expect, it } from 'vitest';
import { analyzeDashboard } from './analyze-dashboard';
import { AnalysisCache } from './analysis-cache';
import { countOnsetCalls, findOnset, onsetCounts, onsets, onsetsOf } from './onset';
import { at, query, storeOf, type CallSpec } from './test-helpers';

const series = (attempts: number[], hits: number[]) => findOnset(attempts, hits);

describe('findOnset', () => {
  it('finds the first bucket from which the rate stays well above the baseline', () => {
    // 20 attempts per bucket; 0–1 503s for 8 buckets, then 12–16 of 20 from bucket 8 on.
    const attempts = new Array(16).fill(20);
    const hits = [0, 1, 0, 0, 1, 0, 0, 0, 14, 12, 16, 15, 13, 16, 14, 15];
    expect(series(attempts, hits)).toEqual({ bucket: 8, before: { n: 2, d: 160 }, after: { n: 115, d: 160 } });
  });

  it('has no onset for a trunk bad from the start, background noise, or a short burst', () => {
    const attempts = new Array(16).fill(20);
    expect(series(attempts, new Array(16).fill(20))).toBeNull(); // every call fails from the start
    expect(series(attempts, [0, 0, 1, 0, 0, 0, 0, 1, 0, 0, 0, 0, 1, 0, 0, 0])).toBeNull(); // 0.3 %
    expect(series(attempts, [0, 0, 0, 0, 0, 0, 15, 16, 0, 0, 0, 0, 0, 0, 0, 0])).toBeNull(); // two buckets
    expect(series(attempts, [0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 18, 19])).toBeNull(); // < 3 buckets after
  });

  it('measures from the baseline: a rise from 2 % needs 10 points more, from 10 % needs 5 ×', () => {
    const attempts = new Array(12).fill(100);
    // 2 % → 11 %: below 2 % + 10 points; → 13 %: an onset.
    expect(series(attempts, [2, 2, 2, 2, 2, 2, 11, 11, 11, 11, 11, 11])).toBeNull();
    expect(series(attempts, [2, 2, 2, 2, 2, 2, 13, 13, 13, 13, 13, 13])?.bucket).toBe(6);
    // 10 % → 40 %: 5 × would be 50 %.
    expect(series(attempts, [10, 10, 10, 10, 10, 10, 40, 40, 40, 40, 40, 40])).toBeNull();
  });

  it('skips buckets with fewer than 10 attempts and needs 50 attempts of baseline', () => {
    // A thin bucket is no onset of its own; one that fails like the onset right after it is where
    // the change began (5 of 5 refused just before bucket 4): the onset moves back to it.
    expect(series([20, 20, 20, 5, 20, 20, 20], [0, 0, 0, 0, 15, 15, 15])?.bucket).toBe(4);
    expect(series([20, 20, 20, 5, 20, 20, 20], [0, 0, 0, 5, 15, 15, 15])).toMatchObject({ bucket: 3, before: { n: 0, d: 60 }, after: { n: 50, d: 65 } });
    expect(series([20, 20, 20, 5, 20, 20, 20, 20], [0, 0, 0, 5, 0, 15, 15, 15])?.bucket).toBe(5); // not right before it: kept apart
    expect(series([20, 20, 20, 20, 20], [0, 0, 15, 15, 15])).toBeNull(); // 40 attempts before: no baseline yet
  });
});

/** 08:00–12:00 (4 h → 1-minute buckets): trunk A 12 attempts a minute, 603s (9 of 12) from 10:30 on; trunk B 4 a minute, all answered. */
function aWith603sFrom1030(): CallSpec[] {
  const specs: CallSpec[] = [];
  for (let minute = 0; minute < 240; minute++) {
    for (let i = 0; i < 12; i++) {
      const start = at('08:00') + minute * 60_000 + i * 5000;
      specs.push({ trunk: 'A', start, sip: minute >= 150 && i < 9 ? 603 : 200 });
      if (i % 3 === 0) specs.push({ trunk: 'B', start: start + 1, sip: 200 });
    }
  }
  return specs;
}

describe('onsets over a store', () => {
  it('reports a 603 onset at a known bucket, per trunk, whatever the window', () => {
    const specs = aWith603sFrom1030();
    const window = { fromMs: at('08:00'), toMs: at('09:00') };
    const { onsets } = analyzeDashboard(storeOf(specs), query({ window }));
    expect(onsets).toEqual([{ trunk: 'A', kind: '603', atMs: at('10:30'), before: { n: 0, d: 1800 }, after: { n: 810, d: 1080 } }]);
  });

  it('finds the same onsets when the calls are counted in parts (a diagnosis counts a window between pauses)', () => {
    // A's 603s from 10:30 on, 2,880 + 960 calls in start order.
    const specs = aWith603sFrom1030();
    const index = new AnalysisCache(storeOf(specs)).index();
    const span = { fromMs: at('08:00'), toMs: at('12:00') };
    const whole = onsets(index, span);
    expect(whole.map((o) => [o.trunk, o.kind, o.atMs])).toEqual([['A', '603', at('10:30')]]);
    for (const part of [1, 7, 1000, index.n]) {
      const counts = onsetCounts(index, span);
      for (let from = 0; from < index.n; from += part) countOnsetCalls(index, counts, from, Math.min(index.n, from + part));
      expect(onsetsOf(index, counts), `${part} calls a part`).toEqual(whole);
    }
  });
});
