/**
 * `npx tsx bench/trace-drop.ts <app dist> <CDR file> [trace.json]`: one drop of the file in the
 * app (headless Chromium, workers warm, as the bench hands it over), recorded as a Chrome trace
 * of every thread from the file handed over until the first chart and the panels are painted,
 * printed as a timeline: the page's moments (bench/lib/page-probe.ts), then per thread (the page,
 * the ingest worker, each piece worker, the browser process' threads that work) its busy stretches
 * with their thread time and the functions sampled in them (mapped through the build's source
 * maps). What it is for: the critical path of a drop and its bubbles (a core idle while the path
 * waits on a round trip, a timer, a chunk, a serial step), and what V8 compiled and collected on its
 * background threads meanwhile. Given a trace.json it only reads it again.
 */
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { chromium } from '@playwright/test';
import { CHROMIUM_ARGS, systemChromiumPath } from '../scripts/browser-path.mjs';
import { PROBE_SCRIPT } from './lib/page-probe';
import { freePort, startServer } from './lib/processes';
import { SourceMap } from './lib/source-map';
import type { CallFrame, TraceEvent } from './lib/chrome-trace';

/** The page's moments (performance.now() of the page), as the bench's probe records them. */
type Probe = Record<string, number | null>;
interface Recording {
  traceEvents: TraceEvent[];
  probe: Probe;
  /** The trace's clock (µs) at the page's performance.now() = 0. */
  pageZeroUs: number;
}

const CATEGORIES = ['disabled-by-default-v8.compile', 'toplevel', 'devtools.timeline', 'disabled-by-default-devtools.timeline', 'v8.execute', 'v8', 'disabled-by-default-v8.cpu_profiler', 'blink.user_timing', 'loading'];
/** Tasks closer than this are one busy stretch. */
const STRETCH_GAP_US = 1000;
/** Stretches shorter than this (thread time) are summed, not listed. */
const SMALL_STRETCH_MS = 1;

async function record(dist: string, file: string): Promise<Recording> {
  const port = await freePort();
  const url = `http://127.0.0.1:${port}/`;
  const vite = path.join(process.cwd(), 'node_modules', 'vite', 'bin', 'vite.js');
  const preview = await startServer(process.execPath, [vite, 'preview', '--outDir', dist, '--port', String(port), '--strictPort', '--host', '127.0.0.1'], process.cwd(), url);
  const browser = await chromium.launch({ executablePath: systemChromiumPath(), args: CHROMIUM_ARGS });
  try {
    const page = await browser.newPage({ viewport: { width: 1440, height: 900 } });
    await page.addInitScript(PROBE_SCRIPT);
    // Traced from before the page loads: the sampling profiler starts in each thread as it first
    // runs (~40–60 ms of a worker's time), in the warm-up then, not in the drop.
    const cdp = await browser.newBrowserCDPSession();
    const traceEvents: TraceEvent[] = [];
    cdp.on('Tracing.dataCollected', (e) => traceEvents.push(...(e.value as unknown as TraceEvent[])));
    const complete = new Promise<void>((resolve) => cdp.once('Tracing.tracingComplete', () => resolve()));
    await cdp.send('Tracing.start', { transferMode: 'ReportEvents', traceConfig: { includedCategories: CATEGORIES } });
    await page.goto(url);
    await page.locator('html[data-workers="warm"]').waitFor({ state: 'attached', timeout: 30_000 });
    await page.waitForTimeout(1000);
    // A mark ties the trace's clock to the page's: its event's ts is its startTime.
    const syncStart = (await page.evaluate("performance.mark('trace-sync').startTime")) as number;
    await page.locator('input[type=file]').first().setInputFiles(file);
    while (!(await page.evaluate('window.__bench.dashPaint !== null && window.__bench.chartPaint !== null'))) await page.waitForTimeout(100);
    await page.waitForTimeout(300);
    await cdp.send('Tracing.end');
    await complete;
    const probe = (await page.evaluate('window.__bench')) as Probe;
    const sync = traceEvents.find((e) => e.name === 'trace-sync' && e.cat.includes('blink.user_timing'));
    if (!sync) throw new Error('the trace has no trace-sync mark');
    return { traceEvents, probe, pageZeroUs: sync.ts - syncStart * 1000 };
  } finally {
    await browser.close();
    preview.kill();
  }
}

