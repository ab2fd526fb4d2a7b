/**
 * `npm run bench [-- --quick]`: builds the app and the Papa Parse baseline page, generates the
 * inputs, measures the core in Node and the app end to end in headless Chromium (with the baseline
 * in the same browser), then writes bench-results/report.md + report.json and prints the Markdown.
 * A benchmark, not a test: nothing here asserts a timing.
 */
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Server } from 'node:http';
import type { ChildProcess } from 'node:child_process';
import { systemChromiumPath } from '../scripts/browser-path.mjs';
import { runBrowser, type BrowserResults } from './browser';
import { ensureInputs, RESULTS_DIR, ROOT } from './generate-inputs';
import { FULL_INPUTS, QUICK_INPUTS } from './inputs';
import { parseArgs } from './lib/args';
import { buildApp, buildPapa, describeWorkingTree } from './lib/build';
import { machineInfo } from './lib/machine';
import { freePort, startServer } from './lib/processes';
import { serveStatic } from './lib/static-server';
import { runNodeCore, type NodeCoreResult } from './node-core';
import { renderMarkdown, type BenchReport } from './report';

const started = performance.now();
const log = (s: string) => process.stderr.write(`[bench ${((performance.now() - started) / 1000).toFixed(0).padStart(4)} s] ${s}\n`);

const args = parseArgs(process.argv.slice(2));
const machine = machineInfo(ROOT);
mkdirSync(RESULTS_DIR, { recursive: true });

const specs = (args.quick ? QUICK_INPUTS : FULL_INPUTS).filter((s) => !args.only || args.only.includes(s.id));
if (specs.length === 0) throw new Error(`No inputs match --only ${args.only?.join(',')}`);

let app = { dist: '', srcRoot: ROOT, description: await describeWorkingTree(ROOT), warning: null as string | null };
let papaDist: string | null = null;
if (args.browser) {
  if (!systemChromiumPath()) log('no system Chromium found: Playwright will try its own download (set CHROMIUM_PATH otherwise)');
  app = await buildApp(ROOT, args, log);
  if (args.papa) {
    log('building the Papa Parse baseline page (bench/papa → bench-results/papa-dist) …');
    papaDist = await buildPapa(ROOT);
  }
}

const inputs = await ensureInputs(specs, log);

let node: NodeCoreResult[] | null = null;
if (args.node) node = await runNodeCore(inputs, args.runs, app.srcRoot, log, args.threads ?? undefined);

let browser: BrowserResults | null = null;
if (args.browser) {
  const appPort = await freePort();
  const appUrl = `http://127.0.0.1:${appPort}/`;
  let preview: ChildProcess | null = null;
  let papaServer: Server | null = null;
  try {
    log(`serving the app with vite preview on ${appUrl}`);
    preview = await startServer(
      process.execPath,
      [path.join(ROOT, 'node_modules', 'vite', 'bin', 'vite.js'), 'preview', '--outDir', app.dist, '--port', String(appPort), '--strictPort', '--host', '127.0.0.1'],
      ROOT,
      appUrl,
    );
    let papaUrl: string | null = null;
    if (papaDist && existsSync(path.join(papaDist, 'index.html'))) {
      const papaPort = await freePort();
      papaServer = await serveStatic(papaDist, papaPort);
      papaUrl = `http://127.0.0.1:${papaPort}/`;
    }
    const profileInput = args.profile ? (inputs.find((i) => i.spec.id === 'master-1M') ?? inputs.find((i) => i.spec.id === 'master-100k') ?? null) : null;
    browser = await runBrowser({ inputs, runs: args.runs, appUrl, papaUrl, appDist: app.dist, profileInput, profileDir: path.join(RESULTS_DIR, 'profiles'), log });
  } finally {
    preview?.kill();
    papaServer?.close();
  }
}

machine.loadAverageEnd = os.loadavg();
const report: BenchReport = {
  mode: args.quick ? 'quick' : 'full',
  runs: args.runs,
  machine,
  app: { description: app.description, warning: app.warning },
  inputs: inputs.map((i) => ({ ...i, path: path.relative(ROOT, i.path) })),
  node,
  browser,
  durationSec: (performance.now() - started) / 1000,
};
const markdown = renderMarkdown(report);
writeFileSync(path.join(RESULTS_DIR, 'report.json'), `${JSON.stringify(report, null, 2)}\n`);
writeFileSync(path.join(RESULTS_DIR, 'report.md'), markdown);
log(`wrote ${path.relative(ROOT, path.join(RESULTS_DIR, 'report.md'))} and report.json`);
process.stdout.write(markdown);
