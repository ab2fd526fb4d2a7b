/**
 * The dashboard's view state (selected trunks, brushed window, bucket size) and its data: a
 * TanStack query per state, answered by the worker from the calls it holds. The previous data
 * stays on screen while the next arrives, so brushing never blanks the charts.
 */
import { useCallback, useDeferredValue, useMemo, useRef, useState } from 'react';
import { keepPreviousData, replaceEqualDeep, useQuery } from '@tanstack/react-query';
import type { DashboardData, DashboardQuery, TimeWindow } from '../../core/analysis/dashboard-types';
import { queryDashboard, queryTrunkTable } from '../../worker/ingest-client';
import { TRUNK_TABLE_LIMIT } from './trunk-table';

/** Rows per breakdown table before "other". */
export const BREAKDOWN_TOP_N = 12;

/** An answer and the trunks it was asked for (the previous answer stays shown while the next is computed). */
interface Answer {
  data: DashboardData;
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
  const overview = useQuery({
    queryKey: ['dashboard', ingestId, 'overview'],
    queryFn: () => queryTrunkTable(ingestId, { window: null, trunks: [], bucketMs: null, topN: BREAKDOWN_TOP_N, trunkLimit: TRUNK_TABLE_LIMIT }),
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
  // Each answer shares every part equal to the previous answer's (a selection leaves the trunk
  // table's numbers as they were, a brush the onsets): unchanged parts keep their identity, so
  // the memoized panels showing them skip re-rendering.
  const lastDetail = useRef<DashboardData | null>(null);
  const detail = useQuery<Answer, Error>({
    queryKey: ['dashboard', ingestId, query],
    queryFn: async () => {
      const data = replaceEqualDeep(lastDetail.current, await queryDashboard(ingestId, query));
      lastDetail.current = data;
      return { data, trunks: query.trunks, window: query.window };
    },
    enabled: overview.isSuccess,
    staleTime: Number.POSITIVE_INFINITY,
    placeholderData: keepPreviousData,
  });

  // Stable callbacks: memoized charts must not re-render because a handler was re-created.
  const select = useCallback((next: string[]) => setView((v) => ({ ...v, selected: next })), []);
  const setWindow = useCallback((window: TimeWindow | null) => setView((v) => ({ ...v, window })), []);
  const setBucketMs = useCallback((bucketMs: number | null) => setView((v) => ({ ...v, bucketMs })), []);

  // A new answer redraws every panel: that render is deferred (React renders it in slices between
  // other tasks and drops it for a newer answer), so no main-thread task grows with the page.
  // The input that asked for it (the From/To field, the clicked row) updates at once.
  const arrived = detail.data ?? null;
  const answer = useDeferredValue(arrived);

  return {
    data: answer?.data ?? null,
    /** The trunks `data` is for: the previous selection's until its answer arrives. */
    dataTrunks: answer?.trunks ?? trunks,
    /** The window `data` is for (null = whole span): the previous one until the new answer arrives. */
    dataWindow: answer ? answer.window : view.window,
    overview: overview.data ?? null,
    error: detail.error ?? overview.error ?? null,
    /** A query in flight, or its answer not yet drawn. */
    updating: detail.isFetching || answer !== arrived,
    selectedTrunks: trunks,
    window: view.window,
    bucketMs: view.bucketMs,
    select,
    setWindow,
    setBucketMs,
  };
}

export type DashboardState = ReturnType<typeof useDashboard>;
