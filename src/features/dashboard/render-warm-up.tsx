/**
 * The dashboard (trunk table and timeline, then the panels below them) drawn once, out of sight, on
 * a made-up day, before any file is read: the page's counterpart of the workers' warm-up
 * (worker/warm-up.ts).
 *
 * Why: the first table a page draws pays for everything drawn for the first time — compiling the
 * components' code, the style of each new kind of element, fonts and text shaping for each new
 * size and weight. On a 100k-call Master.csv that was ~75 ms more from the read's result to the
 * table and chart painted than a second drop in the same page (bench probe, 6 alternated runs).
 * Paid here, while the page waits for its workers, the first drop finds them done.
 */
import { createRoot } from 'react-dom/client';
import type { DashboardData, DashboardPanels, Onset, TimeSeries, TimeWindow, TrunkStats, TrunkTable } from '../../core/analysis/dashboard-types';
import { DashboardView } from './dashboard';

const DAY_START_MS = Date.UTC(2026, 0, 5, 8);
const DAY_MS = 12 * 3_600_000;
const BUCKET_MS = 5 * 60_000;
const TRUNKS = 10;
const TREND_POINTS = 96;
/** Frames to wait for the timeline to get its size and draw before giving up. */
const MAX_FRAMES = 30;
/** A frame that has not come after this long is not waited for (nextFrame). */
const FRAME_WAIT_MS = 100;

const ignore = () => {};
const sameName = (trunk: string) => trunk;

/**
 * Draw the dashboard in a hidden box the size of the page's, as a drop draws it: the first screen,
 * then (once its timeline is drawn: the chart is drawn when its box has been laid out,
 * use-element-size.ts) the panels; then remove it.
 * Hidden from sight, pointer and assistive technology; it leaves nothing behind.
 */
export async function warmUpDashboardRender(): Promise<void> {
  // A hidden page (a tab opened in the background) lays out and draws nothing: nothing to warm up.
  if (document.hidden) return;
  const host = document.createElement('div');
  host.setAttribute('aria-hidden', 'true');
  host.inert = true;
  // main's box (app.tsx: max-w-7xl px-6), so the charts get the sizes they will have.
  host.style.cssText = 'position:fixed;top:0;left:0;width:min(100%,80rem);padding:0 1.5rem;visibility:hidden;pointer-events:none';
  document.body.append(host);
  const root = createRoot(host);
  try {
    const table = madeUpTable();
    const series = madeUpSeries();
    const selected = [table.trunks[0]?.trunk ?? ''];
    const view = (data: DashboardData | null, window: TimeWindow | null = null) => (
      <DashboardView data={data} table={table} top={data} timelineSeries={series} selected={selected} window={window} bucketMs={null} updating={window !== null} displayName={sameName} onRename={ignore} onSelect={ignore} onWindow={ignore} onBucket={ignore} />
    );
    // As a drop draws it: the trunk table and the timeline first, then the panels below them.
    root.render(view(null));
    for (let frame = 0; frame < MAX_FRAMES && !document.hidden && !host.querySelector('svg.plain-chart'); frame++) await nextFrame();
    const data: DashboardData = { ...table, series, spanSeries: series, failover: madeUpFailover(table), ...madeUpPanels(series) };
    root.render(view(data));
    // The panels mount a block per frame (use-staged-mount.ts): once the first is in, the dashboard
    // is busy until the last is.
    const panelsIn = () => host.querySelector('[data-testid="cps-panel"]') !== null && host.querySelector('[data-testid="dashboard"]')?.getAttribute('aria-busy') === 'false';
    for (let frame = 0; frame < MAX_FRAMES && !document.hidden && !panelsIn(); frame++) await nextFrame();
    // Then as a first brush draws it: the window on the timeline, its fields and the status line
    // (the first brush of a 1M-call day spent ~17 ms on its input event, compiling as it went).
    root.render(view(data, { fromMs: DAY_START_MS + DAY_MS / 4, toMs: DAY_START_MS + (3 * DAY_MS) / 4 }));
    for (let frame = 0; frame < MAX_FRAMES && !document.hidden && !host.querySelector('[data-testid="window-highlight"]'); frame++) await nextFrame();
  } finally {
    root.unmount();
    host.remove();
  }
}

/**
 * After the next frame, or after FRAME_WAIT_MS or the page going hidden, whichever comes first: a
 * hidden page runs no frame callbacks at all, and the workers start only after this warm-up.
 */
function nextFrame(): Promise<void> {
  return new Promise<void>((resolve) => {
    let timer = 0;
    const done = () => {
      clearTimeout(timer);
      document.removeEventListener('visibilitychange', done);
      resolve();
    };
    timer = window.setTimeout(done, FRAME_WAIT_MS);
    document.addEventListener('visibilitychange', done);
    requestAnimationFrame(() => setTimeout(done, 0));
  });
}

