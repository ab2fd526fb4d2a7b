/**
 * Concurrent calls of the selected trunks, from each call's start and end. Per trunk selection,
 * once (cached): a sweep over the selection's starts (start order) and ends (end order) gives a
 * timeline — the level after each change — and the level at each start. At equal times ends go
 * first: a channel freed at t is free for a call starting at t. Calls the carrier rejected do not
 * hold a channel (see analysis-cache.ts buildOccupancy). Each query then reads the window's part.
 *   level at an attempt = calls of the selection up when it started (not counting itself); of
 *                         calls starting at one instant, those taken first, then those refused
 *   maxPerBucket        = highest level held during each series bucket
 *   plateau             = see findPlateau
 * available = false when fewer than half the calls in the window have an end time.
 */
import { endsOfTrunks, holdsChannel, type AnalysisCache, type CallIndex, type EndList } from './analysis-cache';
import { FOLD_END, FOLD_START, instantOf, REPEATED_HOUR_MS, secondPassBoundaries } from './clock-fold';
import { KIND_503_BIT, KIND_HAS_END_BIT } from './code-classes';
import type { ConcurrencyAnalysis, Ratio } from './dashboard-types';
import type { Selection } from './selection';
import { ascendingOrder } from './sort-order';
import type { BucketLayout } from './time-series';

/** Plateau rule: ≥ 60 s (or ≥ 5 % of busy time) at L, < 1 % of busy time above L. */
export const PLATEAU_MIN_MS = 60_000;
export const PLATEAU_MIN_SHARE = 0.05;
export const PLATEAU_MAX_ABOVE_SHARE = 0.01;
/** 503 share at L ≥ max(3 × share below L, share below L + 20 points), with ≥ 5 attempts at L. */
export const PLATEAU_FACTOR = 3;
export const PLATEAU_MARGIN = 0.2;
export const PLATEAU_MIN_ATTEMPTS = 5;
/** Levels under the plateau whose 503 share is ≥ this fraction of the plateau's belong to it (whole-second times). */
export const PLATEAU_NEAR_SHARE = 0.25;
/** … at most this many levels (the blur of whole seconds is one level; talk-only durations blur more, and are not a cap) … */
export const PLATEAU_MAX_BAND = 1;
/** … and only when the plateau itself refuses at least this share (fraction). */
export const PLATEAU_BAND_MIN_SHARE = 0.8;

const MAX_LEVEL = 0xffff;

/** The selection's concurrency over the whole span. */
export interface Timeline {
  /** Level when each of the selection's calls started (aligned with Selection.positions, or k). */
  levelAt: Uint16Array;
  /** Times where the level changes, ascending, and the level from then on. */
  t: Float64Array;
  level: Uint16Array;
  maxLevel: number;
  /**
   * The repeated hours (clock-fold.ts) whose passes `t` tells apart: `t` is then on the instant
   * axis, not wall ms; null: wall ms (no hour shown twice).
   */
  foldHours: Float64Array | null;
}

