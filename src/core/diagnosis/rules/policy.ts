/**
 * The 603 side of the chart (and the destination / caller-ID concentrations of either side):
 * auth-or-disabled-trunk, destination-blocked / no-route, caller-id-blocked, carrier-policy-change.
 */
import type { BreakdownRow } from '../../analysis/dashboard-types';
import { callerIdOf, counted, destinationOf, is603, isReject, looksRefused, pct, rate, samples, wallTime, windowOf, type TrunkContext } from '../context';
import type { ReasonCause } from '../reasons';
import type { ProblemId } from '../tree';
import type { Finding } from '../types';
import { formatCount } from '../../model/format-count';
import { noSipCodesAdvice } from '../logging-advice';
import { callOnset, onsetOf } from './onset-split';
import { statedCause } from './stated';
import {
  AUTH_MAX_ANSWERED,
  AUTH_MIN_ATTEMPTS,
  AUTH_SAME_CODE_SHARE,
  FAR_ABOVE_FACTOR,
  KEY_ALWAYS_SHARE,
  KEY_MIN_ATTEMPTS,
  KEYS_MAX_TRAFFIC,
  MIN_REJECTS,
  POLICY_AFTER_SHARE,
  POLICY_MAX_BEFORE,
  REFUSED_LOOKING_MS,
  REST_MAX_SHARE,
} from './thresholds';

/** The leaf the code and phrase most failed calls carry name, when one carries ≥ half of them (reasons.ts). */
function dominantCause(ctx: TrunkContext): { cause: ReasonCause; phrase: string } | null {
  const counts = new Map<ReasonCause, { n: number; phrase: string }>();
  let failed = 0;
  for (const i of ctx.calls) {
    if (ctx.store.outcomeOf(i) === 'answered') continue;
    failed++;
    const cause = statedCause(ctx, i);
    if (!cause) continue;
    const c = counts.get(cause);
    if (c) c.n++;
    else counts.set(cause, { n: 1, phrase: `${ctx.store.sipCode[i] || ''} ${ctx.store.reasons.get(ctx.store.reason[i]!)}`.trim() });
  }
  const [cause, top] = [...counts].sort((a, b) => b[1].n - a[1].n)[0] ?? [null, { n: 0, phrase: '' }];
  return cause && top.n >= failed / 2 ? { cause, phrase: top.phrase } : null;
}

function countLooksRefused(ctx: TrunkContext): number {
  let n = 0;
  for (const i of ctx.calls) if (looksRefused(ctx, i, REFUSED_LOOKING_MS)) n++;
  return n;
}

export function authRule(ctx: TrunkContext): Finding | null {
  const s = ctx.stats;
  if (s.attempts < AUTH_MIN_ATTEMPTS || s.answered > AUTH_MAX_ANSWERED * s.attempts) return null;
  // Called-side outcomes (480/486/487/408, cleared while ringing) are the called party's, never a
  // refused trunk — unless the file shows a refusal that way (BUSY / NO ANSWER at once, dispositions).
  const refusedLooking = !ctx.caps.separates503From603 && countLooksRefused(ctx) >= AUTH_SAME_CODE_SHARE * s.attempts;
  const top = [...s.byCode]
    .filter((c) => c.outcome !== 'answered' && ((c.outcome !== 'user' && c.outcome !== 'number') || refusedLooking))
    .sort((a, b) => b.count - a.count)[0];
  if (!top || top.count < AUTH_SAME_CODE_SHARE * s.attempts) return null;
  const pick = (i: number) => ctx.store.outcomeOf(i) !== 'answered';
  const base = {
    numbers: { attempts: s.attempts, answered: s.answered, code: top.code, sameCode: { n: top.count, d: s.attempts } },
    window: windowOf(ctx, pick),
    samples: samples(ctx, pick),
    explains: top.count,
  };
  // The trunk's own first attempt (calls are in start order): the file's may be another trunk's, hours before.
  const summary = `${pct({ n: top.count, d: s.attempts })} of attempts end with ${top.code} from the trunk's first call (${wallTime(ctx.store.startMs[ctx.calls[0]!]!)}); ${formatCount(s.answered)} answered.`;
  // The phrase outranks the code: "403 Insufficient funds" on everything is a balance, not auth.
  const stated = dominantCause(ctx);
  if (stated && stated.cause !== 'auth-or-disabled-trunk') {
    return { leaf: stated.cause, confidence: 'high', summary: `${summary} The carrier says why: "${stated.phrase}".`, ...base, numbers: { ...base.numbers, phrase: stated.phrase } };
  }
  if (top.outcome === 'policy' && (ctx.caps.separates503From603 || stated)) {
    return { leaf: 'auth-or-disabled-trunk', confidence: /^(401|403|407|603)$/.test(top.code) ? 'high' : 'medium', summary, ...base };
  }
  if (top.outcome === 'capacity') {
    return {
      leaf: 'auth-or-disabled-trunk',
      confidence: 'low',
      summary: `${summary} Every call fails with a 503-like code from the start: a disabled trunk, a balance already at zero, or the local PBX.`,
      ...base,
      caveats: ['503 on everything from the start can also be out-of-funds (before the file starts) or a 503 made by the local PBX.'],
    };
  }
  // The failure is a code the file cannot name (NO ANSWER for a 403/603, cause 21 for 403 or 603).
  // Cause 21 says the call was refused, only not with which code (code-key.ts labels it 403/603).
  const unnamed = top.code === '403/603' ? 'the file says refused (Q.850 cause 21, CALL_REJECTED) without saying how: 403 Forbidden or 603 Decline' : 'the file does not say whether these are 403/603 rejections';
  return {
    leaf: 'inconclusive',
    confidence: 'medium',
    summary: `${summary} Consistent with a refused trunk, but ${unnamed}.`,
    ...base,
    candidates: ['auth-or-disabled-trunk', 'carrier-policy-change'],
    missing: [noSipCodesAdvice(ctx.families)],
  };
}