/** A day of ten trunks, worst first, two with an onset: the kinds of cells a real table has. */
function madeUpTable(): TrunkTable {
  const trunks = Array.from({ length: TRUNKS }, (_, i) => madeUpTrunk(i));
  const onsets: Onset[] = [
    { trunk: 'carrier-0', kind: '503', atMs: DAY_START_MS + DAY_MS / 3, before: { n: 10, d: 1000 }, after: { n: 400, d: 1000 } },
    { trunk: 'carrier-1', kind: '603', atMs: DAY_START_MS + DAY_MS / 2, before: { n: 5, d: 1000 }, after: { n: 90, d: 1000 } },
  ];
  const span = { fromMs: DAY_START_MS, toMs: DAY_START_MS + DAY_MS };
  return { span, window: span, trunks, otherTrunks: null, onsets, calls: trunks.reduce((n, t) => n + t.attempts, 0) };
}

function madeUpTrunk(i: number): TrunkStats {
  const attempts = 24_000 - i * 2_000;
  const c503 = Math.round(attempts * (0.4 / (i + 1)));
  const c603 = i % 3 === 1 ? Math.round(attempts * 0.05) : 0;
  const answered = Math.round((attempts - c503 - c603) * 0.6);
  const ratio = (n: number) => ({ n, d: attempts });
  const provenance = { sip: c503, q850: 0, disposition: 0 };
  return {
    trunk: `carrier-${i}`,
    attempts,
    answered,
    asr: ratio(answered),
    ner: ratio(answered + Math.round(attempts * 0.1)),
    seer: ratio(answered + Math.round(attempts * 0.05)),
    acdSec: 95 - i,
    rate503: { ...ratio(c503), provenance },
    rate603: { ...ratio(c603), provenance: { sip: c603, q850: 0, disposition: 0 } },
    ambiguous403or603: i === 4 ? 12 : 0,
    byOutcome: { answered, capacity: c503, policy: c603, number: 0, user: attempts - answered - c503 - c603, other: 0, unknown: 0 },
    byCode: [{ code: '503', outcome: 'capacity', count: c503 }],
    provenance: { ...provenance, none: 0 },
    trend: Array.from({ length: TREND_POINTS }, (_, k) => (c503 / attempts) * (1 + Math.sin(k / 7 + i))),
  };
}

function madeUpSeries(): TimeSeries {
  const buckets = Array.from({ length: DAY_MS / BUCKET_MS }, (_, k) => {
    const attempts = 600 + Math.round(200 * Math.sin(k / 9));
    const capacity = Math.round(attempts * 0.3);
    return { t: DAY_START_MS + k * BUCKET_MS, attempts, answered: Math.round(attempts * 0.4), capacity, policy: 20, otherFailed: attempts - Math.round(attempts * 0.4) - capacity - 20, c503: capacity, c603: 20 };
  });
  return { bucketMs: BUCKET_MS, buckets };
}

function madeUpFailover(table: TrunkTable): NonNullable<DashboardData['failover']> {
  return table.trunks.slice(0, 3).map((t, i) => ({ trunk: t.trunk, retriedElsewhere: 300 - i * 100, answered: 150 - i * 50, rejectedAgain: 100 - i * 30, other: 50 - i * 20 }));
}

/** CPS, concurrency, breakdowns and codes with a few rows each. */
function madeUpPanels(series: TimeSeries): Omit<DashboardPanels, 'kpi'> {
  const row = (key: string, label: string, k: number) => ({ key, label, attempts: 2_000 - k * 100, c503: 400 - k * 20, c603: k * 3, capacity: 420 - k * 20, policy: k * 4 });
  const ratio = (n: number, d: number) => ({ n, d });
  return {
    cps: {
      peak: 12,
      p99: 9,
      levels: Array.from({ length: 12 }, (_, k) => ({ cps: k + 1, seconds: 4_000 - k * 300, attempts: 8_000 - k * 500, c503: k * 60 })),
      knee: { cps: 8, below: ratio(120, 20_000), atOrAbove: ratio(900, 3_000), limit: 7 },
      peakPerBucket: series.buckets.map((b, k) => ({ t: b.t, peak: 4 + (k % 9) })),
      wholeMinutes: false,
      wholeMinuteCallsLeftOut: 0,
    },
    concurrency: {
      available: true,
      peak: 30,
      maxPerBucket: series.buckets.map((b, k) => ({ t: b.t, max: 10 + (k % 21) })),
      levels: Array.from({ length: 30 }, (_, k) => ({ level: k, attempts: 1_000 + k * 50, c503: k > 25 ? 300 : 2 })),
      plateau: { level: 30, seconds: 1_800, atPlateau: ratio(900, 1_000), below: ratio(20, 20_000) },
    },
    breakdowns: {
      prefixes: Array.from({ length: 12 }, (_, k) => row(`44${k}`, 'United Kingdom', k)),
      callerIds: Array.from({ length: 12 }, (_, k) => row(`1555000${k}`, '', k)),
      hours: Array.from({ length: 24 }, (_, k) => row(String(k).padStart(2, '0'), '', k % 12)),
    },
    codeReasons: [
      { code: '503', outcome: 'capacity', reason: 'Service Unavailable', count: 4_000 },
      { code: '603', outcome: 'policy', reason: 'Decline', count: 300 },
      { code: '486', outcome: 'user', reason: 'Busy Here', count: 900 },
    ],
  };
}
