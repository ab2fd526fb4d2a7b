/// <reference lib="webworker" />
/**
 * The ingest worker: holds the session's files and their calls (read with the same core as the CLI
 * and tests, in a compact CallStore), answers the dashboard's and the diagnosis's queries over them,
 * and posts back progress and each new session's summary. One change of the session at a time; a
 * new one or a cancel aborts the one under way.
 */
import type { CallStore } from '../core/analysis/call-store';
import { AnalysisCache } from '../core/analysis/analysis-cache';
import { analyzeDashboard, analyzeTrunkTable } from '../core/analysis/analyze-dashboard';
import type { DashboardQuery, TimeWindow, TrunkTable } from '../core/analysis/dashboard-types';
import { DIAGNOSIS_TOP_N, diagnoseEachTrunk, type FileCapabilities } from '../core/diagnosis/evidence';
import type { TrunkDiagnosis } from '../core/diagnosis/types';
import type { ColumnMapping } from '../core/formats/format-module';
import type { FromWorker, SessionFileInput, ToWorker } from './protocol';
import { IngestSession, SessionError, type SessionInput } from './ingest-session';
import { SAMPLE_DAY } from '../core/scenario/scenario';
import { writeScenarioText } from '../core/scenario/writers/writer';
import { vicidialExportCallsCarrierWriter } from '../core/scenario/writers/vicidial-export-calls-carrier';
import { SAMPLE_DAY_FILE_NAME } from './sample-day';
import { createPiecePool } from './piece-pool';

/** Progress messages at most this often: enough for a smooth bar, cheap for the page. */
const PROGRESS_INTERVAL_MS = 100;

interface WorkerScope {
  postMessage(message: FromWorker): void;
  addEventListener(type: 'message', listener: (event: MessageEvent<ToWorker>) => void): void;
}
const scope = self as unknown as WorkerScope;

/** Big splittable files are parsed in pieces on these workers (one per core), in parallel. */
const piecePool = createPiecePool(navigator.hardwareConcurrency);
void piecePool.ready.then(() => scope.postMessage({ type: 'workers-ready' }));

let current: { id: number; controller: AbortController } | null = null;
/** The session's files and calls, kept for the dashboard's window queries. */
const session = new IngestSession();
/**
 * The analysis index of the session's calls (and of each file's alone, for queries restricted to
 * one file): built on the first query, dropped when the session changes.
 */
let caches: { ingestId: number; byStore: Map<CallStore, AnalysisCache> } | null = null;

function cacheOf(ingestId: number, store: CallStore): AnalysisCache {
  if (caches?.ingestId !== ingestId) caches = { ingestId, byStore: new Map() };
  let cache = caches.byStore.get(store);
  if (!cache) {
    cache = new AnalysisCache(store);
    caches.byStore.set(store, cache);
  }
  return cache;
}

/** The calls of session `ingestId` with what each file can tell (for the diagnosis); null when not held. */
function held(ingestId: number): { store: CallStore; files: FileCapabilities[] } | null {
  const c = session.current;
  if (!c || c.ingestId !== ingestId) return null;
  return { store: c.store, files: c.summary.files.map((f) => ({ capabilities: f.capabilities, trunks: f.trunks, format: f.format })) };
}

const NOT_HELD = 'These calls are no longer loaded; read the files again.';

/**
 * Diagnoses of the session's trunks per (trunk, period), computed when first asked for. A
 * period is a brushed window or the whole file; the last few periods' diagnoses are kept, so
 * brushing back to a window (or clearing it) answers at once.
 */
let diagnosed = new Map<string, TrunkDiagnosis>();
/** Per period: the trunk table of that window (all trunks), which its diagnoses start from. */
let diagnosisBases = new Map<string, TrunkTable>();
const DIAGNOSIS_PERIODS_KEPT = 8;
const DIAGNOSES_KEPT = 200;

const periodKey = (window: TimeWindow | null) => (window ? `${window.fromMs}:${window.toMs}` : 'file');

/** Map insertion order as recency: re-set on use, drop the oldest beyond `max`. */
function remember<V>(map: Map<string, V>, key: string, value: V, max: number): void {
  map.delete(key);
  map.set(key, value);
  if (map.size > max) map.delete(map.keys().next().value as string);
}

/**
 * A diagnosis is background work: it starts (and goes on to the next trunk) only once no
 * dashboard query has come for this long, so brushing and clicking through trunks never wait
 * behind it (one trunk's diagnosis is ~0.1 s at a million calls).
 */
const QUIET_BEFORE_DIAGNOSIS_MS = 150;
let lastQueryAt = 0;

async function untilQuiet(): Promise<void> {
  for (;;) {
    const wait = lastQueryAt + QUIET_BEFORE_DIAGNOSIS_MS - performance.now();
    if (wait <= 0) return;
    await new Promise((resolve) => setTimeout(resolve, wait));
  }
}

/**
 * The trunks on screen only, each once per (ingest, period): a trunk's diagnosis is a dashboard
 * analysis of its own (~0.1–0.2 s at a million calls), and the worker answers one message at a
 * time, so diagnosing every trunk up front kept the first brushes waiting.
 */
