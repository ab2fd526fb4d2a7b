/**
 * DashboardQuery → DashboardData (dashboard-types.ts): the pure analysis behind the dashboard.
 * Runs in the worker on every brush or selection change, so it reads only the cache's
 * start-ordered typed columns over the window's range, in a few linear passes; whole-span results
 * (trend lines, onsets) are computed once per store and reused.
 */
import { runToEnd, SharedSteps } from './run-to-end';
import { AnalysisCache, type CallIndex, type IndexNames } from './analysis-cache';
import { breakdowns } from './breakdowns';
import { carrierKpi } from './carrier-kpi';
import { codeReasons } from './code-reasons';
import type { CallStore } from './call-store';
import { concurrencyAnalysis } from './concurrency';
import { cpsAnalysis } from './cps';
import { failoverRetries, trunkFailovers } from './failover';
import type { DashboardData, DashboardPanels, DashboardQuery, DashboardTop, Onset, TimeSeries, TimeWindow, TrunkTable } from './dashboard-types';
import type { SpanCounts } from './span-counts';
import { onsets } from './span-onsets';
import { resolveSelection, spanOf, type Selection } from './selection';
import { layoutFor, timeSeries, trunksSpanSeries } from './time-series';
import { trends } from './trend';
import { capTrunkStats, trunkCounts, trunkCountsOf, type TrunkCounts } from './trunk-stats';
import { lowerBound } from './sort-order';
import { BLOCK_CALLS_PER_STEP, countBlocks, countBlockSteps, type CountBlocks } from './window-counts';

/** Small multiples past this many would bury the page (and the worker's answer): the first ones only. */
export const TRUNK_SERIES_MAX = 12;

const fallbackCaches = new WeakMap<CallStore, AnalysisCache>();
/** Trunks in the KPI panel when the query does not cap the table (the selected ones always). */
const KPI_TRUNKS = 200;
/** Caller IDs judged in the KPI panel: far more than it draws, so "nothing flagged" covers them. */
const KPI_CALLER_IDS = 500;

/** The query's trunk table alone (dashboard-types.ts TrunkTable): the numbers analyzeDashboard answers for it. */
export function analyzeTrunkTable(store: CallStore, query: DashboardQuery, cache?: AnalysisCache): TrunkTable {
  const c = cacheFor(store, cache);
  return trunkTableOf(c, query, resolveSelection(c, query)).table;
}

export function analyzeDashboard(store: CallStore, query: DashboardQuery, cache?: AnalysisCache): DashboardData {
  return runToEnd(analyzeDashboardSteps(store, query, cache));
}

/**
 * analyzeDashboard in steps (null between them: the top, then each panel), for a caller that
 * answers other questions in between (the worker's diagnosis: a trunk's whole-file answer is
 * ~40–350 ms at a million calls, and a brush must not wait behind all of it).
 */
export function* analyzeDashboardSteps(store: CallStore, query: DashboardQuery, cache?: AnalysisCache): Generator<null, DashboardData> {
  const { onsets, calls, ...head } = analyzeDashboardTop(store, query, cache);
  yield null;
  const panels = yield* analyzeDashboardPanelSteps(store, query, cache);
  // In the order the CLI's JSON has always listed them.
  return { ...head, ...panels, onsets, calls };
}

/** The first screen's part of analyzeDashboard's answer (dashboard-types.ts DashboardTop). */
export function analyzeDashboardTop(store: CallStore, query: DashboardQuery, cache?: AnalysisCache): DashboardTop {
  const c = cacheFor(store, cache);
  const index = c.index();
  const sel = resolveSelection(c, query);
  const layout = layoutFor(sel.window, query.bucketMs);
  // Built with the first query, not with the first click on a trunk: selecting one stays fast.
  c.trunkPositions();
  const series = timeSeries(index, sel, layout);
  const { table } = trunkTableOf(c, query, sel);
  return {
    span: table.span,
    window: table.window,
    trunks: table.trunks,
    ...('otherTrunks' in table ? { otherTrunks: table.otherTrunks } : {}),
    // Like the table: every trunk's rejections in the window; the retry links are found once per store.
    failover: c.recent(`failover:${sel.lo}:${sel.hi}`, () => trunkFailovers(index, c.memo('failover-retries', () => failoverRetries(store, index)), sel.lo, sel.hi)),
    series,
    ...(query.spanSeries ? { spanSeries: query.window === null ? series : spanSeriesOf(c, query) } : {}),
    ...(query.trunkSeries && query.trunks.length > 1 ? { trunkSeries: query.trunks.slice(0, TRUNK_SERIES_MAX).map((trunk) => ({ trunk, series: spanSeriesOf(c, { ...query, trunks: [trunk] }) })) } : {}),
    onsets: table.onsets,
    calls: table.calls,
  };
}

