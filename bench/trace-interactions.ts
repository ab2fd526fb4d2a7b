/**
 * `npx tsx bench/trace-interactions.ts <app url> <CDR file> [trace.json]`: reads the file in the
 * app (headless Chromium), then records a Chrome trace over the bench's interactions (3 windows
 * typed as From/To, 6 edges, then 3 trunk selections) and prints the page's main-thread CPU: the
 * thread time of its tasks by kind and the sampled JS self time by function. Thread time, not
 * wall time: on a loaded machine only the former compares between runs. Given a trace.json it
 * only reads that trace again.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { chromium } from '@playwright/test';
import { systemChromiumPath } from '../scripts/browser-path.mjs';
import { PROBE_SCRIPT } from './lib/page-probe';
import type { TraceEvent } from './lib/chrome-trace';

const [url, file, out] = process.argv.slice(2);

/**
 * COUNT_RENDERS=1: which components render during the interactions, counted from React's commits
 * through the hook React DevTools uses (a fiber that did work or mounted: its component rendered).
 * Deterministic where thread time on a loaded machine is not; it costs the page a tree walk per commit.
 */
const RENDER_COUNTER = String.raw`(() => {
  const R = { on: false, commits: 0, byName: {} };
  window.__renders = R;
  const nameOf = (f) => { const t = f.type; if (!t) return null; const inner = t.type || t.render || t; return t.displayName || inner.displayName || inner.name || null; };
  const walk = (f) => {
    for (; f; f = f.sibling) {
      if ([0, 1, 11, 14, 15].includes(f.tag) && (f.alternate === null || (f.flags & 1))) {
        const n = nameOf(f); if (n) R.byName[n] = (R.byName[n] || 0) + 1;
      }
      // A subtree React did not visit keeps the previous commit's fibers (and their stale flags).
      if (!(f.alternate && f.child === f.alternate.child)) walk(f.child);
    }
  };
  window.__REACT_DEVTOOLS_GLOBAL_HOOK__ = {
    supportsFiber: true, renderers: new Map(), inject() { return 1; }, checkDCE() {},
    onScheduleFiberRoot() {}, onCommitFiberUnmount() {}, onPostCommitFiberRoot() {},
    onCommitFiberRoot(id, root) { if (!R.on) return; R.commits++; walk(root.current.child); },
  };
})();`;
if (!url || !file) throw new Error('usage: tsx bench/trace-interactions.ts <app url> <CDR file> [trace.json]');

const events: TraceEvent[] = [];
const results: string[] = [];
if (file.endsWith('.json')) events.push(...(JSON.parse(readFileSync(file, 'utf8')) as { traceEvents: TraceEvent[] }).traceEvents);
else await record(url, file);

