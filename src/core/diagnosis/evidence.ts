/**
 * The walk: per trunk, every leaf's rule looks at the trunk's own aggregates (whole span) and
 * yields a finding with a confidence, the numbers and sample calls; the strongest becomes the
 * verdict, the rest stay as further findings. No finding and no rejection share beyond background
 * → healthy; rejections beyond background without a pattern (or a pattern the file cannot name)
 * → inconclusive with what is missing.
 */
import { runToEnd } from '../analysis/run-to-end';
import { AnalysisCache, type CallIndex } from '../analysis/analysis-cache';
import { analyzeDashboard, analyzeDashboardSteps, analyzeTrunkTable } from '../analysis/analyze-dashboard';
import type { DashboardData } from '../analysis/dashboard-types';
import type { CallStore } from '../analysis/call-store';
import type { Onset, Ratio, TimeWindow, TrunkStats, TrunkTable } from '../analysis/dashboard-types';
import { shows603 } from '../analysis/call-measures';
import { KIND_503, KIND_603 } from '../analysis/code-classes';
import { countOnsetCalls, onsetCounts, onsetsOf, refineOnsets } from '../analysis/onset';
import { resolveSelection } from '../analysis/selection';
import type { FormatCapabilities, FormatFamily } from '../formats/format-module';
import { formatCount } from '../model/format-count';
import { callerIdOf, counted, wallTime, NO_CAPABILITIES, pct, rate, rejectReasons, samples, isReject, trunkCalls, type TrunkContext } from './context';
import { ReasonLookup } from './reasons';
import { rejectionCodes } from './walk';
import { calledSideRule } from './rules/called-side';
import { channelRule, cpsRule, fundsRule, replyStamped } from './rules/capacity';
import { shortOnset } from './rules/onset-split';
import { consistencyRule, consistencySteps } from './rules/consistency';
import { fewEndTimesAdvice, finalReplyStampAdvice, noCallerIdsAdvice, noSipCodesAdvice } from './logging-advice';
import { authRule, concentrationRule, policyOnsetRule } from './rules/policy';
import { sideRules } from './rules/side';
import { silentAsrDropRule, silentKeysRule } from './rules/silent';
import { SPLIT_MIN_AFTER, SPLIT_MIN_BEFORE } from '../analysis/call-split';
import { statedCause, statedRules } from './rules/stated';
import { ELEVATED_SHARE, FEW_REJECTS, FUNDS_AFTER_SHARE, FUNDS_MAX_BEFORE, HEALTHY_HIGH_ATTEMPTS, MIN_ATTEMPTS, MIN_REJECTS, POLICY_AFTER_SHARE, POLICY_MAX_BEFORE } from './rules/thresholds';
import { LEAVES, leafFor, PROBLEM_IDS, type ProblemId } from './tree';
import type { Confidence, EvidenceValue, Finding, TrunkDiagnosis } from './types';

/** What one input file says it can tell, and which trunks it named. */
export interface FileCapabilities {
  capabilities: FormatCapabilities | null;
  trunks: ReadonlyArray<{ name: string }>;
  /** The file's format: what-to-log advice names this platform only (absent: every platform's). */
  format?: { family: FormatFamily } | null;
}

export interface DiagnoseOptions {
  /** The store's cache (the worker's); one is made when absent. */
  cache?: AnalysisCache;
  /**
   * The period to diagnose: a brushed window (every rule, rate and sample call counts only the
   * calls starting in it, so the walk shows the trunk table's numbers for that window), or
   * null / absent for the whole file.
   */
  window?: TimeWindow | null;
  /** The same query's trunk table over all trunks (same window), reused when the caller already has it. */
  data?: TrunkTable;
  /** Per file; a trunk's capabilities are those of the files naming it (all must agree). */
  files: readonly FileCapabilities[];
  /** Only these trunks (in the dashboard's worst-first order); all when absent. */
  trunks?: readonly string[];
}

/** Breakdown rows (prefixes, caller IDs) the rules look at per trunk. */
export const DIAGNOSIS_TOP_N = 20;

const RANK: Record<Confidence, number> = { low: 0, medium: 1, high: 2 };
const isProblem = (leaf: string): leaf is ProblemId => (PROBLEM_IDS as readonly string[]).includes(leaf);

export function diagnoseTrunks(store: CallStore, options: DiagnoseOptions): TrunkDiagnosis[] {
  return [...diagnoseEachTrunk(store, options)];
}

