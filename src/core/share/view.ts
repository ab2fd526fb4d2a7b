/**
 * The shared view: what a "diagnosis link" carries. Only the aggregates the dashboard renders for
 * one selection (never calls), quantized so the link stays short, with caller IDs masked unless the
 * sender opts in. `data` has the DashboardData shape, so the shared page renders it with the same
 * components; it differs from the live result only where noted on buildSharedView().
 */
import type { BreakdownRow, DashboardData, SeriesBucket, TimeWindow } from '../analysis/dashboard-types';
import type { IngestSummary } from '../ingest/ingest-files';
import { VERDICT_IDS, type VerdictId } from '../diagnosis/tree';

export const SHARE_VERSION = 1;
/** Trend lines are kept in steps of 1/TREND_STEPS (5 %): a sparkline's resolution. */
export const TREND_STEPS = 20;

export interface SharedFile {
  name: string;
  /** Format id (registry.ts) and its label; '' when the file was not recognized. */
  formatId: string;
  formatLabel: string;
  rows: { read: number; used: number; skipped: number };
}

/** The verdict ids of the diagnosis flowchart (diagnosis/tree.ts); a link naming another id is invalid. */
export { VERDICT_IDS, type VerdictId };

/** One diagnosis walk: the verdict reached for a trunk and the answers the sender overrode. */
export interface SharedWalk {
  trunk: string;
  verdict: VerdictId;
  overrides: Record<string, string>;
  /** The sentence with the numbers behind the verdict (diagnosis slot v2); absent in older links. */
  evidence?: string;
}

/** Versioned slot for the diagnosis walk (not produced by the app yet). */
export interface SharedDiagnosis {
  version: 1;
  walks: SharedWalk[];
}

export type SharePrivacy = 'masked' | 'full';

export interface SharedView {
  version: typeof SHARE_VERSION;
  createdFrom: { files: SharedFile[] };
  selection: { trunks: string[]; window: TimeWindow | null };
  data: DashboardData;
  /** The sender's note, plain text ('' = none). Render as text, never as HTML. */
  note: string;
  privacy: SharePrivacy;
  diagnosis?: SharedDiagnosis;
  /**
   * Sender side only (not in the link): attempts dated outside the span a link can carry, put at
   * its nearest edge by buildSharedView (see fitSpan); absent when everything fitted.
   */
  outsideSpan?: { attempts: number; fromMs: number; toMs: number };
}

/** Limits the decoder enforces (codec.ts); buildSharedView() clips to them. */
export const LIMITS = {
  trunkName: 100,
  note: 1000,
  /** One evidence sentence per walk. */
  evidence: 400,
  fileName: 255,
  label: 100,
  key: 64,
  trunks: 200,
  buckets: 2000,
  levels: 2000,
  breakdownRows: 100,
  codes: 64,
  trend: 200,
  files: 50,
  onsets: 400,
  walks: 200,
  overrides: 32,
  /** Any count (calls, rows, seconds). */
  count: 2 ** 32 - 1,
  /** Wall ms range accepted for the span start: 0 (an empty drop) … 2100-01-01. */
  minMs: 0,
  maxMs: 4_102_444_800_000,
  /** Longest span / offset (ms): 400 days. */
  maxSpanMs: 400 * 86_400_000,
} as const;

export interface BuildOptions {
  note?: string;
  privacy: SharePrivacy;
  /** Series, CPS and concurrency per-bucket charts are merged down to at most this many buckets (default 24). */
  maxBuckets?: number;
  /** Points kept of each trunk's trend line (default 24). */
  trendPoints?: number;
  /** Concurrency levels merged into at most this many rows (default 24). */
  maxLevels?: number;
  /** Codes kept per trunk outside the selection (default 0: the codes panel shows the selection; all for selected trunks). */
  otherTrunkCodes?: number;
  /** Rows kept per breakdown (default 10, "other" row kept on top of it). */
  topN?: number;
  diagnosis?: SharedDiagnosis;
}

export interface ShareSelection {
  trunks: readonly string[];
  window: TimeWindow | null;
}

