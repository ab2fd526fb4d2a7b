import type { SharedView } from '../../core/share';
import { formatCount, formatWall } from '../../lib/format';
import { DashboardView } from '../dashboard/dashboard';

/**
 * A diagnosis opened from a link: the same dashboard, drawn from the numbers the link carries,
 * with a banner saying so. Who sent it and when is not known; the data's dates and the note are.
 * Everything is rendered as text (React escapes it): a trunk name or note is never HTML.
 */
export function SharedViewPage({ view, displayName, onClose }: { view: SharedView; displayName: (t: string) => string; onClose: () => void }) {
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
      <DashboardView
        data={data}
        timelineSeries={data.series}
        selected={view.selection.trunks}
        window={view.selection.window}
        bucketMs={data.series.bucketMs}
        updating={false}
        displayName={displayName}
      />
    </div>
  );
}
