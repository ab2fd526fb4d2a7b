import { memo, useCallback, useId, useMemo, useState } from 'react';
import { DEFAULT_KPI_THRESHOLDS, judgeKpi, SHORT_MAX_SEC, validThresholds, type CarrierKpi, type KpiJudgement, type KpiMeasure, type KpiRow, type KpiThresholds, type KpiValue } from '../../core/analysis/kpi-thresholds';
import { formatCount, formatPercent } from '../../lib/format';
import { riskWords } from './risk-words';
import { loadKpiThresholds, saveKpiThresholds } from '../../lib/local-settings';

/** Rows of each table: the flagged first, then by attempts. The rest are counted, not drawn. */
const SHOWN_ROWS = 12;

interface Props {
  kpi: CarrierKpi;
  /** The trunks the caller-ID table covers (none = every trunk). */
  selected: readonly string[];
  displayName: (trunk: string) => string;
}

/**
 * "What the carrier sees": per trunk and per caller ID, the numbers a carrier's quality and fraud
 * rules watch (ASR, ACD, short calls, 503 and 603 shares) against limits the user can change,
 * defaulting to published carrier terms (kpi-thresholds.ts), and what the carrier is likely to do
 * next where a limit is crossed.
 */
export const KpiPanel = memo(function KpiPanel({ kpi, selected, displayName }: Props) {
  const [thresholds, setThresholds] = useState<KpiThresholds>(loadKpiThresholds);
  // Stable, so the memoized form is not redrawn by a brush.
  const update = useCallback((next: KpiThresholds) => {
    setThresholds(next);
    saveKpiThresholds(next);
  }, []);
  const scope = selected.length === 0 ? 'every trunk' : selected.map(displayName).join(', ');
  return (
    <section id="kpi-panel" aria-labelledby="kpi-title" className="min-w-0 rounded-xl border border-line bg-panel p-5" data-testid="kpi-panel">
      <h2 id="kpi-title" className="text-lg font-semibold">
        What the carrier sees
      </h2>
      <p className="mt-1 text-sm text-muted">
        ASR, ACD, short calls and the 503 / 603 shares, against the limits carriers apply: a flagged number is what a carrier is likely to throttle or block next, often before any SIP code says so.
      </p>
      <KpiTable caption="Trunks" rows={kpi.trunks} total={kpi.totals.trunks} thresholds={thresholds} keyLabel="Trunk" label={displayName} testId="kpi-trunks" />
      <KpiTable caption={`Caller IDs on ${scope}`} rows={kpi.callerIds} total={kpi.totals.callerIds} thresholds={thresholds} keyLabel="Caller ID" label={callerLabel} testId="kpi-caller-ids" />
      <ThresholdForm thresholds={thresholds} onChange={update} />
    </section>
  );
});

const callerLabel = (key: string) => (key === '(none)' ? '(no caller ID)' : key);

const COLUMNS: ReadonlyArray<{ measure: KpiMeasure; title: (t: KpiThresholds) => string; limit: (t: KpiThresholds) => string }> = [
  { measure: 'asr', title: () => 'ASR let through', limit: (t) => `answered ÷ attempts the carrier did not reject; flagged below ${t.minAsrPct} %` },
  { measure: 'acd', title: () => 'ACD', limit: (t) => `talk seconds ÷ answered calls; flagged below ${t.minAcdSec} s` },
  { measure: 'short', title: (t) => `Short ≤ ${t.shortSec} s`, limit: (t) => `answered for ${t.shortSec} s or less ÷ answered calls; flagged over ${t.maxShortPct} %` },
  { measure: '503', title: () => '503', limit: (t) => `503 ÷ attempts; flagged over ${t.max503Pct} %` },
  { measure: '603', title: () => '603', limit: (t) => `603 ÷ attempts; flagged over ${t.max603Pct} %` },
];

