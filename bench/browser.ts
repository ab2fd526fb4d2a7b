/**
 * The app end to end in headless Chromium, and the Papa Parse baseline in the same browser run.
 * Each run is a fresh browser context (cold page, new worker): the file is handed over with
 * setInputFiles and everything is timed inside the page (lib/page-probe.ts). Runs of the app and
 * of the baseline alternate, so machine noise hits both alike.
 *
 * Timing and memory are measured in separate runs. The memory samplers (JS heaps over CDP every
 * 100 ms: each one stops every isolate to answer; RSS of every process from /proc every 50 ms)
 * take CPU from the cores the app's workers saturate and next to none from Papa Parse's single
 * thread, so the timed runs carry no sampler, and after them one sampled run of each (its times
 * reported apart, as "with samplers").
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { chromium, type Browser, type Locator, type Page } from '@playwright/test';
import { CHROMIUM_ARGS, systemChromiumPath } from '../scripts/browser-path.mjs';
import type { PreparedInput } from './inputs';
import { BrowserRssSampler, HeapSampler, PageCdp, peakRss, rendererPids, resetPeakRss, WORKER_ANSWER_MS, type CpuProfile } from './lib/cdp';
import { PROBE_SCRIPT } from './lib/page-probe';
import { summarizeProfile, summarizeProfiles, type ProfileSummary } from './lib/profile';

export type Target = 'ours' | 'papa';

export interface InteractionSample {
  kind: 'brush' | 'select';
  detail: string;
  /** Action → data committed to the DOM. */
  ms: number | null;
  /** Action → the frame after (painted). */
  paintMs: number | null;
  error?: string;
  cached?: boolean;
}

export interface BrowserRun {
  target: Target;
  /** A memory run: heaps and RSS sampled during it; its times are not the timed runs'. */
  sampled: boolean;
  error: string | null;
  /** From the navigation's start to the workers loaded (html[data-workers]), ms; before the file. */
  workersReadyMs: number | null;
  /** … to their warm-up done (html[data-workers="warm"]); null for a build without one. The file is handed over after it. */
  workersWarmMs: number | null;
  /** From the change event of the file input, ms. */
  readyMs: number | null;
  readyPaintMs: number | null;
  /** The trunk table painted with every trunk (drawn from the first answer; the timeline and the panels may follow). */
  tablePaintMs: number | null;
  dashboardPaintMs: number | null;
  firstChartPaintMs: number | null;
  /**
   * What counts as "done", the moment compared with Papa Parse's per-trunk table: the trunk table
   * painted when the app has one, else ready painted.
   */
  endToEndMs: number | null;
  /** The dashboard did not come (its error message, or a timeout): endToEndMs is then "ready". */
  dashboardError: string | null;
  /** Calls the page says it read (app: status line; Papa: rows). */
  callsSeen: number | null;
  pageHeapPeakBytes: number;
  workerHeapPeakBytes: number;
  /** Per kind of worker: peaks of its committed JS heap and of its ArrayBuffers (HeapSampler.workerKindPeaks). */
  workerKindPeakBytes: Record<string, { heapTotal: number; arrayBuffers: number }>;
  heapSamples: number;
  rendererRssPeakBytes: number;
  /** All the browser's processes summed (sampled every 50 ms): peak minus the sum just before the file was handed over. */
  browserRssAboveIdleBytes: number;
  browserRssIdleBytes: number;
  /** The same peak up to the file read (the page says ready), before the dashboard's queries. */
  browserRssReadAboveIdleBytes: number;
  /** … and up to the dashboard painted (its first queries), before the interactions. */
  browserRssDashboardAboveIdleBytes: number;
  /**
   * After the interactions, every JS heap's garbage collected (CDP): the browser's RSS above idle
   * then, and the live heap of the page and of each kind of worker. What the session holds.
   */
  settled: { rssAboveIdleBytes: number; liveHeapBytes: Record<string, number> } | null;
  /** At the peak: each process type's RSS above its idle sum (renderer: page and workers; browser: file reads, IPC). */
  browserRssPeakByTypeBytes: Record<string, number>;
  longTasks: { count: number; maxMs: number; ingestMaxMs: number; interactionMaxMs: number; over50: number };
  interactions: InteractionSample[];
}

