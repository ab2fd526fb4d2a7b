/**
 * When did a trunk's 503 or 603 share step up? The dashboard's onset (analysis/onset.ts) needs
 * ≥ 10 attempts per bucket, which a small trunk or a short file does not have; this fallback
 * takes the best single split of the trunk's own series: the bucket that maximizes the share
 * after minus the share before, with enough calls on both sides.
 */
import type { Onset, Ratio } from '../../analysis/dashboard-types';
import { is503, is603, rate, type TrunkContext } from '../context';
import { MIN_REJECTS } from './thresholds';

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
  // No table "since" to agree with: the split moves to the call the change began with, from the
  // bucket before on (a bucket's start may fall after the first failing call, or among healthy ones).
  return best && callOnset(ctx, best, ctx.data.series.bucketMs);
}

/**
 * `near` (the dashboard's onset) moved to the call the change began with. The dashboard's buckets
 * are sized for the span of the whole file, every trunk's calls: another trunk's calls hours
 * later make them minutes wide, and the calls of the onset's bucket from before the change then
 * count as after it (a balance run out at 13:09:20, in a 2-minute bucket from 13:08:00, read
 * 40 of 51 failing after, under the 80 % an out-of-funds onset needs, where the trunk's own calls
 * say 40 of 40). The split at a call from the bucket's start on with the largest share after less
 * the share before is the onset the calls show; `near` itself when no split does better. For a
 * rule whose bucket-level numbers fall short of its threshold (the file's span must not decide),
 * and for onsetOf's own split (`back`: from one bucket before `near` on).
 */
export function callOnset(ctx: TrunkContext, near: Onset, back = 0): Onset {
  const { store, calls } = ctx;
  const hit = near.kind === '503' ? (i: number) => is503(store, i) : (i: number) => is603(store, i);
  const total: Ratio = { n: 0, d: calls.length };
  for (const i of calls) if (hit(i)) total.n++;
  let best = near;
  let bestGap = rate(near.after) - rate(near.before);
  const before: Ratio = { n: 0, d: 0 };
  // A split falls before the first call of an instant: calls starting together stay on one side.
  let lastAt = Number.NaN;
  const minBefore = Math.max(1, Math.min(SPLIT_MIN_BEFORE, near.before.d));
  // onsetOf's own split moves within a bucket either side; a rule's threshold case from the bucket on.
  const latest = back > 0 ? near.atMs + back : Number.POSITIVE_INFINITY;
  for (const i of calls) {
    const at = store.startMs[i]!;
    // A split leaves at least MIN_REJECTS failures after it, as every onset rule needs: the last
    // failing call alone would be a split of 100 % after, and a finding of none.
    // Moved back, a split keeps the baseline `near` had (at most SPLIT_MIN_BEFORE): a trunk failing
    // from its first minutes (channels full at once) is no onset after a handful of calls.
    if (at >= near.atMs - back && at < latest && at !== lastAt && before.d >= minBefore && total.n - before.n >= MIN_REJECTS) {
      const after: Ratio = { n: total.n - before.n, d: total.d - before.d };
      const gap = rate(after) - rate(before);
      // As good as `near`'s own: the call is the moment (a bucket's start falls between calls).
      if (gap > bestGap || (gap === bestGap && best === near)) {
        bestGap = gap;
        best = { trunk: near.trunk, kind: near.kind, atMs: at, before: { ...before }, after };
      }
    }
    lastAt = at;
    before.d++;
    if (hit(i)) before.n++;
  }
  return best;
}
