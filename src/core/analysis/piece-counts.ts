/**
 * A piece's rows counted in one pass on its thread, right after its parser wrote them: its calls
 * tallied per trunk (trunk-summary.ts, what tallyTrunks counts), its attempts classified
 * (span-counts.ts, what classifyRows finds) and counted for the first trunk table (read-counts.ts).
 * As three passes over the pieces' columns they took ~100 ms of a 1M-call Master.csv in Chromium
 * (the same columns timed in a page; ~55 ms as this one), and two of them looked each call's
 * combination up in a hash table: here it is looked up once (TallyCounting.idOf, a small cache in
 * front of the table), and its class is that combination's (a class is decided by the
 * combination's fields), looked up once per combination.
 */
import { kindOf } from './analysis-cache';
import { DIRECTIONS, type ColumnsSnapshot } from './call-store';
import { CodeClasses, KIND_TALK } from './code-classes';
import { pieceMaxBins, ReadCounts } from './read-counts';
import { keepEarliest, NOT_AN_ATTEMPT, type PieceClassified } from './span-counts';
import { TallyCounting, tallyCall, type TrunkCounting, type TrunkTally } from './trunk-summary';

const INBOUND = DIRECTIONS.indexOf('inbound');

/** What a piece's thread counts of its calls. */
export interface PieceCounts {
  tally: TrunkTally;
  /** Null when its rows must be classified in the merge (more trunks than ReadCounts counts). */
  classified: PieceClassified | null;
}

/** A piece's calls tallied, classified and counted: tallyTrunks' tally, and classifyRows' and ReadCounts' counts. */
export function countPiece(calls: ColumnsSnapshot): PieceCounts {
  const n = calls.length;
  const { trunk, reason, q850, sipCode, outcome, codeSource, startMs, endMs, talkSec, direction } = calls.arrays;
  const reasons = calls.texts.reason;
  const reasonText = (id: number) => reasons[id] ?? '';
  const tally = new TallyCounting();
  const classes = new CodeClasses();
  const counts = new ReadCounts(pieceMaxBins(n));
  const code = new Uint16Array(n);
  const kind = new Uint8Array(n);
  /** Per combination id of the tally: its class id, -1 until an attempt of it is met (classes are numbered as attempts meet them). */
  const classOf: number[] = [];
  const firstStart: number[] = [];
  const firstRow: number[] = [];
  let attempts = 0;
  let minStart = Number.POSITIVE_INFINITY;
  let maxStart = Number.NEGATIVE_INFINITY;
  let wholeTalk = true;
  let counting = true;
  // The last call's trunk: consecutive calls are often alike, look-ups saved.
  let lastTrunk = -1;
  let entry: TrunkCounting | undefined;
  for (let i = 0; i < n; i++) {
    const t = trunk[i]!;
    const start = startMs[i]!;
    if (t !== lastTrunk) {
      entry = tally.trunk(t);
      lastTrunk = t;
    }
    const id = tally.idOf(reason[i]!, q850[i]!, sipCode[i]!, outcome[i]!, codeSource[i]!);
    if (id === classOf.length) classOf.push(-1);
    tallyCall(entry!, id, start);
    const inbound = direction[i] === INBOUND;
    if (inbound || Number.isNaN(start)) {
      kind[i] = NOT_AN_ATTEMPT;
      counting &&= counts.countOther(i, t, inbound);
      continue;
    }
    attempts++;
    if (start < minStart) minStart = start;
    if (start > maxStart) maxStart = start;
    let c = classOf[id]!;
    if (c < 0) classOf[id] = c = classes.idOf(codeSource[i]!, sipCode[i]!, q850[i]!, outcome[i]!, reason[i]!, reasonText);
    keepEarliest(firstStart, firstRow, c, start, i);
    code[i] = c;
    const talk = talkSec[i]!;
    const kd = kindOf(classes.kind[c]!, endMs[i]!, talk);
    kind[i] = kd;
    if (kd & KIND_TALK && talk !== Math.floor(talk)) wholeTalk = false;
    counting &&= counts.countAttempt(i, t, c, kd, talk, start);
  }
  if (classes.size > 0xffff) throw new Error('more than 65 535 distinct code combinations');
  const tables = counts.tables();
  return {
    tally: tally.tally(),
    classified: tables && { code, kind, firstStart, firstRow, attempts, minStart, maxStart, wholeTalk, tables },
  };
}
