/**
 * Calls per second: new attempts per wall-clock second (floor(start / 1000)), not concurrency; in
 * an hour the file shows twice (clocks went back), per second of each pass (clock-fold.ts).
 * With several trunks selected (or [] = all), CPS is their combined rate: the sum of the selected
 * trunks' attempts in each second — what the dialer sent across those trunks. A carrier's CPS
 * limit applies per trunk, so its knee shows best with one trunk selected.
 *   levels[c]  = seconds with exactly c attempts, their attempts and 503s (503 share at c =
 *                c503 / attempts, the "share as a function of CPS" the UI plots)
 *   p99        = nearest-rank 99th percentile of per-second attempts over seconds with ≥ 1 attempt
 *   knee       = see findKnee
 */
import type { CallIndex } from './analysis-cache';
import { FOLD_START } from './clock-fold';
import { KIND_503_BIT } from './code-classes';
import type { CpsAnalysis, CpsLevel, Ratio } from './dashboard-types';
import type { Selection } from './selection';
import type { BucketLayout } from './time-series';

/** Knee rule thresholds: 503 share at or above k ≥ 30 %, below k ≤ 5 %, ≥ 20 attempts each side. */
export const KNEE_HIGH_SHARE = 0.3;
export const KNEE_LOW_SHARE = 0.05;
export const KNEE_MIN_ATTEMPTS = 20;
/** The first populated level at or above k must itself show the step (≥ 10 % 503s). */
export const KNEE_STEP_SHARE = 0.1;
/**
 * Attempts from which a selection whose starts are all on whole minutes is taken for a file that
 * lost its seconds (a spreadsheet that saved HH:MM), not chance: ten calls that all happen to start
 * at :00 are one chance in 60^10.
 */
export const WHOLE_MINUTES_MIN_ATTEMPTS = 10;

export function cpsAnalysis(index: CallIndex, sel: Selection, layout: BucketLayout): CpsAnalysis {
  const tally = new SecondTally(layout);
  if (index.foldHours !== null) {
    countPassesApart(index, sel, tally);
    return tally.result(sel.pHi - sel.pLo);
  }
  // Trunks whose starts are all on whole minutes, beside trunks with seconds: their calls are left
  // out, as their minutes would stack a minute's calls into one second of the others'.
  const minuteCalls = index.minuteTrunks === null ? 0 : callsOfTrunks(index, sel, index.minuteTrunks);
  const leaveOut = minuteCalls > 0 && minuteCalls < sel.pHi - sel.pLo ? index.minuteTrunks : null;
  const { start, kind, trunk } = index;
  const { positions } = sel;
  let second = Number.NaN;
  let n = 0;
  let n503 = 0;
  let secondEnd = Number.NEGATIVE_INFINITY;
  for (let p = sel.pLo; p < sel.pHi; p++) {
    const k = positions === null ? p : positions[p]!;
    if (leaveOut !== null && leaveOut[trunk[k]!] === 1) continue;
    const t = start[k]!;
    if (t >= secondEnd) {
      // Starts ascend: a new second begins (no division per call).
      tally.add(second, n, n503);
      second = Math.floor(t / 1000);
      secondEnd = (second + 1) * 1000;
      n = 0;
      n503 = 0;
    }
    n++;
    n503 += (kind[k]! >>> KIND_503_BIT) & 1;
  }
  tally.add(second, n, n503);
  return leaveOut === null ? tally.result(sel.pHi - sel.pLo) : tally.result(sel.pHi - sel.pLo - minuteCalls, minuteCalls);
}

/** How many of the selection's calls are of the trunks `of` marks. */
function callsOfTrunks(index: CallIndex, sel: Selection, of: Uint8Array): number {
  const { trunk } = index;
  const { positions } = sel;
  let calls = 0;
  for (let p = sel.pLo; p < sel.pHi; p++) calls += of[trunk[positions === null ? p : positions[p]!]!]!;
  return calls;
}

/**
 * Per trunk id, 1 where the trunk has at least WHOLE_MINUTES_MIN_ATTEMPTS attempts and every one
 * starts on a whole minute (its file lost its seconds); null where no trunk does (the pass ends as
 * soon as every trunk has shown a start with its seconds, most files within their first calls).
 */
