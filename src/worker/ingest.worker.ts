/// <reference lib="webworker" />
/**
 * The ingest worker: holds the session's files and their calls (the core's CdrSession, as in the
 * CLI and tests), answers the dashboard's and the diagnosis's queries over them, and posts back
 * progress and each new session's summary. One change of the session at a time; a new one or a
 * cancel aborts the one under way.
 */
import type { DashboardQuery, TimeWindow } from '../core/analysis/dashboard-types';
import type { CdrSession } from '../core/session/cdr-session';
import type { ColumnMapping } from '../core/formats/format-module';
import type { FromWorker, SessionFileInput, ToWorker } from './protocol';
import { IngestSession, SessionError, type SessionInput } from './ingest-session';
import { SAMPLE_DAY } from '../core/scenario/scenario';
import { writeScenarioText } from '../core/scenario/writers/writer';
import { vicidialExportCallsCarrierWriter } from '../core/scenario/writers/vicidial-export-calls-carrier';
import { SAMPLE_DAY_FILE_NAME } from './sample-day';
import { createPiecePool } from './piece-pool';
import { warmUp, type WarmUpPiece } from './warm-up';
import { rewarm } from './rewarm';
import { FIRST_TABLE_QUERY, firstDetailQuery } from './first-questions';
import { runInSlices } from './run-in-slices';

/** Progress messages at most this often: enough for a smooth bar, cheap for the page. */
const PROGRESS_INTERVAL_MS = 100;

interface WorkerScope {
  postMessage(message: FromWorker): void;
  addEventListener(type: 'message', listener: (event: MessageEvent<ToWorker>) => void): void;
}
const scope = self as unknown as WorkerScope;

/** Big splittable files are parsed in pieces on these workers (one per core), in parallel. */
const piecePool = createPiecePool(navigator.hardwareConcurrency);
let poolReady = false;
void piecePool.ready.then(() => {
  scope.postMessage({ type: 'workers-ready' });
  poolReady = true;
  maybeWarmUp();
});

let current: { id: number; controller: AbortController } | null = null;
/** One session change at a time (and the warm-up before them): each waits for the one before it to stop. */
let queue: Promise<void> = Promise.resolve();
/** A session request has come (the warm-up then never starts, or stops). */
let asked = false;
/** The warm-up under way (warm-up.ts); aborted by the first session request. */
let warming: AbortController | null = null;
/** The page asked for the warm-up (it expects a file), once. */
let warmUpWanted = false;
/** A piece of each format the warm-up read: what piece workers started again parse to warm up (rewarm.ts). */
let warmUpPieces: WarmUpPiece[] = [];
/** The re-warm of piece workers started again after a big read; aborted by the next session request. */
let rewarming: AbortController | null = null;
/** After a big read, the re-warm waits this long, and for the page's questions to stop (untilQuiet). */
const REWARM_AFTER_MS = 1000;

/** Once the pieces' workers are up and the page asked for it; a request that came first needs none: it compiles the code itself. */
function maybeWarmUp(): void {
  if (!poolReady || !warmUpWanted || asked) return;
  warmUpWanted = false;
  startWarmUp();
}

function startWarmUp(): void {
  const controller = new AbortController();
  warming = controller;
  queue = queue.then(async () => {
    const started = performance.now();
    try {
      const read = await warmUp(piecePool, controller.signal);
      warmUpPieces = read.flatMap((f) => (f.piece ? [f.piece] : []));
      scope.postMessage({ type: 'warm', ms: performance.now() - started, calls: read.reduce((n, f) => n + f.calls, 0) });
    } catch {
      // Aborted by a drop (which compiles the code itself), or failed: the page works the same cold.
    } finally {
      warming = null;
    }
  });
}

/**
 * Piece workers ended after a big read start again with the next file, cold: they parse the
 * warm-up's pieces once the page has been quiet for a while after the read, unless a session
 * request (`read`: the one that ended them, or a later one) comes first.
 */
function rewarmWhenQuiet(read: AbortSignal): void {
  if (warmUpPieces.length === 0) return; // no warm-up ran: the workers were cold before too
  rewarming?.abort();
  const controller = new AbortController();
  rewarming = controller;
  void (async () => {
    await new Promise((resolve) => setTimeout(resolve, REWARM_AFTER_MS));
    await untilQuiet();
    if (controller.signal.aborted || read.aborted || rewarming !== controller) return;
    await rewarm(piecePool, warmUpPieces, controller.signal, untilQuiet).catch(() => {
      // A worker that fails is the pool's to handle; the next file reads all the same.
    });
    if (rewarming === controller) rewarming = null;
  })();
}

