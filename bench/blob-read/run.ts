/**
 * What it costs Chromium to hand a file's bytes to the piece workers, read one way or another
 * (issue 12; not part of the app). A lead worker (as the ingest worker) with two nested piece
 * workers (as its pool) reads the whole file in pieces and drops the bytes (reader.worker.ts);
 * each way is a pass, the ways alternated pass after pass. Per pass: the CPU of every browser
 * process from /proc (the browser process serves the Blob reads; the renderer holds the workers),
 * the renderer's worker threads apart, and the wall time. Each pass ends with every worker's
 * collector run (--expose-gc), so the buffers a way drops are freed in its own pass.
 *
 *   npx tsx bench/blob-read/run.ts [FILE] [--passes 5] [--ways NAME,NAME…] [--out DIR]
 *
 * FILE defaults to the bench's 1M-call Master.csv. No timing is asserted.
 */
import { mkdirSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { build } from 'esbuild';
import { chromium, type Browser } from '@playwright/test';
import { CHROMIUM_ARGS, systemChromiumPath } from '../../scripts/browser-path.mjs';
import { browserProcesses } from '../lib/cdp';
import { freePort } from '../lib/processes';
import { serveStatic } from '../lib/static-server';
import { stat } from '../lib/stats';
import { processCpuMs, threadCpuMs, threadsNamed } from '../piece-cpu/thread-cpu';
import type { Way } from './reader.worker';

const root = path.resolve(import.meta.dirname, '../..');
const args = process.argv.slice(2);
const option = (name: string, fallback: string) => {
  const at = args.indexOf(name);
  return at >= 0 && args[at + 1] ? args[at + 1]! : fallback;
};
const file = path.resolve(args.find((a, i) => !a.startsWith('--') && !args[i - 1]?.startsWith('--')) ?? path.join(root, 'bench-results/inputs/asterisk-master-csv-1000000/Master.csv'));
const passes = Number(option('--passes', '5'));
const out = path.resolve(option('--out', path.join(root, 'bench-results/blob-read')));
const www = path.join(out, 'www');

const MiB = 1 << 20;
const way = (method: Way['method'], mib: number, rest: Partial<Way> = {}): [string, Way] => {
  const w: Way = { method, pieceBytes: mib * MiB, reader: 'piece', inFlight: 3, reuse: false, ...rest };
  return [`${w.reader === 'lead' ? 'lead ' : ''}${method}${w.reuse ? ' reused' : ''}${w.min ? ' min' : ''} ${mib} MiB${w.inFlight === 3 ? '' : ` ×${w.inFlight}`}`, w];
};
const ALL_WAYS = new Map<string, Way>([
  way('ab', 1),
  way('ab', 4),
  way('ab', 8),
  way('ab', 16),
  way('ab', 64, { inFlight: 1 }),
  way('bytes', 4),
  way('frs', 4),
  way('frs', 16),
  way('stream', 4),
  way('stream', 4, { reuse: true }),
  way('byob', 4),
  way('byob', 16),
  way('byob', 4, { reuse: true }),
  way('byob', 8, { reuse: true }),
  way('byob', 16, { reuse: true }),
  way('ab', 1, { reader: 'lead' }),
  way('ab', 4, { reader: 'lead' }),
  way('ab', 16, { reader: 'lead' }),
  way('whole', 1, { reader: 'lead', reuse: true }),
  way('whole', 1, { reader: 'lead', min: true }),
  way('whole', 4, { reader: 'lead' }),
  way('whole', 4, { reader: 'lead', reuse: true }),
  way('whole', 4, { reader: 'lead', reuse: true, min: true }),
  way('whole', 8, { reader: 'lead', reuse: true, min: true }),
  way('whole', 16, { reader: 'lead', reuse: true, min: true }),
  way('whole', 16, { reader: 'lead', reuse: true }),
]);
const chosen = args.includes('--ways') ? option('--ways', '').split(',') : [...ALL_WAYS.keys()];
const ways = chosen.map((name) => {
  const w = ALL_WAYS.get(name);
  if (!w) throw new Error(`no way "${name}": ${[...ALL_WAYS.keys()].join(', ')}`);
  return [name, w] as const;
});

interface Pass {
  wallMs: number;
  browserMs: number;
  rendererMs: number;
  workersMs: number;
  /** The lead worker's thread (the first worker thread started). */
  leadMs: number;
  otherMs: number;
}

mkdirSync(path.join(www, 'assets'), { recursive: true });
await build({ entryPoints: [path.join(import.meta.dirname, 'reader.worker.ts')], outfile: path.join(www, 'assets/reader.js'), bundle: true, minify: true, format: 'iife', target: 'es2022', logLevel: 'warning' });
writeFileSync(path.join(www, 'index.html'), harnessPage());
const results = await inChromium();
report(results);

async function inChromium(): Promise<Map<string, Pass[]>> {
  const port = await freePort();
  const server = await serveStatic(www, port);
  const browser = await chromium.launch({ executablePath: systemChromiumPath(), args: [...CHROMIUM_ARGS, '--js-flags=--expose-gc'] });
  const runs = new Map<string, Pass[]>(ways.map(([name]) => [name, []]));
  try {
    const page = await browser.newPage();
    page.on('console', (m) => console.log(`[page] ${m.text()}`));
    page.on('pageerror', (e) => console.log(`[page error] ${e.message}`));
    await page.goto(`http://127.0.0.1:${port}/`);
    await page.setInputFiles('input', file);
    await page.evaluate(() => (window as unknown as Harness).ready);
    // One pass of each way unmeasured: the file in the page cache, every path's code warm.
    for (const [, w] of ways) await page.evaluate((x) => (window as unknown as Harness).pass(x), w);
    for (let p = 0; p < passes; p++) {
      // Rotated so that no way always follows the same other way.
      for (let i = 0; i < ways.length; i++) {
        const [name, w] = ways[(i + p) % ways.length]!;
        const pass = await measured(statSync(file).size, browser, () => page.evaluate((x) => (window as unknown as Harness).pass(x), w));
        runs.get(name)!.push(pass);
        console.log(`pass ${p} ${name}: ${JSON.stringify(pass)}`);
      }
    }
  } finally {
    await browser.close();
    server.close();
  }
  return runs;
}

async function measured(size: number, browser: Browser, pass: () => Promise<{ ms: number; bytes: number }>): Promise<Pass> {
  const processes = await browserProcesses(browser);
  const renderers = processes.filter((p) => p.type === 'renderer').map((p) => p.id);
  const workerThreads = renderers.flatMap((pid) => threadsNamed(pid, 'DedicatedWorker').map((tid) => ({ pid, tid }))).sort((a, b) => a.tid - b.tid);
  const lead = workerThreads[0];
  const cpu = () => ({
    browser: processes.filter((p) => p.type === 'browser').reduce((s, p) => s + processCpuMs(p.id), 0),
    renderer: renderers.reduce((s, pid) => s + processCpuMs(pid), 0),
    workers: workerThreads.reduce((s, t) => s + threadCpuMs(t.pid, t.tid), 0),
    lead: lead ? threadCpuMs(lead.pid, lead.tid) : 0,
    other: processes.filter((p) => p.type !== 'browser' && p.type !== 'renderer').reduce((s, p) => s + processCpuMs(p.id), 0),
  });
  const before = cpu();
  const { ms, bytes } = await pass();
  const after = cpu();
  if (bytes < size) throw new Error(`a pass read ${bytes} bytes of ${size}`);
  return { wallMs: ms, browserMs: after.browser - before.browser, rendererMs: after.renderer - before.renderer, workersMs: after.workers - before.workers, leadMs: after.lead - before.lead, otherMs: after.other - before.other };
}

interface Harness {
  ready: Promise<void>;
  pass(way: Way): Promise<{ ms: number; bytes: number }>;
}

function harnessPage(): string {
  return `<!doctype html><meta charset="utf-8"><input type="file"><script>
const lead = new Worker('assets/reader.js', { name: 'lead' });
window.ready = Promise.resolve();
window.pass = (way) => new Promise((resolve) => {
  lead.onmessage = (e) => resolve(e.data);
  lead.postMessage({ file: document.querySelector('input').files[0], way });
});
</script>`;
}

function report(runs: Map<string, Pass[]>): void {
  const med = (rows: Pass[], f: (r: Pass) => number) => stat(rows.map(f))?.median ?? NaN;
  const rows = [...runs].map(([name, r]) => ({ name, all: med(r, (x) => x.browserMs + x.rendererMs + x.otherMs), r }));
  rows.sort((a, b) => a.all - b.all);
  const lines = [
    `# Blob reads: ${path.basename(file)} (${path.basename(path.dirname(file))}), ${passes} passes alternated, medians (ms; CPU from /proc, 10 ms ticks)`,
    '',
    '| way | all processes CPU | browser process | renderer | of it the workers | of them the lead | other processes | wall |',
    '|---|---|---|---|---|---|---|---|',
    ...rows.map(({ name, all, r }) => `| ${name} | ${all.toFixed(0)} | ${med(r, (x) => x.browserMs).toFixed(0)} | ${med(r, (x) => x.rendererMs).toFixed(0)} | ${med(r, (x) => x.workersMs).toFixed(0)} | ${med(r, (x) => x.leadMs).toFixed(0)} | ${med(r, (x) => x.otherMs).toFixed(0)} | ${med(r, (x) => x.wallMs).toFixed(0)} |`),
  ];
  const text = lines.join('\n');
  writeFileSync(path.join(out, 'report.md'), text + '\n');
  console.log(text);
}
