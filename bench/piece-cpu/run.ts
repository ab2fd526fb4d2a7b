/**
 * Where the piece workers' CPU goes in Chromium, and what the same pieces cost in Node (issue 12;
 * not part of the app). The pieces of a plain file as the reading side cuts them (file-pieces.ts,
 * for a pool of 2; recorded once by an ingest in Node) are parsed by workers in headless Chromium,
 * several passes: the page sends each piece's bytes to a worker (at most
 * PIECES_IN_FLIGHT_PER_WORKER in flight per worker), as the ingest worker does, and the worker
 * posts each result back with its buffers and the piece's bytes transferred, as piece.worker.ts
 * does (timed-piece.ts: parse-piece.ts's readAndParsePiece, timed). Reported per pass: the worker
 * threads' CPU (/proc), the renderer's and the browser process's CPU, and the workers' wall time
 * per phase (parse / postMessage); then one pass under the CPU profiler (self time per function,
 * and per phase with the GC apart); then the same pieces in a Node thread (esbuild bundles of the
 * same sources, both).
 *
 *   npx tsx bench/piece-cpu/run.ts [FILE] [--passes 5] [--workers 1] [--skip-node] [--out DIR] [--against DIR]
 *
 * --workers 2: each build's pass is shared by two workers at once, as the app's pool shares a
 * file (piece i to worker i mod 2); the thread CPU is their sum, the profile the first one's.
 *
 * --against DIR: a second worker is bundled with the sources of another checkout (DIR/src, e.g. a
 * worktree of main) and its passes alternate with this one's in the same page, for an A/B.
 *
 * FILE defaults to the bench's 1M-call Master.csv (bench-results/inputs). No timing is asserted.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { build, type Plugin } from 'esbuild';
import { chromium, type Browser } from '@playwright/test';
import { CHROMIUM_ARGS, systemChromiumPath } from '../../scripts/browser-path.mjs';
import { browserProcesses, PageCdp, type CpuProfile } from '../lib/cdp';
import { freePort } from '../lib/processes';
import { summarizeProfile } from '../lib/profile';
import { serveStatic } from '../lib/static-server';
import { stat } from '../lib/stats';
import { PIECES_IN_FLIGHT_PER_WORKER } from '../../src/core/ingest/pieces/read-in-pieces';
import type { PhaseMs } from './timed-piece';
import { phaseShares } from './profile-phases';
import { processCpuMs, threadCpuMs, threadsNamed } from './thread-cpu';

const root = path.resolve(import.meta.dirname, '../..');
const args = process.argv.slice(2);
const flag = (name: string) => args.includes(name);
const option = (name: string, fallback: string) => {
  const at = args.indexOf(name);
  return at >= 0 && args[at + 1] ? args[at + 1]! : fallback;
};
const file = path.resolve(args.find((a, i) => !a.startsWith('--') && !args[i - 1]?.startsWith('--')) ?? path.join(root, 'bench-results/inputs/asterisk-master-csv-1000000/Master.csv'));
const passes = Number(option('--passes', '5'));
const workersPerBuild = Number(option('--workers', '1'));
const out = path.resolve(option('--out', path.join(root, 'bench-results/piece-cpu')));
const www = path.join(out, 'www');
const against = args.includes('--against') ? path.resolve(option('--against', '')) : null;
/** The workers compared: this checkout's sources, and another's (--against). */
const builds = [{ name: 'this', src: path.join(root, 'src') }, ...(against ? [{ name: path.basename(against), src: path.join(against, 'src') }] : [])];
mkdirSync(path.join(www, 'assets'), { recursive: true });

await bundles();
// Recorded every run: the cuts are this checkout's (a change to how pieces are cut changes them).
const jobsPath = path.join(out, `jobs-${path.basename(path.dirname(file))}.json`);
node(['record', file, jobsPath]);
const jobs: unknown = JSON.parse(readFileSync(jobsPath, 'utf8'));
console.log(`${file}: ${(jobs as unknown[]).length} pieces, ${passes} passes`);

const chrome = await inChromium();
const nodeRuns = flag('--skip-node') ? [] : node(['time', file, jobsPath, String(passes)]).split('\n').filter((l) => l.startsWith('{')).map((l) => JSON.parse(l) as PhaseMs & { cpuMs: number });
report(chrome, nodeRuns);

interface ChromePass extends PhaseMs {
  workerCpuMs: number;
  rendererCpuMs: number;
  browserCpuMs: number;
}