export function concurrencyAnalysis(cache: AnalysisCache, sel: Selection, layout: BucketLayout): ConcurrencyAnalysis {
  const index = cache.index();
  const build = () => (index.foldHours ? buildFoldedTimeline(index, sel.positions, index.foldHours) : buildTimeline(index, endsOf(cache, sel), sel.positions));
  // Every trunk together is the default view: kept for the store's life; other selections among the recent selections' values.
  const tl = sel.key === 'all' ? cache.memo('timeline:all', build) : cache.recentSelection(`timeline:${sel.key}`, build);
  const { fromMs, toMs } = sel.window;
  const { kind } = index;
  const { positions } = sel;
  const timeAt = new Float64Array(tl.maxLevel + 1);
  const attemptsAt = new Uint32Array(tl.maxLevel + 1);
  const c503At = new Uint32Array(tl.maxLevel + 1);
  let withEnd = 0;
  for (let p = sel.pLo; p < sel.pHi; p++) {
    const kd = kind[positions === null ? p : positions[p]!]!;
    const level = tl.levelAt[p]!;
    attemptsAt[level]!++;
    c503At[level]! += (kd >>> KIND_503_BIT) & 1;
    withEnd += (kd >>> KIND_HAS_END_BIT) & 1;
  }
  const calls = sel.pHi - sel.pLo;
  if (calls === 0 || withEnd * 2 < calls) {
    return { available: false, peak: 0, maxPerBucket: [], levels: [], plateau: null };
  }

  // The step function over [fromMs, toMs): time at each level, and each bucket's highest level.
  // On the instant axis where the file shows an hour twice: the window's end in its second pass
  // (the selection holds that pass's calls too), the buckets by wall time.
  const hours = tl.foldHours;
  const fromT = hours ? instantOf(fromMs, false, hours) : fromMs;
  const toT = hours ? instantOf(toMs, true, hours) : toMs;
  const { count } = layout;
  const buckets = new BucketPeaks(layout, hours, fromT);
  const events = tl.t.length;
  let j = upperBound(tl.t, fromT);
  let level = j > 0 ? tl.level[j - 1]! : 0;
  let now = fromT;
  if (count > 0) buckets.peak[0] = level;
  for (; j < events; j++) {
    const t = tl.t[j]!;
    if (t >= toT) break;
    timeAt[level]! += t - now;
    now = t;
    buckets.carryTo(t, level);
    level = tl.level[j]!;
    buckets.hold(level);
  }
  if (toT > now) timeAt[level]! += toT - now;
  buckets.carryToEnd(toT, level);
  const maxPerBucket = buckets.peak;
  const { bucketMs } = layout;

  let peak = 0;
  for (let L = tl.maxLevel; L > 0; L--) {
    if (timeAt[L]! > 0) {
      peak = L;
      break;
    }
  }
  let top = tl.maxLevel;
  while (top > 0 && attemptsAt[top] === 0) top--;
  const levels = Array.from(attemptsAt.subarray(0, top + 1), (attempts, lvl) => ({ level: lvl, attempts, c503: c503At[lvl]! }));
  return {
    available: true,
    peak,
    maxPerBucket: Array.from(maxPerBucket, (max, b) => ({ t: layout.firstMs + b * bucketMs, max })),
    levels,
    plateau: findPlateau(Array.from(timeAt.subarray(0, peak + 1)), levels),
  };
}

/**
 * Each series bucket's highest level, from a sweep over event times in order. On the instant axis
 * (`hours`: clock-fold.ts) an event's bucket is its wall time's: where a fold's second pass begins
 * the wall time goes back an hour, and so does the bucket the sweep is in.
 */
class BucketPeaks {
  readonly peak: Uint32Array;
  private bucket = 0;
  private bucketEnd: number;
  /** Instant − wall at the sweep's point, and the next instant where it grows (a second pass begins). */
  private shift = 0;
  private next = 0;
  private readonly boundaries: Float64Array;

  constructor(
    private readonly layout: BucketLayout,
    hours: Float64Array | null,
    fromT: number,
  ) {
    this.peak = new Uint32Array(layout.count);
    this.bucketEnd = layout.firstMs + layout.bucketMs;
    this.boundaries = hours ? secondPassBoundaries(hours) : new Float64Array(0);
    while (this.next < this.boundaries.length && this.boundaries[this.next]! <= fromT) this.passBoundary();
  }

  /** The sweep reaches event time `t`, `level` held until then. */
  carryTo(t: number, level: number): void {
    this.passBoundaries(t, level);
    this.carryToWall(t - this.shift, level);
  }

  /** `level` holds from the sweep's point on. */
  hold(level: number): void {
    if (level > this.peak[this.bucket]!) this.peak[this.bucket] = level;
  }

  /** The window ends at `t` with `level` held: every bucket after the sweep's point had it. */
  carryToEnd(t: number, level: number): void {
    this.passBoundaries(t, level);
    for (let b = this.bucket + 1; b < this.layout.count; b++) if (level > this.peak[b]!) this.peak[b] = level;
  }

  /** The second passes that begin by `t`: the wall time before each reached, then an hour back, `level` held. */
  private passBoundaries(t: number, level: number): void {
    while (this.next < this.boundaries.length && this.boundaries[this.next]! <= t) {
      this.carryToWall(this.boundaries[this.next]! - this.shift, level);
      this.passBoundary();
      this.hold(level);
    }
  }

  /** The level so far is carried into each bucket entered, if held there for any time. */
  private carryToWall(wall: number, level: number): void {
    while (wall >= this.bucketEnd) {
      this.bucket++;
      const bucketStart = this.bucketEnd;
      this.bucketEnd += this.layout.bucketMs;
      if (wall > bucketStart && level > this.peak[this.bucket]!) this.peak[this.bucket] = level;
    }
  }

  /** A second pass begins: the wall time (and the bucket) goes back an hour. */
  private passBoundary(): void {
    const wall = this.boundaries[this.next]! - this.shift - REPEATED_HOUR_MS;
    this.shift += REPEATED_HOUR_MS;
    this.next++;
    const { firstMs, bucketMs, count } = this.layout;
    this.bucket = Math.min(Math.max(Math.floor((wall - firstMs) / bucketMs), 0), Math.max(count - 1, 0));
    this.bucketEnd = firstMs + (this.bucket + 1) * bucketMs;
  }
}

