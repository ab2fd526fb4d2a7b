import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { analyzeDashboard } from './analyze-dashboard';
import { FOLD_END, FOLD_START } from './clock-fold';
import { findPlateau } from './concurrency';
import { at, query, storeOf, type CallSpec } from './test-helpers';

describe('concurrency', () => {
  it('finds a plateau at 3 with 503s only when 3 calls are up', () => {
    const specs: CallSpec[] = [
      // Morning: one call at a time, then two overlapping (levels 0 and 1 at their starts).
      ...Array.from({ length: 6 }, (_, i) => ({ start: at('09:00') + i * 120_000, seconds: 60 })),
      { start: at('09:20'), seconds: 100 },
      { start: at('09:20:30'), seconds: 100 }, // starts at level 1
      // 10:00:00–10:05:00 three calls up (level 3 from 10:00:02 to 10:05:00).
      { start: at('10:00:00'), seconds: 300 },
      { start: at('10:00:01'), seconds: 299 },
      { start: at('10:00:02'), seconds: 298 },
      // Every 10 s while they are up: an attempt refused with 503 (a reject holds no channel).
      ...Array.from({ length: 28 }, (_, i) => ({ start: at('10:00:10') + i * 10_000, sip: 503, seconds: 1 })),
    ];
    const { concurrency } = analyzeDashboard(storeOf(specs), query({ bucketMs: 60_000, window: { fromMs: at('09:00'), toMs: at('10:10') } }));
    expect(concurrency.available).toBe(true);
    expect(concurrency.peak).toBe(3);
    expect(concurrency.levels).toEqual([
      { level: 0, attempts: 8, c503: 0 }, // 6 morning calls, 09:20, 10:00:00
      { level: 1, attempts: 2, c503: 0 }, // 09:20:30, 10:00:01
      { level: 2, attempts: 1, c503: 0 }, // 10:00:02
      { level: 3, attempts: 28, c503: 28 },
    ]);
    expect(concurrency.plateau).toEqual({ level: 3, seconds: 298, atPlateau: { n: 28, d: 28 }, below: { n: 0, d: 11 } });
    const maxAt = (clock: string) => concurrency.maxPerBucket.find((b) => b.t === at(clock))?.max;
    expect(concurrency.maxPerBucket).toHaveLength(70);
    expect(maxAt('09:00')).toBe(1);
    expect(maxAt('09:01')).toBe(0);
    expect(maxAt('09:21')).toBe(2); // 09:20:30–09:21:40 both up
    expect(maxAt('10:03')).toBe(3); // no event inside: the level carried
    expect(maxAt('10:05')).toBe(0); // the three ended at 10:05:00
  });

  it('counts a call ending exactly when another starts as gone (ends first)', () => {
    const store = storeOf([
      { start: at('10:00:00'), seconds: 10 },
      { start: at('10:00:10'), seconds: 10 },
    ]);
    expect(analyzeDashboard(store, query()).concurrency.levels).toEqual([{ level: 0, attempts: 2, c503: 0 }]);
  });

  it('sees calls started before the brushed window, and only the selected trunks', () => {
    const store = storeOf([
      { trunk: 'A', start: at('09:00'), seconds: 7200 },
      { trunk: 'B', start: at('09:30'), seconds: 7200 },
      { trunk: 'A', start: at('10:30') },
    ]);
    const window = { fromMs: at('10:00'), toMs: at('11:00') };
    const a = analyzeDashboard(store, query({ trunks: ['A'], window })).concurrency;
    expect(a.levels).toEqual([
      { level: 0, attempts: 0, c503: 0 },
      { level: 1, attempts: 1, c503: 0 },
    ]);
    expect(a.peak).toBe(2);
    const both = analyzeDashboard(store, query({ window })).concurrency;
    expect(both.levels.at(-1)).toEqual({ level: 2, attempts: 1, c503: 0 });
    expect(both.peak).toBe(3);
  });

  it('is unavailable when fewer than half the calls have an end', () => {
    const store = storeOf([
      { start: at('10:00'), seconds: null },
      { start: at('10:01'), seconds: null },
      { start: at('10:02'), seconds: 60 },
    ]);
    expect(analyzeDashboard(store, query()).concurrency).toEqual({ available: false, peak: 0, maxPerBucket: [], levels: [], plateau: null });
  });

  it('agrees with counting by hand on random calls', () => {
    let seed = 7;
    const rnd = () => ((seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31);
    const specs: CallSpec[] = Array.from({ length: 400 }, () => ({
      trunk: rnd() < 0.5 ? 'A' : 'B',
      start: at('10:00') + Math.floor(rnd() * 600) * 1000,
      seconds: Math.floor(rnd() * 120),
      sip: rnd() < 0.2 ? 503 : 200,
    }));
    const store = storeOf(specs);
    const window = { fromMs: at('10:03'), toMs: at('10:07') };
    for (const trunks of [['A'], ['A', 'B'], []]) {
      const { concurrency } = analyzeDashboard(store, query({ trunks, window }));
      // By hand: for each selected attempt in the window, the selection's non-rejected calls up at
      // its start — started earlier and ending after it — and, of the calls starting at that same
      // instant, those taken first: the taken ones one channel up each, the refused ones at the top.
      const selected = specs.filter((s) => trunks.length === 0 || trunks.includes(s.trunk!));
      const expected = new Map<number, number>();
      const add = (level: number) => expected.set(level, (expected.get(level) ?? 0) + 1);
      for (const t of new Set(selected.map((s) => s.start))) {
        if (t < window.fromMs || t >= window.toMs) continue;
        const up = selected.filter((o) => o.sip !== 503 && o.start < t && o.start + o.seconds! * 1000 > t).length;
        const burst = selected.filter((s) => s.start === t);
        const taken = burst.filter((s) => s.sip !== 503).length;
        for (let j = 0; j < taken; j++) add(up + j);
        for (let j = taken; j < burst.length; j++) add(up + taken);
      }
      const got = new Map(concurrency.levels.filter((l) => l.attempts > 0).map((l) => [l.level, l.attempts]));
      expect(got, trunks.join('+') || 'all').toEqual(expected);
    }
  });
});

describe('a burst of calls in one second', () => {
  it('the calls taken come first, one channel up each, the refused ones at the level the burst reached, whatever the order of its rows', () => {
    // 3 calls at 10:00:00; at 10:00:10 a burst of 4 in the same second, the carrier takes 2 and refuses 2.
    const up: CallSpec[] = [0, 1, 2].map(() => ({ trunk: 'A', start: at('10:00:00'), seconds: 60, sip: 200 }));
    const burst: CallSpec[] = [503, 200, 503, 200].map((sip) => ({ trunk: 'A', start: at('10:00:10'), seconds: 30, sip }));
    for (const rows of [[...up, ...burst], [...up, ...burst].reverse(), [...burst, ...up]]) {
      const { concurrency } = analyzeDashboard(storeOf(rows), query());
      // 10:00:00: levels 0, 1, 2. 10:00:10: the 2 taken at 3 and 4, the 2 refused at 5 (a channel
      // cap of 5 refuses a call when 5 are up).
      expect(concurrency.levels).toEqual([
        { level: 0, attempts: 1, c503: 0 },
        { level: 1, attempts: 1, c503: 0 },
        { level: 2, attempts: 1, c503: 0 },
        { level: 3, attempts: 1, c503: 0 },
        { level: 4, attempts: 1, c503: 0 },
        { level: 5, attempts: 2, c503: 2 },
      ]);
      expect(concurrency.peak).toBe(5);
    }
  });
});

describe('a channel cap with bursts in whole seconds', () => {
  it('is found at the cap in any row order: the refused calls of a burst count at the level it reached', () => {
    // 09:50–09:59:30: one 20-second call every 30 s (clean, 1 up at most). 10:00:00: 3 calls held 5
    // minutes fill a cap of 3, and a 4th in that second is refused; then every 10 s to 10:04:50 a
    // burst of 2, both refused.
    const clean: CallSpec[] = Array.from({ length: 20 }, (_, i) => ({ trunk: 'A', start: at('09:50') + i * 30_000, seconds: 20, sip: 200 }));
    const fill: CallSpec[] = [503, 200, 200, 200].map((sip) => ({ trunk: 'A', start: at('10:00'), seconds: sip === 200 ? 300 : 0, sip }));
    const bursts: CallSpec[] = Array.from({ length: 29 }, (_, i) => [0, 1].map(() => ({ trunk: 'A', start: at('10:00:10') + i * 10_000, seconds: 0, sip: 503 }))).flat();
    const rows = [...clean, ...fill, ...bursts];
    for (const order of [rows, [...rows].reverse()]) {
      const { concurrency } = analyzeDashboard(storeOf(order), query());
      expect(concurrency.plateau).toMatchObject({ level: 3, atPlateau: { n: 59, d: 59 }, below: { n: 0, d: 23 } });
    }
  });
});

describe('concurrency of one trunk', () => {
  it('is the same among other trunks’ traffic as in a file of its calls only, in any window and buckets', () => {
    // Whole-second starts and ends (as Master.csv writes them): many ends and starts share a time.
    const spec = fc.record({
      trunk: fc.constantFrom('A', 'B', 'C'),
      second: fc.integer({ min: 0, max: 900 }),
      seconds: fc.option(fc.integer({ min: 0, max: 120 }), { nil: null }),
      sip: fc.constantFrom(200, 200, 200, 503, 603, 486),
    });
    const window = fc.option(
      fc.tuple(fc.integer({ min: -60, max: 960 }), fc.integer({ min: 0, max: 600 })).map(([from, length]) => ({ fromMs: at('10:00') + from * 1000, toMs: at('10:00') + (from + length) * 1000 })),
      { nil: null },
    );
    fc.assert(
      fc.property(fc.array(spec, { minLength: 1, maxLength: 300 }), window, fc.constantFrom(1000, 60_000, null), (calls, w, bucketMs) => {
        const specs: CallSpec[] = calls.map((c) => ({ trunk: c.trunk, start: at('10:00') + c.second * 1000, seconds: c.seconds, sip: c.sip }));
        const alone = specs.filter((c) => c.trunk === 'A');
        if (alone.length === 0) return;
        // The same window and buckets in both (null would be each store's own span).
        const fixed = w ?? { fromMs: at('10:00'), toMs: at('10:15') };
        const among = analyzeDashboard(storeOf(specs), query({ trunks: ['A'], window: fixed, bucketMs })).concurrency;
        const only = analyzeDashboard(storeOf(alone), query({ window: fixed, bucketMs })).concurrency;
        expect(among).toEqual(only);
      }),
      { numRuns: 300 },
    );
  });
});

describe('findPlateau', () => {
  const levels = (...rows: Array<[number, number, number]>) => rows.map(([level, attempts, c503]) => ({ level, attempts, c503 }));

  it('needs time at the level, (almost) nothing above it, and 503s there', () => {
    const time = [1000e3, 500e3, 400e3, 90e3]; // ms at levels 0..3
    const ok = levels([0, 50, 0], [1, 40, 1], [2, 30, 0], [3, 12, 10]);
    expect(findPlateau(time, ok)).toEqual({ level: 3, seconds: 90, atPlateau: { n: 10, d: 12 }, below: { n: 1, d: 120 } });
    // A busiest level without 503s is not a cap.
    expect(findPlateau(time, levels([0, 50, 0], [1, 40, 1], [2, 30, 0], [3, 12, 0]))).toBeNull();
    // Exceeded for more than 1 % of the busy time: not a ceiling.
    expect(findPlateau([...time, 30e3], levels([0, 50, 0], [1, 40, 1], [2, 30, 0], [3, 12, 10], [4, 3, 0]))).toBeNull();
    // Briefly exceeded (< 1 %): still the plateau.
    expect(findPlateau([...time, 2e3], levels([0, 50, 0], [1, 40, 1], [2, 30, 0], [3, 12, 10], [4, 1, 0]))?.level).toBe(3);
    // Too little time at the top level: the next level down is looked at instead.
    expect(findPlateau([1000e3, 500e3, 400e3, 20e3], ok)).toBeNull();
    expect(findPlateau([0], [])).toBeNull();
  });

  it('whole-second times under heavy overload: the level just under the cap, saturated too, is kept out of "below"', () => {
    // Cap 4: at level 4 every attempt is refused; at 3, 45 of 100 (a call ended in the same second
    // as the refusal and counts as gone); below, 2 of 150.
    const time = [100e3, 200e3, 300e3, 400e3, 900e3];
    const heavy = levels([0, 50, 0], [1, 50, 1], [2, 50, 1], [3, 100, 45], [4, 1000, 1000]);
    // The band is level 3 only (one level at most), reported apart as `near`.
    expect(findPlateau(time, heavy)).toEqual({ level: 4, seconds: 900, atPlateau: { n: 1000, d: 1000 }, below: { n: 2, d: 150 }, near: { n: 45, d: 100, fromLevel: 3 } });
    // A top level refusing only some (a rate limit's spread 503s) gets no band.
    expect(findPlateau(time, levels([0, 50, 0], [1, 50, 1], [2, 50, 1], [3, 100, 45], [4, 1000, 600]))?.near).toBeUndefined();
  });
});

/**
 * An hour the file shows twice (clocks went back, clock-fold.ts): calls whose wall times overlap
 * but that were an hour apart. Bits as the ingest marks them: FOLD_START | FOLD_END a call of the
 * second pass, FOLD_END alone one begun in the first pass and ended in the second.
 */
describe('concurrency in an hour the file shows twice', () => {
  it('counts a call of the second pass apart from the first pass’s at the same wall time, and a call across the change as up until its end', () => {
    const SECOND = FOLD_START | FOLD_END;
    const specs: CallSpec[] = [
      { start: at('01:00:00'), seconds: 600 }, // first pass, 01:00–01:10
      { start: at('01:58:00'), seconds: -53 * 60, fold: FOLD_END }, // 01:58 → 01:05 of the second pass, as the file writes its end (7 min)
      { start: at('01:02:00'), seconds: 60, fold: SECOND }, // second pass: the 01:58 call is up
      { start: at('01:05:00'), seconds: 600, fold: SECOND }, // second pass, 01:05–01:15: the 01:58 call ended at 01:05 (ends first)
    ];
    const { concurrency } = analyzeDashboard(storeOf(specs), query({ bucketMs: 600_000, window: { fromMs: at('01:00'), toMs: at('02:00') } }));
    // At their starts: 01:00 0, 01:58 0 (the 01:00 call ended at 01:10), 01:02 1 (the 01:58 call), 01:05 0.
    // (Read as one hour, 01:02 and 01:05 would start beside the 01:00 call, and the 01:58 call would hold nothing.)
    expect(concurrency.levels).toEqual([
      { level: 0, attempts: 3, c503: 0 },
      { level: 1, attempts: 1, c503: 0 },
    ]);
    expect(concurrency.peak).toBe(2); // 01:02–01:03 of the second pass
    // By wall time: 01:00–01:10 holds the second pass's 2; 01:10–01:20 its 01:05 call; 01:50–02:00 the 01:58 call.
    expect(concurrency.maxPerBucket.map((b) => b.max)).toEqual([2, 1, 0, 0, 0, 1]);
  });
});