async function inChromium(): Promise<{ passes: ChromePass[][]; profile: CpuProfile }> {
  const port = await freePort();
  const server = await serveStatic(www, port);
  const browser = await chromium.launch({ executablePath: systemChromiumPath(), args: CHROMIUM_ARGS });
  try {
    const page = await browser.newPage();
    await page.goto(`http://127.0.0.1:${port}/`);
    await page.setInputFiles('input', file);
    await page.evaluate(() => (window as unknown as Harness).load());
    const cdp = await PageCdp.attach(page);
    const workers: Array<{ key: string; renderer: number; thread: number }> = [];
    for (let w = 0; w < builds.length * workersPerBuild; w++) {
      const b = Math.floor(w / workersPerBuild);
      const known = new Set(cdp.workers.keys());
      await page.evaluate((url) => (window as unknown as Harness).start(url), `assets/worker-${b}.js`);
      while (cdp.workers.size === known.size) await new Promise((r) => setTimeout(r, 50));
      const key = [...cdp.workers.keys()].find((k) => !known.has(k))!;
      const taken = new Set(workers.map((w) => w.thread));
      workers.push({ key, ...(await newWorkerThread(browser, taken)) });
    }
    const runs: ChromePass[][] = builds.map(() => []);
    for (let p = 0; p < passes; p++) {
      // Alternated, so both builds see the same load on a shared machine.
      for (let b = 0; b < builds.length; b++) {
        const ids = Array.from({ length: workersPerBuild }, (_, w) => b * workersPerBuild + w);
        const threadsCpu = () => ids.reduce((sum, id) => sum + threadCpuMs(workers[id]!.renderer, workers[id]!.thread), 0);
        const renderer = workers[ids[0]!]!.renderer;
        const browserPid = (await browserProcesses(browser)).find((q) => q.type === 'browser')?.id ?? 0;
        const before = { w: threadsCpu(), r: processCpuMs(renderer), b: processCpuMs(browserPid) };
        const phases = await page.evaluate(([i, j]) => (window as unknown as Harness).pass(i as number[], j), [ids, jobs] as const);
        const run = { ...phases, workerCpuMs: threadsCpu() - before.w, rendererCpuMs: processCpuMs(renderer) - before.r, browserCpuMs: processCpuMs(browserPid) - before.b };
        runs[b]!.push(run);
        console.log(`chromium pass ${p}, ${builds[b]!.name}: worker thread ${run.workerCpuMs} ms CPU`);
      }
    }
    const key = workers[0]!.key;
    await cdp.sendToWorker(key, 'Profiler.enable');
    await cdp.sendToWorker(key, 'Profiler.setSamplingInterval', { interval: 250 });
    await cdp.sendToWorker(key, 'Profiler.start');
    await page.evaluate((j) => (window as unknown as Harness).pass([0], j), jobs);
    const { profile } = await cdp.sendToWorker<{ profile: CpuProfile }>(key, 'Profiler.stop');
    writeFileSync(path.join(out, 'piece-worker.cpuprofile'), JSON.stringify(profile));
    return { passes: runs, profile };
  } finally {
    await browser.close();
    server.close();
  }
}

