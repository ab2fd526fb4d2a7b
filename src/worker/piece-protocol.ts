/** Messages between the ingest worker's piece pool and a piece worker. */
import type { PieceResult } from '../core/ingest/pieces/piece-types';
import type { SentPieceJob } from '../core/ingest/pieces/sample-once';

export interface PieceRequest {
  id: number;
  job: SentPieceJob;
}

export interface PieceResponse {
  id: number;
  result: PieceResult;
}

/** Sent once by a piece worker when its script has loaded and runs. */
export const PIECE_WORKER_READY = 'ready';
