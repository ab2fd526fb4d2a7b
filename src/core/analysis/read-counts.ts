/**
 * The whole-file trunk table counted as a read's rows are classified (span-counts.ts: on a piece's
 * thread, its tables added up in the merge, or in the merge itself), so that after the read these small tables are summed into
 * the table's layout instead of every row being counted again (~35 ms at a million calls in
 * Chromium, between the last piece and the first table). Per trunk id (as stored when counted)
 * and code combination (as met): the table's cells and talk (window-counts.ts); per trunk and
 * minute of start: the attempts by outcome the trend lines, the onsets and a trunk's timeline
 * count; per trunk: the inbound calls. A minute is the finest bucket they need: every nice bucket
 * of a minute or more is whole minutes aligned on minutes (time-series.ts), so a minute's calls
 * fall in one bucket.
 * Where the span's buckets are shorter (a span of a few hours), or the tables would grow past
 * their bounds, the rows are counted instead (span-counts.ts).
 */
import { KIND_503_BIT, KIND_603_BIT, KIND_OUTCOME, KINDS, O_ANSWERED, O_CAPACITY, O_POLICY } from './code-classes';
import type { SeriesBucket, TimeSeries } from './dashboard-types';
import type { CallColumnArrays } from './call-columns';
import type { OnsetCounts } from './onset';
import type { BucketLayout } from './time-series';
import type { TrendCounts } from './trend';
import { countCall, emptyWindowCounts, SHORT_BINS, type WindowCounts } from './window-counts';

const MINUTE_MS = 60_000;
/** The store's columns a row is counted from. */
type CountedColumns = Pick<CallColumnArrays, 'trunk' | 'direction' | 'startMs' | 'talkSec'>;
/** Trunk ids counted here at most (a file with more trunks, or one past the store's names, is counted by rows). */
const MAX_TRUNKS = 4096;

/**
 * Bins at most in a piece's counts: 65,536 (1.5 MB), or 8 per call (192 bytes) past 8,192 calls.
 * Why: a piece's bins are its trunks × the minutes its calls span (both rounded up to powers of
 * two), so a piece of a file not in start order spans the whole day: 200 trunks over a shuffled day
 * make 256 × 2,048 bins (12 MB) per piece of 14,500 calls (~4 MiB of Master.csv), allocated, posted
 * and added up in the merge for every piece. Past this the piece posts none and the read's rows are counted after it, as before.
 */
export function pieceMaxBins(calls: number): number {
  return Math.min(MAX_BINS, Math.max(1 << 16, calls * 8));
}

/**
 * Per trunk (its row of `minutes`) and minute from `firstMinute` on (minutes since 1970, as every
 * piece's bins count them, so that they add up): the attempts, the answered, capacity and policy
 * ones, the 503s and the 603s, side by side (BIN_COUNTS per minute: a call's counts a few bytes
 * apart). The trend lines and onsets add them up, and so does a trunk's timeline (trunkSeries).
 */
interface MinuteBins {
  firstMinute: number;
  minutes: number;
  counts: Uint32Array;
}
const BIN_COUNTS = 6;
const BIN_ATTEMPTS = 0;
const BIN_ANSWERED = 1;
const BIN_CAPACITY = 2;
const BIN_POLICY = 3;
const BIN_503 = 4;
const BIN_603 = 5;
/** Trunk × minute bins at most (BIN_COUNTS counts of 4 bytes each: 24 MB); a longer span is counted by rows. */
const MAX_BINS = 1 << 20;

/** ReadCounts' tables as plain arrays (ReadCounts.tables): what a piece's thread posts. */
export interface ReadTables {
  /** Trunk ids with room, and code combinations with room in each trunk's row of `cells`. */
  trunks: number;
  combos: number;
  cells: Uint32Array;
  talkSum: Float64Array;
  talkCalls: Uint32Array;
  short: Uint32Array;
  inbound: Uint32Array;
  /** Per trunk id: its first row counted, -1 for none. */
  firstRow: Int32Array;
  bins: MinuteBins | null;
}

export class ReadCounts {
  /** `maxBins`: trunk × minute bins at most (a piece's: pieceMaxBins); past them the rows are counted instead. */
  constructor(private readonly maxBins = MAX_BINS) {}

