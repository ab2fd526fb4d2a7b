/**
 * Judging a KpiRow (carrier-kpi.ts) the way a carrier's fraud and quality rules would. The defaults
 * come from published carrier terms, so an operator can see which rule a carrier is likely to
 * apply next and change any threshold to the one in their own contract:
 *
 * - Short calls: Telnyx counts "Short Duration Calls" as calls of 6 seconds or less, over connected
 *   calls, and allows 15 % of them before it emails and charges (support.telnyx.com, "What are
 *   Short Duration Calls?").
 * - ASR and ACD: a SIP-trunk provider's minimum call statistics for call-centre traffic: ASR at
 *   least 40 %, ACD at least 30 seconds; traffic below may be blocked (Phoenix Solutions, "Minimum
 *   call statistics requirements for SIP trunk customers"). The ASR judged is that of the calls the
 *   carrier let through (its own rejections left out), so a refused trunk is not also called a robocaller.
 * - 503 and 603 shares: no carrier publishes one. Our defaults: past 5 % of attempts, 503s (and
 *   their kin) mean the carrier is already throttling; past 2 %, 603s (and their kin: 403, 607,
 *   608…) mean it is already refusing calls on purpose.
 */

/** The longest short-call limit the counts allow (seconds). */
export const SHORT_MAX_SEC = 30;

export interface KpiRow {
  /** Trunk name, or caller ID digits ('(none)' for calls without one). */
  key: string;
  attempts: number;
  answered: number;
  /** Answered calls with a known talk time, and their talk seconds: ACD = talkSec / talkCalls. */
  talkCalls: number;
  talkSec: number;
  /** shortAnswered[s] = answered calls with a known talk time of s seconds or less (cumulative). */
  shortAnswered: number[];
  c503: number;
  c603: number;
  /** Rejected by the carrier for capacity (503 and its kin: 480, 486 from a carrier, Q.850 34 …). */
  capacity: number;
  /** Refused by the carrier on purpose (603 and its kin: 403, 607, 608, Q.850 21 …). */
  policy: number;
  /** These calls can show a 603 (analysis/call-measures.ts shows603); when false the 603 share is n/a. */
  shows603: boolean;
}

export interface CarrierKpi {
  /** Every trunk with attempts in the window, most attempts first (at most `trunkLimit`). */
  trunks: KpiRow[];
  /** Caller IDs of the selected trunks in the window, most attempts first (at most `topN`). */
  callerIds: KpiRow[];
  /** How many trunks and caller IDs had attempts (the rows above are the first of them). */
  totals: { trunks: number; callerIds: number };
}

export interface KpiThresholds {
  /** ASR of the calls the carrier let through (answered / attempts it did not reject) below this (%) is flagged. */
  minAsrPct: number;
  /** ACD below this (seconds) is flagged. */
  minAcdSec: number;
  /** A call answered for this many seconds or less is short (0 … SHORT_MAX_SEC). */
  shortSec: number;
  /** Short answered calls above this share of answered calls (%) are flagged. */
  maxShortPct: number;
  /** 503 above this share of attempts (%) is flagged. */
  max503Pct: number;
  /** 603 above this share of attempts (%) is flagged. */
  max603Pct: number;
  /** Rows with fewer attempts are not judged (too few to mean anything to a carrier either). */
  minAttempts: number;
}

export const DEFAULT_KPI_THRESHOLDS: Readonly<KpiThresholds> = {
  minAsrPct: 40,
  minAcdSec: 30,
  shortSec: 6,
  maxShortPct: 15,
  max503Pct: 5,
  max603Pct: 2,
  minAttempts: 30,
};

export type KpiMeasure = 'asr' | 'acd' | 'short' | '503' | '603';

export interface KpiValue {
  measure: KpiMeasure;
  /** The value (% or seconds); null when the row cannot show it (no answered call with a talk time). */
  value: number | null;
  n: number;
  d: number;
  /** Beyond its threshold. */
  flagged: boolean;
}

