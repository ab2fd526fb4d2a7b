/**
 * The selected trunks' attempts and results per time bucket, and how buckets are chosen.
 * Buckets are aligned to multiples of their size in wall ms (so 5-minute buckets start at :00,
 * :05, …) and cover the window from the bucket holding its start to its end.
 */
import type { CallIndex } from './analysis-cache';
import { KIND_503, KIND_603, KIND_OUTCOME, KINDS, O_ANSWERED, O_CAPACITY, O_POLICY } from './code-classes';
import type { SeriesBucket, TimeSeries, TimeWindow } from './dashboard-types';
import type { Selection } from './selection';

const S = 1000;
const M = 60 * S;
const H = 60 * M;
/**
 * Nice sizes, 1 s … 1 h. Past 1 h (more than 300 hours of calls) the list goes on to 2, 3, 6, 12 h
 * and 1 day so a month-long drop still gets a bounded series.
 */
export const NICE_BUCKETS_MS: readonly number[] = [
  S, 2 * S, 5 * S, 10 * S, 15 * S, 30 * S,
  M, 2 * M, 5 * M, 10 * M, 15 * M, 30 * M,
  H, 2 * H, 3 * H, 6 * H, 12 * H, 24 * H,
];
export const TARGET_BUCKETS = 300;
/** A bucket size asked for explicitly is honoured up to this many buckets. */
const MAX_ASKED_BUCKETS = 3000;

export interface BucketLayout {
  bucketMs: number;
  /** Start of the first bucket (aligned). */
  firstMs: number;
  count: number;
}

/** The smallest nice size that cuts `window` into at most `maxBuckets` aligned buckets. */
export function chooseBucketMs(window: TimeWindow, maxBuckets = TARGET_BUCKETS): number {
  for (const size of NICE_BUCKETS_MS) if (bucketCount(window, size) <= maxBuckets) return size;
  return NICE_BUCKETS_MS[NICE_BUCKETS_MS.length - 1]!;
}

/** The query's bucket size when usable (≥ 1 s, ≤ 3000 buckets), else the chosen one. */
export function layoutFor(window: TimeWindow, askedMs: number | null): BucketLayout {
  const usable = askedMs !== null && Number.isFinite(askedMs) && askedMs >= S && bucketCount(window, askedMs) <= MAX_ASKED_BUCKETS;
  const bucketMs = usable ? askedMs : chooseBucketMs(window);
  const firstMs = Math.floor(window.fromMs / bucketMs) * bucketMs;
  return { bucketMs, firstMs, count: bucketCount(window, bucketMs) };
}

function bucketCount(window: TimeWindow, size: number): number {
  if (window.toMs <= window.fromMs) return 0;
  const first = Math.floor(window.fromMs / size) * size;
  return Math.ceil((window.toMs - first) / size);
}

/**
 * One pass, one increment per call: counts per (bucket, kind byte) — at most 128 kinds — then
 * each bucket's columns are summed from its kinds (no unpredictable branch per call).
 */
export function timeSeries(index: CallIndex, sel: Selection, layout: BucketLayout): TimeSeries {
  const { bucketMs, firstMs, count } = layout;
  const acc = new Uint32Array(count * KINDS);
  const { start, kind } = index;
  const { positions } = sel;
  // Starts ascend, so the bucket changes rarely: track its end instead of dividing per call.
  let base = 0;
  let bucketEnd = Number.NEGATIVE_INFINITY;
  for (let p = sel.pLo; p < sel.pHi; p++) {
    const k = positions === null ? p : positions[p]!;
    const t = start[k]!;
    if (t >= bucketEnd) {
      const j = Math.floor((t - firstMs) / bucketMs);
      bucketEnd = firstMs + (j + 1) * bucketMs;
      base = j * KINDS;
    }
    acc[base + kind[k]!]!++;
  }
  return seriesOf(acc, 0, layout);
}

/**
 * Each of `trunks`' (trunk ids) series over every call (`layout` covers the whole span): what
 * timeSeries gives for each trunk alone, in one sequential pass over the index instead of a
 * gather through each trunk's positions.
 */
export function trunksSpanSeries(index: CallIndex, trunks: readonly number[], layout: BucketLayout): TimeSeries[] {
  const { bucketMs, firstMs, count } = layout;
  const slotOf = new Int32Array(Math.max(1, index.trunkCount)).fill(-1);
  trunks.forEach((t, slot) => (slotOf[t] = slot * count * KINDS));
  const acc = new Uint32Array(trunks.length * count * KINDS);
  const { start, kind, trunk } = index;
  let base = 0;
  let bucketEnd = Number.NEGATIVE_INFINITY;
  for (let k = 0; k < index.n; k++) {
    const slot = slotOf[trunk[k]!]!;
    if (slot < 0) continue;
    const t = start[k]!;
    if (t >= bucketEnd) {
      const j = Math.floor((t - firstMs) / bucketMs);
      bucketEnd = firstMs + (j + 1) * bucketMs;
      base = j * KINDS;
    }
    acc[slot + base + kind[k]!]!++;
  }
  return trunks.map((_, i) => seriesOf(acc, i * count * KINDS, layout));
}

/** The buckets' columns summed from their per-kind counts (acc from `offset`: count × KINDS). */
export function seriesOf(acc: Uint32Array, offset: number, layout: BucketLayout): TimeSeries {
  const { bucketMs, firstMs, count } = layout;
  const buckets: SeriesBucket[] = [];
  for (let j = 0; j < count; j++) {
    const bucket: SeriesBucket = { t: firstMs + j * bucketMs, attempts: 0, answered: 0, capacity: 0, policy: 0, otherFailed: 0, c503: 0, c603: 0 };
    for (let kd = 0; kd < KINDS; kd++) {
      const n = acc[offset + j * KINDS + kd]!;
      if (n === 0) continue;
      const outcome = kd & KIND_OUTCOME;
      bucket.attempts += n;
      if (outcome === O_ANSWERED) bucket.answered += n;
      else if (outcome === O_CAPACITY) bucket.capacity += n;
      else if (outcome === O_POLICY) bucket.policy += n;
      else bucket.otherFailed += n;
      if (kd & KIND_503) bucket.c503 += n;
      if (kd & KIND_603) bucket.c603 += n;
    }
    buckets.push(bucket);
  }
  return { bucketMs, buckets };
}
