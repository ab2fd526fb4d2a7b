/** Messages between the ingest worker's piece pool and a piece worker. */
import type { PieceResult } from '../core/ingest/pieces/piece-types';
import type { SentPieceJob } from '../core/ingest/pieces/sample-once';

export interface PieceRequest {
  id: number;
  job: SentPieceJob;
}

/**
 * A merged piece's buffers, moved back to a piece worker (PiecePool.giveBack): it drops them, and
 * its collector, which runs with every few pieces it parses, frees them.
 */
export interface GivenBack {
  givenBack: true;
}

export interface PieceResponse {
  id: number;
  result: PieceResult;
}

/** Sent once by a piece worker when its script has loaded and runs. */
export const PIECE_WORKER_READY = 'ready';