/** diagnoseTrunks one trunk at a time. */
export function* diagnoseEachTrunk(store: CallStore, options: DiagnoseOptions): Generator<TrunkDiagnosis> {
  for (const d of diagnosisSteps(store, options)) if (d) yield d;
}

/**
 * diagnoseTrunks in steps: null between steps (the trunk table, a trunk's dashboard, each rule),
 * each trunk's diagnosis when it is made. A trunk's diagnosis is a dashboard analysis of its own
 * and a dozen passes over its calls (~0.1–0.4 s at a million calls): the worker answers the
 * dashboard's queries between steps instead of after the whole.
 */
export function* diagnosisSteps(store: CallStore, options: DiagnoseOptions): Generator<TrunkDiagnosis | null, void> {
  const cache = options.cache?.store === store ? options.cache : new AnalysisCache(store);
  const window = options.window ?? null;
  const all = options.data ?? analyzeTrunkTable(store, { window, trunks: [], bucketMs: null, topN: DIAGNOSIS_TOP_N }, cache);
  const period = { ...all.window, wholeFile: window === null };
  // A window's onsets are passes over every call in it, in steps of their own.
  if (window) yield null;
  const periodOnsets = window ? yield* windowOnsetSteps(cache, all.onsets, all.window) : all.onsets;
  const wanted = options.trunks ? new Set(options.trunks) : null;
  const reasons = new ReasonLookup((id) => store.reasons.get(id));
  yield null;
  for (const stats of all.trunks) {
    if (wanted && !wanted.has(stats.trunk)) continue;
    const queryOf = (w: TimeWindow | null) => ({ window: w, trunks: [stats.trunk], bucketMs: null, topN: DIAGNOSIS_TOP_N });
    const make = (w: TimeWindow | null, trunkStats: TrunkStats, trunkOnsets: Onset[], trunkData: DashboardData = analyzeDashboard(store, queryOf(w), cache)): TrunkContext => {
      return {
        name: stats.trunk,
        stats: trunkStats,
        // The rules read `span` as the period they look at: the window, when one is given.
        data: w ? { ...trunkData, span: trunkData.window } : trunkData,
        period,
        onsets: trunkOnsets,
        caps: capabilitiesOf(stats.trunk, options.files),
        families: familiesOf(stats.trunk, options.files),
        store,
        calls: trunkCalls(cache, stats.trunk, w),
        disposition503: trunkStats.rate503.provenance.disposition > trunkStats.rate503.n / 2,
        noCallerIds: trunkData.breakdowns.callerIds.every((r) => r.key === '(none)' || r.key === ''),
        reasons,
        // A part of the period (before an onset), diagnosed with the same rules; no onsets inside.
        segment: (part) => {
          const partStats = analyzeTrunkTable(store, { window: part, trunks: [stats.trunk], bucketMs: null, topN: 0 }, cache).trunks.find((t) => t.trunk === stats.trunk);
          return partStats ? { ...make(part, partStats, []), segment: () => null } : null;
        },
      };
    };
    // The trunk's dashboard over the period, a step per part (its top, each panel).
    const trunkData = yield* analyzeDashboardSteps(store, queryOf(window), cache);
    const ctx = make(window, stats, periodOnsets.filter((o) => o.trunk === stats.trunk), trunkData);
    yield null;
    yield yield* diagnoseTrunkSteps(ctx);
  }
}

/**
 * The onsets of a brushed window, one definition with the trunk table's "since": a trunk's onset
 * of the day (found over the whole span, which the table shows) is kept when it falls inside the
 * window, its before / after counted in the window; one that falls outside leaves the window
 * without an onset of that kind. Only a trunk and kind with no onset of the day get the window's
 * own (found in the window's finer buckets). Kept per window.
 */