interface Thread {
  pid: number;
  tid: number;
  name: string;
  events: TraceEvent[];
  /** Its top-level tasks (topLevelTasks). */
  tasks: TraceEvent[];
}

function printTimeline({ traceEvents, probe, pageZeroUs }: Recording, dist: string): void {
  const change = probe.change;
  if (typeof change !== 'number') throw new Error('the file was never handed over');
  const t0 = pageZeroUs + change * 1000;
  const rel = (us: number) => (us - t0) / 1000;
  const end = pageZeroUs + ((probe.dashPaint ?? probe.chartPaint ?? 0) + 50) * 1000;

  const moments = ['ready', 'readyPaint', 'table', 'tablePaint', 'chart', 'chartPaint', 'dash', 'dashPaint'];
  const said = moments.map((m) => `${m} ${typeof probe[m] === 'number' ? (probe[m] - change).toFixed(0) : '—'}`);
  process.stdout.write(`page moments, ms after the file was handed over: ${said.join(', ')}\n\n`);

  const threads = threadsOf(traceEvents);
  printPhases(threads, probe, pageZeroUs);
  printBackgroundWork(traceEvents, t0, pageZeroUs + (probe.tablePaint ?? probe.readyPaint ?? 0) * 1000);
  const names = new SourceNames(dist);
  for (const thread of threads) {
    const tasks = thread.tasks.filter((e) => e.ts + (e.dur ?? 0) >= t0 && e.ts <= end);
    const cpuMs = tasks.reduce((s, e) => s + threadMs(e), 0);
    if (cpuMs < 2) continue;
    const samples = samplesOf(traceEvents, thread, names);
    process.stdout.write(`${thread.name} (pid ${thread.pid} tid ${thread.tid}): ${cpuMs.toFixed(1)} ms thread time\n`);
    let small = 0;
    for (const stretch of stretchesOf(tasks)) {
      const ms = stretch.reduce((s, e) => s + threadMs(e), 0);
      if (ms < SMALL_STRETCH_MS) {
        small += ms;
        continue;
      }
      const from = stretch[0]!.ts;
      const to = Math.max(...stretch.map((e) => e.ts + (e.dur ?? 0)));
      const top = topFunctions(samples, from, to);
      process.stdout.write(`  ${rel(from).toFixed(1).padStart(7)} → ${rel(to).toFixed(1).padStart(7)}  ${ms.toFixed(1).padStart(6)} ms  ${top}\n`);
    }
    if (small > 0) process.stdout.write(`  (stretches under ${SMALL_STRETCH_MS} ms: ${small.toFixed(1)} ms in all)\n`);
    process.stdout.write('\n');
  }
}

/**
 * Work V8 did off the JavaScript threads from the drop to the table painted: TurboFan and Maglev
 * compiling (code the warm-up left cold, or deoptimised since, compiled again) and the collector's
 * background marking and sweeping. It competes with the pieces for the two cores, and no
 * function's profile shows it.
 */
function printBackgroundWork(events: readonly TraceEvent[], from: number, to: number): void {
  const kinds: Array<[string, RegExp]> = [
    ['TurboFan', /^V8\.TurbofanTask$/],
    ['Maglev', /^V8\.MaglevTask$/],
    ['GC', /^V8\.GC_(MC_BACKGROUND_MARKING|MC_BACKGROUND_SWEEPING|BACKGROUND_FULL_ARRAY_BUFFER_SWEEP|BACKGROUND_YOUNG_ARRAY_BUFFER_SWEEP|MC_BACKGROUND_EVACUATE_COPY|SCAVENGER_BACKGROUND_SCAVENGE_PARALLEL)$/],
  ];
  const ms = kinds.map(([kind, name]) => {
    const inWindow = events.filter((e) => e.ph === 'X' && name.test(e.name) && e.ts >= from && e.ts <= to);
    return `${kind} ${inWindow.reduce((s, e) => s + threadMs(e), 0).toFixed(0)} ms`;
  });
  process.stdout.write(`V8's background threads, handed over → table painted (thread time): ${ms.join(', ')}\n\n`);
}

