/// <reference lib="webworker" />
/**
 * A piece worker: parses line-aligned pieces of a big file for the ingest worker, which keeps
 * the calls. Holds nothing between pieces. Created by piece-pool.ts inside the ingest worker.
 */
import { readAndParsePiece, transferablesOf } from '../core/ingest/pieces/parse-piece';
import type { PieceJob, PieceResult } from '../core/ingest/pieces/piece-types';

export interface PieceRequest {
  id: number;
  job: PieceJob;
}

export interface PieceResponse {
  id: number;
  result: PieceResult;
}

interface PieceWorkerScope {
  postMessage(message: PieceResponse, transfer: Transferable[]): void;
  addEventListener(type: 'message', listener: (event: MessageEvent<PieceRequest>) => void): void;
}
const scope = self as unknown as PieceWorkerScope;

scope.addEventListener('message', (event) => {
  const { id, job } = event.data;
  void readAndParsePiece(job).then((result) => scope.postMessage({ id, result }, transferablesOf(result)));
});
