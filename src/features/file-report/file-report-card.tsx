import type { FileIngestResult } from '../../core/ingest/ingest-file';
import { repeatedHourNote } from '../../core/analysis/clock-fold';
import { adviceForMissingSipCodes } from '../../core/model/capability-advice';
import { formatBytes, formatCount, formatLines } from '../../lib/format';

const DELIMITER_NAMES: Record<string, string> = { ',': 'comma', ';': 'semicolon', '\t': 'tab', '|': 'pipe' };

/**
 * One file: its detected format, row accounting (read = used + skipped, with reasons), and limits;
 * for an Excel workbook, which sheet was read and how many others were not.
 * `fileId` keeps two files of one name apart; `onRemove` takes the file out of the session.
 */
export function FileReportCard({
  file,
  fileId,
  onRemove,
  displayName = (t) => t,
}: {
  file: FileIngestResult;
  fileId: string;
  onRemove?: () => void;
  displayName?: (trunk: string) => string;
}) {
  const { rows } = file;
  const caps = file.capabilities;
  const titleId = `file-${fileId.replace(/[^a-z0-9]/gi, '-')}`;
  return (
    <article aria-labelledby={titleId} className="rounded-xl border border-line bg-panel p-5" data-testid="file-report" data-pieces={file.pieces}>
      <header>
        <div className="flex items-start justify-between gap-3">
          <h3 id={titleId} className="min-w-0 font-semibold [overflow-wrap:anywhere]">
            {/* Its controls are escapes already (ingest-files.ts); isolated, it cannot reorder the text around it. */}
            <bdi>{file.fileName}</bdi>
          </h3>
          {onRemove && (
            <button
              type="button"
              onClick={onRemove}
              aria-label={`Remove ${file.fileName}`}
              title="Take this file's calls out of the analysis (the other files are read again)"
              className="shrink-0 rounded-lg border border-line px-2 py-0.5 text-sm text-muted hover:bg-canvas hover:text-ink focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-accent"
            >
              Remove
            </button>
          )}
        </div>
        <div className="mt-1">
          {file.format ? (
            <span className="inline-block rounded-full bg-accent/10 px-3 py-0.5 text-sm font-medium text-accent" data-testid="detected-format" data-format-id={file.format.id}>
              {file.format.label}
              {file.format.variant ? ` · ${file.format.variant}` : ''}
            </span>
          ) : (
            <span className="inline-block rounded-full bg-danger-soft px-3 py-0.5 text-sm font-medium text-danger">Not read</span>
          )}
        </div>
      </header>
      <p className="mt-1 text-sm text-muted">
        {formatBytes(file.byteSize)}
        {file.compression === 'gzip' ? ' · gzip' : file.compression === 'deflate' ? ' · deflate, in a ZIP archive' : ''}
        {/* A workbook's text is the CSV its sheet gives: its encoding and delimiter are ours, not the file's. */}
        {file.sheet ? (
          <span data-testid="workbook-sheet">
            {' · Excel workbook, sheet '}
            <bdi>{`“${file.sheet.name}”`}</bdi>
            {` read${file.sheet.otherSheets > 0 ? ` (${formatCount(file.sheet.otherSheets)} other sheet${file.sheet.otherSheets === 1 ? '' : 's'} not read)` : ''}`}
          </span>
        ) : (
          <>
            {file.encoding ? ` · ${file.encoding.toUpperCase()}` : ''}
            {file.delimiter ? ` · ${DELIMITER_NAMES[file.delimiter] ?? file.delimiter}-separated` : ''}
          </>
        )}
      </p>

      {file.error && (
        <p role="alert" className="mt-3 rounded-lg bg-danger-soft p-3 text-sm text-danger">
          {file.error}
        </p>
      )}

      {file.format && (
        <div className="mt-4">
          <p className="tabular text-sm" data-testid="row-accounting">
            <span className="font-medium">{formatCount(rows.read)}</span> rows read ={' '}
            <span className="font-medium text-answered">{formatCount(rows.used)}</span> used +{' '}
            <span className="font-medium">{formatCount(rows.skipped)}</span> skipped
            {rows.headerLines > 0 && <span className="text-muted"> · {formatCount(rows.headerLines)} header line{rows.headerLines === 1 ? '' : 's'}</span>}
          </p>
          {file.skipped.length > 0 && (
            <details className="mt-2 text-sm" open={file.skipped.length <= 3}>
              <summary className="cursor-pointer text-muted">Why rows were skipped</summary>
              <table className="tabular mt-2 w-full text-left">
                <thead className="text-muted">
                  <tr>
                    <th scope="col" className="py-1 pr-3 font-medium">
                      Reason
                    </th>
                    <th scope="col" className="py-1 pr-3 text-right font-medium">
                      Rows
                    </th>
                    <th scope="col" className="py-1 font-medium">
                      First lines
                    </th>
                  </tr>
                </thead>
                <tbody>
                  {file.skipped.map((group) => (
                    <tr key={group.reason} className="border-t border-line">
                      <td className="py-1 pr-3">{group.reason}</td>
                      <td className="py-1 pr-3 text-right">{formatCount(group.count)}</td>
                      <td className="py-1 text-muted">{formatLines(group.firstLines, group.count)}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </details>
          )}
          <TrafficLine traffic={file.traffic} />
          {file.unclosedQuotes.count > 0 && (
            <p className="tabular mt-2 text-sm text-danger" data-testid="unclosed-quotes">
              {formatCount(file.unclosedQuotes.count)} quote{file.unclosedQuotes.count === 1 ? '' : 's'} never closed (line
              {file.unclosedQuotes.firstLines.length === 1 ? '' : 's'} {file.unclosedQuotes.firstLines.join(', ')}): each was closed at its line end, so the
              rows after it were read.
            </p>
          )}
          {file.overlongLines > 0 && (
            <p className="mt-2 text-sm text-danger">{formatCount(file.overlongLines)} absurdly long lines (over 1 MB) were cut: the file may contain binary data.</p>
          )}
        </div>
      )}

      {file.trunks.length > 0 && (
        <div className="mt-3 text-sm">
          <span className="text-muted">Trunks found: </span>
          <ul className="inline" data-testid="file-trunks">
            {file.trunks.slice(0, 12).map((t, i) => (
              <li key={t.name} className="inline">
                {i > 0 && ', '}
                <span className="font-medium">{displayName(t.name) || '(none)'}</span> <span className="tabular text-muted">({formatCount(t.calls)})</span>
              </li>
            ))}
            {file.trunks.length > 12 && <li className="inline text-muted">, and {file.trunks.length - 12} more</li>}
          </ul>
        </div>
      )}

      {file.traffic.authChallenges > 0 && (
        <p className="tabular mt-2 text-sm" data-testid="auth-challenges">
          {formatCount(file.traffic.authChallenges)} call{file.traffic.authChallenges === 1 ? '' : 's'} challenged for credentials (401/407),{' '}
          {formatCount(file.traffic.answeredAfterChallenge)} answered on the retry. A challenge is the proxy asking the caller, never a carrier rejection: each call counts once, with the outcome of its retry.
        </p>
      )}

      {file.repeatedHours.map((h) => (
        <p key={h.fromMs} className="mt-2 rounded-lg bg-canvas p-2 text-sm" data-testid="repeated-hour">
          {repeatedHourNote(h)}
        </p>
      ))}

      {file.companionHint && (
        <p className="mt-2 rounded-lg bg-canvas p-2 text-sm text-muted" data-testid="companion-hint">
          {file.companionHint}
        </p>
      )}

      {file.format && caps && !caps.separates503From603 && file.trunks.length > 0 && <CannotSeparateNotice family={file.format.family} />}
    </article>
  );
}

/** Which of the file's calls are a trunk's attempts: only outbound (and unknown) calls are analyzed. */
function TrafficLine({ traffic }: { traffic: FileIngestResult['traffic'] }) {
  const parts: string[] = [];
  if (traffic.outbound > 0) parts.push(`${formatCount(traffic.outbound)} outbound`);
  if (traffic.inbound > 0) parts.push(`${formatCount(traffic.inbound)} inbound (shown apart, in no rate)`);
  if (traffic.internal > 0) parts.push(`${formatCount(traffic.internal)} internal (skipped)`);
  if (traffic.unknownDirection > 0) parts.push(`${formatCount(traffic.unknownDirection)} of unknown direction (counted as attempts: the file does not say which way they went)`);
  if (traffic.authChallenges > 0) parts.push(`${formatCount(traffic.authChallenges)} auth challenges, ${formatCount(traffic.answeredAfterChallenge)} answered on the retry`);
  if (parts.length === 0) return null;
  return (
    <p className="tabular mt-2 text-sm" data-testid="traffic">
      <span className="text-muted">Calls: </span>
      {parts.join(' · ')}
    </p>
  );
}

function CannotSeparateNotice({ family }: { family: Parameters<typeof adviceForMissingSipCodes>[0] }) {
  const advice = adviceForMissingSipCodes(family);
  return (
    <div className="mt-4 rounded-lg border border-capacity/40 bg-capacity-soft p-3 text-sm" data-testid="cannot-separate">
      <p className="font-medium">This file cannot tell a 503 from a 603.</p>
      <p className="mt-1">{advice.limitation}</p>
      <p className="mt-2 font-medium">To fix it for the next export:</p>
      <ul className="mt-1 list-disc pl-5">
        {advice.fix.map((f) => (
          <li key={f} className="break-words">
            {f}
          </li>
        ))}
      </ul>
    </div>
  );
}
