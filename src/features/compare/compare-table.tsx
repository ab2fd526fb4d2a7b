import type { Ratio } from '../../core/analysis/dashboard-types';
import type { PeriodRates, TrunkComparison } from '../../core/analysis/compare';
import { formatCount, formatPercent } from '../../lib/format';

/** "+30.0 pp", "−12.5 pp", "0.0 pp": percentage points, B minus A. */
export function formatPoints(points: number): string {
  const text = Math.abs(points).toFixed(1);
  return text === '0.0' ? '0.0 pp' : `${points > 0 ? '+' : '−'}${text} pp`;
}

function RateCell({ rate, known = true }: { rate: Ratio | undefined; known?: boolean }) {
  if (!rate) return <td className="px-2 py-1 text-right text-muted">—</td>;
  if (!known) return <td className="px-2 py-1 text-right text-muted" title="these calls cannot show a 603">n/a</td>;
  return (
    <td className="px-2 py-1 text-right whitespace-nowrap">
      {formatPercent(rate.n, rate.d)} <span className="text-xs text-muted">({formatCount(rate.n)})</span>
    </td>
  );
}

function DeltaCell({ points, testId }: { points: number | null; testId: string }) {
  const style = points === null || Math.abs(points) < 0.05 ? 'text-muted' : points > 0 ? 'font-medium text-danger' : 'font-medium text-answered';
  return (
    <td className={`px-2 py-1 text-right whitespace-nowrap ${style}`} data-testid={testId}>
      {points === null ? '—' : formatPoints(points)}
    </td>
  );
}

const attemptsOf = (p: PeriodRates | null) => (p ? formatCount(p.attempts) : '0');

interface Props {
  rows: readonly TrunkComparison[];
  labelA: string;
  labelB: string;
  displayName: (trunk: string) => string;
}

/**
 * Per trunk: attempts and the 503 / 603 rates in A and in B (each with its count of rejections;
 * the attempts are the denominator), and the change from A to B in percentage points — rising
 * rejections in red, falling in green, with the sign written so colour is never alone.
 */
export function CompareTable({ rows, labelA, labelB, displayName }: Props) {
  const head = 'px-2 py-1 text-right font-medium';
  return (
    // Scrolls inside its box on a phone; focusable so the keyboard can scroll it too.
    <div className="max-w-full overflow-x-auto" tabIndex={0} role="region" aria-label="Rates per trunk, A and B">
      <table className="tabular w-full text-sm" data-testid="compare-table">
        <caption className="sr-only">
          503 and 603 rates per trunk in {labelA} and {labelB}, and their difference (B minus A, percentage points)
        </caption>
        <thead className="text-muted">
          <tr className="border-b border-line">
            <th scope="col" className="px-2 py-1 text-left font-medium">
              Trunk
            </th>
            <th scope="col" className={`${head} hidden sm:table-cell`}>
              A attempts
            </th>
            <th scope="col" className={head}>
              A 503
            </th>
            <th scope="col" className={head}>
              A 603
            </th>
            <th scope="col" className={`${head} hidden sm:table-cell`}>
              B attempts
            </th>
            <th scope="col" className={head}>
              B 503
            </th>
            <th scope="col" className={head}>
              B 603
            </th>
            <th scope="col" className={head}>
              Δ 503
            </th>
            <th scope="col" className={head}>
              Δ 603
            </th>
          </tr>
        </thead>
        <tbody>
          {rows.map((r) => (
            <tr key={r.trunk} className="border-b border-line/60" data-testid="compare-row">
              <th scope="row" className="max-w-48 truncate px-2 py-1 text-left font-medium" title={displayName(r.trunk) || r.trunk}>
                {displayName(r.trunk) || r.trunk}
              </th>
              <td className="hidden px-2 py-1 text-right sm:table-cell">{attemptsOf(r.a)}</td>
              <RateCell rate={r.a?.rate503} />
              <RateCell rate={r.a?.rate603} known={r.a?.knows603 ?? true} />
              <td className="hidden px-2 py-1 text-right sm:table-cell">{attemptsOf(r.b)}</td>
              <RateCell rate={r.b?.rate503} />
              <RateCell rate={r.b?.rate603} known={r.b?.knows603 ?? true} />
              <DeltaCell points={r.delta503} testId="delta-503" />
              <DeltaCell points={r.delta603} testId="delta-603" />
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
