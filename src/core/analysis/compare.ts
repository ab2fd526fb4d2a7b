/**
 * Two periods of the same calls side by side (two days, two windows): per trunk the 503 and 603
 * rates in each and their difference, and the two series on one time axis. Works on the
 * dashboard's answers for each period (analyzeDashboard with the period as window), so every
 * number here is the trunk table's number for that period.
 */
import { shows603 } from './call-measures';
import type { Ratio, SeriesBucket, TimeSeries, TimeWindow, TrunkStats } from './dashboard-types';

const DAY_MS = 86_400_000;

/** One trunk's rates in one period; null where the trunk made no attempt in it. */
export interface PeriodRates {
  attempts: number;
  rate503: Ratio;
  rate603: Ratio;
  /** These calls can show a 603 (call-measures shows603); when false the 603 rate is n/a. */
  knows603: boolean;
}

export interface TrunkComparison {
  trunk: string;
  a: PeriodRates | null;
  b: PeriodRates | null;
  /** B's 503 rate minus A's, in percentage points; null when either period has no attempts. */
  delta503: number | null;
  /** The same for 603; null also when either period's calls cannot show a 603. */
  delta603: number | null;
}

/** What a comparison reads of a trunk table row. */
export type TrunkRates = Pick<TrunkStats, 'trunk' | 'attempts' | 'rate503' | 'rate603' | 'provenance'>;

const share = (r: Ratio) => (100 * r.n) / r.d;

function ratesOf(t: TrunkRates | undefined): PeriodRates | null {
  if (!t || t.attempts === 0) return null;
  return { attempts: t.attempts, rate503: { n: t.rate503.n, d: t.rate503.d }, rate603: { n: t.rate603.n, d: t.rate603.d }, knows603: shows603(t) };
}

/**
 * Every trunk with attempts in either period, the largest change of rejection rate (503 and 603
 * together) first, then the busiest, then by name.
 */
export function compareTrunks(a: readonly TrunkRates[], b: readonly TrunkRates[], complete: { a: boolean; b: boolean } = { a: true, b: true }): TrunkComparison[] {
  // By name in Maps: a trunk is text from a file ("__proto__" …).
  const inA = new Map(a.map((t) => [t.trunk, t]));
  const inB = new Map(b.map((t) => [t.trunk, t]));
  const names = [...new Set([...inA.keys(), ...inB.keys()])];
  const rows = names.flatMap((trunk): TrunkComparison[] => {
    // A period's list capped to its busiest trunks says nothing of a trunk it leaves out: its
    // attempts there are unknown, not 0, so the trunk is not compared (outsideLists counts them).
    if ((!inA.has(trunk) && !complete.a) || (!inB.has(trunk) && !complete.b)) return [];
    const ra = ratesOf(inA.get(trunk));
    const rb = ratesOf(inB.get(trunk));
    if (!ra && !rb) return [];
    const both = ra !== null && rb !== null;
    return [
      {
        trunk,
        a: ra,
        b: rb,
        delta503: both ? share(rb.rate503) - share(ra.rate503) : null,
        delta603: both && ra.knows603 && rb.knows603 ? share(rb.rate603) - share(ra.rate603) : null,
      },
    ];
  });
  const change = (r: TrunkComparison) => Math.abs(r.delta503 ?? 0) + Math.abs(r.delta603 ?? 0);
  const busy = (r: TrunkComparison) => (r.a?.attempts ?? 0) + (r.b?.attempts ?? 0);
  return rows.sort((x, y) => change(y) - change(x) || busy(y) - busy(x) || (x.trunk < y.trunk ? -1 : x.trunk > y.trunk ? 1 : 0));
}

/** Trunks listed in one period but left out of the other's capped list: not compared (compareTrunks). */
export function outsideLists(a: readonly TrunkRates[], b: readonly TrunkRates[], complete: { a: boolean; b: boolean }): number {
  const inA = new Set(a.map((t) => t.trunk));
  const inB = new Set(b.map((t) => t.trunk));
  let n = 0;
  for (const t of new Set([...inA, ...inB])) if ((!inA.has(t) && !complete.a) || (!inB.has(t) && !complete.b)) n++;
  return n;
}

/** One position on the shared axis: A's bucket and B's bucket at the same distance from their period's start. */
export interface OverlayPoint {
  /** The position as A's wall time (for days: the time of day). */
  t: number;
  /** B's wall time at this position. */
  tB: number;
  a: SeriesBucket | null;
  b: SeriesBucket | null;
}

/**
 * The two periods' series on one axis, bucket by bucket from each period's first bucket: for two
 * days (each from midnight) that is the time of day; for two windows, the time since each began.
 * Both series must have the same bucket size (ask both periods with the same bucketMs).
 */
export function overlaySeries(a: TimeSeries, b: TimeSeries): OverlayPoint[] {
  if (a.bucketMs !== b.bucketMs) throw new Error(`overlaySeries: bucket sizes differ (${a.bucketMs} and ${b.bucketMs} ms)`);
  const n = Math.max(a.buckets.length, b.buckets.length);
  const a0 = a.buckets[0]?.t ?? b.buckets[0]?.t ?? 0;
  const b0 = b.buckets[0]?.t ?? a0;
  const out: OverlayPoint[] = [];
  for (let i = 0; i < n; i++) out.push({ t: a0 + i * a.bucketMs, tB: b0 + i * a.bucketMs, a: a.buckets[i] ?? null, b: b.buckets[i] ?? null });
  return out;
}

/** The whole calendar day (wall time) starting at `dayMs`, midnight to midnight. */
export function dayWindow(dayMs: number): TimeWindow {
  const from = Math.floor(dayMs / DAY_MS) * DAY_MS;
  return { fromMs: from, toMs: from + DAY_MS };
}
