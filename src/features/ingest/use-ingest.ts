/**
 * The current ingest as a TanStack query keyed by the files (name, size, mtime) and the column
 * mappings in force: dropping the same files again is instant, a corrected mapping re-reads.
 * Progress lives beside the query (it streams; a query result does not).
 */
import { useCallback, useMemo, useRef, useState } from 'react';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import type { ColumnMapping } from '../../core/formats/format-module';
import type { DropProgress, IngestSummary } from '../../core/ingest/ingest-files';
import { IngestCancelled, ingestInWorker } from '../../worker/ingest-client';
import { loadMappings, saveMappings } from '../../lib/local-settings';

export interface IngestProgressView extends DropProgress {
  elapsedMs: number;
}

/** What is being read: dropped files, or the generated sample day. */
export type IngestSource = File[] | 'sample';

export function ingestQueryKey(source: IngestSource, mappings: Record<string, ColumnMapping>) {
  if (source === 'sample') return ['ingest', 'sample-day'] as const;
  return ['ingest', source.map((f) => [f.name, f.size, f.lastModified]), mappings] as const;
}

export function useIngest() {
  const queryClient = useQueryClient();
  const [files, setFiles] = useState<IngestSource | null>(null);
  const [mappings, setMappings] = useState<Record<string, ColumnMapping>>(loadMappings);
  const [progress, setProgress] = useState<IngestProgressView | null>(null);
  const [cancelled, setCancelled] = useState(false);
  const startedAt = useRef(0);

  const queryKey = useMemo(() => (files ? ingestQueryKey(files, mappings) : ['ingest', 'none']), [files, mappings]);

  const query = useQuery<IngestSummary & { ingestId: number }, Error>({
    queryKey,
    enabled: files !== null,
    staleTime: Number.POSITIVE_INFINITY,
    gcTime: 10 * 60_000,
    retry: false,
    queryFn: async ({ signal }) => {
      startedAt.current = performance.now();
      setProgress(null);
      try {
        return await ingestInWorker(files ?? [], {
          signal,
          mappingOverrides: mappings,
          onProgress: (p) => setProgress({ ...p, elapsedMs: performance.now() - startedAt.current }),
        });
      } catch (e) {
        if (e instanceof IngestCancelled) setCancelled(true);
        throw e;
      }
    },
  });

  const load = useCallback((next: IngestSource) => {
    if (next !== 'sample' && next.length === 0) return;
    setCancelled(false);
    setFiles(next);
  }, []);

  const cancel = useCallback(() => {
    void queryClient.cancelQueries({ queryKey });
    // A reader stuck in a slice is replaced with a fresh one, and the calls of earlier reads go with
    // it: cached results would point at calls no longer held, so the next drop reads again.
    queryClient.removeQueries({ queryKey: ['ingest'], predicate: (q) => q.state.status !== 'pending' });
    setCancelled(true);
    setFiles(null);
  }, [queryClient, queryKey]);

  const clear = useCallback(() => {
    setCancelled(false);
    setFiles(null);
  }, []);

  const applyMapping = useCallback((signature: string, mapping: ColumnMapping) => {
    setMappings((current) => {
      const next = { ...current, [signature]: mapping };
      saveMappings(next);
      return next;
    });
  }, []);

  return {
    files,
    load,
    cancel,
    clear,
    cancelled,
    progress,
    applyMapping,
    summary: query.data ?? null,
    error: query.error && !(query.error instanceof IngestCancelled) ? query.error : null,
    reading: files !== null && query.isFetching,
  };
}
