import { useId, useState } from 'react';
import type { TimeWindow } from '../../core/analysis/dashboard-types';
import { formatWall } from '../../lib/format';
import { WallTimeField } from '../../components/ui/wall-time-field';
import { INPUT_HINT, parseWallInput } from '../../lib/window-input';

const dayText = (ms: number) => formatWall(ms).slice(0, 10);

/** One period as a day of the span (a select). */
export function DayPicker({ label, days, value, onChange }: { label: string; days: readonly number[]; value: number; onChange: (day: number) => void }) {
  return (
    <label className="flex items-center gap-1 text-sm text-muted">
      {label}
      <select aria-label={`Day ${label}`} value={value} onChange={(e) => onChange(Number(e.currentTarget.value))} className="rounded border border-line bg-canvas px-1 py-0.5 text-ink">
        {days.map((d) => (
          <option key={d} value={d}>
            {dayText(d)}
          </option>
        ))}
      </select>
    </label>
  );
}

/** One file of the session (a select of their names). */
export function FilePicker({ label, files, value, onChange }: { label: string; files: ReadonlyArray<{ id: string; name: string }>; value: string; onChange: (id: string) => void }) {
  return (
    <label className="flex min-w-0 items-center gap-1 text-sm text-muted">
      {label}
      <select aria-label={`File ${label}`} value={value} onChange={(e) => onChange(e.currentTarget.value)} className="max-w-56 min-w-0 rounded border border-line bg-canvas px-1 py-0.5 text-ink">
        {files.map((f) => (
          <option key={f.id} value={f.id}>
            {f.name}
          </option>
        ))}
      </select>
    </label>
  );
}

/**
 * One period as typed From / To (24-hour wall times, as the timeline's fields take them). A value
 * that is no time leaves the period as it was and says why.
 */
export function WindowPicker({ label, value, onChange }: { label: string; value: TimeWindow; onChange: (w: TimeWindow) => void }) {
  const [error, setError] = useState<string | null>(null);
  const noteId = useId();
  const commit = (edge: 'fromMs' | 'toMs', text: string) => {
    const parsed = parseWallInput(text, value[edge], edge === 'fromMs' ? 'from' : 'to');
    if ('error' in parsed) return setError(parsed.error);
    const next = { ...value, [edge]: parsed.ms };
    if (next.toMs <= next.fromMs) return setError(`${label}: From must be before To; it did not change.`);
    setError(null);
    onChange(next);
  };
  const field = (edge: 'fromMs' | 'toMs', name: string) => (
    <WallTimeField label={name} ms={value[edge]} describedBy={noteId} onCommit={(text) => commit(edge, text)} />
  );
  return (
    <fieldset className="min-w-0 text-sm text-muted">
      <legend className="font-medium text-ink">{label}</legend>
      <div className="flex flex-wrap gap-x-3 gap-y-1">
        {field('fromMs', 'From')}
        {field('toMs', 'To')}
      </div>
      <p id={noteId} className={`text-xs ${error ? 'text-danger' : ''}`} role={error ? 'alert' : undefined}>
        {error ?? `Type ${INPUT_HINT}.`}
      </p>
    </fieldset>
  );
}
