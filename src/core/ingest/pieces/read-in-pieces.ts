/**
 * The reading side of parallel ingest: bytes of one file (already gunzipped) → line-aligned
 * pieces → the pool → merged into the drop's store strictly in file order, so line numbers,
 * first-seen duplicates and the first lines of each skip reason come out as in one pass.
 * At most two pieces per pool slot are in flight, and each merged piece is given back to the pool
 * (PiecePool.giveBack): memory stays flat whatever the file size.
 */
import type { FormatCapabilities, RowParser } from '../../formats/format-module';
import { lineEndAfter, LineCutter } from './line-cutter';
import { mergePiece, type MergeTarget } from './merge-piece';
import { failedPiece } from './parse-piece';
import type { PieceJob, PiecePool, PieceResult, PieceSource } from './piece-types';

/** Bytes per piece: big enough that a message per piece costs nothing, small enough to spread. */
export const PIECE_BYTES = 4 << 20;

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
    if (inFlight.length >= pool.size * 2) await mergeNext();
  };

  if (feed.kind === 'file') {
    let insideLine = false;
    const file = wholeBlob(feed.blob);
    for await (const range of lineAlignedRanges(file, evenPieceBytes(file.size, run.pieceBytes, pool.size), signal)) {
      await send({ kind: 'range', blob: file, start: range.start, end: range.end }, range.end, insideLine, range.endsInsideLine);
      insideLine = range.endsInsideLine;
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
 * The file's bytes as a plain Blob (one slice of the File) for the cuts and the pieces' jobs: in
 * Chromium a File costs more to slice and much more to clone into each job's message, where the
 * merging worker waits for it (1M Master.csv calls, profiled: cloning the jobs 143 → 15 ms, the
 * cuts' slices 465 → 273 ms).
 */
function wholeBlob(file: Blob): Blob {
  return file.slice(0, file.size);
}

/** How far past the target size we look for the line feed that ends a piece, per read. */
const SEEK_BYTES = 64 * 1024;

/**
 * Byte ranges of a file that end right after a line end (an LF, or a CR not followed by an LF;
 * the last range at the file's end), each about `pieceBytes`: only the bytes around each cut are
 * read here. With no line end within
 * max(4 × pieceBytes, pieceBytes + 64 KiB) of its start (binary junk), a range ends there and the
 * piece's tokenizer reports the line overlong (LineCutter's rule for streams).
 */
export async function* lineAlignedRanges(blob: Blob, pieceBytes: number, signal?: AbortSignal): AsyncGenerator<{ start: number; end: number; endsInsideLine: boolean }> {
  let start = 0;
  while (start < blob.size) {
    signal?.throwIfAborted();
    let end = blob.size;
    let endsInsideLine = false;
    // The first line end at or after start + pieceBytes - 1 ends the piece. Each window reads one
    // byte more than it searches, so a CR at its edge is known to be (or not be) half of a CRLF.
    let from = start + pieceBytes - 1;
    const limit = start + Math.max(pieceBytes * 4, pieceBytes + SEEK_BYTES);
    while (from < blob.size) {
      const to = Math.min(blob.size, from + SEEK_BYTES);
      const window = new Uint8Array(await blob.slice(from, Math.min(blob.size, to + 1)).arrayBuffer());
      const cut = lineEndAfter(window, 0);
      if (cut >= 0 && cut <= to - from) {
        end = from + cut;
        break;
      }
      if (cut < 0 && to === blob.size && window.length > 0 && window[window.length - 1] === 0x0d) {
        end = blob.size; // a CR as the file's last byte ends its last line
        break;
      }
      from = to;
      if (from >= limit) {
        end = Math.min(blob.size, limit);
        endsInsideLine = end < blob.size;
        break;
      }
    }
    yield { start, end, endsInsideLine };
    start = end;
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
