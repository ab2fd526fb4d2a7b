/**
 * The core's throughput in Node: ingestFiles on each input (fs.openAsBlob, so a 1 GB file is
 * streamed, not loaded), in a child process per input (clean heap, --expose-gc), N runs each, at
 * each piece-thread count asked (0 = one pass on the main thread; the CLI uses one per core).
 * Reports wall time, MB/s over the CSV text, calls/s, the peak V8 heap of the main thread and the
 * process's peak RSS (threads included) while reading.
 */
import { spawn } from 'node:child_process';
import { existsSync, openAsBlob } from 'node:fs';
import { availableParallelism } from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import type { ingestFiles } from '../src/core/ingest/ingest-files';
import type { PiecePool } from '../src/core/ingest/pieces/piece-types';
import type { PreparedInput } from './inputs';

/** The module is imported at run time from `srcRoot` (the working tree, or a built git ref). */
interface IngestModule {
  ingestFiles: typeof ingestFiles;
}

export interface NodeRun {
  ms: number;
  calls: number;
  trunks: number;
  /** Peak V8 heap used (sampled every 10 ms and at the end) minus nothing: absolute bytes. */
  heapPeakBytes: number;
  rssPeakBytes: number;
}

export interface NodeCoreResult {
  id: string;
  /** One pass on the main thread. */
  runs: NodeRun[];
  /** In pieces on worker threads as the CLI runs them (one per core, capped), when measured. */
  threadRuns?: NodeRun[];
  /** Every thread count measured (0 = one pass), for the scaling table. */
  scaling?: Array<{ threads: number; runs: NodeRun[] }>;
  error: string | null;
}

/** 0 (one pass), 1, 2, 4, 8 … and the core count itself. */
export function defaultThreadCounts(cores = availableParallelism()): number[] {
  const counts = new Set([0]);
  for (let t = 1; t < cores; t *= 2) counts.add(t);
  counts.add(cores);
  return [...counts].sort((a, b) => a - b);
}

/** The CLI's own thread count (thread-pool.ts: one per core, at most 6). */
const cliThreads = () => Math.min(6, availableParallelism());

const SELF = import.meta.filename;

/** Run the child for each input, one after another. `srcRoot` is where src/core is imported from. */
export async function runNodeCore(
  inputs: readonly PreparedInput[],
  runs: number,
  srcRoot: string,
  log: (s: string) => void,
  threadCounts: readonly number[] = defaultThreadCounts(),
): Promise<NodeCoreResult[]> {
  const counts = [...new Set([0, ...threadCounts, cliThreads()])].sort((a, b) => a - b);
  const results: NodeCoreResult[] = [];
  for (const input of inputs) {
    log(`node core: ${input.spec.id} × ${runs}, piece threads ${counts.join(', ')}`);
    results.push(await runChild(input, runs, srcRoot, counts));
  }
  return results;
}

function runChild(input: PreparedInput, runs: number, srcRoot: string, counts: readonly number[]): Promise<NodeCoreResult> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, ['--expose-gc', '--import', 'tsx', SELF, '--child', input.path, input.fileName, String(runs), srcRoot, counts.join(',')], {
      cwd: path.resolve(import.meta.dirname, '..'),
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let out = '';
    let err = '';
    child.stdout.on('data', (d: Buffer) => (out += d.toString()));
    child.stderr.on('data', (d: Buffer) => (err += d.toString()));
    child.on('close', (code) => {
      const line = out.trim().split('\n').pop() ?? '';
      try {
        const scaling = JSON.parse(line) as Array<{ threads: number; runs: NodeRun[] }>;
        resolve({
          id: input.spec.id,
          runs: scaling.find((s) => s.threads === 0)?.runs ?? [],
          threadRuns: scaling.find((s) => s.threads === cliThreads())?.runs,
          scaling,
          error: code === 0 ? null : `exit ${code}: ${err.slice(-500)}`,
        });
      } catch {
        resolve({ id: input.spec.id, runs: [], error: `exit ${code}: ${(err || out).slice(-800)}` });
      }
    });
  });
}

interface ThreadPoolModule {
  createThreadPool(threads?: number): PiecePool & { close(): Promise<void>; ready?: () => Promise<void> };
}

async function child(file: string, name: string, runs: number, srcRoot: string, counts: readonly number[]): Promise<void> {
  const mod = (await import(pathToFileURL(path.join(srcRoot, 'src/core/ingest/ingest-files.ts')).href)) as IngestModule;
  const threadPoolFile = path.join(srcRoot, 'src/cli/thread-pool.ts');
  const threads = existsSync(threadPoolFile) ? ((await import(pathToFileURL(threadPoolFile).href)) as ThreadPoolModule) : null;
  const measured = counts.filter((c) => c === 0 || threads);
  const byCount = new Map<number, NodeRun[]>(measured.map((c) => [c, []]));
  const gc = (globalThis as { gc?: () => void }).gc;
  // Round-robin over the counts, so machine noise hits all of them alike. A pool is started before
  // its run and closed after it: its threads' memory is not carried into the next count's RSS.
  for (let i = 0; i < runs; i++) {
    for (const count of measured) {
      const pool = count > 0 && threads ? threads.createThreadPool(count) : null;
      await pool?.ready?.();
      gc?.();
      const blob = await openAsBlob(file);
      let heapPeak = 0;
      let rssPeak = 0;
      const sample = () => {
        const m = process.memoryUsage();
        if (m.heapUsed > heapPeak) heapPeak = m.heapUsed;
        if (m.rss > rssPeak) rssPeak = m.rss;
      };
      const timer = setInterval(sample, 10);
      const started = performance.now();
      const { summary } = await mod.ingestFiles([{ name, blob }], pool ? { pool } : {});
      const ms = performance.now() - started;
      sample();
      clearInterval(timer);
      await pool?.close();
      byCount.get(count)!.push({ ms, calls: summary.calls, trunks: summary.trunks.length, heapPeakBytes: heapPeak, rssPeakBytes: rssPeak });
      process.stderr.write(`  run ${i + 1}, ${count === 0 ? 'one pass' : `${pool?.size} threads`}: ${(ms / 1000).toFixed(2)} s, ${summary.calls} calls\n`);
    }
  }
  process.stdout.write(`${JSON.stringify([...byCount].map(([t, r]) => ({ threads: t, runs: r })))}\n`);
}

if (process.argv[2] === '--child') {
  const [file, name, runs, srcRoot, counts] = process.argv.slice(3);
  await child(file!, name!, Number(runs), srcRoot!, (counts ?? '0').split(',').map(Number));
}