/** The session's files and calls, kept for the dashboard's window queries. */
const session = new IngestSession();

/** The calls of session `ingestId`; null when they are not held. */
function held(ingestId: number): CdrSession | null {
  const c = session.current;
  return c && c.ingestId === ingestId ? c.calls : null;
}

const NOT_HELD = 'These calls are no longer loaded; read the files again.';

/**
 * A diagnosis is background work: it starts (and goes on to the next trunk) only once no
 * dashboard query has come for this long, and it runs in slices of DIAGNOSIS_SLICE_MS with the
 * message loop's turn between them (a query that comes meanwhile is answered first, and the
 * diagnosis waits for quiet again): one trunk's diagnosis is ~0.1–0.4 s at a million calls, and a
 * brush or a click must not wait behind it.
 */
const QUIET_BEFORE_DIAGNOSIS_MS = 150;
const DIAGNOSIS_SLICE_MS = 10;
let lastQueryAt = 0;

async function untilQuiet(): Promise<void> {
  for (;;) {
    const wait = lastQueryAt + QUIET_BEFORE_DIAGNOSIS_MS - performance.now();
    if (wait <= 0) return;
    await new Promise((resolve) => setTimeout(resolve, wait));
  }
}

/** Between two slices of session `ingestId`'s diagnosis: the messages' turn, then quiet; false once its calls are gone. */
async function betweenSlices(ingestId: number, calls: CdrSession): Promise<boolean> {
  await new Promise((resolve) => setTimeout(resolve, 0));
  await untilQuiet();
  return held(ingestId) === calls;
}

/** Diagnosis questions being answered, and those of them the page has forgotten since ('forget'). */
const asking = new Set<number>();
const forgotten = new Set<number>();

/** A diagnosis under way and the questions waiting for it: it stops once every one of them is forgotten. */
interface Running {
  done: Promise<boolean>;
  askers: Set<number>;
}

/** Per (session, period, trunk): the diagnosis under way, which a second question for it waits for instead of making it again. */
const diagnosing = new Map<string, Running>();

/**
 * Trunk `trunk`'s diagnosis over `window`, made in slices (and kept by the session) for question
 * `id`; false when it stopped: its calls are no longer held, or no question waiting for it is
 * still wanted.
 */
function diagnoseInSlices(id: number, ingestId: number, calls: CdrSession, trunk: string, window: TimeWindow | null): Promise<boolean> {
  const key = `${ingestId}\u0000${window ? `${window.fromMs}:${window.toMs}` : 'file'}\u0000${trunk}`;
  let running = diagnosing.get(key);
  if (!running) {
    const askers = new Set<number>();
    const wanted = () => [...askers].some((asker) => !forgotten.has(asker));
    const done = runInSlices(calls.diagnoseSteps(window, [trunk]), async () => (await betweenSlices(ingestId, calls)) && wanted(), DIAGNOSIS_SLICE_MS)
      .then((made) => made !== null)
      .finally(() => diagnosing.delete(key));
    running = { done, askers };
    diagnosing.set(key, running);
  }
  running.askers.add(id);
  return running.done;
}

/**
 * The trunks on screen only, each once per (ingest, period; the session keeps them): a trunk's
 * diagnosis is a dashboard analysis of its own, and diagnosing every trunk up front kept the
 * worker busy long after the first brushes. A question the page forgets gets no answer.
 */
async function answerDiagnosis(id: number, ingestId: number, trunks: readonly string[], window: TimeWindow | null): Promise<void> {
  asking.add(id);
  try {
    await diagnoseTrunks(id, ingestId, trunks, window);
  } finally {
    asking.delete(id);
    forgotten.delete(id);
  }
}

