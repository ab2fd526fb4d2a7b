import { formatBytes, formatCount, formatRate } from '../../lib/format';
import { useUnchangedFor } from '../../lib/use-unchanged-for';
import type { IngestProgressView, ReadingView } from './use-ingest';

/**
 * No byte or row read for this long: the read is said to look stuck. A read reports progress at
 * least every few hundred milliseconds (each merged piece, each block of one pass), so 20 s of
 * nothing is no slow file: the browser stopped handing its bytes over (a drive gone, a file
 * changed while read, a stall of the browser's own).
 */
export const STUCK_READ_MS = 20_000;

/** Reading progress: percent of bytes, rows per second, which file, and a cancel button. */
export function ProgressPanel({ reading, progress, onCancel }: { reading: ReadingView; progress: IngestProgressView | null; onCancel: () => void }) {
  const total = progress?.totalBytes ?? reading.bytes;
  const read = progress?.bytesRead ?? 0;
  const percent = total > 0 ? Math.min(100, Math.floor((read / total) * 100)) : 0;
  const seconds = (progress?.elapsedMs ?? 0) / 1000;
  const rowsPerSecond = seconds > 0 && progress ? progress.rowsRead / seconds : 0;
  const stuck = useUnchangedFor(`${progress?.fileIndex ?? 0}:${read}:${progress?.rowsRead ?? 0}`, STUCK_READ_MS);
  return (
    <section aria-labelledby="progress-title" className="mx-auto mt-10 max-w-2xl rounded-2xl border border-line bg-panel p-8">
      <h2 id="progress-title" className="text-lg font-semibold">
        {reading.title}
      </h2>
      <div
        role="progressbar"
        aria-label="Reading progress"
        aria-valuemin={0}
        aria-valuemax={100}
        aria-valuenow={percent}
        className="mt-4 h-3 overflow-hidden rounded-full bg-line"
      >
        {/* It steps with each progress message, unanimated: a width transition laid out and painted the page every frame of the read (~0.3 s of CPU at 1M calls, taken from the cores that parse). */}
        <div className="h-full bg-accent" style={{ width: `${percent}%` }} />
      </div>
      <p className="tabular mt-3 flex flex-wrap justify-between gap-2 text-sm text-muted">
        <span>
          {percent} % · {formatBytes(read)} of {formatBytes(total)}
        </span>
        <span>
          {formatCount(progress?.rowsRead ?? 0)} rows · {formatRate(rowsPerSecond)} rows/s
        </span>
      </p>
      {progress && progress.fileCount > 1 && (
        <p className="mt-1 text-sm text-muted">
          File {progress.fileIndex + 1} of {progress.fileCount}: {progress.fileName}
        </p>
      )}
      {stuck && (
        <p role="status" className="mt-4 rounded-lg bg-capacity-soft p-3 text-sm text-ink">
          Nothing new has been read for {STUCK_READ_MS / 1000} seconds. The browser may have stopped handing over this file’s bytes (a drive that went away, a file changed while it was read). Cancel and drop the file again; if it stops again, copy the file to a local folder first.
        </p>
      )}
      <button
        type="button"
        onClick={onCancel}
        className="mt-6 rounded-lg border border-line px-4 py-2 font-medium hover:bg-canvas focus-visible:outline-2 focus-visible:outline-accent"
      >
        Cancel
      </button>
    </section>
  );
}
