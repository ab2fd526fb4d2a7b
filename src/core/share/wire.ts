/**
 * The v1 wire layout of a shared view: positional arrays (short, and deflate-friendly), validated
 * by a valibot schema before anything reads it. Times are offsets in ms from the span start; bucket
 * times are deltas from the previous bucket. Every count is a finite integer in [0, 2^32).
 *
 *   [privacy 0|1, note, files, selection, span, window, trunks, series, cps, concurrency,
 *    breakdowns, onsets, calls, diagnosis|null]
 *
 * Changing this layout means a new version: keep this file as wire-v1, add wire-v2 and a
 * migration v1 → v2 in codec.ts (MIGRATIONS).
 */
import * as v from 'valibot';
import type { OutcomeClass } from '../model/call-record';
import { formatCount } from '../model/format-count';
import type { BreakdownRow, DashboardData, Ratio } from '../analysis/dashboard-types';
import { formatLabel } from '../formats/format-labels';
import { LIMITS, TREND_STEPS, VERDICT_IDS, type SharedView } from './view';

const OUTCOME_ORDER: readonly OutcomeClass[] = ['answered', 'capacity', 'policy', 'number', 'user', 'other', 'unknown'];

const count = v.pipe(v.number(), v.integer(), v.minValue(0), v.maxValue(LIMITS.count));
const offset = v.pipe(v.number(), v.integer(), v.minValue(-LIMITS.maxSpanMs), v.maxValue(LIMITS.maxSpanMs));
const str = (max: number) => v.pipe(v.string(), v.maxLength(max));
const list = <T extends v.GenericSchema>(item: T, max: number) => v.pipe(v.array(item), v.maxLength(max));
const bit = v.picklist([0, 1]);
/** A difference from a related count (d − attempts, …): 0 in the usual case, so it packs small. */
const diff = v.pipe(v.number(), v.integer(), v.minValue(-LIMITS.count), v.maxValue(LIMITS.count));
/** [n, d] with n ≤ d. */
const ratio = v.pipe(
  v.strictTuple([count, count]),
  v.check((r) => r[0] <= r[1], 'a rate has n > d'),
);
/** key, label, attempts, 503, 603, Δ capacity − 503, Δ policy − 603 */
const breakdownRow = v.strictTuple([str(LIMITS.key), str(LIMITS.label), count, count, count, diff, diff]);
const trunkName = str(LIMITS.trunkName);

/**
 * A trunk's table row. Counts that usually equal another one are stored as the difference
 * (commented "Δ"); the unpacked row is checked again (checkView) so a crafted difference cannot
 * produce a negative count or n > d.
 */
const trunkFields = [
  trunkName,
  count, // attempts
  count, // answered
  v.strictTuple([diff, diff]), // asr: Δ n − answered, Δ d − attempts
  v.strictTuple([diff, diff]), // ner: Δ n − attempts, Δ d − attempts
  v.pipe(v.number(), v.integer(), v.minValue(-1), v.maxValue(LIMITS.count)), // ACD in 0.1 s, -1 = null
  v.strictTuple([count, diff, diff, count, count]), // 503: n, Δ d − attempts, Δ sip − n, q850, disposition
  v.strictTuple([count, diff, diff, count, count]), // 603: same
  count, // ambiguous 403/603
  v.strictTuple([diff, diff, diff, count, count, count, count]), // by outcome: Δ answered, Δ capacity − 503 n, Δ policy − 603 n, number, user, other, unknown
  list(v.strictTuple([str(LIMITS.key), v.pipe(v.number(), v.integer(), v.minValue(0), v.maxValue(6)), count]), LIMITS.codes),
  v.strictTuple([diff, count, count, diff]), // provenance: Δ sip − attempts, q850, disposition, Δ none − 0
  list(v.pipe(v.number(), v.integer(), v.minValue(0), v.maxValue(TREND_STEPS)), LIMITS.trend), // trend in 1/TREND_STEPS
] as const;
/** SEER (RFC 6076): n, Δ d − attempts. Appended to the row: links made before it have 13 fields (SEER then reads 0 of 0, "—"). */
const seerField = v.strictTuple([count, diff]);
/** Calls in from the trunk (shown apart, in no rate). Appended after SEER: links made before it have 14 fields or 13 (none shown). */
const inboundField = count;
const trunkSchema = v.union([v.strictTuple([...trunkFields, seerField, inboundField]), v.strictTuple([...trunkFields, seerField]), v.strictTuple(trunkFields)]);