async function answerDiagnosis(id: number, ingestId: number, trunks: readonly string[], window: TimeWindow | null): Promise<void> {
  const period = periodKey(window);
  const keyOf = (trunk: string) => `${period}\u0000${trunk}`;
  if (!held(ingestId)) {
    scope.postMessage({ type: 'failed', id, message: NOT_HELD });
    return;
  }
  try {
    for (const trunk of trunks) {
      if (diagnosed.has(keyOf(trunk))) continue;
      await untilQuiet();
      const calls = held(ingestId);
      if (!calls) {
        scope.postMessage({ type: 'failed', id, message: NOT_HELD });
        return;
      }
      // Another request may have diagnosed it while this one waited.
      if (diagnosed.has(keyOf(trunk))) continue;
      const cache = cacheOf(ingestId, calls.store);
      const base = diagnosisBases.get(period) ?? analyzeTrunkTable(calls.store, { window, trunks: [], bucketMs: null, topN: DIAGNOSIS_TOP_N }, cache);
      remember(diagnosisBases, period, base, DIAGNOSIS_PERIODS_KEPT);
      for (const d of diagnoseEachTrunk(calls.store, { cache, files: calls.files, data: base, window, trunks: [trunk] })) remember(diagnosed, keyOf(d.trunk), d, DIAGNOSES_KEPT);
    }
    const answer = trunks.flatMap((t) => diagnosed.get(keyOf(t)) ?? []);
    scope.postMessage({ type: 'diagnosis', id, trunks: answer });
  } catch (e) {
    scope.postMessage({ type: 'failed', id, message: `Diagnosis failed: ${e instanceof Error ? e.message : String(e)}` });
  }
}

/** A dashboard query (`part` 'dashboard') or only its trunk table (`part` 'table'), over the session or one file. */
function answerQuery(id: number, ingestId: number, query: DashboardQuery, fileId: string | undefined, part: 'dashboard' | 'table'): void {
  const calls = held(ingestId);
  const store = calls && fileId !== undefined ? session.storeOfFile(fileId) : (calls?.store ?? null);
  if (!store) {
    scope.postMessage({ type: 'failed', id, message: calls ? 'This file is no longer loaded; read it again.' : NOT_HELD });
    return;
  }
  try {
    const started = performance.now();
    const cache = cacheOf(ingestId, store);
    if (part === 'table') {
      const data = analyzeTrunkTable(store, query, cache);
      scope.postMessage({ type: 'table', id, data, elapsedMs: performance.now() - started });
    } else {
      const data = analyzeDashboard(store, query, cache);
      scope.postMessage({ type: 'dashboard', id, data, elapsedMs: performance.now() - started });
    }
  } catch (e) {
    scope.postMessage({ type: 'failed', id, message: `Analysis failed: ${e instanceof Error ? e.message : String(e)}` });
  }
}

scope.addEventListener('message', (event) => {
  const message = event.data;
  if (message.type === 'query' || message.type === 'table') {
    lastQueryAt = performance.now();
    answerQuery(message.id, message.ingestId, message.query, message.fileId, message.type === 'table' ? 'table' : 'dashboard');
    return;
  }
  if (message.type === 'diagnose') {
    void answerDiagnosis(message.id, message.ingestId, message.trunks, message.window);
    return;
  }
  if (message.type === 'cancel') {
    if (current?.id === message.id) current.controller.abort(new DOMException('Cancelled', 'AbortError'));
    return;
  }
  current?.controller.abort(new DOMException('Superseded', 'AbortError'));
  const controller = new AbortController();
  current = { id: message.id, controller };
  const running = current;
  // One request at a time: the next waits until the one it superseded has stopped.
  queue = queue.then(() => run(message.id, message.files, message.mappingOverrides, controller.signal)).finally(() => {
    if (current === running) current = null;
  });
});

let queue: Promise<void> = Promise.resolve();

/**
 * The sample day as the richest VICIdial download: the Export Calls Report (carrier), with SIP codes,
 * dial prefixes, the leads' phone codes and the caller IDs. Made once: the same bytes every time, so
 * asking for it again is recognized as the file already loaded.
 */
let sampleDay: File | null = null;
function sampleDayFile(): File {
  sampleDay ??= new File([writeScenarioText(SAMPLE_DAY, vicidialExportCallsCarrierWriter)], SAMPLE_DAY_FILE_NAME, { type: 'text/plain' });
  return sampleDay;
}

function toSessionInput(f: SessionFileInput): SessionInput {
  if ('sample' in f) return { id: f.id, name: SAMPLE_DAY_FILE_NAME, blob: sampleDayFile() };
  return { id: f.id, name: f.file.name, blob: f.file };
}

async function run(id: number, files: SessionFileInput[], mappingOverrides: Record<string, ColumnMapping>, signal: AbortSignal) {
  if (signal.aborted) {
    scope.postMessage({ type: 'cancelled', id, sessionKept: session.current !== null });
    return;
  }
  let lastPost = 0;
  const heldBefore = session.current?.ingestId ?? null;
  try {
    const summary = await session.apply(id, files.map(toSessionInput), mappingOverrides, {
      signal,
      pool: piecePool,
      onProgress: (progress) => {
        const now = performance.now();
        if (now - lastPost < PROGRESS_INTERVAL_MS) return;
        lastPost = now;
        scope.postMessage({ type: 'progress', id, progress });
      },
    });
    if (summary.ingestId !== heldBefore) {
      diagnosed = new Map();
      diagnosisBases = new Map();
    }
    scope.postMessage({ type: 'result', id, summary });
  } catch (e) {
    const kept = e instanceof SessionError ? e.sessionKept : session.current?.ingestId === heldBefore;
    if (signal.aborted) scope.postMessage({ type: 'cancelled', id, sessionKept: kept });
    else scope.postMessage({ type: 'failed', id, message: e instanceof Error ? e.message : String(e), sessionKept: kept });
  }
}