function* windowOnsetSteps(cache: AnalysisCache, day: readonly Onset[], window: TimeWindow): Generator<null, Onset[]> {
  const sel = resolveSelection(cache, { window, trunks: [], bucketMs: null, topN: 0 });
  const key = `window-onsets:${sel.lo}:${sel.hi}`;
  const kept = cache.recentIfKept<Onset[]>(key);
  if (kept) return kept;
  const index = cache.index();
  const dayKeys = new Set(day.map((o) => `${o.kind} ${o.trunk}`));
  const counts = onsetCounts(index, sel.window);
  for (let from = sel.lo; from < sel.hi; from += ONSET_CALLS_PER_STEP) {
    if (from > sel.lo) yield null;
    countOnsetCalls(index, counts, from, Math.min(sel.hi, from + ONSET_CALLS_PER_STEP));
  }
  const own = (sel.hi > sel.lo ? refineOnsets(index, onsetsOf(index, counts), counts.bucketMs, sel.lo, sel.hi) : []).filter((o) => !dayKeys.has(`${o.kind} ${o.trunk}`));
  const inside = day.filter((o) => o.atMs >= sel.window.fromMs && o.atMs < sel.window.toMs);
  const byTrunk = new Map<number, Onset[]>();
  const counted = inside.map((o) => ({ ...o, before: { n: 0, d: 0 }, after: { n: 0, d: 0 } }));
  // Trunk ids by name once (an indexOf per onset is quadratic at 20,000 trunks).
  const idOf = new Map(index.trunkNames.map((name, t) => [name, t]));
  for (const o of counted) {
    const t = idOf.get(o.trunk) ?? -1;
    const list = byTrunk.get(t);
    if (list) list.push(o);
    else byTrunk.set(t, [o]);
  }
  for (let from = sel.lo; from < sel.hi && byTrunk.size > 0; from += ONSET_CALLS_PER_STEP) {
    yield null;
    countBeforeAfter(index, byTrunk, from, Math.min(sel.hi, from + ONSET_CALLS_PER_STEP));
  }
  const found = [...counted, ...own].sort((x, y) => x.atMs - y.atMs || x.trunk.localeCompare(y.trunk) || x.kind.localeCompare(y.kind));
  return cache.recent(key, () => found);
}

/** Calls counted between two steps of windowOnsetSteps (~1–3 ms). */
const ONSET_CALLS_PER_STEP = 1 << 16;

/** Count positions [from, to) before / after each onset of their trunk (503s or 603s as the onset's kind). */
function countBeforeAfter(index: CallIndex, byTrunk: ReadonlyMap<number, Onset[]>, from: number, to: number): void {
  for (let k = from; k < to; k++) {
    const list = byTrunk.get(index.trunk[k]!);
    if (!list) continue;
    for (const o of list) {
      const side = index.start[k]! < o.atMs ? o.before : o.after;
      side.d++;
      if (index.kind[k]! & (o.kind === '503' ? KIND_503 : KIND_603)) side.n++;
    }
  }
}

/** The files that name the trunk (all of them when none does: a store built without file lists). */
function filesOf(trunk: string, files: readonly FileCapabilities[]): readonly FileCapabilities[] {
  const naming = files.filter((f) => f.trunks.some((t) => t.name === trunk));
  return naming.length > 0 ? naming : files;
}

function familiesOf(trunk: string, files: readonly FileCapabilities[]): FormatFamily[] {
  return [...new Set(filesOf(trunk, files).flatMap((f) => (f.format ? [f.format.family] : [])))];
}

function capabilitiesOf(trunk: string, files: readonly FileCapabilities[]): FormatCapabilities {
  const relevant = filesOf(trunk, files);
  if (relevant.length === 0) return NO_CAPABILITIES;
  const caps = relevant.map((f) => f.capabilities ?? NO_CAPABILITIES);
  return {
    sipCodes: caps.every((c) => c.sipCodes),
    separates503From603: caps.every((c) => c.separates503From603),
    hasEndTimes: caps.every((c) => c.hasEndTimes),
    hasTrunk: caps.every((c) => c.hasTrunk),
  };
}

export function diagnoseTrunk(ctx: TrunkContext): TrunkDiagnosis {
  return runToEnd(diagnoseTrunkSteps(ctx));
}

