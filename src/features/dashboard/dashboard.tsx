import { memo, useLayoutEffect, useMemo, useRef, type ReactNode } from 'react';
import type { DashboardData, DashboardTop, TimeSeries, TimeWindow, TrunkStats, TrunkTable as TrunkTableData } from '../../core/analysis/dashboard-types';
import { formatCount, formatWall } from '../../lib/format';
import { TrunkTable } from './trunk-table';
import { TimelineChart } from './timeline-chart';
import { CpsPanel } from './cps-panel';
import { ConcurrencyPanel } from './concurrency-panel';
import { BreakdownTable } from './breakdown-table';
import { CodesPanel } from './codes-panel';
import { FailoverNote } from './failover-note';
import { TrunkMultiples } from './trunk-multiples';
import { TRUNK_CSV_COLUMNS, trunkCsvRows } from './trunk-csv';
import { ExportSubjectContext, exportFileName, type ExportSubject } from '../../components/charts/chart-card';
import { downloadCsv } from '../../components/charts/chart-export';
import { useStagedMount } from '../../components/ui/use-staged-mount';
import { shows603 } from '../../core/analysis/call-measures';

/**
 * What stands in for the dashboard while it has no numbers to show: the worker's error, "computing",
 * or a drop that used no calls. null once there is something to chart.
 */
