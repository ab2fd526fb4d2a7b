/**
 * A diagnosis opened from a link, composed of its features: the share-link banner, the dashboard
 * drawn from the numbers the link carries, and the sender's walk replayed on them.
 */
import { useState } from 'react';
import type { SharedView } from './core/share';
import { checkSharedVerdict } from './core/share/verdict-check';
import type { WalkOverrides } from './core/diagnosis/walk';
import { DashboardView } from './features/dashboard/dashboard';
import { platformsOfFormats } from './features/diagnosis-walk/platforms';
import { WalkPanel } from './features/diagnosis-walk/walk-panel';
import { SharedViewPage, SharedWalkNotes } from './features/share-link/shared-view-page';
import { sharedOverrides, sharedWalkView } from './features/share-link/shared-walk';

/**
 * The sender's trunk names as the link carries them: the receiver's own renames belong to the
 * receiver's files, and a sender's "prefix 9" need not be the receiver's.
 */
const senderName = (trunk: string) => trunk;

export function SharedDashboard({ view, onClose }: { view: SharedView; onClose: () => void }) {
  const { data } = view;
  const sharedWalk = view.diagnosis?.walks[0];
  const check = sharedWalk ? checkSharedVerdict(sharedWalk.trunk, sharedWalk.verdict, data.trunks) : null;
  // The teammate may try other answers here too; that changes nothing for the sender.
  const [overrides, setOverrides] = useState<WalkOverrides>(() => (sharedWalk ? sharedOverrides(sharedWalk) : {}));
  const onOverride = (q: string, b: number | null) =>
    setOverrides((current) => {
      const next: Record<string, number> = Object.fromEntries(Object.entries(current).filter(([k]) => k !== q));
      if (b !== null) next[q] = b;
      return next;
    });
  const walk = !sharedWalk ? undefined : check?.kind === 'no-trunk' ? (
    <p role="alert" className="rounded-lg bg-danger-soft p-3 text-danger" data-testid="shared-verdict-warning">
      {check.message}
    </p>
  ) : (
    <SharedWalkNotes walk={sharedWalk} warning={check?.message ?? null}>
      <WalkPanel view={sharedWalkView(sharedWalk, data, view.selection.window === null, overrides)} onOverride={onOverride} shared platforms={platformsOfFormats(view.createdFrom.files.map((f) => f.formatId))} />
    </SharedWalkNotes>
  );
  return (
    <SharedViewPage view={view} onClose={onClose}>
      <DashboardView data={data} table={data} top={data} timelineSeries={data.series} selected={view.selection.trunks} window={view.selection.window} bucketMs={data.series.bucketMs} updating={false} displayName={senderName} walk={walk} />
    </SharedViewPage>
  );
}