export interface BrowserInputResult {
  id: string;
  /** Timed runs (no sampler). */
  ours: BrowserRun[];
  papa: BrowserRun[];
  /** The sampled runs: memory. */
  oursMemory: BrowserRun[];
  papaMemory: BrowserRun[];
}

export interface WorkerProfileReport {
  input: string;
  ingestMs: number | null;
  dashboardMs: number | null;
  workerIngest: ProfileSummary | null;
  /** The piece workers during the ingest, summed; null when the file was read in one pass. */
  pieceWorkersIngest: ProfileSummary | null;
  pieceWorkerCount: number;
  workerDashboard: ProfileSummary | null;
  mainThread: ProfileSummary | null;
  /** Before the file: the workers' warm-up (html[data-workers="warm"]), the ingest worker's and the piece workers' summed; null without one. */
  warmUp: { worker: ProfileSummary | null; pieceWorkers: ProfileSummary | null } | null;
  files: string[];
}

export interface BrowserOptions {
  inputs: readonly PreparedInput[];
  runs: number;
  appUrl: string;
  papaUrl: string | null;
  appDist: string;
  profileInput: PreparedInput | null;
  profileDir: string;
  log: (s: string) => void;
}

export interface BrowserResults {
  chromiumVersion: string;
  hasDashboard: boolean | null;
  results: BrowserInputResult[];
  profile: WorkerProfileReport | null;
}

interface ProbeState {
  change: number | null;
  ready: number | null;
  readyPaint: number | null;
  table: number | null;
  tablePaint: number | null;
  dash: number | null;
  dashPaint: number | null;
  chart: number | null;
  chartPaint: number | null;
  workersReady: number | null;
  workersWarm: number | null;
  longTasks: Array<{ start: number; duration: number }>;
  sawDashboard: boolean;
}

const VIEWPORT = { width: 1440, height: 900 };

export async function runBrowser(options: BrowserOptions): Promise<BrowserResults> {
  const browser = await chromium.launch({ executablePath: systemChromiumPath(), args: CHROMIUM_ARGS });
  const out: BrowserResults = { chromiumVersion: browser.version(), hasDashboard: null, results: [], profile: null };
  try {
    for (const input of options.inputs) {
      const result: BrowserInputResult = { id: input.spec.id, ours: [], papa: [], oursMemory: [], papaMemory: [] };
      for (let i = 0; i <= options.runs; i++) {
        const sampled = i === options.runs;
        const name = sampled ? 'memory run' : `run ${i + 1}`;
        const ours = await measureRun(browser, 'ours', options.appUrl, input, out, sampled);
        (sampled ? result.oursMemory : result.ours).push(ours);
        options.log(`browser ${input.spec.id} ${name}: ours ${describe(ours, input)}`);
        if (options.papaUrl) {
          const papa = await measureRun(browser, 'papa', options.papaUrl, input, out, sampled);
          (sampled ? result.papaMemory : result.papa).push(papa);
          options.log(`browser ${input.spec.id} ${name}: papa ${describe(papa, input)}`);
        }
      }
      out.results.push(result);
    }
    if (options.profileInput) {
      options.log(`profiling the worker on ${options.profileInput.spec.id}`);
      out.profile = await profileRun(browser, options.appUrl, options.profileInput, options.appDist, options.profileDir).catch((e: unknown) => {
        options.log(`  profile failed: ${String(e)}`);
        return null;
      });
    }
  } finally {
    await browser.close();
  }
  return out;
}

function describe(run: BrowserRun, input: PreparedInput): string {
  if (run.error) return `ERROR ${run.error}`;
  const s = (run.endToEndMs ?? 0) / 1000;
  const speed = `${s.toFixed(2)} s, ${(input.textBytes / 1e6 / s).toFixed(1)} MB/s`;
  if (!run.sampled) return `${speed}, calls ${run.callsSeen ?? '?'}`;
  return `${speed} (sampled), heap page ${(run.pageHeapPeakBytes / 1e6).toFixed(0)} MB / worker ${(run.workerHeapPeakBytes / 1e6).toFixed(0)} MB, calls ${run.callsSeen ?? '?'}`;
}

