/**
 * The reading side of parallel ingest: one file cut into pieces (a plain file at fixed places, each
 * piece aligned to line ends where it is read: piece-range.ts; a gunzipped stream at line ends,
 * here) → the pool → merged into the drop's store strictly in file order, so line numbers, first-seen duplicates and the first lines of each skip reason come out as in one pass.
 * At most PIECES_IN_FLIGHT_PER_WORKER pieces per pool slot are in flight, and each merged piece is
 * given back to the pool (PiecePool.giveBack): memory stays flat whatever the file size.
 */
import type { FormatCapabilities, RowParser } from '../../formats/format-module';
import { LineCutter } from './line-cutter';
import { mergePiece, type MergeTarget } from './merge-piece';
import { failedPiece } from './parse-piece';
import { seekBytesFor } from './piece-range';
import type { PieceJob, PiecePool, PieceResult, PieceSource } from './piece-types';

/** Bytes per piece: big enough that a message per piece costs nothing, small enough to spread. */
export const PIECE_BYTES = 4 << 20;

/**
 * Pieces sent ahead per worker, unmerged. A worker reads a piece's bytes when it takes its job, and
 * it takes a job only between two parses: with two in flight, the job sent when the oldest piece was
 * merged came while the worker parsed the other, so every second piece waited for its own read after
 * the parse before it (100k Master.csv in headless Chromium, traced: each piece worker idle between
 * its first and last parse a median 11.5 ms, 4 with three). The third is read while the second is parsed.
 */
export const PIECES_IN_FLIGHT_PER_WORKER = 3;

export interface PiecesRun {
  pool: PiecePool;
  /** What every job of this file carries besides its bytes and index. */
  job: Omit<PieceJob, 'index' | 'source'>;
  pieceBytes: number;
  target: MergeTarget;
  /** The file's own parser: absorbs each piece's evidence and then decides file-wide names. */
  fileParser: RowParser;
  signal?: AbortSignal;
  /** After each merge: the file's last line merged so far, and the input's bytes done. */
  onMerged?: (line: number, bytesDone: number) => void;
}

export interface PiecesOutcome {
  capabilities: FormatCapabilities | null;
  overlongLines: number;
  /** The last line merged (for "reading stopped after line N"). */
  lastLine: number;
  /** A read error (damaged gzip) after which the rows before it were still merged; null if none. */
  damage: unknown;
  /** Pieces parsed. */
  pieces: number;
}

/**
 * Where the pieces come from: a plain file is cut into byte ranges read by the piece workers
 * themselves; a stream (gunzipped) is cut here, the pieces' bytes sent along.
 */
export type PieceFeed = { kind: 'file'; blob: Blob } | { kind: 'stream'; first: readonly Uint8Array[]; rest: AsyncIterator<Uint8Array> | null };

