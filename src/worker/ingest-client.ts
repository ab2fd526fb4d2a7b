/**
 * The page's side of the worker: one long-lived worker (it keeps the calls for later queries),
 * one promise per ingest, cancellation through an AbortSignal.
 */
import type { ColumnMapping } from '../core/formats/format-module';
import type { DropProgress, IngestSummary } from '../core/ingest/ingest-files';
import type { FromWorker, ToWorker } from './protocol';
import type { DashboardData, DashboardQuery, TimeWindow } from '../core/analysis/dashboard-types';
import type { TrunkDiagnosis } from '../core/diagnosis/types';

export class IngestCancelled extends Error {
  constructor() {
    super('Reading was cancelled.');
    this.name = 'IngestCancelled';
  }
}

interface Pending {
  resolve: (s: IngestSummary & { ingestId: number }) => void;
  reject: (e: Error) => void;
  onProgress?: (p: DropProgress) => void;
}

let worker: Worker | null = null;
let nextId = 1;
const pending = new Map<number, Pending>();
const queries = new Map<number, { resolve: (d: DashboardData) => void; reject: (e: Error) => void }>();
const diagnoses = new Map<number, { resolve: (d: TrunkDiagnosis[]) => void; reject: (e: Error) => void }>();

function getWorker(): Worker {
  if (worker) return worker;
  worker = new Worker(new URL('./ingest.worker.ts', import.meta.url), { type: 'module', name: 'ingest' });
  worker.addEventListener('message', (event: MessageEvent<FromWorker>) => {
    const message = event.data;
    if (message.type === 'workers-ready') {
      // Every script the app needs is loaded: from here on it makes no request (e2e waits for this).
      document.documentElement.dataset.workers = 'ready';
      return;
    }
    if (message.type === 'failed' && queries.has(message.id)) {
      queries.get(message.id)?.reject(new Error(message.message));
      queries.delete(message.id);
      return;
    }
    if (message.type === 'diagnosis') {
      diagnoses.get(message.id)?.resolve(message.trunks);
      diagnoses.delete(message.id);
      return;
    }
    if (message.type === 'failed' && diagnoses.has(message.id)) {
      diagnoses.get(message.id)?.reject(new Error(message.message));
      diagnoses.delete(message.id);
      return;
    }
    if (message.type === 'dashboard') {
      queries.get(message.id)?.resolve(message.data);
      queries.delete(message.id);
      return;
    }
    const p = pending.get(message.id);
    if (!p) return;
    switch (message.type) {
      case 'progress':
        p.onProgress?.(message.progress);
        return;
      case 'result':
        pending.delete(message.id);
        p.resolve({ ...message.summary, ingestId: message.id });
        return;

      case 'cancelled':
        pending.delete(message.id);
        p.reject(new IngestCancelled());
        return;
      case 'failed':
        pending.delete(message.id);
        p.reject(new Error(message.message));
        return;
    }
  });
  worker.addEventListener('error', (event) => {
    // A crashed worker fails every pending ingest with a message; the next ingest starts a new one.
    dropWorker(() => new Error(`The reader stopped unexpectedly: ${event.message || 'worker error'}. Try again; if it repeats, the file may be too damaged to read.`));
  });
  return worker;
}

/** Terminate the worker (its piece workers go with it) and fail what waited on it. */
function dropWorker(ingestError: (id: number) => Error): void {
  for (const [id, q] of [...queries, ...diagnoses]) {
    queries.delete(id);
    diagnoses.delete(id);
    q.reject(new Error('The reader stopped unexpectedly; read the files again.'));
  }
  for (const [id, p] of pending) {
    pending.delete(id);
    p.reject(ingestError(id));
  }
  worker?.terminate();
  worker = null;
}

/**
 * How long a cancelled ingest may take to notice (it checks between slices of the file) before its
 * worker is terminated and a fresh one started: a slice stuck in one long field must not keep the
 * next file waiting.
 */
export const CANCEL_GRACE_MS = 300;

function cancelIngest(w: Worker, id: number): void {
  w.postMessage({ type: 'cancel', id } satisfies ToWorker);
  setTimeout(() => {
    if (!pending.has(id) || worker !== w) return;
    // The calls of the last ingest go with the worker; the page shows none after a cancel.
    dropWorker((other) => (other === id ? new IngestCancelled() : new Error('Reading was stopped; read the files again.')));
    getWorker();
  }, CANCEL_GRACE_MS);
}

/**
 * Start the worker while the page loads, so its script is fetched with the page: after that the
 * app makes no request at all (the e2e suite asserts it), and the first drop starts at once.
 */
export function warmUpWorker(): void {
  getWorker();
}

export interface IngestRequestOptions {
  signal?: AbortSignal;
  onProgress?: (p: DropProgress) => void;
  mappingOverrides?: Record<string, ColumnMapping>;
}

/** Read dropped files (`'sample'` = generate and read the sample day). */
export function ingestInWorker(files: File[] | 'sample', options: IngestRequestOptions = {}): Promise<IngestSummary & { ingestId: number }> {
  const id = nextId++;
  const w = getWorker();
  return new Promise<IngestSummary & { ingestId: number }>((resolve, reject) => {
    pending.set(id, { resolve, reject, onProgress: options.onProgress });
    options.signal?.addEventListener('abort', () => cancelIngest(w, id), { once: true });
    const message: ToWorker =
      files === 'sample' ? { type: 'ingest-sample', id } : { type: 'ingest', id, files, mappingOverrides: options.mappingOverrides ?? {} };
    w.postMessage(message);
  });
}

/** Dashboard aggregates for the calls of `ingestId`, computed in the worker. */
export function queryDashboard(ingestId: number, query: DashboardQuery): Promise<DashboardData> {
  const id = nextId++;
  const w = getWorker();
  return new Promise<DashboardData>((resolve, reject) => {
    queries.set(id, { resolve, reject });
    w.postMessage({ type: 'query', id, ingestId, query } satisfies ToWorker);
  });
}

/** The flowchart verdict per trunk for the calls of `ingestId`, computed in the worker. */
export function diagnoseInWorker(ingestId: number, trunks: readonly string[], window: TimeWindow | null): Promise<TrunkDiagnosis[]> {
  const id = nextId++;
  const w = getWorker();
  return new Promise<TrunkDiagnosis[]>((resolve, reject) => {
    diagnoses.set(id, { resolve, reject });
    w.postMessage({ type: 'diagnose', id, ingestId, trunks: [...trunks], window } satisfies ToWorker);
  });
}