function fileInput(page: Page, target: Target): Locator {
  return target === 'ours' ? page.getByLabel('CDR files to read') : page.locator('#file');
}

/** Generous: 60 s plus 1 s per MB of text (≥ 1 MB/s). */
const timeoutFor = (input: PreparedInput) => 60_000 + input.textBytes / 1000;

/** Wait in the page for a named condition of the probe; returns its value, throws on timeout. */
async function waitIn(page: Page, condition: 'read' | 'dashboard' | 'chart', timeoutMs: number): Promise<string> {
  const value = (await page.evaluate(`window.__benchWait(${JSON.stringify(condition)}, ${Math.round(timeoutMs)})`)) as string;
  if (value === 'timeout') throw new Error(`timed out after ${Math.round(timeoutMs / 1000)} s waiting for ${condition}`);
  return value;
}

async function measureRun(browser: Browser, target: Target, url: string, input: PreparedInput, shared: BrowserResults, sampled: boolean): Promise<BrowserRun> {
  const run: BrowserRun = {
    target,
    sampled,
    error: null,
    workersReadyMs: null,
    workersWarmMs: null,
    readyMs: null,
    readyPaintMs: null,
    tablePaintMs: null,
    dashboardPaintMs: null,
    firstChartPaintMs: null,
    endToEndMs: null,
    dashboardError: null,
    callsSeen: null,
    pageHeapPeakBytes: 0,
    workerHeapPeakBytes: 0,
    workerKindPeakBytes: {},
    heapSamples: 0,
    rendererRssPeakBytes: 0,
    browserRssAboveIdleBytes: 0,
    browserRssIdleBytes: 0,
    browserRssReadAboveIdleBytes: 0,
    browserRssDashboardAboveIdleBytes: 0,
    settled: null,
    browserRssPeakByTypeBytes: {},
    longTasks: { count: 0, maxMs: 0, ingestMaxMs: 0, interactionMaxMs: 0, over50: 0 },
    interactions: [],
  };
  const context = await browser.newContext({ viewport: VIEWPORT });
  const page = await context.newPage();
  let sampler: HeapSampler | null = null;
  const rss = new BrowserRssSampler(browser);
  let cdp: PageCdp | null = null;
  const timeout = timeoutFor(input);
  try {
    await page.addInitScript(PROBE_SCRIPT);
    cdp = await PageCdp.attach(page);
    await page.goto(url);
    await pageLoaded(page, target);
    const inputEl = fileInput(page, target);
    await inputEl.waitFor({ state: 'attached' });
    const pidsBefore = await rendererPids(browser);
    resetPeakRss(pidsBefore);
    if (sampled) {
      run.browserRssIdleBytes = await rss.start();
      sampler = new HeapSampler(cdp, 100);
      sampler.start();
    }

    await inputEl.setInputFiles(input.path);
    const outcome = await waitIn(page, 'read', timeout);
    if (outcome !== 'ready') throw new Error(`page says ${outcome}`);
    if (sampler) {
      run.browserRssReadAboveIdleBytes = rss.peakBytes - run.browserRssIdleBytes;
      logWorkers('the file read', sampler.workerKindLast);
    }

    if (target === 'ours') {
      // The dashboard's queries run on calls already in the worker: they get 30 s plus 3× the read.
      const dashboardTimeout = 30_000 + 3 * ((await page.evaluate('window.__bench.readyPaint - window.__bench.change')) as number);
      const dashboard = await waitIn(page, 'dashboard', dashboardTimeout).catch((e: unknown) => `error: ${e instanceof Error ? e.message : String(e)}`);
      if (dashboard === 'dashboard') {
        shared.hasDashboard = true;
        await waitIn(page, 'chart', 10_000).catch(() => {});
      } else if (dashboard === 'none') {
        shared.hasDashboard ??= false;
      } else {
        shared.hasDashboard = true;
        run.dashboardError = dashboard.replace(/^error: /, '');
      }
      const status = (await page.getByTestId('ingest-status').textContent().catch(() => null)) ?? '';
      const m = /^([\d,.\s\u202f\u00a0]+) calls/.exec(status.trim());
      run.callsSeen = m ? Number(m[1]!.replace(/\D/g, '')) : null;
    } else {
      const result = JSON.parse((await page.locator('main').getAttribute('data-result')) ?? '{}') as { rows?: number };
      run.callsSeen = result.rows ?? null;
    }

    let state = (await page.evaluate('window.__bench')) as ProbeState;
    const rel = (t: number | null) => (t === null || state.change === null ? null : t - state.change);
    run.workersReadyMs = state.workersReady;
    run.workersWarmMs = state.workersWarm;
    run.readyMs = rel(state.ready);
    run.readyPaintMs = rel(state.readyPaint);
    run.tablePaintMs = rel(state.tablePaint);
    run.dashboardPaintMs = rel(state.dashPaint);
    run.firstChartPaintMs = rel(state.chartPaint);
    run.endToEndMs = run.tablePaintMs ?? run.dashboardPaintMs ?? run.readyPaintMs;
    const ingestEnd = state.dashPaint ?? state.readyPaint ?? Number.POSITIVE_INFINITY;

    if (sampler) {
      run.browserRssDashboardAboveIdleBytes = rss.peakBytes - run.browserRssIdleBytes;
      logWorkers('the dashboard painted', sampler.workerKindLast);
    }
    if (target === 'ours' && state.dashPaint !== null && input.spec.interactions) {
      run.interactions = await interact(page);
    }

    if (sampler) {
      await sampler.stop();
      run.browserRssAboveIdleBytes = rss.stop() - run.browserRssIdleBytes;
    }
    if (sampler && target === 'ours') {
      const liveHeapBytes = await cdp.liveHeapByKind();
      await new Promise((r) => setTimeout(r, 1000)); // freed pages go back to the system
      run.settled = { rssAboveIdleBytes: rss.now() - run.browserRssIdleBytes, liveHeapBytes };
    }
    if (sampler) run.browserRssPeakByTypeBytes = Object.fromEntries(Object.entries(rss.peakByType).map(([type, bytes]) => [type, bytes - (rss.idleByType[type] ?? 0)]));
    state = (await page.evaluate('window.__bench')) as ProbeState;
    const after = state.longTasks.filter((t) => state.change !== null && t.start + t.duration >= state.change);
    const max = (xs: number[]) => xs.reduce((a, b) => Math.max(a, b), 0);
    run.longTasks = {
      count: after.length,
      over50: after.filter((t) => t.duration > 50).length,
      maxMs: max(after.map((t) => t.duration)),
      ingestMaxMs: max(after.filter((t) => t.start < ingestEnd).map((t) => t.duration)),
      interactionMaxMs: max(after.filter((t) => t.start >= ingestEnd).map((t) => t.duration)),
    };
    if (sampler) {
      run.pageHeapPeakBytes = sampler.pagePeak;
      run.workerHeapPeakBytes = sampler.workerPeak;
      run.workerKindPeakBytes = sampler.workerKindPeaks;
      run.heapSamples = sampler.samples;
    }
    run.rendererRssPeakBytes = peakRss([...new Set([...pidsBefore, ...(await rendererPids(browser))])]);
  } catch (e) {
    run.error = e instanceof Error ? e.message.split('\n')[0]!.slice(0, 300) : String(e);
  } finally {
    await sampler?.stop().catch(() => {});
    rss.stop();
    await cdp?.detach();
    await context.close().catch(() => {});
  }
  return run;
}

