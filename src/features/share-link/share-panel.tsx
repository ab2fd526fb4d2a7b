import { useEffect, useId, useMemo, useState } from 'react';
import type { DashboardData } from '../../core/analysis/dashboard-types';
import type { IngestSummary } from '../../core/ingest/ingest-files';
import { buildSharedView, encodeShare, LINK_BUDGET_CHARS, LIMITS, smallerVariant, type SharedView, type SharedWalk, type ShareSelection, type SharePrivacy } from '../../core/share';
import { formatCount, formatWall } from '../../lib/format';
import { withDisplayNames } from './with-display-names';
import { summaryText, type VerdictText } from './summary-text';

interface Props {
  summary: IngestSummary;
  data: DashboardData;
  selection: ShareSelection;
  displayName: (trunk: string) => string;
  /** The diagnosis walks of the selected trunks (verdict and the sender's overridden answers). */
  walks: SharedWalk[];
  /** The selected trunks' verdicts in words, for "Copy as text". */
  verdicts: VerdictText[];
}

interface Encoded {
  url: string;
  length: number;
  dropped: string[];
  /** The link with every detail, when it was over the budget and `url` is the smaller one. */
  fullLength: number | null;
  /** The inputs it was made from. */
  for: object;
  /** Attempts dated outside what a link carries, shown at its edge (buildSharedView's outsideSpan). */
  outside: SharedView['outsideSpan'];
}

/**
 * "Share a diagnosis link": the view (aggregates, selection, window, note) packed into the URL
 * fragment, which browsers never send to a server. Says exactly what is included; caller IDs are
 * masked unless the sender opts in. The link is made to fit the 2,000-character budget (detail
 * left out step by step, named) unless the sender asks for every detail. "Copy as text" gives the
 * same numbers as plain text for a chat or a ticket.
 */
