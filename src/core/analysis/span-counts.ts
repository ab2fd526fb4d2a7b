/**
 * The whole file's trunk counts made from a store's rows as they were read, before the seal puts
 * them in start order (CallStore.seal) and the index is made over them (analysis-cache.ts): every
 * number of the whole-file trunk table is a count, or a sum of talk seconds that are whole
 * numbers, the same in any order. So the first trunk table after a read does not wait for the
 * seal and the index (~100 ms at a million calls in Chromium), and they are made after it.
 *
 * The code combinations are numbered as the index numbers them, in the order of their first call
 * in start order (the seal keeps ties in row order), so these counts are the ones the index would
 * count, and the index's cache keeps them (analyze-dashboard.ts keepSpanCounts) instead of
 * counting again; each row's combination and kind byte, moved by the seal with the rows, are the
 * index's columns (AnalysisCache's `classified`). Two passes over the rows: the first classifies
 * each attempt and finds the span, whose buckets the second counts in. The first can run while the
 * file is read (AttemptClassifier, after each merge), so after the read only the second is left.
 */
import { kindOf, type Classified, type IndexNames } from './analysis-cache';
import { INTERNED_OVERFLOW_ID } from './call-columns';
import { DIRECTIONS, OTHER_TRUNKS_NAME, type CallStore } from './call-store';
import { releaseNow } from './release-buffer';
import { CodeClasses, KIND_TALK, KINDS } from './code-classes';
import type { Onset, TimeSeries, TimeWindow } from './dashboard-types';
import { countOnsetCall, onsetCounts, onsetsOf } from './onset';
import { countTrendCall, trendCounts, trendsOf } from './trend';
import { layoutFor, seriesOf } from './time-series';
import { flatCells } from './trunk-stats';
import { countCall, emptyWindowCounts, type WindowCounts } from './window-counts';

const INBOUND = DIRECTIONS.indexOf('inbound');

export interface SpanCounts {
  names: IndexNames;
  /** First start to just after the last one, over the attempts (selection.ts spanOf). */
  span: TimeWindow;
  attempts: number;
  /** Over every attempt, by trunk id and code combination id as the index numbers them. */
  counts: WindowCounts;
  trends: number[][];
  onsets: Onset[];
  /** Per trunk id: its inbound calls (AnalysisCache.inboundStarts' lengths). */
  inbound: number[];
  /** Per row of the store: an attempt's combination id and kind byte (as the index's; other rows' are not read). */
  classified: Classified;
}

/**
 * The counts of unsealed store `s`, or null where the index must count them: no attempts, a talk
 * time that is not a whole number (its sum would round differently in another order), or more
 * trunks × combinations than a flat table holds. `early`: the rows classified while they were read
 * (only those not classified yet are classified here).
 */
export function spanCountsBeforeSeal(s: CallStore, early?: AttemptClassifier): SpanCounts | null {
  const seen = (early ?? new AttemptClassifier()).take(s);
  if (seen.attempts === 0 || !seen.wholeTalk) return null;
  const named = s.trunks.values.length;
  const overflow = seen.overflowTrunk >= named;
  const names = namesOf(s, seen, overflow);
  if (!flatCells(names.trunkCount, names.codes.size)) return null;
  const span = { fromMs: seen.minStart, toMs: seen.maxStart + 1 };
  const counts = emptyWindowCounts(names.trunkCount, names.codes.size);
  const trends = trendCounts(names.trunkCount, span);
  const onsets = onsetCounts(names, span);
  // Per trunk id as stored (past `named + 1`: none counted): inbound calls. Counted here, not as
  // the rows are classified: a file's trunks are renamed at the end of its read.
  const inboundByTrunk = new Uint32Array(named + 2);
  const codes = names.codes.size;
  const { code, kind, renumbered } = seen;
  for (let i = 0; i < s.length; i++) {
    const kd = kind[i]!;
    if (kd === NOT_AN_ATTEMPT) {
      if (s.direction[i] === INBOUND) inboundByTrunk[Math.min(s.trunk[i]!, named + 1)]!++;
      continue;
    }
    const t = Math.min(s.trunk[i]!, named);
    const start = s.startMs[i]!;
    const c = renumbered[code[i]!]!;
    code[i] = c;
    countCall(counts, codes, t, c, kd, s.talkSec[i]!);
    countTrendCall(trends, t, start, kd);
    countOnsetCall(onsets, t, start, kd);
  }
  return {
    names,
    span,
    attempts: seen.attempts,
    counts,
    trends: trendsOf(trends),
    onsets: onsetsOf(names, onsets),
    inbound: Array.from({ length: names.trunkCount }, (_, t) => inboundByTrunk[t]!),
    classified: { codes: names.codes, code, kind, overflow, pastNamed: seen.overflowTrunk > named },
  };
}

