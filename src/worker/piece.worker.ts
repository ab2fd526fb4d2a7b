/// <reference lib="webworker" />
/**
 * A piece worker: parses line-aligned pieces of a big file for the ingest worker, which keeps
 * the calls. Holds no piece's bytes or calls between pieces (parse-piece.ts keeps only the last
 * piece's parse objects). Created by piece-pool.ts inside the ingest worker.
 */
import type { SniffSample } from '../core/formats/format-module';
import { answerTransferables, failedPiece, keepSpareColumns, readAndParsePiece } from '../core/ingest/pieces/parse-piece';
import type { PieceJob } from '../core/ingest/pieces/piece-types';
import { withSampleKept } from '../core/ingest/pieces/sample-once';
import { PIECE_WORKER_READY, type GivenBack, type PieceRequest, type PieceResponse } from './piece-protocol';

interface PieceWorkerScope {
  postMessage(message: PieceResponse | typeof PIECE_WORKER_READY, transfer: Transferable[]): void;
  addEventListener(type: 'message', listener: (event: MessageEvent<PieceRequest | GivenBack>) => void): void;
}
const scope = self as unknown as PieceWorkerScope;

/** The file sample of the last job that carried one (the pool sends it once per file). */
const kept: { sample: SniffSample | null } = { sample: null };

scope.addEventListener('message', (event) => {
  if ('givenBack' in event.data) {
    keepSpareColumns(event.data.givenBack);
    return;
  }
  const { id, job } = event.data;
  // Every job is answered, whatever throws (a parse bug, a result that cannot be posted): the pool waits for each answer.
  const fail = (e: unknown) => scope.postMessage({ id, result: failedPiece(job.index, e instanceof Error ? e.message : String(e)) }, []);
  let full: PieceJob;
  try {
    full = withSampleKept(kept, job);
  } catch (e) {
    fail(e);
    return;
  }
  void readAndParsePiece(full)
    .then((result) => scope.postMessage({ id, result }, answerTransferables(result)))
    .catch(fail);
});

scope.postMessage(PIECE_WORKER_READY, []);
