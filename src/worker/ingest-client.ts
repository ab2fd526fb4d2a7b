/**
 * The page's side of the worker: one long-lived worker (it holds the session's calls for later
 * queries), one promise per session request, cancellation through an AbortSignal.
 */
import type { ColumnMapping } from '../core/formats/format-module';
import type { DropProgress } from '../core/ingest/ingest-files';
import type { FromWorker, SessionFileInput, SessionSummary, ToWorker } from './protocol';
import type { DashboardData, DashboardPanels, DashboardQuery, DashboardTop, TimeSeries, TimeWindow, TrunkTable } from '../core/analysis/dashboard-types';
import type { TrunkDiagnosis } from '../core/diagnosis/types';
import { queryKey } from '../core/analysis/query-key';
import ingestWorkerScript from './ingest.worker.ts?worker&url';

/** A session request that was cancelled (or superseded); `sessionKept`: the calls held before it still are. */
export class IngestCancelled extends Error {
  constructor(readonly sessionKept: boolean) {
    super('Reading was cancelled.');
    this.name = 'IngestCancelled';
  }
}

/** A session request that failed; `sessionKept`: the calls held before it still are. */
export class SessionRequestFailed extends Error {
  constructor(
    message: string,
    readonly sessionKept: boolean,
  ) {
    super(message);
    this.name = 'SessionRequestFailed';
  }
}

interface Pending {
  resolve: (s: SessionSummary) => void;
  reject: (e: Error) => void;
  onProgress?: (p: DropProgress) => void;
}

let worker: Worker | null = null;
let nextId = 1;
const pending = new Map<number, Pending>();
/**
 * Questions about the calls held (dashboard, trunk table, diagnosis) waiting for their answer, by
 * id; `early`: the first answer (below) that answers it too, when one may come.
 */
const questions = new Map<number, { resolve: (answer: unknown) => void; reject: (e: Error) => void; early?: string }>();

/**
 * The answers the worker made with a read or right after it, before they were asked for (the
 * 'first-answer' message), of the latest session only, by earlyKey: a question with the same query
 * takes one at once (a timeline is no question's answer: firstTimeline). The calls of an ingestId
 * never change, so neither do its answers.
 */
let firstAnswers: { ingestId: number; tables: Map<string, TrunkTable>; tops: Map<string, DashboardTop>; timelines: Map<string, TimeSeries> } | null = null;

const earlyKey = (part: 'table' | 'top' | 'timeline', ingestId: number, query: DashboardQuery) => `${part}\u0000${ingestId}\u0000${queryKey(query)}`;

function keepFirstAnswer(message: Extract<FromWorker, { type: 'first-answer' }>): void {
  if (firstAnswers?.ingestId !== message.ingestId) firstAnswers = { ingestId: message.ingestId, tables: new Map(), tops: new Map(), timelines: new Map() };
  const key = earlyKey(message.part, message.ingestId, message.query);
  if (message.part === 'timeline') {
    firstAnswers.timelines.set(key, message.data);
    return;
  }
  if (message.part === 'table') firstAnswers.tables.set(key, message.data);
  else firstAnswers.tops.set(key, message.data);
  // A question asked while the worker made it: answered now (the worker's own answer to it, later, is dropped).
  for (const [id, question] of questions) {
    if (question.early !== key) continue;
    questions.delete(id);
    question.resolve(message.data);
  }
}

/**
 * The worker, started from a blob: URL that imports its script. Why: a worker started from its
 * script's own URL runs under no Content-Security-Policy at all (the page's comes in a meta tag,
 * which reaches no worker), so the file's calls would be held where a fetch is allowed; a worker
 * started from the page's blob: URL runs under the page's policy (connect-src 'none'), and so do
 * the piece workers it starts from blob: URLs of its own (e2e: privacy-and-errors.spec.ts).
 */
function workerUnderPagePolicy(): { worker: Worker; boot: string } {
  const script = new URL(ingestWorkerScript, import.meta.url).href;
  const boot = URL.createObjectURL(new Blob([`import ${JSON.stringify(script)};`], { type: 'text/javascript' }));
  return { worker: new Worker(boot, { type: 'module', name: 'ingest' }), boot };
}

