import { memo, useMemo, useState } from 'react';
import { Area, ComposedChart, DefaultLegendContent, DefaultTooltipContent, ReferenceArea, Tooltip, XAxis, YAxis, Legend, type DefaultLegendContentProps, type LegendPayload, type TooltipContentProps } from 'recharts';
import type { SeriesBucket, TimeSeries, TimeWindow } from '../../core/analysis/dashboard-types';
import { formatCount, formatWall } from '../../lib/format';
import { timeAxis } from '../../components/charts/axis-ticks';
import { HorizontalGrid, StackedBandBars } from '../../components/charts/band-layers';
import { ChartCard } from '../../components/charts/chart-card';
import { plainTick } from '../../components/charts/plain-tick';
import { useElementSize } from '../../components/charts/use-element-size';
import { COLOR } from '../../components/charts/palette';
import { countLabel, LEGEND_STYLE, TOOLTIP_STYLE } from '../../components/charts/chart-props';
import { WindowControls } from './window-controls';

const BUCKET_CHOICES: Array<[number | null, string]> = [
  [null, 'auto'],
  [1000, '1 s'],
  [10_000, '10 s'],
  [60_000, '1 min'],
  [5 * 60_000, '5 min'],
  [15 * 60_000, '15 min'],
  [3_600_000, '1 h'],
];

interface Props {
  series: TimeSeries;
  span: TimeWindow;
  window: TimeWindow | null;
  onWindow: (w: TimeWindow | null) => void;
  bucketMs: number | null;
  onBucket: (ms: number | null) => void;
  subject: string;
  /** The selected trunks' first onset (the "since the onset" preset); null when none. */
  onsetMs?: number | null;
  /** A shared view: the window and buckets are fixed. */
  readOnly?: boolean;
  /**
   * The selection's calls can show a 603 (call-measures.ts shows603). Where they cannot, a bucket's
   * 603 reads n/a in the tooltip and the CSV, as in the tables — never a reassuring 0.
   */
  shows603: boolean;
}

const IGNORE_WINDOW = () => {};

/**
 * Attempts over time, stacked by outcome class, for the selected trunks. Drag across the chart to
 * choose a window (or type it in the From/To fields): every number on the page follows it.
 */
export const TimelineChart = memo(function TimelineChart({ series, span, window, onWindow, bucketMs, onBucket, subject, onsetMs = null, readOnly = false, shows603 }: Props) {
  return (
    <ChartCard
      title="Attempts over time"
      subtitle={
        <>
          {subject} · {formatBucket(series.bucketMs)} buckets{readOnly ? '' : ' · drag across the chart to choose a window'}
        </>
      }
      exportName="attempts-over-time"
      testId="timeline"
      csv={() => ({
        columns: ['bucket_start', 'attempts', 'answered', 'capacity_503_kin', 'policy_603_kin', 'other_failed', 'sip_503', 'sip_603'],
        rows: series.buckets.map((b) => [formatWall(b.t), b.attempts, b.answered, b.capacity, b.policy, b.otherFailed, b.c503, shows603 ? b.c603 : 'n/a']),
      })}
      actions={
        readOnly ? undefined : <label className="flex items-center gap-1 text-muted">
          Bucket
          <select
            value={bucketMs ?? ''}
            onChange={(e) => onBucket(e.currentTarget.value === '' ? null : Number(e.currentTarget.value))}
            className="rounded border border-line bg-canvas px-1 py-0.5"
          >
            {BUCKET_CHOICES.map(([ms, text]) => (
              <option key={text} value={ms ?? ''}>
                {text}
              </option>
            ))}
          </select>
        </label>
      }
    >
      {series.buckets.length === 0 ? (
        <p className="py-12 text-center text-muted">No calls in this selection.</p>
      ) : (
        <div className="relative h-64 select-none" role="img" aria-label={`Attempts over time for ${subject}, stacked by outcome`}>
          <TimelineBars series={series} onWindow={readOnly ? IGNORE_WINDOW : onWindow} shows603={shows603} />
          {window && !readOnly && <WindowHighlight series={series} window={window} />}
        </div>
      )}
      {readOnly ? (
        <p className="mt-2 text-sm text-muted">
          {window ? `Window ${formatWall(window.fromMs)} – ${formatWall(window.toMs)}` : 'Whole span'} · times as written in the file
        </p>
      ) : (
        <WindowControls span={span} window={window} onWindow={onWindow} onsetMs={onsetMs} />
      )}
    </ChartCard>
  );
});

