import { createContext, memo, useCallback, useContext, useLayoutEffect, useMemo, useRef, useState, type KeyboardEvent } from 'react';
import type { Onset, OtherTrunks, TimeWindow, TrunkStats } from '../../core/analysis/dashboard-types';
import { RatioValue } from '../../components/ui/ratio';
import { Sparkline } from '../../components/ui/sparkline';
import { Hint } from '../../components/ui/hint';
import { formatCount, formatMoment, formatPercent, formatWall } from '../../lib/format';
import { COLOR } from '../../components/charts/palette';
import { shows603 } from '../../core/analysis/call-measures';
import { trunkRowOrder, type SortKey } from './trunk-order';
import { NotAvailable603 } from '../../components/ui/not-available-603';
import { BreakableName } from '../../components/ui/breakable-name';

const NER_FORMULA = 'NER (ITU-T E.411) = calls delivered to the called side (answered, busy, no answer or cancelled while ringing, declined 603/607) / attempts';
const SEER_FORMULA = 'SEER (RFC 6076) = (answered + final 480, 486, 600, 603) / (attempts − final 3xx)';

/**
 * Rows the table draws at most (the worker sends these and sums the rest in "other"): a file with
 * 20,000 trunks (a mis-mapped column) must not freeze the page.
 */
export const TRUNK_TABLE_LIMIT = 200;

/**
 * Which columns a screen shows (one place, so a new column picks its width class here): a phone
 * keeps trunk, attempts, 503 and 603, and shows every number of the selected trunk in the
 * details below the table; from 1280 px every column is there (below, rates put their count
 * under the percentage, and the trend is in the details).
 */
const SHOW = {
  always: '',
  sm: 'hidden sm:table-cell',
  md: 'hidden md:table-cell',
  lg: 'hidden lg:table-cell',
  xl: 'hidden xl:table-cell',
} as const;
/** The name's room per screen: long names end in "…" (full name on hover) instead of wrapping. */
const NAME_WIDTH = 'max-w-[7rem] sm:max-w-[12rem] xl:max-w-[18rem]';

interface Props {
  trunks: TrunkStats[];
  /** Trunks left out of `trunks` by the worker's cap, summed in one row. */
  other?: OtherTrunks | null;
  onsets: Onset[];
  selected: readonly string[];
  onSelect: (trunks: string[]) => void;
  displayName: (trunk: string) => string;
  onRename: (trunk: string, name: string) => void;
  /** A shared view: no selection changes, no renames. */
  readOnly?: boolean;
  /** The data's span: "since" names the day when it is over one. */
  span?: TimeWindow;
}

/** The span "since" is told within (formatMoment), handed to each row's onset without new props. */
const SpanContext = createContext<TimeWindow | null>(null);

/**
 * Every trunk in the window (up to TRUNK_TABLE_LIMIT, the rest in "other"), worst first by
 * default; sortable by any column; a click selects a trunk, the checkbox adds it to a comparison.
 * The selection drives every panel below. One tab stop for the whole body (roving tabindex):
 * ↑ ↓ Home End move between rows, Enter or Space selects, ← → reach the row's numbers and buttons.
 */
