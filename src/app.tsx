import { useCallback } from 'react';
import { useIngest } from './features/ingest/use-ingest';
import { SessionNoticeBar } from './features/ingest/session-notice-bar';
import { SessionRows } from './features/file-report/session-rows';
import { useSharedLink } from './features/share-link/use-shared-link';
import { useWindowFileDrop } from './features/file-drop/use-window-file-drop';
import { DropOverlay } from './features/file-drop/drop-overlay';
import { WelcomePanel } from './features/file-drop/welcome-panel';
import { ChooseFilesButton } from './features/file-drop/choose-files-button';
import { ProgressPanel } from './features/ingest/progress-panel';
import { FileReportCard } from './features/file-report/file-report-card';
import { MappingPanel } from './features/column-mapping/mapping-panel';
import { useTrunkNames } from './features/trunk-list/use-trunk-names';
import { SAMPLE_DAY_TRUNK_NAMES } from './features/trunk-list/sample-day-names';
import { formatCount, formatWall } from './lib/format';
import { LockIcon } from './components/ui/lock-icon';
import { SkipLinks } from './components/ui/skip-links';
import { HintLayer } from './components/ui/hint';
import { ChunkBoundary } from './components/ui/chunk-boundary';
import { LiveDashboard, SharedDashboard } from './dashboards';

/** Where the dashboard's panels are (ids set in DashboardView): the skip links' targets. */
const PANELS = [
  { id: 'trunks-panel', label: 'Skip to trunks' },
  { id: 'timeline-panel', label: 'Skip to the timeline' },
  { id: 'diagnosis-panel', label: 'Skip to the diagnosis' },
];

const NO_NAMES: ReadonlyMap<string, string> = new Map();