/**
 * CPS: peak, p99, levels (cps, seconds, Δ attempts − cps × seconds, 503), knee (cps, below, at or
 * above, limit: a link made before the limit was carried has 3, limit = cps − 1), peaks per bucket;
 * then a 1 where every start is on a whole minute (CpsAnalysis.wholeMinutes), or that bit and the
 * count of calls of whole-minute trunks left out (wholeMinuteCallsLeftOut); absent when neither, and
 * in links made before they were carried.
 */
const CPS_ITEMS = [
  count,
  count,
  list(v.strictTuple([count, count, diff, count]), LIMITS.levels),
  v.nullable(v.union([v.strictTuple([count, ratio, ratio, count]), v.strictTuple([count, ratio, ratio])])),
  list(v.strictTuple([offset, count]), LIMITS.buckets),
] as const;

export const wireV1Schema = v.strictTuple([
  bit, // privacy: 0 masked, 1 full
  str(LIMITS.note),
  // name, format id, label (null: the registry's label for the id), rows read, used, skipped
  list(v.strictTuple([str(LIMITS.fileName), str(LIMITS.label), v.nullable(str(LIMITS.label)), count, count, count]), LIMITS.files),
  v.strictTuple([list(trunkName, LIMITS.trunks), v.nullable(v.strictTuple([offset, offset]))]),
  v.strictTuple([v.pipe(v.number(), v.integer(), v.minValue(LIMITS.minMs), v.maxValue(LIMITS.maxMs)), v.pipe(v.number(), v.integer(), v.minValue(0), v.maxValue(LIMITS.maxSpanMs))]),
  v.strictTuple([offset, offset]),
  list(trunkSchema, LIMITS.trunks),
  v.pipe(
    // series as columns (t deltas, attempts, answered, capacity, policy, otherFailed, 503, 603): packs smaller than rows
    v.strictTuple([
      v.pipe(v.number(), v.integer(), v.minValue(1), v.maxValue(LIMITS.maxSpanMs)),
      list(offset, LIMITS.buckets),
      list(count, LIMITS.buckets),
      list(count, LIMITS.buckets),
      list(diff, LIMITS.buckets), // Δ capacity − 503
      list(diff, LIMITS.buckets), // Δ policy − 603
      list(diff, LIMITS.buckets), // Δ otherFailed − (attempts − answered − capacity − policy)
      list(count, LIMITS.buckets),
      list(count, LIMITS.buckets),
    ]),
    v.check((c) => c.slice(2).every((col) => Array.isArray(col) && col.length === c[1].length), 'series columns differ in length'),
  ),
  v.union([v.strictTuple(CPS_ITEMS), v.strictTuple([...CPS_ITEMS, v.literal(1)]), v.strictTuple([...CPS_ITEMS, bit, count])]),
  v.strictTuple([
    bit,
    count,
    list(v.strictTuple([offset, count]), LIMITS.buckets),
    list(v.strictTuple([count, count, count]), LIMITS.levels),
    v.nullable(v.strictTuple([count, count, ratio, ratio])),
  ]),
  v.strictTuple([list(breakdownRow, LIMITS.breakdownRows), list(breakdownRow, LIMITS.breakdownRows), list(breakdownRow, 24)]),
  list(v.strictTuple([trunkName, bit, offset, ratio, ratio]), LIMITS.onsets),
  count,
  v.nullable(
    v.union([
      // Diagnosis slot v1: [trunk, verdict, overrides].
      v.strictTuple([
        v.literal(1),
        list(v.strictTuple([trunkName, v.picklist(VERDICT_IDS), list(v.strictTuple([str(LIMITS.key), str(LIMITS.label)]), LIMITS.overrides)]), LIMITS.walks),
      ]),
      // Diagnosis slot v2 adds the evidence sentence: [trunk, verdict, overrides, evidence].
      v.strictTuple([
        v.literal(2),
        list(
          v.strictTuple([trunkName, v.picklist(VERDICT_IDS), list(v.strictTuple([str(LIMITS.key), str(LIMITS.label)]), LIMITS.overrides), str(LIMITS.evidence)]),
          LIMITS.walks,
        ),
      ]),
    ]),
  ),
]);

