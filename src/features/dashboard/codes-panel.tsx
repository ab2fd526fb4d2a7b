import { memo } from 'react';
import type { CodeCount, TrunkStats } from '../../core/analysis/dashboard-types';
import { formatCount, formatPercent } from '../../lib/format';
import { ChartCard } from '../charts/chart-card';

const CLASS_STYLE: Record<string, string> = {
  capacity: 'text-capacity',
  policy: 'text-policy',
  answered: 'text-answered',
};

/** Final results of the selected trunks in the window, by code, with how the codes are known. */
export const CodesPanel = memo(function CodesPanel({ trunks, subject }: { trunks: TrunkStats[]; subject: string }) {
  const merged = new Map<string, CodeCount>();
  let attempts = 0;
  const provenance = { sip: 0, q850: 0, disposition: 0, none: 0 };
  for (const t of trunks) {
    attempts += t.attempts;
    provenance.sip += t.provenance.sip;
    provenance.q850 += t.provenance.q850;
    provenance.disposition += t.provenance.disposition;
    provenance.none += t.provenance.none;
    for (const c of t.byCode) {
      const m = merged.get(c.code);
      if (m) m.count += c.count;
      else merged.set(c.code, { ...c });
    }
  }
  const rows = [...merged.values()].sort((a, b) => b.count - a.count);
  return (
    <ChartCard
      title="Results by code"
      subtitle={subject}
      exportName="codes"
      testId="codes-panel"
      csv={() => ({ columns: ['code', 'class', 'count'], rows: rows.map((r) => [r.code, r.outcome, r.count]) })}
    >
      <ul className="tabular grid grid-cols-2 gap-x-6 gap-y-1 text-sm">
        {rows.slice(0, 16).map((r) => (
          <li key={r.code} className="flex justify-between gap-2 border-b border-line py-0.5">
            <span className={`font-medium ${CLASS_STYLE[r.outcome] ?? ''}`}>
              {r.code}
              {/* "answered answered": a code named by its class says it once. */}
              {r.code.toLowerCase() !== r.outcome && <span className="ml-1 text-xs font-normal text-muted">{r.outcome}</span>}
            </span>
            <span>
              {formatCount(r.count)} <span className="text-xs text-muted">{formatPercent(r.count, attempts)}</span>
            </span>
          </li>
        ))}
      </ul>
      <p className="mt-3 text-xs text-muted">
        Codes known from: {formatCount(provenance.sip)} stated SIP codes · {formatCount(provenance.q850)} mapped from a cause (shown ≈) · {formatCount(provenance.disposition)} inferred from a disposition
        {provenance.none > 0 && ` · ${formatCount(provenance.none)} unknown`}.
      </p>
    </ChartCard>
  );
});
