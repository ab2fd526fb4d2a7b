/**
 * The reading side of parallel ingest: bytes of one file (already gunzipped) → line-aligned
 * pieces → the pool → merged into the drop's store strictly in file order, so line numbers,
 * first-seen duplicates and the first lines of each skip reason come out as in one pass.
 * At most two pieces per pool slot are in flight: memory stays flat whatever the file size.
 */
import type { FormatCapabilities, RowParser } from '../../formats/format-module';
import { LineCutter } from './line-cutter';
import { mergePiece, type MergeTarget } from './merge-piece';
import type { PieceJob, PiecePool, PieceResult } from './piece-types';

/** Bytes per piece: big enough that a message per piece costs nothing, small enough to spread. */
export const PIECE_BYTES = 4 << 20;

export interface PiecesRun {
  pool: PiecePool;
  /** What every job of this file carries besides its bytes and index. */
  job: Omit<PieceJob, 'index' | 'bytes'>;
  pieceBytes: number;
  target: MergeTarget;
  /** The file's own parser: absorbs each piece's evidence and then decides file-wide names. */
  fileParser: RowParser;
  signal?: AbortSignal;
  /** After each merge: the file's last line merged so far. */
  onMerged?: (line: number) => void;
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

export async function readInPieces(first: readonly Uint8Array[], rest: AsyncIterator<Uint8Array> | null, run: PiecesRun): Promise<PiecesOutcome> {
  const { pool, signal } = run;
  const cutter = new LineCutter(run.pieceBytes);
  const inFlight: Array<Promise<PieceResult>> = [];
  const outcome: PiecesOutcome = { capabilities: null, overlongLines: 0, lastLine: 0, damage: null, pieces: 0 };
  let index = 0;

  const mergeNext = async (): Promise<void> => {
    const result = await inFlight.shift()!;
    signal?.throwIfAborted();
    if (result.error !== null) throw new Error(`piece ${result.index + 1} could not be parsed (${result.error})`);
    mergePiece(result, run.target, outcome.lastLine);
    outcome.pieces++;
    outcome.lastLine += result.lineCount;
    outcome.overlongLines += result.overlongLines;
    outcome.capabilities = orCapabilities(outcome.capabilities, result.capabilities);
    if (result.evidence !== null) run.fileParser.absorbFileEvidence?.(result.evidence);
    run.onMerged?.(outcome.lastLine);
  };
  const send = async (bytes: Uint8Array | null): Promise<void> => {
    if (bytes === null || bytes.length === 0) return;
    const job: PieceJob = { ...run.job, index: index++, bytes };
    // A pool failure (a worker that died) becomes a result with an error, so no rejection is left unhandled.
    inFlight.push(pool.parse(job).catch((e: unknown) => failedResult(job.index, e)));
    if (inFlight.length >= pool.size * 2) await mergeNext();
  };

  for (const bytes of first) for (const piece of cutter.push(bytes)) await send(piece);
  if (rest) {
    for (;;) {
      signal?.throwIfAborted();
      let next: IteratorResult<Uint8Array>;
      try {
        next = await rest.next();
      } catch (e) {
        if (signal?.aborted) throw e;
        outcome.damage = e;
        break;
      }
      if (next.done) break;
      for (const piece of cutter.push(next.value)) await send(piece);
    }
  }
  // After damage the last held line is cut off; one pass never reads it either.
  await send(outcome.damage === null ? cutter.flush() : cutter.flushCompleteLines());
  while (inFlight.length > 0) await mergeNext();
  return outcome;
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

function failedResult(index: number, e: unknown): PieceResult {
  const empty = new Float64Array(0);
  return {
    index,
    calls: {
      length: 0,
      startMs: empty,
      endMs: empty,
      talkSec: new Float32Array(0),
      trunk: new Uint16Array(0),
      sipCode: new Uint16Array(0),
      codeSource: new Uint8Array(0),
      outcome: new Uint8Array(0),
      q850: new Uint16Array(0),
      reason: new Uint16Array(0),
      destDigits: empty,
      destLength: new Uint8Array(0),
      callerDigits: empty,
      callerLength: new Uint8Array(0),
      callIdIndex: new Uint32Array(0),
      trunks: [],
      reasons: [],
      callIds: [],
    },
    lines: new Uint32Array(0),
    dedupeKeys: empty,
    rows: { read: 0, used: 0, skipped: 0, headerLines: 0 },
    skipped: [],
    lineCount: 0,
    overlongLines: 0,
    capabilities: { sipCodes: false, separates503From603: false, hasEndTimes: false, hasTrunk: false },
    evidence: null,
    error: e instanceof Error ? e.message : String(e),
  };
}