async function record(url: string, file: string): Promise<void> {
const executablePath = systemChromiumPath() ?? undefined;
const browser = await chromium.launch({ executablePath });
const page = await browser.newPage({ viewport: { width: 1440, height: 900 } });
await page.addInitScript(PROBE_SCRIPT);
if (process.env.COUNT_RENDERS) await page.addInitScript(RENDER_COUNTER);
await page.goto(url);
// The workers loaded and warm, as a user finds them a moment after the page appears (a build without warm-up goes on after 15 s).
await page.locator('html[data-workers="warm"]').waitFor({ state: 'attached', timeout: 15_000 }).catch(() => {});
await page.locator('input[type=file]').first().setInputFiles(file);
// (waitForFunction evaluates a string, which the app's CSP forbids; evaluate does not.)
while (!(await page.evaluate('window.__bench.dashPaint !== null'))) await page.waitForTimeout(200);
await page.waitForTimeout(2000);

const cdp = await page.context().newCDPSession(page);
cdp.on('Tracing.dataCollected', (e) => events.push(...(e.value as unknown as TraceEvent[])));
const done = new Promise<void>((resolve) => cdp.once('Tracing.tracingComplete', () => resolve()));
await cdp.send('Tracing.start', {
  transferMode: 'ReportEvents',
  traceConfig: { includedCategories: ['devtools.timeline', 'disabled-by-default-devtools.timeline', 'v8.execute', 'disabled-by-default-v8.cpu_profiler', 'blink.user_timing'] },
});

// Tasks from here on are the interactions' (the trace's own start makes a long task before it).
await page.waitForTimeout(500);
await page.evaluate("performance.mark('interactions')");
if (process.env.COUNT_RENDERS) await page.evaluate('window.__renders.on = true');
const toLocal = (ms: number) => new Date(ms).toISOString().slice(0, 16);
const wall = (ms: number) => new Date(ms).toISOString().slice(0, 19).replace('T', ' ');
const inputs = (await page.evaluate('window.__benchWindowInputs()')) as { from: string; to: string };
const from0 = Date.parse(`${inputs.from}:00Z`);
const to0 = Date.parse(`${inputs.to}:00Z`) + 60_000;
const at = (f: number) => Math.round((from0 + (to0 - from0) * f) / 60_000) * 60_000;
let currentTo = to0;
for (const [a, b] of [[0.4, 0.5], [0.2, 0.35], [0.6, 0.9]] as const) {
  const steps: Array<['From' | 'To', number, string]> = [
    ['From', at(a), `Window ${wall(at(a))} – `],
    ['To', at(b), ` – ${wall(at(b))}`],
  ];
  if (at(a) >= currentTo) steps.reverse();
  for (const [edge, ms, expect] of steps) {
    const r = await page.evaluate(`window.__benchBrush(${JSON.stringify(edge)}, ${JSON.stringify(toLocal(ms))}, ${JSON.stringify(expect)})`);
    results.push(`brush ${edge} ${JSON.stringify(r)}`);
  }
  currentTo = at(b);
}
const shown = (await page.evaluate('window.__benchSelectedTrunks()')) as string[];
for (let i = 0; i < 3; i++) {
  const r = (await page.evaluate(`window.__benchSelect(${JSON.stringify(shown)})`)) as { trunk?: string };
  if (r.trunk) shown.push(r.trunk);
  results.push(`select ${JSON.stringify(r)}`);
}
if (process.env.COUNT_RENDERS) {
  const counts = (await page.evaluate('window.__renders')) as { commits: number; byName: Record<string, number> };
  results.push(`React commits ${counts.commits}; renders by component: ${Object.entries(counts.byName).sort((a, b) => b[1] - a[1]).map(([k, v]) => `${k} ${v}`).join(', ')}`);
}
await cdp.send('Tracing.end');
await done;
await browser.close();
if (out) writeFileSync(out, JSON.stringify({ traceEvents: events }));
process.stdout.write(`${results.join('\n')}\n`);
}

// The page's main thread: the renderer thread named CrRendererMain of the page's process.
const mainThread = events.find((e) => e.name === 'thread_name' && e.args?.name === 'CrRendererMain' && events.some((x) => x.pid === e.pid && x.name === 'FunctionCall'));
if (!mainThread) throw new Error('no main thread in the trace');
const onMain = events.filter((e) => e.pid === mainThread.pid && e.tid === mainThread.tid);
const mark = events.find((e) => e.name === 'interactions' && e.pid === mainThread.pid)?.ts ?? 0;
const tasks = onMain.filter((e) => e.ph === 'X' && e.name === 'RunTask' && e.ts >= mark);
const cpuMs = (e: TraceEvent) => (e.tdur ?? e.dur ?? 0) / 1000;
const total = tasks.reduce((s, e) => s + cpuMs(e), 0);
const longest = tasks.reduce((m, e) => Math.max(m, (e.dur ?? 0) / 1000), 0);
const longestCpu = tasks.reduce((m, e) => Math.max(m, cpuMs(e)), 0);
const over50 = tasks.filter((e) => (e.dur ?? 0) > 50_000).length;
process.stdout.write(`main thread: ${tasks.length} tasks, ${total.toFixed(0)} ms thread time (${(total / 9).toFixed(1)} per interaction), longest task ${longest.toFixed(1)} ms wall, ${longestCpu.toFixed(1)} ms thread time, ${over50} over 50 ms\n`);