  /** False once the rows must be counted instead (see MAX_TRUNKS). */
  private usable = true;
  /** Trunk ids with room in the tables. */
  private trunks = 0;
  /** Code combinations with room in `window`'s cells. */
  private combos = 0;
  private window: WindowCounts = emptyWindowCounts(0, 0);
  private inbound = new Uint32Array(0);
  /** Per trunk id: the first row counted under it, -1 for none: renamed trunks are followed through it (followRenames). */
  private firstRow = new Int32Array(0);
  /** Null once the span is too long for bins, or a start is not finite. */
  private bins: MinuteBins | null = emptyBins(0, 0, 0);

  /**
   * Count rows [from, to) of `s`, classified (`code`: combination as met; `kind`: kind byte, or
   * `notAttempt` for a row that is no attempt: counted when it is inbound).
   */
  countRows(s: CountedColumns, code: Uint16Array, kind: Uint8Array, from: number, to: number, notAttempt: number, inbound: number): void {
    for (let i = from; i < to; i++) {
      const kd = kind[i]!;
      const counted = kd === notAttempt ? this.countOther(i, s.trunk[i]!, s.direction[i] === inbound) : this.countAttempt(i, s.trunk[i]!, code[i]!, kd, s.talkSec[i]!, s.startMs[i]!);
      if (!counted) return;
    }
  }

  /** Row `row` of trunk `t`, no attempt (`inbound`: an inbound call); false when the rows must be counted instead (count no more). */
  countOther(row: number, t: number, inbound: boolean): boolean {
    if (t >= this.trunks || this.firstRow[t]! < 0) {
      if (!this.room(row, t, 0)) return false;
    }
    if (inbound) this.inbound[t]!++;
    return true;
  }

  /**
   * Row `row`, an attempt of trunk `t`, combination `c` (as met), kind byte `kind`, talk seconds
   * `talk` and start `startMs`; false when the rows must be counted instead (count no more).
   */
  countAttempt(row: number, t: number, c: number, kind: number, talk: number, startMs: number): boolean {
    if (t >= this.trunks || this.firstRow[t]! < 0) {
      if (!this.room(row, t, 0)) return false;
    }
    if (c >= this.combos) this.widenCombos(c + 1);
    countCall(this.window, this.combos, t, c, kind, talk);
    const bins = this.bins;
    if (bins === null) return true;
    const m = Math.floor(startMs / MINUTE_MS) - bins.firstMinute;
    if (m >= 0 && m < bins.minutes) countMinute(bins.counts, (t * bins.minutes + m) * BIN_COUNTS, kind);
    else this.countMinuteAfar(t, startMs, kind);
    return true;
  }

  /**
   * The counts of every trunk id summed into the table's layout: `into` (trunk row × `codes`,
   * `renumbered` taking each combination to the table's id), the trunk rows' inbound calls, and the
   * trend and onset counts when their buckets are whole minutes. False (nothing counted) when the
   * rows must be counted instead. Trunk ids from `named` on are the table's overflow row (attempts)
   * and, past it, not counted (inbound calls), as spanCountsBeforeSeal numbers them.
   */
  sumInto(into: WindowCounts, codes: number, renumbered: Uint16Array, inbound: Uint32Array, trends: TrendCounts, onsets: OnsetCounts, named: number): boolean {
    const bins = this.bins;
    if (!this.usable || bins === null || !onWholeMinutes(trends) || !onWholeMinutes(onsets)) return false;
    const trendBucket = bucketsOfMinutes(bins, trends);
    const onsetBucket = bucketsOfMinutes(bins, onsets);
    for (let t = 0; t < this.trunks; t++) {
      if (this.firstRow[t]! < 0) continue;
      const row = Math.min(t, named);
      const inboundRow = Math.min(t, named + 1);
      if (inboundRow < inbound.length) inbound[inboundRow]! += this.inbound[t]!;
      this.sumTrunk(into, codes, renumbered, t, row);
      for (let m = 0; m < bins.minutes; m++) {
        const from = (t * bins.minutes + m) * BIN_COUNTS;
        const attempts = bins.counts[from + BIN_ATTEMPTS]!;
        if (attempts === 0) continue;
        const trend = row * trends.count + trendBucket[m]!;
        trends.attempts[trend]! += attempts;
        trends.rejected[trend]! += bins.counts[from + BIN_CAPACITY]! + bins.counts[from + BIN_POLICY]!;
        const onset = row * onsets.count + onsetBucket[m]!;
        onsets.attempts[onset]! += attempts;
        onsets.c503[onset]! += bins.counts[from + BIN_503]!;
        onsets.c603[onset]! += bins.counts[from + BIN_603]!;
      }
    }
    return true;
  }

