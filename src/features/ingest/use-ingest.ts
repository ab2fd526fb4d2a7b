/**
 * The session of files: what the worker holds (add files, remove one, replace all, correct a column
 * mapping) and what the page shows of it. The worker is the authority: every change is a request
 * for the full list of files, and the page shows the summary it answers with, named by its
 * ingestId, so no query can name calls the worker no longer has (the dashboard's and the
 * diagnosis's query keys carry that ingestId). Progress streams beside it.
 */
import { useCallback, useRef, useState } from 'react';
import { useQueryClient } from '@tanstack/react-query';
import type { ColumnMapping } from '../../core/formats/format-module';
import type { DropProgress } from '../../core/ingest/ingest-files';
import { IngestCancelled, requestSession, SessionRequestFailed } from '../../worker/ingest-client';
import type { SessionFileInput, SessionFileResult, SessionSummary } from '../../worker/protocol';
import { loadMappings, saveMappings } from '../../lib/local-settings';
import { describeChange, heldFileName, removedFileName, type SessionChange, type SessionNotice } from './session-notice';

export interface IngestProgressView extends DropProgress {
  elapsedMs: number;
}

/** What is being read now: a title for the progress panel and the bytes to read (before progress says). */
export interface ReadingView {
  /** Which read this is (each request its own): a new read starts a new progress panel. */
  read: number;
  title: string;
  bytes: number;
}

const SAMPLE_ID = 'sample-day';
let nextFileId = 1;
const withIds = (files: readonly File[]): SessionFileInput[] => files.map((file) => ({ id: `f${nextFileId++}`, file }));

