/** The verdict and evidence of the selected trunks, computed in the worker (once per trunk and ingest), and the walk's overrides. */
import { useCallback, useState } from 'react';
import { useQuery } from '@tanstack/react-query';
import type { WalkOverrides } from '../../core/diagnosis/walk';
import { diagnoseInWorker } from '../../worker/ingest-client';

/**
 * The diagnosis of the trunks on screen (the selection), asked for once the dashboard has its
 * answer for them, so the worker (one message at a time) computes the panels' numbers first.
 */
export function useDiagnosis(ingestId: number, trunks: readonly string[], enabled = true) {
  const query = useQuery({
    queryKey: ['diagnosis', ingestId, trunks],
    queryFn: () => diagnoseInWorker(ingestId, trunks),
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
