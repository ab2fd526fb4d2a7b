import { describe, expect, it } from 'vitest';
import { AnalysisCache } from './analysis-cache';
import { analyzeDashboard, analyzeDashboardPanels, analyzeDashboardSteps, analyzeDashboardTop, analyzeTrunkTable } from './analyze-dashboard';
import { CallStore } from './call-store';
import { at, call, nonFinitePaths, query, storeOf } from './test-helpers';

describe('analyzeDashboard', () => {
  it('answers an empty store with zeros, empty lists and no NaN', () => {
    const data = analyzeDashboard(new CallStore(), query());
    expect(nonFinitePaths(data)).toEqual([]);
    expect(data).toMatchObject({ calls: 0, trunks: [], onsets: [], series: { buckets: [] } });
    expect(data.cps).toEqual({ peak: 0, p99: 0, levels: [], knee: null, peakPerBucket: [], wholeMinutes: false, wholeMinuteCallsLeftOut: 0 });
    expect(data.concurrency.available).toBe(false);
    expect(data.breakdowns.hours).toHaveLength(24);
    expect(data.breakdowns.prefixes).toEqual([]);
  });

  it('has no NaN for a single call, an all-failed store, unknown ends and an empty window', () => {
    const single = storeOf([{ start: at('10:00') }]);
    const allFailed = storeOf(Array.from({ length: 50 }, (_, i) => ({ trunk: i % 2 ? 'A' : 'B', start: at('10:00') + i * 700, sip: i % 3 ? 503 : 603, seconds: 0 })));
    const noEnds = storeOf([{ start: at('10:00'), seconds: null, talk: null }, { start: at('10:01'), seconds: null, destination: '' }]);
    const queries = [query(), query({ trunks: ['A'] }), query({ trunks: ['nobody'] }), query({ window: { fromMs: at('11:00'), toMs: at('11:00') } }), query({ window: { fromMs: at('03:00'), toMs: at('04:00') } })];
    for (const store of [single, allFailed, noEnds]) {
      for (const q of queries) expect(nonFinitePaths(analyzeDashboard(store, q)), JSON.stringify(q)).toEqual([]);
    }
    const failed = analyzeDashboard(allFailed, query()).trunks;
    expect(failed.map((t) => [t.asr.n, t.acdSec])).toEqual([
      [0, null],
      [0, null],
    ]);
  });

  it('reuses the cache across queries and rebuilds it when the store is sealed again', () => {
    const store = storeOf([{ start: at('10:00') }, { start: at('10:01'), sip: 503 }]);
    const cache = new AnalysisCache(store);
    expect(analyzeDashboard(store, query(), cache).calls).toBe(2);
    const index = cache.index();
    analyzeDashboard(store, query({ window: { fromMs: at('10:00'), toMs: at('10:00:30') } }), cache);
    expect(cache.index()).toBe(index);
    // The first query sealed the store: it is read-only until unsealed.
    expect(() => store.add(call({ start: at('09:00'), sip: 603 }))).toThrow(/sealed/);
    store.unseal();
    store.add(call({ start: at('09:00'), sip: 603 }));
    const data = analyzeDashboard(store, query(), cache);
    expect(data.calls).toBe(3);
    expect(data.span.fromMs).toBe(at('09:00'));
    store.unseal();
    store.renameTrunks(new Map([['A', 'carrier-a']]));
    expect(analyzeDashboard(store, query({ trunks: ['carrier-a'] }), cache).trunks[0]!.trunk).toBe('carrier-a');
  });

  it('answers in two parts, top and panels, that make the whole answer in its key order, whichever comes first', () => {
    // A: 10:00 answered 60 s, 10:00:30 503, 10:07 603, 10:12 answered 3 s · B: 10:02 answered, 10:20 503.
    const specs = [
      { trunk: 'A', start: at('10:00'), seconds: 60, talk: 60 },
      { trunk: 'A', start: at('10:00:30'), sip: 503, seconds: 1 },
      { trunk: 'B', start: at('10:02') },
      { trunk: 'A', start: at('10:07'), sip: 603, seconds: 1 },
      { trunk: 'A', start: at('10:12'), seconds: 3, talk: 3 },
      { trunk: 'B', start: at('10:20'), sip: 503, seconds: 1 },
    ];
    const asked = [
      query({ kpi: true, spanSeries: true, trunkLimit: 1 }),
      query({ trunks: ['A'], window: { fromMs: at('10:00'), toMs: at('10:10') }, kpi: true, spanSeries: true, trunkSeries: true }),
      query({ trunks: ['A', 'B'], window: { fromMs: at('10:05'), toMs: at('10:30') }, kpi: true, spanSeries: true, trunkSeries: true, bucketMs: 300_000 }),
    ];
    for (const q of asked) {
      const whole = analyzeDashboard(storeOf(specs), q);
      const store = storeOf(specs);
      const cache = new AnalysisCache(store);
      // Panels first (the table's counts the KPI reads are then made by the panels), then the top.
      const panels = analyzeDashboardPanels(store, q, cache);
      const top = analyzeDashboardTop(store, q, cache);
      const { onsets, calls, ...head } = top;
      const merged = { ...head, ...panels, onsets, calls };
      expect(JSON.stringify(merged), JSON.stringify(q)).toBe(JSON.stringify(whole));
      expect(Object.keys(panels)).toEqual(['cps', 'concurrency', 'breakdowns', 'codeReasons', 'kpi']);
      // The KPI's trunk rows and the top's trunk table count the same calls.
      for (const row of panels.kpi!.trunks) expect(row.attempts).toBe(whole.trunks.find((t) => t.trunk === row.key)?.attempts ?? whole.otherTrunks?.stats.attempts);
    }
    // Window 10:00–10:10, trunk A: 3 calls (answered, 503, 603); trunk B's 10:02 call is in the table, not the panels.
    const store = storeOf(specs);
    const q = asked[1]!;
    expect(analyzeDashboardTop(store, q).calls).toBe(3);
    expect(analyzeDashboardTop(store, q).trunks.map((t) => [t.trunk, t.attempts])).toEqual([
      ['A', 3],
      ['B', 1],
    ]);
    expect(analyzeDashboardPanels(store, q).breakdowns.hours[10]).toMatchObject({ attempts: 3, c503: 1, c603: 1 });
  });

  it('uses its own cache when given one made for another store', () => {
    const one = storeOf([{ start: at('10:00') }]);
    const two = storeOf([{ start: at('10:00') }, { start: at('10:01') }]);
    expect(analyzeDashboard(two, query(), new AnalysisCache(one)).calls).toBe(2);
  });

  it('answers the whole-span series with the window when asked (the timeline), equal to a window-null query', () => {
    // A: 10:00 answered, 10:00:30 503, 10:07 603 · B: 10:02 answered, 10:20 503.
    const store = storeOf([
      { trunk: 'A', start: at('10:00') },
      { trunk: 'A', start: at('10:00:30'), sip: 503, seconds: 1 },
      { trunk: 'B', start: at('10:02') },
      { trunk: 'A', start: at('10:07'), sip: 603, seconds: 1 },
      { trunk: 'B', start: at('10:20'), sip: 503, seconds: 1 },
    ]);
    const cache = new AnalysisCache(store);
    const asked = [
      query(),
      query({ trunks: ['A'] }),
      query({ trunks: ['B'], bucketMs: 600_000, window: { fromMs: at('10:15'), toMs: at('10:25') } }),
      query({ trunks: ['A', 'B'], window: { fromMs: at('10:00'), toMs: at('10:10') }, bucketMs: 300_000 }),
      query({ trunks: ['nobody'], window: { fromMs: at('10:00'), toMs: at('10:10') } }),
    ];
    for (const q of asked) {
      const withSpan = analyzeDashboard(store, { ...q, spanSeries: true }, cache);
      expect(withSpan.spanSeries, JSON.stringify(q)).toEqual(analyzeDashboard(store, { ...q, window: null }, cache).series);
      expect(withSpan.series).toEqual(analyzeDashboard(store, q, cache).series);
    }
    expect(analyzeDashboard(store, query(), cache).spanSeries).toBeUndefined();
    // Trunk A in 10-minute buckets, window 10:00–10:05: the span series still has 10:00, 10:10, 10:20 —
    // 3 attempts (1 answered, 1 capacity, 1 policy), then 0, 0.
    const a = analyzeDashboard(store, query({ trunks: ['A'], bucketMs: 600_000, window: { fromMs: at('10:00'), toMs: at('10:05') }, spanSeries: true }), cache).spanSeries!.buckets;
    expect(a.map((b) => [b.attempts, b.answered, b.capacity, b.policy, b.c503, b.c603])).toEqual([
      [3, 1, 1, 1, 1, 1],
      [0, 0, 0, 0, 0, 0],
      [0, 0, 0, 0, 0, 0],
    ]);
  });

  it('keeps a selection’s whole-span series from one brush to the next, and counts a call added to the store', () => {
    // A: 10:00 answered, 10:07 503 · B: 10:02 answered — in 10-minute buckets from 10:00.
    const store = storeOf([
      { trunk: 'A', start: at('10:00') },
      { trunk: 'B', start: at('10:02') },
      { trunk: 'A', start: at('10:07'), sip: 503, seconds: 1 },
    ]);
    const cache = new AnalysisCache(store);
    const brushed = (trunks: string[], fromMs: number) => analyzeDashboard(store, query({ trunks, bucketMs: 600_000, window: { fromMs, toMs: fromMs + 60_000 }, spanSeries: true, trunkSeries: true }), cache);
    const attempts = (d: ReturnType<typeof brushed>) => d.spanSeries!.buckets.map((b) => [b.attempts, b.c503]);
    for (const trunks of [['A'], ['A', 'B'], []]) {
      const first = brushed(trunks, at('10:00'));
      const second = brushed(trunks, at('10:05'));
      expect(second.spanSeries, trunks.join()).toEqual(first.spanSeries);
      expect(second.spanSeries).toEqual(analyzeDashboard(store, query({ trunks, bucketMs: 600_000 }), new AnalysisCache(store)).series);
    }
    expect(attempts(brushed(['A'], at('10:00')))).toEqual([[2, 1]]);
    // A 503 on A at 10:12: a second bucket, in A's span series and in A's small multiple.
    store.unseal();
    store.add(call({ trunk: 'A', start: at('10:12'), sip: 503, seconds: 1 }));
    expect(attempts(brushed(['A'], at('10:05')))).toEqual([
      [2, 1],
      [1, 1],
    ]);
    expect(brushed(['A', 'B'], at('10:05')).trunkSeries!.map((t) => [t.trunk, t.series.buckets.map((b) => b.attempts)])).toEqual([
      ['A', [2, 1]],
      ['B', [1, 0]],
    ]);
  });

  it('answers each selected trunk’s whole-span series when asked, in the span series’ buckets (small multiples)', () => {
    // A: 10:00 answered, 10:00:30 503, 10:07 603 · B: 10:02 answered, 10:20 503 — in 10-minute buckets.
    const store = storeOf([
      { trunk: 'A', start: at('10:00') },
      { trunk: 'A', start: at('10:00:30'), sip: 503, seconds: 1 },
      { trunk: 'B', start: at('10:02') },
      { trunk: 'A', start: at('10:07'), sip: 603, seconds: 1 },
      { trunk: 'B', start: at('10:20'), sip: 503, seconds: 1 },
    ]);
    const q = query({ trunks: ['B', 'A'], bucketMs: 600_000, window: { fromMs: at('10:00'), toMs: at('10:05') }, spanSeries: true, trunkSeries: true });
    const data = analyzeDashboard(store, q);
    expect(data.trunkSeries!.map((s) => [s.trunk, s.series.buckets.map((b) => [b.attempts, b.c503, b.c603])])).toEqual([
      ['B', [[1, 0, 0], [0, 0, 0], [1, 1, 0]]],
      ['A', [[3, 1, 1], [0, 0, 0], [0, 0, 0]]],
    ]);
    // Bucket by bucket they add up to the selection's span series.
    const sum = data.spanSeries!.buckets.map((b) => b.attempts);
    expect(sum).toEqual([4, 0, 1]);
    // One trunk, or not asked: none.
    expect(analyzeDashboard(store, { ...q, trunks: ['A'] }).trunkSeries).toBeUndefined();
    expect(analyzeDashboard(store, { ...q, trunkSeries: false }).trunkSeries).toBeUndefined();
  });

  it('reports the window asked for and the whole span', () => {
    const store = storeOf([{ start: at('10:00') }, { start: at('12:00') }]);
    const window = { fromMs: at('11:00'), toMs: at('13:00') };
    const data = analyzeDashboard(store, query({ window }));
    expect(data.window).toEqual(window);
    expect(data.span).toEqual({ fromMs: at('10:00'), toMs: at('12:00') + 1 });
    expect(data.calls).toBe(1);
  });

  it('answers the trunk table alone with the numbers of the whole answer, for every kind of query', () => {
    // A: 10:00 answered, 10:00:30 503, 10:07 603 · B: 10:02 answered, 10:20 503 · C: 10:03 answered.
    const store = storeOf([
      { trunk: 'A', start: at('10:00') },
      { trunk: 'A', start: at('10:00:30'), sip: 503, seconds: 1 },
      { trunk: 'B', start: at('10:02') },
      { trunk: 'C', start: at('10:03') },
      { trunk: 'A', start: at('10:07'), sip: 603, seconds: 1 },
      { trunk: 'B', start: at('10:20'), sip: 503, seconds: 1 },
    ]);
    const window = { fromMs: at('10:00'), toMs: at('10:10') };
    const asked = [query(), query({ trunks: ['B'] }), query({ window }), query({ window, trunks: ['A', 'C'] }), query({ trunkLimit: 1 }), query({ trunkLimit: 1, trunks: ['C'], window })];
    for (const q of asked) {
      // Each in a cache of its own and in one shared with the whole answers: the same table.
      const alone = analyzeTrunkTable(store, q, new AnalysisCache(store));
      const cache = new AnalysisCache(store);
      const whole = analyzeDashboard(store, q, cache);
      const table = { span: whole.span, window: whole.window, trunks: whole.trunks, onsets: whole.onsets, calls: whole.calls, ...('otherTrunks' in whole ? { otherTrunks: whole.otherTrunks } : {}) };
      expect(alone, JSON.stringify(q)).toEqual(table);
      expect(analyzeTrunkTable(store, q, cache)).toEqual(table);
    }
    // The worst trunk first: A refused 2 of 3, B 1 of 2, C none; in 10:00–10:10 A 2 of 3, B 0 of 1.
    expect(analyzeTrunkTable(store, query()).trunks.map((t) => [t.trunk, t.attempts, t.byOutcome.capacity + t.byOutcome.policy])).toEqual([
      ['A', 3, 2],
      ['B', 2, 1],
      ['C', 1, 0],
    ]);
    // Capped at one row plus the selected C: A shown, C kept, B summed in the rest (1 attempt in the window).
    const capped = analyzeTrunkTable(store, query({ trunkLimit: 1, trunks: ['C'], window }));
    expect(capped.trunks.map((t) => t.trunk)).toEqual(['A', 'C']);
    expect([capped.otherTrunks?.trunks, capped.otherTrunks?.stats.attempts, capped.calls]).toEqual([1, 1, 1]);
  });

  it('answers the page\'s first table (every trunk) with the rows, onsets and span of the worst trunk\'s top, which the page draws next', () => {
    // A: 2 of 3 refused, from 10:30 on · B: 1 of 2 · C: 0 of 3 · D: 1 call, answered.
    const store = storeOf([
      { trunk: 'A', start: at('10:00') },
      { trunk: 'B', start: at('10:02') },
      { trunk: 'C', start: at('10:03') },
      { trunk: 'C', start: at('10:04') },
      { trunk: 'C', start: at('10:06') },
      { trunk: 'D', start: at('10:05') },
      { trunk: 'A', start: at('10:30'), sip: 503, seconds: 1 },
      { trunk: 'A', start: at('10:31'), sip: 503, seconds: 1 },
      { trunk: 'B', start: at('10:40'), sip: 603, seconds: 1 },
    ]);
    for (const trunkLimit of [undefined, 2, 3]) {
      const cache = new AnalysisCache(store);
      const first = analyzeTrunkTable(store, query({ trunkLimit }), cache);
      const worst = first.trunks[0]!.trunk;
      const top = analyzeDashboardTop(store, query({ trunkLimit, trunks: [worst] }), cache);
      const label = `trunkLimit ${trunkLimit}`;
      expect(worst, label).toBe('A');
      expect(top.trunks, label).toEqual(first.trunks);
      expect(top.otherTrunks, label).toEqual(first.otherTrunks);
      expect(top.onsets, label).toEqual(first.onsets);
      expect([top.span, top.window], label).toEqual([first.span, first.window]);
      // The status line's count is not the table's: every call, then the worst trunk's.
      expect([first.calls, top.calls], label).toEqual([9, 3]);
    }
    // Capped at 2 rows: A and C (3 attempts each), B and D summed in "other" (3 attempts).
    const capped = analyzeTrunkTable(store, query({ trunkLimit: 2 }));
    expect(capped.trunks.map((t) => [t.trunk, t.attempts])).toEqual([['A', 3], ['C', 3]]);
    expect([capped.otherTrunks?.trunks, capped.otherTrunks?.stats.attempts]).toEqual([2, 3]);
  });

  it('gives the same answer in steps as its parts asked in another order, on a cache that answered another query first', () => {
    // A: 3 calls 10:00-10:02 (one 503), B: 2 calls (one 603); the window holds A's first two and B's first.
    const store = storeOf([
      { trunk: 'A', start: at('10:00') },
      { trunk: 'A', start: at('10:01'), sip: 503, seconds: 0 },
      { trunk: 'B', start: at('10:01:30'), sip: 603, seconds: 0 },
      { trunk: 'A', start: at('10:02') },
      { trunk: 'B', start: at('10:03') },
    ]);
    for (const q of [query(), query({ trunks: ['A'], window: { fromMs: at('10:00'), toMs: at('10:01:45') }, kpi: true, spanSeries: true })]) {
      const steps = analyzeDashboardSteps(store, q);
      let pauses = 0;
      let step = steps.next();
      for (; !step.done; step = steps.next()) pauses++;
      // After the top, CPS, concurrency, the number keys, breakdowns, codes (and the KPI when asked for) each come after a pause.
      expect(pauses).toBe(q.kpi ? 6 : 5);
      // The worker asks for the panels and the top separately, in either order, with the cache's memos warm from other queries.
      const cache = new AnalysisCache(store);
      analyzeDashboard(store, query({ trunks: ['B'] }), cache);
      const panels = analyzeDashboardPanels(store, q, cache);
      const { onsets, calls, ...head } = analyzeDashboardTop(store, q, cache);
      expect(JSON.stringify(step.value)).toBe(JSON.stringify({ ...head, ...panels, onsets, calls }));
    }
    const windowed = analyzeDashboard(store, query({ trunks: ['A'], window: { fromMs: at('10:00'), toMs: at('10:01:45') } }));
    expect([windowed.calls, windowed.trunks.find((t) => t.trunk === 'A')?.rate503.n]).toEqual([2, 1]);
  });
});
