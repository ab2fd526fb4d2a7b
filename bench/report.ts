/** bench-results/report.md (and .json): medians of the runs with min–max, one row per input. */
import type { BrowserInputResult, BrowserResults, BrowserRun, InteractionSample } from './browser';
import type { PreparedInput } from './inputs';
import type { MachineInfo } from './lib/machine';
import type { ProfileSummary } from './lib/profile';
import { fmtNum, fmtStat, MB, stat, type Stat } from './lib/stats';
import type { NodeCoreResult } from './node-core';
import type { ScalingRuns } from './lib/thread-scaling';

export interface BenchReport {
  mode: 'quick' | 'full';
  runs: number;
  machine: MachineInfo;
  app: { description: string; warning: string | null };
  inputs: Array<Omit<PreparedInput, 'path'> & { path: string }>;
  node: NodeCoreResult[] | null;
  browser: BrowserResults | null;
  durationSec: number;
}

const ok = (runs: readonly BrowserRun[]) => runs.filter((r) => !r.error && r.endToEndMs !== null);
const mbps = (bytes: number, ms: number) => bytes / MB / (ms / 1000);
const sec = (ms: number) => ms / 1000;
const mb = (b: number) => b / MB;

/** Per process type, the median over runs of its RSS above idle at the peak: "renderer 700, browser 150". */
function peakByType(runs: readonly BrowserRun[]): string {
  const types = [...new Set(runs.flatMap((r) => Object.keys(r.browserRssPeakByTypeBytes ?? {})))];
  const parts = types.map((t) => [t, stat(runs.map((r) => (r.browserRssPeakByTypeBytes?.[t] ?? 0) / MB))?.median ?? 0] as const);
  return parts.filter(([, v]) => Math.abs(v) >= 1).sort((a, b) => b[1] - a[1]).map(([t, v]) => `${t} ${v.toFixed(0)}`).join(', ') || 'n/a';
}

/** After the interactions and a garbage collection everywhere: "312; ingest.worker 40, page 20" (medians). */
function settled(runs: readonly BrowserRun[]): string {
  const done = runs.flatMap((r) => (r.settled ? [r.settled] : []));
  if (done.length === 0) return 'n/a';
  const rss = stat(done.map((s) => s.rssAboveIdleBytes / MB))!.median;
  const kinds = [...new Set(done.flatMap((s) => Object.keys(s.liveHeapBytes)))].sort();
  const heaps = kinds.map((k) => `${k} ${stat(done.map((s) => (s.liveHeapBytes[k] ?? 0) / MB))!.median.toFixed(0)}`);
  return `${rss.toFixed(0)}; ${heaps.join(', ')}`;
}

/** Per kind of worker, the medians over runs of its peak committed heap and array buffers. */
function workerKinds(runs: readonly BrowserRun[]): string {
  const kinds = [...new Set(runs.flatMap((r) => Object.keys(r.workerKindPeakBytes ?? {})))].sort();
  const median = (f: (r: BrowserRun) => number) => (stat(runs.map(f))?.median ?? 0).toFixed(0);
  const parts = kinds.map(
    (k) => `${k} ${median((r) => (r.workerKindPeakBytes?.[k]?.heapTotal ?? 0) / MB)} + ${median((r) => (r.workerKindPeakBytes?.[k]?.arrayBuffers ?? 0) / MB)}`,
  );
  return parts.join(', ') || 'n/a';
}

function mapStat(values: readonly number[], f: (x: number) => number = (x) => x): Stat | null {
  return stat(values.map(f));
}

