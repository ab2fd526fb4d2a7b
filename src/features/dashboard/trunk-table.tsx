import { memo, useMemo, useState } from 'react';
import type { Onset, TrunkStats } from '../../core/analysis/dashboard-types';
import { RatioValue } from '../../components/ui/ratio';
import { Sparkline } from '../../components/ui/sparkline';
import { Hint } from '../../components/ui/hint';
import { formatCount, formatWall } from '../../lib/format';
import { COLOR } from '../charts/palette';

type SortKey = 'trunk' | 'attempts' | 'asr' | 'ner' | 'acd' | 'r503' | 'r603' | 'reject' | 'onset';

const rate = (n: number, d: number) => (d === 0 ? 0 : n / d);
const rejectShare = (t: TrunkStats) => rate(t.byOutcome.capacity + t.byOutcome.policy, t.attempts);

const SORTERS: Record<SortKey, (a: TrunkStats, b: TrunkStats, onsetOf: (t: string) => number) => number> = {
  trunk: (a, b) => a.trunk.localeCompare(b.trunk),
  attempts: (a, b) => a.attempts - b.attempts,
  asr: (a, b) => rate(a.asr.n, a.asr.d) - rate(b.asr.n, b.asr.d),
  ner: (a, b) => rate(a.ner.n, a.ner.d) - rate(b.ner.n, b.ner.d),
  acd: (a, b) => (a.acdSec ?? -1) - (b.acdSec ?? -1),
  r503: (a, b) => rate(a.rate503.n, a.rate503.d) - rate(b.rate503.n, b.rate503.d),
  r603: (a, b) => rate(a.rate603.n, a.rate603.d) - rate(b.rate603.n, b.rate603.d),
  reject: (a, b) => rejectShare(a) - rejectShare(b),
  onset: (a, b, onsetOf) => onsetOf(a.trunk) - onsetOf(b.trunk),
};

interface Props {
  trunks: TrunkStats[];
  onsets: Onset[];
  selected: readonly string[];
  onSelect: (trunks: string[]) => void;
  displayName: (trunk: string) => string;
  onRename: (trunk: string, name: string) => void;
  /** A shared view: no selection changes, no renames. */
  readOnly?: boolean;
}

/**
 * Every trunk in the window, worst first by default; sortable by any column; a click selects a
 * trunk, the checkbox adds it to a comparison. The selection drives every panel below.
 */