export function SharePanel({ summary, data, selection, displayName, walks, verdicts }: Props) {
  const [open, setOpen] = useState(false);
  const [note, setNote] = useState('');
  const [privacy, setPrivacy] = useState<SharePrivacy>('masked');
  const [everyDetail, setEveryDetail] = useState(false);
  const [encoded, setEncoded] = useState<Encoded | null>(null);
  const [copied, setCopied] = useState<'link' | 'text' | 'failed' | null>(null);
  const [failure, setFailure] = useState<string | null>(null);
  const panelId = useId();
  // What the link is made from; while a change (note, privacy…) is being encoded, the link shown
  // is the previous one and the field says so (aria-busy).
  const inputs = useMemo(() => ({ summary, data, selection, privacy, note, everyDetail, displayName, walks }), [summary, data, selection, privacy, note, everyDetail, displayName, walks]);
  const pending = encoded?.for !== inputs;

  useEffect(() => {
    if (!open) return;
    const { summary, data, selection, privacy, note, everyDetail, displayName, walks } = inputs;
    let cancelled = false;
    const timer = setTimeout(() => {
      setFailure(null);
      void (async () => {
        const named = withDisplayNames(data, selection.trunks, displayName);
        const view = buildSharedView(summary, named.data, { trunks: named.trunks, window: selection.window }, { privacy, note, diagnosis: walks.length ? { version: 1, walks } : undefined });
        // The budget is for the whole link, address included, as a chat app sees it.
        const base = `${location.origin}${location.pathname}`;
        try {
          let fragment = await encodeShare(view);
          let dropped: string[] = [];
          let fullLength: number | null = null;
          if (!everyDetail && base.length + fragment.length > LINK_BUDGET_CHARS) {
            fullLength = base.length + fragment.length;
            const small = await smallerVariant(view, LINK_BUDGET_CHARS - base.length);
            fragment = small.fragment;
            dropped = small.dropped;
          }
          const url = `${base}${fragment}`;
          if (!cancelled) setEncoded({ url, length: url.length, dropped, fullLength, for: inputs, outside: view.outsideSpan });
        } catch (e) {
          // Never "Preparing…" forever: say why there is no link.
          if (!cancelled) setFailure(`No link can be made from this view: ${e instanceof Error ? e.message : String(e)}`);
        }
      })();
    }, 150);
    return () => {
      cancelled = true;
      clearTimeout(timer);
    };
  }, [open, inputs]);

  const copy = (text: string, what: 'link' | 'text') => {
    void (navigator.clipboard?.writeText(text) ?? Promise.reject(new Error('no clipboard'))).then(
      () => setCopied(what),
      () => setCopied('failed'),
    );
  };
  const copyText = () => {
    const shown = selection.trunks.length ? data.trunks.filter((t) => selection.trunks.includes(t.trunk)) : data.trunks;
    copy(summaryText({ files: summary.files.map((f) => f.fileName), span: data.span, window: data.window, trunks: shown, verdicts, displayName, privacy }), 'text');
  };
  const tooLong = encoded !== null && encoded.length > LINK_BUDGET_CHARS;
  return (
    <>
      <button
        type="button"
        aria-expanded={open}
        aria-controls={panelId}
        onClick={() => setOpen((o) => !o)}
        className="rounded-lg border border-accent px-3 py-1 text-sm font-medium text-accent hover:bg-accent/10"
      >
        Share diagnosis link
      </button>
      {open && (
        <div id={panelId} role="region" aria-label="Share diagnosis link" className="mt-3 basis-full rounded-lg border border-line bg-canvas p-4 text-sm" data-testid="share-panel">
          <p className="font-medium">The link carries this view, not your file:</p>
          <ul className="mt-1 list-disc pl-5 text-muted">
            <li>
              file names, formats and row counts ({summary.files.map((f) => f.fileName).join(', ')});
            </li>
            <li>the trunk table, and the charts and breakdowns for the selected trunks and window;</li>
            <li>the diagnosis walk of the selected trunks: the verdict and the answers you changed;</li>
            <li>destination prefixes (never full numbers); caller IDs {privacy === 'masked' ? 'masked (1312555••••)' : 'in full'};</li>
            <li>your note. No call, no phone number of a callee, nothing else.</li>
          </ul>
          <p className="mt-1 text-muted">It lives in the part after “#”, which browsers never send to a server. Whoever has the link can read it.</p>
          <label className="mt-3 block">
            <span className="font-medium">Note for your teammate (optional)</span>
            <textarea
              value={note}
              maxLength={LIMITS.note}
              onChange={(e) => setNote(e.currentTarget.value)}
              rows={2}
              className="mt-1 w-full rounded border border-line bg-panel p-2"
              placeholder="e.g. Carrier B rejects above ~3 CPS since this morning — ticket opened?"
            />
          </label>
          <label className="mt-2 flex items-center gap-2">
            <input type="checkbox" checked={privacy === 'full'} onChange={(e) => setPrivacy(e.currentTarget.checked ? 'full' : 'masked')} />
            Include full caller IDs
          </label>
          <div className="mt-3">
            <label className="font-medium" htmlFor={`${panelId}-url`}>
              Link
            </label>
            <div className="mt-1 flex gap-2">
              <input id={`${panelId}-url`} readOnly value={encoded?.url ?? (failure ? '' : 'Preparing…')} onFocus={(e) => e.currentTarget.select()} className="min-w-0 flex-1 rounded border border-line bg-panel px-2 py-1 font-mono text-xs" aria-busy={pending} data-testid="share-url" />
              <button
                type="button"
                disabled={!encoded}
                onClick={() => encoded && copy(encoded.url, 'link')}
                className="rounded bg-accent px-3 py-1 font-medium text-white disabled:opacity-40 dark:text-slate-950"
              >
                Copy link
              </button>
              <button type="button" onClick={copyText} className="rounded border border-accent px-3 py-1 font-medium text-accent hover:bg-accent/10" title="The selected trunks' numbers (with n and d), window, verdict and carrier ticket as plain text">
                Copy as text
              </button>
            </div>
            <p className="tabular mt-1 text-muted" role="status" data-testid="share-length">
              {encoded ? `${formatCount(encoded.length)} characters (chat apps and ticket systems cut links above ${formatCount(LINK_BUDGET_CHARS)})` : ''}
              {copied === 'link' && ' · link copied'}
              {copied === 'text' && ' · text copied'}
              {copied === 'failed' && ' · the browser did not allow copying: select the link and copy it'}
            </p>
            {tooLong && <p className="mt-1 text-danger">This link is longer than {formatCount(LINK_BUDGET_CHARS)} characters and may be cut.</p>}
            {encoded && encoded.dropped.length > 0 && (
              <p className="mt-1 text-muted" data-testid="share-left-out">
                To fit {formatCount(LINK_BUDGET_CHARS)} characters (every detail: {formatCount(encoded.fullLength ?? 0)}), the link leaves out: {encoded.dropped.join('; ')}.
              </p>
            )}
            {failure && (
              <p role="alert" className="mt-1 text-danger">
                {failure}
              </p>
            )}
            {encoded?.outside && encoded.outside.attempts > 0 && (
              <p className="mt-1 text-muted" data-testid="share-outside-span">
                {formatCount(encoded.outside.attempts)} attempt{encoded.outside.attempts === 1 ? ' is' : 's are'} dated outside {formatWall(encoded.outside.fromMs)} – {formatWall(encoded.outside.toMs)}, the most a link carries: the link’s timeline shows{' '}
                {encoded.outside.attempts === 1 ? 'it' : 'them'} at the nearest edge (every count is kept). Say so in the note if it matters.
              </p>
            )}
            {(everyDetail || (encoded && encoded.dropped.length > 0)) && (
              <label className="mt-1 flex items-center gap-2 text-muted">
                <input type="checkbox" checked={everyDetail} onChange={(e) => setEveryDetail(e.currentTarget.checked)} />
                Keep every detail (a longer link, for places that do not cut links)
              </label>
            )}
          </div>
        </div>
      )}
    </>
  );
}
