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
 * each attempt and finds the span, whose buckets the second counts in.
 */
import { kindOf, type Classified, type IndexNames } from './analysis-cache';
import { DIRECTIONS, OTHER_TRUNKS_NAME, type CallStore } from './call-store';
import { CodeClasses, KIND_TALK } from './code-classes';
import type { Onset, TimeWindow } from './dashboard-types';
import { countOnsetCall, onsetCounts, onsetsOf } from './onset';
import { countTrendCall, trendCounts, trendsOf } from './trend';
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
 * trunks × combinations than a flat table holds.
 */
export function spanCountsBeforeSeal(s: CallStore): SpanCounts | null {
  const seen = classifyAttempts(s);
  if (seen.attempts === 0 || !seen.wholeTalk) return null;
  const names = namesOf(s, seen);
  if (!flatCells(names.trunkCount, names.codes.size)) return null;
  const span = { fromMs: seen.minStart, toMs: seen.maxStart + 1 };
  const counts = emptyWindowCounts(names.trunkCount, names.codes.size);
  const trends = trendCounts(names.trunkCount, span);
  const onsets = onsetCounts(names, span);
  const codes = names.codes.size;
  const { code, kind, named, renumbered } = seen;
  for (let i = 0; i < s.length; i++) {
    const kd = kind[i]!;
    if (kd === NOT_AN_ATTEMPT) continue;
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
    inbound: inboundOf(seen, names.trunkCount),
    classified: { codes: names.codes, code, kind, overflow: seen.overflow, pastNamed: seen.pastNamed },
  };
}

/** A kind byte no call has (an attempt's kind fits in 7 bits): the row is inbound or has no start. */
const NOT_AN_ATTEMPT = 0xff;

interface Seen {
  attempts: number;
  minStart: number;
  maxStart: number;
  /** The store's named trunks; an attempt's trunk id past them is the overflow row's, `named`. */
  named: number;
  overflow: boolean;
  pastNamed: boolean;
  /** Per row: its combination in the order met here (renumbered as it is counted), and its kind byte (NOT_AN_ATTEMPT: not an attempt). */
  code: Uint16Array;
  kind: Uint8Array;
  classes: CodeClasses;
  /** Per combination met: the row of its first call in start order (the earliest start, the first row of it). */
  firstRow: number[];
  /** Per combination met: its id in the index's numbering (set by namesOf). */
  renumbered: Uint16Array;
  /** Per trunk id as stored (past `named + 1`: none counted): inbound calls. */
  inboundByTrunk: Uint32Array;
  wholeTalk: boolean;
}

function classifyAttempts(s: CallStore): Seen {
  const n = s.length;
  const named = s.trunks.values.length;
  const code = new Uint16Array(n);
  const kind = new Uint8Array(n);
  const classes = new CodeClasses();
  const firstStart: number[] = [];
  const firstRow: number[] = [];
  const inboundByTrunk = new Uint32Array(named + 2);
  const reasonText = (id: number) => s.reasons.get(id);
  let attempts = 0;
  let minStart = Number.POSITIVE_INFINITY;
  let maxStart = Number.NEGATIVE_INFINITY;
  let overflow = false;
  let pastNamed = false;
  let wholeTalk = true;
  for (let i = 0; i < n; i++) {
    const start = s.startMs[i]!;
    const t = s.trunk[i]!;
    if (s.direction[i] === INBOUND || Number.isNaN(start)) {
      kind[i] = NOT_AN_ATTEMPT;
      if (s.direction[i] === INBOUND) inboundByTrunk[Math.min(t, named + 1)]!++;
      continue;
    }
    attempts++;
    if (start < minStart) minStart = start;
    if (start > maxStart) maxStart = start;
    if (t >= named) {
      overflow = true;
      if (t > named) pastNamed = true;
    }
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
  return { attempts, minStart, maxStart, named, overflow, pastNamed, code, kind, classes, firstRow, renumbered: new Uint16Array(classes.size), inboundByTrunk, wholeTalk };
}

/** The index's trunk names and combinations (numbered by their first call in start order), and each combination's new id. */
function namesOf(s: CallStore, seen: Seen): IndexNames {
  const order = seen.firstRow.map((_, c) => c).sort((a, b) => s.startMs[seen.firstRow[a]!]! - s.startMs[seen.firstRow[b]!]! || seen.firstRow[a]! - seen.firstRow[b]!);
  const codes = new CodeClasses();
  const reasonText = (id: number) => s.reasons.get(id);
  for (const c of order) {
    const row = seen.firstRow[c]!;
    seen.renumbered[c] = codes.idOf(s.codeSource[row]!, s.sipCode[row]!, s.q850[row]!, s.outcome[row]!, s.reason[row]!, reasonText);
  }
  const trunkNames = seen.overflow ? [...s.trunks.values, OTHER_TRUNKS_NAME] : s.trunks.values.slice();
  return { trunkCount: trunkNames.length, trunkNames, codes };
}

/** Per trunk id of the index: its inbound calls (a stored id past the index's trunks has none counted). */
function inboundOf(seen: Seen, trunkCount: number): number[] {
  return Array.from({ length: trunkCount }, (_, t) => seen.inboundByTrunk[t]!);
}