async function diagnoseTrunks(id: number, ingestId: number, trunks: readonly string[], window: TimeWindow | null): Promise<void> {
  if (!held(ingestId)) {
    scope.postMessage({ type: 'failed', id, message: NOT_HELD });
    return;
  }
  try {
    for (const trunk of trunks) {
      while (!held(ingestId)?.hasDiagnosis(trunk, window)) {
        await untilQuiet();
        if (forgotten.has(id)) return;
        const calls = held(ingestId);
        if (!calls) break;
        if (await diagnoseInSlices(id, ingestId, calls, trunk, window)) break;
        // Stopped: its calls are gone (below), or every other question waiting for it was forgotten (made again for this one).
      }
      if (forgotten.has(id)) return;
      if (!held(ingestId)) {
        scope.postMessage({ type: 'failed', id, message: NOT_HELD });
        return;
      }
    }
    const calls = held(ingestId);
    if (!calls) {
      scope.postMessage({ type: 'failed', id, message: NOT_HELD });
      return;
    }
    // Each trunk is kept by now (unless more were asked for than the session keeps: then made again here).
    scope.postMessage({ type: 'diagnosis', id, trunks: calls.diagnose(window, trunks) });
  } catch (e) {
    scope.postMessage({ type: 'failed', id, message: `Diagnosis failed: ${e instanceof Error ? e.message : String(e)}` });
  }
}

/** Questions about the calls asked so far: work made ahead for the next one stops when one comes. */
let questionsAsked = 0;
/** Ends the wait of the first answers for the page's first question (pageAskedOrAfter), when one is waiting. */
let questionCame: (() => void) | null = null;

/**
 * Resolves when the page asks its next question about the calls, or after `ms`. The page asks its
 * first questions after a read once it has committed the read's first screen (use-dashboard.ts),
 * so work made ahead from then on does not share the two cores with that render.
 */
function pageAskedOrAfter(ms: number): Promise<void> {
  return new Promise((resolve) => {
    const done = () => {
      clearTimeout(timer);
      if (questionCame === done) questionCame = null;
      resolve();
    };
    const timer = setTimeout(done, ms);
    questionCame = done;
  });
}
/** The rows after the selection whose answers are made ahead once a selection's panels are answered. */
const NEXT_SELECTIONS_PREPARED = 4;
/** Their slices: a question that comes meanwhile waits at most about this long (or one panel's step). */
const PREPARE_SLICE_MS = 4;

/** The session and window of the last panels asked for ('file': the whole span): a click keeps them, a brush changes the window. */
let lastPanelsWindow: string | null = null;

/**
 * Once `query`'s panels are answered, what selecting one of the next rows of its trunk table would
 * ask (CdrSession.prepareNextSelections; ~10–15 ms each at a million calls): a click on one of them
 * is then answered from what is kept, its first screen and panels together, and drawn in one
 * render. After a click (the window kept) they are made at once, while the page draws the answer:
 * the next click is often the next row. After a new window they wait for quiet, as a brush is
 * usually one of several (a drag, From then To), each of which would stop them unfinished.
 * Stopped by the next question.
 */
function prepareNextSelections(ingestId: number, query: DashboardQuery): void {
  const calls = held(ingestId);
  if (!calls) return;
  const window = `${ingestId}:${query.window ? `${query.window.fromMs}:${query.window.toMs}` : 'file'}`;
  const afterClick = window === lastPanelsWindow;
  lastPanelsWindow = window;
  const asked = questionsAsked;
  const stillWanted = async (): Promise<boolean> => {
    await new Promise((resolve) => setTimeout(resolve, 0));
    return questionsAsked === asked && held(ingestId) === calls;
  };
  void (async () => {
    if (!afterClick) await untilQuiet();
    if (await stillWanted()) await runInSlices(calls.prepareNextSelections(query, NEXT_SELECTIONS_PREPARED), stillWanted, PREPARE_SLICE_MS);
  })().catch(() => {
    // Made ahead only: the page's own question meets the same failure and reports it.
  });
}

/** What a question about the calls held asks for: a dashboard answer, its trunk table alone, or one of its two parts. */
type QueryPart = 'dashboard' | 'table' | 'top' | 'panels';