export const TrunkTable = memo(function TrunkTable({ trunks, other, onsets, selected, onSelect, displayName, onRename, readOnly = false, span }: Props) {
  const [sort, setSort] = useState<{ key: SortKey; desc: boolean }>({ key: 'reject', desc: true });
  const [active, setActive] = useState<string | null>(null);
  const firstOnset = useMemo(() => {
    const first = new Map<string, Onset>();
    for (const o of onsets) {
      const seen = first.get(o.trunk);
      if (!seen || o.atMs < seen.atMs) first.set(o.trunk, o);
    }
    return first;
  }, [onsets]);
  const rows = useMemo(() => {
    const onsetOf = (t: string) => firstOnset.get(t)?.atMs ?? Infinity;
    return trunkRowOrder(trunks, sort.key, sort.desc, onsetOf);
  }, [trunks, sort, firstOnset]);
  const tabStop = active !== null && rows.some((t) => t.trunk === active) ? active : (rows[0]?.trunk ?? null);
  // Read from a ref, so the callback keeps its identity and a selection redraws only the rows
  // whose state changed (with hundreds of rows, redrawing all of them took most of a click).
  const selectedNow = useRef(selected);
  useLayoutEffect(() => {
    selectedNow.current = selected;
  });
  const toggle = useCallback(
    (trunk: string) => {
      const current = selectedNow.current;
      onSelect(current.includes(trunk) ? current.filter((t) => t !== trunk) : [...current, trunk]);
    },
    [onSelect],
  );
  const selectOnly = useCallback((trunk: string) => onSelect([trunk]), [onSelect]);

  const header = (key: SortKey, label: string, hint: string, show: string, align: 'left' | 'right' = 'right') => {
    const isSorted = sort.key === key;
    return (
      <th scope="col" aria-sort={isSorted ? (sort.desc ? 'descending' : 'ascending') : 'none'} className={`${show} py-2 pr-2 sm:pr-3 font-medium whitespace-nowrap ${align === 'right' ? 'text-right' : 'text-left'}`}>
        <button type="button" title={hint} onClick={() => setSort((s) => ({ key, desc: s.key === key ? !s.desc : key !== 'trunk' }))} className="inline-flex items-center gap-1 hover:text-ink">
          {label}
          {/* A phone keeps the room of the sortable-hint arrows for the numbers. */}
          <span aria-hidden="true" className={`text-xs ${isSorted ? '' : 'hidden sm:inline'}`}>
            {isSorted ? (sort.desc ? '▼' : '▲') : '↕'}
          </span>
        </button>
      </th>
    );
  };

  const detailTrunk = rows.find((t) => t.trunk === selected[0]) ?? null;
  return (
    // A context, not a div: the table's layout is as before.
    <SpanContext.Provider value={span ?? null}>
      {other && other.trunks > 0 && (
        <p role="note" className="mb-2 rounded-lg bg-capacity-soft px-3 py-2 text-sm" data-testid="trunk-cap">
          {formatCount(trunks.length + other.trunks)} trunks — showing the {formatCount(Math.min(trunks.length, TRUNK_TABLE_LIMIT))} with the most attempts
          {trunks.length > TRUNK_TABLE_LIMIT ? ' and the selected ones' : ''}; the rest are summed in ‘other’.
        </p>
      )}
      <table className="tabular w-full text-left text-sm" data-testid="trunk-table">
        <caption className="sr-only">
          Trunks in the window; select one or several to drive the charts below. Arrow keys move between rows, Enter selects, left and right arrows reach a row’s numbers.
        </caption>
        <thead className="text-muted">
          <tr>
            <th scope="col" className={`${SHOW.md} w-8 py-2`}>
              <span className="sr-only">Compare</span>
            </th>
            {header('trunk', 'Trunk', 'Trunk / carrier as recovered from the file', SHOW.always, 'left')}
            {header('attempts', 'Attempts', 'Seizures: outbound attempts on this trunk in the window', SHOW.always)}
            {header('r503', '503', '503 rate = calls ending 503 (stated, mapped from cause, or FAILED/CONGESTION) / attempts', SHOW.always)}
            {header('r603', '603', '603 rate = calls ending 603 / attempts (Q.850 21 without a phrase is 403/603, not counted)', SHOW.always)}
            {header('reject', 'Rejected', 'Rejected = (capacity + policy rejections) / attempts', SHOW.sm)}
            {header('asr', 'ASR', 'ASR = answered / attempts (ITU-T E.411)', SHOW.md)}
            {header('ner', 'NER', NER_FORMULA, SHOW.lg)}
            {header('seer', 'SEER', SEER_FORMULA, SHOW.lg)}
            {header('acd', 'ACD', 'ACD = talk seconds / answered calls', SHOW.lg)}
            <th scope="col" className={`${SHOW.xl} py-2 pr-2 sm:pr-3 font-medium`}>
              Trend
            </th>
            {header('onset', 'Since', 'First moment the 503 or 603 rate left this trunk’s own baseline', SHOW.md, 'left')}
          </tr>
        </thead>
        <tbody onKeyDown={readOnly ? undefined : (e) => moveFocus(e, selectOnly)} onFocus={(e) => setActive(e.target.closest<HTMLElement>('tr[data-trunk]')?.dataset.trunk ?? null)}>
          {rows.map((t) => (
            <TrunkRow
              key={t.trunk}
              stats={t}
              onset={firstOnset.get(t.trunk)}
              isSelected={selected.includes(t.trunk)}
              isTabStop={t.trunk === tabStop}
              name={displayName(t.trunk)}
              readOnly={readOnly}
              onSelectOnly={selectOnly}
              onToggle={toggle}
              onRename={onRename}
            />
          ))}
          {other && other.trunks > 0 && <OtherRow other={other} />}
        </tbody>
      </table>
      {detailTrunk && <TrunkDetails stats={detailTrunk} onset={firstOnset.get(detailTrunk.trunk)} name={displayName(detailTrunk.trunk)} />}
    </SpanContext.Provider>
  );
});

