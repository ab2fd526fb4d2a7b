/**
 * A link carries the sender's verdict for a trunk, and a crafted link can carry any verdict. The
 * receiver cannot re-run the diagnosis (the calls are not in the link), but it can check the verdict
 * against the numbers the link carries for that trunk: a trunk the data does not have carries no
 * verdict, "Healthy" over a trunk whose attempts were mostly rejected is contradicted, and a 503 or
 * 603 verdict needs some 503s or 603s. What is not contradicted is still only the sender's verdict.
 */
import type { TrunkStats } from '../analysis/dashboard-types';
import { ELEVATED_SHARE, MIN_REJECTS } from '../diagnosis/rules/thresholds';
import { LEAVES, type VerdictId } from '../diagnosis/tree';
import { formatCount } from '../model/format-count';
import { formatPercent } from '../model/format-percent';

export type VerdictCheck = { kind: 'no-trunk' | 'contradicted'; message: string } | null;

/** Why the carried numbers cannot support `verdict` for `trunk`, or null when they can. */
export function checkSharedVerdict(trunk: string, verdict: VerdictId, rows: readonly TrunkStats[]): VerdictCheck {
  const row = rows.find((r) => r.trunk === trunk);
  if (!row) return { kind: 'no-trunk', message: `The link names a verdict for “${trunk}”, a trunk its data does not have; it is not shown.` };
  const title = LEAVES[verdict].title;
  const capacity = row.byOutcome.capacity;
  const policy = row.byOutcome.policy;
  const rejected = capacity + policy;
  const counts = `${formatCount(rejected)} of ${formatCount(row.attempts)} attempts (${formatPercent(rejected, row.attempts)}) were rejected: ${formatCount(row.rate503.n)} got 503, ${formatCount(row.rate603.n)} got 603`;
  const contradicted = (why: string): VerdictCheck => ({ kind: 'contradicted', message: `The numbers in this link do not support the sender’s verdict “${title}”: ${why}.` });
  if (verdict === 'inconclusive') return null;
  if (row.attempts === 0) return contradicted('the trunk has no attempts in the link');
  if (verdict === 'healthy') return rejected >= MIN_REJECTS && rejected / row.attempts > ELEVATED_SHARE ? contradicted(counts) : null;
  const family = LEAVES[verdict].family;
  if (family === '503' && row.rate503.n === 0 && capacity === 0) return contradicted(`none of its ${formatCount(row.attempts)} attempts got a 503`);
  if (family === '603' && row.rate603.n === 0 && policy === 0 && row.ambiguous403or603 === 0) return contradicted(`none of its ${formatCount(row.attempts)} attempts got a 603`);
  if (rejected === 0 && row.rate503.n === 0 && row.rate603.n === 0) return contradicted(`none of its ${formatCount(row.attempts)} attempts was rejected`);
  return null;
}
