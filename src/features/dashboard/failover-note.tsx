import { memo } from 'react';
import type { TrunkStats } from '../../core/analysis/dashboard-types';
import { FAILOVER_WINDOW_MS, type TrunkFailover } from '../../core/analysis/failover';
import { formatCount } from '../../lib/format';

interface Props {
  failover: readonly TrunkFailover[];
  trunks: readonly TrunkStats[];
  displayName: (trunk: string) => string;
}

/**
 * Under the trunk table: per trunk, how many of its rejections (capacity + policy, as counted in
 * the table) the same number retried on another trunk right after, and how those retries ended.
 */
export const FailoverNote = memo(function FailoverNote({ failover, trunks, displayName }: Props) {
  if (failover.length === 0) return null;
  const seconds = FAILOVER_WINDOW_MS / 1000;
  return (
    <div className="mt-3 border-t border-line pt-3 text-sm" data-testid="failover">
      <p className="text-muted">
        Failover: rejections (503/603 and kin) whose number was dialled again on another trunk within {seconds} s. Each try counts on its own trunk.
      </p>
      <ul className="tabular mt-1 space-y-0.5">
        {failover.map((f) => {
          const stats = trunks.find((t) => t.trunk === f.trunk);
          const rejected = stats ? stats.byOutcome.capacity + stats.byOutcome.policy : null;
          return (
            <li key={f.trunk} data-trunk={f.trunk}>
              <span className="font-medium">{displayName(f.trunk) || f.trunk}</span>: {formatCount(f.retriedElsewhere)}
              {rejected !== null ? ` of ${formatCount(rejected)}` : ''} rejection{f.retriedElsewhere === 1 && rejected === null ? '' : 's'} retried elsewhere — {formatCount(f.answered)} answered,{' '}
              {formatCount(f.rejectedAgain)} rejected again, {formatCount(f.other)} other
            </li>
          );
        })}
      </ul>
    </div>
  );
});