/** A dashboard query's answer or `part` of it, over the session or one file. */
function answerQuery(id: number, ingestId: number, query: DashboardQuery, fileId: string | undefined, part: QueryPart): void {
  const calls = held(ingestId);
  const file = calls && fileId !== undefined ? session.fileIndexOf(fileId) : undefined;
  if (!calls || file === null) {
    scope.postMessage({ type: 'failed', id, message: calls ? 'This file is no longer loaded; read it again.' : NOT_HELD });
    return;
  }
  try {
    const started = performance.now();
    const elapsed = () => performance.now() - started;
    switch (part) {
      case 'table':
        scope.postMessage({ type: 'table', id, data: calls.table(query, file), elapsedMs: elapsed() });
        return;
      case 'top':
        scope.postMessage({ type: 'top', id, data: calls.top(query, file), elapsedMs: elapsed() });
        return;
      case 'panels':
        scope.postMessage({ type: 'panels', id, data: calls.panels(query, file), elapsedMs: elapsed() });
        return;
      case 'dashboard':
        scope.postMessage({ type: 'dashboard', id, data: calls.query(query, file), elapsedMs: elapsed() });
        return;
    }
  } catch (e) {
    scope.postMessage({ type: 'failed', id, message: `Analysis failed: ${e instanceof Error ? e.message : String(e)}` });
  }
}

scope.addEventListener('message', (event) => {
  const message = event.data;
  if (message.type === 'warm-up') {
    warmUpWanted = true;
    maybeWarmUp();
    return;
  }
  if (message.type === 'query' || message.type === 'table' || message.type === 'top' || message.type === 'panels') {
    lastQueryAt = performance.now();
    questionsAsked++;
    questionCame?.();
    answerQuery(message.id, message.ingestId, message.query, message.fileId, message.type === 'query' ? 'dashboard' : message.type);
    if (message.type === 'panels' && message.fileId === undefined) prepareNextSelections(message.ingestId, message.query);
    return;
  }
  if (message.type === 'diagnose') {
    void answerDiagnosis(message.id, message.ingestId, message.trunks, message.window);
    return;
  }
  if (message.type === 'forget') {
    if (asking.has(message.id)) forgotten.add(message.id);
    return;
  }
  if (message.type === 'cancel') {
    if (current?.id === message.id) current.controller.abort(new DOMException('Cancelled', 'AbortError'));
    return;
  }
  asked = true;
  warming?.abort(new DOMException('A file comes first', 'AbortError'));
  rewarming?.abort(new DOMException('A file comes first', 'AbortError'));
  current?.controller.abort(new DOMException('Superseded', 'AbortError'));
  const controller = new AbortController();
  current = { id: message.id, controller };
  const running = current;
  // One request at a time: the next waits until the one it superseded has stopped.
  queue = queue.then(() => run(message.id, message.files, message.mappingOverrides, controller.signal)).finally(() => {
    if (current === running) current = null;
  });
});

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
  return { id: f.id, name: f.file.name, blob: f.file, leaveOut: f.leaveOut };
}

/** What the worker holds after a read. */
type Held = NonNullable<IngestSession['current']>;

/**
 * The whole-file trunk table, posted unasked after the worst trunk's timeline counted with it (the
 * first chart, drawn with the table); the question for that trunk's first screen is returned (null:
 * no trunk). `beforeResult`: only where both are sums of the read's counts (~1 ms at a million
 * calls): posted before the read's result, the page draws them in the render that shows the read,
 * not in the renders after it; undefined where the table waits for the seal and the index.
 */
function postFirstTable(held: Held, beforeResult: boolean): DashboardQuery | null | undefined {
  const calls = held.calls;
  const table = beforeResult ? calls.tableBeforeSeal(FIRST_TABLE_QUERY, true) : calls.firstTable(FIRST_TABLE_QUERY);
  if (!table) return undefined;
  const worst = table.trunks[0]?.trunk;
  const detail = worst === undefined ? null : firstDetailQuery(worst);
  const timeline = worst === undefined ? null : calls.firstTimeline(worst);
  if (detail && timeline) scope.postMessage({ type: 'first-answer', ingestId: held.ingestId, part: 'timeline', query: detail, data: timeline });
  scope.postMessage({ type: 'first-answer', ingestId: held.ingestId, part: 'table', query: FIRST_TABLE_QUERY, data: table });
  return detail;
}

/**
 * After a read, the first table (postFirstTable, unless it came before the result: `posted`, its
 * first screen's question). Then, one step per task (a question that
 * comes meanwhile is answered first), what the page asks for next: the worst trunk's first screen
 * (its timeline: the first chart), which it asks for once it has the table, posted unasked too
 * (a question that came while a step ran would wait for that step), and that trunk's panels
 * (asked for with it; the session keeps the answer). The panels are made in slices of
 * FIRST_ANSWER_SLICE_MS: the page's question for the first screen comes while they are made, and
 * it draws the table and the timeline while the rest are made. Then what a first brush counts
 * from, and the series of the trunks a user clicks first.
 * A failure is left to the page's own questions to report.
 */