/** Arrow keys between rows (and across a row's own controls), Enter or Space on a row selects it. */
function moveFocus(e: KeyboardEvent<HTMLTableSectionElement>, select: (trunk: string) => void) {
  const target = e.target as HTMLElement;
  if (target.tagName === 'INPUT' && (target as HTMLInputElement).type === 'text') return;
  const row = target.closest<HTMLTableRowElement>('tr[data-trunk]');
  if (!row) return;
  const rowList = [...e.currentTarget.querySelectorAll<HTMLTableRowElement>('tr[data-trunk]')];
  const at = rowList.indexOf(row);
  const go = (to: HTMLElement | undefined) => {
    if (!to) return;
    e.preventDefault();
    to.focus();
  };
  switch (e.key) {
    case 'ArrowDown':
      return go(rowList[at + 1]);
    case 'ArrowUp':
      return go(rowList[at - 1]);
    case 'Home':
      return go(rowList[0]);
    case 'End':
      return go(rowList[rowList.length - 1]);
    case 'ArrowRight':
    case 'ArrowLeft': {
      // The row, then its controls and numbers in reading order (those not hidden on this screen).
      const stops = [row, ...row.querySelectorAll<HTMLElement>('input, button, [tabindex="-1"]')].filter((el) => el === row || el.offsetParent !== null);
      const i = stops.indexOf(target);
      return go(stops[e.key === 'ArrowRight' ? Math.min(stops.length - 1, i + 1) : Math.max(0, i - 1)]);
    }
    case 'Enter':
    case ' ':
      if (target !== row) return;
      e.preventDefault();
      if (row.dataset.trunk !== undefined && row.dataset.other === undefined) select(row.dataset.trunk);
      return;
  }
}

interface RowProps {
  stats: TrunkStats;
  onset: Onset | undefined;
  isSelected: boolean;
  isTabStop: boolean;
  name: string;
  readOnly: boolean;
  onSelectOnly: (trunk: string) => void;
  onToggle: (trunk: string) => void;
  onRename: (trunk: string, name: string) => void;
}

/** One trunk's row; memoized, so moving the focus redraws two rows, not all of them. */
const TrunkRow = memo(function TrunkRow({ stats: t, onset, isSelected, isTabStop, name, readOnly, onSelectOnly, onToggle, onRename }: RowProps) {
  return (
    <tr
      data-testid="trunk-row"
      data-trunk={t.trunk}
      aria-selected={isSelected}
      tabIndex={isTabStop ? 0 : -1}
      onClick={readOnly ? undefined : () => onSelectOnly(t.trunk)}
      className={`${readOnly ? '' : 'cursor-pointer'} border-t border-line align-middle outline-offset-[-2px] focus-visible:outline-2 focus-visible:outline-accent ${isSelected ? 'bg-accent/10' : 'hover:bg-canvas'}`}
    >
      <td className={`${SHOW.md} py-1.5`} onClick={(e) => e.stopPropagation()}>
        <input type="checkbox" tabIndex={-1} checked={isSelected} disabled={readOnly} onChange={() => onToggle(t.trunk)} aria-label={`Compare ${name}`} className="accent-accent" />
      </td>
      <th scope="row" className="py-1.5 pr-2 sm:pr-3 font-medium">
        {readOnly ? (
          <span className={`block truncate ${NAME_WIDTH}`} title={name || '(no trunk)'}>
            {name || '(no trunk)'}
          </span>
        ) : (
          <TrunkLabel trunk={t.trunk} name={name} onRename={onRename} />
        )}
      </th>
      <td className="py-1.5 pr-2 sm:pr-3 text-right">
        {formatCount(t.attempts)}
        {t.inbound ? (
          <span className="block text-xs text-muted" data-testid="trunk-inbound" title="Calls that came in from this trunk: in no rate, chart or diagnosis">
            +{formatCount(t.inbound)} inbound
          </span>
        ) : null}
      </td>
      <TrunkNumbers stats={t} onset={onset} name={name} />
    </tr>
  );
});