/**
 * The view the link carries. Compared with `data`:
 * - trend lines thinned to `trendPoints` and rounded to 5 %, ACD to 0.1 s, the plateau's time to whole
 *   seconds, times to whole ms;
 * - series / CPS peak / concurrency max buckets merged to at most `maxBuckets` (sums for counts,
 *   max for peaks) and all-zero buckets dropped (charts must treat a missing bucket as zero);
 * - the 24 hour rows without attempts dropped; breakdowns cut to topN (+ "other");
 * - caller IDs masked ("1312555••••") unless privacy is 'full'; strings clipped to LIMITS.
 */
export function buildSharedView(summary: IngestSummary, allData: DashboardData, shareSelection: ShareSelection, options: BuildOptions): SharedView {
  const fitted = fitSpan(allData, shareSelection.window);
  const data = fitted.data;
  const selection = { ...shareSelection, window: fitted.selected };
  const maxBuckets = Math.min(LIMITS.buckets, Math.max(1, options.maxBuckets ?? 24));
  const trendPoints = Math.max(1, options.trendPoints ?? 24);
  const maxLevels = Math.min(LIMITS.levels, Math.max(1, options.maxLevels ?? 24));
  const otherCodes = Math.min(LIMITS.codes, Math.max(0, options.otherTrunkCodes ?? 0));
  const inView = new Set(selection.trunks);
  const topN = Math.min(LIMITS.breakdownRows - 1, Math.max(1, options.topN ?? 10));
  const clipName = (s: string) => clip(s, LIMITS.trunkName);
  const series = coarsenSeries(data, maxBuckets);
  const view: SharedView = {
    version: SHARE_VERSION,
    createdFrom: {
      files: summary.files.slice(0, LIMITS.files).map((f) => ({
        name: clip(f.fileName, LIMITS.fileName),
        formatId: clip(f.format?.id ?? '', LIMITS.label),
        formatLabel: clip(f.format?.label ?? '', LIMITS.label),
        rows: { read: f.rows.read, used: f.rows.used, skipped: f.rows.skipped },
      })),
    },
    selection: { trunks: selection.trunks.slice(0, LIMITS.trunks).map(clipName), window: selection.window ? { ...selection.window } : null },
    data: {
      span: { ...data.span },
      window: { ...data.window },
      // Inbound calls only where some came in (the wire writes 0 for none and reads it back as none).
      trunks: data.trunks.slice(0, LIMITS.trunks).map(({ inbound, ...t }) => ({
        ...t,
        ...(inbound ? { inbound } : {}),
        trunk: clipName(t.trunk),
        asr: { ...t.asr },
        ner: { ...t.ner },
        seer: { ...t.seer },
        acdSec: t.acdSec === null ? null : Math.round(t.acdSec * 10) / 10,
        rate503: { ...t.rate503, provenance: { ...t.rate503.provenance } },
        rate603: { ...t.rate603, provenance: { ...t.rate603.provenance } },
        byOutcome: { ...t.byOutcome },
        byCode: t.byCode.slice(0, inView.has(t.trunk) || inView.size === 0 ? LIMITS.codes : otherCodes).map((c) => ({ ...c, code: clip(c.code, LIMITS.key) })),
        provenance: { ...t.provenance },
        trend: thinTrend(t.trend, trendPoints).slice(0, LIMITS.trend).map(quantizeShare),
      })),
      series: series.series,
      cps: { ...data.cps, levels: data.cps.levels.slice(0, LIMITS.levels).map((l) => ({ ...l })), peakPerBucket: series.peaks },
      concurrency: {
        ...data.concurrency,
        maxPerBucket: series.maxes,
        levels: mergeLevels(data.concurrency.levels, maxLevels).slice(0, LIMITS.levels),
        // Calls ending mid-second leave fractional seconds; the panel shows whole ones.
        plateau: data.concurrency.plateau ? { ...data.concurrency.plateau, seconds: Math.round(data.concurrency.plateau.seconds) } : null,
      },
      breakdowns: {
        prefixes: topRows(data.breakdowns.prefixes, topN, (k) => k),
        callerIds: maskKeys(topRows(data.breakdowns.callerIds, topN, (k) => k), options.privacy),
        hours: data.breakdowns.hours.filter((r) => r.attempts > 0).map((r) => ({ ...r })),
      },
      onsets: data.onsets.slice(0, LIMITS.onsets).map((o) => ({ ...o, trunk: clipName(o.trunk), before: { ...o.before }, after: { ...o.after } })),
      calls: data.calls,
    },
    note: clip(options.note ?? '', LIMITS.note),
    privacy: options.privacy,
  };
  if (options.diagnosis) {
    view.diagnosis = {
      version: 1,
      walks: options.diagnosis.walks.slice(0, LIMITS.walks).map((w) => ({
        trunk: clipName(w.trunk),
        verdict: w.verdict,
        overrides: Object.fromEntries(
          Object.entries(w.overrides)
            .slice(0, LIMITS.overrides)
            .map(([k, val]) => [clip(k, LIMITS.key), clip(val, LIMITS.label)]),
        ),
        ...(w.evidence ? { evidence: clip(options.privacy === 'full' ? w.evidence : maskNumbersIn(w.evidence), LIMITS.evidence) } : {}),
      })),
    };
  }
  if (fitted.outside) view.outsideSpan = fitted.outside;
  return view;
}

