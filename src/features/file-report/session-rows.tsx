import type { FileIngestResult } from '../../core/ingest/ingest-file';
import { formatCount } from '../../lib/format';

/**
 * The session's row accounting: each file's read = used + skipped, summed over the files loaded,
 * so the totals add up as each file's do (a call in two files is used in the first, skipped as a
 * duplicate in the other).
 */
export function SessionRows({ files }: { files: readonly FileIngestResult[] }) {
  if (files.length < 2) return null;
  let read = 0;
  let used = 0;
  let skipped = 0;
  for (const f of files) {
    read += f.rows.read;
    used += f.rows.used;
    skipped += f.rows.skipped;
  }
  return (
    <p className="tabular mt-1 text-sm" data-testid="session-rows">
      <span className="text-muted">All {formatCount(files.length)} files: </span>
      <span className="font-medium">{formatCount(read)}</span> rows read = <span className="font-medium text-answered">{formatCount(used)}</span> used +{' '}
      <span className="font-medium">{formatCount(skipped)}</span> skipped
    </p>
  );
}
