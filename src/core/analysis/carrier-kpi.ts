/**
 * The numbers a carrier watches on a customer's traffic, per trunk and per caller ID: ASR, ACD, the
 * share of short answered calls, the 503 and 603 shares. Carriers throttle or block accounts whose
 * traffic looks like robocalling (low ASR, low ACD, many short calls) before any SIP code says so,
 * so these are counted here and judged against thresholds the user sets (kpi-thresholds.ts).
 *
 * Short calls: for every answered call with a known talk time, `shortAnswered[s]` counts those of
 * s seconds or less (s = 0 … SHORT_MAX_SEC), so the page can move the short-call limit without
 * asking the worker again.
 */
import type { AnalysisCache } from './analysis-cache';
import { digitsText } from './call-store';
import { KIND_503, KIND_603, KIND_OUTCOME, KIND_TALK, O_ANSWERED, O_CAPACITY, O_POLICY } from './code-classes';
import type { Selection } from './selection';
import { SHORT_MAX_SEC, type CarrierKpi, type KpiRow } from './kpi-thresholds';

export type { CarrierKpi, KpiRow };

const FIELDS = 7; // attempts, answered, talkCalls, c503, c603, capacity, policy
const SHORT = SHORT_MAX_SEC + 1;

export function carrierKpi(cache: AnalysisCache, sel: Selection, limits: { trunks: number; callerIds: number }): CarrierKpi {
  const index = cache.index();
  const callers = cache.callers();
  const byTrunk = new Counts(index.trunkCount);
  for (let k = sel.lo; k < sel.hi; k++) byTrunk.add(index.trunk[k]!, index.kind[k]!, index.talk[k]!);
  const byCaller = new Counts(callers.count);
  const { positions } = sel;
  for (let p = sel.pLo; p < sel.pHi; p++) {
    const k = positions === null ? p : positions[p]!;
    byCaller.add(index.caller[k]!, index.kind[k]!, index.talk[k]!);
  }
  return {
    trunks: byTrunk.top(limits.trunks, (t) => index.trunkNames[t] ?? ''),
    callerIds: byCaller.top(limits.callerIds, (id) => (id === 0 ? '(none)' : digitsText(callers.value[id]!, callers.length[id]!))),
  };
}

/** Flat per-id counters: no object per call, rows made only for the ids returned. */
class Counts {
  private readonly fields: Uint32Array;
  private readonly talk: Float64Array;
  /** Answered calls by whole talk seconds 0 … SHORT_MAX_SEC (not cumulative yet). */
  private readonly short: Uint32Array;

  constructor(private readonly ids: number) {
    this.fields = new Uint32Array(ids * FIELDS);
    this.talk = new Float64Array(ids);
    this.short = new Uint32Array(ids * SHORT);
  }

  add(id: number, kind: number, talk: number): void {
    const f = id * FIELDS;
    this.fields[f]!++;
    const outcome = kind & KIND_OUTCOME;
    if (outcome === O_ANSWERED) this.fields[f + 1]!++;
    if (kind & KIND_TALK) {
      this.fields[f + 2]!++;
      this.talk[id]! += talk;
      if (talk <= SHORT_MAX_SEC) this.short[id * SHORT + Math.ceil(talk)]!++;
    }
    if (kind & KIND_503) this.fields[f + 3]!++;
    if (kind & KIND_603) this.fields[f + 4]!++;
    if (outcome === O_CAPACITY) this.fields[f + 5]!++;
    if (outcome === O_POLICY) this.fields[f + 6]!++;
  }

  /** The `limit` ids with the most attempts (ties: lower id first), as rows. */
  top(limit: number, keyOf: (id: number) => string): KpiRow[] {
    const used: number[] = [];
    for (let id = 0; id < this.ids; id++) if (this.fields[id * FIELDS]! > 0) used.push(id);
    used.sort((a, b) => this.fields[b * FIELDS]! - this.fields[a * FIELDS]! || a - b);
    return used.slice(0, Math.max(0, limit)).map((id) => this.row(id, keyOf(id)));
  }

  private row(id: number, key: string): KpiRow {
    const f = id * FIELDS;
    const shortAnswered: number[] = [];
    let sum = 0;
    for (let s = 0; s < SHORT; s++) {
      sum += this.short[id * SHORT + s]!;
      shortAnswered.push(sum);
    }
    return {
      key,
      attempts: this.fields[f]!,
      answered: this.fields[f + 1]!,
      talkCalls: this.fields[f + 2]!,
      talkSec: this.talk[id]!,
      shortAnswered,
      c503: this.fields[f + 3]!,
      c603: this.fields[f + 4]!,
      capacity: this.fields[f + 5]!,
      policy: this.fields[f + 6]!,
    };
  }
}
