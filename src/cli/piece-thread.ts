/**
 * A Node worker thread parsing pieces for the CLI: the same parsePiece as the browser's piece
 * workers (src/worker/piece.worker.ts). Started by thread-pool.ts.
 */
import { parentPort } from 'node:worker_threads';
import type { SniffSample } from '../core/formats/format-module';
import { answerTransferables, failedPiece, keepSpareColumns, readAndParsePiece } from '../core/ingest/pieces/parse-piece';
import type { PieceJob } from '../core/ingest/pieces/piece-types';
import { withSampleKept, type SentPieceJob } from '../core/ingest/pieces/sample-once';

/** The file sample of the last job that carried one (the pool sends it once per file). */
const kept: { sample: SniffSample | null } = { sample: null };

parentPort?.on('message', (message: { id: number; job: SentPieceJob } | { givenBack: ArrayBuffer[] }) => {
  // A merged piece's buffers, back from the pool: the next pieces' columns are made in them.
  if ('givenBack' in message) {
    keepSpareColumns(message.givenBack);
    return;
  }
  const { id, job } = message;
  let full: PieceJob;
  try {
    full = withSampleKept(kept, job);
  } catch (e) {
    parentPort?.postMessage({ id, result: failedPiece(job.index, e instanceof Error ? e.message : String(e)) });
    return;
  }
  // Every job is answered, whatever throws: the pool waits for each answer.
  void readAndParsePiece(full)
    .then((result) => parentPort?.postMessage({ id, result }, answerTransferables(result)))
    .catch((e: unknown) => parentPort?.postMessage({ id, result: failedPiece(job.index, e instanceof Error ? e.message : String(e)) }));
});
// Loaded: the pool's ready() resolves.
parentPort?.postMessage({ ready: true });