/**
 * A link carries at most LIMITS.maxSpanMs of time within [minMs, maxMs] (1970 … 2100). One stray row
 * 400+ days from the rest, or dated before 1970, must not make the view unshareable: the span is cut
 * to 350 days (of the 400 a link allows) around the median attempt, and buckets wholly outside it are put at its
 * nearest edge — their counts kept, so the timeline still adds up to the table — and counted in
 * `outside` for the sender to see. Runs on the dashboard's own buckets, before they are coarsened.
 */
export function fitSpan(data: DashboardData, selected: TimeWindow | null): { data: DashboardData; selected: TimeWindow | null; outside: SharedView['outsideSpan'] } {
  const lo = Math.max(data.span.fromMs, LIMITS.minMs);
  const hi = Math.min(data.span.toMs, LIMITS.maxMs);
  if (lo === data.span.fromMs && hi === data.span.toMs && hi - lo <= LIMITS.maxSpanMs) return { data, selected, outside: undefined };
  const middle = medianAttemptTime(data.series.buckets) ?? (data.window.fromMs + data.window.toMs) / 2;
  // A margin below the limit: coarsened buckets start up to one bucket before the span, and the gap
  // between two buckets must stay within the limit too.
  const range = (LIMITS.maxSpanMs * 7) / 8;
  const from = Math.min(LIMITS.maxMs, Math.max(lo, Math.min(Math.round(middle - range / 2), hi - range)));
  const to = Math.max(from, Math.min(hi, from + range));
  const size = Math.min(data.series.bucketMs, LIMITS.maxSpanMs / 16);
  const at = (t: number) => Math.min(to, Math.max(from, t));
  /** A bucket wholly outside [from, to] moves to the edge; one overlapping it stays where it is. */
  const bucketAt = (t: number) => (t + size <= from ? from : t > to ? to : t);
  const outsideBuckets = data.series.buckets.filter((b) => bucketAt(b.t) !== b.t);
  return {
    data: {
      ...data,
      span: { fromMs: from, toMs: to },
      window: { fromMs: at(data.window.fromMs), toMs: at(data.window.toMs) },
      series: { bucketMs: size, buckets: mergeBuckets(data.series.buckets.map((b) => ({ ...b, t: bucketAt(b.t) })), 1) },
      cps: { ...data.cps, peakPerBucket: maxPerSlot(data.cps.peakPerBucket.map((p) => ({ t: bucketAt(p.t), v: p.peak })), 1).map(([t, peak]) => ({ t, peak })) },
      concurrency: { ...data.concurrency, maxPerBucket: concurrencyPerSlot(data.concurrency.maxPerBucket, 1, bucketAt) },
      onsets: data.onsets.map((o) => ({ ...o, atMs: at(o.atMs) })),
    },
    selected: selected ? { fromMs: at(selected.fromMs), toMs: at(selected.toMs) } : null,
    outside: { attempts: outsideBuckets.reduce((n, b) => n + b.attempts, 0), fromMs: from, toMs: to },
  };
}

