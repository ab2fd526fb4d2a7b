/// <reference lib="webworker" />
/**
 * A piece worker: parses line-aligned pieces of a big file for the ingest worker, which keeps
 * the calls. Holds nothing between pieces. Created by piece-pool.ts inside the ingest worker.
 */
import { readAndParsePiece, transferablesOf } from '../core/ingest/pieces/parse-piece';
import { PIECE_WORKER_READY, type PieceRequest, type PieceResponse } from './piece-protocol';

interface PieceWorkerScope {
  postMessage(message: PieceResponse | typeof PIECE_WORKER_READY, transfer: Transferable[]): void;
  addEventListener(type: 'message', listener: (event: MessageEvent<PieceRequest>) => void): void;
}
const scope = self as unknown as PieceWorkerScope;

scope.addEventListener('message', (event) => {
  const { id, job } = event.data;
  void readAndParsePiece(job).then((result) => scope.postMessage({ id, result }, transferablesOf(result)));
});

scope.postMessage(PIECE_WORKER_READY, []);
