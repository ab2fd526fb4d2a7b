/**
 * The onsets the trunk table shows ("since"), which the diagnosis takes as its own (diagnosis/rules/
 * onset-split.ts onsetOf): each trunk's onset buckets (onset.ts), and for a trunk whose buckets
 * cannot show an onset at all the best split of its calls (call-split.ts) where it holds as one.
 * The buckets are sized for the whole span: one call months away from the rest (a second export, a
 * misread date) makes them a day wide, all of a trunk's day in one of them; a file of a quarter of
 * an hour makes them 5 s wide, a call or none in each. Either way no bucket has a baseline and three
 * buckets after it, and the table said nothing where the walk, splitting the trunk's calls, named
 * the moment (13:09:20 on a day whose only other call was nine months later).
 */
import type { CallIndex } from './analysis-cache';
import { callSplit, SPLIT_MIN_AFTER, SPLIT_MIN_BEFORE, SPLIT_MIN_HITS, type CallSplit } from './call-split';
import { KIND_503, KIND_603 } from './code-classes';
import type { Onset, TimeWindow } from './dashboard-types';
import {
  countOnsetCalls,
  earliestFirst,
  NOT_AN_ATTEMPT_KIND,
  ONSET_MIN_BASELINE_ATTEMPTS,
  ONSET_MIN_BUCKET_ATTEMPTS,
  ONSET_MIN_BUCKETS_AFTER,
  onsetCounts,
  onsetsOf,
  onsetThreshold,
  refineOnsets,
  refineOnsetsOfRows,
  sustained,
  type OnsetCounts,
  type RowStretch,
} from './onset';

type Names = Pick<CallIndex, 'trunkCount' | 'trunkNames'>;

/**
 * The onsets over `span` of the calls at start-order positions [lo, hi): the whole store by default,
 * or a brushed window (the diagnosis of a window looks for onsets inside it, with before/after
 * counted there).
 */
export function onsets(index: CallIndex, span: TimeWindow, lo = 0, hi = index.n): Onset[] {
  if (hi <= lo) return [];
  const counts = onsetCounts(index, span);
  countOnsetCalls(index, counts, lo, hi);
  const found = refineOnsets(index, onsetsOf(index, counts), counts.bucketMs, lo, hi);
  return withUnseen(found, unseenOnsets(index, counts, (wanted) => callsInIndex(index, lo, hi, wanted)));
}

/**
 * onsets() of rows not yet in start order (the table counted before the seal), `counts` counted
 * from them: per row its start, trunk id and kind byte, as refineOnsetsOfRows takes them.
 */
export function onsetsOfRows(names: Names, counts: OnsetCounts, rows: number, startMs: ArrayLike<number>, trunkIds: ArrayLike<number>, kinds: ArrayLike<number>, stretches?: readonly RowStretch[]): Onset[] {
  const found = refineOnsetsOfRows(onsetsOf(names, counts), counts.bucketMs, names.trunkNames, rows, startMs, trunkIds, kinds, stretches);
  return withUnseen(found, unseenOnsets(names, counts, (wanted) => callsInRows(wanted, names.trunkCount - 1, rows, startMs, trunkIds, kinds)));
}

const withUnseen = (found: Onset[], unseen: Onset[]) => (unseen.length === 0 ? found : [...found, ...unseen].sort(earliestFirst));

/** Per trunk id: its calls' starts and kind bytes, in start order. */
type TrunkCalls = Map<number, { starts: Float64Array; kinds: Uint8Array }>;

/**
 * The onsets of the trunks whose buckets in `counts` cannot show one (bucketsShowOnsets), with
 * calls and hits enough for a split: the best split of each one's calls, of each kind, where it
 * holds as an onset. `callsOf`: the calls of the trunks asked for (trunk id → its calls counted).
 */
function unseenOnsets(names: Names, counts: OnsetCounts, callsOf: (wanted: ReadonlyMap<number, number>) => TrunkCalls): Onset[] {
  const { count, attempts, c503, c603 } = counts;
  const wanted = new Map<number, number>();
  const sum = (a: Uint32Array, t: number) => a.subarray(t * count, (t + 1) * count).reduce((n, x) => n + x, 0);
  for (let t = 0; t < names.trunkCount; t++) {
    const calls = sum(attempts, t);
    if (calls < SPLIT_MIN_BEFORE + SPLIT_MIN_AFTER || (sum(c503, t) < SPLIT_MIN_HITS && sum(c603, t) < SPLIT_MIN_HITS)) continue;
    if (!bucketsShowOnsets(attempts.subarray(t * count, (t + 1) * count))) wanted.set(t, calls);
  }
  if (wanted.size === 0) return [];
  const out: Onset[] = [];
  for (const [t, { starts, kinds }] of callsOf(wanted)) {
    for (const [kind, bit] of [['503', KIND_503], ['603', KIND_603]] as const) {
      const split = callSplit(starts, kinds, bit);
      if (split && holdsAsOnset(split, kinds, bit)) out.push({ trunk: names.trunkNames[t] ?? '', kind, atMs: split.atMs, before: split.before, after: split.after });
    }
  }
  return out;
}

