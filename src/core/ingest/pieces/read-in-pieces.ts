/**
 * The reading side of parallel ingest: one file read as one stream and cut into pieces at line ends
 * (a plain file: file-pieces.ts; a gunzipped one: LineCutter) → the pool → merged into the drop's store strictly in file order, so line numbers, first-seen duplicates and the first lines of each skip reason come out as in one pass.
 * At most PIECES_IN_FLIGHT_PER_WORKER pieces per pool slot are in flight unmerged, each merged as
 * its result comes and given back to the pool (PiecePool.giveBack): memory stays flat whatever the
 * file size.
 */
import type { FormatCapabilities, RowParser } from '../../formats/format-module';
import { LineCutter } from './line-cutter';
import { mergePiece, type MergeTarget } from './merge-piece';
import { failedPiece } from './parse-piece';
import { filePieces } from './file-pieces';
import { SpareBuffers } from './spare-buffers';
import { seekBytesFor, type RangeSource } from './piece-range';
import type { PieceJob, PiecePool, PieceResult, PieceSource } from './piece-types';

/** Bytes per piece: big enough that a message per piece costs nothing, small enough to spread. */
export const PIECE_BYTES = 4 << 20;

/** A big file's pieces grow up to this (pieceBytesFor). */
export const MAX_PIECE_BYTES = 8 << 20;

/** Pieces a file is cut into before its pieces grow past PIECE_BYTES (pieceBytesFor). */
const PIECES_BEFORE_GROWING = 32;

/**
 * The pieces' size for a file of `fileBytes`: PIECE_BYTES up to 128 MiB, then larger, at most
 * MAX_PIECE_BYTES. Each piece costs ~2 ms of fixed work (its message, columns, counts and merge).
 * A 1M-call Master.csv (296 MB) in 38 pieces of 8 MiB rather than 74 of 4: its piece workers'
 * CPU 985 → 920 ms (bench/piece-cpu), the table painted 1045 → 1008 and 1022 → 1018 ms (two
 * batches of alternated runs, headless Chromium, 2 cores); the 4M-call one read in 3.17 s, not
 * 3.63, for ~67 MB more at its peak. A 100k-call one (30 MB) in 4 big pieces rather than 8 ended
 * ~50 ms later, one worker parsing its last piece alone: a small file keeps its many small pieces.
 */
export function pieceBytesFor(fileBytes: number): number {
  return Math.min(MAX_PIECE_BYTES, Math.max(PIECE_BYTES, Math.ceil(fileBytes / PIECES_BEFORE_GROWING)));
}

/**
 * Pieces sent ahead per worker, unmerged: a worker that finishes a piece finds the next one's bytes
 * waiting. With two in flight, when pieces were read by their workers, each piece worker sat idle
 * between its first and last parse a median 11.5 ms, 4 with three (100k Master.csv in headless
 * Chromium, traced).
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
  /**
   * Called once, when the first pieces are on their way and none is merged yet: room made for the
   * file's calls (ingest-file.ts reserveForFile). Its fresh memory (~10 ms at a million calls in a
   * Chromium worker) is then made while the piece workers parse, not before the first piece is sent.
   */
  beforeFirstMerge?: () => void;
  /** After each merge: the file's last line merged so far, and the input's bytes done. */
  onMerged?: (line: number, bytesDone: number) => void;
}

export interface PiecesOutcome {
  capabilities: FormatCapabilities | null;
  overlongLines: number;
  /** The last line merged (for "reading stopped after line N"). */
  lastLine: number;
  /** A read error (damaged gzip, a file changed on disk) after which the rows before it were still merged; null if none. */
  damage: unknown;
  /** Pieces parsed. */
  pieces: number;
}

/**
 * Where the pieces come from: a plain file read as one stream, or a stream (gunzipped), cut at line
 * ends here; the pieces' bytes are sent along.
 */
export type PieceFeed = { kind: 'file'; blob: Blob } | { kind: 'stream'; first: readonly Uint8Array[]; rest: AsyncIterator<Uint8Array> | null };

