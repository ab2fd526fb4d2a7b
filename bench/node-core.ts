/**
 * The core's throughput in Node: ingestFiles on each input (opened as the CLI opens it, openFileBlob:
 * a 1 GB file is streamed, not loaded), in a child process per input (clean heap, --expose-gc), N runs each, at
 * each piece-thread count asked (0 = one pass on the main thread; the CLI uses one per core).
 * Reports wall time, MB/s over the CSV text, calls/s, the peak V8 heap of the main thread and the
 * process's peak RSS (threads included) while reading.
 */
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import type { ingestFiles } from '../src/core/ingest/ingest-files';
import type { PreparedInput } from './inputs';
import { cliThreadCount } from '../src/cli/thread-pool';
import { measureThreadCounts, type NodeRun, type ScalingRuns, type ScalingSubject } from './lib/thread-scaling';

export type { NodeRun } from './lib/thread-scaling';

/** The module is imported at run time from `srcRoot` (the working tree, or a built git ref). */
interface IngestModule {
  ingestFiles: typeof ingestFiles;
}

export interface NodeCoreResult {
  id: string;
  /** One pass on the main thread. */
  runs: NodeRun[];
  /** In pieces on worker threads as the CLI runs them (cliThreadCount), when measured. */
  threadRuns?: NodeRun[];
  /** Every thread count measured (0 = one pass), for the scaling table. */
  scaling?: ScalingRuns[];
  error: string | null;
}

/** 0 (one pass), 1, 2, 4, 8 … and the core count itself. */
export function defaultThreadCounts(cores = availableParallelism()): number[] {
  const counts = new Set([0]);
  for (let t = 1; t < cores; t *= 2) counts.add(t);
  counts.add(cores);
  return [...counts].sort((a, b) => a - b);
}

/** The CLI's own thread count. */
const cliThreads = () => cliThreadCount(availableParallelism());

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
        const scaling = JSON.parse(line) as ScalingRuns[];
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
  createThreadPool: NonNullable<ScalingSubject['createThreadPool']>;
}

async function child(file: string, name: string, runs: number, srcRoot: string, counts: readonly number[]): Promise<void> {
  const mod = (await import(pathToFileURL(path.join(srcRoot, 'src/core/ingest/ingest-files.ts')).href)) as IngestModule;
  const threadPoolFile = path.join(srcRoot, 'src/cli/thread-pool.ts');
  const threads = existsSync(threadPoolFile) ? ((await import(pathToFileURL(threadPoolFile).href)) as ThreadPoolModule) : null;
  const scaling = await measureThreadCounts({ ingestFiles: mod.ingestFiles, createThreadPool: threads?.createThreadPool ?? null }, { path: file, name }, runs, counts, (s) =>
    process.stderr.write(`${s}\n`),
  );
  process.stdout.write(`${JSON.stringify(scaling)}\n`);
}

if (process.argv[2] === '--child') {
  const [file, name, runs, srcRoot, counts] = process.argv.slice(3);
  await child(file!, name!, Number(runs), srcRoot!, (counts ?? '0').split(',').map(Number));
}
