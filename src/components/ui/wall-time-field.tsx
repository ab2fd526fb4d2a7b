import { useState } from 'react';
import { shownWall } from '../../lib/window-input';

interface Props {
  label: string;
  /** The time shown while the field is not being edited. */
  ms: number;
  /** The id of the note under the fields (the hint, or why a value was not taken). */
  describedBy: string;
  /**
   * The text typed: `whole` on Enter or when the field is left; while typing (`live` fields only)
   * too, with `whole` false, so a caller can apply a value as soon as it reads as complete.
   */
  onCommit: (text: string, whole: boolean) => void;
  live?: boolean;
  labelClassName?: string;
}

/**
 * A typed 24-hour wall time (the timeline's window, the compare periods): what is typed stays in
 * the field until it is left or Enter is pressed; Escape puts the shown time back.
 */
export function WallTimeField({ label, ms, describedBy, onCommit, live = false, labelClassName = '' }: Props) {
  const [draft, setDraft] = useState<string | null>(null);
  return (
    <label className={`flex items-center gap-1 ${labelClassName}`}>
      {label}
      <input
        type="text"
        inputMode="text"
        autoComplete="off"
        spellCheck={false}
        aria-describedby={describedBy}
        value={draft ?? shownWall(ms)}
        onFocus={(e) => setDraft(e.currentTarget.value)}
        onChange={(e) => {
          const text = e.currentTarget.value;
          setDraft(text);
          if (live) onCommit(text, false);
        }}
        onBlur={(e) => {
          onCommit(e.currentTarget.value, true);
          setDraft(null);
        }}
        onKeyDown={(e) => {
          if (e.key === 'Enter') onCommit(e.currentTarget.value, true);
          if (e.key === 'Escape') setDraft(null);
        }}
        // 21 characters: a whole 'YYYY-MM-DD HH:MM:SS' in the monospace font, with padding and border.
        className="w-[21ch] rounded border border-line bg-canvas px-1 font-mono text-ink"
      />
    </label>
  );
}
