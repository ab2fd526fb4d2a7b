/**
 * The dashboard's view state (selected trunks, brushed window, bucket size) and its data: a
 * TanStack query per state, answered by the worker from the calls it holds. The previous data
 * stays on screen while the next arrives, so brushing never blanks the charts.
 */
import { useCallback, useDeferredValue, useMemo, useRef, useState } from 'react';
import { keepPreviousData, replaceEqualDeep, useQuery, useQueryClient } from '@tanstack/react-query';
import type { DashboardData, DashboardPanels, DashboardQuery, DashboardTop, TimeWindow, TrunkTable } from '../../core/analysis/dashboard-types';
import { firstTimeline, firstTrunkTable, queryDashboardPanels, queryDashboardTop, queryTrunkTable } from '../../worker/ingest-client';
import { TRUNK_TABLE_LIMIT } from './trunk-table';

/** Rows per breakdown table before "other". */
export const BREAKDOWN_TOP_N = 12;

/** The whole-file trunk table the worst trunk is picked from. */
const OVERVIEW_QUERY: DashboardQuery = { window: null, trunks: [], bucketMs: null, topN: BREAKDOWN_TOP_N, trunkLimit: TRUNK_TABLE_LIMIT };

/** An answer and the trunks it was asked for (the previous answer stays shown while the next is computed). */
interface Answer<T> {
  data: T;
  trunks: string[];
  /** The window asked for (null = the whole span). */
  window: TimeWindow | null;
}

export interface DashboardView {
  /** Explicit selection, or null = "the worst trunk" (decided from the data). */
  selected: string[] | null;
  window: TimeWindow | null;
  bucketMs: number | null;
}

