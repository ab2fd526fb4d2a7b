/**
 * What the dashboard asks the worker and what it gets back: only aggregates cross, never calls.
 * Every rate is a Ratio (numerator and denominator) so the UI can always show "n of d".
 * Times are wall ms (see model/call-record.ts).
 */
import type { CarrierKpi } from './kpi-thresholds';
import type { OutcomeClass } from '../model/call-record';
import type { TrunkFailover } from './failover';

/** [fromMs, toMs): the brushed window, or the whole span. */
export interface TimeWindow {
  fromMs: number;
  toMs: number;
}

export interface Ratio {
  n: number;
  d: number;
}

/** How a count's codes are known (formats differ): stated SIP, mapped cause, inferred disposition. */
export interface Provenance {
  sip: number;
  q850: number;
  disposition: number;
}

export interface DashboardQuery {
  /** Window to analyse; null = the whole span. */
  window: TimeWindow | null;
  /** Trunks that drive the detail panels (series, CPS, concurrency, breakdowns); [] = all trunks together. */
  trunks: string[];
  /** Bucket size for the time series; null = chosen from the window (1 s … 1 h, ~60–300 buckets). */
  bucketMs: number | null;
  /** Rows kept per breakdown table before "other" (bounded cardinality). */
  topN: number;
  /**
   * Also answer `spanSeries`: the series over the whole span for the same trunks and bucket size
   * (the timeline, which shows the whole day with the window drawn on it). Asking for it with the
   * window's analysis keeps a selection to one worker message and one render; it costs one pass
   * over the selected trunks' calls (about 1 ms for one trunk of a 1M-call day).
   */
  spanSeries?: boolean;
  /**
   * Also answer `trunkSeries` when more than one trunk is selected: each selected trunk's series
   * over the whole span, in the span series' buckets (the timeline's small multiples, one chart
   * per trunk). One pass over each selected trunk's calls.
   */
  trunkSeries?: boolean;
  /**
   * Also answer `kpi` (carrier-kpi.ts: two passes over the window and a few counters per caller
   * ID). Only the dashboard's panel asks: the diagnosis runs an analysis per trunk and segment.
   */
  kpi?: boolean;
  /**
   * At most this many trunk rows in the answer (the most attempts, plus the selected trunks); the
   * rest summed in `otherTrunks`. Absent: every trunk (the CLI, the diagnosis).
   */
  trunkLimit?: number;
}

export interface CodeCount {
  /** Label as codeKey() gives it: "503", "≈503", "403/603", "FAILED", … */
  code: string;
  outcome: OutcomeClass;
  count: number;
}

export interface TrunkStats {
  trunk: string;
  attempts: number;
  /** Calls that came in from this trunk in the window: shown apart, in no rate. Absent in a link made before links carried it. */
  inbound?: number;
  answered: number;
  /** ASR = answered / attempts (ITU-T E.411). */
  asr: Ratio;
  /**
   * NER (ITU-T E.411) = delivered to the called side (answered, busy, no answer, 487, refused by
   * the user: 603/607/Q.850 21) / attempts. One definition for every format: call-measures.ts.
   */
  ner: Ratio;
  /** SEER (RFC 6076 §4.8) = (answered + final 480/486/600/603) / (attempts − final 3xx): call-measures.ts. */
  seer: Ratio;
  /** ACD = talk seconds / answered calls; null when nothing was answered or talk time is unknown. */
  acdSec: number | null;
  /** Final code 503 (stated, mapped from cause 34/38/41/42/…, or a FAILED/CONGESTION disposition) / attempts. */
  rate503: Ratio & { provenance: Provenance };
  /** Final code 603 (stated, or FreeSWITCH DECLINE/REJECT_ALL) / attempts. Q.850 21 is not counted here. */
  rate603: Ratio & { provenance: Provenance };
  /** Q.850 21 without a reason phrase: "403 or 603", cannot be split. */
  ambiguous403or603: number;
  /** Outcome classes: capacity (503 and kin), policy (603 and kin), … */
  byOutcome: Record<OutcomeClass, number>;
  byCode: CodeCount[];
  provenance: Provenance & { none: number };
  /** Rejection share (capacity + policy) per bucket over the whole span: the table's trend line. */
  trend: number[];
}

export interface SeriesBucket {
  /** Bucket start, wall ms. */
  t: number;
  attempts: number;
  answered: number;
  capacity: number;
  policy: number;
  /** number + user + other + unknown */
  otherFailed: number;
  c503: number;
  c603: number;
}

export interface TimeSeries {
  bucketMs: number;
  buckets: SeriesBucket[];
}

export interface CpsLevel {
  /** Attempts that started in one second on the trunk(s). */
  cps: number;
  /** Seconds with exactly this many attempts. */
  seconds: number;
  attempts: number;
  c503: number;
}

export interface CpsAnalysis {
  peak: number;
  /** 99th percentile of per-second attempts over seconds with at least one attempt. */
  p99: number;
  levels: CpsLevel[];
  /**
   * The knee: the lowest CPS the file shows failing, from which the 503 share is high while below
   * it it is near zero; `limit`, the most calls a second it shows the carrier taking (cps.ts
   * findKnee): the estimate of the carrier's CPS limit. null when there is no such step.
   */
  knee: { cps: number; below: Ratio; atOrAbove: Ratio; limit: number } | null;
  /** Per-second peak attempts per bucket of the series (for the CPS over time chart). */
  peakPerBucket: Array<{ t: number; peak: number }>;
  /**
   * Every start in the selection is on a whole minute (cps.ts WHOLE_MINUTES_MIN_ATTEMPTS): the file
   * has no seconds, so calls per second cannot be counted; levels, knee and peaks are then empty.
   */
  wholeMinutes: boolean;
  /**
   * Attempts left out of the counts: those of the selected trunks whose starts are all on whole
   * minutes, beside trunks with seconds (cps.ts countLeavingOut); 0 when none.
   */
  wholeMinuteCallsLeftOut: number;
}

