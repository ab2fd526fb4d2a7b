import { memo, useMemo } from 'react';
import type { CodeReasonRow, TrunkStats } from '../../core/analysis/dashboard-types';
import { formatCount, formatPercent } from '../../lib/format';
import { ChartCard } from '../../components/charts/chart-card';

const CLASS_STYLE: Record<string, string> = {
  capacity: 'text-capacity',
  policy: 'text-policy',
  answered: 'text-answered',
};

interface Props {
  /** The selected trunks' table rows in the window (attempts, provenance, codes without phrases). */
  trunks: TrunkStats[];
  /** By code and reason phrase (live); null in a shared view, whose link carries codes only. */
  codeReasons: CodeReasonRow[] | null;
  subject: string;
}

/**
 * Final results of the selected trunks in the window by code and reason phrase, as the file wrote
 * the phrase (VICIdial's carrier log shows SIP HANGUP REASON the same way), with how the codes are
 * known.
 */
export const CodesPanel = memo(function CodesPanel({ trunks, codeReasons, subject }: Props) {
  const { rows, attempts, provenance } = useMemo(() => {
    let total = 0;
    const known = { sip: 0, q850: 0, disposition: 0, none: 0 };
    const merged = new Map<string, CodeReasonRow>();
    for (const t of trunks) {
      total += t.attempts;
      known.sip += t.provenance.sip;
      known.q850 += t.provenance.q850;
      known.disposition += t.provenance.disposition;
      known.none += t.provenance.none;
      if (codeReasons) continue;
      for (const c of t.byCode) {
        const m = merged.get(c.code);
        if (m) m.count += c.count;
        else merged.set(c.code, { code: c.code, outcome: c.outcome, reason: '', count: c.count });
      }
    }
    const list = codeReasons ?? [...merged.values()].sort((a, b) => b.count - a.count);
    return { rows: list, attempts: total, provenance: known };
  }, [trunks, codeReasons]);
  return (
    <ChartCard
      title="Results by code and reason"
      subtitle={subject}
      exportName="codes"
      testId="codes-panel"
      csv={() => ({ columns: ['code', 'reason', 'class', 'count', 'share_of_attempts'], rows: rows.map((r) => [r.code, r.reason, r.outcome, r.count, attempts > 0 ? r.count / attempts : 0]) })}
    >
      <div className="max-h-80 overflow-y-auto">
        <table className="tabular w-full text-left text-sm">
          <thead className="sticky top-0 bg-panel text-muted">
            <tr>
              <th scope="col" className="py-1 pr-2 font-medium">
                Code
              </th>
              <th scope="col" className="py-1 pr-2 font-medium">
                Reason as written
              </th>
              <th scope="col" className="py-1 text-right font-medium">
                Calls
              </th>
            </tr>
          </thead>
          <tbody>
            {rows.map((r) => (
              <tr key={`${r.code}\u0000${r.outcome}\u0000${r.reason}`} className="border-t border-line" data-testid="code-reason-row">
                <th scope="row" className={`py-1 pr-2 font-medium whitespace-nowrap ${CLASS_STYLE[r.outcome] ?? ''}`}>
                  {r.code}
                  {/* "answered answered": a code named by its class says it once. */}
                  {r.code.toLowerCase() !== r.outcome && <span className="ml-1 text-xs font-normal text-muted">{r.outcome}</span>}
                </th>
                <td className="py-1 pr-2 break-words">{r.reason || <span className="text-muted">—</span>}</td>
                <td className="py-1 text-right whitespace-nowrap">
                  {formatCount(r.count)} <span className="text-xs text-muted">{formatPercent(r.count, attempts)}</span>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <p className="mt-3 text-xs text-muted">
        Codes known from: {formatCount(provenance.sip)} stated SIP codes · {formatCount(provenance.q850)} mapped from a cause (shown ≈) · {formatCount(provenance.disposition)} inferred from a disposition
        {provenance.none > 0 && ` · ${formatCount(provenance.none)} unknown`}.{codeReasons ? '' : ' Reason phrases are not in shared links.'}
      </p>
    </ChartCard>
  );
});
