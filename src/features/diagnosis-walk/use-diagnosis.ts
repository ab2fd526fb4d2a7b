/**
 * The verdict and evidence of the selected trunks in the brushed window (or the whole file),
 * computed in the worker (once per trunk, window and ingest), and the walk's overrides.
 */
import { useCallback, useState } from 'react';
import { useQuery } from '@tanstack/react-query';
import type { TimeWindow } from '../../core/analysis/dashboard-types';
import type { WalkOverrides } from '../../core/diagnosis/walk';
import { diagnoseInWorker } from '../../worker/ingest-client';

/**
 * The diagnosis of the trunks on screen (the selection) over the window on screen, asked for
 * once the dashboard has its answer for them, so the worker (one message at a time) computes the
 * panels' numbers first. While a new window's diagnosis is computed, nothing stale is shown.
 */
export function useDiagnosis(ingestId: number, trunks: readonly string[], window: TimeWindow | null, enabled = true) {
  const query = useQuery({
    queryKey: ['diagnosis', ingestId, trunks, window],
    // A window or selection left before its diagnosis came is forgotten (TanStack aborts the
    // signal of a query nobody observes any more): the worker spends no more time on it.
    queryFn: ({ signal }) => diagnoseInWorker(ingestId, trunks, window, signal),
    staleTime: Number.POSITIVE_INFINITY,
    enabled: enabled && trunks.length > 0,
  });
  // By trunk in a Map: a trunk is text from a file ("__proto__", "constructor" …).
  const [overrides, setOverrides] = useState<ReadonlyMap<string, WalkOverrides>>(() => new Map());
  const override = useCallback((trunk: string, questionId: string, branch: number | null) => {
    setOverrides((all) => {
      const current = Object.fromEntries(Object.entries(all.get(trunk) ?? {}).filter(([q]) => q !== questionId));
      if (branch !== null) current[questionId] = branch;
      return new Map(all).set(trunk, current);
    });
  }, []);
  return { trunks: query.data ?? null, error: query.error, overrides, override };
}
