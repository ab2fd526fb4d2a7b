/**
 * The device kit's entry (bundled by kit.ts into .device-kit/scaling.mjs; runs on a machine with no
 * Node install and no repository): writes the generator's day as a Master.csv of about `--calls`
 * calls, ingests it at each piece-thread count and writes the scaling table (Markdown + JSON).
 *
 *   node scaling.mjs --calls 1000000 --threads 0,1,2,4,8,12,16 --runs 2 --out DIR
 */
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { availableParallelism, cpus, tmpdir } from 'node:os';
import path from 'node:path';
import { ingestFiles } from '../../src/core/ingest/ingest-files';
import { createThreadPool } from '../../src/cli/thread-pool';
import { scalingMarkdown } from '../report';
import { scaleFor, writeScenarioFile } from '../lib/scenario-files';
import { measureThreadCounts } from '../lib/thread-scaling';

function option(name: string, fallback: string): string {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? (process.argv[i + 1] ?? fallback) : fallback;
}

const calls = Number(option('calls', '1000000'));
const counts = option('threads', `0,1,2,4,8,12,${availableParallelism()}`).split(',').map(Number);
const runs = Number(option('runs', '2'));
const out = option('out', '.');
const log = (s: string) => process.stderr.write(`${s}\n`);

const work = path.join(tmpdir(), `trunk-triage-scaling-${process.pid}`);
mkdirSync(work, { recursive: true });
mkdirSync(out, { recursive: true });
try {
  const scale = scaleFor(calls);
  const file = path.join(work, 'Master.csv');
  const started = performance.now();
  const written = writeScenarioFile(file, 'asterisk-master-csv', scale);
  log(`wrote ${written.calls} calls, ${(written.bytes / 1e6).toFixed(1)} MB in ${((performance.now() - started) / 1000).toFixed(1)} s`);
  const pieceThread = new URL('./piece-thread.mjs', import.meta.url);
  const scaling = await measureThreadCounts({ ingestFiles, createThreadPool: (n) => createThreadPool(n, pieceThread) }, { path: file, name: 'Master.csv' }, runs, counts, log);
  const label = `Asterisk Master.csv, ${written.calls.toLocaleString('en-US')} calls (${(written.bytes / 1e6).toFixed(0)} MB)`;
  const machine = `${cpus()[0]?.model ?? 'unknown CPU'}, ${availableParallelism()} CPUs, Node ${process.version}`;
  const markdown = [`Machine: ${machine}. ${runs} runs per count: median (min–max).`, ...scalingMarkdown([{ label, textBytes: written.bytes, scaling }], availableParallelism())].join('\n');
  writeFileSync(path.join(out, 'scaling.md'), `${markdown}\n`);
  writeFileSync(path.join(out, 'scaling.json'), `${JSON.stringify({ machine, calls: written.calls, bytes: written.bytes, scaling }, null, 2)}\n`);
  process.stdout.write(`${markdown}\n`);
} finally {
  rmSync(work, { recursive: true, force: true });
}
