/**
 * Per-trunk counts right after ingest: attempts, outcome classes, codes, and how many codes are
 * real vs mapped vs inferred. The dashboard's richer analysis builds on the same store.
 *
 * The counting is split so it scales with piece workers: each piece (or one pass's batch) tallies
 * its own calls (tallyTrunks, in the piece's worker), the merge adds the tallies under the store's
 * ids (addTally: per trunk and code combination, not per call), and the summary is made from the
 * drop's tally (summarizeTally). A pass over the store after the read cost a tenth of the merge.
 */
import type { OutcomeClass } from '../model/call-record';
import type { CallColumnArrays } from './call-columns';
import type { CallStore } from './call-store';
import { CODE_SOURCES, OTHER_TRUNKS_NAME, OUTCOMES } from './call-store';
import { codeKey } from './code-key';
import { NumberIds } from './number-ids';

export interface TrunkSummary {
  name: string;
  attempts: number;
  byOutcome: Record<OutcomeClass, number>;
  /** Count per code label (see codeKey), most frequent first. */
  byCode: Array<{ code: string; count: number }>;
  /** How the final codes are known: stated by the file, mapped from a cause, inferred from a disposition. */
  codeProvenance: { sip: number; q850: number; disposition: number; none: number };
  firstStartMs: number;
  lastStartMs: number;
}

/**
 * A trunk's calls counted per code combination (source, SIP code, cause, outcome and reason id as
 * one number: see comboOf), and its first and last start.
 */
export interface TrunkCount {
  codes: Map<number, number>;
  firstStartMs: number;
  lastStartMs: number;
}

/** Per trunk id of the columns it was counted from (a piece's, or the store's ids). Structured-cloneable. */
export type TrunkTally = Map<number, TrunkCount>;

/** The columns a tally reads. */
export type TalliedColumns = Pick<CallColumnArrays, 'trunk' | 'reason' | 'q850' | 'sipCode' | 'outcome' | 'codeSource' | 'startMs'>;

/** Reason ids sit above 2^37 in a combination: the other fields take 16 + 16 + 3 + 2 bits. */
const REASON_UNIT = 32 * 0x10000 * 0x10000;

/**
 * The calls `rows` (indexes; all of the first `length` when absent) of `c`, counted per trunk.
 * Counted under dense combination ids in typed arrays, the Maps made once per (trunk, combination)
 * at the end: a combination passes 2^30, and a Map keyed by it hashed a heap number per call (a
 * piece worker's tally of 1M Master.csv calls: ~70 ms).
 */
export function tallyTrunks(c: TalliedColumns, length: number, rows?: Uint32Array): TrunkTally {
  // The columns taken once: the calls in the loop (look-ups, pushes) keep V8 from hoisting their loads.
  const { trunk, reason, q850, sipCode, outcome, codeSource, startMs } = c;
  const counting = new TallyCounting();
  // The last trunk's: consecutive calls are often alike, look-ups saved.
  let lastTrunk = -1;
  let entry: TrunkCounting | undefined;
  const n = rows ? rows.length : length;
  for (let j = 0; j < n; j++) {
    const i = rows ? rows[j]! : j;
    const t = trunk[i]!;
    if (t !== lastTrunk) {
      entry = counting.trunk(t);
      lastTrunk = t;
    }
    tallyCall(entry!, counting.idOf(reason[i]!, q850[i]!, sipCode[i]!, outcome[i]!, codeSource[i]!), startMs[i]!);
  }
  return counting.tally();
}

/** A call's code combination (its source, SIP code, cause, outcome and reason id as one number), as a tally keys it. */
export function comboOf(reason: number, q850: number, sipCode: number, outcome: number, codeSource: number): number {
  return (((reason * 0x10000 + q850) * 0x10000 + sipCode) * 8 + outcome) * 4 + codeSource;
}

/** Slots of TallyCounting's combination cache: 2^8. */
const COMBO_CACHE_BITS = 8;
const COMBO_CACHE_SHIFT = 32 - COMBO_CACHE_BITS;

/**
 * A tally while its calls are counted one by one (tallyTrunks; a piece's rows in one pass:
 * piece-counts.ts): per trunk id its TrunkCounting, the combinations under dense ids.
 */