/** The panels' part of analyzeDashboard's answer (dashboard-types.ts DashboardPanels). */
export function analyzeDashboardPanels(store: CallStore, query: DashboardQuery, cache?: AnalysisCache): DashboardPanels {
  return runToEnd(analyzeDashboardPanelSteps(store, query, cache));
}

/**
 * analyzeDashboardPanels with a step (null) after each panel, and after the number keys the
 * breakdowns read first (made once per store: ~90 ms at a million calls).
 */
export function* analyzeDashboardPanelSteps(store: CallStore, query: DashboardQuery, cache?: AnalysisCache): Generator<null, DashboardPanels> {
  const c = cacheFor(store, cache);
  const index = c.index();
  const sel = resolveSelection(c, query);
  const layout = layoutFor(sel.window, query.bucketMs);
  const cps = cpsAnalysis(index, sel, layout);
  yield null;
  const concurrency = concurrencyAnalysis(c, sel, layout);
  yield null;
  c.numberKeys();
  yield null;
  const counts = breakdowns(c, sel, query.topN);
  yield null;
  const reasons = codeReasons(c, sel);
  if (!query.kpi) return { cps, concurrency, breakdowns: counts, codeReasons: reasons };
  yield null;
  // The KPI's trunk rows are the table's counts (kept among the recent values: the top's, when it came first).
  const kpi = carrierKpi(c, sel, { trunks: query.trunkLimit ?? KPI_TRUNKS, callerIds: KPI_CALLER_IDS, keepTrunks: query.trunks }, trunkTableOf(c, query, sel).counts);
  return { cps, concurrency, breakdowns: counts, codeReasons: reasons, kpi };
}

function trunkTableOf(c: AnalysisCache, query: DashboardQuery, sel: Selection): { table: TrunkTable; counts: TrunkCounts } {
  const index = c.index();
  const span = spanOf(index);
  const trendLines = c.memo(TRENDS_KEY, () => trends(index, span));
  // The table covers every trunk over the window: the same for any selection in that window.
  // The whole span's counts are one pass, kept per store like its trends: the first table does not
  // wait for the count blocks (a pass of their own), which only a brushed window reads. A window's
  // are keyed by its times too: inbound calls are outside the index's positions.
  const inbound = (window: TimeWindow | null) => inboundCounts(c.inboundStarts(), window);
  const counts =
    query.window === null
      ? c.memo(SPAN_COUNTS_KEY, () => withInbound(trunkCounts(index, sel, trendLines), index.trunkNames, inbound(null)))
      : c.recent(`trunk-stats:${sel.lo}:${sel.hi}:${sel.window.fromMs}:${sel.window.toMs}`, () =>
          withInbound(trunkCounts(index, sel, trendLines, countBlocksOf(c)), index.trunkNames, inbound(sel.window)),
        );
  const allOnsets = c.memo(ONSETS_KEY, () => onsets(index, span));
  return { table: tableOf(index, query, counts, span, sel.window, allOnsets, sel.pHi - sel.pLo), counts };
}

/** The memo keys of the whole span's trunk counts, trend lines and onsets (kept from a table made before the seal: keepSpanCounts). */
const SPAN_COUNTS_KEY = 'trunk-stats:span';
const TRENDS_KEY = 'trends';
const ONSETS_KEY = 'onsets';