export interface KpiJudgement {
  values: Record<KpiMeasure, KpiValue>;
  /** Fewer attempts than thresholds.minAttempts: shown, not judged. */
  tooFew: boolean;
  /** What a carrier is likely to do next, from the flags (empty when nothing is flagged). */
  risk: KpiRisk[];
  /** The 503 and 603 families' shares (what 'throttling' and 'refusing' are judged on), and their counts. */
  shares: KpiJudgementShares;
  counts: { capacity: number; policy: number };
}

export type KpiRisk = 'throttling' | 'refusing' | 'likely-block';

export interface KpiJudgementShares {
  /** capacity ÷ attempts and policy ÷ attempts (%), null without attempts. */
  capacityPct: number | null;
  policyPct: number | null;
}

const pct = (n: number, d: number) => (d > 0 ? (100 * n) / d : null);

export function judgeKpi(row: KpiRow, th: KpiThresholds): KpiJudgement {
  const tooFew = row.attempts < th.minAttempts;
  const shortSec = Math.min(SHORT_MAX_SEC, Math.max(0, Math.round(th.shortSec)));
  const short = row.shortAnswered[shortSec] ?? 0;
  const value = (measure: KpiMeasure, v: number | null, n: number, d: number, beyond: (v: number) => boolean): KpiValue => ({
    measure,
    value: v,
    n,
    d,
    flagged: !tooFew && v !== null && beyond(v),
  });
  const letThrough = row.attempts - row.capacity - row.policy;
  const values: Record<KpiMeasure, KpiValue> = {
    // Over the calls the carrier let through: a trunk whose calls it refuses has no answer rate to
    // hold against the traffic (its 503 and 603 shares say what is wrong instead).
    asr: value('asr', pct(row.answered, letThrough), row.answered, letThrough, (v) => v < th.minAsrPct),
    acd: value('acd', row.talkCalls > 0 ? row.talkSec / row.talkCalls : null, Math.round(row.talkSec), row.talkCalls, (v) => v < th.minAcdSec),
    short: value('short', pct(short, row.talkCalls), short, row.talkCalls, (v) => v > th.maxShortPct),
    '503': value('503', pct(row.c503, row.attempts), row.c503, row.attempts, (v) => v > th.max503Pct),
    // n/a where the calls cannot show a 603 (dispositions, plain causes), as in the trunk table.
    '603': value('603', row.shows603 ? pct(row.c603, row.attempts) : null, row.c603, row.attempts, (v) => v > th.max603Pct),
  };
  // A carrier throttles or refuses with the whole family, not only the bare code: a trunk refused
  // with 403s is being refused although its 603 share is 0.
  const shares = { capacityPct: pct(row.capacity, row.attempts), policyPct: pct(row.policy, row.attempts) };
  const risk: KpiRisk[] = [];
  if (!tooFew && (values['503'].flagged || (shares.capacityPct ?? 0) > th.max503Pct)) risk.push('throttling');
  if (!tooFew && (values['603'].flagged || (shares.policyPct ?? 0) > th.max603Pct)) risk.push('refusing');
  if (values.asr.flagged || values.acd.flagged || values.short.flagged) risk.push('likely-block');
  return { values, tooFew, risk, shares, counts: { capacity: row.capacity, policy: row.policy } };
}

/** Thresholds from storage or a form: every field a finite number in range, else its default. */
export function validThresholds(input: unknown): KpiThresholds {
  const o = input !== null && typeof input === 'object' ? (input as Record<string, unknown>) : {};
  const field = (key: keyof KpiThresholds, max: number): number => {
    const v = Object.hasOwn(o, key) ? o[key] : undefined;
    return typeof v === 'number' && Number.isFinite(v) && v >= 0 && v <= max ? v : DEFAULT_KPI_THRESHOLDS[key];
  };
  return {
    minAsrPct: field('minAsrPct', 100),
    minAcdSec: field('minAcdSec', 86_400),
    shortSec: Math.round(field('shortSec', SHORT_MAX_SEC)),
    maxShortPct: field('maxShortPct', 100),
    max503Pct: field('max503Pct', 100),
    max603Pct: field('max603Pct', 100),
    minAttempts: Math.round(field('minAttempts', 1_000_000)),
  };
}