/**
 * Trunk `trunk`'s (an id of early.names) whole-span series, its buckets chosen (what the index's
 * timeSeries counts for a one-trunk query over the whole span, auto buckets), from the rows of
 * `s` counted into `early`: the first chart of a read, drawn with the first trunk table. Counts,
 * the same in any order; one pass over the rows. The rows may have been sealed since: their kind
 * bytes moved with them.
 */
export function trunkSpanSeriesBeforeSeal(s: CallStore, early: SpanCounts, trunk: number): TimeSeries {
  const layout = layoutFor(early.span, null);
  const { bucketMs, firstMs, count } = layout;
  const acc = new Uint32Array(count * KINDS);
  const named = s.trunks.values.length;
  const { kind } = early.classified;
  for (let i = 0; i < s.length; i++) {
    const kd = kind[i]!;
    if (kd === NOT_AN_ATTEMPT || Math.min(s.trunk[i]!, named) !== trunk) continue;
    acc[Math.floor((s.startMs[i]! - firstMs) / bucketMs) * KINDS + kd]!++;
  }
  return seriesOf(acc, 0, layout);
}

/** A kind byte no call has (an attempt's kind fits in 7 bits): the row is inbound or has no start. */
const NOT_AN_ATTEMPT = 0xff;

/** What the first pass found over rows [0, length) of a store. */
interface Seen {
  attempts: number;
  minStart: number;
  maxStart: number;
  /**
   * The highest trunk id of an attempt at or past the overflow id, -1 when none: every other id
   * is below the store's named trunks, and stays so when they are renamed, so this alone says
   * whether an attempt's trunk is the overflow row's (and whether that id is past the names).
   */
  overflowTrunk: number;
  /** Per row: its combination in the order met here (renumbered as it is counted), and its kind byte (NOT_AN_ATTEMPT: not an attempt). */
  code: Uint16Array;
  kind: Uint8Array;
  classes: CodeClasses;
  /** Per combination met: the earliest start of its calls, and the first row with that start. */
  firstStart: number[];
  firstRow: number[];
  /** Per combination met: its id in the index's numbering (set by namesOf). */
  renumbered: Uint16Array;
  wholeTalk: boolean;
  /** Rows classified: [0, length). */
  length: number;
}

/**
 * The first pass, over the rows as they come: after each merge of a read the session classifies
 * the rows appended (CdrSession passes classify to the read), so the first trunk table after the
 * read only counts (the pass over 1M Master.csv calls moves from after the read into it). It
 * follows one store while its rows stay where they are: another store, or this one sealed since
 * (its rows moved), starts it over.
 */
export class AttemptClassifier {
  private store: CallStore | null = null;
  private sealCount = 0;
  private seen = emptySeen(0);

  /** Classify the rows of `s` not classified yet. */
  classify(s: CallStore): void {
    if (this.store !== s || this.sealCount !== s.sealCount || this.seen.length > s.length) {
      this.store = s;
      this.sealCount = s.sealCount;
      this.seen = emptySeen(s.length);
    }
    classifyRows(s, this.seen);
  }

  /** Every row of `s` classified, cut to its length; the classifier starts over (the counting pass renumbers the codes in place). */
  take(s: CallStore): Seen {
    this.classify(s);
    const seen = this.seen;
    this.store = null;
    this.seen = emptySeen(0);
    const n = s.length;
    // The index takes columns of the store's length: cut where room was left (the room given back now).
    if (seen.code.length !== n) seen.code = cut(seen.code, n);
    if (seen.kind.length !== n) seen.kind = cut(seen.kind, n);
    seen.renumbered = new Uint16Array(seen.classes.size);
    return seen;
  }
}