export const TrunkTable = memo(function TrunkTable({ trunks, onsets, selected, onSelect, displayName, onRename, readOnly = false }: Props) {
  const [sort, setSort] = useState<{ key: SortKey; desc: boolean }>({ key: 'reject', desc: true });
  const onsetOf = useMemo(() => {
    const first = new Map<string, number>();
    for (const o of onsets) first.set(o.trunk, Math.min(first.get(o.trunk) ?? Infinity, o.atMs));
    return (t: string) => first.get(t) ?? Infinity;
  }, [onsets]);
  const rows = useMemo(() => {
    const sorted = [...trunks].sort((a, b) => SORTERS[sort.key](a, b, onsetOf) || b.attempts - a.attempts);
    return sort.desc ? sorted.reverse() : sorted;
  }, [trunks, sort, onsetOf]);
  const header = (key: SortKey, label: string, hint: string, align: 'left' | 'right' = 'right') => {
    const active = sort.key === key;
    return (
      <th scope="col" aria-sort={active ? (sort.desc ? 'descending' : 'ascending') : 'none'} className={`py-2 pr-3 font-medium ${align === 'right' ? 'text-right' : 'text-left'}`}>
        <button
          type="button"
          title={hint}
          onClick={() => setSort((s) => ({ key, desc: s.key === key ? !s.desc : key !== 'trunk' }))}
          className="inline-flex items-center gap-1 hover:text-ink"
        >
          {label}
          <span aria-hidden="true" className="text-xs">
            {active ? (sort.desc ? '▼' : '▲') : '↕'}
          </span>
        </button>
      </th>
    );
  };
  const toggle = (trunk: string) => onSelect(selected.includes(trunk) ? selected.filter((t) => t !== trunk) : [...selected, trunk]);

  return (
    <div className="overflow-x-auto">
      <table className="tabular w-full text-left text-sm" data-testid="trunk-table">
        <caption className="sr-only">Trunks in the window; select one or several to drive the charts below</caption>
        <thead className="text-muted">
          <tr>
            <th scope="col" className="w-8 py-2">
              <span className="sr-only">Compare</span>
            </th>
            {header('trunk', 'Trunk', 'Trunk / carrier as recovered from the file', 'left')}
            {header('attempts', 'Attempts', 'Seizures: outbound attempts on this trunk in the window')}
            {header('r503', '503', '503 rate = calls ending 503 (stated, mapped from cause, or FAILED/CONGESTION) / attempts')}
            {header('r603', '603', '603 rate = calls ending 603 / attempts (Q.850 21 without a phrase is 403/603, not counted)')}
            {header('reject', 'Rejected', '(capacity + policy rejections) / attempts')}
            {header('asr', 'ASR', 'ASR = answered / attempts (ITU-T E.411)')}
            {header('ner', 'NER', 'NER = (answered + busy + no answer + terminal rejects incl. 603) / attempts (ITU-T E.411)')}
            {header('acd', 'ACD', 'ACD = talk seconds / answered calls')}
            <th scope="col" className="py-2 pr-3 font-medium">
              Trend
            </th>
            {header('onset', 'Since', 'First moment the 503 or 603 rate left this trunk’s own baseline', 'left')}
          </tr>
        </thead>
        <tbody>
          {rows.map((t) => {
            const isSelected = selected.includes(t.trunk);
            const onset = onsets.filter((o) => o.trunk === t.trunk).sort((a, b) => a.atMs - b.atMs)[0];
            return (
              <tr
                key={t.trunk}
                data-testid="trunk-row"
                data-trunk={t.trunk}
                aria-selected={isSelected}
                onClick={readOnly ? undefined : () => onSelect([t.trunk])}
                className={`${readOnly ? '' : 'cursor-pointer'} border-t border-line align-middle ${isSelected ? 'bg-accent/10' : 'hover:bg-canvas'}`}
              >
                <td className="py-1.5" onClick={(e) => e.stopPropagation()}>
                  <input type="checkbox" checked={isSelected} disabled={readOnly} onChange={() => toggle(t.trunk)} aria-label={`Compare ${displayName(t.trunk)}`} className="accent-accent" />
                </td>
                <th scope="row" className="py-1.5 pr-3 font-medium">
                  {readOnly ? displayName(t.trunk) || '(no trunk)' : <TrunkLabel trunk={t.trunk} name={displayName(t.trunk)} onRename={onRename} onSelect={() => onSelect([t.trunk])} />}
                </th>
                <td className="py-1.5 pr-3 text-right">{formatCount(t.attempts)}</td>
                <td className="py-1.5 pr-3 text-right text-capacity">
                  <RatioValue ratio={t.rate503} formula={`503 rate: ${provenanceText(t.rate503.provenance)} / attempts`} />
                </td>
                <td className="py-1.5 pr-3 text-right text-policy">
                  <RatioValue ratio={t.rate603} formula="603 rate = calls ending 603 / attempts" />
                  {t.ambiguous403or603 > 0 && (
                    <Hint className="ml-1 text-xs text-muted" hint={`${formatCount(t.ambiguous403or603)} calls ended with Q.850 21 (CALL_REJECTED): a 403 or a 603, the file cannot tell`}>
                      +{formatCount(t.ambiguous403or603)}?
                    </Hint>
                  )}
                </td>
                <td className="py-1.5 pr-3 text-right">
                  <RatioValue ratio={{ n: t.byOutcome.capacity + t.byOutcome.policy, d: t.attempts }} formula="(capacity + policy rejections) / attempts" />
                </td>
                <td className="py-1.5 pr-3 text-right">
                  <RatioValue ratio={t.asr} formula="ASR = answered / attempts" />
                </td>
                <td className="py-1.5 pr-3 text-right">
                  <RatioValue ratio={t.ner} formula="NER = (answered + busy + no answer + terminal rejects) / attempts" />
                </td>
                <td className="py-1.5 pr-3 text-right">{t.acdSec === null ? '—' : `${Math.round(t.acdSec)} s`}</td>
                <td className="py-1.5 pr-3">
                  <Sparkline values={t.trend} color={t.byOutcome.policy > t.byOutcome.capacity ? COLOR.policy : COLOR.capacity} label={`Rejection share over the day for ${displayName(t.trunk)}`} />
                </td>
                <td className="py-1.5 pr-3 whitespace-nowrap">
                  {onset ? (
                    <span className={onset.kind === '503' ? 'text-capacity' : 'text-policy'}>
                      {onset.kind} since {formatWall(onset.atMs).slice(11, 16)}
                    </span>
                  ) : (
                    <span className="text-muted">—</span>
                  )}
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
});

function provenanceText(p: { sip: number; q850: number; disposition: number }): string {
  const parts: string[] = [];
  if (p.sip) parts.push(`${formatCount(p.sip)} stated`);
  if (p.q850) parts.push(`${formatCount(p.q850)} mapped from cause`);
  if (p.disposition) parts.push(`${formatCount(p.disposition)} FAILED/CONGESTION (503-like)`);
  return parts.length ? `(${parts.join(' + ')})` : 'calls ending 503';
}

function TrunkLabel({ trunk, name, onRename, onSelect }: { trunk: string; name: string; onRename: (trunk: string, name: string) => void; onSelect: () => void }) {
  const [editing, setEditing] = useState(false);
  const [value, setValue] = useState(name);
  if (editing) {
    return (
      <form
        className="flex gap-1"
        onClick={(e) => e.stopPropagation()}
        onSubmit={(e) => {
          e.preventDefault();
          onRename(trunk, value);
          setEditing(false);
        }}
      >
        <input aria-label={`New name for ${trunk}`} value={value} autoFocus onChange={(e) => setValue(e.currentTarget.value)} onKeyDown={(e) => e.key === 'Escape' && setEditing(false)} className="w-36 rounded border border-line bg-canvas px-1" />
        <button type="submit" className="rounded border border-line px-2 text-xs">
          Save
        </button>
      </form>
    );
  }
  return (
    <span className="group inline-flex flex-wrap items-baseline gap-x-2">
      <button type="button" className="text-left font-medium hover:underline" onClick={(e) => { e.stopPropagation(); onSelect(); }}>
        {name || '(no trunk)'}
      </button>
      {name !== trunk && <span className="text-xs font-normal text-muted">{trunk}</span>}
      <button
        type="button"
        onClick={(e) => {
          e.stopPropagation();
          setValue(name);
          setEditing(true);
        }}
        className="text-xs font-normal text-muted underline-offset-2 hover:text-ink hover:underline"
        aria-label={`Rename trunk ${name}`}
      >
        rename
      </button>
    </span>
  );
}
