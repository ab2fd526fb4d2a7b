/**
 * One piece read and parsed as a piece worker does (parse-piece.ts readAndParsePiece), with the
 * time of each phase: the same code in the harness's Chromium worker and in Node.
 */
import { parsePiece, withPieceBytes } from '../../src/core/ingest/pieces/parse-piece';
import type { PieceJob, PieceResult } from '../../src/core/ingest/pieces/piece-types';

/** Milliseconds (performance.now) of each phase, summed over the pieces timed. */
export interface PhaseMs {
  read: number;
  parse: number;
  post: number;
  calls: number;
}

export function noPhases(): PhaseMs {
  return { read: 0, parse: 0, post: 0, calls: 0 };
}

export async function timedPiece(job: PieceJob, into: PhaseMs): Promise<PieceResult> {
  const t0 = performance.now();
  const read = await withPieceBytes(job);
  const t1 = performance.now();
  const result = parsePiece(read, read.source.bytes);
  const t2 = performance.now();
  into.read += t1 - t0;
  into.parse += t2 - t1;
  into.calls += result.lines.length;
  if (result.error !== null) throw new Error(`piece ${job.index}: ${result.error}`);
  return result;
}

/** A job as recorded (no blob): the range it reads, and what every job carries. */
export type RecordedJob = Omit<PieceJob, 'source'> & { source: { start: number; end: number; seekBytes: number } };

export function jobOver(blob: Blob, recorded: RecordedJob): PieceJob {
  return { ...recorded, source: { kind: 'range', blob, ...recorded.source } };
}