  /**
   * The timeline of the table's trunk row `row` in `layout`'s buckets, summed from the bins (trunk
   * ids from `named` on are the overflow row, as sumInto's): the series the rows would count
   * (span-counts.ts trunkSpanSeriesBeforeSeal), without a pass over them. Null where the rows must
   * be counted: no bins, or buckets that are not whole minutes.
   */
  trunkSeries(row: number, named: number, layout: BucketLayout): TimeSeries | null {
    const bins = this.bins;
    if (!this.usable || bins === null || !onWholeMinutes(layout)) return null;
    const { bucketMs, firstMs, count } = layout;
    const buckets: SeriesBucket[] = [];
    for (let j = 0; j < count; j++) buckets.push({ t: firstMs + j * bucketMs, attempts: 0, answered: 0, capacity: 0, policy: 0, otherFailed: 0, c503: 0, c603: 0 });
    const bucketOf = bucketsOfMinutes(bins, layout);
    for (let t = 0; t < this.trunks; t++) {
      if (this.firstRow[t]! < 0 || Math.min(t, named) !== row) continue;
      for (let m = 0; m < bins.minutes; m++) {
        const from = (t * bins.minutes + m) * BIN_COUNTS;
        const attempts = bins.counts[from + BIN_ATTEMPTS]!;
        if (attempts === 0) continue;
        const b = buckets[bucketOf[m]!];
        // Not reached (the layout spans every attempt): the rows' pass drops a call outside it, as this would.
        if (b === undefined) return null;
        const answered = bins.counts[from + BIN_ANSWERED]!;
        const capacity = bins.counts[from + BIN_CAPACITY]!;
        const policy = bins.counts[from + BIN_POLICY]!;
        b.attempts += attempts;
        b.answered += answered;
        b.capacity += capacity;
        b.policy += policy;
        b.otherFailed += attempts - answered - capacity - policy;
        b.c503 += bins.counts[from + BIN_503]!;
        b.c603 += bins.counts[from + BIN_603]!;
      }
    }
    return { bucketMs, buckets };
  }

  /**
   * The counts as plain arrays, for a piece's thread to post with its calls (addTables adds them
   * up in the merge); null when the rows must be counted instead.
   */
  tables(): ReadTables | null {
    if (!this.usable) return null;
    const { window, inbound, firstRow, bins, trunks, combos } = this;
    return { trunks, combos, cells: window.cells, talkSum: window.talkSum, talkCalls: window.talkCalls, short: window.short, inbound, firstRow, bins };
  }

  /**
   * A piece's counts (its tables(), made on its own thread) added under the ids of the rows it was
   * merged as: its trunk `t` is `trunkIds(t)`, its combination `c` is `comboIds[c]`, its row `r` is
   * row `firstRow + r`.
   */
  addTables(piece: ReadTables, trunkIds: (t: number) => number, comboIds: Uint16Array, firstRow: number): void {
    for (let c = 0; c < comboIds.length; c++) if (comboIds[c]! >= this.combos) this.widenCombos(comboIds[c]! + 1);
    if (piece.bins === null) this.bins = null;
    else if (piece.bins.minutes > 0) {
      this.holdMinute(piece.bins.firstMinute);
      this.holdMinute(piece.bins.firstMinute + piece.bins.minutes - 1);
    }
    for (let t = 0; t < piece.trunks; t++) {
      const row = piece.firstRow[t]!;
      if (row < 0) continue;
      const to = trunkIds(t);
      if (!this.room(firstRow + row, to, 0)) return;
      for (let c = 0; c < comboIds.length; c++) this.window.cells[to * this.combos + comboIds[c]!]! += piece.cells[t * piece.combos + c]!;
      this.window.talkSum[to]! += piece.talkSum[t]!;
      this.window.talkCalls[to]! += piece.talkCalls[t]!;
      addRow(this.window.short, piece.short, SHORT_BINS, t, to);
      this.inbound[to]! += piece.inbound[t]!;
      const bins = this.bins;
      if (bins && piece.bins) addRow(bins.counts, piece.bins.counts, piece.bins.minutes * BIN_COUNTS, t, to, bins.minutes * BIN_COUNTS, (piece.bins.firstMinute - bins.firstMinute) * BIN_COUNTS);
    }
  }

