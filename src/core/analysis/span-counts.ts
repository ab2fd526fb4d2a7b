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
 * index's columns (AnalysisCache's `classified`). One pass over the rows, which runs while the
 * file is read: it classifies each attempt, finds the span and counts the rows by trunk,
 * combination as met and minute (read-counts.ts), which after the read are summed into the span's
 * buckets and the index's numbering. A piece's rows are classified and counted on its own thread
 * (piece-counts.ts), while they are in cache and off the merging thread, and its merge only adds its
 * small tables under the store's ids (AttemptClassifier.merged); a piece merged with a duplicate
 * dropped, and the batches of one pass, are classified in the merge. Where the counts cannot be
 * summed (buckets shorter than a minute, too many trunks or minutes), a second pass counts the rows.
 */
import { kindOf, type Classified, type IndexNames } from './analysis-cache';
import { INTERNED_OVERFLOW_ID, type CallColumnArrays } from './call-columns';
import { DIRECTIONS, OTHER_TRUNKS_NAME, type CallStore, type ColumnsSnapshot, type StringTable } from './call-store';
import { releaseNow } from './release-buffer';
import { CodeClasses, KIND_TALK, KINDS } from './code-classes';
import type { Onset, TimeSeries, TimeWindow } from './dashboard-types';
import { countOnsetCall, onsetCounts, type OnsetCounts, type RowStretch } from './onset';
import { onsetsOfRows } from './span-onsets';
import { ReadCounts, type ReadTables } from './read-counts';
import { countTrendCall, trendCounts, trendsOf, type TrendCounts } from './trend';
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
  /**
   * Per row of the store: an attempt's combination id and kind byte (as the index's; other rows'
   * are not read). Made when first read (the seal moves them with the rows): renumbering the rows'
   * combinations is a pass over them (~10 ms at a million calls in Chromium) that the first table
   * and timeline do not wait for.
   */
  readonly classified: Classified;
  /**
   * The read's counts per trunk and minute (read-counts.ts), null where the rows were counted: a
   * timeline is summed from them. Set to null once the first timeline is made (CdrSession.sealed).
   */
  minutes: ReadCounts | null;
}

/**
 * The counts of unsealed store `s`, or null where the index must count them: no attempts, a talk
 * time that is not a whole number (its sum would round differently in another order), or more
 * trunks × combinations than a flat table holds. `early`: the rows classified while they were read
 * (only those not classified yet are classified here); they are given up once counted. `summedOnly`:
 * null, `early` kept as it was, where the read's counts cannot be summed (the rows would be
 * counted: ~35 ms at a million calls), for a caller that counts them later if it must.
 */
export function spanCountsBeforeSeal(s: CallStore, early?: AttemptClassifier, summedOnly = false): SpanCounts | null {
  const classifier = early ?? new AttemptClassifier();
  const seen = classifier.classifyAll(s);
  /** Null: the index counts them (the classifier given up, unless `summedOnly`'s caller asks again). */
  const none = () => {
    if (!summedOnly) classifier.giveUp();
    return null;
  };
  if (seen.attempts === 0 || !seen.wholeTalk) return none();
  const named = s.trunks.values.length;
  const overflow = seen.overflowTrunk >= named;
  const names = namesOf(s, seen, overflow);
  if (!flatCells(names.trunkCount, names.codes.size)) return none();
  const span = { fromMs: seen.minStart, toMs: seen.maxStart + 1 };
  const counts = emptyWindowCounts(names.trunkCount, names.codes.size);
  const trends = trendCounts(names.trunkCount, span);
  const onsets = onsetCounts(names, span);
  const inbound = new Uint32Array(names.trunkCount);
  const codes = names.codes.size;
  const summed = seen.counts.sumInto(counts, codes, seen.renumbered, inbound, trends, onsets, named);
  if (!summed && summedOnly) return null;
  classifier.giveUp();
  const rows = s.length;
  if (!summed) {
    cutToRows(seen, rows);
    // Every code in seen's numbering first (the pieces' rows' mapped), as countRows renumbers them.
    renumberCodes(seen, Uint16Array.from({ length: seen.classes.size }, (_, c) => c));
    countRows(s, seen, codes, counts, trends, onsets, inbound, named);
  }
  let classified: Classified | null = null;
  // Held until the rows' columns are made, then let go of (with it the read's counts: up to 24 MB of minute bins).
  let pending: Seen | null = seen;
  return {
    names,
    span,
    attempts: seen.attempts,
    counts,
    trends: trendsOf(trends),
    // As the sealed index gives them (span-onsets.ts onsets): each at the call its change began with.
    onsets: onsetsOfRows(names, onsets, rows, s.startMs, s.trunk, seen.kind, seen.stretches),
    inbound: Array.from(inbound),
    get classified(): Classified {
      if (!classified) {
        const rowsSeen = pending!;
        if (summed) {
          cutToRows(rowsSeen, rows);
          renumberCodes(rowsSeen);
        }
        classified = { codes: names.codes, code: rowsSeen.code, kind: rowsSeen.kind, overflow, pastNamed: rowsSeen.overflowTrunk > named };
        pending = null;
      }
      return classified;
    },
    minutes: summed ? seen.counts : null,
  };
}

