import { useState } from 'react';
import type { TimeWindow } from '../../core/analysis/dashboard-types';
import { dayWindow } from '../../core/analysis/compare';
import { formatCount, formatWall } from '../../lib/format';
import { daysOf } from '../../lib/window-input';
import { CompareTable } from './compare-table';
import { OverlayChart } from './overlay-chart';
import { DayPicker, FilePicker, WindowPicker } from './period-picker';
import { COMPARE_TRUNK_LIMIT, useCompare, type ComparedPeriod } from './use-compare';

type Mode = 'days' | 'windows' | 'files';
const MODE_LABEL: Record<Mode, string> = { days: 'Two days', windows: 'Two windows', files: 'Two files' };

interface Props {
  ingestId: number;
  span: TimeWindow;
  /** The trunks whose series are overlaid (the dashboard's selection; [] = all). */
  trunks: readonly string[];
  /** What those trunks are called together ("Carrier A", "3 trunks"). */
  subject: string;
  displayName: (trunk: string) => string;
  /** The session's files (each call belongs to the file that brought it first). */
  files: ReadonlyArray<{ id: string; name: string }>;
}

/** Past this many days (a stray date years away) the days are not offered: two windows still are. */
const MAX_DAY_CHOICES = 366;

const half = (span: TimeWindow) => Math.round((span.fromMs + span.toMs) / 2 / 60_000) * 60_000;
const shownWindow = (w: TimeWindow) => `${formatWall(w.fromMs).slice(0, 16)} – ${formatWall(w.toMs).slice(0, 16)}`;

/**
 * Two days or two windows of the loaded calls side by side: per trunk the 503 and 603 rates in each
 * and their difference, and the selected trunks' series overlaid (days by time of day). Closed
 * until asked for: the worker computes nothing for it before.
 */
export function ComparePanel({ ingestId, span, trunks, subject, displayName, files }: Props) {
  const allDays = daysOf(span);
  const days = allDays.length <= MAX_DAY_CHOICES ? allDays : [];
  const [open, setOpen] = useState(false);
  const [mode, setMode] = useState<Mode>(days.length > 1 ? 'days' : 'windows');
  // Yesterday against today, as an operator asks it: the last two days of the span.
  const [dayA, setDayA] = useState(days.at(-2) ?? days[0] ?? span.fromMs);
  const [dayB, setDayB] = useState(days.at(-1) ?? span.fromMs);
  const [windowA, setWindowA] = useState<TimeWindow>(() => ({ fromMs: span.fromMs, toMs: half(span) }));
  const [windowB, setWindowB] = useState<TimeWindow>(() => ({ fromMs: half(span), toMs: span.toMs }));
  const [fileA, setFileA] = useState(files[0]?.id ?? '');
  const [fileB, setFileB] = useState(files[1]?.id ?? '');
  const periodOf = (day: number, window: TimeWindow, fileId: string): ComparedPeriod => (mode === 'days' ? { window: dayWindow(day) } : mode === 'windows' ? { window } : { window: null, fileId });
  const a = periodOf(dayA, windowA, fileA);
  const b = periodOf(dayB, windowB, fileB);
  const compare = useCompare(ingestId, a, b, span, trunks, open);
  const nameOf = (id: string) => files.find((f) => f.id === id)?.name ?? id;
  const labelOf = (p: ComparedPeriod) => (p.fileId !== undefined ? nameOf(p.fileId) : p.window && mode === 'days' ? formatWall(p.window.fromMs).slice(0, 10) : p.window ? shownWindow(p.window) : '');
  const labelA = labelOf(a);
  const labelB = labelOf(b);
  const alignment = mode === 'days' ? 'aligned by time of day' : mode === 'files' ? 'each file from its first call, on A’s clock' : 'each from its own start, on A’s clock';
  return (
    <section id="compare-panel" aria-labelledby="compare-title" className="min-w-0 rounded-xl border border-line bg-panel p-4 print:hidden" data-testid="compare-panel">
      <div className="flex flex-wrap items-baseline justify-between gap-2">
        <h2 id="compare-title" className="text-lg font-semibold">
          Compare
        </h2>
        <button type="button" aria-expanded={open} aria-controls="compare-body" onClick={() => setOpen((o) => !o)} className="rounded border border-line px-2 py-0.5 text-sm hover:bg-canvas">
          {open ? 'Close the comparison' : 'Compare two days or two windows…'}
        </button>
      </div>
      {open && (
        <div id="compare-body" className="mt-3 space-y-4">
          <div className="flex flex-wrap items-start gap-x-6 gap-y-3">
            <fieldset className="text-sm">
              <legend className="sr-only">Compare</legend>
              <div className="flex gap-3">
                {(['days', 'windows', 'files'] as const).map((m) => (
                  <label key={m} className="flex items-center gap-1">
                    <input type="radio" name="compare-mode" checked={mode === m} disabled={(m === 'days' && days.length < 2) || (m === 'files' && files.length < 2)} onChange={() => setMode(m)} className="accent-accent" />
                    {MODE_LABEL[m]}
                  </label>
                ))}
              </div>
              {allDays.length < 2 && <p className="text-xs text-muted">The calls cover one day: compare two windows of it.</p>}
              {allDays.length > MAX_DAY_CHOICES && <p className="text-xs text-muted">The calls span {allDays.length} days: compare two windows.</p>}
            </fieldset>
            {mode === 'days' ? (
              <div className="flex flex-wrap gap-3">
                <DayPicker label="A" days={days} value={dayA} onChange={setDayA} />
                <DayPicker label="B" days={days} value={dayB} onChange={setDayB} />
              </div>
            ) : mode === 'files' ? (
              <div className="flex flex-wrap gap-3">
                <FilePicker label="A" files={files} value={fileA} onChange={setFileA} />
                <FilePicker label="B" files={files} value={fileB} onChange={setFileB} />
              </div>
            ) : (
              <div className="flex flex-wrap gap-x-6 gap-y-2">
                <WindowPicker label="A" value={windowA} onChange={setWindowA} />
                <WindowPicker label="B" value={windowB} onChange={setWindowB} />
              </div>
            )}
          </div>
          <p className="tabular text-sm text-muted" role="status" aria-busy={compare.updating} data-testid="compare-status">
            A: {labelA} · B: {labelB} · times as written in the file
            {mode === 'files' ? ' · a call in both files counts in the first one added' : ''}
            {compare.leftOut > 0 ? ` · ${formatCount(compare.leftOut)} trunk${compare.leftOut === 1 ? '' : 's'} among the ${formatCount(COMPARE_TRUNK_LIMIT)} busiest of one period but not of the other left out (their counts there are not listed)` : ''}
          </p>
          {compare.error ? (
            <p role="alert" className="rounded-lg bg-danger-soft p-3 text-danger">
              {compare.error.message}
            </p>
          ) : !compare.rows ? (
            <p className="text-muted">Counting both periods…</p>
          ) : compare.rows.length === 0 ? (
            <p className="text-muted">Neither period has any attempt.</p>
          ) : (
            <>
              <CompareTable rows={compare.rows} labelA={labelA} labelB={labelB} displayName={displayName} />
              {compare.overlay && (
                <div className="grid gap-4 xl:grid-cols-2">
                  <OverlayChart points={compare.overlay} metric="attempts" labelA={labelA} labelB={labelB} subject={subject} alignment={alignment} />
                  <OverlayChart points={compare.overlay} metric="rejected" labelA={labelA} labelB={labelB} subject={subject} alignment={alignment} />
                </div>
              )}
            </>
          )}
        </div>
      )}
    </section>
  );
}