  /**
   * The store's trunks renamed (a file's names are decided at its end; rows keep their places):
   * each trunk id's counts moved to the id its first row holds now (trunks renamed alike merge).
   * `trunkNow`: the store's trunk column.
   */
  followRenames(trunkNow: ArrayLike<number>): void {
    if (!this.usable) return;
    const to = new Int32Array(this.trunks).fill(-1);
    let trunks = 0;
    for (let t = 0; t < this.trunks; t++) {
      const row = this.firstRow[t]!;
      if (row < 0) continue;
      to[t] = trunkNow[row]!;
      trunks = Math.max(trunks, to[t]! + 1);
    }
    if (trunks > MAX_TRUNKS) {
      this.usable = false;
      return;
    }
    const old = { window: this.window, inbound: this.inbound, firstRow: this.firstRow, bins: this.bins, trunks: this.trunks };
    this.trunks = 0;
    this.window = emptyWindowCounts(0, this.combos);
    this.inbound = new Uint32Array(0);
    this.firstRow = new Int32Array(0);
    this.bins = old.bins && emptyBins(0, old.bins.firstMinute, old.bins.minutes);
    this.widenTrunks(trunks);
    for (let t = 0; t < old.trunks; t++) {
      const n = to[t]!;
      if (n < 0) continue;
      const row = old.firstRow[t]!;
      if (this.firstRow[n]! < 0 || row < this.firstRow[n]!) this.firstRow[n] = row;
      this.inbound[n]! += old.inbound[t]!;
      addRow(this.window.cells, old.window.cells, this.combos, t, n);
      addRow(this.window.talkCalls, old.window.talkCalls, 1, t, n);
      addRow(this.window.talkSum, old.window.talkSum, 1, t, n);
      addRow(this.window.short, old.window.short, SHORT_BINS, t, n);
      if (old.bins && this.bins) addRow(this.bins.counts, old.bins.counts, old.bins.minutes * BIN_COUNTS, t, n);
    }
  }

  /** Room for trunk `t` (its first row noted) and combination `c`; false when the rows must be counted instead. */
  private room(row: number, t: number, c: number): boolean {
    if (t >= this.trunks) {
      if (!this.usable || t >= MAX_TRUNKS) {
        this.usable = false;
        return false;
      }
      this.widenTrunks(t + 1);
    }
    if (c >= this.combos) this.widenCombos(c + 1);
    if (this.firstRow[t]! < 0) this.firstRow[t] = row;
    return true;
  }

  /** An attempt outside the bins' minutes (or the first, which sets the origin): the bins widened for it, or dropped (widenMinutes). */
  private countMinuteAfar(t: number, startMs: number, kind: number): void {
    const minute = Math.floor(startMs / MINUTE_MS);
    this.widenMinutes(minute);
    const bins = this.bins;
    if (bins) countMinute(bins.counts, (t * bins.minutes + minute - bins.firstMinute) * BIN_COUNTS, kind);
  }

  /** Room for `trunks` trunk ids (at least), every per-trunk table copied. */
  private widenTrunks(trunks: number): void {
    const next = Math.min(MAX_TRUNKS, Math.max(trunks, this.trunks * 2, 16));
    const window = emptyWindowCounts(next, this.combos);
    window.cells.set(this.window.cells.subarray(0, this.trunks * this.combos));
    window.talkSum.set(this.window.talkSum);
    window.talkCalls.set(this.window.talkCalls);
    window.short.set(this.window.short);
    this.window = window;
    this.inbound = widened(this.inbound, new Uint32Array(next));
    this.firstRow = widened(this.firstRow, new Int32Array(next).fill(-1));
    const bins = this.bins;
    if (bins) this.bins = next * bins.minutes > this.maxBins ? null : movedBins(bins, next, bins.firstMinute, bins.minutes);
    this.trunks = next;
  }

  /** Room for `combos` combinations (at least) in each trunk's row of cells. */
  private widenCombos(combos: number): void {
    const next = Math.max(combos, this.combos * 2, 64);
    const cells = new Uint32Array(Math.max(1, this.trunks * next));
    for (let t = 0; t < this.trunks; t++) cells.set(this.window.cells.subarray(t * this.combos, (t + 1) * this.combos), t * next);
    this.window.cells = cells;
    this.combos = next;
  }

  /** Room for `minute` in the bins, where they have none for it yet (widenMinutes). */
  private holdMinute(minute: number): void {
    const bins = this.bins;
    if (bins && (bins.minutes === 0 || minute < bins.firstMinute || minute >= bins.firstMinute + bins.minutes)) this.widenMinutes(minute);
  }

