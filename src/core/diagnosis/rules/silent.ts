/**
 * Files that cannot tell a 603 from a busy or an unanswered call (Asterisk Master.csv and FreePBX
 * dispositions, FreeSWITCH cause names): the 603 family can only be `inconclusive`. These rules
 * find the shape such a file still shows — keys never answered, an ASR that collapses from a
 * moment on — and say what is missing instead of naming a leaf.
 */
import { counted, looksRefused, pct, rate, samples, wallTime, type TrunkContext } from '../context';
import { DigitKeys } from '../digit-keys';
import type { Finding } from '../types';
import { formatCount } from '../../model/format-count';
import { noSipCodesAdvice } from '../logging-advice';
import { KEY_ALWAYS_SHARE, KEYS_MAX_TRAFFIC, REFUSED_LOOKING_MS, SILENT_ASR_DROP, SILENT_EXPECTED_ANSWERS, SILENT_MIN_SIDE } from './thresholds';

export function silentKeysRule(ctx: TrunkContext, dimension: 'prefixes' | 'callerIds'): Finding | null {
  const keys = ctx.data.breakdowns[dimension].map((r) => r.key).filter((k) => k !== 'other' && k !== '(none)' && k !== '');
  if (keys.length < 2) return null;
  // A call's key: the longest prefix row its destination starts with, or the caller-ID row it is.
  const matcher = new DigitKeys(keys, dimension === 'prefixes' ? 'prefix' : 'exact');
  const { store } = ctx;
  const digits = dimension === 'prefixes' ? store.destDigits : store.callerDigits;
  const lengths = dimension === 'prefixes' ? store.destLength : store.callerLength;
  const keyOf = (i: number): number => matcher.match(digits[i]!, lengths[i]!);
  const attemptsByKey = new Uint32Array(keys.length);
  const answeredByKey = new Uint32Array(keys.length);
  const refusedByKey = new Uint32Array(keys.length);
  for (const i of ctx.calls) {
    const k = keyOf(i);
    if (k < 0) continue;
    attemptsByKey[k]!++;
    if (store.outcomeOf(i) === 'answered') answeredByKey[k]!++;
    else if (looksRefused(ctx, i, REFUSED_LOOKING_MS)) refusedByKey[k]!++;
  }
  const attempts = new Map<string, number>();
  const answered = new Map<string, number>();
  keys.forEach((key, k) => {
    if (attemptsByKey[k]! > 0) attempts.set(key, (attempts.get(key) ?? 0) + attemptsByKey[k]!);
    if (answeredByKey[k]! > 0) answered.set(key, (answered.get(key) ?? 0) + answeredByKey[k]!);
  });
  const s = ctx.stats;
  // Never answered, and ended the way a refusal does (at once): calls cleared while ringing, busy
  // after ringing or cancelled are the called side's, and a person trying prefixes is no block.
  const refused = new Map<string, number>();
  keys.forEach((key, k) => refused.set(key, (refused.get(key) ?? 0) + refusedByKey[k]!));
  const silent = [...attempts].filter(([k, n]) => (answered.get(k) ?? 0) === 0 && (refused.get(k) ?? 0) >= KEY_ALWAYS_SHARE * n).map(([k, n]) => ({ k, n }));
  const silentAttempts = silent.reduce((n, x) => n + x.n, 0);
  const rest = { n: s.answered, d: s.attempts - silentAttempts };
  const asr = rate(rest);
  const strong = silent.filter((x) => x.n * asr >= SILENT_EXPECTED_ANSWERS);
  if (strong.length === 0 || silentAttempts > KEYS_MAX_TRAFFIC * s.attempts) return null;
  const strongKeys = strong.map((x) => x.k);
  // Per key index, not a text search per call: the sample scan visits every call of the trunk.
  const strongSet = new Set(strongKeys);
  const isStrong = Uint8Array.from(keys, (key) => (strongSet.has(key) ? 1 : 0));
  const pick = (i: number) => {
    const k = keyOf(i);
    return k >= 0 && isStrong[k] === 1;
  };
  const what = dimension === 'prefixes' ? counted(strong.length, 'destination prefix', 'destination prefixes') : counted(strong.length, 'caller ID', 'caller IDs');
  return {
    leaf: 'inconclusive',
    confidence: 'medium',
    summary: `${what} ${strong.length === 1 ? 'was' : 'were'} never answered (${strong.map((x) => `${x.k}: 0 of ${formatCount(x.n)}`).join('; ')}) while the rest of the trunk answers ${pct(rest)}: consistent with a block, but the file cannot show a 603.`,
    numbers: { [dimension]: strongKeys, neverAnswered: strong.reduce((n, x) => n + x.n, 0), restAsr: rest },
    window: null,
    samples: samples(ctx, pick),
    explains: strong.reduce((n, x) => n + x.n, 0),
    candidates: dimension === 'prefixes' ? ['destination-blocked', 'no-route'] : ['caller-id-blocked'],
    missing: [noSipCodesAdvice(ctx.families)],
  };
}

