import type { Ratio } from '../../core/analysis/dashboard-types';
import { formatCount, formatPercent } from '../../lib/format';
import { Hint } from './hint';

/**
 * A rate with its numerator and denominator, and the formula on hover/focus. Each text is one
 * string (a template, not JSX pieces): one DOM text node, not one per piece, so a brush that
 * rewrites a table of these has fewer nodes to diff and write.
 *
 * `compact` (the trunk table): no count on a phone (the trunk's details show it), the count under
 * the percentage up to 1280 px, beside it above.
 */
export function RatioValue({ ratio, formula, className = '', tabIndex = 0, compact = false }: { ratio: Ratio; formula: string; className?: string; tabIndex?: 0 | -1; compact?: boolean }) {
  return (
    <Hint
      tabIndex={tabIndex}
      className={`whitespace-nowrap ${className}`}
      formula
      hint={`${formula}\n= ${formatCount(ratio.n)} / ${formatCount(ratio.d)}`}
    >
      {`${formatPercent(ratio.n, ratio.d)} `}
      <span className={`text-xs text-muted ${compact ? 'hidden sm:block xl:inline' : ''}`}>{`(${formatCount(ratio.n)})`}</span>
    </Hint>
  );
}