export interface Derived {
  id: string;
  input: BenchReport['inputs'][number];
  oursMBps: Stat | null;
  oursCallsPerSec: Stat | null;
  oursSeconds: Stat | null;
  /** Before the file, from the page's navigation: its workers loaded, and their warm-up done (null: no warm-up in this build). */
  workersReadySeconds: Stat | null;
  workersWarmSeconds: Stat | null;
  readySeconds: Stat | null;
  firstChartSeconds: Stat | null;
  tableSeconds: Stat | null;
  dashboardSeconds: Stat | null;
  /** Some runs had no dashboard (error or none in the build): their end to end is "ready". */
  endToEndIsReady: boolean;
  papaMBps: Stat | null;
  papaSeconds: Stat | null;
  /** Median of the paired (same run index) ratios of speed, ours/Papa, and their range. */
  ratio: number | null;
  pairedRatio: Stat | null;
  nodeMBps: Stat | null;
  nodeCallsPerSec: Stat | null;
  nodeHeapMB: Stat | null;
  nodeThreadsMBps: Stat | null;
  pageHeapMB: Stat | null;
  workerHeapMB: Stat | null;
  rssMB: Stat | null;
  /** All the browser's processes summed, peak above the sum just before the file was handed over. */
  browserRssAboveIdleMB: Stat | null;
  /** The same, up to the file read (before the dashboard's first queries). */
  browserRssReadAboveIdleMB: Stat | null;
  browserRssDashboardAboveIdleMB: Stat | null;
  /** At the peak, per process type above its idle (median over runs), e.g. "renderer 700, browser 150". */
  browserRssPeakByType: string;
  /** Per kind of worker, medians of its peaks: "ingest.worker heap 120 + buffers 300". */
  workerKinds: string;
  /** After the interactions and a garbage collection: RSS above idle and the live heaps (medians). */
  settled: string;
  papaWorkerHeapMB: Stat | null;
  papaRssMB: Stat | null;
  papaBrowserRssAboveIdleMB: Stat | null;
  longTaskIngestMax: Stat | null;
  longTaskInteractionMax: Stat | null;
  longTaskCount: Stat | null;
  papaLongTaskMax: Stat | null;
  brushMs: Stat | null;
  selectMs: Stat | null;
  interactionErrors: string[];
  /** Interactions whose answer came from the query cache (the dashboard never went busy). */
  interactionsCached: number;
  /** The memory run's end to end, with the samplers running (null in a report without memory runs). */
  oursSampledSeconds: Stat | null;
  papaSampledSeconds: Stat | null;
  errors: string[];
  callsMismatch: string | null;
}

