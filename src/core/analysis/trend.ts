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
  const bucketMs = chooseBucketMs(span, TREND_BUCKETS);
  const firstMs = Math.floor(span.fromMs / bucketMs) * bucketMs;
  const count = Math.ceil((span.toMs - firstMs) / bucketMs);
  const attempts = new Uint32Array(trunks * count);
  const rejected = new Uint32Array(trunks * count);
  for (let k = 0; k < index.n; k++) {
    const t = index.trunk[k]!;
    if (t >= trunks) continue;
    const cell = t * count + Math.floor((index.start[k]! - firstMs) / bucketMs);
    attempts[cell]!++;
    const outcome = index.kind[k]! & KIND_OUTCOME;
    if (outcome === O_CAPACITY || outcome === O_POLICY) rejected[cell]!++;
  }
  return Array.from({ length: trunks }, (_, t) =>
    Array.from({ length: count }, (_, j) => {
      const d = attempts[t * count + j]!;
      return d === 0 ? 0 : rejected[t * count + j]! / d;
    }),
  );
}
