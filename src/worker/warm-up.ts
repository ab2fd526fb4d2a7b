/**
 * Before the first drop, the ingest worker runs the real pipeline once per common format over a
 * small generated day — pieces parsed on the piece workers, merged, sealed, what it prepares after
 * a read, the trunk table and the dashboard's answer for the worst trunk — and drops what it read. A first 100k-call file then
 * runs compiled code: cold, the piece workers spent about three times their warm time per row on
 * it, and the worker's first answers three times theirs.
 *
 * The calls read here are in a session of their own, never the page's, and nothing of them is
 * posted: the page shows no file and no number from them. Each step is short and the steps yield
 * to the worker's messages, so a drop (or the sample day) that comes meanwhile aborts it at once.
 */
import type { PieceJob, PiecePool } from '../core/ingest/pieces/piece-types';
import { SAMPLE_DAY, type ScenarioSpec } from '../core/scenario/scenario';
import { CdrSession } from '../core/session/cdr-session';
import { writeScenarioSteps, type ScenarioWriter } from '../core/scenario/writers/writer';
import { asteriskMasterCsvWriter } from '../core/scenario/writers/asterisk-master-csv';
import { vicidialCarrierLogWriter } from '../core/scenario/writers/vicidial-carrier-log';
import { freeswitchCdrCsvWriter } from '../core/scenario/writers/freeswitch-cdr-csv';
import { FIRST_TABLE_QUERY, firstDetailQuery } from './first-questions';
import { runInSlices } from './run-in-slices';

/**
 * Two hours of the sample day around carrier-f's policy change, ~900 calls with every trunk's
 * problem: the analysis (merge, seal, the first answers) runs over them. The simulation walks
 * every second of its span, so the span is kept short rather than the rate low.
 */
export const WARM_UP_DAY: ScenarioSpec = { ...SAMPLE_DAY, fromSecond: 12 * 3600, toSecond: 14 * 3600, scale: 0.1 };

/**
 * The day's rows are in the warm-up file this many times over (after the format's header), so
 * each piece worker parses ~22,000 rows of each format and V8 has its per-row code optimised
 * (TurboFan) before the first file: with one copy (~450 rows per worker) each piece worker still
 * asked for ~45 TurboFan compilations during a 100k-call file, with 20 copies ~22, with 50 ~6.
 * CPU of all the renderer's threads from the drop to the first chart (Chrome trace thread time,
 * built app, 2 busy cores, medians of 3 alternated runs), 1 / 20 / 50 copies: Master.csv 100k
 * 1.36 / 1.16 / 1.10 s, VICIdial carrier log 100k 1.22 / 1.03 / 1.00 s (the compiler threads
 * 0.51 → 0.30 s, the piece workers 0.44 → 0.38 s), for a warm-up of 0.31 / 0.68 / 1.05 s CPU
 * while the page is idle. The copies after the first are duplicates of its calls, so the store,
 * and the analysis warmed on it, hold the day's ~900 calls. A longer generated day gave the same
 * gain for more warm-up (the simulation costs ~10 µs per call).
 */
export const WARM_UP_COPIES = 50;

/**
 * Master.csv's day is in its file more times over: with 50 copies (or 100) each piece worker still
 * compiled the tokenizer's chunk loop (DelimitedTokenizer.scan, with the per-row code it inlines)
 * with TurboFan during a 1M-call Master.csv (--trace-opt: ~18 ms of compile on each of the two
 * workers), and ran it less optimised until then. Headless Chromium, 2 cores, the 1M-call Master.csv,
 * alternated drops, table painted and CPU of all Chromium's processes from the drop to it (medians):
 * 50 → 150 copies 935 → 897 ms (faster in 12 of 12), 1840 → 1750 ms CPU (less in 11 of 12); 100
 * copies 52 ms slower than 150 (2 of 12 faster), 200 the same as 150 (+11 ms, 5 of 10). The warm-up
 * ends ~1 s later (~2.5 → ~3.5 s after the page's load): Master.csv is the export most drops are.
 */
export const MASTER_CSV_WARM_UP_COPIES = 150;