export function formatBucket(ms: number): string {
  if (ms < 60_000) return `${ms / 1000} s`;
  if (ms < 3_600_000) return `${ms / 60_000} min`;
  return `${ms / 3_600_000} h`;
}

/** Plot geometry of TimelineBars: the Y axis is 48 px wide, the right margin 8 px, legend + X axis below. */
const PLOT_LEFT_PX = 48;
const PLOT_RIGHT_PX = 8;
const PLOT_BOTTOM_PX = 58;
// Made once: Recharts replaces an axis' or tooltip's settings when a prop's identity changes (chart-props.ts).
const MARGIN = { top: 4, right: PLOT_RIGHT_PX, bottom: 0, left: 0 };
const tooltipValue = (value: unknown, name: unknown): [string, string] => [typeof value === 'number' ? formatCount(value) : String(value), String(name)];

/**
 * The brushed window, drawn over the chart as a plain element positioned in plot coordinates, so
 * moving the window never re-renders the (memoized) bars: brushing stays cheap on a big day.
 */
function WindowHighlight({ series, window }: { series: TimeSeries; window: TimeWindow }) {
  const n = series.buckets.length;
  const first = series.buckets[0]?.t ?? 0;
  const i0 = Math.max(0, Math.min(n, (window.fromMs - first) / series.bucketMs));
  const i1 = Math.max(i0, Math.min(n, (window.toMs - first) / series.bucketMs));
  const plot = `(100% - ${PLOT_LEFT_PX + PLOT_RIGHT_PX}px)`;
  return (
    <div
      aria-hidden="true"
      data-testid="window-highlight"
      className="pointer-events-none absolute top-1 border-x border-accent bg-accent/10"
      style={{ left: `calc(${PLOT_LEFT_PX}px + ${plot} * ${i0 / n})`, width: `calc(${plot} * ${(i1 - i0) / n})`, bottom: PLOT_BOTTOM_PX }}
    />
  );
}

/** The stack, bottom to top, as the legend lists it. */
const STACK: ReadonlyArray<{ key: 'answered' | 'otherFailed' | 'capacity' | 'policy'; name: string; color: string; opacity: number }> = [
  { key: 'answered', name: 'answered', color: COLOR.answered, opacity: 0.55 },
  { key: 'otherFailed', name: 'other failures', color: COLOR.other, opacity: 0.45 },
  { key: 'capacity', name: 'capacity (503 kin)', color: COLOR.capacity, opacity: 1 },
  { key: 'policy', name: 'policy (603 kin)', color: COLOR.policy, opacity: 1 },
];
/** The legend: the stack's classes, in the order Recharts sorts a legend (by name). */
const LEGEND: LegendPayload[] = STACK.map(({ name, color }) => ({ value: name, type: 'rect' as const, color })).sort((a, b) => a.value.localeCompare(b.value));
const stackLegend = (props: DefaultLegendContentProps) => <DefaultLegendContent {...props} payload={LEGEND} />;

/**
 * The tooltip: the hovered bucket's count per class, as Recharts lists a stack's series. Where the
 * calls cannot show a 603, no policy failure means nothing: it reads n/a, not 0.
 */