/** Each kind of worker's committed heap and array buffers at a moment of the run, to the log (MB). */
function logWorkers(moment: string, byKind: Record<string, { heapTotal: number; arrayBuffers: number }>): void {
  const parts = Object.entries(byKind).map(([kind, m]) => `${kind} heap ${(m.heapTotal / 1e6).toFixed(0)} + buffers ${(m.arrayBuffers / 1e6).toFixed(0)}`);
  process.stderr.write(`  workers at ${moment}: ${parts.join(', ')} MB\n`);
}

/** `YYYY-MM-DDTHH:MM` (datetime-local, wall time as the app reads it) ↔ ms. */
const parseLocal = (v: string) => Date.parse(`${v}:00Z`);
const toLocal = (ms: number) => new Date(ms).toISOString().slice(0, 16);
const wall = (ms: number) => new Date(ms).toISOString().slice(0, 19).replace('T', ' ');

/**
 * The page and its workers are loaded, and warm. The app says when its (nested) workers run
 * (html[data-workers="ready"]; 'networkidle' can wait forever for a nested worker's script) and
 * when their warm-up is done (html[data-workers="warm"]): a user who drops a file later than that
 * gets warm code, so the file is handed over then, and the report says how long it took.
 */
async function pageLoaded(page: Page, target: Target): Promise<void> {
  await page.waitForLoadState('load');
  if (target !== 'ours') return;
  // A build from before either signal (--app-ref of an older commit) goes on after a few seconds.
  await page.locator('html[data-workers]').waitFor({ state: 'attached', timeout: 5_000 }).catch(() => {});
  await page.locator('html[data-workers="warm"]').waitFor({ state: 'attached', timeout: 10_000 }).catch(() => {});
}