export function derive(report: BenchReport): Derived[] {
  return report.inputs.map((input) => {
    const b: BrowserInputResult | undefined = report.browser?.results.find((r) => r.id === input.spec.id);
    const n = report.node?.find((r) => r.id === input.spec.id);
    const ours = ok(b?.ours ?? []);
    const papa = ok(b?.papa ?? []);
    // Memory from the sampled runs (a report written before they were apart has only timed runs, sampled).
    const oursMem = b?.oursMemory ? ok(b.oursMemory) : ours;
    const papaMem = b?.papaMemory ? ok(b.papaMemory) : papa;
    const oursMBps = mapStat(ours.map((r) => r.endToEndMs!), (ms) => mbps(input.textBytes, ms));
    const papaMBps = mapStat(papa.map((r) => r.endToEndMs!), (ms) => mbps(input.textBytes, ms));
    const paired: number[] = [];
    for (let i = 0; i < Math.min(b?.ours.length ?? 0, b?.papa.length ?? 0); i++) {
      const o = b!.ours[i]!;
      const p = b!.papa[i]!;
      if (!o.error && !p.error && o.endToEndMs && p.endToEndMs) paired.push(p.endToEndMs / o.endToEndMs);
    }
    const samples = (kind: InteractionSample['kind']) => ours.flatMap((r) => r.interactions.filter((s) => s.kind === kind && s.paintMs !== null).map((s) => s.paintMs!));
    const interactionErrors = ours.flatMap((r) => r.interactions.filter((s) => s.error).map((s) => `${s.kind} ${s.detail}: ${s.error}`));
    const oursAll = [...(b?.ours ?? []), ...(b?.oursMemory ?? [])];
    const papaAll = [...(b?.papa ?? []), ...(b?.papaMemory ?? [])];
    const errors = [
      ...oursAll.filter((r) => r.error).map((r) => `app${r.sampled ? ' (memory run)' : ''}: ${r.error}`),
      ...oursAll.filter((r) => r.dashboardError).map((r) => `app dashboard${r.sampled ? ' (memory run)' : ''}: ${r.dashboardError}`),
      ...papaAll.filter((r) => r.error).map((r) => `Papa${r.sampled ? ' (memory run)' : ''}: ${r.error}`),
      ...(n?.error ? [`node: ${n.error}`] : []),
    ];
    // The app and the core count calls; Papa Parse counts rows (the same, for the generator's files).
    const seenCalls = [...ours, ...oursMem].map((r) => r.callsSeen).concat(n?.runs.map((r) => r.calls) ?? []).filter((c): c is number => c !== null);
    const seenRows = [...papa, ...papaMem].map((r) => r.callsSeen).filter((c): c is number => c !== null);
    const callsOff = seenCalls.find((c) => c !== input.calls);
    const rowsOff = seenRows.find((c) => c !== input.rows);
    return {
      id: input.spec.id,
      input,
      oursMBps,
      oursCallsPerSec: mapStat(ours.map((r) => r.endToEndMs!), (ms) => input.calls / sec(ms)),
      oursSeconds: mapStat(ours.map((r) => r.endToEndMs!), sec),
      workersReadySeconds: mapStat(ours.flatMap((r) => (r.workersReadyMs == null ? [] : [r.workersReadyMs])), sec),
      workersWarmSeconds: mapStat(ours.flatMap((r) => (r.workersWarmMs == null ? [] : [r.workersWarmMs])), sec),
      readySeconds: mapStat(ours.flatMap((r) => (r.readyPaintMs === null ? [] : [r.readyPaintMs])), sec),
      tableSeconds: mapStat(ours.flatMap((r) => (r.tablePaintMs == null ? [] : [r.tablePaintMs])), sec),
      dashboardSeconds: mapStat(ours.flatMap((r) => (r.dashboardPaintMs === null ? [] : [r.dashboardPaintMs])), sec),
      endToEndIsReady: ours.some((r) => r.tablePaintMs == null && r.dashboardPaintMs === null),
      firstChartSeconds: mapStat(ours.flatMap((r) => (r.firstChartPaintMs === null ? [] : [r.firstChartPaintMs])), sec),
      papaMBps,
      papaSeconds: mapStat(papa.map((r) => r.endToEndMs!), sec),
      ratio: paired.length > 0 ? stat(paired)!.median : oursMBps && papaMBps ? oursMBps.median / papaMBps.median : null,
      pairedRatio: stat(paired),
      nodeMBps: mapStat(n?.runs.map((r) => r.ms) ?? [], (ms) => mbps(input.textBytes, ms)),
      nodeCallsPerSec: mapStat(n?.runs.map((r) => r.ms) ?? [], (ms) => input.calls / sec(ms)),
      nodeHeapMB: mapStat(n?.runs.map((r) => r.heapPeakBytes) ?? [], mb),
      nodeThreadsMBps: mapStat(n?.threadRuns?.map((r) => r.ms) ?? [], (ms) => mbps(input.textBytes, ms)),
      pageHeapMB: mapStat(oursMem.map((r) => r.pageHeapPeakBytes), mb),
      workerHeapMB: mapStat(oursMem.map((r) => r.workerHeapPeakBytes), mb),
      rssMB: mapStat(oursMem.map((r) => r.rendererRssPeakBytes).filter((x) => x > 0), mb),
      browserRssAboveIdleMB: mapStat(oursMem.map((r) => r.browserRssAboveIdleBytes ?? 0).filter((x) => x > 0), mb),
      browserRssReadAboveIdleMB: mapStat(oursMem.map((r) => r.browserRssReadAboveIdleBytes ?? 0).filter((x) => x > 0), mb),
      browserRssDashboardAboveIdleMB: mapStat(oursMem.map((r) => r.browserRssDashboardAboveIdleBytes ?? 0).filter((x) => x > 0), mb),
      browserRssPeakByType: peakByType(oursMem),
      workerKinds: workerKinds(oursMem),
      settled: settled(oursMem),
      papaWorkerHeapMB: mapStat(papaMem.map((r) => r.workerHeapPeakBytes), mb),
      papaRssMB: mapStat(papaMem.map((r) => r.rendererRssPeakBytes).filter((x) => x > 0), mb),
      papaBrowserRssAboveIdleMB: mapStat(papaMem.map((r) => r.browserRssAboveIdleBytes ?? 0).filter((x) => x > 0), mb),
      longTaskIngestMax: stat(ours.map((r) => r.longTasks.ingestMaxMs)),
      longTaskInteractionMax: stat(ours.filter((r) => r.interactions.length > 0).map((r) => r.longTasks.interactionMaxMs)),
      longTaskCount: stat(ours.map((r) => r.longTasks.over50)),
      papaLongTaskMax: stat(papa.map((r) => r.longTasks.maxMs)),
      brushMs: stat(samples('brush')),
      selectMs: stat(samples('select')),
      interactionErrors,
      interactionsCached: ours.reduce((n, r) => n + r.interactions.filter((i) => i.cached).length, 0),
      oursSampledSeconds: b?.oursMemory ? mapStat(oursMem.map((r) => r.endToEndMs!), sec) : null,
      papaSampledSeconds: b?.papaMemory ? mapStat(papaMem.map((r) => r.endToEndMs!), sec) : null,
      errors,
      callsMismatch:
        callsOff !== undefined ? `a run saw ${callsOff} calls, the input holds ${input.calls}` : rowsOff !== undefined ? `Papa Parse saw ${rowsOff} rows, the input holds ${input.rows}` : null,
    };
  });
}

