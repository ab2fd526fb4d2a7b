/**
 * The Node side of the harness (bundled by run.ts, run by node):
 * - `record FILE JOBS.json`: ingests FILE in pieces as the browser does (a pool of 2, the file read
 *   as one stream and cut at line ends: file-pieces.ts) and writes the jobs the pool was given,
 *   each with where its bytes are in the file instead of the bytes;
 * - `time FILE JOBS.json PASSES`: reads those pieces' bytes once, then parses them in this thread,
 *   one at a time, and prints per pass the parse time and this thread's CPU (/proc, the main thread
 *   only: V8's helper threads are not in it, as they are not in a Chromium worker thread's).
 */
import { openAsBlob, readFileSync, writeFileSync } from 'node:fs';
import { ingestFiles } from '../../src/core/ingest/ingest-files';
import { inProcessPool } from '../../src/core/ingest/pieces/in-process-pool';
import type { PieceJob, PiecePool } from '../../src/core/ingest/pieces/piece-types';
import { jobWith, noPhases, timedPiece, type RecordedJob } from './timed-piece';
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
  const pieces = await Promise.all(jobs.map(async (job) => new Uint8Array(await blob.slice(job.source.start, job.source.end).arrayBuffer())));
  for (let p = 0; p < Number(passesArg ?? 5); p++) {
    const phases = noPhases();
    const cpu0 = threadCpuMs(process.pid, process.pid);
    // A copy per pass, as each piece comes in a buffer of its own (the result hands it back).
    for (const [k, job] of jobs.entries()) await timedPiece(jobWith(pieces[k]!.slice(), job), phases);
    console.log(JSON.stringify({ pass: p, cpuMs: threadCpuMs(process.pid, process.pid) - cpu0, ...phases }));
  }
}

/** The job without its bytes: where the reading side cut them from the file (BytesSource.again). */
function recorded(job: PieceJob): RecordedJob {
  const again = job.source.kind === 'bytes' ? job.source.again : undefined;
  if (!again) throw new Error('a plain file read as one stream is expected');
  return { ...job, source: { start: again.start, end: again.end } };
}
