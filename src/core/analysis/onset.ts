/**
 * When a trunk's 503 or 603 rate left its own baseline: per trunk and kind, over the whole span
 * (not the brushed window: an onset is a property of the day), in buckets chosen for the span
 * (time-series.ts chooseBucketMs, ≤ 300 buckets). For each bucket b, in time order:
 *   baseline(b) = hits / attempts over all of the trunk's buckets before b (≥ 50 attempts)
 *   threshold   = max(5 × baseline, baseline + 10 points)
 *   b is the onset when b has ≥ 10 attempts and a rate ≥ threshold, and from b to the end
 *   ≥ 75 % of the buckets with ≥ 10 attempts (at least 3 of them) are ≥ threshold, and the pooled
 *   rate from b on is ≥ threshold ("stays out"); thin buckets (< 10 attempts) right before b that
 *   are ≥ threshold too move the onset back to where the change began.
 * A trunk bad from the start has a bad baseline, so no onset (that is auth or a disabled trunk,
 * not a change); background noise (a fraction of a percent) and short bursts are not sustained.
 * The trunk table's onsets are these, and for a trunk whose buckets cannot show one at all a split
 * of its calls held to the same test (span-onsets.ts).
 */
import type { CallIndex } from './analysis-cache';
import { KIND_503, KIND_603 } from './code-classes';
import type { Onset, Ratio, TimeWindow } from './dashboard-types';
import { chooseBucketMs } from './time-series';

export const ONSET_MIN_BUCKET_ATTEMPTS = 10;
export const ONSET_MIN_BASELINE_ATTEMPTS = 50;
export const ONSET_FACTOR = 5;
export const ONSET_MARGIN = 0.1;
export const ONSET_SUSTAINED_SHARE = 0.75;
export const ONSET_MIN_BUCKETS_AFTER = 3;

/**
 * Each onset moved from its bucket's start to the call the change began with. Buckets are sized
 * for the span of every trunk's calls, so another trunk's calls hours later (or a second day) make
 * them minutes wide: the bucket's start then falls among the trunk's healthy calls (a balance run
 * out at 09:06:50 read "from 09:00:00, 80 of 90 after"), or after its first failing call ("from
 * 09:08:00, before: 1 of 91" for a first 603 at 09:07:50). The split at a call within a bucket
 * either side with the largest share after less the share before is the onset the calls show;
 * the bucket's own when none does better. `lo`, `hi`: the positions the onsets were counted over.
 */
export function refineOnsets(index: CallIndex, found: readonly Onset[], bucketMs: number, lo: number, hi: number): Onset[] {
  if (found.length === 0) return [];
  const idOf = new Map(index.trunkNames.map((name, t) => [name, t]));
  const { start, trunk, kind } = index;
  return found.map((o) => {
    const t = idOf.get(o.trunk) ?? -1;
    const bit = o.kind === '503' ? KIND_503 : KIND_603;
    const from = firstAtOrAfter(start, lo, hi, o.atMs - bucketMs);
    const to = firstAtOrAfter(start, from, hi, o.atMs + bucketMs);
    const near: NearCalls = { starts: [], hits: [] };
    for (let k = from; k < to; k++) {
      if (trunk[k] !== t) continue;
      near.starts.push(start[k]!);
      near.hits.push((kind[k]! & bit) !== 0);
    }
    return bestSplit(o, near);
  }).sort(earliestFirst);
}

/**
 * refineOnsets over rows not yet in start order (the table counted before the seal): one pass
 * over the rows gathers each onset's trunk's calls near it. Per row: its start, its trunk id in
 * `trunkNames`' numbering (ids past the names are the last name's: the "other trunks" row), and its
 * kind byte (0xff: not an attempt). Arrays, not accessors. `stretches`: the rows [0, rows) in
 * stretches with the earliest and latest start of their attempts (the pieces as merged), of which
 * only those reaching a bucket either side of an onset are read: in a file written as calls happen,
 * the one or two pieces around it. Without them every row is read (a million calls: 9–21 ms in
 * Node, the pass made once per file, before its first table, while the other core waits).
 */
