/** The verdict and evidence per trunk, computed once per ingest in the worker, and the walk's overrides. */
import { useCallback, useState } from 'react';
import { useQuery } from '@tanstack/react-query';
import type { WalkOverrides } from '../../core/diagnosis/walk';
import { diagnoseInWorker } from '../../worker/ingest-client';

/**
 * `enabled`: asked for once the dashboard has its first answer, so the worker (which answers one
 * message at a time) computes the dashboard's numbers before the diagnosis of every trunk.
 */
export function useDiagnosis(ingestId: number, enabled = true) {
  const query = useQuery({
    queryKey: ['diagnosis', ingestId],
    queryFn: () => diagnoseInWorker(ingestId),
    staleTime: Number.POSITIVE_INFINITY,
    enabled,
  });
  const [overrides, setOverrides] = useState<Record<string, WalkOverrides>>({});
  const override = useCallback((trunk: string, questionId: string, branch: number | null) => {
    setOverrides((all) => {
      const current = Object.fromEntries(Object.entries(all[trunk] ?? {}).filter(([q]) => q !== questionId));
      if (branch !== null) current[questionId] = branch;
      return { ...all, [trunk]: current };
    });
  }, []);
  return { trunks: query.data ?? null, error: query.error, overrides, override };
}