const gb = (x: number) => `${x.toFixed(1)} GB`;

function table(header: string[], rows: string[][]): string {
  const line = (cells: string[]) => `| ${cells.join(' | ')} |`;
  return [line(header), line(header.map(() => '---')), ...rows.map(line)].join('\n');
}

function profileTable(p: ProfileSummary): string {
  return table(
    ['#', 'function', 'source', 'self ms', 'share'],
    p.top.map((r, i) => [String(i + 1), `\`${r.function}\``, `${r.where}${r.text ? ` — \`${r.text.replace(/\|/g, '\\|').replace(/`/g, "'")}\`` : ''}`, r.selfMs.toFixed(0), `${(r.share * 100).toFixed(1)} %`]),
  );
}

export function renderMarkdown(report: BenchReport): string {
  const d = derive(report);
  const m = report.machine;
  const out: string[] = [];
  out.push(`# Trunk Triage benchmark (${report.mode})`);
  out.push('');
  out.push(
    `${m.date.slice(0, 16).replace('T', ' ')} UTC · ${report.runs} runs per measurement: median (min–max) · measured: ${report.app.description} · took ${(report.durationSec / 60).toFixed(1)} min`,
  );
  if (report.app.warning) out.push('', `> **Note:** ${report.app.warning}`);
  out.push('');
  out.push(
    table(
      ['machine', 'versions'],
      [
        [
          `${m.cpuModel}, ${m.cpus} CPUs, ${gb(m.memoryGB)} RAM, ${m.os}; load average ${m.loadAverageStart.map((x) => x.toFixed(1)).join(' ')} at start, ${m.loadAverageEnd?.map((x) => x.toFixed(1)).join(' ') ?? '?'} at end`,
          `Node ${m.node}, Chromium ${report.browser?.chromiumVersion ?? 'n/a'} (headless), Playwright ${m.versions['@playwright/test']}, Vite ${m.versions.vite}, Papa Parse ${m.versions.papaparse}, React ${m.versions.react}`,
        ],
      ],
    ),
  );
  out.push('');
  out.push('## Ingest, end to end in the browser');
  out.push('');
  out.push(
    'Before the file, from the page\'s navigation: "workers ready / warm" = the app\'s workers loaded (`html[data-workers]`) / their warm-up done (`html[data-workers="warm"]`: the real pipeline over a small generated day per common format, then dropped); the file is handed over after "warm", as a user who drops it a moment after the page appears. From the file input\'s change event to the per-trunk table painted, every trunk in it: the app\'s "table" (every trunk\'s row, drawn from the first answer; the timeline may follow) and Papa Parse\'s (in a worker); ours MB/s, calls/s and ours/Papa compare these two. "ready" = `main[data-state="ready"]` painted: the file is read, the dashboard\'s first queries start; "table" = the trunk table\'s rows painted; "dashboard" = the panels below it painted too (the dashboard no longer busy). MB/s counts MB (10⁶ bytes) of CSV text, so a .gz is credited with its uncompressed size. ours/Papa: median of the per-run speed ratios (runs alternate app, Papa; range in brackets). These timed runs carry no memory sampler; memory is measured in one more run of each afterwards (next section), whose own times are in the table after this one.',
  );
  out.push('');
  const flagged = d.some((x) => x.endToEndIsReady && x.oursMBps);
  out.push(
    table(
      ['input', 'file MB', 'calls', 'page load → workers ready / warm s', 'ready s', 'table s', 'dashboard s', 'first chart s', 'ours MB/s', 'ours calls/s', 'Papa s', 'Papa MB/s', 'ours/Papa'],
      d.map((x) => [
        x.input.spec.label,
        `${mb(x.input.bytes).toFixed(1)}${x.input.bytes !== x.input.textBytes ? ` (${mb(x.input.textBytes).toFixed(0)} text)` : ''}`,
        x.input.calls.toLocaleString('en-US'),
        `${fmtStat(x.workersReadySeconds, 2)} / ${x.workersWarmSeconds ? fmtStat(x.workersWarmSeconds, 2) : 'no warm-up'}`,
        fmtStat(x.readySeconds, 2),
        fmtStat(x.tableSeconds, 2),
        fmtStat(x.dashboardSeconds, 2),
        fmtStat(x.firstChartSeconds, 2),
        `${fmtStat(x.oursMBps, 1)}${x.endToEndIsReady && x.oursMBps ? ' †' : ''}`,
        x.oursCallsPerSec ? `${(x.oursCallsPerSec.median / 1000).toFixed(0)}k (${(x.oursCallsPerSec.min / 1000).toFixed(0)}k–${(x.oursCallsPerSec.max / 1000).toFixed(0)}k)` : 'n/a',
        fmtStat(x.papaSeconds, 2),
        fmtStat(x.papaMBps, 1),
        x.ratio === null ? 'n/a' : `${x.ratio.toFixed(2)}×${x.pairedRatio && x.pairedRatio.values.length > 1 ? ` (${x.pairedRatio.min.toFixed(2)}–${x.pairedRatio.max.toFixed(2)})` : ''}`,
      ]),
    ),
  );
  if (flagged) {
    out.push('');
    out.push(
      report.browser?.hasDashboard === false
        ? '† This build has no dashboard: end to end is measured to "ready".'
        : '† The dashboard did not finish in some runs (see Problems below): those runs are measured to "ready", so MB/s and the ratio are optimistic for the app.',
    );
  }
  const sampled = d.filter((x) => x.oursSampledSeconds);
  if (sampled.length > 0) {
    out.push('');
    out.push('The memory runs\' end to end, with the heap and RSS samplers running (one run each; they take CPU from the two cores the app\'s workers use):');
    out.push('');
    out.push(
      table(
        ['input', 'ours s (sampled)', 'Papa s (sampled)', 'ours/Papa (sampled)'],
        sampled.map((x) => {
          const o = x.oursSampledSeconds!.median;
          const p = x.papaSampledSeconds?.median ?? null;
          return [x.input.spec.label, o.toFixed(2), p === null ? 'n/a' : p.toFixed(2), p === null ? 'n/a' : `${(p / o).toFixed(2)}×`];
        }),
      ),
    );
  }
  out.push('');
  out.push('## Memory and main thread');
  out.push('');
  out.push(
    'From the memory runs. Peak JS heap (V8 used size, CDP Runtime.getHeapUsage sampled every 100 ms) of the page and of its workers (summed at each sample: the ingest worker holds the calls, its piece workers parse pieces at the same time); renderer peak RSS from /proc VmHWM (reset before the file is handed over; page and workers share the renderer process); browser RSS above idle: VmRSS of all the browser\'s processes (browser, renderers, GPU, utility) summed every 50 ms, peak minus the sum just before the file was handed over (to the end of the interactions; "until read / until dashboard": to the page saying the file is read / to the dashboard painted, before the interactions; "by process": each process type\'s share of that peak above its own idle; "settled": after the interactions, every JS heap collected, the RSS above idle and the live heaps). Long tasks (from the timed runs): PerformanceObserver(\'longtask\') on the main thread, i.e. tasks over 50 ms; "during ingest" = up to the dashboard painted.',
  );
  out.push('');
  out.push(
    table(
      [
        'input',
        'page heap MB',
        'workers heap MB',
        'renderer RSS MB',
        'browser RSS above idle MB',
        'of which until read / until dashboard MB',
        'at the peak, by process MB',
        'workers: peak committed heap + array buffers MB',
        'settled: RSS above idle; live heaps MB',
        'long tasks during ingest: max ms',
        'long tasks per run (count)',
        'Papa: worker heap MB',
        'Papa: renderer RSS MB',
        'Papa: browser RSS above idle MB',
      ],
      d.map((x) => [
        x.input.spec.label,
        fmtStat(x.pageHeapMB, 0),
        fmtStat(x.workerHeapMB, 0),
        fmtStat(x.rssMB, 0),
        fmtStat(x.browserRssAboveIdleMB, 0),
        `${fmtStat(x.browserRssReadAboveIdleMB, 0)} / ${fmtStat(x.browserRssDashboardAboveIdleMB, 0)}`,
        x.browserRssPeakByType,
        x.workerKinds,
        x.settled,
        fmtStat(x.longTaskIngestMax, 0),
        fmtStat(x.longTaskCount, 0),
        fmtStat(x.papaWorkerHeapMB, 0),
        fmtStat(x.papaRssMB, 0),
        fmtStat(x.papaBrowserRssAboveIdleMB, 0),
      ]),
    ),
  );
  const withInteractions = d.filter((x) => x.brushMs || x.selectMs || x.interactionErrors.length);
  out.push('');
  out.push('## Dashboard interactions');
  out.push('');
  if (report.browser?.hasDashboard === false) out.push('n/a: the measured build shows no dashboard (no `[data-testid="dashboard"]` after a file is read).');
  else if (withInteractions.length === 0 && d.some((x) => x.errors.some((e) => e.startsWith('app dashboard:')))) out.push('n/a: the dashboard did not finish (see Problems below).');
  else if (withInteractions.length === 0) out.push('n/a: not measured in this run.');
  else {
    out.push(
      'Brush: set the From or To field (as typing does) → the window status line shows the new window and the dashboard is no longer aria-busy, painted; 3 windows × 2 edges per run. Selection: click a trunk row → it is aria-selected and the panels have their data, painted; 3 trunks per run. Median (min–max) over all samples.',
    );
    out.push('');
    out.push(
      table(
        ['input', 'brush ms', 'selection ms', 'long tasks during interactions: max ms', 'samples'],
        withInteractions.map((x) => [
          x.input.spec.label,
          fmtStat(x.brushMs, 0),
          fmtStat(x.selectMs, 0),
          fmtStat(x.longTaskInteractionMax, 0),
          `${x.brushMs?.values.length ?? 0} brush, ${x.selectMs?.values.length ?? 0} select${x.interactionsCached ? `; ${x.interactionsCached} from cache` : ''}${x.interactionErrors.length ? `; ${x.interactionErrors.length} failed` : ''}`,
        ]),
      ),
    );
  }
  if (report.node) {
    out.push('');
    out.push('## Core in Node');
    out.push('');
    out.push(
      '`ingestFiles` on the file (opened as the CLI opens it: src/cli/file-blob.ts), one child process per input: one pass on the main thread, and in pieces on worker threads (as many as the CLI starts: one per core but one, at least one), alternating; heap = peak V8 heap used by the main thread, sampled every 10 ms.',
    );
    out.push('');
    out.push(
      table(
        ['input', 'one pass MB/s', 'one pass calls/s', 'heap MB', 'threads MB/s'],
        d.map((x) => [
          x.input.spec.label,
          fmtStat(x.nodeMBps, 1),
          x.nodeCallsPerSec ? `${(x.nodeCallsPerSec.median / 1000).toFixed(0)}k (${(x.nodeCallsPerSec.min / 1000).toFixed(0)}k–${(x.nodeCallsPerSec.max / 1000).toFixed(0)}k)` : 'n/a',
          fmtStat(x.nodeHeapMB, 0),
          fmtStat(x.nodeThreadsMBps, 1),
        ]),
      ),
    );
    out.push(...scalingTable(report));
  }
  out.push('');
  out.push('## Against the targets (context only; nothing is asserted)');
  out.push('');
  out.push(table(['target', 'measured', 'met'], targets(d)));
  const profile = report.browser?.profile;
  if (profile) {
    out.push('');
    out.push(`## Where the time goes: CPU profile of ${profile.input}`);
    out.push('');
    out.push(
      `One extra run with the V8 sampling profiler (250 µs) on the worker from its first line and on the page; self time per function, mapped to the sources with the build's source maps. Ingest (change → ready) took ${fmtNum(profile.ingestMs === null ? null : profile.ingestMs / 1000, 2, ' s')} under the profiler, the dashboard (ready → painted) ${fmtNum(profile.dashboardMs === null ? null : profile.dashboardMs / 1000, 2, ' s')}. Raw profiles (open in Chrome DevTools): ${profile.files.map((f) => `\`${f.replace(/^.*bench-results\//, 'bench-results/')}\``).join(', ')}.`,
    );
    for (const [title, p] of [
      ['Ingest worker, ingest (reading, cutting, merging)', profile.workerIngest],
      [`Piece workers, ingest (${profile.pieceWorkerCount} workers, summed)`, profile.pieceWorkersIngest],
      ['Worker, dashboard queries', profile.workerDashboard],
      ['Main thread, whole run', profile.mainThread],
      ['Before the file: ingest worker from its start (its warm-up included)', profile.warmUp?.worker ?? null],
      ['Before the file: piece workers from their start (the warm-up\'s pieces included, summed)', profile.warmUp?.pieceWorkers ?? null],
    ] as const) {
      if (!p) {
        // After a big read the app ends its piece workers before the profiler can be stopped on them.
        if (title.startsWith('Piece workers, ingest') && profile.pieceWorkerCount === 0) {
          out.push('');
          out.push(
            `### ${title}: not recorded (the app ended its piece workers after this read before their profiles could be taken; \`bench/piece-cpu/run.ts\` and \`bench/trace-drop.ts\` measure them)`,
          );
        }
        continue;
      }
      out.push('');
      out.push(
        `### ${title}: ${(p.totalMs / 1000).toFixed(2)} s in JS and GC (${((p.gcMs / Math.max(1, p.totalMs)) * 100).toFixed(1)} % GC), plus ${(p.programMs / 1000).toFixed(2)} s "(program)" (unattributed native work)`,
      );
      out.push('');
      out.push(profileTable(p));
    }
  }
  const problems = d.flatMap((x) => {
    const counts = new Map<string, number>();
    for (const e of [...x.errors, ...x.interactionErrors, ...(x.callsMismatch ? [x.callsMismatch] : [])]) counts.set(e, (counts.get(e) ?? 0) + 1);
    return [...counts].map(([e, n]) => `- ${x.id}: ${e}${n > 1 ? ` (${n} runs)` : ''}`);
  });
  if (problems.length) {
    out.push('');
    out.push('## Problems during the run');
    out.push('');
    out.push(...problems);
  }
  out.push('');
  out.push(
    `Inputs: the repo's generator (SAMPLE_DAY, seed ${report.inputs.find((i) => !i.spec.realSample)?.seed ?? '?'}, scaled), in bench-results/inputs/${report.inputs.some((i) => i.spec.realSample) ? '; "real rows": a real export from ../shared/samples repeated (each copy\'s call ids its own), its calls counted by the core in one pass (Papa Parse counts its rows)' : ''}. Noise: other processes may share the CPU (see the load average); compare the app with Papa Parse within one run.`,
  );
  return `${out.join('\n')}\n`;
}