/** A kind byte no call has (an attempt's kind fits in 7 bits): the row is inbound or has no start. */
export const NOT_AN_ATTEMPT = 0xff;

/**
 * Each attempt's combination as `renumbered` numbers seen's (the index's numbering, or seen's own
 * for countRows), a piece's rows' through their piece's combinations (PieceRows).
 */
function renumberCodes(seen: Seen, renumbered = seen.renumbered): void {
  const { code, kind } = seen;
  let i = 0;
  for (const piece of [...seen.pieces, { from: code.length, to: code.length, combos: null }]) {
    for (; i < piece.from; i++) if (kind[i] !== NOT_AN_ATTEMPT) code[i] = renumbered[code[i]!]!;
    if (!piece.combos) break;
    const composed = piece.combos.map((c) => renumbered[c]!);
    for (; i < piece.to; i++) if (kind[i] !== NOT_AN_ATTEMPT) code[i] = composed[code[i]!]!;
  }
  seen.pieces = [];
}

/** The second pass over the rows where the read's counts cannot be summed (ReadCounts.sumInto): the attempts counted, their combinations renumbered. */
function countRows(s: CallStore, seen: Seen, codes: number, counts: WindowCounts, trends: TrendCounts, onsets: OnsetCounts, inbound: Uint32Array, named: number): void {
  const { code, kind, renumbered } = seen;
  for (let i = 0; i < s.length; i++) {
    const kd = kind[i]!;
    if (kd === NOT_AN_ATTEMPT) {
      const t = Math.min(s.trunk[i]!, named + 1);
      if (s.direction[i] === INBOUND && t < inbound.length) inbound[t]!++;
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
}

/**
 * Trunk `trunk`'s (an id of early.names) whole-span series, its buckets chosen (what the index's
 * timeSeries counts for a one-trunk query over the whole span, auto buckets), from the rows of
 * `s` counted into `early`: the first chart of a read, drawn with the first trunk table. Counts,
 * the same in any order: summed from the read's minute bins where the buckets are whole minutes
 * (ReadCounts.trunkSeries: ~15 ms less between the read and the first chart at a million calls in
 * Chromium), else one pass over the rows. The rows may have been sealed since: their kind bytes
 * moved with them.
 */
export function trunkSpanSeriesBeforeSeal(s: CallStore, early: SpanCounts, trunk: number): TimeSeries {
  const layout = layoutFor(early.span, null);
  const summed = early.minutes?.trunkSeries(trunk, s.trunks.values.length, layout);
  if (summed) return summed;
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
  /**
   * Per row: its combination in the order met here (renumbered as it is counted; a piece's rows'
   * as met in the piece: `pieces`), and its kind byte (NOT_AN_ATTEMPT: not an attempt).
   */
  code: Uint16Array;
  kind: Uint8Array;
  classes: CodeClasses;
  /** Per combination met: the earliest start of its calls, and the first row with that start. */
  firstStart: number[];
  firstRow: number[];
  /** Per combination met: its id in the index's numbering (set by namesOf). */
  renumbered: Uint16Array;
  wholeTalk: boolean;
  /** The rows classified counted (the first table summed from them after the read). */
  counts: ReadCounts;
  /** The store's trunk names when rows were last classified: renamed since, the counts follow (ReadCounts.followRenames). */
  trunkNames: StringTable | null;
  /** Rows classified: [0, length). */
  length: number;
  /** The rows whose `code` is their piece's combination, in row order (the merge copies a piece's codes as they are). */
  pieces: PieceRows[];
  /** The rows classified, as they were merged (a piece, a batch), with the earliest and latest start of their attempts. */
  stretches: RowStretch[];
}

/** Rows [from, to) of a store, whose combinations are one piece's: `combos` (the piece's id → seen's). */
interface PieceRows {
  from: number;
  to: number;
  combos: Uint16Array;
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

  /** What a read tells after each merge (OnCallsMerged): the piece's rows as its thread classified them when it was merged whole, else the rows not classified yet classified here. */
  readonly merged: OnCallsMerged = (s, piece) => (piece ? this.addPiece(s, piece) : this.classify(s));

  /** Classify the rows of `s` not classified yet. */
  classify(s: CallStore): void {
    classifyRows(s, (id) => s.reasons.get(id), this.follow(s), s.length);
  }

  /**
   * The rows of `s` a piece's calls were merged as (none dropped as a duplicate: `piece.from` to the
   * store's end), taken as the piece's thread classified and counted them (piece-counts.ts): only its
   * combinations and tables are put under the store's ids, its rows are not classified again.
   */
  private addPiece(s: CallStore, piece: MergedPiece): void {
    const seen = this.follow(s);
    if (seen.length === piece.from) addClassified(s, seen, piece);
    else this.classify(s);
  }

  /** The first pass's state for `s`, started over for another store or one sealed since, its columns with room for every row of `s`. */
  private follow(s: CallStore): Seen {
    if (this.store !== s || this.sealCount !== s.sealCount || this.seen.length > s.length) {
      this.store = s;
      this.sealCount = s.sealCount;
      this.seen = emptySeen(s.length);
    }
    const seen = this.seen;
    if (s.length > seen.code.length) {
      const room = Math.max(s.length, seen.code.length * 2);
      seen.code = grown(seen.code, new Uint16Array(room), seen.length);
      seen.kind = grown(seen.kind, new Uint8Array(room), seen.length);
    }
    if (seen.trunkNames !== s.trunks) {
      if (seen.length > 0) seen.counts.followRenames(s.trunk);
      seen.trunkNames = s.trunks;
    }
    return seen;
  }

  /** Every row of `s` classified, their combinations' new ids to be set (namesOf); still held here until giveUp(). */
  classifyAll(s: CallStore): Seen {
    this.classify(s);
    const seen = this.seen;
    seen.renumbered = new Uint16Array(seen.classes.size);
    return seen;
  }

  /** The rows classified are counted (the counting pass renumbers their codes in place): the classifier starts over. */
  giveUp(): void {
    this.store = null;
    this.seen = emptySeen(0);
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
    pieces: [],
    stretches: [],
    counts: new ReadCounts(),
    trunkNames: null,
    length: 0,
  };
}

/** The columns a row is classified from. */
type ClassifiedColumns = Pick<CallColumnArrays, 'startMs' | 'endMs' | 'talkSec' | 'direction' | 'trunk' | 'codeSource' | 'sipCode' | 'q850' | 'outcome' | 'reason'>;

/**
 * Row `i`, an attempt of class `c` starting at `start`, kept as its class's first when it starts
 * before the one kept (classes are numbered as attempts meet them: a new class is the next index).
 * Its classification and a piece's (piece-counts.ts) keep the same row.
 */
export function keepEarliest(firstStart: number[], firstRow: number[], c: number, start: number, i: number): void {
  if (c === firstRow.length) {
    firstStart.push(start);
    firstRow.push(i);
  } else if (start < firstStart[c]!) {
    firstStart[c] = start;
    firstRow[c] = i;
  }
}

/** Classify rows [seen.length, n) of `s` into `seen`, whose columns hold them; `reasonText`: a reason id's text. */
function classifyRows(s: ClassifiedColumns, reasonText: (id: number) => string, seen: Seen, n: number): void {
  const { code, kind, classes, firstStart, firstRow, counts } = seen;
  let { attempts, overflowTrunk, wholeTalk } = seen;
  let minStart = Number.POSITIVE_INFINITY;
  let maxStart = Number.NEGATIVE_INFINITY;
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
    keepEarliest(firstStart, firstRow, c, start, i);
    code[i] = c;
    const kd = kindOf(classes.kind[c]!, s.endMs[i]!, s.talkSec[i]!);
    kind[i] = kd;
    if (kd & KIND_TALK && s.talkSec[i]! !== Math.floor(s.talkSec[i]!)) wholeTalk = false;
  }
  counts.countRows(s, code, kind, seen.length, n, NOT_AN_ATTEMPT, INBOUND);
  if (classes.size > 0xffff) throw new Error('more than 65 535 distinct code combinations');
  if (n > seen.length) seen.stretches.push({ from: seen.length, to: n, minStart, maxStart });
  Object.assign(seen, { attempts, minStart: Math.min(seen.minStart, minStart), maxStart: Math.max(seen.maxStart, maxStart), overflowTrunk, wholeTalk, length: n });
}

/**
 * A piece's rows classified and counted on the piece's thread (piece-counts.ts), under its own ids:
 * what its merge adds to the read's (AttemptClassifier.addPiece) instead of classifying its rows.
 */
export interface PieceClassified {
  /** Per row of the piece: its combination (as met in the piece) and kind byte, as Seen's. */
  code: Uint16Array;
  kind: Uint8Array;
  /** Per combination met in the piece: the earliest start of its calls, and the piece's first row with that start. */
  firstStart: number[];
  firstRow: number[];
  attempts: number;
  minStart: number;
  maxStart: number;
  wholeTalk: boolean;
  tables: ReadTables;
}

/** A piece's calls as merged into a store (merge-piece.ts), each one kept: what AttemptClassifier.addPiece takes. */
export interface MergedPiece {
  classified: PieceClassified;
  /** The piece's columns, and the store's row of its first call. */
  columns: ColumnsSnapshot;
  from: number;
  /** The piece's trunk and reason ids → the store's (CallStore.appendRows). */
  trunkIds: readonly number[];
  reasonIds: readonly number[];
}

/** After each merge of a read: the store, and the piece merged when it was merged whole (its rows classified on its thread). */
export type OnCallsMerged = (store: CallStore, piece?: MergedPiece) => void;

/** `piece`'s rows (the last of `s`, from row seen.length on) into `seen`, under the store's combination and trunk ids. */
function addClassified(s: CallStore, seen: Seen, piece: MergedPiece): void {
  const { classified: p, columns, from } = piece;
  const combos = storeCombos(s, seen, piece);
  seen.kind.set(p.kind, from);
  seen.code.set(p.code, from);
  seen.pieces.push({ from, to: from + p.code.length, combos });
  seen.stretches.push({ from, to: from + columns.length, minStart: p.minStart, maxStart: p.maxStart });
  const trunkId = (t: number) => storeId(piece.trunkIds, t);
  seen.overflowTrunk = Math.max(seen.overflowTrunk, overflowTrunkOf(p.tables, trunkId));
  seen.attempts += p.attempts;
  seen.minStart = Math.min(seen.minStart, p.minStart);
  seen.maxStart = Math.max(seen.maxStart, p.maxStart);
  seen.wholeTalk &&= p.wholeTalk;
  seen.counts.addTables(p.tables, trunkId, combos, from);
  seen.length = from + columns.length;
}

/** Per combination of `piece`: its id among `seen`'s (met now where new), its first call noted as classifyRows notes it. */
function storeCombos(s: CallStore, seen: Seen, piece: MergedPiece): Uint16Array {
  const { classified: p, columns, from } = piece;
  const a = columns.arrays;
  const reasonText = (id: number) => s.reasons.get(id);
  const combos = new Uint16Array(p.firstRow.length);
  for (let c = 0; c < combos.length; c++) {
    const row = p.firstRow[c]!;
    const id = seen.classes.idOf(a.codeSource[row]!, a.sipCode[row]!, a.q850[row]!, a.outcome[row]!, storeId(piece.reasonIds, a.reason[row]!), reasonText);
    if (seen.classes.size > 0xffff) throw new Error('more than 65 535 distinct code combinations');
    combos[c] = id;
    const start = p.firstStart[c]!;
    if (id === seen.firstRow.length) {
      seen.firstStart.push(start);
      seen.firstRow.push(from + row);
    } else if (start < seen.firstStart[id]! || (start === seen.firstStart[id]! && from + row < seen.firstRow[id]!)) {
      seen.firstStart[id] = start;
      seen.firstRow[id] = from + row;
    }
  }
  return combos;
}

/** A piece's id `id` in the store (`ids`: CallStore.appendRows' map), the overflow id past them as appendRows maps it. */
function storeId(ids: readonly number[], id: number): number {
  return id < ids.length ? ids[id]! : INTERNED_OVERFLOW_ID;
}

/** The highest store trunk id at or past the overflow id with an attempt in `tables`, -1 when none (Seen.overflowTrunk). */
function overflowTrunkOf(tables: ReadTables, trunkId: (t: number) => number): number {
  let highest = -1;
  for (let t = 0; t < tables.trunks; t++) {
    const id = trunkId(t);
    if (id < INTERNED_OVERFLOW_ID || id <= highest) continue;
    const row = tables.cells.subarray(t * tables.combos, (t + 1) * tables.combos);
    if (row.some((calls) => calls > 0)) highest = id;
  }
  return highest;
}

/** `to` with the first `rows` values of `from`, whose memory is given back now. */
function grown<T extends Uint16Array | Uint8Array>(from: T, to: T, rows: number): T {
  to.set(from.subarray(0, rows));
  releaseNow(from);
  return to;
}

/** The index takes columns of the store's length: seen's cut where room was left (the room given back now). */
function cutToRows(seen: Seen, rows: number): void {
  if (seen.code.length !== rows) seen.code = cut(seen.code, rows);
  if (seen.kind.length !== rows) seen.kind = cut(seen.kind, rows);
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
