/**
 * When did a trunk's 503 or 603 share step up? The dashboard's onset (analysis/onset.ts) needs
 * ≥ 10 attempts per bucket, which a small trunk or a short file does not have; this fallback
 * takes the best single split of the trunk's own calls: the call that maximizes the share after
 * minus the share before, with enough calls on both sides.
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
  // The best split at a call of the trunk's own, between two instants: independent of how wide
  // the file's time buckets are (another trunk's calls months away made them days wide, and a
  // trunk whose calls fell into one or two buckets had no split at all).
  const { store, calls } = ctx;
  const hit = kind === '503' ? (i: number) => is503(store, i) : (i: number) => is603(store, i);
  const total: Ratio = { n: 0, d: calls.length };
  for (const i of calls) if (hit(i)) total.n++;
  let best: Onset | null = null;
  let bestGap = 0;
  const before: Ratio = { n: 0, d: 0 };
  let lastAt = Number.NaN;
  for (const i of calls) {
    const at = store.startMs[i]!;
    const after: Ratio = { n: total.n - before.n, d: total.d - before.d };
    if (at !== lastAt && before.d >= SPLIT_MIN_BEFORE && after.d >= SPLIT_MIN_AFTER && after.n >= MIN_REJECTS) {
      const gap = rate(after) - rate(before);
      if (gap > bestGap) {
        bestGap = gap;
        best = { trunk: ctx.name, kind, atMs: at, before: { ...before }, after };
      }
    }
    lastAt = at;
    before.d++;
    if (hit(i)) before.n++;
  }
  return best;
}

/**
 * `near` (the dashboard's onset) moved to the call the change began with. The dashboard's buckets
 * are sized for the span of the whole file, every trunk's calls: another trunk's calls hours
 * later make them minutes wide, and the calls of the onset's bucket from before the change then
 * count as after it (a balance run out at 13:09:20, in a 2-minute bucket from 13:08:00, read
 * 40 of 51 failing after, under the 80 % an out-of-funds onset needs, where the trunk's own calls
 * say 40 of 40). The split at a call from the bucket's start on with the largest share after less
 * the share before is the onset the calls show; `near` itself when no split does better. For a
 * rule whose bucket-level numbers fall short of its threshold (the file's span must not decide).
 */
export function callOnset(ctx: TrunkContext, near: Onset): Onset {
  const { store, calls } = ctx;
  const hit = near.kind === '503' ? (i: number) => is503(store, i) : (i: number) => is603(store, i);
  const total: Ratio = { n: 0, d: calls.length };
  for (const i of calls) if (hit(i)) total.n++;
  let best = near;
  let bestGap = rate(near.after) - rate(near.before);
  const before: Ratio = { n: 0, d: 0 };
  // A split falls before the first call of an instant: calls starting together stay on one side.
  let lastAt = Number.NaN;
  for (const i of calls) {
    const at = store.startMs[i]!;
    // A split leaves at least MIN_REJECTS failures after it, as every onset rule needs: the last
    // failing call alone would be a split of 100 % after, and a finding of none.
    if (at >= near.atMs && at !== lastAt && before.d > 0 && total.n - before.n >= MIN_REJECTS) {
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
