import { describe, expect, it } from 'vitest';
import { AnalysisCache } from './analysis-cache';
import { analyzeDashboard, analyzeTrunkTable, prepareWindowCountSteps } from './analyze-dashboard';
import { runToEnd } from './run-to-end';
import { CallStore } from './call-store';
import { at, call, query, storeOf, type CallSpec } from './test-helpers';
import { countBlocks, windowCounts } from './window-counts';

/**
 * 30,000 calls, one a second from 00:00:00 (call i at second i): trunk B when i % 3 = 2, else A;
 * 503 when i % 4 = 0, else answered with 20 s of talk. Over [01:00, 05:00) (i = 3600 … 17999,
 * 14,400 calls; 3600 and 18000 are multiples of 12): A has 9,600, B 4,800; the 503s are
 * i % 4 = 0, 3,600 of them, B's where i % 12 = 8 (1,200), A's the other 2,400.
 */
function day(talk = 20): CallSpec[] {
  return Array.from({ length: 30_000 }, (_, i) => ({
    trunk: i % 3 === 2 ? 'B' : 'A',
    start: at('00:00') + i * 1000,
    ...(i % 4 === 0 ? { sip: 503, seconds: 0 } : { sip: 200, seconds: talk, talk }),
  }));
}

describe('window counts', () => {
  it('counts a window spanning whole blocks as one pass does: the trunk table and the KPI trunk rows, by hand', () => {
    const store = storeOf(day());
    const cache = new AnalysisCache(store);
    expect(countBlocks(cache.index())).not.toBeNull();
    const data = analyzeDashboard(store, query({ window: { fromMs: at('01:00'), toMs: at('05:00') }, kpi: true }), cache);
    const rows = data.trunks.map((t) => [t.trunk, t.attempts, t.rate503.n, t.answered, t.acdSec]);
    expect(rows).toEqual([
      ['A', 9600, 2400, 7200, 20],
      ['B', 4800, 1200, 3600, 20],
    ]);
    // Every answered call lasted 20 s: none of 19 s or less, all of 20 s or less.
    const kpi = data.kpi!.trunks.map((r) => [r.key, r.attempts, r.talkSec, r.shortAnswered[19], r.shortAnswered[20], r.shortAnswered[30]]);
    expect(kpi).toEqual([
      ['A', 9600, 7200 * 20, 0, 7200, 7200],
      ['B', 4800, 3600 * 20, 0, 3600, 3600],
    ]);
  });

  it('gives every window the counts of one pass over its calls (edges inside blocks, on boundaries, within one block)', () => {
    const index = new AnalysisCache(storeOf(day())).index();
    const blocks = countBlocks(index)!;
    expect(blocks.size).toBe(4096);
    const windows: Array<[number, number]> = [
      [0, 30_000],
      [0, 4096],
      [4096, 8192],
      [1, 29_999],
      [4095, 8193],
      [5000, 5001],
      [100, 4000],
      [8191, 28_673],
      [12_345, 30_000],
    ];
    for (const [lo, hi] of windows) expect(windowCounts(index, lo, hi, blocks)).toEqual(windowCounts(index, lo, hi, null));
  });

  it('counts the whole-file trunk table in one pass, without the blocks, which the first window makes', () => {
    const store = storeOf(day());
    const cache = new AnalysisCache(store);
    // The whole day: 30,000 calls, the 7,500 with i % 4 = 0 503s (B's where i % 12 = 8: 2,500).
    const whole = analyzeTrunkTable(store, query(), cache).trunks.map((t) => [t.trunk, t.attempts, t.rate503.n]);
    expect(whole).toEqual([
      ['A', 20_000, 5000],
      ['B', 10_000, 2500],
    ]);
    // Blocks made now add their bytes (8 rows × 2 trunks × 2 code combinations and more): none were made before.
    const before = cache.byteSize();
    runToEnd(prepareWindowCountSteps(store, cache));
    expect(cache.byteSize()).toBeGreaterThan(before);
    expect(analyzeTrunkTable(store, query(), cache).trunks.map((t) => [t.trunk, t.attempts, t.rate503.n])).toEqual(whole);
  });

  it('makes ahead the inbound starts a window\'s table counts beside the attempts, answering as a cache that did not', () => {
    // The day with every tenth call (i % 10 = 9) inbound.
    const withInbound = () => {
      const store = new CallStore(4);
      day().forEach((spec, i) => store.add({ ...call(spec), direction: i % 10 === 9 ? 'inbound' : 'outbound' }));
      return store;
    };
    const store = withInbound();
    const cache = new AnalysisCache(store);
    runToEnd(prepareWindowCountSteps(store, cache));
    const prepared = cache.byteSize();
    // Asked for now, they are the ones made: nothing is added.
    cache.inboundStarts();
    expect(cache.byteSize()).toBe(prepared);
    const window = { fromMs: at('01:00'), toMs: at('05:00') };
    const inbound = analyzeTrunkTable(store, query({ window }), cache).trunks.map((t) => [t.trunk, t.inbound]);
    // i = 3600 … 17999 with i % 10 = 9: 1,440 calls; B's are i % 30 = 29 (480), A's the other 960.
    expect(inbound.sort()).toEqual([
      ['A', 960],
      ['B', 480],
    ]);
    const plain = withInbound();
    expect(analyzeTrunkTable(store, query({ window }), cache)).toEqual(analyzeTrunkTable(plain, query({ window })));
  });

  it('answers a brush that comes between the steps as a fresh cache does, finishing the steps rather than counting again', () => {
    const store = storeOf(day());
    const cache = new AnalysisCache(store);
    const window = { fromMs: at('01:00'), toMs: at('05:00') };
    // A step per block row (4,096 calls): the 30,000 calls' 8 rows take 7 steps, then the inbound starts one more.
    const stepsOf = (s: Generator<null, void>) => {
      let n = 0;
      while (!s.next().done) n++;
      return n;
    };
    expect(stepsOf(prepareWindowCountSteps(storeOf(day()), undefined, 4096))).toBe(8);
    const steps = prepareWindowCountSteps(store, cache, 4096);
    expect(steps.next().done).toBe(false);
    expect(steps.next().done).toBe(false);
    // The brush comes two steps in: it finishes the blocks under way; the steps left are the inbound starts'.
    const brushed = analyzeTrunkTable(store, query({ window }), cache);
    expect(stepsOf(steps)).toBe(1);
    expect(brushed).toEqual(analyzeTrunkTable(storeOf(day()), query({ window })));
    expect(analyzeTrunkTable(store, query({ window }), cache)).toEqual(brushed);
  });

  it('keeps no blocks for talk times that are not whole seconds (their sums would round differently)', () => {
    expect(countBlocks(new AnalysisCache(storeOf(day(20.5))).index())).toBeNull();
  });
});