/** MB/s and peak RSS per piece-thread count, one row per input: where the serial merge stops the scaling. */
function scalingTable(report: BenchReport): string[] {
  const measured = report.inputs.flatMap((input) => {
    const scaling = report.node?.find((r) => r.id === input.spec.id)?.scaling;
    return scaling ? [{ label: input.spec.label, textBytes: input.textBytes, scaling }] : [];
  });
  return scalingMarkdown(measured, report.machine.cpus);
}

/** The scaling table of one or more inputs (the bench's report, the device kit's report). */
export function scalingMarkdown(measured: ReadonlyArray<{ label: string; textBytes: number; scaling: readonly ScalingRuns[] }>, cpus: number): string[] {
  const counts = [...new Set(measured.flatMap((m) => m.scaling.map((s) => s.threads)))].sort((a, b) => a - b);
  if (counts.length < 2) return [];
  const head = counts.map((c) => (c === 0 ? 'one pass' : `${c} thr`));
  const rows = measured.flatMap(({ label, textBytes, scaling }) => {
    const at = (c: number) => scaling.find((s) => s.threads === c)?.runs ?? [];
    const speed = counts.map((c) => fmtStat(mapStat(at(c).map((r) => r.ms), (ms) => mbps(textBytes, ms)), 0));
    const rss = counts.map((c) => fmtStat(mapStat(at(c).map((r) => r.rssPeakBytes), mb), 0));
    return [
      [label, 'MB/s', ...speed],
      ['', 'peak RSS MB', ...rss],
    ];
  });
  return [
    '',
    `### Scaling with piece threads (${cpus} CPUs)`,
    '',
    'The same ingest at each thread count (0 = one pass on the main thread), runs round-robin; RSS of the whole process, threads included.',
    '',
    table(['input', '', ...head], rows),
    ...doublingLines(measured, counts),
  ];
}