function getWorker(): Worker {
  if (worker) return worker;
  const started = workerUnderPagePolicy();
  worker = started.worker;
  worker.addEventListener('message', (event: MessageEvent<FromWorker>) => {
    const message = event.data;
    if (message.type === 'workers-ready') {
      URL.revokeObjectURL(started.boot);
      // Every script the app needs is loaded: from here on it makes no request (e2e waits for this).
      document.documentElement.dataset.workers = 'ready';
      return;
    }
    if (message.type === 'first-answer') {
      keepFirstAnswer(message);
      return;
    }
    if (message.type === 'warm') {
      // The worker's warm-up is over (the bench drops its file after this); nothing is shown.
      document.documentElement.dataset.workers = 'warm';
      return;
    }
    const question = questions.get(message.id);
    if (question && (message.type === 'dashboard' || message.type === 'table' || message.type === 'top' || message.type === 'panels' || message.type === 'diagnosis' || message.type === 'failed')) {
      questions.delete(message.id);
      if (message.type === 'failed') question.reject(new Error(message.message));
      else question.resolve(message.type === 'diagnosis' ? message.trunks : message.data);
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
        p.resolve(message.summary);
        return;
      case 'cancelled':
        pending.delete(message.id);
        p.reject(new IngestCancelled(message.sessionKept));
        return;
      case 'failed':
        pending.delete(message.id);
        p.reject(new SessionRequestFailed(message.message, message.sessionKept ?? false));
        return;
    }
  });
  worker.addEventListener('error', (event) => {
    // A crashed worker fails every pending ingest with a message; the next ingest starts a new one.
    dropWorker(() => new SessionRequestFailed(`The reader stopped unexpectedly: ${event.message || 'worker error'}. Try again; if it repeats, the file may be too damaged to read.`, false));
  });
  return worker;
}

/** Terminate the worker (its piece workers go with it) and fail what waited on it. */
function dropWorker(ingestError: (id: number) => Error): void {
  for (const [id, q] of questions) {
    questions.delete(id);
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
    // The session's calls go with the worker: the page reads its files again if it wants them.
    dropWorker((other) => (other === id ? new IngestCancelled(false) : new SessionRequestFailed('Reading was stopped; read the files again.', false)));
    getWorker();
  }, CANCEL_GRACE_MS);
}

/**
 * Start the worker ahead of the first drop (main.tsx: once the first screen has painted and the
 * dashboards' chunk is loaded): after it reports ready the app makes no request at all (the e2e
 * suite asserts it), and the first drop starts at once. `warmUp`: also run the parsers and analyses
 * over small generated days while the page is idle (~1–2 s of CPU), so a first file runs compiled
 * code; a page that only shows a shared link has no use for it.
 */
export function startWorker({ warmUp }: { warmUp: boolean }): void {
  const w = getWorker();
  if (warmUp) w.postMessage({ type: 'warm-up' } satisfies ToWorker);
}

export interface IngestRequestOptions {
  signal?: AbortSignal;
  onProgress?: (p: DropProgress) => void;
  mappingOverrides?: Record<string, ColumnMapping>;
}

/**
 * Make the worker hold exactly these files, in this order: it reads only what it must (see
 * IngestSession) and answers with the session's summary, named by a new ingestId when it changed.
 */
export function requestSession(files: SessionFileInput[], options: IngestRequestOptions = {}): Promise<SessionSummary> {
  const id = nextId++;
  const w = getWorker();
  return new Promise<SessionSummary>((resolve, reject) => {
    pending.set(id, { resolve, reject, onProgress: options.onProgress });
    options.signal?.addEventListener('abort', () => cancelIngest(w, id), { once: true });
    w.postMessage({ type: 'session', id, files, mappingOverrides: options.mappingOverrides ?? {} } satisfies ToWorker);
  });
}

/**
 * Dashboard aggregates for the calls of session `ingestId`, computed in the worker; with `fileId`
 * (a summary file's fileId) over that file's calls alone.
 */
