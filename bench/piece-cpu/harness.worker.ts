/// <reference lib="webworker" />
/**
 * The harness's piece worker (bench/piece-cpu/run.ts): each pass reads and parses every recorded
 * piece of the file, one at a time, and posts each result to the page with its buffers
 * transferred, as piece.worker.ts posts it to the ingest worker. Answers each pass's phase times.
 */
import { transferablesOf } from '../../src/core/ingest/pieces/parse-piece';
import { jobOver, noPhases, timedPiece, type RecordedJob } from './timed-piece';

interface PassRequest {
  blob: Blob;
  jobs: RecordedJob[];
}

const scope = self as unknown as DedicatedWorkerGlobalScope;

scope.addEventListener('message', (event: MessageEvent<PassRequest>) => {
  void pass(event.data).then((phases) => scope.postMessage({ done: phases }));
});

async function pass({ blob, jobs }: PassRequest) {
  const phases = noPhases();
  for (const recorded of jobs) {
    const result = await timedPiece(jobOver(blob, recorded), phases);
    const t = performance.now();
    scope.postMessage({ piece: result }, transferablesOf(result));
    phases.post += performance.now() - t;
  }
  return phases;
}