export class TallyCounting {
  private readonly comboIds = new NumberIds(64);
  /**
   * Per slot of the cache (idOf): a combination's fields packed in two 32-bit words (idOf)
   * and its id (-1: none). Compared as two integers, not as comboOf's number: its product of
   * five fields in double arithmetic was a quarter of idOf's time.
   */
  private readonly cachedHigh = new Int32Array(1 << COMBO_CACHE_BITS);
  private readonly cachedLow = new Int32Array(1 << COMBO_CACHE_BITS);
  private readonly cachedIds = new Int32Array(1 << COMBO_CACHE_BITS).fill(-1);
  /** Per combination id: the combination (comboOf). */
  private readonly combos: number[] = [];
  /** Per trunk id (ids are below 2^16), and the ids in the order first seen: the tally's order. */
  private readonly counting: Array<TrunkCounting | undefined> = [];
  private readonly trunks: number[] = [];

  /** Trunk `t`'s counts (started the first time it is seen). */
  trunk(t: number): TrunkCounting {
    let entry = this.counting[t];
    if (!entry) {
      this.counting[t] = entry = { counts: new Uint32Array(8), seen: [], firstStartMs: Number.POSITIVE_INFINITY, lastStartMs: Number.NEGATIVE_INFINITY };
      this.trunks.push(t);
    }
    return entry;
  }

  /**
   * The dense id of a call's combination (comboOf of these fields), a new one (= combos.length
   * before) the first time it is seen. From a direct-mapped cache of the combinations met, by a
   * hash of the fields in 32-bit integer arithmetic: a file has a few dozen combinations, and its
   * calls take them in no order a one-entry cache (the last call's) or a branch could follow.
   * The fields are the store's columns: reason, q850 and sipCode below 2^16, outcome and
   * codeSource below 2^8 (two words hold them all, each field apart).
   */
  idOf(reason: number, q850: number, sipCode: number, outcome: number, codeSource: number): number {
    const high = (reason << 16) | q850;
    const low = (sipCode << 16) | (outcome << 8) | codeSource;
    const slot = Math.imul(high ^ Math.imul(low, 0x85ebca6b), 0x9e3779b1) >>> COMBO_CACHE_SHIFT;
    const id = this.cachedIds[slot]!;
    return id >= 0 && this.cachedHigh[slot] === high && this.cachedLow[slot] === low ? id : this.idOfMissed(reason, q850, sipCode, outcome, codeSource, slot);
  }

  private idOfMissed(reason: number, q850: number, sipCode: number, outcome: number, codeSource: number, slot: number): number {
    const combo = comboOf(reason, q850, sipCode, outcome, codeSource);
    const id = this.comboIds.idOf(combo);
    if (id === this.combos.length) this.combos.push(combo);
    this.cachedHigh[slot] = (reason << 16) | q850;
    this.cachedLow[slot] = (sipCode << 16) | (outcome << 8) | codeSource;
    this.cachedIds[slot] = id;
    return id;
  }

  /** The counts as a tally: a Map per trunk, its combinations in the order the trunk first had them. */
  tally(): TrunkTally {
    const tally: TrunkTally = new Map();
    for (const t of this.trunks) {
      const e = this.counting[t]!;
      const codes = new Map<number, number>();
      for (const id of e.seen) codes.set(this.combos[id]!, e.counts[id]!);
      tally.set(t, { codes, firstStartMs: e.firstStartMs, lastStartMs: e.lastStartMs });
    }
    return tally;
  }
}

/** A trunk's calls while they are counted: per combination id, and the ids in the order the trunk first had them. */
export interface TrunkCounting {
  counts: Uint32Array;
  seen: number[];
  firstStartMs: number;
  lastStartMs: number;
}

/** One call of combination id `id` starting at `start` (NaN: none) counted into its trunk's `e`. */
export function tallyCall(e: TrunkCounting, id: number, start: number): void {
  if (id >= e.counts.length) e.counts = widenedCounts(e.counts, id + 1);
  // A combination's entry in the trunk's Map comes where the trunk first had it, as counted one by one.
  if (e.counts[id]!++ === 0) e.seen.push(id);
  if (start < e.firstStartMs) e.firstStartMs = start;
  if (start > e.lastStartMs) e.lastStartMs = start;
}

function widenedCounts(counts: Uint32Array, needed: number): Uint32Array {
  const wide = new Uint32Array(Math.max(needed, counts.length * 2));
  wide.set(counts);
  return wide;
}

/**
 * Add `from` (counted under other ids: a piece's) into `into`, its trunk ids and reason ids
 * translated by `trunkIds` and `reasonIds` (its id → the store's id, as the merge interned them).
 */