/**
 * Thread time per kind of thread between the page's moments: what a change costs where, on a
 * machine whose load makes its wall times noisy (a task's thread time is its own). A task is
 * counted in the phase where it starts.
 */
function printPhases(threads: readonly Thread[], probe: Probe, pageZeroUs: number): void {
  const at = (moment: string) => {
    const ms = probe[moment];
    return typeof ms === 'number' ? pageZeroUs + ms * 1000 : null;
  };
  const phases: Array<[string, number | null, number | null]> = [
    ['handed over → ready', at('change'), at('ready')],
    ['ready → table painted', at('ready'), at('tablePaint')],
    ['table painted → first chart painted', at('tablePaint'), at('chartPaint')],
    ['→ dashboard painted', at('chartPaint'), at('dashPaint')],
  ];
  const kinds = [...new Set(threads.map(kindOf))];
  process.stdout.write(`thread time (ms) by phase: ${kinds.join(' | ')}\n`);
  for (const [name, from, to] of phases) {
    if (from === null || to === null) continue;
    const cells = kinds.map((kind) => {
      const ms = threads.filter((t) => kindOf(t) === kind).reduce((sum, t) => sum + t.tasks.filter((e) => e.ts >= from && e.ts < to).reduce((s, e) => s + threadMs(e), 0), 0);
      return ms.toFixed(1);
    });
    process.stdout.write(`  ${name.padEnd(38)} ${((to - from) / 1000).toFixed(0).padStart(5)} ms wall: ${cells.join(' | ')}\n`);
  }
  process.stdout.write('\n');
}

/** The page's threads by their role; the browser's and the GPU's other processes as one. */
function kindOf(thread: Thread): string {
  if (thread.name === 'CrRendererMain' || thread.name === 'ingest worker' || thread.name === 'piece worker' || thread.name === 'Compositor') return thread.name;
  return 'other threads';
}

/** A thread's task: every one of its busy moments is in one of these (nested ones are counted in theirs: topLevelTasks). */
const isTask = (e: TraceEvent) => e.name === 'ThreadControllerImpl::RunTask' || e.name === 'RunTask';

/** The thread's tasks that no other task holds ('RunTask' usually holds a 'ThreadControllerImpl::RunTask'; some come alone). */
function topLevelTasks(events: readonly TraceEvent[]): TraceEvent[] {
  const tasks = events.filter((e) => e.ph === 'X' && isTask(e)).sort((a, b) => a.ts - b.ts || (b.dur ?? 0) - (a.dur ?? 0));
  const top: TraceEvent[] = [];
  let end = -Infinity;
  for (const task of tasks) {
    if (task.ts < end) continue;
    top.push(task);
    end = task.ts + (task.dur ?? 0);
  }
  return top;
}
const threadMs = (e: TraceEvent) => (e.tdur ?? e.dur ?? 0) / 1000;

/** The threads of the trace, named by kind: a worker by the script it runs (the ingest worker, a piece worker's blob). */
function threadsOf(events: readonly TraceEvent[]): Thread[] {
  const byKey = new Map<string, Thread>();
  for (const e of events) {
    const key = `${e.pid}:${e.tid}`;
    let thread = byKey.get(key);
    if (!thread) {
      thread = { pid: e.pid, tid: e.tid, name: '?', events: [], tasks: [] };
      byKey.set(key, thread);
    }
    if (e.name === 'thread_name' && e.args?.name) thread.name = e.args.name;
    thread.events.push(e);
  }
  for (const thread of byKey.values()) thread.tasks = topLevelTasks(thread.events);
  for (const thread of byKey.values()) {
    if (!thread.name.startsWith('DedicatedWorker')) continue;
    const script = thread.events.find((e) => e.name === 'FunctionCall' || e.name === 'EvaluateScript');
    const url = JSON.stringify(script?.args ?? '');
    thread.name = url.includes('ingest.worker') ? 'ingest worker' : url.includes('blob:') ? 'piece worker' : 'worker';
  }
  return [...byKey.values()].sort((a, b) => a.pid - b.pid || a.name.localeCompare(b.name));
}

