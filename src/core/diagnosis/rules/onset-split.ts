/**
 * When did a trunk's 503 or 603 share step up? The trunk table's onset (analysis/span-onsets.ts),
 * or, where the table has none, the best split of the trunk's own calls (analysis/call-split.ts),
 * for the rules to judge. Where the table's buckets cannot show the trunk's change (a call months
 * away, a short file), the table shows this same split when it holds as an onset: one moment.
 */
import type { Onset, Ratio } from '../../analysis/dashboard-types';
import { callSplit, SPLIT_MIN_AFTER, SPLIT_MIN_BEFORE } from '../../analysis/call-split';
import { is503, is603, rate, type TrunkContext } from '../context';
import { MIN_REJECTS } from './thresholds';

export function onsetOf(ctx: TrunkContext, kind: '503' | '603'): Onset | null {
  // The dashboard's onset when there is one: the trunk table's "since" and the walk's "from" are
  // one moment. The split below is for trunks the dashboard finds none on.
  const fromDashboard = ctx.onsets.find((o) => o.kind === kind);
  if (fromDashboard) return fromDashboard;
  const { store, calls } = ctx;
  const hit = kind === '503' ? is503 : is603;
  const starts = new Float64Array(calls.length);
  const hits = new Uint8Array(calls.length);
  calls.forEach((i, j) => {
    starts[j] = store.startMs[i]!;
    hits[j] = hit(store, i) ? 1 : 0;
  });
  const split = callSplit(starts, hits, 1);
  return split && { trunk: ctx.name, kind, atMs: split.atMs, before: split.before, after: split.after };
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

/**
 * A run of failures on a trunk too short for any onset (fewer than SPLIT_MIN_BEFORE +
 * SPLIT_MIN_AFTER calls, so callSplit never splits it): of the calls from which at least
 * `afterShare` of the trunk's calls are `kind` (≥ MIN_REJECTS of them) with at most `maxBefore`
 * before, the one with the largest share after less the share before (callSplit's measure), the
 * earliest on a tie. Not an onset (too few calls to tell from chance), only what an inconclusive
 * verdict cannot rule out. null when the trunk has calls enough for an onset, or no such run.
 */
export function shortOnset(ctx: TrunkContext, kind: '503' | '603', afterShare: number, maxBefore: number): Onset | null {
  const { store, calls } = ctx;
  if (calls.length >= SPLIT_MIN_BEFORE + SPLIT_MIN_AFTER) return null;
  const hit = kind === '503' ? is503 : is603;
  const total: Ratio = { n: 0, d: calls.length };
  for (const i of calls) if (hit(store, i)) total.n++;
  const before: Ratio = { n: 0, d: 0 };
  let best: Onset | null = null;
  let bestGap = Number.NEGATIVE_INFINITY;
  let lastAt = Number.NaN;
  for (const i of calls) {
    const at = store.startMs[i]!;
    const after: Ratio = { n: total.n - before.n, d: total.d - before.d };
    // Calls starting together stay on one side, as callSplit keeps them.
    if (at !== lastAt && before.d > 0 && after.n >= MIN_REJECTS && rate(after) >= afterShare && rate(before) <= maxBefore) {
      const gap = rate(after) - rate(before);
      if (gap > bestGap) {
        bestGap = gap;
        best = { trunk: ctx.name, kind, atMs: at, before: { ...before }, after };
      }
    }
    lastAt = at;
    before.d++;
    if (hit(store, i)) before.n++;
  }
  return best;
}
