/**
 * A Node worker thread parsing pieces for the CLI: the same parsePiece as the browser's piece
 * workers (src/worker/piece.worker.ts). Started by thread-pool.ts.
 */
import { parentPort } from 'node:worker_threads';
import { readAndParsePiece, transferablesOf } from '../core/ingest/pieces/parse-piece';
import type { PieceJob } from '../core/ingest/pieces/piece-types';

parentPort?.on('message', ({ id, job }: { id: number; job: PieceJob }) => {
  void readAndParsePiece(job).then((result) => parentPort?.postMessage({ id, result }, transferablesOf(result)));
});
// Loaded (through tsx, which takes a while): the pool's ready() resolves.
parentPort?.postMessage({ ready: true });