export function minuteTrunksOf(start: Float64Array, trunk: Uint16Array, n: number, trunkCount: number): Uint8Array | null {
  const withSeconds = new Uint8Array(trunkCount);
  const calls = new Uint32Array(trunkCount);
  let pending = trunkCount;
  for (let k = 0; k < n && pending > 0; k++) {
    const t = trunk[k]!;
    calls[t]!++;
    if (withSeconds[t] === 0 && start[k]! % 60_000 !== 0) {
      withSeconds[t] = 1;
      pending--;
    }
  }
  if (pending === 0) return null;
  const minute = new Uint8Array(trunkCount);
  let any = false;
  for (let t = 0; t < trunkCount; t++) {
    if (withSeconds[t] === 0 && calls[t]! >= WHOLE_MINUTES_MIN_ATTEMPTS) {
      minute[t] = 1;
      any = true;
    }
  }
  return any ? minute : null;
}

/**
 * The per-second pass where the file shows an hour twice (clock-fold.ts): the calls of one wall
 * second are counted per pass, each pass's count a second of its own, so two real hours are not
 * stacked into one. Only files with such an hour come here.
 */
function countPassesApart(index: CallIndex, sel: Selection, tally: SecondTally): void {
  const { start, kind, clockFold } = index;
  const { positions } = sel;
  let second = Number.NaN;
  let secondEnd = Number.NEGATIVE_INFINITY;
  const n = [0, 0];
  const n503 = [0, 0];
  for (let p = sel.pLo; p < sel.pHi; p++) {
    const k = positions === null ? p : positions[p]!;
    const t = start[k]!;
    if (t >= secondEnd) {
      for (let pass = 0; pass < 2; pass++) tally.add(second, n[pass]!, n503[pass]!);
      second = Math.floor(t / 1000);
      secondEnd = (second + 1) * 1000;
      n[0] = n[1] = n503[0] = n503[1] = 0;
    }
    const pass = clockFold[k]! & FOLD_START;
    n[pass]!++;
    n503[pass]! += (kind[k]! >>> KIND_503_BIT) & 1;
  }
  for (let pass = 0; pass < 2; pass++) tally.add(second, n[pass]!, n503[pass]!);
}

/** Seconds by their number of attempts (levels), and each bucket's busiest second. */
class SecondTally {
  private readonly seconds: number[] = [];
  private readonly attempts: number[] = [];
  private readonly c503: number[] = [];
  private readonly peakPerBucket: Uint32Array;
  /** Whether a second with attempts starts off a whole minute: checked once per second, not per call. */
  private withSeconds = false;
  constructor(private readonly layout: BucketLayout) {
    this.peakPerBucket = new Uint32Array(layout.count);
  }

  /** A second (floor(start / 1000)) with `n` attempts, `n503` of them 503; none: nothing. */
  add(second: number, n: number, n503: number): void {
    if (n === 0) return;
    if (second % 60 !== 0) this.withSeconds = true;
    const { seconds, attempts, c503, layout } = this;
    while (seconds.length <= n) {
      seconds.push(0);
      attempts.push(0);
      c503.push(0);
    }
    seconds[n]!++;
    attempts[n]! += n;
    c503[n]! += n503;
    const b = Math.floor((second * 1000 - layout.firstMs) / layout.bucketMs);
    // A second straddling the window start belongs to the first bucket.
    const bucket = Math.min(Math.max(b, 0), layout.count - 1);
    if (n > this.peakPerBucket[bucket]!) this.peakPerBucket[bucket] = n;
  }

