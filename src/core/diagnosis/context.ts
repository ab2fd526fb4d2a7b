/**
 * What every rule reads for one trunk: the trunk's stats over the whole span, a dashboard for that
 * trunk alone (CPS knee, concurrency plateau, breakdowns), its onsets, the file's capabilities, and
 * the store positions of its calls (start order) for sample calls and the few per-call counts the
 * aggregates do not carry (reason phrases, answered per key). Pure; no DOM.
 */
import type { AnalysisCache } from '../analysis/analysis-cache';
import { digitsText, type CallStore } from '../analysis/call-store';
import { codeKey } from '../analysis/code-key';
import type { DashboardData, Onset, TimeWindow, TrunkStats } from '../analysis/dashboard-types';
import { lowerBoundAt } from '../analysis/selection';
import type { FormatCapabilities, FormatFamily } from '../formats/format-module';
import { formatCount } from '../model/format-count';
import { formatPercent } from '../model/format-percent';
import type { ReasonLookup } from './reasons';
import type { DiagnosisPeriod, SampleCall } from './types';

export interface TrunkContext {
  name: string;
  stats: TrunkStats;
  /**
   * analyzeDashboard over the period with only this trunk selected; its `span` is the period
   * (the brushed window, or the whole file).
   */
  data: DashboardData;
  /** The period diagnosed: a brushed window, or the whole file. */
  period: DiagnosisPeriod;
  onsets: Onset[];
  caps: FormatCapabilities;
  /** Format families of the files naming the trunk (what-to-log advice speaks of these); [] when unknown. */
  families: readonly FormatFamily[];
  store: CallStore;
  /** Store indexes of the trunk's calls in the period, in start order. */
  calls: Uint32Array;
  /** The 503 count comes mostly from FAILED/CONGESTION dispositions ("503-like"). */
  disposition503: boolean;
  /** The file gives no caller IDs for this trunk. */
  noCallerIds: boolean;
  /** The leaf each (code, reason phrase) names, looked up once per distinct pair. */
  reasons: ReasonLookup;
  /** The same trunk over a part of the period (a segment before an onset); null when it has no calls. */
  segment: (window: TimeWindow) => TrunkContext | null;
}

export const NO_CAPABILITIES: FormatCapabilities = { sipCodes: false, separates503From603: false, hasEndTimes: false, hasTrunk: false };

/** Trunk `name`'s calls (positions: rows of the sealed store) in start order, those starting in `window` when one is given. */
export function trunkCalls(cache: AnalysisCache, name: string, window: TimeWindow | null = null): Uint32Array {
  const index = cache.index();
  const t = index.trunkNames.indexOf(name);
  const positions = cache.trunkPositions()[t];
  if (t < 0 || !positions) return new Uint32Array(0);
  // Positions ascend in start time: the window is one contiguous run of them.
  const lo = window ? lowerBoundAt(index.start, positions, window.fromMs) : 0;
  const hi = window ? Math.max(lo, lowerBoundAt(index.start, positions, window.toMs)) : positions.length;
  return positions.slice(lo, hi);
}

const TWO = (n: number) => String(n).padStart(2, '0');

/** `YYYY-MM-DD HH:MM:SS` of wall ms (times are as written in the file, see model/call-record.ts). */
export function wallTime(ms: number): string {
  const d = new Date(ms);
  return `${d.getUTCFullYear()}-${TWO(d.getUTCMonth() + 1)}-${TWO(d.getUTCDate())} ${TWO(d.getUTCHours())}:${TWO(d.getUTCMinutes())}:${TWO(d.getUTCSeconds())}`;
}

export function destinationOf(store: CallStore, i: number): string {
  return digitsText(store.destDigits[i]!, store.destLength[i]!);
}

export function callerIdOf(store: CallStore, i: number): string {
  return digitsText(store.callerDigits[i]!, store.callerLength[i]!);
}

/** The code label of call i, with the reason phrase when it says more than the code's name. */
export function codeOf(store: CallStore, i: number): string {
  const sip = store.sipCode[i]!;
  const reason = store.reasons.get(store.reason[i]!);
  const label = codeKey(sip === 0 ? null : sip, store.sourceOf(i), store.q850Of(i), store.outcomeOf(i), reason);
  return store.sourceOf(i) === 'sip' && reason && sip === 403 ? `${label} ${reason}` : label;
}