/** Brush three windows (each edge is one sample) and select three trunks, timing each. */
async function interact(page: Page): Promise<InteractionSample[]> {
  const samples: InteractionSample[] = [];
  const inputs = (await page.evaluate('window.__benchWindowInputs()')) as { from: string; to: string } | null;
  if (inputs) {
    const from0 = parseLocal(inputs.from);
    const to0 = parseLocal(inputs.to) + 60_000;
    const minute = 60_000;
    const at = (f: number) => Math.round((from0 + (to0 - from0) * f) / minute) * minute;
    let currentTo = to0;
    for (const [a, b] of [
      [0.4, 0.5],
      [0.2, 0.35],
      [0.6, 0.9],
    ] as const) {
      const from = at(a);
      const to = at(b);
      const steps: Array<['From' | 'To', number, string]> = [
        ['From', from, `Window ${wall(from)} – `],
        ['To', to, ` – ${wall(to)}`],
      ];
      if (from >= currentTo) steps.reverse();
      for (const [edge, ms, expect] of steps) {
        const r = (await page.evaluate(`window.__benchBrush(${JSON.stringify(edge)}, ${JSON.stringify(toLocal(ms))}, ${JSON.stringify(expect)})`)) as {
          ms?: number;
          paintMs?: number;
          error?: string;
          cached?: boolean;
        };
        samples.push({ kind: 'brush', detail: `${edge} ${toLocal(ms)}`, ms: r.ms ?? null, paintMs: r.paintMs ?? null, error: r.error, cached: r.cached });
      }
      currentTo = to;
    }
  }
  const shown = (await page.evaluate('window.__benchSelectedTrunks()')) as string[];
  for (let i = 0; i < 3; i++) {
    const r = (await page.evaluate(`window.__benchSelect(${JSON.stringify(shown)})`)) as { ms?: number; paintMs?: number; error?: string; trunk?: string; cached?: boolean };
    if (r.trunk) shown.push(r.trunk);
    samples.push({ kind: 'select', detail: r.trunk ?? `row ${i}`, ms: r.ms ?? null, paintMs: r.paintMs ?? null, error: r.error, cached: r.cached });
    if (r.error === 'no unselected row left') break;
  }
  return samples;
}

/**
 * One more run of the app with the V8 sampling profiler on the worker (from its first line) and on
 * the page: one profile up to "ready" (the ingest), one from there to the dashboard painted.
 */