/**
 * Warm-up pieces are small: a drop waits for the pieces already sent to the piece workers (at
 * most three each: read-in-pieces.ts PIECES_IN_FLIGHT_PER_WORKER) before its own, and for the
 * merge of one in the ingest worker: ~1,000 rows.
 */
const WARM_UP_PIECE_BYTES = 128 << 10;

/**
 * After a read the worker seals the calls and makes the first answers (seal, index, trunk table,
 * the worst trunk's first screen and panels): loops over every call, which V8 optimises only after
 * they have run often enough, and compiles for a while (buildIndex: ~0.2 s of TurboFan). Run once
 * over the day's ~900 calls they were still cold for a first file, so each format's calls are
 * analysed again ANALYSIS_ROUNDS times over ANALYSIS_COPIES copies of them (CdrSession.copies:
 * overlapping, so the seal sorts them as it sorts a file). Node, 100k-call Master.csv read after
 * the warm-up, CPU from the read to the worst trunk's panels, alternated runs: 287–328 ms with no
 * rounds, 164–166 with 2, 97–164 with 4 (of 6 copies each); the warm-up ~0.45 s more. Two copies
 * twelve times analyse as many calls as six copies four times, in steps a third the size: each
 * step (one question over one copy) must be short, a drop waits for it (STEP_SLICE_MS).
 */
export const ANALYSIS_ROUNDS = 12;
export const ANALYSIS_COPIES = 2;

/**
 * After the three formats, each is read again, shorter (SETTLE_COPIES copies, SETTLE_ROUNDS
 * analysis rounds). The per-row code the formats share (routeRow, countPiece, the
 * tokenizer's loops) was optimised on the first format's rows and deoptimised by the next format's
 * ("wrong map": another parser, other columns); V8 then optimises it again only after it has run a
 * while longer, and after the last format that came during the drop: with one round the piece
 * workers still compiled those functions with TurboFan while reading a 100k-call Master.csv
 * (--trace-opt). Read again, every format's shapes are in the feedback when they are optimised the
 * last time, and the drop compiles none of them. Headless Chromium, 2 cores, 8 alternated runs of a
 * 100k-call Master.csv: drop → table painted 351 → 317 ms (medians), CPU of all Chromium's
 * processes over it 630 → 570 ms; a 100k-call VICIdial carrier log 383 → 354 ms (4 runs). The
 * warm-up takes ~0.2 s more (1.6–1.7 → 1.85 s from the page's load).
 */
export const SETTLE_COPIES = 10;
export const SETTLE_ROUNDS = 2;

/**
 * The warm-up runs in slices of about this long between the worker's messages (a drop or the
 * sample day waits at most this plus one step): its day is made a simulated second at a time, its
 * pieces are small (WARM_UP_PIECE_BYTES) and its analysis is one question over one copy at a time.
 */
const STEP_SLICE_MS = 8;

/**
 * The formats most drops are: a file in one of these then parses warm. The Master.csv day holds the
 * rows a real PBX writes beside a dialer's too (pbxLegs: Local legs, calls in from the trunk, phone
 * to phone), so the text way those rows take is compiled before the drop as well: warmed on the
 * dialer's rows alone, a first real Master.csv (300k rows of simularent_Master.csv, the bench's
 * real-rows input) had V8 compile ~320 functions during the drop, ~1.3 s of compile time on its
 * background threads (--trace-opt), and its table came 778–906 ms after the drop; with them,
 * 715–798 ms, the generator's 1M-call file unchanged (957–1067 → 969–1069 ms; headless Chromium,
 * 2 cores, 4 alternated drops each).
 */
export const WARM_UP_FORMATS: readonly WarmUpFormat[] = [
  { writer: asteriskMasterCsvWriter({ hangupCauseInUserfield: false, pbxLegs: true }), copies: MASTER_CSV_WARM_UP_COPIES },
  { writer: vicidialCarrierLogWriter, copies: WARM_UP_COPIES },
  { writer: freeswitchCdrCsvWriter, copies: WARM_UP_COPIES },
];