export const MAX_SAMPLES = 5;

/** Up to MAX_SAMPLES calls matching `pick`, spread over the matches (first, …, last). */
export function samples(ctx: TrunkContext, pick: (i: number) => boolean): SampleCall[] {
  const hits: number[] = [];
  for (const i of ctx.calls) if (pick(i)) hits.push(i);
  const chosen: number[] = [];
  if (hits.length <= MAX_SAMPLES) chosen.push(...hits);
  else for (let k = 0; k < MAX_SAMPLES; k++) chosen.push(hits[Math.round((k * (hits.length - 1)) / (MAX_SAMPLES - 1))]!);
  return chosen.map((i) => ({
    time: wallTime(ctx.store.startMs[i]!),
    callId: ctx.store.callIdOf(i),
    destination: destinationOf(ctx.store, i),
    callerId: callerIdOf(ctx.store, i),
    code: codeOf(ctx.store, i),
  }));
}

/** [first, last + 1 s) of the calls matching `pick`; null when none. */
export function windowOf(ctx: TrunkContext, pick: (i: number) => boolean): { fromMs: number; toMs: number } | null {
  let from = Infinity;
  let to = -Infinity;
  for (const i of ctx.calls) {
    if (!pick(i)) continue;
    const t = ctx.store.startMs[i]!;
    if (t < from) from = t;
    if (t > to) to = t;
  }
  return from === Infinity ? null : { fromMs: from, toMs: to + 1000 };
}

export const is503 = (store: CallStore, i: number): boolean =>
  store.sipCode[i] === 503 || (store.sourceOf(i) === 'disposition' && store.outcomeOf(i) === 'capacity');
export const is603 = (store: CallStore, i: number): boolean => store.sipCode[i] === 603;
export const isReject = (store: CallStore, i: number): boolean => {
  const o = store.outcomeOf(i);
  return o === 'capacity' || o === 'policy';
};

/**
 * In a file that cannot show a 603 (dispositions), a 603 ends BUSY (chan_sip) or NO ANSWER
 * (chan_pjsip) at once, while a real busy or unanswered call rang first: a call that ended within
 * REFUSED_LOOKING_MS without an answer looks refused. In a file with codes only rejections are.
 */
export function looksRefused(ctx: TrunkContext, i: number, withinMs: number): boolean {
  const { store } = ctx;
  if (isReject(store, i)) return true;
  if (ctx.caps.separates503From603 || store.sourceOf(i) !== 'disposition' || store.outcomeOf(i) !== 'user') return false;
  const held = store.endMs[i]! - store.startMs[i]!;
  return held <= withinMs;
}

/** Rejections (capacity or policy) per reason phrase, "403 Insufficient funds" → count. */
export function rejectReasons(ctx: TrunkContext): Map<string, number> {
  // Counted per (code, reason id) first: the text is built once per distinct pair, not per call.
  const { store } = ctx;
  const byPair = new Map<number, number>();
  for (const i of ctx.calls) {
    if (!isReject(store, i)) continue;
    const pair = store.sipCode[i]! * 0x10000 + store.reason[i]!;
    byPair.set(pair, (byPair.get(pair) ?? 0) + 1);
  }
  const out = new Map<string, number>();
  for (const [pair, count] of byPair) {
    const reason = store.reasons.get(pair % 0x10000);
    if (!reason) continue;
    const sip = Math.floor(pair / 0x10000);
    const key = `${sip === 0 ? '' : `${sip} `}${reason}`;
    out.set(key, (out.get(key) ?? 0) + count);
  }
  return out;
}

export const rate = (r: { n: number; d: number }): number => (r.d > 0 ? r.n / r.d : 0);
/** `n` with its noun, singular or plural: "1 caller ID", "2 caller IDs". */
export const counted = (n: number, one: string, many: string): string => `${formatCount(n)} ${n === 1 ? one : many}`;

/** "171 of 200 (86 %)": the counts, then the rate as the trunk table writes it. */
export const pct = (r: { n: number; d: number }): string => `${formatCount(r.n)} of ${formatCount(r.d)} (${formatPercent(r.n, r.d)})`;