/** The bucket time at which half of the attempts have started; null without attempts. */
function medianAttemptTime(buckets: readonly SeriesBucket[]): number | null {
  const sorted = buckets.filter((b) => b.attempts > 0).sort((a, b) => a.t - b.t);
  const total = sorted.reduce((n, b) => n + b.attempts, 0);
  let seen = 0;
  for (const b of sorted) {
    seen += b.attempts;
    if (seen * 2 >= total) return b.t;
  }
  return null;
}

/** Rejection share → steps of 1/TREND_STEPS, the trend line's resolution. */
export function quantizeShare(x: number): number {
  return Number.isFinite(x) ? Math.min(TREND_STEPS, Math.max(0, Math.round(x * TREND_STEPS))) / TREND_STEPS : 0;
}

/** Average neighbouring points until at most `points` are left (a sparkline's resolution). */
export function thinTrend(trend: readonly number[], points: number): number[] {
  const k = Math.ceil(trend.length / points);
  if (k <= 1) return trend.slice();
  const out: number[] = [];
  for (let i = 0; i < trend.length; i += k) {
    const part = trend.slice(i, i + k);
    out.push(part.reduce((a, b) => a + b, 0) / part.length);
  }
  return out;
}

/**
 * Concurrency levels without attempts dropped, the rest merged in steps of equal width so at most
 * `max` rows are left; a merged row's `level` is its step's lowest level. The plateau is kept apart.
 */
export function mergeLevels(levels: DashboardData['concurrency']['levels'], max: number): DashboardData['concurrency']['levels'] {
  const used = levels.filter((l) => l.attempts > 0);
  const top = used.at(-1)?.level ?? 0;
  const step = Math.max(1, Math.ceil((top + 1) / max));
  const rows = new Map<number, { level: number; attempts: number; c503: number }>();
  for (const l of used) {
    const at = Math.floor(l.level / step) * step;
    const r = rows.get(at) ?? { level: at, attempts: 0, c503: 0 };
    r.attempts += l.attempts;
    r.c503 += l.c503;
    rows.set(at, r);
  }
  return [...rows.values()].sort((a, b) => a.level - b.level);
}

function clip(s: string, max: number): string {
  return s.length <= max ? s : s.slice(0, max);
}

function topRows(rows: readonly BreakdownRow[], topN: number, key: (k: string) => string): BreakdownRow[] {
  const kept = rows.filter((r) => r.key !== 'other').slice(0, topN);
  const rest = rows.filter((r) => r.key === 'other' || !kept.includes(r));
  const out = kept.map((r) => ({ ...r, key: clip(key(r.key), LIMITS.key), label: clip(r.label, LIMITS.label) }));
  if (rest.length > 0) {
    const other: BreakdownRow = { key: 'other', label: '', attempts: 0, c503: 0, c603: 0, capacity: 0, policy: 0 };
    for (const r of rest) {
      other.attempts += r.attempts;
      other.c503 += r.c503;
      other.c603 += r.c603;
      other.capacity += r.capacity;
      other.policy += r.policy;
    }
    out.push(other);
  }
  return out;
}

/**
 * "13125550142" → "1312555••••", "+44 20 7946 0958" → "+44 20 794• ••••": of all the digits in the
 * value, at most the first 7 are kept and always at least the last 4 are hidden, whatever the
 * separators. Values without digits ("(none)", "anonymous", "other") are unchanged.
 */
/**
 * Phone-number-like runs (7+ digits) inside a sentence, masked like caller IDs: an evidence
 * sentence may name the blocked caller IDs or numbers. Shorter numbers (counts, prefixes) stay.
 */
export function maskNumbersIn(text: string): string {
  return text.replace(/\+?\d{7,}/g, (m) => maskNumber(m));
}

export function maskNumber(s: string): string {
  const digits = (s.match(/\d/g) ?? []).length;
  if (digits === 0) return s;
  const keep = Math.max(0, Math.min(7, digits - 4));
  let seen = 0;
  return s.replace(/\d/g, (d) => (seen++ < keep ? d : '•'));
}

