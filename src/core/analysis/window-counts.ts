/**
 * Per trunk, over a window of start-order positions [lo, hi): calls per code combination, answered
 * calls with a known talk time and their talk seconds, and those answered calls by talk second
 * (0 … SHORT_MAX_SEC, for the carrier KPI's short calls). What the trunk table and the KPI's trunk
 * rows count, in one place.
 *
 * A brush asks for a new window every time, over every trunk: a pass over the window's calls
 * grows with the file (a third of a 4M-call day is 1.3M calls). So, once per store, the counts
 * are kept cumulatively at block boundaries (every `size` positions); a window is then the
 * difference of the two boundaries inside it plus a pass over the partial blocks at its edges
 * (fewer than 2 × size calls). Integer counts are exact in any order; the talk seconds are summed
 * this way only when every talk time is a whole number (then every partial sum is an exact
 * integer below 2^53, the same in any order), else every window is one pass, as the counts
 * would otherwise differ from one pass's in the last bits.
 */
import type { CallIndex } from './analysis-cache';
import { KIND_TALK } from './code-classes';
import { SHORT_MAX_SEC } from './kpi-thresholds';
import { runToEnd } from './run-to-end';

/** Talk-second bins per trunk: 0 … SHORT_MAX_SEC (a call of s seconds counts in bin ceil(s)). */
export const SHORT_BINS = SHORT_MAX_SEC + 1;

/** The fewest positions per block, and the most blocks: the edge passes stay short either way. */
const MIN_BLOCK = 4096;
const MAX_BLOCKS = 1024;
/** Cumulative entries kept at most (4 bytes each); past this the blocks grow, then are not kept. */
const MAX_ENTRIES = 1 << 22;

export interface WindowCounts {
  /** Calls per (trunk, code combination): t * codes + c. */
  cells: Uint32Array;
  talkSum: Float64Array;
  talkCalls: Uint32Array;
  /** Answered calls with a known talk time of ceil(talk) = s seconds, per trunk: t * SHORT_BINS + s (not cumulative). */
  short: Uint32Array;
}

/** Cumulative counts at positions 0, size, 2 × size, …: row j holds positions [0, j × size). */
export interface CountBlocks {
  size: number;
  rows: number;
  cells: Uint32Array;
  talkCalls: Uint32Array;
  short: Uint32Array;
  talkSum: Float64Array;
}

/**
 * The blocks of `index`, or null where a window is best counted in one pass: a small store, a
 * talk time that is not a whole number, or so many trunks × codes that the rows would not fit.
 */
export function countBlocks(index: CallIndex): CountBlocks | null {
  return runToEnd(countBlockSteps(index));
}

/** Calls counted between two steps of countBlockSteps: a few ms (~1M calls: 8 steps). */
export const BLOCK_CALLS_PER_STEP = 1 << 17;

/**
 * countBlocks in steps (null between them, every `callsPerStep` calls or so: whole block rows),
 * for a caller that answers questions in between (the worker).
 */
export function* countBlockSteps(index: CallIndex, callsPerStep = BLOCK_CALLS_PER_STEP): Generator<null, CountBlocks | null> {
  const { n, trunkCount: trunks } = index;
  const codes = index.codes.size;
  const perRow = trunks * (codes + 2 + SHORT_BINS);
  let size = Math.max(MIN_BLOCK, Math.ceil(n / MAX_BLOCKS));
  while (size < n && (Math.floor(n / size) + 1) * perRow > MAX_ENTRIES) size *= 2;
  const rows = Math.floor(n / size) + 1;
  if (rows < 3) return null;
  for (let k = 0; k < n; k++) {
    if (index.kind[k]! & KIND_TALK && index.talk[k]! !== Math.floor(index.talk[k]!)) return null;
  }
  const blocks: CountBlocks = {
    size,
    rows,
    cells: new Uint32Array(rows * trunks * codes),
    talkCalls: new Uint32Array(rows * trunks),
    short: new Uint32Array(rows * trunks * SHORT_BINS),
    talkSum: new Float64Array(rows * trunks),
  };
  const running = emptyWindowCounts(trunks, codes);
  const rowsPerStep = Math.max(1, Math.floor(callsPerStep / size));
  for (let j = 1; j < rows; j++) {
    if (j % rowsPerStep === 0) yield null;
    addCalls(index, running, (j - 1) * size, j * size);
    blocks.cells.set(running.cells, j * trunks * codes);
    blocks.talkCalls.set(running.talkCalls, j * trunks);
    blocks.short.set(running.short, j * trunks * SHORT_BINS);
    blocks.talkSum.set(running.talkSum, j * trunks);
  }
  return blocks;
}

export function emptyWindowCounts(trunks: number, codes: number): WindowCounts {
  return {
    cells: new Uint32Array(Math.max(1, trunks * codes)),
    talkSum: new Float64Array(trunks),
    talkCalls: new Uint32Array(trunks),
    short: new Uint32Array(trunks * SHORT_BINS),
  };
}

/** The counts of positions [lo, hi), from `blocks` where they cover it, else one pass. */
export function windowCounts(index: CallIndex, lo: number, hi: number, blocks: CountBlocks | null): WindowCounts {
  const trunks = index.trunkCount;
  const codes = index.codes.size;
  const out = emptyWindowCounts(trunks, codes);
  const first = blocks ? Math.ceil(lo / blocks.size) : 0;
  const last = blocks ? Math.min(blocks.rows - 1, Math.floor(hi / blocks.size)) : 0;
  if (!blocks || first >= last) {
    addCalls(index, out, lo, hi);
    return out;
  }
  subtractRows(out.cells, blocks.cells, trunks * codes, first, last);
  subtractRows(out.talkCalls, blocks.talkCalls, trunks, first, last);
  subtractRows(out.short, blocks.short, trunks * SHORT_BINS, first, last);
  subtractRows(out.talkSum, blocks.talkSum, trunks, first, last);
  addCalls(index, out, lo, first * blocks.size);
  addCalls(index, out, last * blocks.size, hi);
  return out;
}

/** into = row `last` − row `first` of `rows` (rows of `width` entries). */
function subtractRows(into: Uint32Array | Float64Array, rows: Uint32Array | Float64Array, width: number, first: number, last: number): void {
  const a = first * width;
  const b = last * width;
  for (let i = 0; i < width; i++) into[i] = rows[b + i]! - rows[a + i]!;
}

/** Add the calls at positions [lo, hi) into `into`. */
function addCalls(index: CallIndex, into: WindowCounts, lo: number, hi: number): void {
  const { trunk, code, kind, talk } = index;
  const trunks = index.trunkCount;
  const codes = index.codes.size;
  for (let k = lo; k < hi; k++) {
    const t = trunk[k]!;
    if (t < trunks) countCall(into, codes, t, code[k]!, kind[k]!, talk[k]!);
  }
}

/** Add one call of trunk `t`, combination `code` (of `codes`), kind byte `kind` and talk seconds `talk`. */
export function countCall(into: WindowCounts, codes: number, t: number, code: number, kind: number, talk: number): void {
  into.cells[t * codes + code]!++;
  // Talk is read only where KIND_TALK is set (answered with a known talk time; see CallIndex.talk).
  if (kind & KIND_TALK) {
    into.talkSum[t]! += talk;
    into.talkCalls[t]!++;
    if (talk >= 0 && talk <= SHORT_MAX_SEC) into.short[t * SHORT_BINS + Math.ceil(talk)]!++;
  }
}
