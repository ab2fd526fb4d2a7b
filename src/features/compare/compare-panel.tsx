import { useState } from 'react';
import type { TimeWindow } from '../../core/analysis/dashboard-types';
import { dayWindow } from '../../core/analysis/compare';
import { formatWall } from '../../lib/format';
import { daysOf } from '../../lib/window-input';
import { CompareTable } from './compare-table';
import { OverlayChart } from './overlay-chart';
import { DayPicker, WindowPicker } from './period-picker';
import { useCompare } from './use-compare';

type Mode = 'days' | 'windows';

interface Props {
  ingestId: number;
  span: TimeWindow;
  /** The trunks whose series are overlaid (the dashboard's selection; [] = all). */
  trunks: readonly string[];
  /** What those trunks are called together ("Carrier A", "3 trunks"). */
  subject: string;
  displayName: (trunk: string) => string;
}

const half = (span: TimeWindow) => Math.round((span.fromMs + span.toMs) / 2 / 60_000) * 60_000;
const shownWindow = (w: TimeWindow) => `${formatWall(w.fromMs).slice(0, 16)} – ${formatWall(w.toMs).slice(0, 16)}`;

/**
 * Two days or two windows of the loaded calls side by side: per trunk the 503 and 603 rates in each
 * and their difference, and the selected trunks' series overlaid (days by time of day). Closed
 * until asked for: the worker computes nothing for it before.
 */
export function ComparePanel({ ingestId, span, trunks, subject, displayName }: Props) {
  const days = daysOf(span);
  const [open, setOpen] = useState(false);
  const [mode, setMode] = useState<Mode>(days.length > 1 ? 'days' : 'windows');
  // Yesterday against today, as an operator asks it: the last two days of the span.
  const [dayA, setDayA] = useState(days.at(-2) ?? days[0] ?? span.fromMs);
  const [dayB, setDayB] = useState(days.at(-1) ?? span.fromMs);
  const [windowA, setWindowA] = useState<TimeWindow>(() => ({ fromMs: span.fromMs, toMs: half(span) }));
  const [windowB, setWindowB] = useState<TimeWindow>(() => ({ fromMs: half(span), toMs: span.toMs }));
  const a = mode === 'days' ? dayWindow(dayA) : windowA;
  const b = mode === 'days' ? dayWindow(dayB) : windowB;
  const compare = useCompare(ingestId, a, b, trunks, open);
  const labelA = mode === 'days' ? formatWall(a.fromMs).slice(0, 10) : shownWindow(a);
  const labelB = mode === 'days' ? formatWall(b.fromMs).slice(0, 10) : shownWindow(b);
  const alignment = mode === 'days' ? 'aligned by time of day' : 'each from its own start, on A’s clock';
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
                {(['days', 'windows'] as const).map((m) => (
                  <label key={m} className="flex items-center gap-1">
                    <input type="radio" name="compare-mode" checked={mode === m} disabled={m === 'days' && days.length < 2} onChange={() => setMode(m)} className="accent-accent" />
                    {m === 'days' ? 'Two days' : 'Two windows'}
                  </label>
                ))}
              </div>
              {days.length < 2 && <p className="text-xs text-muted">The calls cover one day: compare two windows of it.</p>}
            </fieldset>
            {mode === 'days' ? (
              <div className="flex flex-wrap gap-3">
                <DayPicker label="A" days={days} value={dayA} onChange={setDayA} />
                <DayPicker label="B" days={days} value={dayB} onChange={setDayB} />
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