export async function readInPieces(feed: PieceFeed, run: PiecesRun): Promise<PiecesOutcome> {
  const { pool, signal } = run;
  const inFlight: Array<{ end: number; result: Promise<PieceResult> }> = [];
  const outcome: PiecesOutcome = { capabilities: null, overlongLines: 0, lastLine: 0, damage: null, pieces: 0 };
  let index = 0;

  const mergeNext = async (): Promise<void> => {
    const next = inFlight.shift()!;
    const result = await next.result;
    signal?.throwIfAborted();
    if (result.error !== null) throw new Error(`piece ${result.index + 1} could not be parsed (${result.error})`);
    mergePiece(result, run.target, outcome.lastLine);
    outcome.pieces++;
    outcome.lastLine += result.lineCount;
    outcome.overlongLines += result.overlongLines;
    outcome.capabilities = orCapabilities(outcome.capabilities, result.capabilities);
    if (result.evidence !== null) run.fileParser.absorbFileEvidence?.(result.evidence);
    pool.giveBack?.(result);
    run.onMerged?.(outcome.lastLine, next.end);
  };
  /** `end`: how far into the input (bytes of the file, or of the stream) the piece reaches. */
  /** `startsInsideLine` / `endsInsideLine`: a line too long for a piece runs across the cut (PieceJob). */
  const send = async (source: PieceSource, end: number, startsInsideLine: boolean, endsInsideLine: boolean): Promise<void> => {
    signal?.throwIfAborted();
    const job: PieceJob = { ...run.job, index: index++, source, startsInsideLine, endsInsideLine, keptFull: run.target.store.fullKeptColumns() };
    // A pool failure (a worker that died) becomes a result with an error, so no rejection is left unhandled.
    inFlight.push({ end, result: pool.parse(job).catch((e: unknown) => failedPiece(job.index, e instanceof Error ? e.message : String(e))) });
    if (inFlight.length >= pool.size * PIECES_IN_FLIGHT_PER_WORKER) await mergeNext();
  };

  if (feed.kind === 'file') {
    // Cut at fixed places, nothing read here: each piece moves its cuts to line ends (piece-range.ts).
    const file = wholeBlob(feed.blob);
    // One reach for every cut of the file (both pieces at a cut must move it alike): that of its usual pieces.
    const seekBytes = seekBytesFor(evenPieceBytes(file.size, run.pieceBytes, pool.size));
    let start = 0;
    for (const end of pieceEnds(file.size, run.pieceBytes, pool.size)) {
      await send({ kind: 'range', blob: file, start, end, seekBytes }, end, false, false);
      start = end;
    }
  } else {
    const cutter = new LineCutter(run.pieceBytes);
    let streamed = 0;
    let insideLine = false;
    /** `final`: the stream's last bytes (a last line without a line end is a row, not a cut). */
    const sendAll = async (pieces: Uint8Array[], final = false) => {
      for (const bytes of pieces) {
        streamed += bytes.length;
        // The cutter ends a piece after a line end unless a line outgrew its limit.
        const last = bytes[bytes.length - 1];
        const endsInsideLine = !final && last !== 0x0a && last !== 0x0d;
        await send({ kind: 'bytes', bytes }, streamed, insideLine, endsInsideLine);
        insideLine = endsInsideLine;
      }
    };
    for (const bytes of feed.first) await sendAll(cutter.push(bytes));
    if (feed.rest) {
      for (;;) {
        signal?.throwIfAborted();
        let next: IteratorResult<Uint8Array>;
        try {
          next = await feed.rest.next();
        } catch (e) {
          if (signal?.aborted) throw e;
          outcome.damage = e;
          break;
        }
        if (next.done) break;
        await sendAll(cutter.push(next.value));
      }
    }
    // After damage the last held line is cut off; one pass never reads it either.
    const last = outcome.damage === null ? cutter.flush() : cutter.flushCompleteLines();
    if (last) await sendAll([last], true);
  }
  while (inFlight.length > 0) await mergeNext();
  return outcome;
}

/**
 * A worker parses nothing until its first piece's bytes have come, and a 4 MiB read took ~26 ms at
 * the start of a 1M-call Master.csv (headless Chromium, quiet machine), a 1 MiB one ~7: each worker's
 * first piece is this small, so parsing starts sooner.
 */
export const FIRST_PIECE_BYTES = 1 << 20;

/**
 * Where a plain file's pieces end (before each piece moves its cuts to line ends): one piece of
 * FIRST_PIECE_BYTES per worker first, when the file's pieces are bigger, then the rest cut evenly
 * (evenPieceBytes), so each worker still gets the same share.
 */
export function pieceEnds(fileBytes: number, pieceBytes: number, workers: number): number[] {
  const even = evenPieceBytes(fileBytes, pieceBytes, workers);
  const ends: number[] = [];
  let start = 0;
  if (FIRST_PIECE_BYTES < even) {
    for (let k = 0; k < Math.max(1, workers); k++) ends.push((start += FIRST_PIECE_BYTES));
  }
  const rest = evenPieceBytes(fileBytes - start, pieceBytes, workers);
  while (start < fileBytes) ends.push((start = Math.min(fileBytes, start + rest)));
  return ends;
}

/**
 * The size of a file's pieces: about `pieceBytes`, as many pieces as make each worker's share the
 * same (a multiple of `workers`) and all of one size. Cut at `pieceBytes` a 30 MB file left a 0.3 MB
 * last piece, and the worker that drew the one before it parsed alone for its last ~60 ms while
 * the other waited; the read ends when the slower worker does.
 */
export function evenPieceBytes(fileBytes: number, pieceBytes: number, workers: number): number {
  const perWorker = Math.max(1, workers);
  const pieces = Math.ceil(Math.ceil(fileBytes / pieceBytes) / perWorker) * perWorker;
  return Math.max(1, Math.ceil(fileBytes / pieces));
}

/**
 * The file's bytes as a plain Blob (one slice of the File) for the pieces' jobs: in Chromium a File
 * costs much more to clone into each job's message, where the merging worker waits for it (1M
 * Master.csv calls, profiled: cloning the jobs 143 → 15 ms).
 */
function wholeBlob(file: Blob): Blob {
  return file.slice(0, file.size);
}

/** What any piece showed, the file shows (a SIP code in one piece is a SIP code in the file). */
function orCapabilities(a: FormatCapabilities | null, b: FormatCapabilities): FormatCapabilities {
  if (!a) return b;
  return {
    sipCodes: a.sipCodes || b.sipCodes,
    separates503From603: a.separates503From603 || b.separates503From603,
    hasEndTimes: a.hasEndTimes || b.hasEndTimes,
    hasTrunk: a.hasTrunk || b.hasTrunk,
  };
}
