/**
 * The numbers a carrier watches on a customer's traffic, per trunk and per caller ID: ASR, ACD, the
 * share of short answered calls, the 503 and 603 shares. Carriers throttle or block accounts whose
 * traffic looks like robocalling (low ASR, low ACD, many short calls) before any SIP code says so,
 * so these are counted here and judged against thresholds the user sets (kpi-thresholds.ts).
 *
 * Short calls: for every answered call with a known talk time, `shortAnswered[s]` counts those of
 * s seconds or less (s = 0 … SHORT_MAX_SEC), so the page can move the short-call limit without
 * asking the worker again. They are counted in a second pass for the rows returned only, so memory
 * is a few numbers per caller ID whatever the limit.
 *
 * Cost per query: the trunk rows cover every call of the window whatever the selection: their
 * counters and short calls are the trunk table's (window-counts.ts; no pass of their own); the caller-ID rows count the
 * selection's calls only, into tables sized for every caller ID once per store and cleared where
 * they were written — a query never allocates or zeroes per caller ID of the whole file.
 */
import type { AnalysisCache, CallIndex } from './analysis-cache';
import { digitsText } from './call-store';
import { KIND_503, KIND_603, KIND_OUTCOME, KIND_TALK, O_ANSWERED, O_CAPACITY, O_POLICY, S_SIP } from './code-classes';
import type { Selection } from './selection';
import type { TrunkCounts } from './trunk-stats';
import { SHORT_MAX_SEC, type CarrierKpi, type KpiRow } from './kpi-thresholds';
import { SHORT_BINS } from './window-counts';

export type { CarrierKpi, KpiRow };

const FIELDS = 8; // attempts, answered, talkCalls, c503, c603, capacity, policy, stated SIP code
const SHORT = SHORT_MAX_SEC + 1;
/** Short-call counts kept per window for this many choices of trunk rows. */
const SHORT_CHOICES_KEPT = 4;

export interface KpiLimits {
  /** Trunks returned (most attempts first), besides those in `keepTrunks`. */
  trunks: number;
  /** Caller IDs returned (most attempts first). */
  callerIds: number;
  /** Trunks returned whatever their rank (the selected ones). */
  keepTrunks?: readonly string[];
}

/** The calls a pass visits: positions [from, to) of `positions`, or of the index when null. */
interface Calls {
  positions: Uint32Array | null;
  from: number;
  to: number;
}

/** Per id: FIELDS counters and the talk seconds; `used` lists the ids counted, in first-seen order. */
interface Counts {
  fields: Uint32Array;
  talk: Float64Array;
  used: number[];
}

/** Per window: short-call counts per choice of trunk rows (the selection can add rows past the limit). */
type WindowShort = Map<string, Uint32Array>;

/**
 * `counts`: the trunk table's counts over the same window (trunk-stats.ts), which the trunk rows
 * are read from, so the table and this panel cannot disagree on a trunk's attempts or rejections.
 */
export function carrierKpi(cache: AnalysisCache, sel: Selection, limits: KpiLimits, counts: TrunkCounts): CarrierKpi {
  const index = cache.index();
  const { caller, callers } = cache.numberKeys();
  const names = index.trunkNames;

  // Trunks: every call of the window, whatever the selection.
  const trunkTotals = fromTrunkCounts(index, counts);
  const keep = new Set(limits.keepTrunks ?? []);
  const trunkIds = chosen(trunkTotals, limits.trunks, (t) => keep.has(names[t] ?? ''));
  const trunkShort = counts.short ? shortOfTrunks(counts.short, trunkIds) : windowShortCounts(cache, sel, trunkIds);
  const trunks = rowsOf(trunkTotals, trunkIds, trunkShort, (t) => names[t] ?? '');

  // Caller IDs: the selection's calls, counted into per-store scratch tables cleared after use.
  const sipSource = cache.memo('kpi-sip-source', () => Uint8Array.from(index.codes.source, (s) => (s === S_SIP ? 1 : 0)));
  const scratch = cache.memo('kpi-caller-scratch', () => ({ counts: newCounts(callers.count), rowOf: new Int32Array(callers.count).fill(-1) }));
  const selected: Calls = { positions: sel.positions, from: sel.pLo, to: sel.pHi };
  const callerCounts = scratch.counts;
  try {
    count(callerCounts, index, sipSource, caller, selected);
    const callerIds = chosen(callerCounts, limits.callerIds, () => false);
    const short = shortCounts(index, caller, selected, callerIds, scratch.rowOf);
    const rows = rowsOf(callerCounts, callerIds, short, (id) => (id === 0 ? '(none)' : digitsText(callers.value[id]!, callers.length[id]!)));
    return { trunks, callerIds: rows, totals: { trunks: trunkTotals.used.length, callerIds: callerCounts.used.length } };
  } finally {
    for (const id of callerCounts.used) {
      callerCounts.fields.fill(0, id * FIELDS, id * FIELDS + FIELDS);
      callerCounts.talk[id] = 0;
    }
    callerCounts.used.length = 0;
  }
}

/** The chosen trunks' short calls from the trunk table's talk-second bins (window-counts.ts), cumulative as shortCounts gives them. */
function shortOfTrunks(bins: Uint32Array, ids: readonly number[]): Uint32Array {
  const short = new Uint32Array(ids.length * SHORT);
  ids.forEach((id, r) => {
    let sum = 0;
    for (let s = 0; s < SHORT; s++) {
      sum += bins[id * SHORT_BINS + s]!;
      short[r * SHORT + s] = sum;
    }
  });
  return short;
}