/**
 * buildTimeline on the instant axis (clock-fold.ts), for calls of a file that shows an hour twice:
 * each call's start and end moved to its instant (a call of the second pass an hour after the
 * first pass's), the sweep run in that order, the levels at the starts given back in the
 * selection's order. Only such files come here: it costs 16 bytes per call of the store and 28 per
 * call of the selection while it runs (1M calls: ~0.1 s more than buildTimeline).
 */
export function buildFoldedTimeline(index: CallIndex, positions: Uint32Array | null, hours: Float64Array): Timeline {
  const { start, endMs, clockFold } = index;
  const starts = positions === null ? index.n : positions.length;
  const at = (q: number) => (positions === null ? q : positions[q]!);
  const moved: CallIndex = { ...index, start: new Float64Array(index.n), endMs: new Float64Array(index.n) };
  const startOfQ = new Float64Array(starts);
  for (let q = 0; q < starts; q++) {
    const k = at(q);
    const bits = clockFold[k]!;
    moved.start[k] = startOfQ[q] = instantOf(start[k]!, (bits & FOLD_START) !== 0, hours);
    moved.endMs[k] = instantOf(endMs[k]!, (bits & FOLD_END) !== 0, hours);
  }
  // Stable: calls of one instant keep their order (the sweep decides a burst's order itself).
  const order = ascendingOrder(startOfQ, starts);
  const inOrder = order.map(at);
  const ends = new Float64Array(starts);
  let m = 0;
  for (let q = 0; q < starts; q++) if (holdsChannel(moved, at(q))) ends[m++] = moved.endMs[at(q)]!;
  // The radix sort of ascendingOrder (whole ms), not a comparison sort: 1M ends in ~20 ms, not ~100.
  const endOrder = ascendingOrder(ends, m);
  const end = new Float64Array(m);
  for (let e = 0; e < m; e++) end[e] = ends[endOrder[e]!]!;
  const tl = buildTimeline(moved, { m, base: 0, end }, inOrder);
  const levelAt = new Uint16Array(starts);
  for (let p = 0; p < order.length; p++) levelAt[order[p]!] = tl.levelAt[p]!;
  return { ...tl, levelAt, foldHours: hours };
}

/** The selection's channel-holding calls in end order. */
function endsOf(cache: AnalysisCache, sel: Selection): EndList {
  const occ = cache.occupancy();
  if (sel.positions === null) return occ;
  const ids: number[] = [];
  sel.mask.forEach((on, id) => {
    if (on === 1) ids.push(id);
  });
  if (ids.length === 1) return cache.trunkEnds(ids[0]!);
  return endsOfTrunks(occ, (t) => sel.mask[t] === 1);
}

/** One merge of starts and ends over the whole span (ends first at equal times). */
export function buildTimeline(index: CallIndex, ends: EndList, positions: Uint32Array | null): Timeline {
  const { start } = index;
  const { base, end: endTimes } = ends;
  const m = ends.m;
  const starts = positions === null ? index.n : positions.length;
  const levelAt = new Uint16Array(starts);
  // Each holding call changes the level twice (start, end); same-time changes collapse into one.
  const times = new Float64Array(2 * m);
  const levels = new Uint16Array(2 * m);
  let events = 0;
  let lastT = Number.NaN;
  let level = 0;
  let maxLevel = 0;
  let p = 0;
  let e = 0;
  let nextEnd = m > 0 ? base + endTimes[0]! : Number.POSITIVE_INFINITY;
  const at = (q: number) => (positions === null ? q : positions[q]!);
  while (p < starts) {
    const t = start[at(p)]!;
    // Ends at or before this start come first.
    while (nextEnd <= t) {
      level--;
      const capped = level < MAX_LEVEL ? level : MAX_LEVEL;
      if (nextEnd === lastT) levels[events - 1] = capped;
      else {
        times[events] = nextEnd;
        levels[events++] = capped;
        lastT = nextEnd;
      }
      nextEnd = ++e < m ? base + endTimes[e]! : Number.POSITIVE_INFINITY;
    }
    // The calls that start at this instant (whole-second CDR times: a burst), in an order of their
    // own, not the file's: those the carrier took first, each one channel up, then those it
    // refused, each at the level the burst reached. A carrier at its cap takes calls until it is
    // full and refuses the rest; rows in file order made the levels, hence a plateau, depend on
    // how the rows were sorted.
    let q = p;
    let holders = 0;
    for (; q < starts && start[at(q)] === t; q++) if (holdsChannel(index, at(q))) holders++;
    let taken = 0;
    for (let r = p; r < q; r++) {
      const lvl = holdsChannel(index, at(r)) ? level + taken++ : level + holders;
      levelAt[r] = lvl < MAX_LEVEL ? lvl : MAX_LEVEL;
    }
    if (holders > 0) {
      level += holders;
      if (level > maxLevel) maxLevel = level;
      const capped = level < MAX_LEVEL ? level : MAX_LEVEL;
      if (t === lastT) levels[events - 1] = capped;
      else {
        times[events] = t;
        levels[events++] = capped;
        lastT = t;
      }
    }
    p = q;
  }
  for (; e < m; e++) {
    level--;
    const t = base + endTimes[e]!;
    const capped = level < MAX_LEVEL ? level : MAX_LEVEL;
    if (t === lastT) levels[events - 1] = capped;
    else {
      times[events] = t;
      levels[events++] = capped;
      lastT = t;
    }
  }
  return { levelAt, t: times.slice(0, events), level: levels.slice(0, events), maxLevel: Math.min(maxLevel, MAX_LEVEL), foldHours: null };
}