async function profileRun(browser: Browser, url: string, input: PreparedInput, appDist: string, dir: string): Promise<WorkerProfileReport> {
  const context = await browser.newContext({ viewport: VIEWPORT });
  const page = await context.newPage();
  let workerSession: string | null = null;
  const pieceSessions: string[] = [];
  const report: WorkerProfileReport = {
    input: input.spec.id,
    ingestMs: null,
    dashboardMs: null,
    workerIngest: null,
    pieceWorkersIngest: null,
    pieceWorkerCount: 0,
    workerDashboard: null,
    mainThread: null,
    warmUp: null,
    files: [],
  };
  try {
    await page.addInitScript(PROBE_SCRIPT);
    // Every worker from its first line: the ingest worker (top level) and its piece workers (nested).
    const cdp = await PageCdp.attach(page, async (c, key) => {
      const nested = key.includes('/');
      if (!nested && workerSession) return;
      if (nested) pieceSessions.push(key);
      else workerSession = key;
      await c.sendToWorker(key, 'Profiler.enable');
      await c.sendToWorker(key, 'Profiler.setSamplingInterval', { interval: 250 });
      await c.sendToWorker(key, 'Profiler.start');
    });
    await page.goto(url);
    await pageLoaded(page, 'ours');
    // What the workers did before the file (loading, the warm-up) is a profile of its own.
    const warm = (await page.evaluate('document.documentElement.dataset.workers')) === 'warm';
    const restart = async (key: string) => {
      const r = await cdp.sendToWorker<{ profile: CpuProfile }>(key, 'Profiler.stop').catch(() => null);
      await cdp.sendToWorker(key, 'Profiler.start');
      return r?.profile ?? null;
    };
    const warmWorker = workerSession ? await restart(workerSession) : null;
    const warmPieces = (await Promise.all(pieceSessions.map(restart))).flatMap((p) => (p ? [p] : []));
    await cdp.session.send('Profiler.enable');
    await cdp.session.send('Profiler.setSamplingInterval', { interval: 250 });
    await cdp.session.send('Profiler.start');
    const timeout = timeoutFor(input);
    await fileInput(page, 'ours').setInputFiles(input.path);
    await waitIn(page, 'read', timeout);
    const stopWorker = async () => {
      if (!workerSession) return null;
      const r = await cdp.sendToWorker<{ profile: CpuProfile }>(workerSession, 'Profiler.stop');
      return r.profile;
    };
    const ingestProfile = await stopWorker();
    // A piece worker the app ended after the big read (piece-pool release()) never answers: its profile is lost, the others' come.
    const pieceProfiles = (await Promise.all(pieceSessions.map((k) => cdp.sendToWorker<{ profile: CpuProfile }>(k, 'Profiler.stop', {}, WORKER_ANSWER_MS).catch(() => null)))).flatMap((r) => (r ? [r.profile] : []));
    if (workerSession) await cdp.sendToWorker(workerSession, 'Profiler.start');
    const hasDash = (await waitIn(page, 'dashboard', timeout).catch(() => 'timeout')) === 'dashboard';
    const dashProfile = hasDash ? await stopWorker() : null;
    const main = ((await cdp.session.send('Profiler.stop')) as { profile: CpuProfile }).profile;
    const state = (await page.evaluate('window.__bench')) as ProbeState;
    report.ingestMs = state.ready !== null && state.change !== null ? state.ready - state.change : null;
    report.dashboardMs = state.dashPaint !== null && state.ready !== null ? state.dashPaint - state.ready : null;
    mkdirSync(dir, { recursive: true });
    const save = (name: string, p: CpuProfile | null) => {
      if (!p) return;
      const file = path.join(dir, `${input.spec.id}-${name}.cpuprofile`);
      writeFileSync(file, JSON.stringify(p));
      report.files.push(file);
    };
    if (warm) {
      save('worker-warm-up', warmWorker);
      warmPieces.forEach((p, k) => save(`piece-worker-${k + 1}-warm-up`, p));
      report.warmUp = { worker: warmWorker ? summarizeProfile(warmWorker, appDist) : null, pieceWorkers: warmPieces.length > 0 ? summarizeProfiles(warmPieces, appDist) : null };
    }
    save('worker-ingest', ingestProfile);
    pieceProfiles.forEach((p, k) => save(`piece-worker-${k + 1}-ingest`, p));
    report.pieceWorkerCount = pieceProfiles.length;
    // A piece worker that parsed nothing (a file read in one pass) shows only idle time.
    const busy = pieceProfiles.filter((p) => summarizeProfile(p, appDist, 1).totalMs > 50);
    report.pieceWorkersIngest = busy.length > 0 ? summarizeProfiles(busy, appDist) : null;
    save('worker-dashboard', dashProfile);
    save('main-thread', main);
    report.workerIngest = ingestProfile ? summarizeProfile(ingestProfile, appDist) : null;
    report.workerDashboard = dashProfile ? summarizeProfile(dashProfile, appDist) : null;
    report.mainThread = summarizeProfile(main, appDist);
    await cdp.detach();
  } finally {
    await context.close().catch(() => {});
  }
  return report;
}
