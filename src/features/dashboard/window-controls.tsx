import type { TimeWindow } from '../../core/analysis/dashboard-types';
import { formatWall } from '../../lib/format';

/** `YYYY-MM-DDTHH:MM` for a datetime-local input (wall time, shown as written in the file). */
const toInput = (ms: number) => formatWall(ms).slice(0, 16).replace(' ', 'T');
const fromInput = (value: string) => Date.parse(`${value}:00Z`);

/** The window as two fields (keyboard and screen-reader way to brush) and a reset. */
export function WindowControls({ span, window, onWindow }: { span: TimeWindow; window: TimeWindow | null; onWindow: (w: TimeWindow | null) => void }) {
  const current = window ?? span;
  const set = (edge: 'fromMs' | 'toMs', value: string) => {
    const ms = fromInput(value);
    if (Number.isNaN(ms)) return;
    const next = { ...current, [edge]: ms };
    if (next.toMs > next.fromMs) onWindow(next.fromMs <= span.fromMs && next.toMs >= span.toMs ? null : next);
  };
  return (
    <div className="mt-2 flex flex-wrap items-center gap-3 text-sm">
      <label className="flex items-center gap-1 text-muted">
        From
        <input type="datetime-local" value={toInput(current.fromMs)} onChange={(e) => set('fromMs', e.currentTarget.value)} className="rounded border border-line bg-canvas px-1 text-ink" />
      </label>
      <label className="flex items-center gap-1 text-muted">
        To
        <input type="datetime-local" value={toInput(current.toMs)} onChange={(e) => set('toMs', e.currentTarget.value)} className="rounded border border-line bg-canvas px-1 text-ink" />
      </label>
      {window ? (
        <button type="button" onClick={() => onWindow(null)} className="rounded border border-line px-2 py-0.5">
          Whole span
        </button>
      ) : (
        <span className="text-muted">whole span</span>
      )}
      <span className="text-xs text-muted">Times as written in the file (CDRs carry no time zone).</span>
    </div>
  );
}