function stretchesOf(tasks: readonly TraceEvent[]): TraceEvent[][] {
  const sorted = [...tasks].sort((a, b) => a.ts - b.ts);
  const stretches: TraceEvent[][] = [];
  let last: TraceEvent[] | null = null;
  let lastEnd = -Infinity;
  for (const task of sorted) {
    if (last && task.ts - lastEnd < STRETCH_GAP_US) last.push(task);
    else stretches.push((last = [task]));
    lastEnd = Math.max(lastEnd, task.ts + (task.dur ?? 0));
  }
  return stretches;
}

interface Sample {
  ts: number;
  name: string;
}

/** The thread's CPU samples (the profiler's chunks for it), each with the function it was in. */
function samplesOf(events: readonly TraceEvent[], thread: Thread, names: SourceNames): Sample[] {
  const profile = events.find((e) => e.name === 'Profile' && e.pid === thread.pid && e.tid === thread.tid);
  if (!profile) return [];
  const nodes = new Map<number, string>();
  const samples: Sample[] = [];
  let ts = profile.args?.data?.startTime ?? profile.ts;
  for (const chunk of events) {
    if (chunk.name !== 'ProfileChunk' || chunk.pid !== thread.pid || chunk.id !== profile.id) continue;
    const data = chunk.args?.data;
    for (const n of data?.cpuProfile?.nodes ?? []) nodes.set(n.id, names.of(n.callFrame));
    const ids = data?.cpuProfile?.samples ?? [];
    const deltas = data?.timeDeltas ?? [];
    ids.forEach((id, i) => {
      ts += deltas[i] ?? 0;
      samples.push({ ts, name: nodes.get(id) ?? '?' });
    });
  }
  return samples;
}

/** The functions sampled most in [from, to], with their share of the samples there. */
function topFunctions(samples: readonly Sample[], from: number, to: number): string {
  const counts = new Map<string, number>();
  let n = 0;
  for (const s of samples) {
    if (s.ts < from || s.ts > to || s.name === '(idle)' || s.name === '(root)') continue;
    counts.set(s.name, (counts.get(s.name) ?? 0) + 1);
    n++;
  }
  return [...counts]
    .sort((a, b) => b[1] - a[1])
    .slice(0, 4)
    .map(([name, c]) => `${name} ${Math.round((100 * c) / n)}%`)
    .join(', ');
}

/** A sampled frame's name in the sources: the build's scripts are minified (a piece worker's is a blob of piece.worker's). */
class SourceNames {
  private readonly maps = new Map<string, SourceMap | null>();

  constructor(private readonly dist: string) {}

  of(frame: CallFrame): string {
    const url = frame.url ?? '';
    const pos = url ? this.mapFor(url)?.lookup(frame.lineNumber, frame.columnNumber) : null;
    const name = pos?.name ?? (frame.functionName || '(anonymous)');
    return pos ? `${name} ${path.basename(pos.source)}:${pos.line}` : name;
  }

  private mapFor(url: string): SourceMap | null {
    const script = url.startsWith('blob:') ? 'piece.worker' : path.basename(new URL(url, 'http://x').pathname);
    if (this.maps.has(script)) return this.maps.get(script) ?? null;
    let map: SourceMap | null = null;
    try {
      const assets = path.join(this.dist, 'assets');
      const name = script === 'piece.worker' ? readdirSync(assets).find((f) => f.startsWith('piece.worker-') && f.endsWith('.js.map')) : `${script}.map`;
      if (name) map = new SourceMap(JSON.parse(readFileSync(path.join(assets, name), 'utf8')) as ConstructorParameters<typeof SourceMap>[0]);
    } catch {
      map = null;
    }
    this.maps.set(script, map);
    return map;
  }
}

const [dist, file, out] = process.argv.slice(2);
if (!dist || !file) throw new Error('usage: tsx bench/trace-drop.ts <app dist> <CDR file> [trace.json]');
// A shell glob over an input folder (Master.csv Master.csv.gz) once wrote the trace over the .gz.
if (out && !out.endsWith('.json')) throw new Error(`the trace is written to a .json file, not ${out}`);

const recording: Recording = file.endsWith('.json') ? (JSON.parse(readFileSync(file, 'utf8')) as Recording) : await record(dist, file);
if (out) writeFileSync(out, JSON.stringify(recording));
printTimeline(recording, path.resolve(dist));