/**
 * Whether findOnset could name a bucket of this series, whatever its hits: one of ≥ 10 attempts
 * with ≥ 50 attempts before it and ≥ 3 buckets of ≥ 10 attempts from it on.
 */
export function bucketsShowOnsets(attempts: ArrayLike<number>): boolean {
  let qualifying = 0;
  for (let b = 0; b < attempts.length; b++) if (attempts[b]! >= ONSET_MIN_BUCKET_ATTEMPTS) qualifying++;
  let before = 0;
  for (let b = 0; b < attempts.length && qualifying >= ONSET_MIN_BUCKETS_AFTER; b++) {
    if (attempts[b]! >= ONSET_MIN_BUCKET_ATTEMPTS) {
      if (before >= ONSET_MIN_BASELINE_ATTEMPTS) return true;
      qualifying--;
    }
    before += attempts[b]!;
  }
  return false;
}

/**
 * Whether a split of a trunk's calls (kind bytes `kinds`, a hit's with `bit`) holds as an onset by findOnset's test, the
 * calls after it in runs of ONSET_MIN_BUCKET_ATTEMPTS as its buckets (a shorter last run a thin
 * bucket): its first run and all its calls after it reach the threshold over the share before
 * (SPLIT_MIN_BEFORE calls: a baseline), and so do 75 % of the runs (at least 3: SPLIT_MIN_AFTER
 * calls make 3 runs). A short burst at the end is a run or two, not sustained.
 */
function holdsAsOnset(split: CallSplit, kinds: Uint8Array, bit: number): boolean {
  const run = ONSET_MIN_BUCKET_ATTEMPTS;
  const threshold = onsetThreshold(split.before.n / split.before.d);
  const runs = Math.floor(split.after.d / run);
  const runHits = new Array<number>(runs).fill(0);
  for (let j = 0; j < runs * run; j++) if (kinds[split.at + j]! & bit) runHits[Math.floor(j / run)]!++;
  return runHits[0]! >= threshold * run && split.after.n >= threshold * split.after.d && sustained(new Array<number>(runs).fill(run), runHits, 0, threshold);
}

/** The calls at positions [lo, hi) (in start order) of the trunks `wanted` holds, with their numbers of calls there. */
function callsInIndex(index: CallIndex, lo: number, hi: number, wanted: ReadonlyMap<number, number>): TrunkCalls {
  const out = emptyCalls(wanted);
  // By trunk id, not a Map lookup per call: a file with a call months away splits every trunk (a million calls: ~10 ms).
  const startsOf = Array.from({ length: index.trunkCount }, (_, t) => out.get(t)?.starts);
  const kindsOf = Array.from({ length: index.trunkCount }, (_, t) => out.get(t)?.kinds);
  const filled = new Uint32Array(index.trunkCount);
  const { trunk, start, kind } = index;
  for (let k = lo; k < hi; k++) {
    const t = trunk[k]!;
    const starts = startsOf[t];
    if (starts === undefined) continue;
    const j = filled[t]!++;
    starts[j] = start[k]!;
    kindsOf[t]![j] = kind[k]!;
  }
  return out;
}

/**
 * The calls among `rows` of the trunks `wanted` holds (its numbers of calls counted from them),
 * put in start order; ids from `last` on are the last trunk's (refineOnsetsOfRows' rows and ids).
 */
function callsInRows(wanted: ReadonlyMap<number, number>, last: number, rows: number, startMs: ArrayLike<number>, trunkIds: ArrayLike<number>, kinds: ArrayLike<number>): TrunkCalls {
  const rowsOf = new Map([...wanted].map(([t, calls]) => [t, { rows: new Uint32Array(calls), filled: 0 }]));
  for (let row = 0; row < rows; row++) {
    const id = trunkIds[row]!;
    const of = rowsOf.get(id < last ? id : last);
    if (!of || kinds[row] === NOT_AN_ATTEMPT_KIND) continue;
    of.rows[of.filled++] = row;
  }
  const out = emptyCalls(wanted);
  for (const [t, of] of rowsOf) {
    const calls = out.get(t)!;
    of.rows.sort((a, b) => startMs[a]! - startMs[b]!);
    of.rows.forEach((row, j) => {
      calls.starts[j] = startMs[row]!;
      calls.kinds[j] = kinds[row]!;
    });
  }
  return out;
}

const emptyCalls = (wanted: ReadonlyMap<number, number>): TrunkCalls => new Map([...wanted].map(([t, calls]) => [t, { starts: new Float64Array(calls), kinds: new Uint8Array(calls) }]));