function emptySeen(rows: number): Seen {
  return {
    attempts: 0,
    minStart: Number.POSITIVE_INFINITY,
    maxStart: Number.NEGATIVE_INFINITY,
    overflowTrunk: -1,
    code: new Uint16Array(rows),
    kind: new Uint8Array(rows),
    classes: new CodeClasses(),
    firstStart: [],
    firstRow: [],
    renumbered: new Uint16Array(0),
    wholeTalk: true,
    length: 0,
  };
}

/** Classify rows [seen.length, s.length) into `seen` (its columns grown to hold them). */
function classifyRows(s: CallStore, seen: Seen): void {
  const n = s.length;
  if (n > seen.code.length) {
    const room = Math.max(n, seen.code.length * 2);
    seen.code = grown(seen.code, new Uint16Array(room), seen.length);
    seen.kind = grown(seen.kind, new Uint8Array(room), seen.length);
  }
  const { code, kind, classes, firstStart, firstRow } = seen;
  const reasonText = (id: number) => s.reasons.get(id);
  let { attempts, minStart, maxStart, overflowTrunk, wholeTalk } = seen;
  for (let i = seen.length; i < n; i++) {
    const start = s.startMs[i]!;
    if (s.direction[i] === INBOUND || Number.isNaN(start)) {
      kind[i] = NOT_AN_ATTEMPT;
      continue;
    }
    attempts++;
    if (start < minStart) minStart = start;
    if (start > maxStart) maxStart = start;
    const t = s.trunk[i]!;
    if (t >= INTERNED_OVERFLOW_ID && t > overflowTrunk) overflowTrunk = t;
    const c = classes.idOf(s.codeSource[i]!, s.sipCode[i]!, s.q850[i]!, s.outcome[i]!, s.reason[i]!, reasonText);
    if (c === firstRow.length) {
      firstStart.push(start);
      firstRow.push(i);
    } else if (start < firstStart[c]!) {
      firstStart[c] = start;
      firstRow[c] = i;
    }
    code[i] = c;
    const kd = kindOf(classes.kind[c]!, s.endMs[i]!, s.talkSec[i]!);
    kind[i] = kd;
    if (kd & KIND_TALK && s.talkSec[i]! !== Math.floor(s.talkSec[i]!)) wholeTalk = false;
  }
  if (classes.size > 0xffff) throw new Error('more than 65 535 distinct code combinations');
  Object.assign(seen, { attempts, minStart, maxStart, overflowTrunk, wholeTalk, length: n });
}

/** `to` with the first `rows` values of `from`, whose memory is given back now. */
function grown<T extends Uint16Array | Uint8Array>(from: T, to: T, rows: number): T {
  to.set(from.subarray(0, rows));
  releaseNow(from);
  return to;
}

/** The first `rows` values of `from` in an array of their own, `from`'s memory given back now. */
function cut<T extends Uint16Array | Uint8Array>(from: T, rows: number): T {
  const own = from.slice(0, rows) as T;
  releaseNow(from);
  return own;
}

/** The index's trunk names and combinations (numbered by their first call in start order), and each combination's new id. */
function namesOf(s: CallStore, seen: Seen, overflow: boolean): IndexNames {
  const order = seen.firstRow.map((_, c) => c).sort((a, b) => s.startMs[seen.firstRow[a]!]! - s.startMs[seen.firstRow[b]!]! || seen.firstRow[a]! - seen.firstRow[b]!);
  const codes = new CodeClasses();
  const reasonText = (id: number) => s.reasons.get(id);
  for (const c of order) {
    const row = seen.firstRow[c]!;
    seen.renumbered[c] = codes.idOf(s.codeSource[row]!, s.sipCode[row]!, s.q850[row]!, s.outcome[row]!, s.reason[row]!, reasonText);
  }
  const trunkNames = overflow ? [...s.trunks.values, OTHER_TRUNKS_NAME] : s.trunks.values.slice();
  return { trunkCount: trunkNames.length, trunkNames, codes };
}
