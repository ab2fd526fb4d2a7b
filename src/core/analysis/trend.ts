/**
 * The trunk table's trend line: rejection share (capacity + policy) / attempts per bucket over the
 * whole span, ~48 buckets (the smallest nice size giving ≤ 48), per trunk. 0 for a bucket without
 * attempts (nothing was rejected), so the line never holds NaN.
 */
import type { CallIndex } from './analysis-cache';
import { KIND_OUTCOME, O_CAPACITY, O_POLICY } from './code-classes';
import type { TimeWindow } from './dashboard-types';
import { chooseBucketMs } from './time-series';

export const TREND_BUCKETS = 48;

export function trends(index: CallIndex, span: TimeWindow): number[][] {
  const trunks = index.trunkCount;
  if (index.n === 0) return Array.from({ length: trunks }, () => []);
  const counts = trendCounts(trunks, span);
  for (let k = 0; k < index.n; k++) {
    const t = index.trunk[k]!;
    if (t < trunks) countTrendCall(counts, t, index.start[k]!, index.kind[k]!);
  }
  return trendsOf(counts);
}

/** Per (trunk, bucket of the span's trend layout): attempts and rejections, filled by countTrendCall. */
export interface TrendCounts {
  trunks: number;
  firstMs: number;
  bucketMs: number;
  count: number;
  attempts: Uint32Array;
  rejected: Uint32Array;
}

/** Empty counts for `trunks` trunks over `span` (a span with calls). */
export function trendCounts(trunks: number, span: TimeWindow): TrendCounts {
  const bucketMs = chooseBucketMs(span, TREND_BUCKETS);
  const firstMs = Math.floor(span.fromMs / bucketMs) * bucketMs;
  const count = Math.ceil((span.toMs - firstMs) / bucketMs);
  return { trunks, firstMs, bucketMs, count, attempts: new Uint32Array(trunks * count), rejected: new Uint32Array(trunks * count) };
}

/** Count one attempt of trunk `t` started at `startMs` (inside the span), of kind byte `kind`. */
export function countTrendCall(into: TrendCounts, t: number, startMs: number, kind: number): void {
  const cell = t * into.count + Math.floor((startMs - into.firstMs) / into.bucketMs);
  into.attempts[cell]!++;
  const outcome = kind & KIND_OUTCOME;
  if (outcome === O_CAPACITY || outcome === O_POLICY) into.rejected[cell]!++;
}

/** Each trunk's line from its counts. */
export function trendsOf({ trunks, count, attempts, rejected }: TrendCounts): number[][] {
  return Array.from({ length: trunks }, (_, t) =>
    Array.from({ length: count }, (_, j) => {
      const d = attempts[t * count + j]!;
      return d === 0 ? 0 : rejected[t * count + j]! / d;
    }),
  );
}