export function refineOnsetsOfRows(
  found: readonly Onset[],
  bucketMs: number,
  trunkNames: readonly string[],
  rows: number,
  startMs: ArrayLike<number>,
  trunkIds: ArrayLike<number>,
  kinds: ArrayLike<number>,
  stretches: readonly RowStretch[] = [{ from: 0, to: rows, minStart: Number.NEGATIVE_INFINITY, maxStart: Number.POSITIVE_INFINITY }],
): Onset[] {
  if (found.length === 0) return [];
  const idOf = new Map(trunkNames.map((name, t) => [name, t]));
  const last = trunkNames.length - 1;
  const wanted = found.map((o) => ({ o, t: idOf.get(o.trunk) ?? -1, bit: o.kind === '503' ? KIND_503 : KIND_603, rows: [] as number[] }));
  const trunkWanted = new Uint8Array(trunkNames.length);
  for (const w of wanted) if (w.t >= 0) trunkWanted[w.t] = 1;
  const near = (minStart: number, maxStart: number) => wanted.some((w) => maxStart >= w.o.atMs - bucketMs && minStart < w.o.atMs + bucketMs);
  for (const stretch of coveringAll(stretches, rows)) {
    if (!near(stretch.minStart, stretch.maxStart)) continue;
    for (let row = stretch.from; row < stretch.to; row++) {
      const id = trunkIds[row]!;
      const t = id < last ? id : last;
      if (trunkWanted[t] !== 1 || kinds[row] === NOT_AN_ATTEMPT_KIND) continue;
      const s = startMs[row]!;
      for (const w of wanted) if (w.t === t && s >= w.o.atMs - bucketMs && s < w.o.atMs + bucketMs) w.rows.push(row);
    }
  }
  return wanted.map(({ o, bit, rows: near }) => {
    near.sort((a, b) => startMs[a]! - startMs[b]!);
    return bestSplit(o, { starts: near.map((row) => startMs[row]!), hits: near.map((row) => (kinds[row]! & bit) !== 0) });
  }).sort(earliestFirst);
}

/** Rows [from, to) of a store and the earliest and latest start of the attempts among them (none: +∞, −∞). */
export interface RowStretch {
  from: number;
  to: number;
  minStart: number;
  maxStart: number;
}

/** `stretches` where they are the rows [0, rows) in order, one after another; else one stretch of them all, read whole. */
function coveringAll(stretches: readonly RowStretch[], rows: number): readonly RowStretch[] {
  let next = 0;
  for (const s of stretches) {
    if (s.from !== next) break;
    next = s.to;
  }
  return next === rows ? stretches : [{ from: 0, to: rows, minStart: Number.NEGATIVE_INFINITY, maxStart: Number.POSITIVE_INFINITY }];
}

/** A kind byte no attempt has (span-counts.ts NOT_AN_ATTEMPT). */
export const NOT_AN_ATTEMPT_KIND = 0xff;

/** The trunk's calls within a bucket either side of an onset, in start order, and whether each is a hit of its kind. */
interface NearCalls {
  starts: number[];
  hits: boolean[];
}

/** The onset at the best split among `near` calls (refineOnsets), or `o` itself. */
function bestSplit(o: Onset, near: NearCalls): Onset {
  const { starts, hits } = near;
  const total: Ratio = { n: o.before.n + o.after.n, d: o.before.d + o.after.d };
  // The trunk's calls before the first near one: the bucket's `before` less its near calls before it.
  const before: Ratio = { ...o.before };
  for (let j = 0; j < starts.length && starts[j]! < o.atMs; j++) {
    before.d--;
    if (hits[j]) before.n--;
  }
  let best = o;
  let bestGap = rate(o.after) - rate(o.before);
  let lastStart = Number.NaN;
  const minBefore = Math.max(1, Math.min(ONSET_MIN_BASELINE_ATTEMPTS, o.before.d));
  for (let j = 0; j < starts.length; j++) {
    const s = starts[j]!;
    // A split before this call and any other at the same instant (their order says nothing);
    // it keeps the baseline the bucket's onset had (at most ONSET_MIN_BASELINE_ATTEMPTS).
    if (s !== lastStart && before.d >= minBefore && total.n - before.n > 0) {
      const after: Ratio = { n: total.n - before.n, d: total.d - before.d };
      const gap = rate(after) - rate(before);
      // As good as the bucket's own: the call is the moment (a bucket's start falls between calls).
      if (gap > bestGap || (gap === bestGap && best === o)) {
        bestGap = gap;
        best = { ...o, atMs: s, before: { ...before }, after };
      }
    }
    lastStart = s;
    before.d++;
    if (hits[j]) before.n++;
  }
  return best;
}

const rate = (r: Ratio) => (r.d > 0 ? r.n / r.d : 0);

/** Onsets in time order, then by trunk and kind: the order onsetsOf gives and a refinement keeps. */
export function earliestFirst(x: Onset, y: Onset): number {
  return x.atMs - y.atMs || x.trunk.localeCompare(y.trunk) || x.kind.localeCompare(y.kind);
}