function KpiTable({ caption, rows, total, thresholds, keyLabel, label, testId }: { caption: string; rows: readonly KpiRow[]; total: number; thresholds: KpiThresholds; keyLabel: string; label: (key: string) => string; testId: string }) {
  const judge = useMemo(() => judgeOnce(thresholds), [thresholds]);
  const judged = rows.map((row) => ({ row, j: judge(row) }));
  judged.sort((a, b) => b.j.risk.length - a.j.risk.length || b.row.attempts - a.row.attempts);
  const shown = judged.slice(0, SHOWN_ROWS);
  const flagged = judged.filter((x) => x.j.risk.length > 0).length;
  // Judged: the busiest rows the worker counted (all of them unless there are very many).
  const judgedText = judged.length < total ? ` among the ${formatCount(judged.length)} with the most attempts` : '';
  return (
    // Focusable and named: on a phone the table scrolls sideways inside its box, by keyboard too; the
    // row names stay in view while it does.
    <div className="relative mt-4 max-w-full overflow-x-auto" data-testid={testId} tabIndex={0} role="region" aria-label={caption}>
      <table className="w-full text-sm tabular">
        <caption className="text-left font-medium">
          {caption}{' '}
          <span className="font-normal text-muted">
            · {flagged === 0 ? 'nothing flagged' : `${formatCount(flagged)} flagged`}
            {judgedText}
            {total > shown.length ? ` · showing ${shown.length} of ${formatCount(total)}` : ''}
          </span>
          <span className="block text-xs font-normal text-muted sm:hidden" aria-hidden="true">
            Scroll sideways for the other columns →
          </span>
        </caption>
        <thead className="text-left text-muted">
          <tr>
            <th scope="col" className="sticky left-0 bg-panel py-1 pr-3 font-normal">
              {keyLabel}
            </th>
            <th scope="col" className="py-1 pr-3 text-right font-normal">
              Attempts
            </th>
            {COLUMNS.map((c) => (
              <th key={c.measure} scope="col" className="py-1 pr-3 text-right font-normal whitespace-nowrap" title={c.limit(thresholds)}>
                {c.title(thresholds)}
              </th>
            ))}
            <th scope="col" className="py-1 font-normal">
              Carrier likely to…
            </th>
          </tr>
        </thead>
        <tbody>
          {shown.length === 0 && (
            <tr>
              <td colSpan={COLUMNS.length + 3} className="py-2 text-muted">
                No attempts in this selection.
              </td>
            </tr>
          )}
          {shown.map(({ row, j }) => (
            <KpiTableRow key={row.key} row={row} j={j} thresholds={thresholds} label={label} />
          ))}
        </tbody>
      </table>
    </div>
  );
}

/**
 * judgeKpi under these thresholds, once per row object: an answer keeps the rows whose numbers did
 * not change (use-dashboard's replaceEqualDeep), so their judgement keeps its identity too and
 * their memoized table rows skip re-rendering (a selection leaves the trunk table's rows as they were).
 */
function judgeOnce(thresholds: KpiThresholds): (row: KpiRow) => KpiJudgement {
  const judged = new WeakMap<KpiRow, KpiJudgement>();
  return (row) => {
    let j = judged.get(row);
    if (!j) {
      j = judgeKpi(row, thresholds);
      judged.set(row, j);
    }
    return j;
  };
}

const KpiTableRow = memo(function KpiTableRow({ row, j, thresholds, label }: { row: KpiRow; j: KpiJudgement; thresholds: KpiThresholds; label: (key: string) => string }) {
  return (
    <tr className="border-t border-line" data-key={row.key}>
      <th scope="row" className="sticky left-0 max-w-32 truncate bg-panel py-1 pr-3 text-left font-normal sm:max-w-48" title={label(row.key)}>
        {label(row.key)}
      </th>
      <td className="py-1 pr-3 text-right">{formatCount(row.attempts)}</td>
      {COLUMNS.map((c) => (
        <td key={c.measure} className="py-1 pr-3 text-right whitespace-nowrap">
          <KpiCell value={j.values[c.measure]} limit={c.limit(thresholds)} />
        </td>
      ))}
      <td className="min-w-64 py-1 text-sm">
        <RiskText j={j} thresholds={thresholds} />
      </td>
    </tr>
  );
});

const EMPTY_CELL: Record<KpiMeasure, string> = {
  asr: 'The carrier rejected every attempt: no call was let through',
  acd: 'No answered call with a talk time',
  short: 'No answered call with a talk time',
  '503': 'No attempts',
  '603': 'n/a: these calls cannot show a 603 (dispositions or plain causes)',
};

