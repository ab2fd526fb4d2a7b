/**
 * One ingest of a file per piece-thread count, round-robin over the counts (so machine noise hits
 * all of them alike), with the process's peak RSS and the main thread's peak heap. Shared by the
 * bench's Node child (modules imported from any source tree) and the device kit (a bundle).
 */
import { openFileBlob } from '../../src/cli/file-blob';
import type { ingestFiles } from '../../src/core/ingest/ingest-files';
import type { PiecePool } from '../../src/core/ingest/pieces/piece-types';

export interface NodeRun {
  ms: number;
  calls: number;
  trunks: number;
  /** Peak V8 heap used (sampled every 10 ms and at the end) minus nothing: absolute bytes. */
  heapPeakBytes: number;
  rssPeakBytes: number;
}

export interface ScalingRuns {
  threads: number;
  runs: NodeRun[];
}

export interface ScalingSubject {
  ingestFiles: typeof ingestFiles;
  /** Null where the tree has no thread pool (an old git ref): only one pass is measured. */
  createThreadPool: ((threads: number) => PiecePool & { close(): Promise<void>; ready?: () => Promise<void>; readonly piecesHere?: number }) | null;
}

export async function measureThreadCounts(
  subject: ScalingSubject,
  file: { path: string; name: string },
  runs: number,
  counts: readonly number[],
  log: (s: string) => void,
): Promise<ScalingRuns[]> {
  const measured = counts.filter((c) => c === 0 || subject.createThreadPool);
  const byCount = new Map<number, NodeRun[]>(measured.map((c) => [c, []]));
  const gc = (globalThis as { gc?: () => void }).gc;
  for (let i = 0; i < runs; i++) {
    for (const count of measured) {
      // A pool is started before its run and closed after it: its threads' memory is not carried
      // into the next count's RSS, and its start-up (loading code) is not timed.
      const pool = count > 0 && subject.createThreadPool ? subject.createThreadPool(count) : null;
      await pool?.ready?.();
      gc?.();
      const blob = await openFileBlob(file.path);
      let heapPeak = 0;
      let rssPeak = 0;
      const sample = () => {
        const m = process.memoryUsage();
        if (m.heapUsed > heapPeak) heapPeak = m.heapUsed;
        if (m.rss > rssPeak) rssPeak = m.rss;
      };
      const timer = setInterval(sample, 10);
      const started = performance.now();
      const { summary } = await subject.ingestFiles([{ name: file.name, blob }], pool ? { pool } : {});
      const ms = performance.now() - started;
      sample();
      clearInterval(timer);
      // A thread that failed leaves its pieces to the main thread: that run measured fewer threads than its column says.
      if (pool?.piecesHere) log(`  warning: ${count} thread(s), run ${i + 1}: ${pool.piecesHere} pieces were parsed on the main thread (a thread failed)`);
      await pool?.close();
      byCount.get(count)!.push({ ms, calls: summary.calls, trunks: summary.trunks.length, heapPeakBytes: heapPeak, rssPeakBytes: rssPeak });
      log(`  run ${i + 1}, ${count === 0 ? 'one pass' : `${pool?.size} threads`}: ${(ms / 1000).toFixed(2)} s, ${summary.calls} calls`);
    }
  }
  return [...byCount].map(([threads, r]) => ({ threads, runs: r }));
}