export function addTally(into: TrunkTally, from: TrunkTally, trunkIds: readonly number[], reasonIds: readonly number[]): void {
  for (const [t, count] of from) {
    const id = trunkIds[t] ?? t;
    let target = into.get(id);
    if (!target) into.set(id, (target = { codes: new Map(), firstStartMs: Number.POSITIVE_INFINITY, lastStartMs: Number.NEGATIVE_INFINITY }));
    for (const [combo, calls] of count.codes) {
      const reason = Math.floor(combo / REASON_UNIT);
      const translated = combo + ((reasonIds[reason] ?? reason) - reason) * REASON_UNIT;
      target.codes.set(translated, (target.codes.get(translated) ?? 0) + calls);
    }
    if (count.firstStartMs < target.firstStartMs) target.firstStartMs = count.firstStartMs;
    if (count.lastStartMs > target.lastStartMs) target.lastStartMs = count.lastStartMs;
  }
}

/** The tally under new trunk ids (`remap`: old id → new; trunks renamed to one name become one). */
export function renumberTally(tally: TrunkTally, remap: readonly number[]): TrunkTally {
  const out: TrunkTally = new Map();
  addTally(out, tally, remap, []);
  return out;
}

/** First and last call start over every trunk of the tally; null when it holds no call. */
export function tallySpan(tally: TrunkTally): { firstMs: number; lastMs: number } | null {
  let span: { firstMs: number; lastMs: number } | null = null;
  for (const { firstStartMs, lastStartMs } of tally.values()) {
    if (!span) span = { firstMs: firstStartMs, lastMs: lastStartMs };
    else {
      if (firstStartMs < span.firstMs) span.firstMs = firstStartMs;
      if (lastStartMs > span.lastMs) span.lastMs = lastStartMs;
    }
  }
  return span;
}

export function summarizeTrunks(store: CallStore): TrunkSummary[] {
  return summarizeTally(tallyTrunks(store, store.length), store);
}

/** The trunks' summaries, worst first, from a tally under `store`'s trunk and reason ids. */
export function summarizeTally(tally: TrunkTally, store: CallStore): TrunkSummary[] {
  // Each distinct combination gets its label once: codeKey per call was a tenth of the merge's time.
  const labels = new Map<number, string>();
  const labelOf = (combo: number): string => {
    let label = labels.get(combo);
    if (label === undefined) {
      const source = CODE_SOURCES[combo % 4] ?? null;
      const outcome = OUTCOMES[Math.floor(combo / 4) % 8] ?? 'unknown';
      const sip = Math.floor(combo / 32) % 0x10000;
      const q850 = Math.floor(combo / (32 * 0x10000)) % 0x10000;
      const reason = Math.floor(combo / REASON_UNIT);
      label = codeKey(sip === 0 ? null : sip, source, q850 === 0xffff ? null : q850, outcome, store.reasons.get(reason));
      labels.set(combo, label);
    }
    return label;
  };
  const out: TrunkSummary[] = [];
  for (const [t, count] of tally) {
    const s: TrunkSummary = {
      name: t < store.trunks.values.length ? store.trunks.get(t) : OTHER_TRUNKS_NAME,
      attempts: 0,
      byOutcome: Object.fromEntries(OUTCOMES.map((o) => [o, 0])) as Record<OutcomeClass, number>,
      byCode: [],
      codeProvenance: { sip: 0, q850: 0, disposition: 0, none: 0 },
      firstStartMs: count.firstStartMs,
      lastStartMs: count.lastStartMs,
    };
    const byLabel = new Map<string, number>();
    for (const [combo, calls] of count.codes) {
      s.attempts += calls;
      s.byOutcome[OUTCOMES[Math.floor(combo / 4) % 8] ?? 'unknown'] += calls;
      s.codeProvenance[CODE_SOURCES[combo % 4] ?? 'none'] += calls;
      const label = labelOf(combo);
      byLabel.set(label, (byLabel.get(label) ?? 0) + calls);
    }
    s.byCode = [...byLabel.entries()].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0])).map(([code, calls]) => ({ code, count: calls }));
    out.push(s);
  }
  // Worst first: most capacity + policy rejections per attempt, then most attempts.
  const rejectRate = (s: TrunkSummary) => (s.byOutcome.capacity + s.byOutcome.policy) / s.attempts;
  return out.sort((a, b) => rejectRate(b) - rejectRate(a) || b.attempts - a.attempts || a.name.localeCompare(b.name));
}
