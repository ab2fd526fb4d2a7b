/**
 * The dashboard of the loaded calls, composed of its features: the dashboard's view and queries,
 * the diagnosis walk of the focused trunk (in the diagnosis slot), the share panel (beside the
 * trunk table) and the comparison of two periods (under the timeline). Features never import each other; they meet here.
 */
import { useCallback, useMemo } from 'react';
import type { SessionSummary } from './worker/protocol';
import type { TimeWindow } from './core/analysis/dashboard-types';
import { walkViewOf } from './core/diagnosis/walk-view';
import { DashboardNotice, DashboardView, subjectOf } from './features/dashboard/dashboard';
import { useDashboard } from './features/dashboard/use-dashboard';
import { useDiagnosis } from './features/diagnosis-walk/use-diagnosis';
import { WalkPanel } from './features/diagnosis-walk/walk-panel';
import { platformsOf } from './features/diagnosis-walk/platforms';
import { PrintReports } from './features/diagnosis-walk/print-reports';
import { SharePanel } from './features/share-link/share-panel';
import { KpiPanel } from './features/carrier-kpi/kpi-panel';
import { ComparePanel } from './features/compare/compare-panel';
import { verdictTexts, walksToShare } from './features/share-link/walks-to-share';
import { usePrinting } from './lib/use-printing';

export { warmUpDashboardRender } from './features/dashboard/render-warm-up';

interface Props {
  ingestId: number;
  summary: SessionSummary;
  displayName: (trunk: string) => string;
  onRename: (trunk: string, name: string) => void;
}

/**
 * The first screen after a drop: which trunk, rejected with what, since when (trunk table and
 * timeline, no scrolling), then the patterns behind it for the selected trunks: CPS, concurrency,
 * destination prefixes, caller IDs, hours, codes.
 */
export function LiveDashboard({ ingestId, summary, displayName, onRename }: Props) {
  const dash = useDashboard(ingestId);
  // Asked for the trunks and window the panels have numbers for, so their query goes to the
  // worker first, and the walk counts what the table counts.
  const diagnosis = useDiagnosis(ingestId, dash.dataTrunks, dash.dataWindow, dash.data !== null);
  const { data, top, selectedTrunks } = dash;
  // Everything handed down is kept stable between renders (memoized panels skip when their
  // props are unchanged): a brush or a selection re-renders only what shows new numbers.
  const shareSelection = useMemo(() => ({ trunks: selectedTrunks, window: dash.window }), [selectedTrunks, dash.window]);
  const shareWalks = useMemo(() => walksToShare(diagnosis.trunks ?? [], selectedTrunks, diagnosis.overrides, displayName), [diagnosis.trunks, diagnosis.overrides, selectedTrunks, displayName]);
  const shareVerdicts = useMemo(() => verdictTexts(diagnosis.trunks ?? [], selectedTrunks, displayName), [diagnosis.trunks, selectedTrunks, displayName]);
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
  const walkView = useMemo(() => (focusDiagnosis ? walkViewOf(focusDiagnosis, displayName(focusDiagnosis.trunk), focusOverrides ?? {}) : null), [focusDiagnosis, focusOverrides, displayName]);
  const walk = useMemo(
    () =>
      walkView ? (
        <WalkPanel view={walkView} onOverride={onOverride} platforms={platforms} />
      ) : diagnosis.error ? (
        <p role="alert" className="rounded-lg bg-danger-soft p-3 text-danger">
          {diagnosis.error.message}
        </p>
      ) : focusTrunk !== undefined && !diagnosis.trunks ? (
        <p role="status" className="text-muted">
          Walking the flowchart with the file’s evidence…
        </p>
      ) : null,
    [walkView, onOverride, platforms, diagnosis.error, diagnosis.trunks, focusTrunk],
  );
  const actions = useMemo(
    () => (data ? <SharePanel summary={summary} data={data} selection={shareSelection} displayName={displayName} walks={shareWalks} verdicts={shareVerdicts} /> : null),
    [summary, data, shareSelection, displayName, shareWalks, shareVerdicts],
  );
  const kpiData = data?.kpi;
  const kpi = useMemo(() => (kpiData ? <KpiPanel kpi={kpiData} selected={dash.panelTrunks} displayName={displayName} /> : null), [kpiData, dash.panelTrunks, displayName]);
  const span = data?.span;
  const files = useMemo(() => summary.files.map((f) => ({ id: f.fileId, name: f.fileName })), [summary.files]);
  const compare = useMemo(
    () => (span ? <ComparePanel ingestId={ingestId} span={span} trunks={selectedTrunks} subject={subjectOf(selectedTrunks, displayName)} displayName={displayName} files={files} /> : null),
    [ingestId, span, selectedTrunks, displayName, files],
  );
  // The printed page: a report per selected trunk with its diagnosis (the walk as answered on
  // screen), built only while printing so brushing and selecting never draw the hidden charts.
  const printing = usePrinting();
  const reports = useMemo(
    () =>
      (printing ? (diagnosis.trunks ?? []) : [])
        .filter((d) => selectedTrunks.includes(d.trunk))
        .map((d) => ({
          view: walkViewOf(d, displayName(d.trunk), diagnosis.overrides.get(d.trunk) ?? {}),
          // The first screen's numbers: the diagnosis was asked for its trunks and window.
          stats: top?.trunks.find((t) => t.trunk === d.trunk) ?? null,
          series: top?.trunkSeries?.find((s) => s.trunk === d.trunk)?.series ?? (selectedTrunks.length === 1 ? (top?.spanSeries ?? top?.series ?? null) : null),
        })),
    [printing, diagnosis.trunks, diagnosis.overrides, selectedTrunks, displayName, top],
  );
  // The panels' levels only once they answer the same query as the first screen (they follow it by a moment).
  const panelsCurrent = data !== null && top !== null && sameWindow(data.window, top.window) && sameTrunks(dash.panelTrunks, dash.dataTrunks);
  const levels = useMemo(
    () =>
      printing && data && panelsCurrent && dash.panelTrunks.length === 1
        ? { cps: data.cps.levels.map((l) => ({ level: l.cps, attempts: l.attempts, c503: l.c503 })), concurrency: data.concurrency.available ? data.concurrency.levels : null }
        : null,
    [printing, data, panelsCurrent, dash.panelTrunks],
  );
  // The first screen is drawn as soon as its numbers come: the trunk table from the first answer
  // (the whole-file table), the timeline with it (made with that table) or with `top`, the status
  // line's count with `top`; the panels below follow.
  const first = top ?? data;
  const table = first ?? dash.overview;
  if (!table || dash.error || summary.calls === 0) return <DashboardNotice error={dash.error} data={table} calls={summary.calls} />;
  return (
    <>
      <div className="print:hidden">
        <DashboardView
          data={data}
          table={table}
          top={first}
          timelineSeries={first ? (first.spanSeries ?? first.series) : dash.firstTimeline}
          selected={selectedTrunks}
          dataTrunks={dash.dataTrunks}
          panelTrunks={dash.panelTrunks}
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
          after={kpi}
          compare={compare}
        />
      </div>
      <PrintReports reports={reports} levels={levels} platforms={platforms} />
    </>
  );
}

function sameWindow(a: TimeWindow, b: TimeWindow): boolean {
  return a.fromMs === b.fromMs && a.toMs === b.toMs;
}

function sameTrunks(a: readonly string[], b: readonly string[]): boolean {
  return a.length === b.length && a.every((t, i) => t === b[i]);
}