/** The cells after "Attempts", shared by a trunk's row and the "other" row. */
function TrunkNumbers({ stats: t, onset, name }: { stats: TrunkStats; onset: Onset | undefined; name: string }) {
  return (
    <>
      <td className="py-1.5 pr-2 sm:pr-3 text-right text-capacity">
        <RatioValue tabIndex={-1} compact ratio={t.rate503} formula={`503 rate = calls ending 503${provenanceText(t.rate503.provenance)} / attempts`} />
      </td>
      <td className="py-1.5 pr-2 sm:pr-3 text-right whitespace-nowrap text-policy">
        {shows603(t) ? <RatioValue tabIndex={-1} compact ratio={t.rate603} formula="603 rate = calls ending 603 / attempts" /> : <NotAvailable603 tabIndex={-1} />}
        {t.ambiguous403or603 > 0 && (
          <Hint tabIndex={-1} className="ml-1 text-xs text-muted" hint={`${formatCount(t.ambiguous403or603)} calls ended with Q.850 21 (CALL_REJECTED): a 403 or a 603, the file cannot tell`}>
            +{formatCount(t.ambiguous403or603)}?
          </Hint>
        )}
      </td>
      <td className={`${SHOW.sm} py-1.5 pr-2 sm:pr-3 text-right`}>
        <RatioValue tabIndex={-1} compact ratio={{ n: t.byOutcome.capacity + t.byOutcome.policy, d: t.attempts }} formula="Rejected = (capacity + policy rejections) / attempts" />
      </td>
      <td className={`${SHOW.md} py-1.5 pr-2 sm:pr-3 text-right`}>
        <RatioValue tabIndex={-1} compact ratio={t.asr} formula="ASR = answered / attempts" />
      </td>
      <td className={`${SHOW.lg} py-1.5 pr-2 sm:pr-3 text-right`}>
        <RatioValue tabIndex={-1} compact ratio={t.ner} formula={NER_FORMULA} />
      </td>
      <td className={`${SHOW.lg} py-1.5 pr-2 sm:pr-3 text-right`}>
        <RatioValue tabIndex={-1} compact ratio={t.seer} formula={SEER_FORMULA} />
      </td>
      <td className={`${SHOW.lg} py-1.5 pr-2 sm:pr-3 text-right whitespace-nowrap`}>{acdText(t.acdSec)}</td>
      <td className={`${SHOW.xl} py-1.5 pr-2 sm:pr-3`}>
        <Sparkline values={t.trend} color={t.byOutcome.policy > t.byOutcome.capacity ? COLOR.policy : COLOR.capacity} label={`Rejection share over the day for ${name}`} />
      </td>
      <td className={`${SHOW.md} py-1.5 pr-2 sm:pr-3 whitespace-nowrap`}>
        <OnsetText onset={onset} />
      </td>
    </>
  );
}

/** The trunks past the cap, summed: their counts keep every column's total whole. */
function OtherRow({ other }: { other: OtherTrunks }) {
  const label = `other (${formatCount(other.trunks)} trunks)`;
  return (
    <tr data-testid="trunk-other-row" data-trunk="" data-other="" tabIndex={-1} className="border-t-2 border-line align-middle text-muted outline-offset-[-2px] focus-visible:outline-2 focus-visible:outline-accent">
      <td className={`${SHOW.md} py-1.5`} />
      <th scope="row" className="py-1.5 pr-2 sm:pr-3 font-medium">
        <span className={`block truncate ${NAME_WIDTH}`} title={label}>
          {label}
        </span>
      </th>
      <td className="py-1.5 pr-2 sm:pr-3 text-right">{formatCount(other.stats.attempts)}</td>
      <TrunkNumbers stats={other.stats} onset={undefined} name={label} />
    </tr>
  );
}