  /** Room for `minute` in the bins (they double at least): dropped instead past maxBins, or for a start that is not finite. */
  private widenMinutes(minute: number): void {
    const bins = this.bins!;
    if (!Number.isFinite(minute)) {
      this.bins = null;
      return;
    }
    const empty = bins.minutes === 0;
    const first = empty ? minute : Math.min(bins.firstMinute, minute);
    const end = empty ? minute + 1 : Math.max(bins.firstMinute + bins.minutes, minute + 1);
    const minutes = Math.max(end - first, bins.minutes * 2, 64);
    // Grown on the side that needed it: rows read in start order grow the bins a few times only.
    const firstMinute = !empty && minute < bins.firstMinute ? end - minutes : first;
    this.bins = this.trunks * minutes > this.maxBins ? null : movedBins(bins, this.trunks, firstMinute, minutes);
  }

  /** Trunk `t`'s cells and talk into the table's trunk row `row`. */
  private sumTrunk(into: WindowCounts, codes: number, renumbered: Uint16Array, t: number, row: number): void {
    const { cells, talkSum, talkCalls, short } = this.window;
    for (let c = 0; c < renumbered.length; c++) into.cells[row * codes + renumbered[c]!]! += cells[t * this.combos + c]!;
    into.talkSum[row]! += talkSum[t]!;
    into.talkCalls[row]! += talkCalls[t]!;
    for (let s = 0; s < SHORT_BINS; s++) into.short[row * SHORT_BINS + s]! += short[t * SHORT_BINS + s]!;
  }
}

function emptyBins(trunks: number, firstMinute: number, minutes: number): MinuteBins {
  return { firstMinute, minutes, counts: new Uint32Array(trunks * minutes * BIN_COUNTS) };
}

/** `bins` in a layout of `trunks` trunks × `minutes` minutes from `firstMinute` (which holds all of theirs). */
function movedBins(bins: MinuteBins, trunks: number, firstMinute: number, minutes: number): MinuteBins {
  const moved = emptyBins(trunks, firstMinute, minutes);
  const width = bins.minutes * BIN_COUNTS;
  const held = width === 0 ? 0 : bins.counts.length / width;
  const shift = (bins.firstMinute - firstMinute) * BIN_COUNTS;
  for (let t = 0; t < held; t++) moved.counts.set(bins.counts.subarray(t * width, (t + 1) * width), t * minutes * BIN_COUNTS + shift);
  return moved;
}

/** Per kind byte: 1 where its outcome is `outcome`. */
const isOutcome = (outcome: number) => Uint8Array.from({ length: KINDS }, (_, kind) => ((kind & KIND_OUTCOME) === outcome ? 1 : 0));
const ANSWERED = isOutcome(O_ANSWERED);
const CAPACITY = isOutcome(O_CAPACITY);
const POLICY = isOutcome(O_POLICY);

/** One attempt of kind byte `kind` into the bin at `at`: added without a branch (kinds come in no order a branch could predict). */
function countMinute(counts: Uint32Array, at: number, kind: number): void {
  counts[at + BIN_ATTEMPTS]!++;
  counts[at + BIN_ANSWERED]! += ANSWERED[kind]!;
  counts[at + BIN_CAPACITY]! += CAPACITY[kind]!;
  counts[at + BIN_POLICY]! += POLICY[kind]!;
  counts[at + BIN_503]! += (kind >> KIND_503_BIT) & 1;
  counts[at + BIN_603]! += (kind >> KIND_603_BIT) & 1;
}

/** Whether every bucket of `layout` is whole minutes, aligned as the bins are (on minutes since 1970). */
function onWholeMinutes(layout: { firstMs: number; bucketMs: number }): boolean {
  return layout.bucketMs % MINUTE_MS === 0 && layout.firstMs % MINUTE_MS === 0;
}

/** Per bin minute: its bucket of `layout` (a minute's calls are all in it). */
function bucketsOfMinutes(bins: MinuteBins, layout: { firstMs: number; bucketMs: number }): Int32Array {
  const buckets = new Int32Array(bins.minutes);
  for (let m = 0; m < bins.minutes; m++) buckets[m] = Math.floor(((bins.firstMinute + m) * MINUTE_MS - layout.firstMs) / layout.bucketMs);
  return buckets;
}

/** Row `from` of `source` (rows of `width` values) added to row `to` of `target` (rows of `toWidth` values), `shift` values into it. */
function addRow(target: Uint32Array | Float64Array, source: Uint32Array | Float64Array, width: number, from: number, to: number, toWidth = width, shift = 0): void {
  const at = to * toWidth + shift;
  for (let k = 0; k < width; k++) target[at + k]! += source[from * width + k]!;
}

function widened<T extends Uint32Array | Int32Array>(from: T, to: T): T {
  to.set(from);
  return to;
}
