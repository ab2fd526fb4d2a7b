import { useId, useState } from 'react';
import type { TimeWindow } from '../../core/analysis/dashboard-types';
import { WallTimeField } from '../../components/ui/wall-time-field';
import { formatWall } from '../../lib/format';
import { daysOf, INPUT_HINT, looksComplete, parseWallInput, shownWall as shown } from '../../lib/window-input';

const HOUR_MS = 3_600_000;
/** A day list longer than this (a stray date years away) is left out: the fields still take any day. */
const MAX_DAY_CHOICES = 366;

interface Props {
  span: TimeWindow;
  window: TimeWindow | null;
  onWindow: (w: TimeWindow | null) => void;
  /** The selected trunks' first onset, for "since the onset"; null when none. */
  onsetMs?: number | null;
}

/**
 * The window as two typed fields (the keyboard and screen-reader way to brush) and presets. A value
 * outside the data's span is clamped to it and the note says so; nothing typed is dropped silently.
 */
export function WindowControls({ span, window, onWindow, onsetMs = null }: Props) {
  const current = window ?? span;
  const [note, setNote] = useState<{ text: string; error: boolean } | null>(null);
  const noteId = useId();

  const apply = (next: TimeWindow, said: string | null) => {
    if (next.toMs <= next.fromMs) {
      setNote({ text: `From (${shown(next.fromMs)}) must be before To (${shown(next.toMs)}); the window did not change.`, error: true });
      return;
    }
    setNote(said ? { text: said, error: false } : null);
    onWindow(next.fromMs <= span.fromMs && next.toMs >= span.toMs ? null : next);
  };

  const commit = (edge: 'fromMs' | 'toMs', text: string, whole: boolean) => {
    if (!whole && !looksComplete(text)) return;
    const parsed = parseWallInput(text, current[edge], edge === 'fromMs' ? 'from' : 'to');
    if ('error' in parsed) {
      if (whole) setNote({ text: parsed.error, error: true });
      return;
    }
    const label = edge === 'fromMs' ? 'From' : 'To';
    const clamped = Math.min(span.toMs, Math.max(span.fromMs, parsed.ms));
    const said =
      clamped === parsed.ms
        ? null
        : parsed.ms < span.fromMs
          ? `${label} ${shown(parsed.ms)} is before the first call; set to ${shown(span.fromMs)}.`
          : `${label} ${shown(parsed.ms)} is after the last call; set to ${shown(span.toMs)}.`;
    apply({ ...current, [edge]: clamped }, said);
  };

  const field = (edge: 'fromMs' | 'toMs', label: string) => (
    <WallTimeField label={label} ms={current[edge]} describedBy={noteId} live labelClassName="text-muted" onCommit={(text, whole) => commit(edge, text, whole)} />
  );

  const days = daysOf(span);
  const preset = 'rounded border border-line px-2 py-0.5 hover:bg-canvas disabled:opacity-50';
  return (
    <div className="mt-2 space-y-1 text-sm">
      <div className="flex flex-wrap items-center gap-x-3 gap-y-2" role="group" aria-label="Window">
        {field('fromMs', 'From')}
        {field('toMs', 'To')}
        <button type="button" onClick={() => apply(span, null)} className={preset} disabled={!window}>
          Whole span
        </button>
        {onsetMs !== null && onsetMs > span.fromMs && onsetMs < span.toMs && (
          <button type="button" onClick={() => apply({ fromMs: onsetMs, toMs: span.toMs }, null)} className={preset}>
            Since the onset
          </button>
        )}
        <button type="button" onClick={() => apply({ fromMs: Math.max(span.fromMs, span.toMs - HOUR_MS), toMs: span.toMs }, null)} className={preset}>
          Last hour
        </button>
        {days.length > 1 && days.length <= MAX_DAY_CHOICES && (
          <label className="flex items-center gap-1 text-muted">
            Day
            <select
              value=""
              onChange={(e) => {
                const day = Number(e.currentTarget.value);
                apply({ fromMs: Math.max(span.fromMs, day), toMs: Math.min(span.toMs, day + 24 * HOUR_MS) }, null);
              }}
              className="rounded border border-line bg-canvas px-1 py-0.5 text-ink"
            >
              <option value="">choose…</option>
              {days.map((d) => (
                <option key={d} value={d}>
                  {formatWall(d).slice(0, 10)}
                </option>
              ))}
            </select>
          </label>
        )}
      </div>
      <p id={noteId} role="status" className={`text-xs ${note?.error ? 'text-danger' : 'text-muted'}`} data-testid="window-note">
        {note ? note.text : `24-hour times as written in the file (CDRs carry no time zone): type ${INPUT_HINT}.`}
      </p>
    </div>
  );
}