/** diagnoseTrunk with a step (null) after each rule that passes over the trunk's calls. */
function* diagnoseTrunkSteps(ctx: TrunkContext): Generator<null, TrunkDiagnosis> {
  const reasons = rejectReasons(ctx);
  yield null;
  const blockedCallers = yield* consistencySteps(ctx, 'callerIds');
  yield null;
  // In the order the findings rank on a tie (bestPerLeaf keeps the first).
  const rules: Array<(() => ReadonlyArray<Finding | null>) | null> = [
    () => [authRule(ctx)],
    () => [fundsRule(ctx)],
    () => [cpsRule(ctx)],
    () => [channelRule(ctx)],
    () => [concentrationRule(ctx, 'prefixes')],
    () => [concentrationRule(ctx, 'callerIds')],
    () => [blockedCallers],
    // The numbers rule is a generator of its own (below): a pass over every call, paused inside.
    null,
    () => [policyOnsetRule(ctx)],
    () => statedRules(ctx),
  ];
  if (!ctx.caps.separates503From603) rules.push(() => [silentKeysRule(ctx, 'prefixes')], () => [silentKeysRule(ctx, 'callerIds')], () => [silentAsrDropRule(ctx)]);
  const candidates: Array<Finding | null> = [];
  for (const rule of rules) {
    candidates.push(...(rule ? rule() : [yield* consistencySteps(ctx, 'numbers', otherCause(ctx, blockedCallers))]));
    yield null;
  }
  const before = beforeOnset(ctx, candidates);
  yield null;
  const found = bestPerLeaf([...candidates, ...before].filter((f): f is Finding => f !== null).map((f) => capped(ctx, f)));
  // A trunk refused as a whole explains everything: concentrations and onsets inside it are noise.
  const whole = found.find((f) => f.numbers.sameCode !== undefined);
  const ranked = (whole ? [whole] : found).sort(byStrength);
  const beyond = whole ? null : beyondFindings(ctx, found);
  let primary = beyond ?? ranked[0] ?? null;
  const rest = whole ? found.filter((f) => f !== whole) : beyond ? ranked : ranked.slice(1);
  if (!primary) primary = calledSideRule(ctx) ?? unexplained(ctx);
  const side = sideRules(ctx, reasons);
  const verdict = primary ? primary.leaf : 'healthy';
  const sipCoded = ctx.stats.provenance.sip > 0;
  const leaf = leafFor(LEAVES[isProblem(verdict) || verdict === 'inconclusive' ? verdict : 'healthy'], { sipCoded, attempts: ctx.stats.attempts });
  return {
    trunk: ctx.name,
    period: ctx.period,
    attempts: ctx.stats.attempts,
    knows603: shows603(ctx.stats),
    sipCoded,
    rejectCodes: rejectionCodes(ctx.stats.byCode),
    codes: Object.fromEntries(ctx.stats.byCode.map((c) => [c.code, c.count])),
    rate503: { n: ctx.stats.rate503.n, d: ctx.stats.rate503.d },
    rate603: { n: ctx.stats.rate603.n, d: ctx.stats.rate603.d },
    verdict: isProblem(verdict) || verdict === 'inconclusive' ? verdict : 'healthy',
    confidence: primary ? primary.confidence : healthyConfidence(ctx),
    title: leaf.title,
    fix: leaf.fix,
    evidence: primary,
    findings: [...rest, ...side],
  };
}

/** Stronger first: confidence, a named leaf over inconclusive, calls explained, the carrier's own words on a tie. */
/**
 * Segments: a trunk that fails (nearly) everything from a moment on (out of funds, a policy
 * change) is diagnosed again before that moment, where the other patterns live (CPS bursts all
 * day, a caller ID refused all along): each finding keeps its own window and numbers.
 */
function beforeOnset(ctx: TrunkContext, found: ReadonlyArray<Finding | null>): Finding[] {
  const step = found.find((f) => f && (f.leaf === 'out-of-funds' || f.leaf === 'carrier-policy-change') && f.numbers.after !== undefined && f.window);
  if (!step?.window || step.window.fromMs <= ctx.data.span.fromMs) return [];
  const seg = ctx.segment({ fromMs: ctx.data.span.fromMs, toMs: step.window.fromMs });
  if (!seg || seg.stats.attempts < MIN_ATTEMPTS) return [];
  const label = `Before ${wallTime(step.window.fromMs)}: `;
  const rules = [cpsRule(seg), channelRule(seg), concentrationRule(seg, 'prefixes'), concentrationRule(seg, 'callerIds'), consistencyRule(seg, 'callerIds')];
  return rules.filter((f): f is Finding => f !== null && f.leaf !== step.leaf).map((f) => ({ ...f, summary: label + f.summary, numbers: { ...f.numbers, segment: `${wallTime(seg.data.span.fromMs)} → ${wallTime(step.window!.fromMs)}` } }));
}

/**
 * Calls a number's refusals must not be blamed on: those of caller IDs refused every time (their
 * numbers are refused because of the caller ID) and those the carrier says another reason for.
 */
function otherCause(ctx: TrunkContext, callers: Finding | null): (i: number) => boolean {
  const blocked = new Set(callers && callers.leaf !== 'no-route' && Array.isArray(callers.numbers.callerIds) ? callers.numbers.callerIds : []);
  // Their digits first: the text of every call's caller ID was most of the numbers rule's time.
  const blockedDigits = new Set([...blocked].map(Number));
  const { callerDigits } = ctx.store;
  return (i) => {
    const stated = statedCause(ctx, i);
    if (stated !== null && stated !== 'no-route' && stated !== 'destination-blocked') return true;
    return blockedDigits.has(callerDigits[i]!) && blocked.has(callerIdOf(ctx.store, i));
  };
}

