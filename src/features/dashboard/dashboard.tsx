import { useCallback, useMemo, type ReactNode } from 'react';
import type { DashboardData, TimeSeries, TimeWindow } from '../../core/analysis/dashboard-types';
import type { IngestSummary } from '../../core/ingest/ingest-files';
import { SharePanel } from '../share-link/share-panel';
import { WalkPanel } from '../diagnosis-walk/walk-panel';
import { useDiagnosis } from '../diagnosis-walk/use-diagnosis';
import type { WalkOverrides } from '../../core/diagnosis/walk';
import { ticketText } from '../../core/diagnosis/ticket';
import { formatCount, formatWall } from '../../lib/format';
import { TrunkTable } from './trunk-table';
import { TimelineChart } from './timeline-chart';
import { CpsPanel } from './cps-panel';
import { ConcurrencyPanel } from './concurrency-panel';
import { BreakdownTable } from './breakdown-table';
import { CodesPanel } from './codes-panel';
import { FailoverNote } from './failover-note';
import { useDashboard } from './use-dashboard';
import { TRUNK_CSV_COLUMNS, trunkCsvRows } from './trunk-csv';
import { ExportSubjectContext, exportFileName } from '../charts/chart-card';
import { downloadCsv } from '../charts/chart-export';
import { shows603 } from '../../core/analysis/call-measures';

interface Props {
  ingestId: number;
  summary: IngestSummary;
  displayName: (trunk: string) => string;
  onRename: (trunk: string, name: string) => void;
}

/**
 * The first screen after a drop: which trunk, rejected with what, since when (trunk table and
 * timeline, no scrolling), then the patterns behind it for the selected trunks: CPS, concurrency,
 * destination prefixes, caller IDs, hours, codes.
 */
export function Dashboard({ ingestId, summary, displayName, onRename }: Props) {
  const dash = useDashboard(ingestId);
  // Asked for the trunks and window the panels have numbers for, so their query goes to the
  // worker first, and the walk counts what the table counts.
  const diagnosis = useDiagnosis(ingestId, dash.dataTrunks, dash.dataWindow, dash.data !== null);
  const { data, selectedTrunks } = dash;
  // Everything handed down is kept stable between renders (memoized panels skip when their
  // props are unchanged): a brush or a selection re-renders only what shows new numbers.
  const shareSelection = useMemo(() => ({ trunks: selectedTrunks, window: dash.window }), [selectedTrunks, dash.window]);
  const shareWalks = useMemo(
    () =>
      (diagnosis.trunks ?? [])
        .filter((d) => selectedTrunks.includes(d.trunk))
        .map((d) => ({
          trunk: displayName(d.trunk) || d.trunk,
          verdict: d.verdict,
          overrides: Object.fromEntries(Object.entries(diagnosis.overrides.get(d.trunk) ?? {}).map(([q, b]) => [q, String(b)])),
          ...(d.evidence ? { evidence: d.evidence.summary } : {}),
        })),
    [diagnosis.trunks, diagnosis.overrides, selectedTrunks, displayName],
  );
  const shareVerdicts = useMemo(
    () =>
      (diagnosis.trunks ?? [])
        .filter((d) => selectedTrunks.includes(d.trunk))
        .map((d) => ({ trunk: d.trunk, verdict: d.verdict, confidence: d.confidence, title: d.title, evidence: d.evidence?.summary ?? null, fix: d.fix, ticket: ticketText(d) })),
    [diagnosis.trunks, selectedTrunks],
  );
  const focusTrunk = selectedTrunks[0];
  const focusDiagnosis = diagnosis.trunks?.find((d) => d.trunk === focusTrunk) ?? null;
  const { override } = diagnosis;
  const onOverride = useCallback(
    (q: string, b: number | null) => {
      if (focusDiagnosis) override(focusDiagnosis.trunk, q, b);
    },
    [focusDiagnosis, override],
  );
  const focusOverrides = focusDiagnosis ? diagnosis.overrides.get(focusDiagnosis.trunk) : undefined;
  const platforms = useMemo(() => platformsOf(summary), [summary]);
  const walk = useMemo(
    () =>
      focusDiagnosis ? (
        <WalkPanel diagnosis={focusDiagnosis} name={displayName(focusDiagnosis.trunk)} overrides={focusOverrides ?? NO_OVERRIDES} onOverride={onOverride} platforms={platforms} />
      ) : diagnosis.error ? (
        <p role="alert" className="rounded-lg bg-danger-soft p-3 text-danger">
          {diagnosis.error.message}
        </p>
      ) : focusTrunk !== undefined && !diagnosis.trunks ? (
        <p role="status" className="text-muted">
          Walking the flowchart with the file’s evidence…
        </p>
      ) : null,
    [focusDiagnosis, focusOverrides, onOverride, platforms, displayName, diagnosis.error, diagnosis.trunks, focusTrunk],
  );
  const actions = useMemo(
    () => (data ? <SharePanel summary={summary} data={data} selection={shareSelection} displayName={displayName} walks={shareWalks} verdicts={shareVerdicts} /> : null),
    [summary, data, shareSelection, displayName, shareWalks, shareVerdicts],
  );
  if (dash.error) {
    return (
      <p role="alert" className="mt-6 rounded-lg bg-danger-soft p-4 text-danger">
        {dash.error.message}
      </p>
    );
  }
  if (!data) {
    return (
      <p role="status" className="mt-6 text-muted">
        Computing the dashboard…
      </p>
    );
  }
  if (summary.calls === 0) {
    return (
      <p role="status" className="mt-6 rounded-lg border border-line bg-panel p-4 text-muted">
        No calls were used from these files, so there is nothing to chart. The file reports below say why each row was skipped.
      </p>
    );
  }
  return (
    <DashboardView
      data={data}
      timelineSeries={data.spanSeries ?? data.series}
      selected={selectedTrunks}
      dataTrunks={dash.dataTrunks}
      window={dash.window}
      bucketMs={dash.bucketMs}
      updating={dash.updating}
      displayName={displayName}
      onRename={onRename}
      onSelect={dash.select}
      onWindow={dash.setWindow}
      onBucket={dash.setBucketMs}
      actions={actions}
      walk={walk}
    />
  );
}