export type WireV1 = v.InferOutput<typeof wireV1Schema>;


const r2 = (r: Ratio): [number, number] => [r.n, r.d];
const ratioOf = (r: readonly [number, number]): Ratio => ({ n: r[0], d: r[1] });
const rowOut = (r: BreakdownRow): WireV1[10][0][number] => [r.key, r.label, r.attempts, r.c503, r.c603, r.capacity - r.c503, r.policy - r.c603];
const rowIn = (r: WireV1[10][0][number]): BreakdownRow => ({ key: r[0], label: r[1], attempts: r[2], c503: r[3], c603: r[4], capacity: r[5] + r[3], policy: r[6] + r[4] });

/** Delta-encode bucket times (first one from `base`). */
function deltas<T>(rows: readonly T[], t: (row: T) => number, base: number): number[] {
  let prev = base;
  return rows.map((r) => {
    const d = t(r) - prev;
    prev = t(r);
    return d;
  });
}
function undelta(ds: readonly number[], base: number): number[] {
  let t = base;
  return ds.map((d) => (t += d));
}

export function packV1(view: SharedView): WireV1 {
  const d = view.data;
  const base = d.span.fromMs;
  const sel = view.selection.window;
  const seriesT = deltas(d.series.buckets, (b) => b.t, base);
  const peakT = deltas(d.cps.peakPerBucket, (b) => b.t, base);
  const maxT = deltas(d.concurrency.maxPerBucket, (b) => b.t, base);
  const knee = d.cps.knee;
  const cpsBase = [
    d.cps.peak,
    d.cps.p99,
    d.cps.levels.map((l): [number, number, number, number] => [l.cps, l.seconds, l.attempts - l.cps * l.seconds, l.c503]),
    knee ? ([knee.cps, r2(knee.below), r2(knee.atOrAbove), knee.limit] as [number, [number, number], [number, number], number]) : null,
    d.cps.peakPerBucket.map((p, i): [number, number] => [peakT[i]!, p.peak]),
  ] as const;
  const leftOut = d.cps.wholeMinuteCallsLeftOut;
  const cpsWire: WireV1[8] = leftOut > 0 ? [...cpsBase, d.cps.wholeMinutes ? 1 : 0, leftOut] : d.cps.wholeMinutes ? [...cpsBase, 1] : [...cpsBase];
  const plateau = d.concurrency.plateau;
  return [
    view.privacy === 'full' ? 1 : 0,
    view.note,
    view.createdFrom.files.map((f) => [f.name, f.formatId, f.formatLabel === formatLabel(f.formatId) ? null : f.formatLabel, f.rows.read, f.rows.used, f.rows.skipped]),
    [view.selection.trunks.slice(), sel ? [sel.fromMs - base, sel.toMs - base] : null],
    [base, d.span.toMs - base],
    [d.window.fromMs - base, d.window.toMs - base],
    d.trunks.map((t) => [
      t.trunk,
      t.attempts,
      t.answered,
      [t.asr.n - t.answered, t.asr.d - t.attempts],
      [t.ner.n - t.attempts, t.ner.d - t.attempts],
      t.acdSec === null ? -1 : Math.round(t.acdSec * 10),
      [t.rate503.n, t.rate503.d - t.attempts, t.rate503.provenance.sip - t.rate503.n, t.rate503.provenance.q850, t.rate503.provenance.disposition],
      [t.rate603.n, t.rate603.d - t.attempts, t.rate603.provenance.sip - t.rate603.n, t.rate603.provenance.q850, t.rate603.provenance.disposition],
      t.ambiguous403or603,
      [
        t.byOutcome.answered - t.answered,
        t.byOutcome.capacity - t.rate503.n,
        t.byOutcome.policy - t.rate603.n,
        t.byOutcome.number,
        t.byOutcome.user,
        t.byOutcome.other,
        t.byOutcome.unknown,
      ],
      t.byCode.map((c) => [c.code, Math.max(0, OUTCOME_ORDER.indexOf(c.outcome)), c.count]),
      [t.provenance.sip - t.attempts, t.provenance.q850, t.provenance.disposition, t.provenance.none],
      t.trend.map((x) => Math.round(x * TREND_STEPS)),
      [t.seer.n, t.seer.d - t.attempts],
      t.inbound ?? 0,
    ]),
    [
      d.series.bucketMs,
      seriesT,
      d.series.buckets.map((b) => b.attempts),
      d.series.buckets.map((b) => b.answered),
      d.series.buckets.map((b) => b.capacity - b.c503),
      d.series.buckets.map((b) => b.policy - b.c603),
      d.series.buckets.map((b) => b.otherFailed - (b.attempts - b.answered - b.capacity - b.policy)),
      d.series.buckets.map((b) => b.c503),
      d.series.buckets.map((b) => b.c603),
    ],
    cpsWire,
    [
      d.concurrency.available ? 1 : 0,
      d.concurrency.peak,
      d.concurrency.maxPerBucket.map((p, i) => [maxT[i]!, p.max]),
      d.concurrency.levels.map((l) => [l.level, l.attempts, l.c503]),
      plateau ? [plateau.level, plateau.seconds, r2(plateau.atPlateau), r2(plateau.below)] : null,
    ],
    [d.breakdowns.prefixes.map(rowOut), d.breakdowns.callerIds.map(rowOut), d.breakdowns.hours.map(rowOut)],
    d.onsets.map((o) => [o.trunk, o.kind === '603' ? 1 : 0, o.atMs - base, r2(o.before), r2(o.after)]),
    d.calls,
    view.diagnosis ? packDiagnosis(view.diagnosis) : null,
  ];
}

