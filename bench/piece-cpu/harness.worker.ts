/// <reference lib="webworker" />
/**
 * The harness's piece worker (bench/piece-cpu/run.ts): parses each piece the page sends (its bytes
 * with it, as the ingest worker sends them) and posts the result to the page with its buffers and
 * the piece's bytes transferred, as piece.worker.ts answers the ingest worker. `done` answers the
 * phase times summed since the last `done`.
 */
import type { SniffSample } from '../../src/core/formats/format-module';
import { answerTransferables } from '../../src/core/ingest/pieces/parse-piece';
import { withSampleKept, type SentPieceJob } from '../../src/core/ingest/pieces/sample-once';
import { noPhases, timedPiece, type RecordedJob } from './timed-piece';

/** A piece and its bytes (its sample null after the pass's first: sample-once.ts), or the end of a pass. */
type HarnessRequest = { job: Omit<RecordedJob, 'sample'> & { sample: SniffSample | null }; bytes: Uint8Array } | { done: true };

const scope = self as unknown as DedicatedWorkerGlobalScope;
let phases = noPhases();
const kept: { sample: SniffSample | null } = { sample: null };

scope.addEventListener('message', (event: MessageEvent<HarnessRequest>) => {
  const request = event.data;
  if ('done' in request) {
    scope.postMessage({ done: phases });
    phases = noPhases();
    return;
  }
  const sent: SentPieceJob = { ...request.job, source: { kind: 'bytes', bytes: request.bytes, handBack: true } };
  void timedPiece(withSampleKept(kept, sent), phases).then((result) => {
    const t = performance.now();
    scope.postMessage({ piece: result }, answerTransferables(result));
    phases.post += performance.now() - t;
  });
});
