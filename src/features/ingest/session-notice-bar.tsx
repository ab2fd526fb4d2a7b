import type { SessionFileInput } from '../../worker/protocol';
import type { SessionNotice } from './session-notice';

const BUTTON = 'rounded-lg border border-line bg-panel px-3 py-1 text-sm font-medium hover:bg-canvas focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-accent';

/**
 * What the last change did to the session, in words, with the way back: a drop adds to what is
 * loaded, so the notice after an add offers Undo and "Keep only" (replace instead of add).
 */
export function SessionNoticeBar({ notice, onRestore, onDismiss }: { notice: SessionNotice; onRestore: (files: SessionFileInput[]) => void; onDismiss: () => void }) {
  const keepOnly = notice.keepOnly;
  const keepOnlyName = keepOnly?.length === 1 && keepOnly[0] && !('sample' in keepOnly[0]) ? keepOnly[0].file.name : 'the added files';
  return (
    <div className="flex flex-wrap items-center gap-x-3 gap-y-2 rounded-lg border border-line bg-panel px-4 py-2" data-testid="session-notice" data-kind={notice.kind}>
      <p role="status" className="tabular min-w-0 flex-[1_1_16rem] text-sm">
        {notice.text}
      </p>
      <div className="flex flex-wrap gap-2">
        {notice.undo && (
          <button type="button" className={BUTTON} onClick={() => notice.undo && onRestore(notice.undo)}>
            Undo
          </button>
        )}
        {keepOnly && (
          <button type="button" className={BUTTON} onClick={() => onRestore(keepOnly)}>
            Keep only {keepOnlyName}
          </button>
        )}
        <button type="button" className={`${BUTTON} text-muted`} onClick={onDismiss} aria-label="Dismiss this message">
          ×
        </button>
      </div>
    </div>
  );
}
