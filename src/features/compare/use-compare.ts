/**
 * Two periods of the loaded calls (or two files of the session), each asked of the worker as a
 * dashboard window (so every number is the trunk table's for that period), in the same bucket size
 * so their series overlay.
 */
import { useMemo } from 'react';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import type { TimeWindow } from '../../core/analysis/dashboard-types';
import { compareTrunks, outsideLists, overlaySeries } from '../../core/analysis/compare';
import { chooseBucketMs } from '../../core/analysis/time-series';
import { queryDashboard } from '../../worker/ingest-client';

/** Trunk rows per period: the busiest, plus the compared ones (as the trunk table). */
export const COMPARE_TRUNK_LIMIT = 200;

/** A window of the loaded calls, or a whole file of the session (window null, the file's id). */
export interface ComparedPeriod {
  window: TimeWindow | null;
  fileId?: string;
}

/** `span`: the session's, whose length sets the buckets of whole files. */
export function useCompare(ingestId: number, a: ComparedPeriod, b: ComparedPeriod, span: TimeWindow, trunks: readonly string[], enabled: boolean) {
  // The longer period decides the bucket size, so both series have the same buckets.
  const length = (p: ComparedPeriod) => (p.window ? p.window.toMs - p.window.fromMs : span.toMs - span.fromMs);
  const bucketMs = chooseBucketMs(length(a) >= length(b) ? (a.window ?? span) : (b.window ?? span));
  const ask = ({ window, fileId }: ComparedPeriod) => ({
    queryKey: ['compare', ingestId, fileId ?? null, window, trunks, bucketMs],
    queryFn: () => queryDashboard(ingestId, { window, trunks: [...trunks], bucketMs, topN: 1, trunkLimit: COMPARE_TRUNK_LIMIT }, fileId),
    staleTime: Number.POSITIVE_INFINITY,
    placeholderData: keepPreviousData,
    enabled,
  });
  const qa = useQuery(ask(a));
  const qb = useQuery(ask(b));
  const da = qa.data;
  const db = qb.data;
  // A period with more trunks than the cap lists only its busiest (otherTrunks sums the rest).
  const complete = useMemo(() => ({ a: !da?.otherTrunks, b: !db?.otherTrunks }), [da, db]);
  const rows = useMemo(() => (da && db ? compareTrunks(da.trunks, db.trunks, complete) : null), [da, db, complete]);
  const leftOut = useMemo(() => (da && db ? outsideLists(da.trunks, db.trunks, complete) : 0), [da, db, complete]);
  const overlay = useMemo(() => (da && db && da.series.bucketMs === db.series.bucketMs ? overlaySeries(da.series, db.series) : null), [da, db]);
  return { rows, leftOut, overlay, bucketMs, error: qa.error ?? qb.error ?? null, updating: qa.isFetching || qb.isFetching };
}
