/**
 * One piece parsed as a piece worker parses it (parse-piece.ts readAndParsePiece: its bytes came
 * with the job, read by the ingest worker), timed: the same code in the harness's Chromium worker
 * and in Node.
 */
import { readAndParsePiece } from '../../src/core/ingest/pieces/parse-piece';
import type { PieceJob, PieceResult } from '../../src/core/ingest/pieces/piece-types';

/** Milliseconds (performance.now) of each phase, summed over the pieces timed. */
export interface PhaseMs {
  parse: number;
  post: number;
  calls: number;
}

export function noPhases(): PhaseMs {
  return { parse: 0, post: 0, calls: 0 };
}

export async function timedPiece(job: PieceJob, into: PhaseMs): Promise<PieceResult> {
  const t0 = performance.now();
  const result = await readAndParsePiece(job);
  into.parse += performance.now() - t0;
  into.calls += result.lines.length;
  if (result.error !== null) throw new Error(`piece ${job.index}: ${result.error}`);
  return result;
}

/**
 * A job as recorded (no bytes): where its bytes are in the file (the cuts the reading side made,
 * file-pieces.ts), and what every job carries.
 */
export type RecordedJob = Omit<PieceJob, 'source'> & { source: { start: number; end: number } };

/** The recorded job with its bytes, handed back with its result as the reading side asks. */
export function jobWith(bytes: Uint8Array, recorded: RecordedJob): PieceJob {
  return { ...recorded, source: { kind: 'bytes', bytes, handBack: true } };
}