export function App() {
  const ingest = useIngest();
  const shared = useSharedLink();
  const closeShared = shared.close;
  const { add, replace } = ingest;
  // Reading one's own files leaves a shared view. A drop adds to the files loaded (the notice
  // after it offers Undo and Keep only); "Replace all…" starts over.
  const addFiles = useCallback(
    (files: File[]) => {
      closeShared();
      add(files);
    },
    [closeShared, add],
  );
  const replaceFiles = useCallback(
    (files: File[] | 'sample') => {
      closeShared();
      replace(files);
    },
    [closeShared, replace],
  );
  const dragging = useWindowFileDrop(addFiles);
  const trunkNames = useTrunkNames(ingest.hasSample ? SAMPLE_DAY_TRUNK_NAMES : NO_NAMES);
  const { summary } = ingest;
  const reading = ingest.reading !== null;
  const showResult = summary !== null && !reading;
  const sharedView = shared.state.status === 'open' && !showResult && !reading ? shared.state.view : null;

  return (
    <div className="min-h-screen">
      <HintLayer />
      {showResult && (
        <div className="print:hidden">
          <SkipLinks targets={PANELS} />
        </div>
      )}
      <header className="border-b border-line bg-panel">
        <div className="mx-auto flex max-w-7xl flex-wrap items-center justify-between gap-3 px-6 py-3">
          <div>
            <h1 className="text-xl font-semibold tracking-tight">Trunk Triage</h1>
            <p className="text-sm text-muted">Why carriers reject your calls: 503 capacity or 603 policy, per trunk, from your CDRs.</p>
          </div>
          <div className="flex items-center gap-3 print:hidden">
            <span className="hidden text-sm text-muted sm:inline">
              <LockIcon /> Read in your browser, never uploaded
            </span>
            {showResult && (
              <ChooseFilesButton
                onFiles={addFiles}
                label="Add files…"
                inputLabel="CDR files to add to the ones loaded"
                title="Read more files beside the ones loaded (dropping files on the page does the same)"
              />
            )}
            {showResult && (
              <ChooseFilesButton
                onFiles={replaceFiles}
                label="Replace all…"
                inputLabel="CDR files to read instead of the ones loaded"
                title="Read other files instead of the ones loaded"
              />
            )}
            {showResult && (
              <button type="button" onClick={ingest.clear} className="rounded-lg px-3 py-1.5 text-sm text-muted hover:bg-canvas">
                Clear
              </button>
            )}
          </div>
        </div>
      </header>

      <DropOverlay visible={dragging} loadedFiles={summary?.files.length ?? 0} />

      <main className="mx-auto max-w-7xl px-6 pb-16" aria-busy={reading} data-state={reading ? 'reading' : showResult ? 'ready' : sharedView ? 'shared' : 'empty'}>
        {/* Keyed by the read: a read that follows another (a cancel, then the files loaded before read again) starts with no stuck notice. */}
        {ingest.reading && <ProgressPanel key={ingest.reading.read} reading={ingest.reading} progress={ingest.progress} onCancel={ingest.cancel} />}

        {!reading && ingest.error && (
          <p role="alert" className="mx-auto mt-8 max-w-2xl rounded-lg bg-danger-soft p-4 text-danger">
            {ingest.error.message}
          </p>
        )}
        {!reading && !summary && ingest.notice && (
          <p role="status" className="mx-auto mt-8 max-w-2xl rounded-lg border border-line bg-panel p-4 text-muted">
            {ingest.notice.text}
          </p>
        )}

        {shared.state.status === 'error' && !reading && !summary && (
          <p role="alert" className="mx-auto mt-8 max-w-2xl rounded-lg bg-danger-soft p-4 text-danger" data-testid="share-error">
            This diagnosis link cannot be opened: {shared.state.error.message}
          </p>
        )}
        {shared.state.status === 'opening' && (
          <p role="status" className="mt-8 text-center text-muted">
            Opening the shared diagnosis…
          </p>
        )}
        {sharedView && (
          <ChunkBoundary what="shared diagnosis">
            <SharedDashboard view={sharedView} onClose={shared.close} />
          </ChunkBoundary>
        )}

        {!reading && !summary && !sharedView && shared.state.status !== 'opening' && <WelcomePanel onFiles={replaceFiles} onSample={() => replaceFiles('sample')} />}

        {showResult && (
          <div className="mt-6 space-y-6">
            <p className="tabular text-sm text-muted" role="status" data-testid="ingest-status">
              {formatCount(summary.calls)} calls on {formatCount(summary.trunks.length)} trunk{summary.trunks.length === 1 ? '' : 's'} from {summary.files.length} file
              {summary.files.length === 1 ? '' : 's'}
              {summary.span && (
                <>
                  {' '}
                  · {formatWall(summary.span.firstMs)} to {formatWall(summary.span.lastMs)} <span title="CDR files carry no time zone; times are shown exactly as the file wrote them.">(time as written in the file)</span>
                </>
              )}
            </p>
            {ingest.notice && <SessionNoticeBar notice={ingest.notice} onRestore={ingest.restoreTo} onDismiss={ingest.dismissNotice} />}
            <ChunkBoundary what="dashboard">
              <LiveDashboard key={summary.ingestId} ingestId={summary.ingestId} summary={summary} displayName={trunkNames.displayName} onRename={trunkNames.rename} />
            </ChunkBoundary>
            <section aria-labelledby="files-title" className="print:hidden">
              <h2 id="files-title" className="text-lg font-semibold">
                Files
              </h2>
              <SessionRows files={summary.files} />
              <div className="mt-3 grid gap-4 lg:grid-cols-2">
                {summary.files.map((file) => (
                  <div key={file.fileId} className="min-w-0 space-y-3">
                    <FileReportCard file={file} fileId={file.fileId} onRemove={() => ingest.remove(file.fileId)} displayName={trunkNames.displayName} />
                    {file.mapping && <MappingPanel fileName={file.fileName} mapping={file.mapping} onApply={ingest.applyMapping} />}
                  </div>
                ))}
              </div>
            </section>
          </div>
        )}
      </main>
    </div>
  );
}
