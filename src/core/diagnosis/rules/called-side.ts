/**
 * The called side's outcomes are not a carrier's: 480 Temporarily Unavailable, 486 Busy Here,
 * 487 Request Terminated (we cancelled while it rang), 408, and a cause-16 NORMAL_CLEARING without
 * an answer (hung up while it rang). A trunk whose failures are (nearly) all of these, and that
 * answers (almost) nothing, is not refused by its carrier: nothing to name, and no carrier leaf is
 * "consistent" with it. Said as an inconclusive with no candidates, so it is never called healthy.
 */
import { looksRefused, pct, samples, type TrunkContext } from '../context';
import type { Finding } from '../types';
import { formatCount } from '../../model/format-count';
import { AUTH_MAX_ANSWERED, CALLED_SIDE_SHARE, MIN_ATTEMPTS, REFUSED_LOOKING_MS } from './thresholds';

export function calledSideRule(ctx: TrunkContext): Finding | null {
  const s = ctx.stats;
  const failed = s.attempts - s.answered;
  if (s.attempts < MIN_ATTEMPTS || s.answered > AUTH_MAX_ANSWERED * s.attempts || failed === 0) return null;
  // In a file of dispositions a refusal shows as BUSY / NO ANSWER at once: those are not the called side's.
  let called = 0;
  for (const i of ctx.calls) if (ctx.store.outcomeOf(i) === 'user' && !looksRefused(ctx, i, REFUSED_LOOKING_MS)) called++;
  if (called < CALLED_SIDE_SHARE * failed) return null;
  const codes = s.byCode
    .filter((c) => c.outcome === 'user')
    .sort((a, b) => b.count - a.count)
    .slice(0, 4)
    .map((c) => `${c.code} × ${formatCount(c.count)}`)
    .join(', ');
  return {
    leaf: 'inconclusive',
    confidence: 'low',
    summary: `${pct({ n: s.answered, d: s.attempts })} answered; the failures are the called side's (${codes}: busy, unanswered or cancelled while ringing), not a carrier's rejection.`,
    numbers: { answered: { n: s.answered, d: s.attempts }, calledSide: { n: called, d: failed } },
    window: null,
    samples: samples(ctx, (i) => ctx.store.outcomeOf(i) === 'user'),
    explains: 0,
    candidates: [],
    missing: [
      'A carrier rejection to diagnose: these calls reached the called side (or were cancelled by us while ringing). If nothing is ever answered, check ring timeouts and where the calls go (the destination, an extension, a scanner trying numbers).',
    ],
  };
}
