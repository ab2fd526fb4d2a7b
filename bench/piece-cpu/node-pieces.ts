/**
 * The Node side of the harness (bundled by run.ts, run by node):
 * - `record FILE JOBS.json`: ingests FILE in pieces as the browser does (a pool of 2, the pool's
 *   cuts) and writes the jobs the pool was given, without their blob;
 * - `time FILE JOBS.json PASSES`: reads and parses those pieces in this thread, one at a time, and
 *   prints per pass the phase times and this thread's CPU (/proc, the main thread only: V8's
 *   helper threads are not in it, as they are not in a Chromium worker thread's).
 */
import { openAsBlob, readFileSync, writeFileSync } from 'node:fs';
import { ingestFiles } from '../../src/core/ingest/ingest-files';
import { inProcessPool } from '../../src/core/ingest/pieces/in-process-pool';
import type { PieceJob, PiecePool } from '../../src/core/ingest/pieces/piece-types';
import { jobOver, noPhases, timedPiece, type RecordedJob } from './timed-piece';
import { threadCpuMs } from './thread-cpu';

const [mode, file, jobsPath, passesArg] = process.argv.slice(2);
if (!file || !jobsPath) throw new Error('usage: record|time FILE JOBS.json [PASSES]');
const blob = await openAsBlob(file);

if (mode === 'record') {
  const jobs: RecordedJob[] = [];
  const parse = inProcessPool().parse;
  const pool: PiecePool = { size: 2, parse: (job: PieceJob) => (jobs.push(recorded(job)), parse(job)) };
  const { store } = await ingestFiles([{ name: 'Master.csv', blob }], { pool });
  writeFileSync(jobsPath, JSON.stringify(jobs));
  console.log(`${jobs.length} pieces, ${store.length} calls`);
} else {
  const jobs = JSON.parse(readFileSync(jobsPath, 'utf8')) as RecordedJob[];
  for (let p = 0; p < Number(passesArg ?? 5); p++) {
    const phases = noPhases();
    const cpu0 = threadCpuMs(process.pid, process.pid);
    for (const job of jobs) await timedPiece(jobOver(blob, job), phases);
    console.log(JSON.stringify({ pass: p, cpuMs: threadCpuMs(process.pid, process.pid) - cpu0, ...phases }));
  }
}

function recorded(job: PieceJob): RecordedJob {
  if (job.source.kind !== 'range') throw new Error('a plain file is expected');
  const { start, end, seekBytes } = job.source;
  return { ...job, source: { start, end, seekBytes } };
}