/** A format the warm-up reads: the writer of its day, and how many times over its file holds the day's rows. */
export interface WarmUpFormat {
  writer: ScenarioWriter;
  copies: number;
}

/** `formats`, each with `copies` copies of its day (a shorter warm-up, for tests). */
export const withCopies = (formats: readonly WarmUpFormat[], copies: number): WarmUpFormat[] => formats.map((f) => ({ ...f, copies }));

/** What the warm-up read of each format's day: that it went through the path a drop takes (tests). */
export interface WarmUpFile {
  formatId: string | null;
  calls: number;
  rowsRead: number;
  pieces: number;
  error: string | null;
  /** A piece of the day as the warm-up sent it, for piece workers started later (rewarm.ts); null when none was sent. */
  piece: WarmUpPiece | null;
}

/** The day's rows (after the header, complete lines) and a job of the file they were read in, less its bytes. */
export interface WarmUpPiece {
  job: PieceJob;
  rows: Uint8Array;
  /** How many times over the warm-up's file held the day (its format's copies): a re-warm gives as many rows. */
  copies: number;
}

/** The day written by `writer`, its rows `copies` times after the header; and those rows alone. */
function* warmUpFileSteps(writer: ScenarioWriter, copies: number): Generator<null, { blob: Blob; body: string }> {
  const chunks: string[] = [];
  yield* writeScenarioSteps(WARM_UP_DAY, writer, (chunk) => chunks.push(chunk));
  const text = chunks.join('');
  const body = text.slice(writer.header().length);
  return { blob: new Blob([text, ...Array.from({ length: copies - 1 }, () => body)]), body };
}

/** `pool`, keeping the first job after the file's first piece (it primes the header, as any later piece). */
function keepingALaterJob(pool: PiecePool): { pool: PiecePool; kept: () => PieceJob | null } {
  let kept: PieceJob | null = null;
  return {
    pool: {
      get size() {
        return pool.size;
      },
      parse: (job) => {
        // Without its bytes: a range of the warm-up's file would keep the whole file.
        if (job.index > 0 && kept === null) kept = { ...job, source: { kind: 'bytes', bytes: new Uint8Array(0) } };
        return pool.parse(job);
      },
      giveBack: pool.giveBack && ((result) => pool.giveBack?.(result)),
    },
    kept: () => kept,
  };
}

/** Let the worker's queued messages (a drop) run before the next step. */
const yieldToMessages = () => new Promise<void>((resolve) => setTimeout(resolve, 0));

/** `steps` in slices of STEP_SLICE_MS with the messages' turn between them; rejects once `signal` aborts. */
async function inSlices<T>(steps: Iterator<null, T>, signal: AbortSignal): Promise<T> {
  signal.throwIfAborted();
  const made = await runInSlices(
    steps,
    async () => {
      await yieldToMessages();
      return !signal.aborted;
    },
    STEP_SLICE_MS,
  );
  signal.throwIfAborted();
  return made as T;
}

/**
 * Run the warm-up on `pool`; rejects with the signal's reason as soon as `signal` aborts (the
 * caller's drop goes first). Nothing it read is kept once it settles.
 */
export async function warmUp(pool: PiecePool, signal: AbortSignal, formats: readonly WarmUpFormat[] = WARM_UP_FORMATS, rounds = ANALYSIS_ROUNDS): Promise<WarmUpFile[]> {
  const read: WarmUpFile[] = [];
  for (const { writer, copies } of formats) read.push(await warmUpOn(writer, pool, signal, copies, rounds));
  // Again, shorter: code a later format deoptimised is optimised again, with every format seen.
  for (const { writer, copies } of formats) await warmUpOn(writer, pool, signal, Math.min(copies, SETTLE_COPIES), Math.min(rounds, SETTLE_ROUNDS));
  // A drop during the last step (after which no slice paused): the page must never hear 'warm' after it.
  await yieldToMessages();
  signal.throwIfAborted();
  return read;
}

