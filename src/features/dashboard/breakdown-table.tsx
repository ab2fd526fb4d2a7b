import { memo } from 'react';
import type { BreakdownRow } from '../../core/analysis/dashboard-types';
import { RatioValue } from '../../components/ui/ratio';
import { formatCount, formatPercent } from '../../lib/format';
import { ChartCard } from '../../components/charts/chart-card';
import { NotAvailable603 } from '../../components/ui/not-available-603';

interface Props {
  title: string;
  keyLabel: string;
  rows: BreakdownRow[];
  exportName: string;
  subject: string;
  /** The selection's calls can show a 603 (call-measures.ts shows603); else the 603 column says n/a. */
  shows603: boolean;
}

/**
 * Attempts, every rejection (503, 603 and their kin: 403, 402, 500…) and the 503 / 603 rates per
 * destination prefix, caller ID or hour (top N + other). Counts and shares as in the trunk table: on a
 * phone the rates alone in smaller type (the formula on focus and the CSV carry the counts), so all five
 * columns fit a 390 px screen without scrolling sideways.
 */
export const BreakdownTable = memo(function BreakdownTable({ title, keyLabel, rows, exportName, subject, shows603 }: Props) {
  const total = rows.reduce((n, r) => n + r.attempts, 0);
  return (
    <ChartCard
      title={title}
      subtitle={subject}
      exportName={exportName}
      testId={exportName}
      csv={() => ({
        columns: [keyLabel, 'label', 'attempts', 'all_rejections', 'sip_503', 'sip_603', 'capacity', 'policy'],
        rows: rows.map((r) => [r.key, r.label, r.attempts, r.capacity + r.policy, r.c503, shows603 ? r.c603 : 'n/a', r.capacity, r.policy]),
      })}
    >
      {rows.length === 0 || total === 0 ? (
        <p className="py-6 text-center text-muted">{exportName === 'caller-ids' ? 'This file has no caller IDs.' : 'Nothing to show in this selection.'}</p>
      ) : (
        <div className="max-h-80 overflow-auto">
          <table className="tabular w-full text-left text-xs sm:text-sm">
            <thead className="sticky top-0 bg-panel text-muted">
              <tr>
                <th scope="col" className="py-1 pr-2 font-medium">
                  {keyLabel}
                </th>
                <th scope="col" className="py-1 pr-2 text-right font-medium">
                  Attempts
                </th>
                <th scope="col" className="py-1 pr-2 text-right font-medium">
                  <span title="All rejections: 503, 603 and their kin (403, 402, 500…)">Rejected</span>
                </th>
                <th scope="col" className="py-1 pr-2 text-right font-medium">
                  503
                </th>
                <th scope="col" className="py-1 text-right font-medium">
                  603
                </th>
              </tr>
            </thead>
            <tbody>
              {rows.map((r) => (
                <tr key={r.key} className="border-t border-line">
                  <th scope="row" className="py-1 pr-2 font-normal">
                    <span className="font-mono">{r.key}</span> {r.label && <span className="text-muted">{r.label}</span>}
                  </th>
                  <td className="py-1 pr-2 text-right">
                    {`${formatCount(r.attempts)} `}
                    <span className="hidden text-xs text-muted sm:inline">{formatPercent(r.attempts, total)}</span>
                  </td>
                  <td className="py-1 pr-2 text-right">
                    <RatioValue ratio={{ n: r.capacity + r.policy, d: r.attempts }} formula={`All rejections (capacity + policy: 503, 603, 403, 402, 500…) / attempts for ${r.key}`} compact />
                  </td>
                  <td className="py-1 pr-2 text-right text-capacity">
                    <RatioValue ratio={{ n: r.c503, d: r.attempts }} formula={`503s / attempts for ${r.key}`} compact />
                  </td>
                  <td className="py-1 text-right text-policy">
                    {shows603 ? <RatioValue ratio={{ n: r.c603, d: r.attempts }} formula={`603s / attempts for ${r.key}`} compact /> : <NotAvailable603 />}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </ChartCard>
  );
});
