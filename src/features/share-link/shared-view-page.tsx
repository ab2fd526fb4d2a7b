import { useState } from 'react';
import type { SharedView, SharedWalk } from '../../core/share';
import type { DashboardData } from '../../core/analysis/dashboard-types';
import { shows603 } from '../../core/analysis/call-measures';
import { LEAVES } from '../../core/diagnosis/tree';
import type { TrunkDiagnosis } from '../../core/diagnosis/types';
import type { WalkOverrides } from '../../core/diagnosis/walk';
import { WalkPanel } from '../diagnosis-walk/walk-panel';
import { formatCount, formatWall } from '../../lib/format';
import { DashboardView } from '../dashboard/dashboard';
import { checkSharedVerdict } from '../../core/share/verdict-check';

/**
 * A diagnosis opened from a link: the same dashboard, drawn from the numbers the link carries,
 * with a banner saying so. Who sent it and when is not known; the data's dates and the note are.
 * Everything is rendered as text (React escapes it): a trunk name or note is never HTML.
 */
export function SharedViewPage({ view, onClose }: { view: SharedView; onClose: () => void }) {
  const { data } = view;
  const sharedWalk = view.diagnosis?.walks[0];
  const check = sharedWalk ? checkSharedVerdict(sharedWalk.trunk, sharedWalk.verdict, data.trunks) : null;
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
        displayName={senderName}
        walk={
          !sharedWalk ? undefined : check?.kind === 'no-trunk' ? (
            <p role="alert" className="rounded-lg bg-danger-soft p-3 text-danger" data-testid="shared-verdict-warning">
              {check.message}
            </p>
          ) : (
            <SharedWalkPanel walk={sharedWalk} data={data} wholeFile={view.selection.window === null} warning={check?.message ?? null} />
          )
        }
      />
    </div>
  );
}

/**
 * The sender's trunk names as the link carries them: the receiver's own renames belong to the
 * receiver's files, and a sender's "prefix 9" need not be the receiver's.
 */
const senderName = (trunk: string) => trunk;

/**
 * The sender's walk: their verdict, its evidence sentence and their overridden answers, replayed on
 * the numbers the link carries (evidence for the other branches is not in the link). The verdict is
 * labelled as the sender's and checked against the carried numbers (`warning` when they contradict
 * it); the evidence sentence is shown as the sender's words, quoted, never as this page's finding.
 * The teammate may try other answers here too; that changes nothing for the sender.
 */
function SharedWalkPanel({ walk, data, wholeFile, warning }: { walk: SharedWalk; data: DashboardData; wholeFile: boolean; warning: string | null }) {
  const [overrides, setOverrides] = useState<WalkOverrides>(() =>
    Object.fromEntries(Object.entries(walk.overrides).flatMap(([q, b]) => (/^\d+$/.test(b) ? [[q, Number(b)]] : []))),
  );
  const stats = data.trunks.find((t) => t.trunk === walk.trunk);
  const diagnosis: TrunkDiagnosis = {
    trunk: walk.trunk,
    period: { ...data.window, wholeFile },
    attempts: stats?.attempts ?? 0,
    knows603: stats ? shows603(stats) : false,
    rejectCodes: (stats?.byCode ?? []).filter((c) => c.outcome === 'capacity' || c.outcome === 'policy').map((c) => ({ code: c.code, count: c.count })),
    codes: {},
    rate503: stats?.rate503 ?? { n: 0, d: 0 },
    rate603: stats?.rate603 ?? { n: 0, d: 0 },
    verdict: walk.verdict,
    confidence: 'medium',
    title: LEAVES[walk.verdict].title,
    fix: LEAVES[walk.verdict].fix,
    // Not this page's finding: the sender's sentence is quoted above the walk instead.
    evidence: null,
    findings: [],
  };
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
      <WalkPanel
        diagnosis={diagnosis}
        name={walk.trunk}
        overrides={overrides}
        shared
        onOverride={(q, b) =>
          setOverrides((current) => {
            const next: Record<string, number> = Object.fromEntries(Object.entries(current).filter(([k]) => k !== q));
            if (b !== null) next[q] = b;
            return next;
          })
        }
      />
    </div>
  );
}