/** The table of `counts` (every trunk's, over `window`), capped as `query` asks. */
function tableOf(names: IndexNames, query: DashboardQuery, counts: TrunkCounts, span: TimeWindow, window: TimeWindow, allOnsets: Onset[], calls: number): TrunkTable {
  const capped = query.trunkLimit === undefined ? null : capTrunkStats(names, counts, query.trunkLimit, query.trunks);
  const shownTrunks = capped?.other ? new Set(capped.trunks.map((t) => t.trunk)) : null;
  return {
    span,
    window,
    trunks: capped ? capped.trunks : counts.stats,
    ...(capped ? { otherTrunks: capped.other } : {}),
    onsets: shownTrunks ? allOnsets.filter((o) => shownTrunks.has(o.trunk)) : allOnsets,
    calls,
  };
}

/**
 * The whole-file trunk table `query` asks for (its window is null) from counts made before the
 * seal (span-counts.ts): the numbers analyzeTrunkTable answers once the store is sealed.
 */
export function spanTrunkTable(early: SpanCounts, query: DashboardQuery): TrunkTable {
  const counts = spanTrunkCounts(early);
  // The selected trunks' attempts (every trunk's when none is named), as the selection counts them.
  const selected = new Set(query.trunks);
  const calls = query.trunks.length === 0 ? early.attempts : counts.stats.reduce((n, s) => n + (selected.has(s.trunk) ? s.attempts : 0), 0);
  return tableOf(early.names, query, counts, early.span, early.span, early.onsets, calls);
}

/**
 * Keep `early` (counted before `store` was sealed) as the whole span's counts, trend lines and
 * onsets of its cache, which the first answers after the seal then do not count again.
 */
export function keepSpanCounts(store: CallStore, early: SpanCounts, cache?: AnalysisCache): void {
  const c = cacheFor(store, cache);
  const index = c.index();
  // Numbered alike by construction; a store changed since is counted afresh.
  if (index.n !== early.attempts || index.trunkCount !== early.names.trunkCount || index.codes.size !== early.names.codes.size) return;
  c.memo(TRENDS_KEY, () => early.trends);
  c.memo(ONSETS_KEY, () => early.onsets);
  c.memo(SPAN_COUNTS_KEY, () => spanTrunkCounts(early));
}

/** `early`'s trunk counts: stats from its flat table, a pass over trunks × combinations, not calls. */
function spanTrunkCounts(early: SpanCounts): TrunkCounts {
  return withInbound(trunkCountsOf(early.names, early.counts, early.trends), early.names.trunkNames, early.inbound);
}

/** Per trunk id: its inbound calls started in the window (all of them for the whole export). */
function inboundCounts(starts: readonly Float64Array[], window: TimeWindow | null): number[] {
  return starts.map((list) => (window === null ? list.length : lowerBound(list, list.length, window.toMs) - lowerBound(list, list.length, window.fromMs)));
}

/** Each trunk's inbound calls (`inbound`, by trunk id), beside its attempts. */
function withInbound(counts: TrunkCounts, names: readonly string[], inbound: readonly number[]): TrunkCounts {
  const byName = new Map<string, number>();
  names.forEach((name, t) => {
    const n = inbound[t] ?? 0;
    if (n > 0) byName.set(name, n);
  });
  for (const s of counts.stats) s.inbound = byName.get(s.trunk) ?? 0;
  return counts;
}

/**
 * The store's cumulative trunk counts (window-counts.ts), which every windowed trunk table reads:
 * made once, or finished from the steps under way (prepareWindowCountSteps) when a brush comes
 * while they are made.
 */
function countBlocksOf(c: AnalysisCache): CountBlocks | null {
  return c.memo(COUNT_BLOCKS_KEY, () => {
    const under = countBlocksUnderWay.get(c);
    return under && under.index === c.index() ? under.steps.finish() : countBlocks(c.index());
  });
}

const COUNT_BLOCKS_KEY = 'count-blocks';
/** Per cache: the count blocks being made in steps, and the index they count. */
const countBlocksUnderWay = new WeakMap<AnalysisCache, { index: CallIndex; steps: SharedSteps<CountBlocks | null> }>();