/** Every number of the selected trunk, for screens that hide some columns (phones, tablets). */
function TrunkDetails({ stats: t, onset, name }: { stats: TrunkStats; onset: Onset | undefined; name: string }) {
  const items: Array<[string, string]> = [
    ['Attempts', formatCount(t.attempts)],
    ['503', `${formatPercent(t.rate503.n, t.rate503.d)} (${formatCount(t.rate503.n)} of ${formatCount(t.rate503.d)})`],
    ['603', `${shows603(t) ? `${formatPercent(t.rate603.n, t.rate603.d)} (${formatCount(t.rate603.n)} of ${formatCount(t.rate603.d)})` : 'n/a (these calls cannot show a 603)'}${t.ambiguous403or603 > 0 ? ` + ${formatCount(t.ambiguous403or603)} 403-or-603` : ''}`],
    ['Rejected', `${formatPercent(t.byOutcome.capacity + t.byOutcome.policy, t.attempts)} (${formatCount(t.byOutcome.capacity + t.byOutcome.policy)} of ${formatCount(t.attempts)})`],
    ['ASR', `${formatPercent(t.asr.n, t.asr.d)} (${formatCount(t.asr.n)} of ${formatCount(t.asr.d)})`],
    ['NER', `${formatPercent(t.ner.n, t.ner.d)} (${formatCount(t.ner.n)} of ${formatCount(t.ner.d)})`],
    ['SEER', `${formatPercent(t.seer.n, t.seer.d)} (${formatCount(t.seer.n)} of ${formatCount(t.seer.d)})`],
    ['ACD', acdText(t.acdSec)],
  ];
  return (
    <section aria-label={`All numbers for ${name}`} className="mt-3 rounded-lg border border-line bg-canvas p-3 text-sm xl:hidden" data-testid="trunk-details">
      <h3 className="truncate font-medium" title={name}>
        {name || '(no trunk)'}
      </h3>
      <dl className="tabular mt-2 grid grid-cols-[auto_1fr] gap-x-4 gap-y-1">
        {items.map(([label, value]) => (
          <div key={label} className="contents">
            <dt className="text-muted">{label}</dt>
            <dd className="min-w-0 break-words">{value}</dd>
          </div>
        ))}
        <dt className="text-muted">Since</dt>
        <dd>
          <OnsetText onset={onset} />
        </dd>
        <dt className="text-muted">Trend</dt>
        <dd>
          <Sparkline values={t.trend} color={t.byOutcome.policy > t.byOutcome.capacity ? COLOR.policy : COLOR.capacity} label={`Rejection share over the day for ${name}`} />
        </dd>
      </dl>
    </section>
  );
}

function OnsetText({ onset }: { onset: Onset | undefined }) {
  const span = useContext(SpanContext);
  return onset ? (
    <span className={onset.kind === '503' ? 'text-capacity' : 'text-policy'} title={formatWall(onset.atMs)}>
      {onset.kind} since {formatMoment(onset.atMs, span ?? { fromMs: onset.atMs, toMs: onset.atMs })}
    </span>
  ) : (
    <span className="text-muted">—</span>
  );
}

const acdText = (sec: number | null) => (sec === null ? '—' : `${Math.round(sec)} s`);

function provenanceText(p: { sip: number; q850: number; disposition: number }): string {
  const parts: string[] = [];
  if (p.sip) parts.push(`${formatCount(p.sip)} stated`);
  if (p.q850) parts.push(`${formatCount(p.q850)} mapped from cause`);
  if (p.disposition) parts.push(`${formatCount(p.disposition)} FAILED/CONGESTION (503-like)`);
  return parts.length ? ` (${parts.join(' + ')})` : '';
}

/** The name (truncated, full text on hover), the file's own name when renamed, and "rename"; memoized: a brush changes the row's numbers, not its name. */
const TrunkLabel = memo(function TrunkLabel({ trunk, name, onRename }: { trunk: string; name: string; onRename: (trunk: string, name: string) => void }) {
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
        <input aria-label={`New name for ${trunk}`} value={value} autoFocus onChange={(e) => setValue(e.currentTarget.value)} onKeyDown={(e) => e.key === 'Escape' && setEditing(false)} className="w-36 min-w-0 rounded border border-line bg-canvas px-1" />
        <button type="submit" className="rounded border border-line px-2 text-xs">
          Save
        </button>
      </form>
    );
  }
  const shown = name || '(no trunk)';
  return (
    <span className={`flex items-baseline gap-x-2 ${NAME_WIDTH}`}>
      {/* On a phone two lines, cut after a separator or else anywhere: "216.207.2…" named neither of two gateways 216.207.245.8 and .9 apart. */}
      <span className="line-clamp-2 min-w-0 [overflow-wrap:anywhere] sm:line-clamp-none sm:truncate" title={name !== trunk ? `${shown} (${trunk})` : shown}>
        <BreakableName text={shown} />
      </span>
      {name !== trunk && (
        <span className="hidden min-w-0 truncate text-xs font-normal text-muted xl:inline" title={trunk}>
          {trunk}
        </span>
      )}
      <button
        type="button"
        tabIndex={-1}
        onClick={(e) => {
          e.stopPropagation();
          setValue(name);
          setEditing(true);
        }}
        className="shrink-0 rounded px-1 text-xs font-normal text-muted hover:bg-canvas hover:text-ink"
        aria-label={`Rename trunk ${shown}`}
        title="Rename"
      >
        <span aria-hidden="true">✎</span>
      </button>
    </span>
  );
});
