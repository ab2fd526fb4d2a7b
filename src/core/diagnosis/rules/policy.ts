/**
 * The 603 side of the chart (and the destination / caller-ID concentrations of either side):
 * auth-or-disabled-trunk, destination-blocked / no-route, caller-id-blocked, carrier-policy-change.
 */
import type { BreakdownRow } from '../../analysis/dashboard-types';
import { callerIdOf, destinationOf, is603, isReject, pct, rate, samples, wallTime, windowOf, type TrunkContext } from '../context';
import type { ProblemId } from '../tree';
import type { Finding } from '../types';
import { onsetOf } from './onset-split';
import {
  AUTH_MAX_ANSWERED,
  AUTH_MIN_ATTEMPTS,
  AUTH_SAME_CODE_SHARE,
  KEY_ALWAYS_SHARE,
  KEY_MIN_ATTEMPTS,
  KEYS_MAX_TRAFFIC,
  MIN_REJECTS,
  POLICY_AFTER_SHARE,
  POLICY_MAX_BEFORE,
  REST_MAX_SHARE,
} from './thresholds';

const NO_SIP_CODES =
  'The file cannot tell a 603 Decline from other failures (it logs a disposition or a Q.850 cause, not the SIP code). Log the SIP code and reason: Asterisk `Set(CDR(userfield)=${HANGUPCAUSE(${HANGUPCAUSE_KEYS()},tech)})` in the h extension; FreeSWITCH `${sip_term_status}` in the CDR template; VICIdial: the Carrier Log.';

const NO_ROUTE_PHRASE = /international|not allowed|no route|route|not provisioned|unallocated/i;
const FUNDS_LIKE = /fund|balance|credit|payment/i;
const CALLER_ID_LIKE = /caller.?id|\bcli\b|\bani\b|calling number/i;

/** The reason phrase most failed calls carry, when one carries ≥ half of them (and is not just the code's name). */
function dominantPhrase(ctx: TrunkContext): string | null {
  const counts = new Map<string, number>();
  let failed = 0;
  for (const i of ctx.calls) {
    if (ctx.store.outcomeOf(i) === 'answered') continue;
    failed++;
    const r = ctx.store.reasons.get(ctx.store.reason[i]!);
    if (r) counts.set(r, (counts.get(r) ?? 0) + 1);
  }
  const [text, n] = [...counts].sort((a, b) => b[1] - a[1])[0] ?? ['', 0];
  return n >= failed / 2 && n > 0 ? text : null;
}

export function authRule(ctx: TrunkContext): Finding | null {
  const s = ctx.stats;
  if (s.attempts < AUTH_MIN_ATTEMPTS || s.answered > AUTH_MAX_ANSWERED * s.attempts) return null;
  const top = [...s.byCode].filter((c) => c.outcome !== 'answered').sort((a, b) => b.count - a.count)[0];
  if (!top || top.count < AUTH_SAME_CODE_SHARE * s.attempts) return null;
  const pick = (i: number) => ctx.store.outcomeOf(i) !== 'answered';
  const base = {
    numbers: { attempts: s.attempts, answered: s.answered, code: top.code, sameCode: { n: top.count, d: s.attempts } },
    window: windowOf(ctx, pick),
    samples: samples(ctx, pick),
    explains: top.count,
  };
  const summary = `${pct({ n: top.count, d: s.attempts })} of attempts end with ${top.code} from the first call of the file (${wallTime(ctx.data.span.fromMs)}); ${s.answered} answered.`;
  // The phrase outranks the code: "403 Insufficient funds" on everything is a balance, not auth.
  const phrase = dominantPhrase(ctx);
  if (phrase) {
    const leaf: ProblemId | null = FUNDS_LIKE.test(phrase) ? 'out-of-funds' : CALLER_ID_LIKE.test(phrase) ? 'caller-id-blocked' : NO_ROUTE_PHRASE.test(phrase) ? 'no-route' : null;
    if (leaf) return { leaf, confidence: 'high', summary: `${summary} The carrier says why: "${phrase}".`, ...base, numbers: { ...base.numbers, phrase } };
  }
  if (top.outcome === 'policy' && ctx.caps.separates503From603) {
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
  return {
    leaf: 'inconclusive',
    confidence: 'medium',
    summary: `${summary} Consistent with a refused trunk, but the file does not say whether these are 403/603 rejections.`,
    ...base,
    candidates: ['auth-or-disabled-trunk', 'carrier-policy-change'],
    missing: [NO_SIP_CODES],
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
  if (badRejects < MIN_REJECTS || badAttempts > KEYS_MAX_TRAFFIC * s.attempts || rate(rest) > REST_MAX_SHARE) return null;
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
    for (const i of ctx.calls) if (pick(i) && NO_ROUTE_PHRASE.test(ctx.store.reasons.get(ctx.store.reason[i]!))) routeLike++;
    leaf = routeLike >= badRejects / 2 ? 'no-route' : 'destination-blocked';
    confidence = 'medium';
  }
  if ((leaf === 'destination-blocked' || leaf === 'caller-id-blocked') && !ctx.caps.separates503From603) return null;
  const label = (r: BreakdownRow) => (r.label ? `${r.key} ${r.label}` : r.key);
  const what = dimension === 'prefixes' ? 'destination prefixes' : 'caller IDs';
  return {
    leaf,
    confidence,
    summary: `${bad.length} ${what} fail (nearly) every time — ${bad.map((r) => `${label(r)}: ${pct({ n: rejects(r), d: r.attempts })}`).join('; ')} — while the rest of the trunk is rejected on ${pct(rest)}.`,
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
  const onset = onsetOf(ctx, '603');
  if (!onset || onset.after.n < MIN_REJECTS || rate(onset.after) < POLICY_AFTER_SHARE || rate(onset.before) > POLICY_MAX_BEFORE) return null;
  const pick = (i: number) => ctx.store.startMs[i]! >= onset.atMs && is603(ctx.store, i);
  return {
    leaf: 'carrier-policy-change',
    confidence: rate(onset.before) <= 0.02 ? 'high' : 'medium',
    summary: `From ${wallTime(onset.atMs)} 603 Decline on ${pct(onset.after)} of attempts (before: ${pct(onset.before)}).`,
    numbers: { onset: wallTime(onset.atMs), before: onset.before, after: onset.after },
    window: { fromMs: onset.atMs, toMs: ctx.data.span.toMs },
    samples: samples(ctx, pick),
    explains: onset.after.n,
  };
}

export { NO_SIP_CODES };
