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
 */
import type { AnalysisCache } from './analysis-cache';
import { digitsText } from './call-store';
import { KIND_503, KIND_603, KIND_OUTCOME, KIND_TALK, O_ANSWERED, O_CAPACITY, O_POLICY, S_SIP } from './code-classes';
import type { Selection } from './selection';
import { SHORT_MAX_SEC, type CarrierKpi, type KpiRow } from './kpi-thresholds';

export type { CarrierKpi, KpiRow };

const FIELDS = 8; // attempts, answered, talkCalls, c503, c603, capacity, policy, stated SIP code
const SHORT = SHORT_MAX_SEC + 1;

export interface KpiLimits {
  /** Trunks returned (most attempts first), besides those in `keepTrunks`. */
  trunks: number;
  /** Caller IDs returned (most attempts first). */
  callerIds: number;
  /** Trunks returned whatever their rank (the selected ones). */
  keepTrunks?: readonly string[];
}

export function carrierKpi(cache: AnalysisCache, sel: Selection, limits: KpiLimits): CarrierKpi {
  const index = cache.index();
  const callers = cache.callers();
  const sipSource = index.codes.source.map((s) => (s === S_SIP ? 1 : 0));
  const { positions } = sel;
  const trunkOf = (k: number) => index.trunk[k]!;
  const callerOf = (k: number) => index.caller[k]!;
  const windowCalls = (visit: (k: number) => void) => {
    for (let k = sel.lo; k < sel.hi; k++) visit(k);
  };
  const selectedCalls = (visit: (k: number) => void) => {
    for (let p = sel.pLo; p < sel.pHi; p++) visit(positions === null ? p : positions[p]!);
  };
  const keep = new Set(limits.keepTrunks ?? []);
  const trunks = rowsOf(index, sipSource, index.trunkCount, trunkOf, windowCalls, limits.trunks, (t) => keep.has(index.trunkNames[t] ?? ''), (t) => index.trunkNames[t] ?? '');
  const callerIds = rowsOf(index, sipSource, callers.count, callerOf, selectedCalls, limits.callerIds, () => false, (id) => (id === 0 ? '(none)' : digitsText(callers.value[id]!, callers.length[id]!)));
  return { trunks: trunks.rows, callerIds: callerIds.rows, totals: { trunks: trunks.total, callerIds: callerIds.total } };
}

type Index = ReturnType<AnalysisCache['index']>;

/** Count per id, pick the ids to return, then count their short calls in a second pass. */
function rowsOf(
  index: Index,
  sipSource: readonly number[],
  ids: number,
  idOf: (k: number) => number,
  forEachCall: (visit: (k: number) => void) => void,
  limit: number,
  alwaysKeep: (id: number) => boolean,
  keyOf: (id: number) => string,
): { rows: KpiRow[]; total: number } {
  const fields = new Uint32Array(ids * FIELDS);
  const talk = new Float64Array(ids);
  const { kind, code } = index;
  forEachCall((k) => {
    const id = idOf(k);
    const f = id * FIELDS;
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
  });
  const used: number[] = [];
  for (let id = 0; id < ids; id++) if (fields[id * FIELDS]! > 0) used.push(id);
  used.sort((a, b) => fields[b * FIELDS]! - fields[a * FIELDS]! || a - b);
  const chosen = used.filter((id, rank) => rank < Math.max(0, limit) || alwaysKeep(id));
  // Second pass: short calls of the chosen ids only.
  const rowOf = new Int32Array(ids).fill(-1);
  chosen.forEach((id, r) => (rowOf[id] = r));
  const short = new Uint32Array(chosen.length * SHORT);
  forEachCall((k) => {
    const r = rowOf[idOf(k)]!;
    if (r < 0 || !(kind[k]! & KIND_TALK)) return;
    const t = index.talk[k]!;
    if (t >= 0 && t <= SHORT_MAX_SEC) short[r * SHORT + Math.ceil(t)]!++;
  });
  const rows = chosen.map((id, r): KpiRow => {
    const f = id * FIELDS;
    const shortAnswered: number[] = [];
    let sum = 0;
    for (let s = 0; s < SHORT; s++) {
      sum += short[r * SHORT + s]!;
      shortAnswered.push(sum);
    }
    const attempts = fields[f]!;
    const c603 = fields[f + 4]!;
    return {
      key: keyOf(id),
      attempts,
      answered: fields[f + 1]!,
      talkCalls: fields[f + 2]!,
      talkSec: talk[id]!,
      shortAnswered,
      c503: fields[f + 3]!,
      c603,
      capacity: fields[f + 5]!,
      policy: fields[f + 6]!,
      // As analysis/call-measures.ts shows603: only stated SIP codes (or a 603 seen) can show a 603.
      shows603: fields[f + 7]! > 0 || c603 > 0,
    };
  });
  return { rows, total: used.length };
}
