/**
 * Two periods of the loaded calls, each asked of the worker as a dashboard window (so every number
 * is the trunk table's for that period), in the same bucket size so their series overlay.
 */
import { useMemo } from 'react';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import type { TimeWindow } from '../../core/analysis/dashboard-types';
import { compareTrunks, overlaySeries } from '../../core/analysis/compare';
import { chooseBucketMs } from '../../core/analysis/time-series';
import { queryDashboard } from '../../worker/ingest-client';

/** Trunk rows per period: the busiest, plus the compared ones (as the trunk table). */
export const COMPARE_TRUNK_LIMIT = 200;

export function useCompare(ingestId: number, a: TimeWindow, b: TimeWindow, trunks: readonly string[], enabled: boolean) {
  // The longer period decides the bucket size, so both series have the same buckets.
  const longer = a.toMs - a.fromMs >= b.toMs - b.fromMs ? a : b;
  const bucketMs = chooseBucketMs(longer);
  const ask = (window: TimeWindow) => ({
    queryKey: ['compare', ingestId, window, trunks, bucketMs],
    queryFn: () => queryDashboard(ingestId, { window, trunks: [...trunks], bucketMs, topN: 1, trunkLimit: COMPARE_TRUNK_LIMIT }),
    staleTime: Number.POSITIVE_INFINITY,
    placeholderData: keepPreviousData,
    enabled,
  });
  const qa = useQuery(ask(a));
  const qb = useQuery(ask(b));
  const da = qa.data;
  const db = qb.data;
  const rows = useMemo(() => (da && db ? compareTrunks(da.trunks, db.trunks) : null), [da, db]);
  const overlay = useMemo(() => (da && db && da.series.bucketMs === db.series.bucketMs ? overlaySeries(da.series, db.series) : null), [da, db]);
  return { rows, overlay, bucketMs, error: qa.error ?? qb.error ?? null, updating: qa.isFetching || qb.isFetching };
}