/** One format's day read on `pool` (its rows `copies` times) and analysed `rounds` times over. */
async function warmUpOn(writer: ScenarioWriter, pool: PiecePool, signal: AbortSignal, copies: number, rounds: number): Promise<WarmUpFile> {
  const { blob, body } = await inSlices(warmUpFileSteps(writer, copies), signal);
  await yieldToMessages();
  signal.throwIfAborted();
  const session = new CdrSession();
  // Pieces on every worker (the first piece and later ones) even for one copy: the path of a big file.
  const pieceBytes = Math.max(1, Math.min(WARM_UP_PIECE_BYTES, Math.ceil(blob.size / (2 * Math.max(1, pool.size)))));
  const keeping = keepingALaterJob(pool);
  const summary = await session.read([{ name: writer.fileName, blob }], { pool: keeping.pool, pieceBytes, signal });
  const file = summary.files[0];
  const job = keeping.kept();
  await yieldToMessages();
  await inSlices(analysisSteps(session, summary.span, rounds), signal);
  return {
    formatId: file?.format?.id ?? null,
    calls: summary.calls,
    rowsRead: file?.rows.read ?? 0,
    pieces: file?.pieces ?? 0,
    error: file?.error ?? null,
    piece: job && { job, rows: new TextEncoder().encode(body), copies },
  };
}

/**
 * What the worker and the page ask of a read's calls before the first chart (ingest.worker.ts,
 * first-questions.ts), over the calls read and then `rounds` times over copies of them: one
 * question per step.
 */
export function* analysisSteps(session: CdrSession, span: { firstMs: number; lastMs: number } | null, rounds: number): Generator<null, void> {
  firstTableAndTimeline(session);
  yield null;
  session.prepare();
  yield null;
  session.prepareSelections();
  yield null;
  yield* firstScreen(session);
  const shiftMs = span ? (span.lastMs - span.firstMs) / 2 : 0;
  for (let round = 0; round < rounds; round++) {
    const copy = session.copies(ANALYSIS_COPIES, shiftMs);
    yield null;
    yield* asARead(copy);
  }
}

/** The first trunk table and the worst trunk's timeline made with it (ingest.worker.ts postFirstTable). */
function firstTableAndTimeline(session: CdrSession): void {
  const worst = session.firstTable(FIRST_TABLE_QUERY).trunks[0]?.trunk;
  if (worst !== undefined) session.firstTimeline(worst);
}

/** The questions after a read, in the worker's order, then a brush's: one per step. */
function* asARead(session: CdrSession): Generator<null, void> {
  firstTableAndTimeline(session);
  yield null;
  session.prepare();
  yield null;
  yield* firstScreen(session);
  session.prepareWindows();
  yield null;
  session.prepareSelections();
  yield null;
  yield* firstBrush(session);
}

/**
 * The worst trunk's first screen and panels over the middle half of the span, as a first brush
 * asks: a window's paths (its counts, failover, series, the panels' slices) are code of their own,
 * which the whole-span questions leave cold. Unwarmed, a 1M-call Master.csv's first brush took the
 * worker ~13 ms for its top and ~58 ms for its panels, V8 compiling as it went (traced), against
 * ~2 and ~7 for the brushes after it. The copies are too few calls for count blocks (three rows
 * of 4,096: window-counts.ts), so a brush's window is counted in one pass here and the blocks'
 * few loops stay cold.
 */
function* firstBrush(session: CdrSession): Generator<null, void> {
  const table = session.table(FIRST_TABLE_QUERY);
  const worst = table.trunks[0]?.trunk;
  yield null;
  if (worst === undefined) return;
  const quarter = (table.span.toMs - table.span.fromMs) / 4;
  const brushed = { ...firstDetailQuery(worst), window: { fromMs: table.span.fromMs + quarter, toMs: table.span.toMs - quarter } };
  session.top(brushed);
  yield null;
  session.panels(brushed);
  yield null;
}

/** The trunk table, then the worst trunk's first screen and panels, one per step. */
function* firstScreen(session: CdrSession): Generator<null, void> {
  const worst = session.table(FIRST_TABLE_QUERY).trunks[0]?.trunk;
  yield null;
  if (worst !== undefined) {
    session.top(firstDetailQuery(worst));
    yield null;
    session.panels(firstDetailQuery(worst));
    yield null;
  }
}