function maskKeys(rows: BreakdownRow[], privacy: SharePrivacy): BreakdownRow[] {
  if (privacy === 'full') return rows;
  const seen = new Map<string, number>();
  return rows.map((r) => {
    const masked = maskNumber(r.key);
    const n = (seen.get(masked) ?? 0) + 1;
    seen.set(masked, n);
    // Two IDs that mask alike stay two rows, told apart by a number.
    return { ...r, key: n === 1 ? masked : `${masked} #${n}`, label: maskNumber(r.label) };
  });
}

/** Merge the per-bucket charts (series, CPS peak, concurrency max) to at most maxBuckets buckets. */
function coarsenSeries(
  data: DashboardData,
  maxBuckets: number,
): { series: DashboardData['series']; peaks: DashboardData['cps']['peakPerBucket']; maxes: DashboardData['concurrency']['maxPerBucket'] } {
  const src = data.series;
  const w = data.window;
  const count = Math.max(1, Math.ceil((w.toMs - w.fromMs) / Math.max(1, src.bucketMs)));
  const factor = Math.max(1, Math.ceil(count / maxBuckets));
  const size = src.bucketMs * factor;
  return {
    series: { bucketMs: size, buckets: mergeBuckets(src.buckets, size).slice(0, LIMITS.buckets) },
    peaks: maxPerSlot(data.cps.peakPerBucket.map((p) => ({ t: p.t, v: p.peak })), size)
      .slice(0, LIMITS.buckets)
      .map(([t, peak]) => ({ t, peak })),
    maxes: concurrencyPerSlot(data.concurrency.maxPerBucket, size).slice(0, LIMITS.buckets),
  };
}

/** Series buckets merged into buckets of `size` ms (counts summed), empty ones dropped, in time order. */
export function mergeBuckets(source: readonly SeriesBucket[], size: number): SeriesBucket[] {
  const slot = (t: number) => Math.floor(t / size) * size;
  const buckets = new Map<number, SeriesBucket>();
  for (const b of source) {
    const t = slot(b.t);
    const m = buckets.get(t) ?? { t, attempts: 0, answered: 0, capacity: 0, policy: 0, otherFailed: 0, c503: 0, c603: 0 };
    m.attempts += b.attempts;
    m.answered += b.answered;
    m.capacity += b.capacity;
    m.policy += b.policy;
    m.otherFailed += b.otherFailed;
    m.c503 += b.c503;
    m.c603 += b.c603;
    buckets.set(t, m);
  }
  const nonZero = (b: SeriesBucket) => b.attempts + b.answered + b.capacity + b.policy + b.otherFailed + b.c503 + b.c603 > 0;
  return [...buckets.values()].filter(nonZero).sort((a, b) => a.t - b.t);
}

/**
 * Per-bucket peaks merged into buckets of `size` ms (the maximum wins), in time order. Zeros are
 * dropped unless `keepZeros`: the concurrency chart draws its buckets as evenly spaced steps, so a
 * bucket with no call held must stay (without it the line stayed up across the quiet hours).
 */
export function maxPerSlot(rows: ReadonlyArray<{ t: number; v: number }>, size: number, keepZeros = false): Array<[number, number]> {
  const slot = (t: number) => Math.floor(t / size) * size;
  const m = new Map<number, number>();
  for (const r of rows) m.set(slot(r.t), Math.max(m.get(slot(r.t)) ?? 0, r.v));
  return [...m].filter(([, v]) => keepZeros || v > 0).sort((a, b) => a[0] - b[0]);
}

/** A concurrency chart's buckets merged into buckets of `size` ms, the quiet ones kept (maxPerSlot). */
export function concurrencyPerSlot(maxes: DashboardData['concurrency']['maxPerBucket'], size: number, at: (t: number) => number = (t) => t): DashboardData['concurrency']['maxPerBucket'] {
  return maxPerSlot(maxes.map((p) => ({ t: at(p.t), v: p.max })), size, true).map(([t, max]) => ({ t, max }));
}

