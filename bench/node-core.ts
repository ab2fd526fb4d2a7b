/**
 * The core's throughput in Node: ingestFiles on each input (fs.openAsBlob, so a 1 GB file is
 * streamed, not loaded), in a child process per input (clean heap, --expose-gc), N runs each.
 * Reports wall time, MB/s over the CSV text, calls/s and the peak V8 heap seen while reading.
 */
import { spawn } from 'node:child_process';
import { existsSync, openAsBlob } from 'node:fs';
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
  /** In pieces on worker threads (the CLI's way), when the measured tree has the thread pool. */
  threadRuns?: NodeRun[];
  error: string | null;
}

const SELF = import.meta.filename;

/** Run the child for each input, one after another. `srcRoot` is where src/core is imported from. */
export async function runNodeCore(inputs: readonly PreparedInput[], runs: number, srcRoot: string, log: (s: string) => void): Promise<NodeCoreResult[]> {
  const results: NodeCoreResult[] = [];
  for (const input of inputs) {
    log(`node core: ${input.spec.id} × ${runs}`);
    results.push(await runChild(input, runs, srcRoot));
  }
  return results;
}

function runChild(input: PreparedInput, runs: number, srcRoot: string): Promise<NodeCoreResult> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, ['--expose-gc', '--import', 'tsx', SELF, '--child', input.path, input.fileName, String(runs), srcRoot], {
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
        const parsed = JSON.parse(line) as { runs: NodeRun[]; threadRuns?: NodeRun[] };
        resolve({ id: input.spec.id, runs: parsed.runs, threadRuns: parsed.threadRuns, error: code === 0 ? null : `exit ${code}: ${err.slice(-500)}` });
      } catch {
        resolve({ id: input.spec.id, runs: [], error: `exit ${code}: ${(err || out).slice(-800)}` });
      }
    });
  });
}

interface ThreadPoolModule {
  createThreadPool(threads?: number): PiecePool & { close(): Promise<void> };
}

async function child(file: string, name: string, runs: number, srcRoot: string): Promise<void> {
  const mod = (await import(pathToFileURL(path.join(srcRoot, 'src/core/ingest/ingest-files.ts')).href)) as IngestModule;
  const threadPoolFile = path.join(srcRoot, 'src/cli/thread-pool.ts');
  const threads = existsSync(threadPoolFile) ? ((await import(pathToFileURL(threadPoolFile).href)) as ThreadPoolModule) : null;
  const pool = threads?.createThreadPool() ?? null;
  const gc = (globalThis as { gc?: () => void }).gc;
  const out: NodeRun[] = [];
  const threadOut: NodeRun[] = [];
  // Alternate one pass and threads, so machine noise hits both alike.
  for (let i = 0; i < runs; i++) {
    for (const usePool of pool ? [false, true] : [false]) {
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
      const { summary } = await mod.ingestFiles([{ name, blob }], usePool && pool ? { pool } : {});
      const ms = performance.now() - started;
      sample();
      clearInterval(timer);
      (usePool ? threadOut : out).push({ ms, calls: summary.calls, trunks: summary.trunks.length, heapPeakBytes: heapPeak, rssPeakBytes: rssPeak });
      process.stderr.write(`  run ${i + 1}${usePool ? ` (${pool?.size} threads)` : ''}: ${(ms / 1000).toFixed(2)} s, ${summary.calls} calls\n`);
    }
  }
  await pool?.close();
  process.stdout.write(`${JSON.stringify({ runs: out, threadRuns: pool ? threadOut : undefined })}\n`);
}

if (process.argv[2] === '--child') {
  const [file, name, runs, srcRoot] = process.argv.slice(3);
  await child(file!, name!, Number(runs), srcRoot!);
}