/** First j with sorted[j] > x. */
function upperBound(sorted: Float64Array, x: number): number {
  let lo = 0;
  let hi = sorted.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (sorted[mid]! <= x) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/**
 * The plateau (a channel cap): the highest level L such that
 *   time at exactly L ≥ 60 s or ≥ 5 % of busy time (time with ≥ 1 call up), and
 *   time above L < 1 % of busy time (the trunk (almost) never exceeds it), and
 *   503 share of attempts started at L ≥ max(3 × share below, share below + 20 points), with ≥ 5
 *   attempts started at L, where "below" leaves out the levels just under L whose share is still
 *   ≥ a quarter of L's: CDR times are whole seconds, so a call that ended in the second an attempt
 *   was refused counts as gone, and under heavy overload the level under the cap is saturated too.
 * null otherwise (a trunk that merely has a busiest level, without 503s there, has no cap in sight).
 */
export function findPlateau(
  timeAtMs: readonly number[],
  levels: ReadonlyArray<{ level: number; attempts: number; c503: number }>,
): ConcurrencyAnalysis['plateau'] {
  let busy = 0;
  for (let L = 1; L < timeAtMs.length; L++) busy += timeAtMs[L]!;
  if (busy === 0) return null;
  let above = 0;
  let plateau = -1;
  for (let L = timeAtMs.length - 1; L >= 1; L--) {
    if (above >= PLATEAU_MAX_ABOVE_SHARE * busy) break;
    const at = timeAtMs[L]!;
    if (at >= PLATEAU_MIN_MS || at >= PLATEAU_MIN_SHARE * busy) {
      plateau = L;
      break;
    }
    above += at;
  }
  if (plateau < 1) return null;
  const atPlateau: Ratio = { n: 0, d: 0 };
  const byLevel = new Map<number, Ratio>();
  for (const l of levels) if (l.level <= plateau) byLevel.set(l.level, { n: l.c503, d: l.attempts });
  const at = byLevel.get(plateau);
  if (at) Object.assign(atPlateau, at);
  if (atPlateau.d < PLATEAU_MIN_ATTEMPTS) return null;
  const shareAt = atPlateau.n / atPlateau.d;
  // The band just under the cap: levels whose 503 share is still ≥ PLATEAU_NEAR_SHARE of the
  // cap's (whole-second times blur the cap downwards), at most PLATEAU_MAX_BAND levels; only for
  // a cap that refuses (nearly) everything, so a rate limit's spread 503s do not make a band.
  let fromLevel = plateau;
  const near: Ratio = { n: 0, d: 0 };
  const band = shareAt >= PLATEAU_BAND_MIN_SHARE ? PLATEAU_MAX_BAND : 0;
  for (let L = plateau - 1; L >= 1 && plateau - L <= band; L--) {
    const r = byLevel.get(L);
    if (!r || r.d === 0 || r.n / r.d < PLATEAU_NEAR_SHARE * shareAt) break;
    near.n += r.n;
    near.d += r.d;
    fromLevel = L;
  }
  const below: Ratio = { n: 0, d: 0 };
  for (const [L, r] of byLevel) {
    if (L >= fromLevel) continue;
    below.n += r.n;
    below.d += r.d;
  }
  const shareBelow = below.d > 0 ? below.n / below.d : 0;
  if (shareAt < Math.max(PLATEAU_FACTOR * shareBelow, shareBelow + PLATEAU_MARGIN)) return null;
  const base = { level: plateau, seconds: timeAtMs[plateau]! / 1000, atPlateau, below };
  return fromLevel < plateau ? { ...base, near: { ...near, fromLevel } } : base;
}
