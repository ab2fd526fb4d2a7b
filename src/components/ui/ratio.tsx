import type { Ratio } from '../../core/analysis/dashboard-types';
import { formatCount, formatPercent } from '../../lib/format';
import { Hint } from './hint';

/** A rate with its numerator and denominator, and the formula on hover/focus. */
/** `compact`: the count in brackets only from 640 px up (a phone shows it in the trunk's details). */
export function RatioValue({ ratio, formula, className = '', tabIndex = 0, compact = false }: { ratio: Ratio; formula: string; className?: string; tabIndex?: 0 | -1; compact?: boolean }) {
  return (
    <Hint
      tabIndex={tabIndex}
      className={`whitespace-nowrap ${className}`}
      hint={
        <>
          <span className="block font-medium">{formula}</span>
          <span className="tabular">
            = {formatCount(ratio.n)} / {formatCount(ratio.d)}
          </span>
        </>
      }
    >
      {formatPercent(ratio.n, ratio.d)} <span className={`text-xs text-muted ${compact ? 'hidden sm:inline' : ''}`}>({formatCount(ratio.n)})</span>
    </Hint>
  );
}
