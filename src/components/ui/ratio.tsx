import type { Ratio } from '../../core/analysis/dashboard-types';
import { formatCount, formatPercent } from '../../lib/format';
import { Hint } from './hint';

/** A rate with its numerator and denominator, and the formula on hover/focus. */
export function RatioValue({ ratio, formula, className = '' }: { ratio: Ratio; formula: string; className?: string }) {
  return (
    <Hint
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
      {formatPercent(ratio.n, ratio.d)} <span className="text-xs text-muted">({formatCount(ratio.n)})</span>
    </Hint>
  );
}
