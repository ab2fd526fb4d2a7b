import type { ReactNode } from 'react';
import type { SharedView, SharedWalk } from '../../core/share';
import { formatCount, formatWall } from '../../lib/format';

/**
 * A diagnosis opened from a link: the same dashboard (children), drawn from the numbers the link carries,
 * with a banner saying so. Who sent it and when is not known; the data's dates and the note are.
 * Everything is rendered as text (React escapes it): a trunk name or note is never HTML.
 */
export function SharedViewPage({ view, onClose, children }: { view: SharedView; onClose: () => void; children: ReactNode }) {
  const { data } = view;
  return (
    <div className="mt-6 space-y-4" data-testid="shared-view">
      <section aria-label="Shared view" className="rounded-xl border-2 border-accent/60 bg-accent/5 p-4">
        <p className="font-semibold">Shared view — numbers from a teammate’s file, read in their browser</p>
        <p className="mt-1 text-sm text-muted">
          Data from {formatWall(data.span.fromMs)} to {formatWall(data.span.toMs)} (time as written in the file) ·{' '}
          {view.createdFrom.files.map((f) => `${f.name} (${f.formatLabel || f.formatId || 'not read'}: ${formatCount(f.rows.read)} rows read = ${formatCount(f.rows.used)} used + ${formatCount(f.rows.skipped)} skipped)`).join('; ')}
          {view.privacy === 'masked' ? ' · caller IDs masked' : ''}
        </p>
        {view.note && (
          <blockquote className="mt-3 border-l-4 border-accent pl-3 whitespace-pre-wrap" data-testid="shared-note">
            {view.note}
          </blockquote>
        )}
        <p className="mt-3 text-sm">
          To dig deeper, drop your own copy of the file anywhere on this page.{' '}
          <button type="button" onClick={onClose} className="text-accent underline">
            Close the shared view
          </button>
        </p>
      </section>
      {children}
    </div>
  );
}

/**
 * Around the sender's walk (given as children): a warning when the carried numbers contradict their
 * verdict, and their evidence sentence quoted as their words, never as this page's finding.
 */
export function SharedWalkNotes({ walk, warning, children }: { walk: SharedWalk; warning: string | null; children: ReactNode }) {
  return (
    <div className="space-y-3">
      {warning && (
        <p role="alert" className="rounded-lg bg-danger-soft p-3 text-danger" data-testid="shared-verdict-warning">
          {warning}
        </p>
      )}
      {walk.evidence && (
        <figure className="rounded-lg border border-line bg-panel p-3 text-sm" data-testid="shared-evidence">
          <figcaption className="text-muted">The sender’s evidence for their verdict, in their words (this page cannot check it):</figcaption>
          <blockquote className="mt-1 border-l-4 border-line pl-3 whitespace-pre-wrap">“{walk.evidence}”</blockquote>
        </figure>
      )}
      {children}
    </div>
  );
}