export function useIngest() {
  const queryClient = useQueryClient();
  const [summary, setSummary] = useState<SessionSummary | null>(null);
  const [reading, setReading] = useState<ReadingView | null>(null);
  const [progress, setProgress] = useState<IngestProgressView | null>(null);
  const [error, setError] = useState<Error | null>(null);
  const [notice, setNotice] = useState<SessionNotice | null>(null);
  const [mappings, setMappings] = useState<Record<string, ColumnMapping>>(loadMappings);
  const mappingsRef = useRef(mappings);
  /** The files of the summary shown (what the worker holds), in order. */
  const held = useRef<SessionFileInput[]>([]);
  /** The files as the worker read them (a ZIP archive's files each on its own), for remove. */
  const shown = useRef<SessionFileResult[]>([]);
  /** The files asked for by the read in flight (null when none): a drop during a read adds to these. */
  const asked = useRef<SessionFileInput[] | null>(null);
  /** The latest request; an answer to an older one is ignored (the worker dropped it too). */
  const seq = useRef(0);
  const controller = useRef<AbortController | null>(null);

  /**
   * Ask the worker to hold `wanted`. When the worker lost what it held (an add cut short, or a
   * reader replaced after a stuck cancel), the files held before are asked for again, so the page
   * never shows a summary whose calls are gone.
   */
  const submit = useCallback(
    async (wanted: SessionFileInput[], change: SessionChange): Promise<void> => {
      /** One request; answers the request to make next (the session to read again), or null. */
      async function readOnce(wanted: SessionFileInput[], change: SessionChange): Promise<{ wanted: SessionFileInput[]; change: SessionChange } | null> {
        const my = ++seq.current;
        asked.current = wanted;
        const before = held.current;
        const beforeIds = new Set(before.map((f) => f.id));
        const fresh = wanted.filter((f) => !beforeIds.has(f.id));
        const toRead = fresh.length > 0 ? fresh : wanted;
        const abort = new AbortController();
        controller.current = abort;
        const startedAt = performance.now();
        setReading({
          read: my,
          title:
            change.kind === 'restore'
              ? `Reading again the ${wanted.length === 1 ? 'file' : `${wanted.length} files`} loaded before`
              : toRead.length === 1
                ? `Reading ${heldFileName(toRead[0]!)}`
                : `Reading ${toRead.length} files`,
          bytes: toRead.reduce((n, f) => n + ('sample' in f ? 0 : f.file.size), 0),
        });
        setProgress(null);
        setError(null);
        try {
          const next = await requestSession(wanted, {
            signal: abort.signal,
            mappingOverrides: mappingsRef.current,
            onProgress: (p) => {
              if (my === seq.current) setProgress({ ...p, elapsedMs: performance.now() - startedAt });
            },
          });
          if (my !== seq.current) return null;
          // A file asked for is kept when one of its reports came back (an archive: one of its files).
          const keptIds = new Set(next.files.map((f) => f.droppedId));
          held.current = wanted.filter((f) => keptIds.has(f.id));
          shown.current = next.files;
          // Results of earlier sessions can never be shown again: free them.
          queryClient.removeQueries({ predicate: (q) => (q.queryKey[0] === 'dashboard' || q.queryKey[0] === 'diagnosis') && q.queryKey[1] !== next.ingestId });
          setSummary(next.files.length > 0 ? next : null);
          setNotice(describeChange(change, before, held.current, next));
          return null;
        } catch (e) {
          if (my !== seq.current) return null;
          const cancelled = e instanceof IngestCancelled;
          const kept = e instanceof IngestCancelled || e instanceof SessionRequestFailed ? e.sessionKept : false;
          if (!cancelled) setError(e instanceof Error ? e : new Error(String(e)));
          if (!kept && before.length > 0) {
            setSummary(null);
            return { wanted: before, change: { kind: 'restore', cancelled } };
          }
          if (before.length === 0) setSummary(null);
          setNotice(cancelled ? { kind: 'cancelled', text: before.length > 0 ? 'Reading was cancelled. The files loaded before are kept.' : 'Reading was cancelled. Nothing was kept.' } : null);
          return null;
        } finally {
          if (my === seq.current) {
            setReading(null);
            controller.current = null;
            asked.current = null;
          }
        }
      }

      let request: { wanted: SessionFileInput[]; change: SessionChange } | null = { wanted, change };
      while (request) request = await readOnce(request.wanted, request.change);
    },
    [queryClient],
  );

  /** Read these files beside the ones loaded (a file already loaded counts once). */
  const add = useCallback(
    (files: File[]) => {
      if (files.length === 0) return;
      // Dropped while another file is being read: added to what that read asked for, not lost.
      void submit([...(asked.current ?? held.current), ...withIds(files)], { kind: 'add' });
    },
    [submit],
  );

  /** Read these files (or the sample day) instead of the ones loaded. */
  const replace = useCallback(
    (files: File[] | 'sample') => {
      if (files !== 'sample' && files.length === 0) return;
      void submit(files === 'sample' ? [{ id: SAMPLE_ID, sample: true }] : withIds(files), { kind: 'replace' });
    },
    [submit],
  );

  /**
   * Drop one file from the session; the others are read again, as one drop of them would read. A
   * file of a ZIP archive is left out of the archive, which stays while it has other files.
   */
  const remove = useCallback(
    (fileId: string) => {
      const report = shown.current.find((f) => f.fileId === fileId);
      const droppedId = report?.droppedId ?? fileId;
      const dropped = held.current.find((f) => f.id === droppedId);
      if (!dropped) return;
      const othersOfArchive = shown.current.some((f) => f.droppedId === droppedId && f.fileId !== fileId);
      const rest =
        'file' in dropped && droppedId !== fileId && othersOfArchive
          ? held.current.map((f) => (f === dropped ? { ...dropped, leaveOut: [...(dropped.leaveOut ?? []), fileId] } : f))
          : held.current.filter((f) => f !== dropped);
      if (rest.length === 0) {
        seq.current++;
        held.current = [];
        shown.current = [];
        asked.current = null;
        void requestSession([]).catch(() => undefined);
        setSummary(null);
        setNotice(null);
        return;
      }
      void submit(rest, { kind: 'remove', removed: [removedFileName(report, dropped)] });
    },
    [submit],
  );

  /** Put the session back as it was before the last add (the notice's Undo). */
  const restoreTo = useCallback((files: SessionFileInput[]) => void submit(files, { kind: 'undo' }), [submit]);

  const cancel = useCallback(() => controller.current?.abort(), []);

  const clear = useCallback(() => {
    seq.current++;
    controller.current = null;
    held.current = [];
    shown.current = [];
    asked.current = null;
    // The worker lets go of the calls too (nothing is read for an empty session).
    void requestSession([]).catch(() => undefined);
    setSummary(null);
    setReading(null);
    setError(null);
    setNotice(null);
  }, []);

  const applyMapping = useCallback(
    (signature: string, mapping: ColumnMapping) => {
      const next = { ...mappingsRef.current, [signature]: mapping };
      mappingsRef.current = next;
      saveMappings(next);
      setMappings(next);
      if (held.current.length > 0) void submit(held.current, { kind: 'mapping' });
    },
    [submit],
  );

  return {
    add,
    replace,
    remove,
    restoreTo,
    cancel,
    clear,
    applyMapping,
    mappings,
    notice,
    dismissNotice: useCallback(() => setNotice(null), []),
    progress,
    reading,
    summary,
    error,
    /** The sample day is among the files loaded (its trunks have carrier names). */
    hasSample: summary?.files.some((f) => f.fileId === SAMPLE_ID) ?? false,
  };
}