const byStrength = (a: Finding, b: Finding): number =>
  RANK[b.confidence] - RANK[a.confidence] ||
  Number(isProblem(b.leaf)) - Number(isProblem(a.leaf)) ||
  b.explains - a.explains ||
  Number(b.numbers.stated !== undefined) - Number(a.numbers.stated !== undefined);

/** One finding per problem leaf (the strongest); inconclusive findings each stay. */
function bestPerLeaf(found: Finding[]): Finding[] {
  const best = new Map<string, Finding>();
  const out: Finding[] = [];
  for (const f of found) {
    if (!isProblem(f.leaf)) {
      out.push(f);
      continue;
    }
    const had = best.get(f.leaf);
    if (!had || byStrength(f, had) < 0) best.set(f.leaf, f);
  }
  return [...best.values(), ...out];
}

/**
 * Confidence follows n: a shape (a knee, a concentration, an onset) seen on fewer than
 * MIN_ATTEMPTS attempts is at most low; a carrier's own words (`stated`) keep theirs.
 */
function capped(ctx: TrunkContext, f: Finding): Finding {
  if (ctx.stats.attempts >= MIN_ATTEMPTS || f.numbers.stated !== undefined || f.confidence === 'low') return f;
  return { ...f, confidence: 'low' };
}

/** Healthy is as sure as the sample is large, and as the file can show: background needs a few hundred calls to show as such. */
function healthyConfidence(ctx: TrunkContext): TrunkDiagnosis['confidence'] {
  if (ctx.stats.attempts >= HEALTHY_HIGH_ATTEMPTS && ctx.caps.separates503From603) return 'high';
  return 'medium';
}

/**
 * The trunk's verdict when its findings explain fewer of its rejections than they leave: those left
 * are beyond background (MIN_REJECTS, ELEVATED_SHARE) and outnumber the ones the findings explain
 * together (their sum: findings may share calls, so the rest is never overstated). Then the rest is
 * the verdict, inconclusive, and the findings stay beside it: a carrier's "403 Invalid Caller ID"
 * on 3 of 40 attempts must not make the verdict of a trunk whose 12 other rejections, 503s on every
 * caller ID, show no pattern (nor its ticket say the other caller IDs are fine). null otherwise.
 */
function beyondFindings(ctx: TrunkContext, found: readonly Finding[]): Finding | null {
  const s = ctx.stats;
  const rejects = s.byOutcome.capacity + s.byOutcome.policy;
  const explained = Math.min(rejects, found.filter((f) => isProblem(f.leaf)).reduce((n, f) => n + f.explains, 0));
  const left = rejects - explained;
  if (explained === 0 || left < MIN_REJECTS || left <= ELEVATED_SHARE * s.attempts || left <= explained) return null;
  return unexplained(ctx, explained);
}

/**
 * Failures beyond background of no class a rule reads (a portal's plain `failed`, a 488 or a 481:
 * OutcomeClass 'other'), on a trunk whose 503s and 603s are at background: inconclusive, not
 * healthy. A plain `failed` may hide a carrier's limit, its refusal or a bad number.
 */
function failedWithoutReason(ctx: TrunkContext): Finding | null {
  const s = ctx.stats;
  const failed = { n: s.byOutcome.other, d: s.attempts };
  if (failed.n < FEW_REJECTS || rate(failed) <= ELEVATED_SHARE) return null;
  const codes = s.byCode
    .filter((c) => c.outcome === 'other')
    .sort((a, b) => b.count - a.count)
    .slice(0, 3)
    .map((c) => `${c.code} × ${formatCount(c.count)}`);
  return {
    leaf: 'inconclusive',
    confidence: 'low',
    summary: `Attempts that failed as neither a limit (503) nor a refusal (603): ${pct(failed)}, ${codes.join(', ')}. ${
      ctx.caps.sipCodes ? 'The flowchart has no branch for these codes' : "The file says only that they failed: it cannot tell a carrier's limit from its refusal or a bad number"
    }; ASR ${pct(s.asr)}.`,
    numbers: { failedOtherwise: failed, asr: { n: s.asr.n, d: s.asr.d } },
    window: null,
    samples: samples(ctx, (i) => ctx.store.outcomeOf(i) === 'other'),
    explains: 0,
    candidates: [],
    missing: [ctx.caps.sipCodes ? otherCodesAdvice(s.byCode.filter((c) => c.outcome === 'other').map((c) => c.code)) : noSipCodesAdvice(ctx.families)],
  };
}

