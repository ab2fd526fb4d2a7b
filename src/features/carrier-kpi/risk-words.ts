import type { KpiJudgement } from '../../core/analysis/kpi-thresholds';
import { formatPercent } from '../../lib/format';

/**
 * What the panel says a carrier is likely to do next, one phrase per risk. A refusal names the
 * codes that made it: a trunk refused only with 403s (authentication, a disabled trunk, no funds)
 * must not read as a 603 policy block, which is what the walk tells apart.
 */
export function riskWords(j: KpiJudgement): string[] {
  const attempts = j.values['503'].d;
  const bare603 = j.values['603'].n;
  return j.risk.map((r) => {
    if (r === 'throttling') return `throttle: 503 and kin on ${formatPercent(j.counts.capacity, attempts)} of attempts`;
    if (r === 'likely-block') return 'block: its traffic looks like robocalls to a carrier';
    const share = formatPercent(j.counts.policy, attempts);
    // Calls that cannot show a 603 (dispositions, plain causes): which codes refused them is unknown.
    if (j.values['603'].value === null) return `refuse: 603 and kin on ${share} of attempts`;
    if (bare603 === 0) return `refuse: 403, 607, 608 and kin (no 603) on ${share} of attempts`;
    if (bare603 >= j.counts.policy) return `refuse: 603 on ${share} of attempts`;
    return `refuse: 603 and kin (403, 607, 608…) on ${share} of attempts (603 itself on ${formatPercent(bare603, attempts)})`;
  });
}
