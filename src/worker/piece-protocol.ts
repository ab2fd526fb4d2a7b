/** Messages between the ingest worker's piece pool and a piece worker. */
import type { PieceJob, PieceResult } from '../core/ingest/pieces/piece-types';

export interface PieceRequest {
  id: number;
  job: PieceJob;
}

export interface PieceResponse {
  id: number;
  result: PieceResult;
}

/** Sent once by a piece worker when its script has loaded and runs. */
export const PIECE_WORKER_READY = 'ready';
