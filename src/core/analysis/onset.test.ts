import { describe, expect, it } from 'vitest';
import { analyzeDashboard, analyzeTrunkTable, spanTrunkTable } from './analyze-dashboard';
import { AnalysisCache } from './analysis-cache';
import { KIND_503 } from './code-classes';
import type { Onset } from './dashboard-types';
import { countOnsetCalls, findOnset, onsetCounts, onsetsOf, refineOnsetsOfRows } from './onset';
import { onsets } from './span-onsets';
import { spanCountsBeforeSeal } from './span-counts';
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

/**
 * fundco: a call every 7 s from 13:00:00 (120 calls, to 13:13:53); call 30 (13:03:30) a background
 * 503, then from call 80 (13:09:20) every call 503: before it 1 of 80, from it 40 of 40.
 */
function fundcoDay(failing: (i: number) => boolean = (i) => i >= 80 || i === 30): CallSpec[] {
  return Array.from({ length: 120 }, (_, i) => ({ trunk: 'fundco', start: at('13:00') + 7000 * i, sip: failing(i) ? 503 : 200 }));
}

/** goodco: 60 answered calls every 15 s from 18:00:00, `days` after fundco's day. */
function goodcoCalls(days: number): CallSpec[] {
  return Array.from({ length: 60 }, (_, i) => ({ trunk: 'goodco', start: at('18:00') + days * 86_400_000 + 15_000 * i, sip: 200 }));
}

/** The trunk table's onsets of `specs`: counted before the seal (the rows given in reverse), and by the sealed index. */
function tableOnsets(specs: readonly CallSpec[]) {
  const early = spanCountsBeforeSeal(storeOf([...specs].reverse()));
  return { beforeSeal: early && spanTrunkTable(early, query()).onsets, sealed: analyzeTrunkTable(storeOf(specs), query()).onsets };
}

describe('onsets of a trunk its buckets cannot show', () => {
  const ranOut = { trunk: 'fundco', kind: '503', atMs: at('13:09:20'), before: { n: 1, d: 80 }, after: { n: 40, d: 40 } };

  it('out of funds at 13:09:20: the same since with another trunk 5 hours later (2-min buckets), 9 months later (1-day buckets), or none (5-s buckets)', () => {
    const files = {
      fiveHoursLater: [...fundcoDay(), ...goodcoCalls(0)],
      nineMonthsLater: [...fundcoDay(), ...goodcoCalls(275)],
      oneCallNineMonthsLater: [...fundcoDay(), ...goodcoCalls(275).slice(0, 1)],
      alone: fundcoDay(),
    };
    for (const [name, specs] of Object.entries(files)) {
      const { beforeSeal, sealed } = tableOnsets(specs);
      expect(sealed, name).toEqual([ranOut]);
      expect(beforeSeal, name).toEqual(sealed);
    }
  });

  it('a stray call of its own a year earlier counts in its baseline: 1 of 81 before, the same moment', () => {
    const specs = [{ trunk: 'fundco', start: at('13:00') - 365 * 86_400_000, sip: 200 }, ...fundcoDay()];
    const { beforeSeal, sealed } = tableOnsets(specs);
    expect(sealed).toEqual([{ ...ranOut, before: { n: 1, d: 81 } }]);
    expect(beforeSeal).toEqual(sealed);
  });

  it('no since for a short burst at the end, or a trunk bad from the start', () => {
    // Calls 80–89 refused, 90–119 answered: 11 of 40 after call 80, its runs of 10 calls 10, 0, 0, 0 refused.
    const burst = fundcoDay((i) => i === 30 || (i >= 80 && i < 90));
    // Every call refused: a baseline of 100 %, nothing above it.
    const bad = fundcoDay(() => true);
    for (const [name, specs] of Object.entries({ burst, bad })) {
      const { beforeSeal, sealed } = tableOnsets([...specs, ...goodcoCalls(275)]);
      expect(sealed, name).toEqual([]);
      expect(beforeSeal, name).toEqual([]);
    }
  });
});

describe('refineOnsetsOfRows: the rows around an onset, read stretch by stretch', () => {
  // fundcoDay's rows as a read holds them: its 120 calls in file order, all attempts of trunk 0.
  const rows = 120;
  const starts = Array.from({ length: rows }, (_, i) => at('13:00') + 7000 * i);
  const kinds = Array.from({ length: rows }, (_, i) => (i >= 80 || i === 30 ? KIND_503 : 0));
  const trunkIds = new Array<number>(rows).fill(0);
  // The 1-minute bucket the counts found it in: 13:09:00, calls 78–119 (40 of 42 refused) after it, 1 of 78 before.
  const bucket: Onset = { trunk: 'fundco', kind: '503', atMs: at('13:09'), before: { n: 1, d: 78 }, after: { n: 40, d: 42 } };
  const ranOut = { trunk: 'fundco', kind: '503', atMs: at('13:09:20'), before: { n: 1, d: 80 }, after: { n: 40, d: 40 } };
  /** Calls 0–39 (13:00:00–13:04:33), 40–79 (to 13:09:13), 80–119 (13:09:20–13:13:53), as three pieces merged. */
  const stretches = [0, 40, 80].map((from) => ({ from, to: from + 40, minStart: starts[from]!, maxStart: starts[from + 39]! }));
  /** The trunk ids (read once per row the pass reads), counting the rows read. */
  const counted = () => {
    const read = { rows: 0 };
    const proxy = new Proxy(trunkIds, { get: (a, k) => (typeof k === 'string' && /^\d+$/.test(k) ? (read.rows++, a[Number(k)]) : Reflect.get(a, k)) });
    return { read, proxy };
  };

  it('finds the call the change began with, 13:09:20, reading only the stretches within a bucket of it (80 of 120 rows)', () => {
    const all = counted();
    expect(refineOnsetsOfRows([bucket], 60_000, ['fundco'], rows, starts, all.proxy, kinds)).toEqual([ranOut]);
    expect(all.read.rows).toBe(120);
    // 13:08:00–13:10:00: the first stretch ends at 13:04:33, and is not read.
    const some = counted();
    expect(refineOnsetsOfRows([bucket], 60_000, ['fundco'], rows, starts, some.proxy, kinds, stretches)).toEqual([ranOut]);
    expect(some.read.rows).toBe(80);
  });

  it('reads every row where the stretches do not cover the rows one after another', () => {
    for (const broken of [stretches.slice(1), [stretches[0]!, stretches[2]!], stretches.slice(0, 2)]) {
      const c = counted();
      expect(refineOnsetsOfRows([bucket], 60_000, ['fundco'], rows, starts, c.proxy, kinds, broken)).toEqual([ranOut]);
      expect(c.read.rows).toBe(120);
    }
  });
});