export interface DashboardViewProps {
  data: DashboardData;
  /** The timeline's series: the whole span for the selected trunks (the window is drawn on it). */
  timelineSeries: TimeSeries;
  selected: readonly string[];
  /**
   * The trunks `data` was computed for, when it lags `selected` (the next answer is on its way):
   * the panels name what their numbers are for, and do not re-render until the answer comes.
   * Default: `selected`.
   */
  dataTrunks?: readonly string[];
  window: TimeWindow | null;
  bucketMs: number | null;
  updating: boolean;
  displayName: (trunk: string) => string;
  onRename?: (trunk: string, name: string) => void;
  /** Absent in a shared view: its numbers are fixed, there are no calls behind them. */
  onSelect?: (trunks: string[]) => void;
  onWindow?: (w: TimeWindow | null) => void;
  onBucket?: (ms: number | null) => void;
  actions?: ReactNode;
  /** The diagnosis walk for the selected trunk (live only). */
  walk?: ReactNode;
}

const ignore = () => {};
const NO_OVERRIDES: WalkOverrides = {};

/** The dashboard's screens from plain aggregates: live (worker queries) or from a shared link. */
export function DashboardView({ data, timelineSeries, selected, dataTrunks = selected, window, bucketMs, updating, displayName, onRename, onSelect, onWindow, onBucket, actions, walk }: DashboardViewProps) {
  const readOnly = !onSelect;
  const subject = subjectOf(dataTrunks, displayName);
  // All trunks: the rows shown and the ones summed in "other", so the codes add up to every call.
  const selectedStats = useMemo(
    () => (dataTrunks.length === 0 ? [...data.trunks, ...(data.otherTrunks ? [data.otherTrunks.stats] : [])] : data.trunks.filter((t) => dataTrunks.includes(t.trunk))),
    [data.trunks, data.otherTrunks, dataTrunks],
  );
  const onsetMs = useMemo(() => {
    const of = data.onsets.filter((o) => dataTrunks.length === 0 || dataTrunks.includes(o.trunk)).map((o) => o.atMs);
    return of.length ? Math.min(...of) : null;
  }, [data.onsets, dataTrunks]);
  const hours = useMemo(() => data.breakdowns.hours.filter((h) => h.attempts > 0), [data.breakdowns.hours]);
  const exportOf = useMemo(() => ({ subject, window: data.window }), [subject, data.window]);
  const exportTrunks = () => {
    const name = exportFileName('trunks', { subject: 'all-trunks', window: data.window });
    downloadCsv(`${name}.csv`, TRUNK_CSV_COLUMNS, trunkCsvRows(data.trunks, data.otherTrunks, data.onsets, displayName));
  };
  // The selection can show a 603 when any of its trunks can: else every 603 column says n/a.
  const selection603 = selectedStats.some(shows603);
  return (
    // The exports' file names say what they are of (chart-card exportFileName).
    <ExportSubjectContext.Provider value={exportOf}>
    <div className="space-y-4" data-testid="dashboard" aria-busy={updating}>
      <p className="tabular text-sm text-muted" role="status" data-testid="window-status">
        {window ? (
          <>
            Window {formatWall(data.window.fromMs)} – {formatWall(data.window.toMs)}: <strong className="text-ink">{formatCount(data.calls)}</strong> calls for {subject}
          </>
        ) : (
          <>
            Whole span: <strong className="text-ink">{formatCount(data.calls)}</strong> calls for {subject}
          </>
        )}
      </p>
      <section id="trunks-panel" tabIndex={-1} aria-labelledby="trunks-heading" className="rounded-xl border border-line bg-panel p-4 focus:outline-none">
        <div className="flex flex-wrap items-baseline justify-between gap-2">
          <h2 id="trunks-heading" className="text-lg font-semibold">
            Trunks
          </h2>
          <p className="text-sm text-muted">
            {readOnly ? 'Worst first. Hover or focus a number for its formula.' : 'Worst first. Click a trunk to drive the charts; tick several to compare. Hover or focus a number for its formula.'}
          </p>
          <div className="flex items-center gap-2">
            <button type="button" onClick={exportTrunks} className="rounded border border-line px-2 py-0.5 text-sm text-muted hover:text-ink print:hidden" aria-label="Export the trunk table as CSV">
              CSV
            </button>
            {actions}
          </div>
        </div>
        <TrunkTable trunks={data.trunks} other={data.otherTrunks} onsets={data.onsets} span={data.span} selected={selected} onSelect={onSelect ?? ignore} displayName={displayName} onRename={onRename ?? ignore} readOnly={readOnly} />
        {data.failover && <FailoverNote failover={data.failover} trunks={data.trunks} displayName={displayName} />}
      </section>
      <div id="timeline-panel" tabIndex={-1} className="focus:outline-none">
        <TimelineChart series={timelineSeries} span={data.span} window={window} onWindow={onWindow ?? ignore} bucketMs={bucketMs} onBucket={onBucket ?? ignore} subject={subject} onsetMs={onsetMs} readOnly={readOnly} />
      </div>
      <div id="diagnosis-panel" tabIndex={-1} className="focus:outline-none">
        {walk}
      </div>
      <div className="grid gap-4 xl:grid-cols-2">
        <CpsPanel cps={data.cps} subject={subject} />
        <ConcurrencyPanel concurrency={data.concurrency} subject={subject} />
      </div>
      <div className="grid gap-4 xl:grid-cols-3">
        <BreakdownTable title="Destination prefixes" keyLabel="Prefix" rows={data.breakdowns.prefixes} exportName="prefixes" subject={subject} shows603={selection603} />
        <BreakdownTable title="Caller IDs" keyLabel="Caller ID" rows={data.breakdowns.callerIds} exportName="caller-ids" subject={subject} shows603={selection603} />
        <CodesPanel trunks={selectedStats} codeReasons={data.codeReasons ?? null} subject={subject} />
      </div>
      <BreakdownTable title="Hour of day" keyLabel="Hour" rows={hours} exportName="hours" subject={`${subject} · hours with calls, as written in the file`} shows603={selection603} />
    </div>
    </ExportSubjectContext.Provider>
  );
}

/**
 * The platforms whose commands the walk shows: those the files come from (a VICIdial box runs
 * Asterisk; FreePBX is Asterisk). A generic CSV names no platform: every platform's, then.
 */
function platformsOf(summary: IngestSummary): ReadonlySet<string> | undefined {
  const out = new Set<string>();
  for (const f of summary.files) {
    const family = f.format?.family;
    if (!family || family === 'generic') return undefined;
    if (family === 'vicidial') out.add('vicidial').add('asterisk');
    else out.add(family === 'freepbx' ? 'asterisk' : family);
  }
  return out.size > 0 ? out : undefined;
}

/** "all trunks", up to three names, or "n trunks". */
function subjectOf(trunks: readonly string[], displayName: (trunk: string) => string): string {
  const names = trunks.map(displayName);
  return names.length === 0 ? 'all trunks' : names.length <= 3 ? names.join(', ') : `${names.length} trunks`;
}
