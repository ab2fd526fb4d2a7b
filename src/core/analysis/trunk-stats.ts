/**
 * Every trunk's counts inside the window, worst first. One pass counts calls per (trunk, code
 * combination); every rate is then derived from that small table:
 *   ASR      = answered / attempts                                   (ITU-T E.411)
 *   NER      = delivered to the called side / attempts                (ITU-T E.411, call-measures.ts)
 *   SEER     = (answered + 480/486/600/603) / (attempts − 3xx)      (RFC 6076, call-measures.ts)
 *   ACD      = Σ talk seconds / answered calls with a known talk time (null when none)
 *   rate503  = 503 (stated, mapped or FAILED/CONGESTION) / attempts, with its provenance
 *   rate603  = 603 (stated or mapped) / attempts, with its provenance
 * Order: (capacity + policy) / attempts descending, then attempts descending, then name.
 */
import type { OutcomeClass } from '../model/call-record';
import type { CallIndex, IndexNames } from './analysis-cache';
import { OUTCOMES } from './call-store';
import { FLAG_AMBIGUOUS_21, FLAG_NER, FLAG_REDIRECT, FLAG_SEER, KIND_503, KIND_603, KIND_OUTCOME, KIND_TALK_BIT, S_DISPOSITION, S_Q850, S_SIP } from './code-classes';
import type { CodeCount, OtherTrunks, Provenance, TrunkStats } from './dashboard-types';
import type { Selection } from './selection';
import { windowCounts, type CountBlocks, type WindowCounts } from './window-counts';

/** Above this many (trunk, code) cells a Map replaces the flat table. */
const MAX_FLAT_CELLS = 1 << 22;

export function trunkStats(index: CallIndex, sel: Selection, trends: readonly (readonly number[])[]): TrunkStats[] {
  return trunkCounts(index, sel, trends).stats;
}

/** Every trunk's stats (worst first) and the counts they were derived from, for summing a rest. */
export interface TrunkCounts {
  stats: TrunkStats[];
  /** Calls per (trunk id, code combination) in the window. */
  cell: (t: number, c: number) => number;
  talkSum: Float64Array;
  talkCalls: Uint32Array;
  /**
   * Per trunk id, answered calls with a known talk time of ceil(talk) = s seconds (window-counts.ts
   * SHORT_BINS per trunk, not cumulative): the carrier KPI's short calls. Absent when the window
   * was counted without them (more trunks × codes than a flat table holds).
   */
  short?: Uint32Array;
}

/** `blocks`: the store's cumulative counts (window-counts.ts), which spare a pass over the window's calls. */
export function trunkCounts(index: CallIndex, sel: Selection, trends: readonly (readonly number[])[], blocks: CountBlocks | null = null): TrunkCounts {
  const trunks = index.trunkCount;
  const codes = index.codes.size;
  if (flatCells(trunks, codes)) return trunkCountsOf(index, windowCounts(index, sel.lo, sel.hi, blocks), trends);
  const talkSum = new Float64Array(trunks);
  const talkCalls = new Uint32Array(trunks);
  const cells = countCellsInMap(index, sel.lo, sel.hi, trunks, codes, talkSum, talkCalls);
  return { stats: statsOfTrunks(index, cells, talkSum, talkCalls, trends), cell: cells, talkSum, talkCalls };
}

/** Every trunk's stats from counts in a flat table (at most MAX_FLAT_CELLS cells: see flatCells). */
export function trunkCountsOf(names: IndexNames, counts: WindowCounts, trends: readonly (readonly number[])[]): TrunkCounts {
  const codes = names.codes.size;
  const { cells: table, talkSum, talkCalls, short } = counts;
  const cell = (t: number, c: number) => table[t * codes + c]!;
  return { stats: statsOfTrunks(names, cell, talkSum, talkCalls, trends), cell, talkSum, talkCalls, short };
}

/** Whether `trunks` × `codes` cells are counted in a flat table (else in a Map). */
export const flatCells = (trunks: number, codes: number): boolean => trunks * codes <= MAX_FLAT_CELLS;

/** Each trunk's stats, worst first. */
function statsOfTrunks(names: IndexNames, cells: (t: number, c: number) => number, talkSum: Float64Array, talkCalls: Uint32Array, trends: readonly (readonly number[])[]): TrunkStats[] {
  const out: TrunkStats[] = [];
  for (let t = 0; t < names.trunkCount; t++) {
    const stats = statsOf(names, t, (c) => cells(t, c), talkSum[t]!, talkCalls[t]!);
    stats.trend = (trends[t] ?? []).slice();
    out.push(stats);
  }
  const badness = (s: TrunkStats) => (s.attempts === 0 ? 0 : (s.byOutcome.capacity + s.byOutcome.policy) / s.attempts);
  out.sort((a, b) => badness(b) - badness(a) || b.attempts - a.attempts || a.trunk.localeCompare(b.trunk));
  return out;
}

/**
 * The table's rows when there are more trunks than a page can draw: the `limit` trunks with the
 * most attempts (ties: worst first), the `keep` trunks whatever their attempts (the selection),
 * in the full list's order; every other trunk summed into one row, counted from the same cells,
 * so its rates and codes add up with the rows shown to the window's totals.
 */