async function prepareFirstAnswer(signal: AbortSignal, posted: DashboardQuery | null | undefined): Promise<void> {
  const held = session.current;
  if (!held) return;
  const calls = held.calls;
  const wanted = () => !signal.aborted && session.current?.ingestId === held.ingestId;
  const turn = async (): Promise<boolean> => {
    await new Promise((resolve) => setTimeout(resolve, 0));
    return wanted();
  };
  try {
    // Counted before the seal where it can be: the seal and the index come in the next step (prepare).
    const detail = posted === undefined ? postFirstTable(held, false) : posted;
    // The seal and the index (~100–300 ms at a million calls) wait for the page's first question:
    // made while the page drew the read's first screen, they took a core from it, and that render
    // and its frame made the drop's long tasks (see FIRST_SCREEN_WAIT_MS).
    await pageAskedOrAfter(FIRST_SCREEN_WAIT_MS);
    if (!(await turn())) return;
    calls.prepare();
    if (detail) {
      scope.postMessage({ type: 'first-answer', ingestId: held.ingestId, part: 'top', query: detail, data: calls.top(detail) });
      if (!(await turn())) return;
      if ((await runInSlices(calls.preparePanels(detail), turn, FIRST_ANSWER_SLICE_MS)) === null) return;
      if (!(await turn())) return;
    }
    // Then, in slices too, what a first brush counts from (~25 ms at 1M calls: a user may brush as
    // soon as the timeline is drawn), and what a first click on another trunk reads (~65 ms).
    // A question that comes meanwhile waits for one slice, not for all of them.
    if ((await runInSlices(calls.prepareWindowSteps(), turn, FIRST_ANSWER_SLICE_MS)) === null) return;
    await runInSlices(calls.prepareSelectionSteps(), turn, FIRST_ANSWER_SLICE_MS);
  } catch {
    // the page's own question meets the same failure and reports it
  }
}

/** The first panels' slices: short enough that the page's question for the first screen is answered soon after it comes. */
const FIRST_ANSWER_SLICE_MS = 10;

/**
 * How long the first answers' work waits after a read for the page's first question, at most (a
 * page that asks nothing: no dashboard, a hidden tab). VICIdial 1M calls, headless Chromium on 2
 * cores, 14 drops each, alternated, frames over 50 ms and long tasks up to the dashboard painted:
 * made at once 7 and 1 (51 ms), waiting for the question 0 and 0 (a fixed 80 ms wait before that:
 * 11 and 3 of 53–76 ms → 3 and 0). The table no later; the panels start at the question.
 */
const FIRST_SCREEN_WAIT_MS = 80;

async function run(id: number, files: SessionFileInput[], mappingOverrides: Record<string, ColumnMapping>, signal: AbortSignal) {
  if (signal.aborted) {
    scope.postMessage({ type: 'cancelled', id, sessionKept: session.current !== null });
    return;
  }
  let lastPost = 0;
  const heldBefore = session.current?.ingestId ?? null;
  try {
    const summary = await session
      .apply(id, files.map(toSessionInput), mappingOverrides, {
        signal,
        pool: piecePool,
        onProgress: (progress) => {
          const now = performance.now();
          if (now - lastPost < PROGRESS_INTERVAL_MS) return;
          lastPost = now;
          scope.postMessage({ type: 'progress', id, progress });
        },
      })
      // The piece workers a big file grew are ended before the seal and the first answers add theirs.
      .finally(() => {
        if (piecePool.release() > 0) rewarmWhenQuiet(signal);
      });
    const held = signal.aborted ? null : session.current;
    let posted: DashboardQuery | null | undefined;
    try {
      posted = held ? postFirstTable(held, true) : undefined;
    } catch {
      // made again after the result, where a failure is left to the page's questions
    }
    scope.postMessage({ type: 'result', id, summary });
    // A newer drop already stopped this run: its read must not wait behind a table nobody will ask for.
    if (!signal.aborted) void prepareFirstAnswer(signal, posted);
  } catch (e) {
    const kept = e instanceof SessionError ? e.sessionKept : session.current?.ingestId === heldBefore;
    if (signal.aborted) scope.postMessage({ type: 'cancelled', id, sessionKept: kept });
    else scope.postMessage({ type: 'failed', id, message: e instanceof Error ? e.message : String(e), sessionKept: kept });
  }
}