export function DashboardNotice({ error, data, calls }: { error: Error | null; data: TrunkTableData | null; calls: number }) {
  if (error) {
    return (
      <p role="alert" className="mt-6 rounded-lg bg-danger-soft p-4 text-danger">
        {error.message}
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
  if (calls === 0) {
    return (
      <p role="status" className="mt-6 rounded-lg border border-line bg-panel p-4 text-muted">
        No calls were used from these files, so there is nothing to chart. The file reports below say why each row was skipped.
      </p>
    );
  }
  return null;
}

export interface DashboardViewProps {
  /**
   * Every panel's numbers: one query's whole answer; null while the first one is on its way (the
   * first screen is drawn from `top` meanwhile, the panels below it say they are being made).
   */
  data: DashboardData | null;
  /**
   * The trunk table's numbers (and its CSV's): `top`'s, or, before the first `top`, the whole-file
   * table it is picked from (the same rows: use-dashboard.ts), so the table does not wait for the
   * worst trunk's timeline and failover.
   */
  table: TrunkTableData;
  /**
   * The first screen's numbers (status, trunk table, failover, timeline, small multiples): `data`'s,
   * or a newer query's (its panels are on their way); null while the first one is on its way (the
   * timeline keeps its place, the status line's count waits).
   */
  top: DashboardTop | null;
  /** The timeline's series: the whole span for the selected trunks (the window is drawn on it); null with `top`. */
  timelineSeries: TimeSeries | null;
  selected: readonly string[];
  /**
   * The trunks `top` was computed for, when it lags `selected` (the next answer is on its way):
   * the panels name what their numbers are for, and do not re-render until the answer comes.
   * Default: `selected`.
   */
  dataTrunks?: readonly string[];
  /** The trunks `data` was computed for (the panels below the first screen). Default: `dataTrunks`. */
  panelTrunks?: readonly string[];
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
  /** Panels the app composes below the breakdowns (live only: the carrier KPI). */
  after?: ReactNode;
  /** Two days or windows side by side (live only), under the timeline. */
  compare?: ReactNode;
}

const ignore = () => {};

/**
 * The dashboard's screens from plain aggregates: live (worker queries) or from a shared link.
 * Memoized: an answer arrives as two renders of the live dashboard (useDashboard's deferred values:
 * the urgent one with the values on screen, then the one with the new ones), and the first changes
 * none of these props.
 */
export const DashboardView = memo(function DashboardView({ data, table, top, timelineSeries, selected, dataTrunks = selected, panelTrunks = dataTrunks, window, bucketMs, updating, displayName, onRename, onSelect, onWindow, onBucket, actions, walk, compare, after }: DashboardViewProps) {
  const readOnly = !onSelect;
  const subject = subjectOf(dataTrunks, displayName);
  const panelSubject = subjectOf(panelTrunks, displayName);
  const topStats = useSelectedStats(table, dataTrunks);
  // All trunks: the rows shown and the ones summed in "other", so the codes add up to every call.
  const selectedStats = useSelectedStats(data ?? table, panelTrunks);
  const onsetMs = useMemo(() => {
    const of = table.onsets.filter((o) => dataTrunks.length === 0 || dataTrunks.includes(o.trunk)).map((o) => o.atMs);
    return of.length ? Math.min(...of) : null;
  }, [table.onsets, dataTrunks]);
  const allHours = data?.breakdowns.hours;
  const hours = useMemo(() => allHours?.filter((h) => h.attempts > 0) ?? [], [allHours]);
  // Read by the exports when clicked (chart-card ExportSubjectContext): set after each commit.
  const exportOf = useRef<ExportSubject | null>(null);
  const panelWindow = data?.window ?? table.window;
  const panelExportOf = useRef<ExportSubject | null>(null);
  useLayoutEffect(() => {
    exportOf.current = { subject, window: table.window };
    panelExportOf.current = { subject: panelSubject, window: panelWindow };
  }, [subject, table.window, panelSubject, panelWindow]);
  const exportTrunks = () => {
    const name = exportFileName('trunks', { subject: 'all-trunks', window: table.window });
    downloadCsv(`${name}.csv`, TRUNK_CSV_COLUMNS, trunkCsvRows(table.trunks, table.otherTrunks, table.onsets, displayName));
  };
  // The selected trunks' calls come with `top` (the table's count is every trunk's).
  const calls = top ? formatCount(top.calls) : '…';
  // The selection can show a 603 when any of its trunks can: else every 603 column says n/a.
  const top603 = topStats.some(shows603);
  const selection603 = selectedStats.some(shows603);
  // The panels below the first screen mount one block per frame (use-staged-mount.ts); the
  // dashboard stays busy until the last is in.
  const panelBlocks = after ? 4 : 3;
  const blocksShown = useStagedMount(data !== null, panelBlocks);
  const busy = updating || (data !== null && blocksShown < panelBlocks);
  return (
    // The exports' file names say what they are of (chart-card exportFileName).
    <ExportSubjectContext.Provider value={exportOf}>
    <div className="space-y-4" data-testid="dashboard" aria-busy={busy}>
      <p className="tabular text-sm text-muted" role="status" data-testid="window-status">
        {/* Each text one string: one DOM text node apiece for a brush to rewrite. */}
        {window ? `Window ${formatWall(table.window.fromMs)} – ${formatWall(table.window.toMs)}: ` : 'Whole span: '}
        <strong className="text-ink">{calls}</strong>
        {` ${top?.calls === 1 ? 'call' : 'calls'} for ${subject}`}
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
        <TrunkTable trunks={table.trunks} other={table.otherTrunks} onsets={table.onsets} span={table.span} selected={selected} onSelect={onSelect ?? ignore} displayName={displayName} onRename={onRename ?? ignore} readOnly={readOnly} />
        {top?.failover && <FailoverNote failover={top.failover} trunks={table.trunks} displayName={displayName} />}
      </section>
      <div id="timeline-panel" tabIndex={-1} className="focus:outline-none">
        <TimelineChart series={timelineSeries} span={table.span} window={window} onWindow={onWindow ?? ignore} bucketMs={bucketMs} onBucket={onBucket ?? ignore} subject={subject} onsetMs={onsetMs} readOnly={readOnly} shows603={top603} />
      </div>
      {top?.trunkSeries && top.trunkSeries.length > 1 && <TrunkMultiples trunkSeries={top.trunkSeries} compared={dataTrunks.length} displayName={displayName} />}
      {compare}
      {/* The walk follows the first screen's trunks and window (live-dashboard.tsx asks for it with them). */}
      <div id="diagnosis-panel" tabIndex={-1} className="offscreen-lazy focus:outline-none">
        {walk}
      </div>
      {/* The blocks from here down show `data`: the panels of one whole answer, which may follow the first screen's by a moment. */}
      <ExportSubjectContext.Provider value={panelExportOf}>
      {data ? (
        <>
        {/* The blocks from here down are usually out of view: offscreen-lazy (index.css) skips redrawing them there. */}
        <div className="offscreen-lazy grid gap-4 xl:grid-cols-2">
          <CpsPanel cps={data.cps} subject={panelSubject} />
          <ConcurrencyPanel concurrency={data.concurrency} subject={panelSubject} />
        </div>
        {/* Two per row at most: a breakdown's five columns need ~450 px (three per row cut off its 603 column). */}
        {blocksShown >= 2 && (
        <div className="offscreen-lazy grid gap-4 xl:grid-cols-2">
          <BreakdownTable title="Destination prefixes" keyLabel="Prefix" rows={data.breakdowns.prefixes} exportName="prefixes" subject={panelSubject} shows603={selection603} />
          <BreakdownTable title="Caller IDs" keyLabel="Caller ID" rows={data.breakdowns.callerIds} exportName="caller-ids" subject={panelSubject} shows603={selection603} />
          <div className="xl:col-span-2">
            <CodesPanel trunks={selectedStats} codeReasons={data.codeReasons ?? null} subject={panelSubject} />
          </div>
        </div>
        )}
        {blocksShown >= 3 && (
        <div className="offscreen-lazy">
          <BreakdownTable title="Hour of day" keyLabel="Hour" rows={hours} exportName="hours" subject={`${panelSubject} · hours with calls, as written in the file`} shows603={selection603} />
        </div>
        )}
        {after && blocksShown >= 4 && <div className="offscreen-lazy">{after}</div>}
        </>
      ) : (
        <p role="status" className="text-muted">
          Computing CPS, concurrency, prefixes, caller IDs and codes…
        </p>
      )}
      </ExportSubjectContext.Provider>
    </div>
    </ExportSubjectContext.Provider>
  );
});

/** The selected trunks' rows of a trunk table (all trunks: the rows shown and the ones summed in "other"). */
function useSelectedStats(table: Pick<DashboardTop, 'trunks' | 'otherTrunks'>, trunks: readonly string[]): TrunkStats[] {
  const { trunks: rows, otherTrunks } = table;
  return useMemo(() => (trunks.length === 0 ? [...rows, ...(otherTrunks ? [otherTrunks.stats] : [])] : rows.filter((t) => trunks.includes(t.trunk))), [rows, otherTrunks, trunks]);
}

/** "all trunks", up to three names, or "n trunks". */
export function subjectOf(trunks: readonly string[], displayName: (trunk: string) => string): string {
  const names = trunks.map(displayName);
  return names.length === 0 ? 'all trunks' : names.length <= 3 ? names.join(', ') : `${names.length} trunks`;
}