// Thread time by kind of event directly under a task (script, style, layout, paint…).
const byKind = new Map<string, number>();
for (const t of tasks) {
  const end = t.ts + (t.dur ?? 0);
  for (const e of onMain) {
    if (e.ph !== 'X' || e === t || e.ts < t.ts || e.ts > end) continue;
    if (['FunctionCall', 'EvaluateScript', 'v8.callFunction', 'TimerFire', 'FireAnimationFrame', 'EventDispatch', 'UpdateLayoutTree', 'Layout', 'Paint', 'PrePaint', 'Layerize', 'Commit', 'HitTest', 'ParseHTML', 'MajorGC', 'MinorGC', 'V8.GC_SCAVENGER', 'UpdateLayer', 'PaintImage', 'RunMicrotasks'].includes(e.name)) {
      byKind.set(e.name, (byKind.get(e.name) ?? 0) + cpuMs(e));
    }
  }
}
process.stdout.write(`by kind (nested kinds overlap): ${[...byKind].sort((a, b) => b[1] - a[1]).map(([k, v]) => `${k} ${v.toFixed(0)}`).join(', ')}\n`);

// Sampled JS self time by function (the CPU profile of the page's main thread).
const nodes = new Map<number, { name: string; parent?: number }>();
const selfUs = new Map<number, number>();
// The profile's chunks come from a profiler thread: the profile's id ties them to the main thread.
const profileId = events.find((x) => x.name === 'Profile' && x.pid === mainThread.pid && x.tid === mainThread.tid)?.id;
for (const e of events.filter((x) => x.name === 'ProfileChunk' && x.pid === mainThread.pid && x.id === profileId)) {
  const chunk = e.args?.data;
  for (const n of chunk?.cpuProfile?.nodes ?? []) {
    const where = (n.callFrame.url ?? '').split('/').pop() ?? '';
    nodes.set(n.id, { name: `${n.callFrame.functionName || '(anonymous)'} ${where}:${n.callFrame.lineNumber + 1}`, parent: n.parent });
  }
  const samples = chunk?.cpuProfile?.samples ?? [];
  const deltas = chunk?.timeDeltas ?? [];
  samples.forEach((id, i) => selfUs.set(id, (selfUs.get(id) ?? 0) + (deltas[i + 1] ?? deltas[i] ?? 0)));
}
const byName = new Map<string, number>();
const byFile = new Map<string, number>();
for (const [id, us] of selfUs) {
  const name = nodes.get(id)?.name ?? '?';
  if (name.startsWith('(idle)') || name.startsWith('(program)')) continue;
  byName.set(name, (byName.get(name) ?? 0) + us / 1000);
  const f = name.split(' ')[1]?.split(':')[0] ?? '?';
  byFile.set(f, (byFile.get(f) ?? 0) + us / 1000);
}
process.stdout.write(`JS self time by file: ${[...byFile].sort((a, b) => b[1] - a[1]).slice(0, 8).map(([k, v]) => `${k} ${v.toFixed(0)}`).join(', ')}\n`);
process.stdout.write(`top functions:\n${[...byName].sort((a, b) => b[1] - a[1]).slice(0, 25).map(([k, v]) => `  ${v.toFixed(1).padStart(7)} ${k}`).join('\n')}\n`);

// Inclusive time of React components (capitalized function names: render functions of the app and
// of Recharts), each sample counted once per name on its stack: which panels' renders cost most.
const inclusive = new Map<string, number>();
for (const [id, us] of selfUs) {
  const seen = new Set<string>();
  for (let n = nodes.get(id); n; n = n.parent === undefined ? undefined : nodes.get(n.parent)) {
    const fn = n.name.split(' ')[0] ?? '';
    if (/^[A-Z]/.test(fn) && !seen.has(fn)) {
      seen.add(fn);
      inclusive.set(fn, (inclusive.get(fn) ?? 0) + us / 1000);
    }
  }
}
process.stdout.write(`components, inclusive:\n${[...inclusive].sort((a, b) => b[1] - a[1]).slice(0, 40).map(([k, v]) => `  ${v.toFixed(1).padStart(7)} ${k}`).join('\n')}\n`);