/**
 * The most threads measured against half as many (16 against 8 on a 16-core machine: does a
 * doubling still pay?), from the median times, per input; none where half was not measured.
 */
function doublingLines(measured: ReadonlyArray<{ label: string; scaling: readonly ScalingRuns[] }>, counts: readonly number[]): string[] {
  const most = counts[counts.length - 1] ?? 0;
  const half = most / 2;
  if (most < 2 || !counts.includes(half)) return [];
  const lines = measured.flatMap(({ label, scaling }) => {
    const ms = (c: number) => stat(scaling.find((s) => s.threads === c)?.runs.map((r) => r.ms) ?? [])?.median ?? null;
    const [a, b] = [ms(most), ms(half)];
    return a === null || b === null ? [] : [`- ${label}: ${most} threads read it ${fmtNum(b / a, 2)}× as fast as ${half} (median times ${fmtNum(a / 1000, 2)} s and ${fmtNum(b / 1000, 2)} s).`];
  });
  return lines.length > 0 ? ['', ...lines] : [];
}

function targets(d: Derived[]): string[][] {
  const rows: string[][] = [];
  const by = (id: string) => d.find((x) => x.id === id);
  const mark = (v: boolean | null) => (v === null ? '—' : v ? 'yes' : 'no');
  const master = by('master-1M') ?? by('master-100k');
  if (master) {
    const v = master.oursMBps?.median ?? null;
    rows.push([`ingest ≥ 150 MB/s on Master.csv (${master.id})`, fmtNum(v, 1, ' MB/s'), mark(v === null ? null : v >= 150)]);
    rows.push([`≥ 4× Papa Parse (${master.id})`, master.ratio === null ? 'n/a' : `${master.ratio.toFixed(2)}×`, mark(master.ratio === null ? null : master.ratio >= 4)]);
  }
  const gz = by('master-1M-gz') ?? by('master-100k-gz');
  const plain = gz ? by(gz.id.replace(/-gz$/, '')) : undefined;
  if (gz && plain) {
    const a = gz.oursMBps?.median ?? null;
    const b = plain.oursMBps?.median ?? null;
    const rel = a !== null && b !== null ? a / b : null;
    rows.push([`.gz within 15 % of plain (${gz.id})`, rel === null ? 'n/a' : `${fmtNum(a, 1)} vs ${fmtNum(b, 1)} MB/s (${((rel - 1) * 100).toFixed(0)} %)`, mark(rel === null ? null : rel >= 0.85)]);
  }
  const big = by('master-4M');
  if (big) {
    const heap = big.pageHeapMB && big.workerHeapMB ? big.pageHeapMB.max + big.workerHeapMB.max : null;
    rows.push(['1 GB file: peak JS heap (page + all workers) < 300 MB', fmtNum(heap, 0, ' MB'), mark(heap === null ? null : heap < 300)]);
  }
  if (big) {
    const rss = big.browserRssAboveIdleMB?.max ?? null;
    rows.push(['1 GB file: browser processes\' RSS ≤ 500 MB above idle (worst run)', fmtNum(rss, 0, ' MB'), mark(rss === null ? null : rss <= 500)]);
  }
  const small = by('master-100k');
  if (small) {
    const v = small.firstChartSeconds?.median ?? null;
    rows.push(['first chart of 100k calls < 1 s', fmtNum(v, 2, ' s'), mark(v === null ? null : v < 1)]);
    const papa = small.papaSeconds?.median ?? null;
    const ratio = v !== null && papa !== null ? papa / v : null;
    rows.push([
      '100k calls: first chart ≤ half of Papa Parse\'s parse time (≥ 2×)',
      ratio === null ? 'n/a' : `${fmtNum(v, 2, ' s')} vs Papa ${fmtNum(papa, 2, ' s')} (${ratio.toFixed(2)}×)`,
      mark(ratio === null ? null : ratio >= 2),
    ]);
  }
  const day = by('master-1M') ?? by('master-100k');
  if (day) {
    for (const [name, s] of [
      ['brush', day.brushMs],
      ['selection', day.selectMs],
    ] as const) {
      rows.push([`${name} < 50 ms (${day.id}, median)`, fmtNum(s?.median ?? null, 0, ' ms'), mark(s ? s.median < 50 : null)]);
    }
  }
  const worst = d.reduce((a, x) => Math.max(a, x.longTaskIngestMax?.max ?? 0, x.longTaskInteractionMax?.max ?? 0), 0);
  const any = d.some((x) => x.longTaskIngestMax);
  rows.push(['main-thread tasks < 50 ms (longest over all runs)', any ? (worst === 0 ? 'none over 50 ms' : `${worst.toFixed(0)} ms`) : 'n/a', mark(any ? worst === 0 : null)]);
  return rows;
}