/** v1 when no walk has evidence (what older links hold), else v2 with one sentence per walk. */
function packDiagnosis(d: NonNullable<SharedView['diagnosis']>): WireV1[13] {
  if (!d.walks.some((w) => w.evidence)) return [1, d.walks.map((w) => [w.trunk, w.verdict, Object.entries(w.overrides)])];
  return [2, d.walks.map((w) => [w.trunk, w.verdict, Object.entries(w.overrides), w.evidence ?? ''])];
}

export function unpackV1(w: WireV1): SharedView {
  const [privacy, note, files, selection, span, win, trunks, series, cps, conc, breakdowns, onsets, calls, diagnosis] = w;
  const base = span[0];
  const seriesT = undelta(series[1], base);
  const peakT = undelta(cps[4].map((b) => b[0]), base);
  const maxT = undelta(conc[2].map((b) => b[0]), base);
  const data: DashboardData = {
    span: { fromMs: base, toMs: base + span[1] },
    window: { fromMs: base + win[0], toMs: base + win[1] },
    trunks: trunks.map((t) => ({
      trunk: t[0],
      attempts: t[1],
      answered: t[2],
      asr: { n: t[3][0] + t[2], d: t[3][1] + t[1] },
      ner: { n: t[4][0] + t[1], d: t[4][1] + t[1] },
      seer: t.length === 14 || t.length === 15 ? { n: t[13][0], d: t[13][1] + t[1] } : { n: 0, d: 0 },
      // As the view carries it (view.ts): present only where some call came in.
      ...(t.length === 15 && t[14] > 0 ? { inbound: t[14] } : {}),
      acdSec: t[5] === -1 ? null : t[5] / 10,
      rate503: { n: t[6][0], d: t[6][1] + t[1], provenance: { sip: t[6][2] + t[6][0], q850: t[6][3], disposition: t[6][4] } },
      rate603: { n: t[7][0], d: t[7][1] + t[1], provenance: { sip: t[7][2] + t[7][0], q850: t[7][3], disposition: t[7][4] } },
      ambiguous403or603: t[8],
      byOutcome: {
        answered: t[9][0] + t[2],
        capacity: t[9][1] + t[6][0],
        policy: t[9][2] + t[7][0],
        number: t[9][3],
        user: t[9][4],
        other: t[9][5],
        unknown: t[9][6],
      },
      byCode: t[10].map((c) => ({ code: c[0], outcome: OUTCOME_ORDER[c[1]] ?? 'unknown', count: c[2] })),
      provenance: { sip: t[11][0] + t[1], q850: t[11][1], disposition: t[11][2], none: t[11][3] },
      trend: t[12].map((x) => x / TREND_STEPS),
    })),
    series: {
      bucketMs: series[0],
      buckets: seriesT.map((t, i) => ({
        t,
        attempts: series[2][i]!,
        answered: series[3][i]!,
        capacity: series[4][i]! + series[7][i]!,
        policy: series[5][i]! + series[8][i]!,
        otherFailed: series[6][i]! + (series[2][i]! - series[3][i]! - (series[4][i]! + series[7][i]!) - (series[5][i]! + series[8][i]!)),
        c503: series[7][i]!,
        c603: series[8][i]!,
      })),
    },
    cps: {
      peak: cps[0],
      p99: cps[1],
      levels: cps[2].map((l) => ({ cps: l[0], seconds: l[1], attempts: l[2] + l[0] * l[1], c503: l[3] })),
      knee: cps[3] ? { cps: cps[3][0], below: ratioOf(cps[3][1]), atOrAbove: ratioOf(cps[3][2]), limit: cps[3][3] ?? Math.max(1, cps[3][0] - 1) } : null,
      peakPerBucket: cps[4].map((p, i) => ({ t: peakT[i]!, peak: p[1] })),
      wholeMinutes: cps[5] === 1,
      wholeMinuteCallsLeftOut: cps[6] ?? 0,
    },
    concurrency: {
      available: conc[0] === 1,
      peak: conc[1],
      maxPerBucket: conc[2].map((p, i) => ({ t: maxT[i]!, max: p[1] })),
      levels: conc[3].map((l) => ({ level: l[0], attempts: l[1], c503: l[2] })),
      plateau: conc[4] ? { level: conc[4][0], seconds: conc[4][1], atPlateau: ratioOf(conc[4][2]), below: ratioOf(conc[4][3]) } : null,
    },
    breakdowns: { prefixes: breakdowns[0].map(rowIn), callerIds: breakdowns[1].map(rowIn), hours: breakdowns[2].map(rowIn) },
    onsets: onsets.map((o) => ({ trunk: o[0], kind: o[1] === 1 ? '603' : '503', atMs: base + o[2], before: ratioOf(o[3]), after: ratioOf(o[4]) })),
    calls,
  };
  const view: SharedView = {
    version: 1,
    createdFrom: { files: files.map((f) => ({ name: f[0], formatId: f[1], formatLabel: f[2] ?? formatLabel(f[1]) ?? '', rows: { read: f[3], used: f[4], skipped: f[5] } })) },
    selection: { trunks: selection[0], window: selection[1] ? { fromMs: base + selection[1][0], toMs: base + selection[1][1] } : null },
    data,
    note,
    privacy: privacy === 1 ? 'full' : 'masked',
  };
  if (diagnosis) {
    view.diagnosis = {
      version: 1,
      walks:
        diagnosis[0] === 2
          ? diagnosis[1].map((w) => ({ trunk: w[0], verdict: w[1], overrides: overridesOf(w[2]), ...(w[3] ? { evidence: w[3] } : {}) }))
          : diagnosis[1].map((w) => ({ trunk: w[0], verdict: w[1], overrides: overridesOf(w[2]) })),
    };
  }
  return view;
}