export function capTrunkStats(index: IndexNames, counts: TrunkCounts, limit: number, keep: readonly string[]): { trunks: TrunkStats[]; other: OtherTrunks | null } {
  const all = counts.stats;
  if (all.length <= limit) return { trunks: all, other: null };
  const byAttempts = all.map((_, i) => i).sort((a, b) => all[b]!.attempts - all[a]!.attempts || a - b);
  const shown = new Uint8Array(all.length);
  for (const i of byAttempts.slice(0, Math.max(0, limit))) shown[i] = 1;
  const kept = new Set(keep);
  all.forEach((s, i) => {
    if (kept.has(s.trunk)) shown[i] = 1;
  });
  const idOf = new Map<string, number>();
  index.trunkNames.forEach((name, t) => idOf.set(name, t));
  const codes = index.codes.size;
  const summed = new Float64Array(codes);
  let talkSum = 0;
  let talkCalls = 0;
  let rest = 0;
  const trunks: TrunkStats[] = [];
  all.forEach((s, i) => {
    if (shown[i]) {
      trunks.push(s);
      return;
    }
    rest++;
    const t = idOf.get(s.trunk);
    if (t === undefined) return;
    for (let c = 0; c < codes; c++) summed[c]! += counts.cell(t, c);
    talkSum += counts.talkSum[t]!;
    talkCalls += counts.talkCalls[t]!;
  });
  const stats = statsOf(index, -1, (c) => summed[c]!, talkSum, talkCalls);
  return { trunks, other: { trunks: rest, stats: { ...stats, trunk: '' } } };
}

/**
 * Counts per (trunk, combination) in positions [lo, hi) in a Map, for more trunks × combinations
 * than a flat table holds, and, in the same pass, talk seconds of answered calls per trunk.
 */
function countCellsInMap(
  index: CallIndex,
  lo: number,
  hi: number,
  trunks: number,
  codes: number,
  talkSum: Float64Array,
  talkCalls: Uint32Array,
): (t: number, c: number) => number {
  const { trunk, code, kind, talk } = index;
  // ACD sums: talk is read only where KIND_TALK is set (answered with a known talk time; see CallIndex.talk).
  const map = new Map<number, number>();
  for (let k = lo; k < hi; k++) {
    const t = trunk[k]!;
    if (t >= trunks) continue;
    const cell = t * codes + code[k]!;
    map.set(cell, (map.get(cell) ?? 0) + 1);
    if ((kind[k]! >>> KIND_TALK_BIT) & 1) {
      talkSum[t]! += talk[k]!;
      talkCalls[t]!++;
    }
  }
  return (t, c) => map.get(t * codes + c) ?? 0;
}

function statsOf(index: IndexNames, t: number, cell: (c: number) => number, talkSum: number, talkCalls: number): TrunkStats {
  const classes = index.codes;
  const byOutcome = Object.fromEntries(OUTCOMES.map((o) => [o, 0])) as Record<OutcomeClass, number>;
  const provenance = { sip: 0, q850: 0, disposition: 0, none: 0 };
  const p503: Provenance = { sip: 0, q850: 0, disposition: 0 };
  const p603: Provenance = { sip: 0, q850: 0, disposition: 0 };
  const byCodeId = new Map<number, number>();
  let attempts = 0;
  let ner = 0;
  let seer = 0;
  let redirected = 0;
  let ambiguous = 0;
  for (let c = 0; c < classes.size; c++) {
    const n = cell(c);
    if (n === 0) continue;
    attempts += n;
    const kind = classes.kind[c]!;
    const flags = classes.flags[c]!;
    const source = classes.source[c]!;
    byOutcome[OUTCOMES[kind & KIND_OUTCOME] ?? 'unknown'] += n;
    const known = source === S_SIP ? 'sip' : source === S_Q850 ? 'q850' : source === S_DISPOSITION ? 'disposition' : 'none';
    provenance[known] += n;
    // A 503/603 code without a source (rare) counts with the stated ones.
    const from: keyof Provenance = known === 'none' ? 'sip' : known;
    if (kind & KIND_503) p503[from] += n;
    if (kind & KIND_603) p603[from] += n;
    if (flags & FLAG_NER) ner += n;
    if (flags & FLAG_SEER) seer += n;
    if (flags & FLAG_REDIRECT) redirected += n;
    if (flags & FLAG_AMBIGUOUS_21) ambiguous += n;
    const codeId = classes.codeId[c]!;
    byCodeId.set(codeId, (byCodeId.get(codeId) ?? 0) + n);
  }
  const byCode: CodeCount[] = [...byCodeId]
    .map(([id, count]) => {
      const code = classes.codes[id]!;
      return { code: code.code, outcome: OUTCOMES[code.outcome] ?? 'unknown', count };
    })
    .sort((a, b) => b.count - a.count || a.code.localeCompare(b.code));
  const answered = byOutcome.answered;
  return {
    trunk: index.trunkNames[t] ?? '',
    attempts,
    answered,
    asr: { n: answered, d: attempts },
    ner: { n: ner, d: attempts },
    seer: { n: seer, d: attempts - redirected },
    acdSec: talkCalls > 0 ? talkSum / talkCalls : null,
    rate503: { n: p503.sip + p503.q850 + p503.disposition, d: attempts, provenance: p503 },
    rate603: { n: p603.sip + p603.q850 + p603.disposition, d: attempts, provenance: p603 },
    ambiguous403or603: ambiguous,
    byOutcome,
    byCode,
    provenance,
    trend: [],
  };
}
