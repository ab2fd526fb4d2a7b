/** Messages between the ingest worker's piece pool and a piece worker. */
import type { PieceResult } from '../core/ingest/pieces/piece-types';
import type { SentPieceJob } from '../core/ingest/pieces/sample-once';

export interface PieceRequest {
  id: number;
  job: SentPieceJob;
}

/**
 * A merged piece's buffers, moved back to the piece worker that parsed it (PiecePool.giveBack): it
 * makes its next pieces' columns in them (spare-columns.ts), and its collector frees those it keeps no room for.
 */
export interface GivenBack {
  givenBack: ArrayBuffer[];
}

export interface PieceResponse {
  id: number;
  result: PieceResult;
}

/** Sent once by a piece worker when its script has loaded and runs. */
export const PIECE_WORKER_READY = 'ready';