  /**
   * `calls`: the attempts counted (the whole-minutes test needs WHOLE_MINUTES_MIN_ATTEMPTS);
   * `leftOut`: those of whole-minute trunks left out of them (countLeavingOut).
   */
  result(calls: number, leftOut = 0): CpsAnalysis {
    const { seconds, attempts, c503, layout } = this;
    if (!this.withSeconds && calls >= WHOLE_MINUTES_MIN_ATTEMPTS) {
      // Every start on a whole minute: a minute's calls would read as one second's (a "peak" of 284
      // CPS on a 3-CPS trunk, a knee where there is none). Nothing per second is counted.
      return { peak: 0, p99: 0, levels: [], knee: null, peakPerBucket: Array.from(this.peakPerBucket.fill(0), (peak, j) => ({ t: layout.firstMs + j * layout.bucketMs, peak })), wholeMinutes: true, wholeMinuteCallsLeftOut: 0 };
    }
    const levels: CpsLevel[] = [];
    for (let c = 1; c < seconds.length; c++) {
      if (seconds[c]! > 0) levels.push({ cps: c, seconds: seconds[c]!, attempts: attempts[c]!, c503: c503[c]! });
    }
    return {
      peak: levels.length > 0 ? levels[levels.length - 1]!.cps : 0,
      p99: percentileOfLevels(levels, 0.99),
      levels,
      knee: findKnee(levels),
      peakPerBucket: Array.from(this.peakPerBucket, (peak, j) => ({ t: layout.firstMs + j * layout.bucketMs, peak })),
      wholeMinutes: false,
      wholeMinuteCallsLeftOut: leftOut,
    };
  }
}

/** Nearest-rank percentile of per-second attempts, seconds weighted by their count. */
export function percentileOfLevels(levels: readonly CpsLevel[], p: number): number {
  let total = 0;
  for (const l of levels) total += l.seconds;
  if (total === 0) return 0;
  const rank = Math.ceil(p * total);
  let seen = 0;
  for (const l of levels) {
    seen += l.seconds;
    if (seen >= rank) return l.cps;
  }
  return levels[levels.length - 1]!.cps;
}

/**
 * The knee: the smallest CPS k ≥ 2 such that, pooling attempts by the CPS of their second,
 *   503 share of attempts in seconds with CPS ≥ k  ≥ 30 %   (atOrAbove)
 *   503 share of attempts in seconds with CPS < k  ≤ 5 %    (below)
 *   both sides hold ≥ 20 attempts,
 *   and the first populated level ≥ k has ≥ 10 % 503s (the step starts at k, not further up).
 * The knee is that first populated level (the lowest rate the file shows failing), and `limit` the
 * most calls a second the file shows the carrier taking: the highest level below the knee that is
 * clean on its own, or the attempts per second the carrier let through at the knee (a carrier that
 * rejects what is beyond its limit within a second lets exactly its limit through), whichever is
 * higher. Bursts of 6 against a limit of 4 over 1-CPS traffic: knee 6, limit 4 (not "about 1", the
 * highest clean rate the file happens to show). null when no k fits.
 */
export function findKnee(levels: readonly CpsLevel[]): CpsAnalysis['knee'] {
  let totalAttempts = 0;
  let total503 = 0;
  for (const l of levels) {
    totalAttempts += l.attempts;
    total503 += l.c503;
  }
  const below: Ratio = { n: 0, d: 0 };
  let next = 0; // first level with cps ≥ k
  const peak = levels.length > 0 ? levels[levels.length - 1]!.cps : 0;
  for (let k = 2; k <= peak; k++) {
    while (next < levels.length && levels[next]!.cps < k) {
      below.n += levels[next]!.c503;
      below.d += levels[next]!.attempts;
      next++;
    }
    const above: Ratio = { n: total503 - below.n, d: totalAttempts - below.d };
    const step = levels[next];
    if (!step || below.d < KNEE_MIN_ATTEMPTS || above.d < KNEE_MIN_ATTEMPTS) continue;
    const cleanBelow = below.n <= KNEE_LOW_SHARE * below.d;
    if (cleanBelow && above.n >= KNEE_HIGH_SHARE * above.d && step.c503 >= KNEE_STEP_SHARE * step.attempts) {
      return { cps: step.cps, below: { ...below }, atOrAbove: above, limit: limitBelow(levels, next) };
    }
  }
  return null;
}

/** findKnee's `limit` for the step at levels[step]: the clean level below it, or what it let through a second. */
function limitBelow(levels: readonly CpsLevel[], step: number): number {
  let clean = 0;
  for (let j = 0; j < step; j++) if (levels[j]!.c503 <= KNEE_LOW_SHARE * levels[j]!.attempts) clean = levels[j]!.cps;
  const s = levels[step]!;
  const letThrough = Math.floor((s.attempts - s.c503) / s.seconds);
  return Math.max(1, clean, letThrough);
}