/** What the failures of no flowchart branch mean, by code (RFC 3261, RFC 8224), as far as a code alone says. */
const OTHER_CODE_MEANINGS: ReadonlyMap<string, string> = new Map([
  ['400', '400: a request the far end could not parse'],
  ['415', '415: a body type it does not take'],
  ['420', '420 / 421: a SIP extension one side requires and the other lacks'],
  ['421', '420 / 421: a SIP extension one side requires and the other lacks'],
  ['428', '428 Use Identity Header: the far end wants calls signed (STIR/SHAKEN); ask the carrier how your calls are attested'],
  ['481', '481: a dialog the far end no longer knows (often NAT or a proxy restart)'],
  ['482', '482 / 483: a routing loop'],
  ['483', '482 / 483: a routing loop'],
  ['488', '488: no codec or media the two sides share'],
  ['501', '501: a method the far end does not implement'],
]);

/** The meanings of the codes found (OTHER_CODE_MEANINGS), or where to read them. */
function otherCodesAdvice(codes: readonly string[]): string {
  const meanings = [...new Set(codes.map((c) => OTHER_CODE_MEANINGS.get(c.replace(/\D/g, '').slice(0, 3))).filter((m): m is string => m !== undefined))];
  const where = '"Results by code and reason" lists them with the words the carrier sent';
  return meanings.length > 0 ? `What these codes mean: ${meanings.join('; ')}. ${where}.` : `${where}: none is a limit or a refusal this flowchart reads.`;
}

const DAY_MS = 86_400_000;

/**
 * Over several days (a period longer than 24 hours) a trunk's rejections can stay under
 * background for the period as a whole while one day is far above it (a CPS limit lowered on
 * day 2 of 2: 180 of 3,240 that day, 0 the day before, 2.8 % overall). Not healthy, then: the day
 * is named, to be diagnosed alone.
 */
function oneDayBeyondBackground(ctx: TrunkContext): Finding | null {
  const { store, calls } = ctx;
  if (calls.length === 0) return null;
  // Days of their own: a file of a day or less that runs past midnight is one day of traffic.
  if (store.startMs[calls[calls.length - 1]!]! - store.startMs[calls[0]!]! <= DAY_MS) return null;
  const days = new Map<number, Ratio>();
  for (const i of calls) {
    const day = Math.floor(store.startMs[i]! / DAY_MS);
    let r = days.get(day);
    if (!r) days.set(day, (r = { n: 0, d: 0 }));
    r.d++;
    if (isReject(store, i)) r.n++;
  }
  let worst: { day: number; r: Ratio } | null = null;
  for (const [day, r] of days) if (r.n >= MIN_REJECTS && rate(r) > ELEVATED_SHARE && (!worst || rate(r) > rate(worst.r))) worst = { day, r };
  if (!worst) return null;
  const { day, r } = worst;
  const others: Ratio = { n: ctx.stats.byOutcome.capacity + ctx.stats.byOutcome.policy - r.n, d: ctx.stats.attempts - r.d };
  const date = wallTime(day * DAY_MS).slice(0, 10);
  return {
    leaf: 'inconclusive',
    confidence: 'low',
    summary: `Rejections beyond background on ${date}: ${pct(r)}, against ${pct(others)} on the other days; over the whole period they stay under background.`,
    numbers: { dayRejects: r, otherDays: others, day: date },
    window: { fromMs: day * DAY_MS, toMs: (day + 1) * DAY_MS },
    samples: samples(ctx, (i) => isReject(store, i) && Math.floor(store.startMs[i]! / DAY_MS) === day),
    explains: r.n,
    candidates: [],
    missing: [`A diagnosis of ${date} alone: choose that day above the timeline (or type it as From / To) and the walk counts only its calls.`],
  };
}

/** What a run of failures too short for an onset (rules/onset-split.ts shortOnset) shows, and what an onset needs. */
function shortOnsetAdvice(run: Onset, like: string, attempts: number): string {
  return `An onset: from ${wallTime(run.atMs)} ${run.kind} on ${pct(run.after)} of attempts (before: ${pct(run.before)}), as when ${like}, but an onset needs ${SPLIT_MIN_BEFORE} attempts before it and ${SPLIT_MIN_AFTER} from it on to be told from chance; this trunk has ${formatCount(attempts)} (a longer export or a wider window).`;
}