function stackTooltip(shows603: boolean) {
  return function StackTooltip(props: TooltipContentProps) {
    const entry = props.payload[0];
    const bucket = entry?.payload as SeriesBucket | undefined;
    const valueOf = (b: SeriesBucket, key: (typeof STACK)[number]['key']) => (key === 'policy' && !shows603 && b.policy === 0 ? NOT_SHOWN_603 : b[key]);
    const payload = entry && bucket ? STACK.map(({ key, name, color }) => ({ ...entry, dataKey: key, name, value: valueOf(bucket, key), color, fill: color, stroke: color })) : [];
    return <DefaultTooltipContent {...props} payload={payload} />;
  };
}

const NOT_SHOWN_603 = 'n/a (these calls cannot show a 603)';

/** The stacked bars and the drag-to-select gesture; re-renders only when the series changes. */
const TimelineBars = memo(function TimelineBars({ series, onWindow, shows603 }: { series: TimeSeries; onWindow: (w: TimeWindow | null) => void; shows603: boolean }) {
  const [drag, setDrag] = useState<{ from: number; to: number } | null>(null);
  const [sizeRef, size] = useElementSize<HTMLDivElement>();
  const axis = useMemo(() => timeAxis(series.buckets.map((b) => b.t), size.width - PLOT_LEFT_PX - PLOT_RIGHT_PX), [series, size.width]);
  const layers = useMemo(() => STACK.map(({ key, color, opacity }) => ({ values: series.buckets.map((b) => b[key]), fill: color, fillOpacity: opacity })), [series]);
  const label = (v: unknown) => (typeof v === 'number' ? v : null);
  const tooltip = useMemo(() => stackTooltip(shows603), [shows603]);
  const tooltipLabel = useMemo(() => (v: unknown) => (typeof v === 'number' ? `${formatWall(v)} (+${formatBucket(series.bucketMs)})` : String(v)), [series.bucketMs]);
  const finish = () => {
    if (drag) {
      const from = Math.min(drag.from, drag.to);
      const to = Math.max(drag.from, drag.to) + series.bucketMs;
      onWindow(to - from >= series.bucketMs ? { fromMs: from, toMs: to } : null);
    }
    setDrag(null);
  };
  return (
    <div ref={sizeRef} className="absolute inset-0">
      {size.width > 0 && size.height > 0 && (
        <ComposedChart
          width={size.width}
          height={size.height}
          data={series.buckets}
          margin={MARGIN}
          onMouseDown={(s) => {
            const t = label(s.activeLabel);
            if (t !== null) setDrag({ from: t, to: t });
          }}
          onMouseMove={(s) => {
            const t = label(s.activeLabel);
            if (drag && t !== null) setDrag({ ...drag, to: t });
          }}
          onMouseUp={finish}
          onMouseLeave={() => drag && finish()}
        >
          <HorizontalGrid stroke={COLOR.grid} />
          <XAxis tick={plainTick} dataKey="t" scale="band" ticks={axis.ticks} interval={0} tickFormatter={axis.label} stroke={COLOR.muted} fontSize={12} />
          <YAxis tick={plainTick} stroke={COLOR.muted} fontSize={12} width={PLOT_LEFT_PX} interval={0} allowDecimals={false} tickFormatter={countLabel} />
          <Tooltip
            labelFormatter={tooltipLabel}
            formatter={tooltipValue}
            contentStyle={TOOLTIP_STYLE}
            isAnimationActive={false}
            content={tooltip}
          />
          <Legend wrapperStyle={LEGEND_STYLE} content={stackLegend} />
          {/*
            One invisible series of the stack's total gives the Y axis the stacked domain (every
            Recharts series costs its own point and path computations on each update);
            StackedBandBars draws the bars, the tooltip and legend list the stack's classes.
          */}
          <Area dataKey="attempts" name="attempts" type="linear" stroke="none" fill="none" legendType="none" dot={false} activeDot={false} isAnimationActive={false} />
          <StackedBandBars layers={layers} />
          {drag && <ReferenceArea x1={Math.min(drag.from, drag.to)} x2={Math.max(drag.from, drag.to)} fill={COLOR.accent} fillOpacity={0.2} />}
        </ComposedChart>
      )}
    </div>
  );
});