/** The chosen trunks' short calls in the window by a pass of their own (a table counted without them), kept per window. */
function windowShortCounts(cache: AnalysisCache, sel: Selection, trunkIds: readonly number[]): Uint32Array {
  const index = cache.index();
  const perWindow = cache.recent(`kpi-trunk-short:${sel.lo}:${sel.hi}`, (): WindowShort => new Map());
  const choiceKey = trunkIds.join(',');
  let trunkShort = perWindow.get(choiceKey);
  if (!trunkShort) {
    trunkShort = shortCounts(index, index.trunk, { positions: null, from: sel.lo, to: sel.hi }, trunkIds, new Int32Array(index.trunkCount).fill(-1));
    perWindow.set(choiceKey, trunkShort);
    if (perWindow.size > SHORT_CHOICES_KEPT) perWindow.delete(perWindow.keys().next().value as string);
  }
  return trunkShort;
}

/** The trunk rows' counters from the trunk table's (same window, same calls). */
function fromTrunkCounts(index: CallIndex, counts: TrunkCounts): Counts {
  const totals = newCounts(index.trunkCount);
  const idOf = new Map(index.trunkNames.map((name, t) => [name, t]));
  for (const s of counts.stats) {
    const t = idOf.get(s.trunk);
    if (t === undefined || s.attempts === 0) continue;
    const f = t * FIELDS;
    totals.used.push(t);
    totals.fields.set([s.attempts, s.answered, counts.talkCalls[t]!, s.rate503.n, s.rate603.n, s.byOutcome.capacity, s.byOutcome.policy, s.provenance.sip], f);
    totals.talk[t] = counts.talkSum[t]!;
  }
  return totals;
}

function newCounts(ids: number): Counts {
  return { fields: new Uint32Array(ids * FIELDS), talk: new Float64Array(ids), used: [] };
}

/** Add the calls' counters into `counts` under the id each call has in `idOf` (the trunk or caller column). */
function count(counts: Counts, index: CallIndex, sipSource: Uint8Array, idOf: Uint16Array | Uint32Array, calls: Calls): void {
  const { fields, talk, used } = counts;
  const { kind, code } = index;
  const { positions } = calls;
  for (let p = calls.from; p < calls.to; p++) {
    const k = positions === null ? p : positions[p]!;
    const id = idOf[k]!;
    const f = id * FIELDS;
    if (fields[f] === 0) used.push(id);
    const kd = kind[k]!;
    const outcome = kd & KIND_OUTCOME;
    fields[f]!++;
    if (outcome === O_ANSWERED) fields[f + 1]!++;
    if (kd & KIND_TALK) {
      fields[f + 2]!++;
      talk[id]! += index.talk[k]!;
    }
    if (kd & KIND_503) fields[f + 3]!++;
    if (kd & KIND_603) fields[f + 4]!++;
    if (outcome === O_CAPACITY) fields[f + 5]!++;
    if (outcome === O_POLICY) fields[f + 6]!++;
    fields[f + 7]! += sipSource[code[k]!]!;
  }
}

/** The ids to return: the `limit` with the most attempts (ties: lower id first), and those `alwaysKeep` names. */
function chosen(counts: Counts, limit: number, alwaysKeep: (id: number) => boolean): number[] {
  const { fields } = counts;
  const used = counts.used.slice().sort((a, b) => fields[b * FIELDS]! - fields[a * FIELDS]! || a - b);
  return used.filter((id, rank) => rank < Math.max(0, limit) || alwaysKeep(id));
}

/** Second pass: per chosen id (in its order), answered calls with a known talk time of s seconds or less, s = 0 … SHORT_MAX_SEC. */
function shortCounts(index: CallIndex, idOf: Uint16Array | Uint32Array, calls: Calls, ids: readonly number[], rowOf: Int32Array): Uint32Array {
  const short = new Uint32Array(ids.length * SHORT);
  ids.forEach((id, r) => (rowOf[id] = r));
  const { kind, talk } = index;
  const { positions } = calls;
  for (let p = calls.from; p < calls.to; p++) {
    const k = positions === null ? p : positions[p]!;
    const r = rowOf[idOf[k]!]!;
    if (r < 0 || !(kind[k]! & KIND_TALK)) continue;
    const t = talk[k]!;
    if (t >= 0 && t <= SHORT_MAX_SEC) short[r * SHORT + Math.ceil(t)]!++;
  }
  for (const id of ids) rowOf[id] = -1;
  // Cumulative: shortAnswered[s] = s seconds or less.
  for (let r = 0; r < ids.length; r++) for (let s = 1; s < SHORT; s++) short[r * SHORT + s]! += short[r * SHORT + s - 1]!;
  return short;
}

function rowsOf(counts: Counts, ids: readonly number[], short: Uint32Array, keyOf: (id: number) => string): KpiRow[] {
  const { fields, talk } = counts;
  return ids.map((id, r): KpiRow => {
    const f = id * FIELDS;
    const c603 = fields[f + 4]!;
    return {
      key: keyOf(id),
      attempts: fields[f]!,
      answered: fields[f + 1]!,
      talkCalls: fields[f + 2]!,
      talkSec: talk[id]!,
      shortAnswered: Array.from(short.subarray(r * SHORT, r * SHORT + SHORT)),
      c503: fields[f + 3]!,
      c603,
      capacity: fields[f + 5]!,
      policy: fields[f + 6]!,
      // As analysis/call-measures.ts shows603: only stated SIP codes (or a 603 seen) can show a 603.
      shows603: fields[f + 7]! > 0 || c603 > 0,
    };
  });
}