function KpiCell({ value, limit }: { value: KpiValue; limit: string }) {
  if (value.value === null) {
    return (
      <span className="text-muted" title={EMPTY_CELL[value.measure]}>
        {value.measure === '603' && value.d > 0 ? 'n/a' : '—'}
      </span>
    );
  }
  // 503 and 603 read as in the trunk table; the measures only this panel shows keep one decimal, so
  // a value just under its limit does not read as the limit itself (39.6 %, not 40 %).
  const text =
    value.measure === 'acd'
      ? `${value.value.toFixed(1)} s`
      : value.measure === '503' || value.measure === '603'
        ? formatPercent(value.n, value.d)
        : `${Number.isInteger(value.value) ? value.value : value.value.toFixed(1)} %`;
  const detail = value.measure === 'acd' ? `${formatCount(value.n)} talk seconds over ${formatCount(value.d)} answered calls` : `${formatCount(value.n)} of ${formatCount(value.d)}`;
  return (
    <span className={value.flagged ? 'font-semibold text-danger' : ''} title={`${detail}; ${limit}`}>
      {text}
      {value.flagged && <span className="sr-only"> (flagged)</span>}
    </span>
  );
}

function RiskText({ j, thresholds }: { j: KpiJudgement; thresholds: KpiThresholds }) {
  if (j.tooFew) return <span className="text-muted">too few attempts to judge (under {formatCount(thresholds.minAttempts)})</span>;
  if (j.risk.length === 0) return <span className="text-muted">nothing flagged</span>;
  const words = riskWords(j);
  return <span className="text-danger">{words.join('; ')}</span>;
}

const FIELDS: ReadonlyArray<{ key: keyof KpiThresholds; label: string; unit: string; max: number; source: string }> = [
  { key: 'minAsrPct', label: 'Lowest ASR of the calls let through', unit: '%', max: 100, source: 'call-centre minimum in a SIP-trunk provider’s published terms' },
  { key: 'minAcdSec', label: 'Lowest ACD', unit: 's', max: 3600, source: 'the same terms' },
  { key: 'shortSec', label: 'A short call lasts at most', unit: 's', max: SHORT_MAX_SEC, source: 'Telnyx: short duration calls are 6 s or less' },
  { key: 'maxShortPct', label: 'Most short calls', unit: '% of answered', max: 100, source: 'Telnyx allows 15 %' },
  { key: 'max503Pct', label: 'Most 503s', unit: '% of attempts', max: 100, source: 'Trunk Triage’s default' },
  { key: 'max603Pct', label: 'Most 603s', unit: '% of attempts', max: 100, source: 'Trunk Triage’s default' },
  { key: 'minAttempts', label: 'Judge from', unit: 'attempts', max: 100000, source: 'fewer mean nothing to a carrier either' },
];

const ThresholdForm = memo(function ThresholdForm({ thresholds, onChange }: { thresholds: KpiThresholds; onChange: (t: KpiThresholds) => void }) {
  const id = useId();
  return (
    <details className="mt-4 text-sm">
      <summary className="cursor-pointer text-accent">Limits (from published carrier terms; set your contract’s)</summary>
      <div className="mt-2 grid gap-2 sm:grid-cols-2 lg:grid-cols-3">
        {FIELDS.map((f) => (
          <label key={f.key} htmlFor={`${id}-${f.key}`} className="flex flex-col gap-0.5">
            <span>
              {f.label} <span className="text-muted">({f.unit})</span>
            </span>
            <input
              id={`${id}-${f.key}`}
              type="number"
              min={0}
              max={f.max}
              step={1}
              value={thresholds[f.key]}
              onChange={(e) => {
                // Past its range a value is held at the limit (150 % reads as 100 %), not reset.
                const v = e.currentTarget.valueAsNumber;
                if (Number.isFinite(v)) onChange(validThresholds({ ...thresholds, [f.key]: Math.min(f.max, Math.max(0, v)) }));
              }}
              className="w-32 rounded border border-line bg-canvas px-2 py-1 tabular"
            />
            <span className="text-xs text-muted">{f.source}</span>
          </label>
        ))}
      </div>
      <button type="button" onClick={() => onChange({ ...DEFAULT_KPI_THRESHOLDS })} className="mt-3 rounded border border-line px-2 py-1 text-muted hover:text-ink">
        Reset to the published defaults
      </button>
    </details>
  );
});