export function queryDashboard(ingestId: number, query: DashboardQuery, fileId?: string): Promise<DashboardData> {
  return ask<DashboardData>((id) => ({ type: 'query', id, ingestId, query, ...(fileId === undefined ? {} : { fileId }) }));
}

/**
 * Only the trunk table of `query` (the numbers queryDashboard answers for it), without the panels:
 * a cheaper first answer, from which the page picks the trunk whose panels it asks for.
 */
export function queryTrunkTable(ingestId: number, query: DashboardQuery): Promise<TrunkTable> {
  const key = earlyKey('table', ingestId, query);
  const made = firstAnswers?.tables.get(key);
  return made ? Promise.resolve(made) : ask<TrunkTable>((id) => ({ type: 'table', id, ingestId, query }), undefined, key);
}

/**
 * The first screen's part of queryDashboard's answer (the trunk table, failover, series). Asked
 * before queryDashboardPanels for the same query: the worker answers in order, so the page draws
 * these while the worker makes the panels.
 */
export function queryDashboardTop(ingestId: number, query: DashboardQuery): Promise<DashboardTop> {
  const key = earlyKey('top', ingestId, query);
  const made = firstAnswers?.tops.get(key);
  return made ? Promise.resolve(made) : ask<DashboardTop>((id) => ({ type: 'top', id, ingestId, query }), undefined, key);
}

/**
 * The trunk table of `query` when the worker made it unasked, with the read (posted before the
 * read's result where it is a sum of the read's counts) or right after it: the page draws it in the
 * render that shows the read. Null when none was made (yet) for this query.
 */
export function firstTrunkTable(ingestId: number, query: DashboardQuery): TrunkTable | null {
  return firstAnswers?.tables.get(earlyKey('table', ingestId, query)) ?? null;
}

/**
 * The timeline (spanSeries) of `query`'s top, when the worker counted it with the first trunk table
 * (the worst trunk's, whole span: the first chart), before that top: the page draws it with the
 * table. Null when none was made for this query.
 */
export function firstTimeline(ingestId: number, query: DashboardQuery): TimeSeries | null {
  return firstAnswers?.timelines.get(earlyKey('timeline', ingestId, query)) ?? null;
}

/** The panels' part of queryDashboard's answer (CPS, concurrency, breakdowns, codes, KPI). */
export function queryDashboardPanels(ingestId: number, query: DashboardQuery): Promise<DashboardPanels> {
  return ask<DashboardPanels>((id) => ({ type: 'panels', id, ingestId, query }));
}

/**
 * The flowchart verdict per trunk for the calls of `ingestId`, computed in the worker. An abort of
 * `signal` (the page left that window or selection) rejects it and tells the worker to forget it:
 * a brush asks for a new window's diagnosis each time, and the ones left behind would otherwise
 * all be made, each after the next quiet moment.
 */
export function diagnoseInWorker(ingestId: number, trunks: readonly string[], window: TimeWindow | null, signal?: AbortSignal): Promise<TrunkDiagnosis[]> {
  return ask<TrunkDiagnosis[]>((id) => ({ type: 'diagnose', id, ingestId, trunks: [...trunks], window }), signal);
}

/**
 * Send a question about the calls held; its answer (or failure) comes back under the same id. The
 * caller names the answer's type: a 'query' is answered by 'dashboard' data, a 'table' by a
 * TrunkTable, a 'top' or 'panels' by that part, a 'diagnose' by the trunks' diagnoses
 * (ingest.worker.ts). `early`: the key of a first answer (keepFirstAnswer) that answers it too.
 */
function ask<T>(question: (id: number) => ToWorker, signal?: AbortSignal, early?: string): Promise<T> {
  const id = nextId++;
  const w = getWorker();
  return new Promise<T>((resolve, reject) => {
    questions.set(id, { resolve: (answer) => resolve(answer as T), reject, early });
    w.postMessage(question(id));
    signal?.addEventListener(
      'abort',
      () => {
        // Answered already: nothing to forget.
        if (!questions.delete(id)) return;
        w.postMessage({ type: 'forget', id } satisfies ToWorker);
        reject(signal.reason instanceof Error ? signal.reason : new DOMException('The question was withdrawn.', 'AbortError'));
      },
      { once: true },
    );
  });
}