/** First position in [lo, hi) whose start is ≥ x (starts are sorted). */
function firstAtOrAfter(start: Float64Array, lo: number, hi: number, x: number): number {
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (start[mid]! < x) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** Per (trunk, bucket of the span's onset layout): attempts, 503s and 603s, filled by countOnsetCalls. */
export interface OnsetCounts {
  firstMs: number;
  bucketMs: number;
  count: number;
  attempts: Uint32Array;
  c503: Uint32Array;
  c603: Uint32Array;
}

/** Empty counts for onsets of `index`'s trunks over `span` (its buckets: chooseBucketMs). */
export function onsetCounts(index: Pick<CallIndex, 'trunkCount'>, span: TimeWindow): OnsetCounts {
  const bucketMs = chooseBucketMs(span);
  const firstMs = Math.floor(span.fromMs / bucketMs) * bucketMs;
  const count = Math.max(0, Math.ceil((span.toMs - firstMs) / bucketMs));
  const cells = index.trunkCount * count;
  return { firstMs, bucketMs, count, attempts: new Uint32Array(cells), c503: new Uint32Array(cells), c603: new Uint32Array(cells) };
}

/** Count the calls at positions [lo, hi) (inside the span) into `into`: a caller may count a range in parts. */
export function countOnsetCalls(index: CallIndex, into: OnsetCounts, lo: number, hi: number): void {
  const trunks = index.trunkCount;
  for (let k = lo; k < hi; k++) {
    const t = index.trunk[k]!;
    if (t < trunks) countOnsetCall(into, t, index.start[k]!, index.kind[k]!);
  }
}

/** Count one attempt of trunk `t` started at `startMs` (inside the span), of kind byte `kind`. */
export function countOnsetCall(into: OnsetCounts, t: number, startMs: number, kind: number): void {
  const cell = t * into.count + Math.floor((startMs - into.firstMs) / into.bucketMs);
  into.attempts[cell]!++;
  if (kind & KIND_503) into.c503[cell]!++;
  if (kind & KIND_603) into.c603[cell]!++;
}

/** Each trunk's onsets from its counts, earliest first. */
export function onsetsOf(index: Pick<CallIndex, 'trunkCount' | 'trunkNames'>, counts: OnsetCounts): Onset[] {
  const { firstMs, bucketMs, count, attempts, c503, c603 } = counts;
  const out: Onset[] = [];
  for (let t = 0; t < index.trunkCount; t++) {
    const a = attempts.subarray(t * count, (t + 1) * count);
    for (const [kind, hits] of [['503', c503], ['603', c603]] as const) {
      const found = findOnset(a, hits.subarray(t * count, (t + 1) * count));
      if (found) out.push({ trunk: index.trunkNames[t] ?? '', kind, atMs: firstMs + found.bucket * bucketMs, before: found.before, after: found.after });
    }
  }
  return out.sort(earliestFirst);
}

/** The onset bucket of one series of (attempts, hits) per bucket, or null. */
export function findOnset(attempts: ArrayLike<number>, hits: ArrayLike<number>): { bucket: number; before: Ratio; after: Ratio } | null {
  const count = attempts.length;
  const total: Ratio = { n: 0, d: 0 };
  for (let b = 0; b < count; b++) {
    total.n += hits[b]!;
    total.d += attempts[b]!;
  }
  const before: Ratio = { n: 0, d: 0 };
  for (let b = 0; b < count; b++) {
    if (attempts[b]! >= ONSET_MIN_BUCKET_ATTEMPTS && before.d >= ONSET_MIN_BASELINE_ATTEMPTS) {
      const threshold = onsetThreshold(before.n / before.d);
      const after: Ratio = { n: total.n - before.n, d: total.d - before.d };
      if (hits[b]! >= threshold * attempts[b]! && after.n >= threshold * after.d && sustained(attempts, hits, b, threshold)) {
        // Buckets too thin to be an onset of their own (< 10 attempts) right before it, failing as
        // much: the change began there (a quiet minute at the moment the balance ran out).
        let at = b;
        while (at > 0 && attempts[at - 1]! > 0 && attempts[at - 1]! < ONSET_MIN_BUCKET_ATTEMPTS && hits[at - 1]! >= threshold * attempts[at - 1]!) {
          at--;
          before.n -= hits[at]!;
          before.d -= attempts[at]!;
        }
        return { bucket: at, before: { ...before }, after: { n: total.n - before.n, d: total.d - before.d } };
      }
    }
    before.n += hits[b]!;
    before.d += attempts[b]!;
  }
  return null;
}

/** The share an onset's bucket, and all calls from it on, must reach over a baseline share: 5 × it, and 10 points more at least. */
export const onsetThreshold = (baseline: number): number => Math.max(ONSET_FACTOR * baseline, baseline + ONSET_MARGIN);

/** From bucket `from` on, ≥ 75 % of the buckets with ≥ 10 attempts (at least 3) reach the threshold. */
export function sustained(attempts: ArrayLike<number>, hits: ArrayLike<number>, from: number, threshold: number): boolean {
  let qualifying = 0;
  let high = 0;
  for (let j = from; j < attempts.length; j++) {
    if (attempts[j]! < ONSET_MIN_BUCKET_ATTEMPTS) continue;
    qualifying++;
    if (hits[j]! >= threshold * attempts[j]!) high++;
  }
  return qualifying >= ONSET_MIN_BUCKETS_AFTER && high >= ONSET_SUSTAINED_SHARE * qualifying;
}