/**
 * Make now what a brushed window's trunk table counts from, which the first brush made otherwise:
 * the count blocks (a pass over every call and ~16 MB at most, window-counts.ts; ~25 ms at a
 * million calls) and each trunk's inbound starts (two passes over the store; the whole file's
 * inbound counts come without them). In steps, for a caller that answers questions between them
 * (the worker, right after the first screen: a user may brush at once, and that brush finishes
 * the steps rather than counting again).
 */
export function* prepareWindowCountSteps(store: CallStore, cache?: AnalysisCache, callsPerStep = BLOCK_CALLS_PER_STEP): Generator<null, void> {
  const c = cacheFor(store, cache);
  const index = c.index();
  const sealCount = store.sealCount;
  if (!c.hasMemo(COUNT_BLOCKS_KEY)) {
    const steps = new SharedSteps(countBlockSteps(index, callsPerStep));
    countBlocksUnderWay.set(c, { index, steps });
    try {
      while (!steps.step()) yield null;
    } finally {
      if (countBlocksUnderWay.get(c)?.steps === steps) countBlocksUnderWay.delete(c);
    }
    // Kept unless the calls changed meanwhile (then they count other calls), or a brush kept them first.
    if (store.sealCount !== sealCount) return;
    c.memo(COUNT_BLOCKS_KEY, () => steps.finish());
  }
  yield null;
  c.inboundStarts();
}

/**
 * Make the whole-span series of these trunks (names; the worst of the table, the ones a user clicks
 * first) in one pass, kept as spanSeriesOf keeps each (the same key), and their end lists: selecting
 * one of them then counts only its window. For a caller idle after a read
 * (CdrSession.prepareSelections), in steps: the series, then each trunk's end list (a sort of its
 * calls: ~6 ms each of a 1M-call day's ~65 ms in Node), so a brush or a click that comes
 * meanwhile waits for one step, not all.
 */
export function* prepareSpanSeries(store: CallStore, trunks: readonly string[], cache?: AnalysisCache): Generator<null, void> {
  const c = cacheFor(store, cache);
  const index = c.index();
  // One trunk is the 'all' selection, whose series the first query makes anyway.
  if (index.trunkCount <= 1) return;
  const layout = layoutFor(spanOf(index), null);
  const wanted = new Set(trunks);
  // A one-trunk selection's key is its id (selection.ts).
  const ids = index.trunkNames.flatMap((name, id) => (wanted.has(name) ? [id] : []));
  if (ids.length === 0) return;
  const series = trunksSpanSeries(index, ids, layout);
  ids.forEach((id, i) => c.memo(spanSeriesKey(String(id), layout.bucketMs), () => series[i]!));
  // Their channel-holding calls in end order too (each trunk's own, made when first asked for):
  // the concurrency of a trunk clicked then only counts.
  for (const id of ids) {
    yield null;
    c.trunkEnds(id);
  }
}

/**
 * The series of the same query over the whole span: the same for every window, so it is kept
 * (a brush does not redo it) — per store for all trunks or one (a bounded set), among the recent
 * selections' values for a multi-trunk selection.
 */
function spanSeriesOf(c: AnalysisCache, query: DashboardQuery): TimeSeries {
  const sel = resolveSelection(c, { ...query, window: null });
  const layout = layoutFor(sel.window, query.bucketMs);
  const key = spanSeriesKey(sel.key, layout.bucketMs);
  const compute = () => timeSeries(c.index(), sel, layout);
  return sel.key === 'all' || !sel.key.includes(',') ? c.memo(key, compute) : c.recentSelection(key, compute);
}

function spanSeriesKey(selectionKey: string, bucketMs: number): string {
  return `span-series:${selectionKey}:${bucketMs}`;
}

/** The given cache when it is this store's; otherwise one kept per store (weakly). */
function cacheFor(store: CallStore, cache: AnalysisCache | undefined): AnalysisCache {
  if (cache?.store === store) return cache;
  let c = fallbackCaches.get(store);
  if (!c) {
    c = new AnalysisCache(store);
    fallbackCaches.set(store, c);
  }
  return c;
}
