/**
 * When did a trunk's 503 or 603 share step up, told by its calls one by one: the split of its
 * calls (in start order) with the largest share after less the share before, with enough calls on
 * both sides. Unlike the onset buckets (onset.ts) it does not depend on how wide the span's time
 * buckets are: another trunk's calls months away make them days wide, and a short file makes them
 * seconds wide, and in both the buckets cannot show a trunk's change. The trunk table's "since"
 * for such a trunk (onset.ts unseenOnsets) and the diagnosis's onset where the table has none
 * (diagnosis/rules/onset-split.ts onsetOf) are this one split.
 */
import type { Ratio } from './dashboard-types';

/** Calls needed before the split (a baseline) and after it (a sustained change). */
export const SPLIT_MIN_BEFORE = 50;
export const SPLIT_MIN_AFTER = 30;
/** Hits needed after the split: as many as any finding needs (diagnosis/rules/thresholds.ts MIN_REJECTS). */
export const SPLIT_MIN_HITS = 10;

export interface CallSplit {
  /** The first call after the split (an index into the calls given), and its start. */
  at: number;
  atMs: number;
  before: Ratio;
  after: Ratio;
}

/**
 * The best split of calls `starts` (ascending), call j a hit (a 503, or a 603, as asked) where
 * `flags[j] & bit` (a kind byte and KIND_503, say), or null where no split leaves SPLIT_MIN_BEFORE
 * calls before it, SPLIT_MIN_AFTER after it with SPLIT_MIN_HITS hits among them, and a larger share
 * after than before. A split falls before the first call of an instant: calls starting together
 * stay on one side.
 */
export function callSplit(starts: ArrayLike<number>, flags: ArrayLike<number>, bit: number): CallSplit | null {
  const total: Ratio = { n: 0, d: starts.length };
  for (let j = 0; j < starts.length; j++) if (flags[j]! & bit) total.n++;
  let best: CallSplit | null = null;
  let bestGap = 0;
  const before: Ratio = { n: 0, d: 0 };
  let lastAt = Number.NaN;
  for (let j = 0; j < starts.length; j++) {
    const at = starts[j]!;
    const afterN = total.n - before.n;
    const afterD = total.d - before.d;
    if (at !== lastAt && before.d >= SPLIT_MIN_BEFORE && afterD >= SPLIT_MIN_AFTER && afterN >= SPLIT_MIN_HITS) {
      const gap = afterN / afterD - before.n / before.d;
      if (gap > bestGap) {
        bestGap = gap;
        best = { at: j, atMs: at, before: { ...before }, after: { n: afterN, d: afterD } };
      }
    }
    lastAt = at;
    before.d++;
    if (flags[j]! & bit) before.n++;
  }
  return best;
}