export interface ConcurrencyAnalysis {
  /** False when the file has no end times / durations (nothing to compute from). */
  available: boolean;
  peak: number;
  /** Max concurrent calls per bucket of the series. */
  maxPerBucket: Array<{ t: number; max: number }>;
  /** Attempts and 503s by the concurrency level at the moment each attempt started. */
  levels: Array<{ level: number; attempts: number; c503: number }>;
  /**
   * The plateau: a level the trunk keeps hitting and never exceeds (the channel cap), with the
   * seconds spent there and the 503 share of attempts started there. null when there is none.
   */
  plateau: {
    level: number;
    seconds: number;
    atPlateau: Ratio;
    below: Ratio;
    /**
     * Levels just under the cap that are saturated too (whole-second CDR times: a call that ended
     * in the same second as a rejected attempt is counted as gone), counted in neither side;
     * absent when there are none.
     */
    near?: Ratio & { fromLevel: number };
  } | null;
}

export interface BreakdownRow {
  /** Destination prefix digits, caller ID, or hour "00".."23"; "other" for the rest. */
  key: string;
  /** "Jamaica", "United Kingdom", "US · 312 Illinois"… for prefixes; '' when unknown. */
  label: string;
  attempts: number;
  c503: number;
  c603: number;
  capacity: number;
  policy: number;
}

/** Final results by code and reason phrase (as the file wrote it), for the selection in the window. */
export interface CodeReasonRow {
  /** codeKey label: "403", "≈503", "FAILED", …; "other" for the rows past the limit. */
  code: string;
  outcome: OutcomeClass;
  /** The reason phrase as written ('' when the file gives none, or only a disposition). */
  reason: string;
  count: number;
}

export interface Breakdowns {
  prefixes: BreakdownRow[];
  callerIds: BreakdownRow[];
  /** 24 rows, hour of day "00".."23" (wall clock as in the file). */
  hours: BreakdownRow[];
}

export interface Onset {
  trunk: string;
  kind: '503' | '603';
  /** First bucket where the rate leaves the trunk's own baseline (and stays out). */
  atMs: number;
  before: Ratio;
  after: Ratio;
}

export interface DashboardData {
  /** Whole span of the data and the window analysed. */
  span: TimeWindow;
  window: TimeWindow;
  /** Every trunk, counted inside the window, worst first. */
  trunks: TrunkStats[];
  /**
   * Trunks whose rejections in the window were retried on another trunk (failover.ts), most
   * first. Absent in a shared view (links do not carry it).
   */
  failover?: TrunkFailover[];
  /** For the selected trunks (or all). */
  series: TimeSeries;
  /** When the query asked for it: `series` over the whole span (as with window null). */
  spanSeries?: TimeSeries;
  /** When the query asked for it and selected several trunks: each one's `spanSeries`, in the query's trunk order (the first TRUNK_SERIES_MAX). */
  trunkSeries?: Array<{ trunk: string; series: TimeSeries }>;
  cps: CpsAnalysis;
  concurrency: ConcurrencyAnalysis;
  breakdowns: Breakdowns;
  /** By code and reason phrase, most frequent first (code-reasons.ts). Shared links do not carry it. */
  codeReasons?: CodeReasonRow[];
  /** When the query asked for it: what a carrier watches, per trunk and per caller ID (carrier-kpi.ts). Shared links do not carry it. */
  kpi?: CarrierKpi;
  /** Per trunk over the whole span; at most one per trunk and kind. */
  onsets: Onset[];
  /** Calls in the window (for the selected trunks) — the denominators' total. */
  calls: number;
  /**
   * When the query capped the table (`trunkLimit`) and there were more trunks: how many were left
   * out of `trunks` and their counts summed in one row (its `trunk` is ''). `trunks` plus this row
   * add up to every trunk's calls in the window. Absent or null: `trunks` holds every trunk.
   */
  otherTrunks?: OtherTrunks | null;
}

/**
 * The trunk table alone (every trunk's counts in the window, the onsets, the span): what the page
 * picks the worst trunk from before it asks for that trunk's panels, and what the diagnosis starts
 * from. analyzeDashboard builds its answer on the same table.
 */
export type TrunkTable = Pick<DashboardData, 'span' | 'window' | 'trunks' | 'otherTrunks' | 'onsets' | 'calls'>;

/**
 * A dashboard answer in two parts, so the first screen does not wait for the panels below it:
 * the top (the trunk table, its failover note, the timeline and the small multiples, the status
 * line's count) and the panels (CPS, concurrency, breakdowns, codes, carrier KPI). Both are the
 * analyzeDashboard answer's own values: top and panels of one query make that answer.
 */
export type DashboardTop = Pick<DashboardData, 'span' | 'window' | 'trunks' | 'otherTrunks' | 'failover' | 'series' | 'spanSeries' | 'trunkSeries' | 'onsets' | 'calls'>;
export type DashboardPanels = Pick<DashboardData, 'cps' | 'concurrency' | 'breakdowns' | 'codeReasons' | 'kpi'>;

export interface OtherTrunks {
  /** Trunks summed in this row. */
  trunks: number;
  stats: TrunkStats;
}