/** Rejections concentrated on a few destination prefixes or caller IDs, the rest of the trunk normal. */
export function concentrationRule(ctx: TrunkContext, dimension: 'prefixes' | 'callerIds'): Finding | null {
  const rows = ctx.data.breakdowns[dimension].filter((r) => r.key !== 'other' && r.key !== '(none)' && r.key !== '');
  const rejects = (r: BreakdownRow) => r.capacity + r.policy;
  const bad = rows.filter((r) => r.attempts >= KEY_MIN_ATTEMPTS && rejects(r) >= KEY_ALWAYS_SHARE * r.attempts);
  if (bad.length === 0) return null;
  const s = ctx.stats;
  const badAttempts = bad.reduce((n, r) => n + r.attempts, 0);
  const badRejects = bad.reduce((n, r) => n + rejects(r), 0);
  const rest = { n: s.byOutcome.capacity + s.byOutcome.policy - badRejects, d: s.attempts - badAttempts };
  // The rest of the trunk normal, or refused far less often than these keys (a trunk can have another problem too).
  const restLimit = Math.max(REST_MAX_SHARE, badRejects / badAttempts / FAR_ABOVE_FACTOR);
  if (badRejects < MIN_REJECTS || badAttempts > KEYS_MAX_TRAFFIC * s.attempts || rate(rest) > restLimit) return null;
  const c503 = bad.reduce((n, r) => n + r.c503, 0);
  const c603 = bad.reduce((n, r) => n + r.c603, 0);
  const keys = bad.map((r) => r.key);
  const matches =
    dimension === 'prefixes'
      ? (i: number) => {
          const d = destinationOf(ctx.store, i);
          return keys.some((k) => d.startsWith(k));
        }
      : (i: number) => keys.includes(callerIdOf(ctx.store, i));
  const pick = (i: number) => isReject(ctx.store, i) && matches(i);
  let leaf: ProblemId;
  let confidence: Finding['confidence'] = 'high';
  const caveatList: string[] = [];
  if (dimension === 'callerIds') {
    leaf = 'caller-id-blocked';
    if (c603 < badRejects / 2) confidence = 'medium';
  } else if (c503 >= badRejects / 2) {
    leaf = 'no-route';
    if (ctx.disposition503) confidence = 'medium';
  } else if (c603 >= badRejects / 2) {
    leaf = 'destination-blocked';
  } else {
    // 403 and kin: the reason phrase decides ("International Calling Disabled" is a route gap).
    let routeLike = 0;
    for (const i of ctx.calls) if (pick(i) && statedCause(ctx, i) === 'no-route') routeLike++;
    leaf = routeLike >= badRejects / 2 ? 'no-route' : 'destination-blocked';
    confidence = 'medium';
  }
  if ((leaf === 'destination-blocked' || leaf === 'caller-id-blocked') && !ctx.caps.separates503From603) return null;
  const label = (r: BreakdownRow) => (r.label ? `${r.key} ${r.label}` : r.key);
  const what = dimension === 'prefixes' ? counted(bad.length, 'destination prefix', 'destination prefixes') : counted(bad.length, 'caller ID', 'caller IDs');
  return {
    leaf,
    confidence,
    summary: `${what} ${bad.length === 1 ? 'fails' : 'fail'} (nearly) every time — ${bad.map((r) => `${label(r)}: ${pct({ n: rejects(r), d: r.attempts })}`).join('; ')} — while the rest of the trunk is rejected on ${pct(rest)}.`,
    numbers: {
      [dimension]: bad.map(label),
      rejected: { n: badRejects, d: badAttempts },
      c503,
      c603,
      rest,
    },
    window: windowOf(ctx, pick),
    samples: samples(ctx, pick),
    explains: badRejects,
    caveats: caveatList.length ? caveatList : undefined,
  };
}

/** 603s from a moment on, across destinations and caller IDs, on a trunk that was fine before. */
export function policyOnsetRule(ctx: TrunkContext): Finding | null {
  const near = onsetOf(ctx, '603');
  const onset = near && (rate(near.after) < POLICY_AFTER_SHARE || rate(near.before) > POLICY_MAX_BEFORE) ? callOnset(ctx, near) : near;
  if (!onset || onset.after.n < MIN_REJECTS || rate(onset.after) < POLICY_AFTER_SHARE || rate(onset.before) > POLICY_MAX_BEFORE) return null;
  const pick = (i: number) => ctx.store.startMs[i]! >= onset.atMs && is603(ctx.store, i);
  return {
    leaf: 'carrier-policy-change',
    confidence: rate(onset.before) <= 0.02 ? 'high' : 'medium',
    summary: `From ${wallTime(onset.atMs)} 603 Decline on ${pct(onset.after)} of attempts (before: ${pct(onset.before)}).`,
    numbers: { onset: wallTime(onset.atMs), before: onset.before, after: onset.after },
    // To this trunk's last declined call, not the file's end (another trunk's calls may run on for hours).
    window: { fromMs: onset.atMs, toMs: windowOf(ctx, pick)?.toMs ?? ctx.data.span.toMs },
    samples: samples(ctx, pick),
    explains: onset.after.n,
  };
}

