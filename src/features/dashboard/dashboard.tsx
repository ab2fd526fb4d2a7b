import type { IngestSummary } from '../../core/ingest/ingest-files';
import { formatCount, formatWall } from '../../lib/format';
import { TrunkTable } from './trunk-table';
import { TimelineChart } from './timeline-chart';
import { CpsPanel } from './cps-panel';
import { ConcurrencyPanel } from './concurrency-panel';
import { BreakdownTable } from './breakdown-table';
import { CodesPanel } from './codes-panel';
import { useDashboard } from './use-dashboard';

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
  const { data } = dash;
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
  const selectedNames = dash.selectedTrunks.map(displayName);
  const subject = selectedNames.length === 0 ? 'all trunks' : selectedNames.length <= 3 ? selectedNames.join(', ') : `${selectedNames.length} trunks`;
  const selectedStats = data.trunks.filter((t) => dash.selectedTrunks.length === 0 || dash.selectedTrunks.includes(t.trunk));
  return (
    <div className="space-y-4" data-testid="dashboard" aria-busy={dash.updating}>
      <p className="tabular text-sm text-muted" role="status" data-testid="window-status">
        {dash.window ? (
          <>
            Window {formatWall(data.window.fromMs)} – {formatWall(data.window.toMs)}: <strong className="text-ink">{formatCount(data.calls)}</strong> calls for {subject}
          </>
        ) : (
          <>
            Whole span: <strong className="text-ink">{formatCount(data.calls)}</strong> calls for {subject}
          </>
        )}
      </p>
      <section aria-labelledby="trunks-heading" className="rounded-xl border border-line bg-panel p-4">
        <div className="flex flex-wrap items-baseline justify-between gap-2">
          <h2 id="trunks-heading" className="text-lg font-semibold">
            Trunks
          </h2>
          <p className="text-sm text-muted">Worst first. Click a trunk to drive the charts; tick several to compare. Hover or focus a number for its formula.</p>
        </div>
        <TrunkTable trunks={data.trunks} onsets={data.onsets} selected={dash.selectedTrunks} onSelect={dash.select} displayName={displayName} onRename={onRename} />
      </section>
      <TimelineChart series={(dash.timeline ?? data).series} span={data.span} window={dash.window} onWindow={dash.setWindow} bucketMs={dash.bucketMs} onBucket={dash.setBucketMs} subject={subject} />
      <div className="grid gap-4 xl:grid-cols-2">
        <CpsPanel cps={data.cps} subject={subject} />
        <ConcurrencyPanel concurrency={data.concurrency} subject={subject} />
      </div>
      <div className="grid gap-4 xl:grid-cols-3">
        <BreakdownTable title="Destination prefixes" keyLabel="Prefix" rows={data.breakdowns.prefixes} exportName="prefixes" subject={subject} />
        <BreakdownTable title="Caller IDs" keyLabel="Caller ID" rows={data.breakdowns.callerIds} exportName="caller-ids" subject={subject} />
        <CodesPanel trunks={selectedStats} subject={subject} />
      </div>
      <BreakdownTable title="Hour of day" keyLabel="Hour" rows={data.breakdowns.hours.filter((h) => h.attempts > 0)} exportName="hours" subject={`${subject} · hours with calls, as written in the file`} />
    </div>
  );
}