export async function readInPieces(feed: PieceFeed, run: PiecesRun): Promise<PiecesOutcome> {
  const { pool, signal } = run;
  const outcome: PiecesOutcome = { capabilities: null, overlongLines: 0, lastLine: 0, damage: null, pieces: 0 };
  let index = 0;
  /** A plain file's piece buffers, handed back with their results: at most one spare per piece in flight. */
  const buffers = new SpareBuffers(pool.size * PIECES_IN_FLIGHT_PER_WORKER);

  /** The first failure (a piece that failed, a stop, a read that threw): nothing more is read or merged. */
  let failure: { error: unknown } | null = null;
  let merged = false;
  const merge = (result: PieceResult, end: number): void => {
    if (result.spentBytes) buffers.giveBack(result.spentBytes);
    if (failure) throw failure.error;
    signal?.throwIfAborted();
    if (!merged) {
      merged = true;
      run.beforeFirstMerge?.();
    }
    if (result.error !== null) throw new Error(`piece ${result.index + 1} could not be parsed (${result.error})`);
    mergePiece(result, run.target, outcome.lastLine);
    outcome.pieces++;
    outcome.lastLine += result.lineCount;
    outcome.overlongLines += result.overlongLines;
    outcome.capabilities = orCapabilities(outcome.capabilities, result.capabilities);
    if (result.evidence !== null) run.fileParser.absorbFileEvidence?.(result.evidence);
    pool.giveBack?.(result);
    run.onMerged?.(outcome.lastLine, end);
  };
  /**
   * The merges, in file order: a piece is merged once its result has come and the piece before it
   * is merged, while the next pieces are read. Merged only once reading had to wait for room (6
   * pieces in flight), each merge held up the read of the next piece: the 1M-call Master.csv's
   * table was painted a median 9–54 ms sooner this way, with 30–90 ms less CPU over all processes
   * (headless Chromium, 3 batches of 8–12 alternated drops).
   */
  let merges: Promise<void> = Promise.resolve();
  /** Each piece sent and not known to be merged: settles once it is. */
  const unmerged: Array<Promise<void>> = [];
  /** `end`: how far into the input (bytes of the file, or of the stream) the piece reaches. */
  /** `startsInsideLine` / `endsInsideLine`: a line too long for a piece runs across the cut (PieceJob). */
  const send = async (source: PieceSource, end: number, startsInsideLine: boolean, endsInsideLine: boolean): Promise<void> => {
    if (failure) throw failure.error;
    signal?.throwIfAborted();
    const job: PieceJob = { ...run.job, index: index++, source, startsInsideLine, endsInsideLine, keptFull: run.target.store.fullKeptColumns() };
    // A pool failure (a worker that died) becomes a result with an error, so no rejection is left unhandled.
    const result = pool.parse(job).catch((e: unknown) => failedPiece(job.index, e instanceof Error ? e.message : String(e)));
    merges = merges.then(async () => merge(await result, end));
    // Handled here (the first failure is kept), and again by whoever waits for it.
    merges.catch((e: unknown) => void (failure ??= { error: e }));
    unmerged.push(merges);
    // At most PIECES_IN_FLIGHT_PER_WORKER pieces per worker sent and not merged: memory stays flat.
    // (A pool whose workers all failed has size 0 and parses the pieces itself: a worker's room.)
    while (unmerged.length >= Math.max(1, pool.size) * PIECES_IN_FLIGHT_PER_WORKER) await unmerged.shift();
  };

  try {
    if (feed.kind === 'file') {
      // Read here as one stream and cut at line ends (file-pieces.ts), as planned by pieceEnds.
      const { blob } = feed;
      const even = evenPieceBytes(blob.size, run.pieceBytes, pool.size);
      const pieces = filePieces(blob.stream(), pieceEnds(blob.size, run.pieceBytes, pool.size), seekBytesFor(even), buffers);
      try {
        for (;;) {
          const next = await nextOrDamage(pieces, outcome, signal);
          if (!next || next.done) break;
          const piece = next.value;
          // Its cuts are line ends already (or stay inside a line): a reach of one byte keeps them where they are.
          const again: RangeSource = { kind: 'range', blob, start: piece.start, end: piece.end, seekBytes: 1 };
          await send({ kind: 'bytes', bytes: piece.bytes, again, handBack: true }, piece.end, piece.startsInsideLine, piece.endsInsideLine);
        }
      } finally {
        // Stopped early (a failed piece, a cancel): the pieces end now, and with them the file's stream.
        await pieces.return(undefined);
      }
    } else {
      const cutter = new LineCutter(run.pieceBytes, undefined, buffers);
      let streamed = 0;
      let insideLine = false;
      /** `final`: the stream's last bytes (a last line without a line end is a row, not a cut). */
      const sendAll = async (pieces: Uint8Array[], final = false) => {
        for (const bytes of pieces) {
          streamed += bytes.length;
          // The cutter ends a piece after a line end unless a line outgrew its limit.
          const last = bytes[bytes.length - 1];
          const endsInsideLine = !final && last !== 0x0a && last !== 0x0d;
          // Each piece owns its buffer (LineCutter): it comes back with the result, for a later piece.
          await send({ kind: 'bytes', bytes, handBack: true }, streamed, insideLine, endsInsideLine);
          insideLine = endsInsideLine;
        }
      };
      for (const bytes of feed.first) await sendAll(cutter.push(bytes));
      if (feed.rest) {
        try {
          for (;;) {
            const next = await nextOrDamage(feed.rest, outcome, signal);
            if (!next || next.done) break;
            await sendAll(cutter.push(next.value));
          }
        } finally {
          // Stopped early: the stream (the gunzip, the file under it) ends now.
          await feed.rest.return?.(undefined);
        }
      }
      // After damage the last held line is cut off; one pass never reads it either.
      const last = outcome.damage === null ? cutter.flush() : cutter.flushCompleteLines();
      if (last) await sendAll([last], true);
    }
  } catch (e) {
    // Reading stopped (a failed piece, a cancel, a read that threw): no piece is merged after it,
    // so nothing changes the store once the caller has the failure.
    failure ??= { error: e };
    throw e;
  }
  await merges;
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
 * The input's next bytes; null when reading them failed (a damaged gzip, a file changed on disk):
 * the failure is the outcome's damage, and the pieces before it are still merged.
 */
async function nextOrDamage<T>(input: AsyncIterator<T>, outcome: PiecesOutcome, signal: AbortSignal | undefined): Promise<IteratorResult<T> | null> {
  signal?.throwIfAborted();
  try {
    return await input.next();
  } catch (e) {
    if (signal?.aborted) throw e;
    outcome.damage = e;
    return null;
  }
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