/** A null-prototype record, so a key like "__proto__" is data, not a prototype change. */
function overridesOf(entries: ReadonlyArray<readonly [string, string]>): Record<string, string> {
  const out: Record<string, string> = Object.create(null) as Record<string, string>;
  for (const [k, val] of entries) out[k] = val;
  return out;
}

/**
 * The checks the positional schema cannot make once differences are added back: every number
 * finite and ≥ 0, counts within LIMITS.count, every rate n ≤ d. Returns the first problem's path.
 */
export function checkView(view: SharedView): string | null {
  const maxTime = LIMITS.maxMs + LIMITS.maxSpanMs;
  const walk = (x: unknown, path: string): string | null => {
    if (typeof x === 'number') return Number.isFinite(x) && x >= 0 && x <= maxTime ? null : `${path}: ${x} is out of range`;
    if (Array.isArray(x)) {
      for (let i = 0; i < x.length; i++) {
        const p = walk(x[i], `${path}.${i}`);
        if (p) return p;
      }
      return null;
    }
    if (x && typeof x === 'object') {
      const o = x as Record<string, unknown>;
      if (typeof o['n'] === 'number' && typeof o['d'] === 'number' && o['n'] > o['d']) return `${path}: a rate has n > d`;
      for (const [k, val] of Object.entries(o)) {
        const p = walk(val, `${path}.${k}`);
        if (p) return p;
      }
    }
    return null;
  };
  const d = view.data;
  for (const t of d.trunks) {
    const counts = [t.attempts, t.answered, t.asr.n, t.asr.d, t.ner.n, t.ner.d, t.seer.n, t.seer.d, t.rate503.d, t.rate603.d, t.provenance.sip, ...Object.values(t.byOutcome)];
    if (counts.some((c) => c > LIMITS.count)) return `${t.trunk}: a count is out of range`;
    const impossible = moreThanAttempts(t);
    if (impossible) return `trunk “${t.trunk}”: ${impossible}`;
  }
  for (const b of d.series.buckets) if (Math.max(b.answered, b.capacity, b.policy, b.c503, b.c603, b.answered + b.capacity + b.policy) > b.attempts) return 'the timeline counts more outcomes than attempts';
  for (const row of [...d.breakdowns.prefixes, ...d.breakdowns.callerIds, ...d.breakdowns.hours]) {
    if (Math.max(row.c503, row.c603, row.capacity, row.policy, row.capacity + row.policy) > row.attempts) return `breakdown “${row.key}”: more rejections than attempts`;
  }
  for (const l of [...d.cps.levels, ...d.concurrency.levels]) if (l.c503 > l.attempts) return 'a CPS or concurrency level has more 503s than attempts';
  return walk(d, 'data');
}

/** What a trunk row counts beyond its attempts (each outcome, rate and code is a part of them), or null. */
function moreThanAttempts(t: DashboardData['trunks'][number]): string | null {
  const sum = (xs: readonly number[]) => xs.reduce((a, b) => a + b, 0);
  const parts: Array<[string, number]> = [
    ['rejected', t.byOutcome.capacity + t.byOutcome.policy],
    ['answered', t.answered],
    ['503', t.rate503.n],
    ['603', t.rate603.n],
    ['the outcomes', sum(Object.values(t.byOutcome))],
    ['the codes', sum(t.byCode.map((c) => c.count))],
    ['the rates’ attempts', Math.max(t.asr.d, t.ner.d, t.rate503.d, t.rate603.d)],
  ];
  const over = parts.find(([, n]) => n > t.attempts);
  return over ? `${over[0]} on ${formatCount(over[1])} of ${formatCount(t.attempts)} attempts` : null;
}