/**
 * The trunk's attempts in the period start at least two whole seconds apart, each from the one
 * before. Stamps are whole seconds: two in consecutive seconds (10:00:00 and 10:00:01) may be a
 * few ms apart, over a carrier's one-a-second limit counted on a sliding window, though no second
 * holds two of them.
 */
function attemptsAlwaysApart(ctx: TrunkContext): boolean {
  const { calls, store } = ctx;
  for (let k = 1; k < calls.length; k++) {
    if (store.startMs[calls[k]!]! - store.startMs[calls[k - 1]!]! < MIN_APART_MS) return false;
  }
  return true;
}
const MIN_APART_MS = 2000;

/**
 * Rejections beyond background that no rule explains: inconclusive, with what the file lacks.
 * `explained`: how many of them the trunk's findings explain (beyondFindings), 0 when it has none.
 */
function unexplained(ctx: TrunkContext, explained = 0): Finding | null {
  const s = ctx.stats;
  const rejects = { n: s.byOutcome.capacity + s.byOutcome.policy, d: s.attempts };
  const r503 = { n: s.rate503.n, d: s.rate503.d };
  // As the table and the walk: a 603 rate where these calls cannot show one is n/a, not 0 %.
  const r603: EvidenceValue = shows603(s) ? { n: s.rate603.n, d: s.rate603.d } : 'n/a';
  const r603Text = typeof r603 === 'string' ? r603 : pct(r603);
  const failed = s.attempts - s.answered;
  if (s.attempts === 0) {
    const inbound = s.inbound ?? 0;
    return {
      leaf: 'inconclusive',
      confidence: 'low',
      summary: `No outbound attempts on this trunk${inbound > 0 ? `: the ${counted(inbound, 'call', 'calls')} here came in from it` : ''}. Only calls sent to a carrier have a 503 or 603 rate.`,
      numbers: { attempts: 0, ...(inbound > 0 ? { inbound } : {}) },
      window: null,
      samples: [],
      explains: 0,
      candidates: [],
      missing: ['Outbound calls on this trunk: an export of the calls sent to the carrier (or a wider window).'],
    };
  }
  if (s.attempts < MIN_ATTEMPTS) {
    // Never healthy on a handful of calls: say how many a verdict needs.
    return {
      leaf: 'inconclusive',
      confidence: 'low',
      summary: `Only ${formatCount(s.attempts)} attempts: too few to tell a problem from background (a verdict needs at least ${MIN_ATTEMPTS}); ${pct(rejects)} rejected (503: ${pct(r503)}, 603: ${r603Text}), ${pct(s.asr)} answered.`,
      numbers: { attempts: s.attempts, minAttempts: MIN_ATTEMPTS, rejects, rate503: r503, rate603: r603 },
      window: null,
      samples: samples(ctx, (i) => isReject(ctx.store, i)),
      explains: rejects.n - explained,
      candidates: [],
      missing: [`More calls: a verdict needs at least ${MIN_ATTEMPTS} attempts on the trunk (${formatCount(MIN_ATTEMPTS - s.attempts)} more; a longer export or a wider window).`],
    };
  }
  if (failed >= MIN_REJECTS && s.byOutcome.unknown >= failed / 2) {
    return {
      leaf: 'inconclusive',
      confidence: 'low',
      summary: `The file says nothing about why calls failed (${pct({ n: s.byOutcome.unknown, d: failed })} of failed attempts have no code, cause or disposition); ASR ${pct(s.asr)}.`,
      numbers: { failedWithoutCode: { n: s.byOutcome.unknown, d: failed }, asr: { n: s.asr.n, d: s.asr.d } },
      window: null,
      samples: [],
      explains: 0,
      // No code at all: the file holds evidence for no leaf in particular.
      candidates: [],
      missing: [noSipCodesAdvice(ctx.families)],
    };
  }
  if (rejects.n < FEW_REJECTS || rate(rejects) <= ELEVATED_SHARE) return failedWithoutReason(ctx) ?? oneDayBeyondBackground(ctx);
  const missing: string[] = [];
  if (rejects.n < MIN_REJECTS) missing.push(`More calls: a pattern (a CPS knee, a channel plateau, a prefix or caller ID refused every time, an onset) needs at least ${MIN_REJECTS} rejections; this trunk has ${formatCount(rejects.n)}.`);
  const candidates: ProblemId[] = [];
  const capacityHeavy = s.byOutcome.capacity >= s.byOutcome.policy;
  // No knee found, and the file's times cannot show one (attempts stamped at their final reply): said, not guessed.
  const stamped = capacityHeavy ? replyStamped(ctx) : null;
  if (capacityHeavy) {
    // A per-second limit is passed only by two attempts within a second of each other: a trunk whose
    // attempts are always two whole seconds apart or more cannot have been refused for its rate
    // (unless its seconds are not the INVITEs': stamped at the final reply, or lost to HH:MM).
    if (stamped || ctx.data.cps.wholeMinutes || !attemptsAlwaysApart(ctx)) candidates.push('cps-limit');
    candidates.push('channel-cap');
    if (stamped) missing.push(finalReplyStampAdvice(stamped));
    // Every start on a whole minute: the CPS panel counts nothing per second either (cps.ts).
    if (ctx.data.cps.wholeMinutes) missing.push('Seconds in the start times: every start in this file is on a whole minute (a spreadsheet that saved HH:MM), so calls per second cannot be counted. Export the times with seconds.');
    if (!ctx.caps.hasEndTimes)
      missing.push('End times (or durations): without them concurrency, hence a channel cap, cannot be checked. Export the end / duration column.');
    else if (!ctx.data.concurrency.available) missing.push(fewEndTimesAdvice(ctx.families, stamped !== null));
    else
      missing.push(
        'Neither a CPS knee nor a concurrency plateau shows. Check that the durations cover ring time too (a talk-only duration hides the channels held while ringing) and that start times are the INVITE, not the answer.',
      );
    // Calls that succeed and then (nearly) all fail, on a trunk too short for an onset (call-split.ts):
    // a balance run out the file cannot tell from chance, so not ruled out.
    const run = shortOnset(ctx, '503', FUNDS_AFTER_SHARE, FUNDS_MAX_BEFORE);
    if (run) {
      candidates.push('out-of-funds');
      missing.push(shortOnsetAdvice(run, 'a balance runs out', s.attempts));
    }
  } else {
    // What the codes point to: 401/407 challenges unanswered are credentials, 603s a block or a filter.
    const auth = s.byCode.filter((c) => /^(401|407)$/.test(c.code)).reduce((n, c) => n + c.count, 0);
    if (auth >= s.byOutcome.policy / 2) candidates.push('auth-or-disabled-trunk');
    else candidates.push(...(ctx.noCallerIds ? [] : (['caller-id-blocked'] as ProblemId[])), 'destination-blocked', 'carrier-policy-change');
    if (ctx.noCallerIds) missing.push(noCallerIdsAdvice(ctx.families));
    if (!ctx.caps.separates503From603) missing.push(noSipCodesAdvice(ctx.families));
    // The 603 side of the same: a policy change on a trunk too short for an onset.
    const run = shortOnset(ctx, '603', POLICY_AFTER_SHARE, POLICY_MAX_BEFORE);
    if (run) missing.push(shortOnsetAdvice(run, 'a carrier changes a policy or filter', s.attempts));
  }
  const pick = (i: number) => isReject(ctx.store, i);
  return {
    leaf: 'inconclusive',
    confidence: 'low',
    summary: `Rejections beyond background (${pct(rejects)}; 503: ${pct(r503)}, 603: ${r603Text})${explained > 0 ? `: ${formatCount(explained)} of them explained by the findings also listed for this trunk, the remaining ${formatCount(rejects.n - explained)}` : ''}${rejects.n < MIN_REJECTS ? ', too few to show a pattern' : ' without a pattern this file can show'}.${stamped ? ` The file stamps attempts at their final reply (${formatCount(stamped.n)} of ${formatCount(stamped.d)} answered calls at their answer), so calls per second here are not the rate the carrier saw: no CPS knee can be told (peak ${ctx.data.cps.peak} per second as stamped).` : ''}`,
    numbers: { rejects, rate503: r503, rate603: r603, ...(explained > 0 ? { explainedByFindings: explained } : {}), ...(stamped ? { answeredStampedAtReply: stamped, peakCpsAsStamped: ctx.data.cps.peak } : {}) },
    window: null,
    samples: samples(ctx, pick),
    explains: rejects.n - explained,
    candidates,
    // What was looked for, not a claim about the calls: a change too early in a short file shows no onset.
    missing: missing.length ? missing : [`No rule matched: no onset (it needs ${SPLIT_MIN_BEFORE} attempts before it), no destination prefix or caller ID refused (nearly) every time, no reason phrase that names a cause.`],
  };
}