/** The ASR falls and stays down from a bucket on (the best split of the trunk's series). */
export function silentAsrDropRule(ctx: TrunkContext): Finding | null {
  const b = ctx.data.series.buckets;
  const totalA = b.reduce((n, x) => n + x.attempts, 0);
  const totalOk = b.reduce((n, x) => n + x.answered, 0);
  let bestAt = -1;
  let bestRatio = 1;
  let bestGap = 0;
  let before = { n: 0, d: 0 };
  let after = { n: 0, d: 0 };
  let a = 0;
  let ok = 0;
  let bestC503 = 0;
  let c503 = 0;
  const totalC503 = b.reduce((n, x) => n + x.c503, 0);
  for (let k = 0; k < b.length; k++) {
    const x = b[k]!;
    if (a >= SILENT_MIN_SIDE && totalA - a >= SILENT_MIN_SIDE) {
      const r0 = ok / a;
      const r1 = (totalOk - ok) / (totalA - a);
      // The split with the largest fall (not the smallest ratio: a short tail would win that).
      if (r0 > 0 && r0 - r1 > bestGap) {
        bestGap = r0 - r1;
        bestRatio = r1 / r0;
        bestAt = k;
        before = { n: ok, d: a };
        after = { n: totalOk - ok, d: totalA - a };
        bestC503 = totalC503 - c503;
      }
    }
    a += x.attempts;
    ok += x.answered;
    c503 += x.c503;
  }
  if (bestAt < 0 || bestRatio > SILENT_ASR_DROP || before.n < SILENT_EXPECTED_ANSWERS) return null;
  // Failures after the drop that the file shows as 503-like are the 503 side's (out-of-funds), not silent.
  if (bestC503 >= (after.d - after.n) / 2) return null;
  const atMs = b[bestAt]!.t;
  // …and they must end the way a refusal does (at once), not ring out: a busy extension or a
  // scanner's unanswered attempts are no carrier's policy.
  let failedAfter = 0;
  let refusedAfter = 0;
  for (const i of ctx.calls) {
    if (ctx.store.startMs[i]! < atMs || ctx.store.outcomeOf(i) === 'answered') continue;
    failedAfter++;
    if (looksRefused(ctx, i, REFUSED_LOOKING_MS)) refusedAfter++;
  }
  if (refusedAfter < KEY_ALWAYS_SHARE * failedAfter) return null;
  const pick = (i: number) => ctx.store.startMs[i]! >= atMs && ctx.store.outcomeOf(i) !== 'answered';
  return {
    leaf: 'inconclusive',
    confidence: 'medium',
    summary: `From about ${wallTime(atMs)} the answer rate fell to ${pct(after)} (before: ${pct(before)}) and the file shows no 503-like failures: consistent with a carrier policy change, but the file cannot show a 603.`,
    numbers: { from: wallTime(atMs), asrBefore: before, asrAfter: after },
    window: { fromMs: atMs, toMs: ctx.data.span.toMs },
    samples: samples(ctx, pick),
    explains: after.d - after.n,
    // Not out-of-funds: that shows as FAILED (503-like) here, excluded above.
    candidates: ['carrier-policy-change'],
    missing: [noSipCodesAdvice(ctx.families)],
  };
}