export function useDashboard(ingestId: number) {
  const [view, setView] = useState<DashboardView>({ selected: null, window: null, bucketMs: null });

  // Until the user picks, the detail panels follow the worst trunk of the first answer: the trunk
  // table alone (the panels of every trunk together would be computed only to be replaced).
  const overviewKey = useMemo(() => ['dashboard', ingestId, 'overview'], [ingestId]);
  const overview = useQuery({
    queryKey: overviewKey,
    queryFn: () => queryTrunkTable(ingestId, OVERVIEW_QUERY),
    // Made with the read (ingest.worker.ts postFirstTable): drawn in the dashboard's first render, not after a round of the query.
    initialData: () => firstTrunkTable(ingestId, OVERVIEW_QUERY) ?? undefined,
    staleTime: Number.POSITIVE_INFINITY,
  });
  const worst = overview.data?.trunks[0]?.trunk;
  const trunks = useMemo(() => view.selected ?? (worst !== undefined ? [worst] : []), [view.selected, worst]);

  // The timeline's whole-span series comes with the window's analysis (spanSeries): one worker
  // message and one render per change. A brush leaves it equal, so it keeps its identity (below)
  // and the timeline's bars are not redrawn.
  const query: DashboardQuery = useMemo(
    () => ({ window: view.window, trunks, bucketMs: view.bucketMs, topN: BREAKDOWN_TOP_N, spanSeries: true, trunkSeries: true, kpi: true, trunkLimit: TRUNK_TABLE_LIMIT }),
    [view.window, trunks, view.bucketMs],
  );
  // Each answer comes in two parts (dashboard-types.ts DashboardTop, DashboardPanels): the first
  // screen's top, then the panels below it. The top query asks first, so the worker answers it
  // first and the page draws the trunk table and timeline while the worker makes the panels. The
  // whole answer (the full query) is the top of that query with its panels: every panel, the
  // share link and the printed report show one query's numbers, never one part of each.
  // Each part shares every value equal to the previous answer's (a selection leaves the trunk
  // table's numbers as they were, a brush the span series and onsets): unchanged values keep their
  // identity, so the memoized panels showing them skip re-rendering. The first top shares them with
  // the overview, which the trunk table is drawn from until it comes (the same rows: the worst
  // trunk is one of the overview's, so it adds none), so the table is not drawn twice.
  const queryClient = useQueryClient();
  const lastTop = useRef<DashboardTop | null>(null);
  const lastPanels = useRef<DashboardPanels | null>(null);
  const topOptions = useMemo(
    () => ({
      queryKey: ['dashboard', ingestId, query, 'top'],
      queryFn: async (): Promise<Answer<DashboardTop>> => {
        const data = replaceEqualDeep(lastTop.current ?? queryClient.getQueryData<TrunkTable>(overviewKey) ?? null, await queryDashboardTop(ingestId, query));
        lastTop.current = data;
        return { data, trunks: query.trunks, window: query.window };
      },
      staleTime: Number.POSITIVE_INFINITY,
    }),
    [ingestId, query, queryClient, overviewKey],
  );
  const top = useQuery({ ...topOptions, enabled: overview.isSuccess, placeholderData: keepPreviousData });
  // A new answer redraws its panels: that render is deferred (React renders it in slices between
  // other tasks and drops it for a newer answer), so no main-thread task grows with the page.
  // The input that asked for it (the From/To field, the clicked row) updates at once.
  const topArrived = top.data ?? null;
  const topAnswer = useDeferredValue(topArrived);
  // The panels are asked for once the first screen is drawn: their answer, coming while it was
  // drawn (an urgent update), started that render over with them. The worker makes them
  // meanwhile (ingest.worker.ts prepareFirstAnswer), so they do not come later for it.
  const firstScreenDrawn = topAnswer !== null;
  const full = useQuery<Answer<DashboardData>, Error>({
    queryKey: ['dashboard', ingestId, query, 'full'],
    queryFn: async () => {
      // The top query's own answer (asked for already, or asked now, before the panels).
      const [{ data: topData }, panels] = await Promise.all([queryClient.fetchQuery(topOptions), queryDashboardPanels(ingestId, query)]);
      const panelData = replaceEqualDeep(lastPanels.current, panels);
      lastPanels.current = panelData;
      const { onsets, calls, ...head } = topData;
      // In analyzeDashboard's order.
      return { data: { ...head, ...panelData, onsets, calls }, trunks: query.trunks, window: query.window };
    },
    enabled: overview.isSuccess && firstScreenDrawn,
    staleTime: Number.POSITIVE_INFINITY,
    placeholderData: keepPreviousData,
  });

  // Stable callbacks: memoized charts must not re-render because a handler was re-created.
  const select = useCallback((next: string[]) => setView((v) => ({ ...v, selected: next })), []);
  const setWindow = useCallback((window: TimeWindow | null) => setView((v) => ({ ...v, window })), []);
  const setBucketMs = useCallback((bucketMs: number | null) => setView((v) => ({ ...v, bucketMs })), []);

  const fullArrived = full.data ?? null;
  const fullAnswer = useDeferredValue(fullArrived);
  // The trunk table is drawn from the overview until the top comes. Posted with the read, the
  // overview is there at the dashboard's first render (initialData); one asked for is drawn in a
  // deferred render: a top that comes while it is drawn (a small file's, a few ms behind) joins that
  // render, so the table and the timeline are drawn at once, not in two renders and two frames.
  const overviewAnswer = useDeferredValue(overview.data ?? null);
  // Until the first top comes, its timeline as the worker counted it with the first table (the
  // worst trunk's, whole span: ingest.worker.ts postFirstTable), drawn with the table.
  const earlyTimeline = topAnswer === null && overviewAnswer !== null ? firstTimeline(ingestId, query) : null;

  return {
    /** The whole answer (every panel's numbers): the last query whose top and panels have both arrived. */
    data: fullAnswer?.data ?? null,
    /** The first screen's numbers (trunk table, timeline, status): they may be a newer query's than `data`. */
    top: topAnswer?.data ?? null,
    /** The trunks `top` is for: the previous selection's until its answer arrives. */
    dataTrunks: topAnswer?.trunks ?? trunks,
    /** The window `top` is for (null = whole span): the previous one until the new answer arrives. */
    dataWindow: topAnswer ? topAnswer.window : view.window,
    /** The trunks `data` is for. */
    panelTrunks: fullAnswer?.trunks ?? trunks,
    /** The whole-file trunk table the worst trunk is picked from (the trunk table's rows until `top` comes). */
    overview: overviewAnswer,
    /** The timeline of `top`'s query made with the first table, until `top` comes; null when none was. */
    firstTimeline: earlyTimeline,
    error: full.error ?? top.error ?? overview.error ?? null,
    /** A query in flight, or its answer not yet drawn (the panels' too). */
    updating: top.isFetching || full.isFetching || topAnswer !== topArrived || fullAnswer !== fullArrived,
    selectedTrunks: trunks,
    window: view.window,
    bucketMs: view.bucketMs,
    select,
    setWindow,
    setBucketMs,
  };
}

export type DashboardState = ReturnType<typeof useDashboard>;
