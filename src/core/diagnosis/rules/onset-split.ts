/**
 * When did a trunk's 503 or 603 share step up? The dashboard's onset (analysis/onset.ts) needs
 * ≥ 10 attempts per bucket, which a small trunk or a short file does not have; this fallback
 * takes the best single split of the trunk's own series: the bucket that maximizes the share
 * after minus the share before, with enough calls on both sides.
 */
import type { Onset, Ratio } from '../../analysis/dashboard-types';
import { rate, type TrunkContext } from '../context';

/** Calls needed before the split (a baseline) and after it (a sustained change). */
export const SPLIT_MIN_BEFORE = 50;
export const SPLIT_MIN_AFTER = 30;

export function onsetOf(ctx: TrunkContext, kind: '503' | '603'): Onset | null {
  // The dashboard's onset when there is one: the trunk table's "since" and the walk's "from" are
  // one moment. The split below is for trunks the dashboard finds none on.
  const fromDashboard = ctx.onsets.find((o) => o.kind === kind);
  if (fromDashboard) return fromDashboard;
  const b = ctx.data.series.buckets;
  const hits = (x: (typeof b)[number]) => (kind === '503' ? x.c503 : x.c603);
  const total: Ratio = { n: 0, d: 0 };
  for (const x of b) {
    total.n += hits(x);
    total.d += x.attempts;
  }
  let best: Onset | null = null;
  let bestGap = 0;
  const before: Ratio = { n: 0, d: 0 };
  for (const x of b) {
    const after: Ratio = { n: total.n - before.n, d: total.d - before.d };
    if (before.d >= SPLIT_MIN_BEFORE && after.d >= SPLIT_MIN_AFTER) {
      const gap = rate(after) - rate(before);
      if (gap > bestGap) {
        bestGap = gap;
        best = { trunk: ctx.name, kind, atMs: x.t, before: { ...before }, after };
      }
    }
    before.n += hits(x);
    before.d += x.attempts;
  }
  return best;
}