/** The dedicated worker thread just started (one not `taken`), and its renderer. */
async function newWorkerThread(browser: Browser, taken: ReadonlySet<number>): Promise<{ renderer: number; thread: number }> {
  for (let tries = 0; tries < 100; tries++) {
    for (const p of (await browserProcesses(browser)).filter((q) => q.type === 'renderer')) {
      const thread = threadsNamed(p.id, 'DedicatedWorker').find((t) => !taken.has(t));
      if (thread !== undefined) return { renderer: p.id, thread };
    }
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error('the new worker\'s thread was not found');
}

interface Harness {
  /** Reads the chosen file whole, once: each pass copies its pieces' bytes from it. */
  load(): Promise<void>;
  start(url: string): void;
  pass(workers: number[], jobs: unknown): Promise<PhaseMs>;
}

/** The page (a file input, a worker, a pass = every job once) and the worker, bundled from the sources. */
async function bundles(): Promise<void> {
  const common = { bundle: true, minifyWhitespace: true, minifySyntax: true, sourcemap: true, target: 'es2022', logLevel: 'warning' } as const;
  for (const [b, { src }] of builds.entries()) {
    const plugins = src === path.join(root, 'src') ? [] : [sourcesFrom(src)];
    await build({ ...common, entryPoints: [path.join(import.meta.dirname, 'harness.worker.ts')], outfile: path.join(www, `assets/worker-${b}.js`), format: 'iife', platform: 'browser', plugins });
  }
  await build({ ...common, entryPoints: [path.join(import.meta.dirname, 'node-pieces.ts')], outfile: path.join(out, 'node-pieces.mjs'), format: 'esm', platform: 'node' });
  writeFileSync(path.join(www, 'index.html'), harnessPage());
}

/** Imports of this checkout's src/ resolved in another's. */
function sourcesFrom(src: string): Plugin {
  const own = path.join(root, 'src') + path.sep;
  return {
    name: 'sources-from',
    setup(b) {
      b.onResolve({ filter: /\/src\// }, (a) => {
        const full = path.resolve(a.resolveDir, a.path);
        return full.startsWith(own) ? { path: resolveTs(path.join(src, full.slice(own.length))) } : undefined;
      });
    },
  };
}

function resolveTs(p: string): string {
  return [`${p}.ts`, path.join(p, 'index.ts'), p].find((candidate) => existsSync(candidate) && statSync(candidate).isFile()) ?? p;
}

function harnessPage(): string {
  return `<!doctype html><meta charset="utf-8"><input type="file"><script>
const IN_FLIGHT = ${PIECES_IN_FLIGHT_PER_WORKER};
const workers = [];
let file = null;
let calls = 0;
window.load = async () => { file = new Uint8Array(await document.querySelector('input').files[0].arrayBuffer()); };
window.start = (url) => { workers.push(new Worker(url)); };
// The workers ids share the jobs (job k to the (k mod count)-th), all at once, each given its
// pieces' bytes as the ingest worker gives them (a copy of its own, IN_FLIGHT ahead); their phase times summed.
window.pass = (ids, jobs) => Promise.all(ids.map((i, w) => new Promise((resolve) => {
  const worker = workers[i];
  const mine = jobs.filter((_, k) => k % ids.length === w);
  let sent = 0;
  let answered = 0;
  const sendNext = () => {
    if (sent >= mine.length) return;
    const job = mine[sent++];
    const bytes = file.slice(job.source.start, job.source.end);
    // The file's sample goes once per worker, as the pool sends it (sample-once.ts).
    worker.postMessage({ job: sent === 1 ? job : { ...job, sample: null }, bytes }, [bytes.buffer]);
  };
  worker.onmessage = (e) => {
    if (e.data.done) return resolve(e.data.done);
    calls += e.data.piece.lines.length;
    if (++answered === mine.length) worker.postMessage({ done: true });
    else sendNext();
  };
  for (let k = 0; k < IN_FLIGHT; k++) sendNext();
}))).then((all) => all.reduce((a, b) => ({ parse: a.parse + b.parse, post: a.post + b.post, calls: a.calls + b.calls })));
</script>`;
}

function node(nodeArgs: string[]): string {
  const r = spawnSync(process.execPath, [path.join(out, 'node-pieces.mjs'), ...nodeArgs], { encoding: 'utf8', maxBuffer: 1 << 24 });
  if (r.status !== 0) throw new Error(`node-pieces ${nodeArgs[0]} failed: ${r.stderr}`);
  process.stdout.write(r.stdout.split('\n').filter((l) => !l.startsWith('{')).join('\n'));
  return r.stdout;
}

function report(chrome: { passes: ChromePass[][]; profile: CpuProfile }, nodeRuns: Array<PhaseMs & { cpuMs: number }>): void {
  const med = <T>(rows: T[], f: (r: T) => number) => stat(rows.map(f))?.median.toFixed(0) ?? '–';
  const chromeRow = (name: string, runs: ChromePass[]) =>
    `| Chromium worker, ${name} | ${med(runs, (r) => r.workerCpuMs)} (${Math.min(...runs.map((r) => r.workerCpuMs))}–${Math.max(...runs.map((r) => r.workerCpuMs))}) | ${med(runs, (r) => r.parse)} | ${med(runs, (r) => r.post)} | ${med(runs, (r) => r.rendererCpuMs)} | ${med(runs, (r) => r.browserCpuMs)} |`;
  const lines = [
    `# Piece CPU: ${path.basename(path.dirname(file))}, ${passes} passes, ${workersPerBuild} worker(s) per build (medians; min–max of the thread CPU)`,
    '',
    '| | thread CPU ms | parse ms | postMessage ms | renderer CPU | browser process CPU |',
    '|---|---|---|---|---|---|',
    ...builds.map((b, i) => chromeRow(b.name, chrome.passes[i]!)),
    `| Node thread | ${med(nodeRuns, (r) => r.cpuMs)} | ${med(nodeRuns, (r) => r.parse)} | – | | |`,
    '',
    'parse / postMessage: the workers\' performance.now() around each phase, summed.',
    '',
    '## The profiled pass (Chromium worker, this checkout): samples per phase',
    '',
    ...Object.entries(phaseShares(chrome.profile)).map(([phase, ms]) => `- ${phase}: ${ms.toFixed(0)} ms`),
    '',
    '## Self time, top 30',
    '',
    '| ms | function | where |',
    '|---|---|---|',
    ...summarizeProfile(chrome.profile, www, 30).top.map((r) => `| ${r.selfMs.toFixed(1)} | ${r.function} | ${r.where} |`),
  ];
  const text = lines.join('\n');
  writeFileSync(path.join(out, 'report.md'), text + '\n');
  console.log(text);
}
