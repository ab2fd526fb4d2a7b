import { memo, useMemo, useState, type PointerEvent } from 'react';
import type { SeriesBucket, TimeSeries, TimeWindow } from '../../core/analysis/dashboard-types';
import { formatCount, formatWall } from '../../lib/format';
import { countTicks, timeAxis } from '../../components/charts/axis-ticks';
import { stackedBarPaths, type PlotArea } from '../../components/charts/band-paths';
import { ChartCard } from '../../components/charts/chart-card';
import { ChartLegend, GridSvg, HoverTooltip, linearY, PlotSvg, useHover, XAxisSvg, YAxisSvg, type LegendItem } from '../../components/charts/svg-plot';
import { useElementSize } from '../../components/charts/use-element-size';
import { COLOR } from '../../components/charts/palette';
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
  /** null while it is on its way: the card keeps its size (the chart's box, legend and window controls), so nothing below it moves. */
  series: TimeSeries | null;
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
          {subject}
          {series ? ` · ${formatBucket(series.bucketMs)} buckets` : ''}
          {readOnly ? '' : ' · drag across the chart to choose a window'}
        </>
      }
      exportName="attempts-over-time"
      testId="timeline"
      csv={series ? () => ({
        columns: ['bucket_start', 'attempts', 'answered', 'capacity_503_kin', 'policy_603_kin', 'other_failed', 'sip_503', 'sip_603'],
        rows: series.buckets.map((b) => [formatWall(b.t), b.attempts, b.answered, b.capacity, b.policy, b.otherFailed, b.c503, shows603 ? b.c603 : 'n/a']),
      }) : undefined}
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
      {series === null ? (
        <p role="status" className="flex h-64 items-center justify-center text-muted" data-testid="timeline-pending">
          Drawing the timeline…
        </p>
      ) : series.buckets.length === 0 ? (
        <p className="py-12 text-center text-muted">No calls in this selection.</p>
      ) : (
        <div className="relative h-64 select-none" role="img" aria-label={`Attempts over time for ${subject}, stacked by outcome`}>
          <TimelineBars series={series} onWindow={readOnly ? IGNORE_WINDOW : onWindow} shows603={shows603} />
          {window && !readOnly && <WindowHighlight series={series} window={window} />}
        </div>
      )}
      {/* Below the chart, in the page's flow: on a phone its four names wrap to a second line. */}
      {(series === null || series.buckets.length > 0) && <ChartLegend items={LEGEND} />}
      {readOnly ? (
        <p className="mt-2 text-sm text-muted">
          {window ? `Window ${formatWall(window.fromMs)} – ${formatWall(window.toMs)}` : 'Whole span'} · times as written in the file
        </p>
      ) : span.toMs > span.fromMs ? (
        <WindowControls span={span} window={window} onWindow={onWindow} onsetMs={onsetMs} />
      ) : (
        // No attempt in the files (inbound calls only): no span to choose a window in.
        <p className="mt-2 text-sm text-muted">No outbound attempts: no window to choose.</p>
      )}
    </ChartCard>
  );
});

export function formatBucket(ms: number): string {
  if (ms < 60_000) return `${ms / 1000} s`;
  if (ms < 3_600_000) return `${ms / 60_000} min`;
  return `${ms / 3_600_000} h`;
}

/** Plot geometry of TimelineBars: the Y axis is 48 px wide, the right margin 8 px, the X axis below (the legend is under the chart box). */
const PLOT_LEFT_PX = 48;
const PLOT_RIGHT_PX = 8;
const PLOT_TOP_PX = 4;
const X_AXIS_PX = 30;

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
      style={{ left: `calc(${PLOT_LEFT_PX}px + ${plot} * ${i0 / n})`, width: `calc(${plot} * ${(i1 - i0) / n})`, bottom: X_AXIS_PX }}
    />
  );
}

/** The stack, bottom to top. */
const STACK: ReadonlyArray<{ key: 'answered' | 'otherFailed' | 'capacity' | 'policy'; name: string; color: string; opacity: number }> = [
  { key: 'answered', name: 'answered', color: COLOR.answered, opacity: 0.55 },
  { key: 'otherFailed', name: 'other failures', color: COLOR.other, opacity: 0.45 },
  { key: 'capacity', name: 'capacity (503 kin)', color: COLOR.capacity, opacity: 1 },
  { key: 'policy', name: 'policy (603 kin)', color: COLOR.policy, opacity: 1 },
];
/** The legend: the stack's classes by name. */
const LEGEND: LegendItem[] = STACK.map(({ name, color }) => ({ name, color, shape: 'rect' as const })).sort((a, b) => a.name.localeCompare(b.name));

/** Where the calls cannot show a 603, no policy failure means nothing: it reads n/a, not 0. */
const NOT_SHOWN_603 = 'n/a (these calls cannot show a 603)';

/**
 * The stacked bars (buckets as equal bands) and the drag-to-select gesture; re-renders only when
 * the series changes. Plain SVG (svg-plot.tsx): the first chart of a drop, and redrawn on every
 * selection; a Recharts chart mounted in one synchronous cascade of store updates (the longest
 * task from a file's read to its dashboard).
 */
const TimelineBars = memo(function TimelineBars({ series, onWindow, shows603 }: { series: TimeSeries; onWindow: (w: TimeWindow | null) => void; shows603: boolean }) {
  const [sizeRef, size] = useElementSize<HTMLDivElement>();
  return (
    <div ref={sizeRef} className="absolute inset-0">
      {size.width > 0 && size.height > 0 && <TimelinePlot series={series} onWindow={onWindow} shows603={shows603} width={size.width} height={size.height} />}
    </div>
  );
});

function TimelinePlot({ series, onWindow, shows603, width, height }: { series: TimeSeries; onWindow: (w: TimeWindow | null) => void; shows603: boolean; width: number; height: number }) {
  const { buckets } = series;
  const plot: PlotArea = useMemo(
    () => ({ x: PLOT_LEFT_PX, y: PLOT_TOP_PX, width: Math.max(1, width - PLOT_LEFT_PX - PLOT_RIGHT_PX), height: Math.max(1, height - PLOT_TOP_PX - X_AXIS_PX) }),
    [width, height],
  );
  const drawn = useMemo(() => {
    const yTicks = countTicks(Math.max(0, ...buckets.map((b) => b.attempts)));
    const y = linearY(plot, yTicks.at(-1) ?? 1);
    const layers = STACK.map(({ key, color }) => ({ values: buckets.map((b) => b[key]), fill: color }));
    const band = plot.width / Math.max(1, buckets.length);
    const index = new Map(buckets.map((b, i) => [b.t, i]));
    const axis = timeAxis(buckets.map((b) => b.t), plot.width);
    const xTicks = axis.ticks.map((t) => ({ x: plot.x + ((index.get(t) ?? 0) + 0.5) * band, label: axis.label(t) }));
    return { yTicks, y, paths: stackedBarPaths(layers, plot, y), band, xTicks };
  }, [buckets, plot]);
  const { hover, indexAt, inPlot, onPointerMove, onPointerLeave } = useHover(plot, buckets.length, 'band');
  // The buckets a drag spans (indexes), from where it started to where the pointer is.
  const [drag, setDrag] = useState<{ from: number; to: number } | null>(null);
  const xIn = (e: PointerEvent<HTMLElement>) => e.clientX - e.currentTarget.getBoundingClientRect().left;
  const finish = () => {
    const from = drag ? buckets[Math.min(drag.from, drag.to)] : undefined;
    const to = drag ? buckets[Math.max(drag.from, drag.to)] : undefined;
    if (from && to) onWindow({ fromMs: from.t, toMs: to.t + series.bucketMs });
    setDrag(null);
  };
  const hovered = hover ? buckets[hover.index] : undefined;
  const valueOf = (b: SeriesBucket, key: (typeof STACK)[number]['key']) => (key === 'policy' && !shows603 && b.policy === 0 ? NOT_SHOWN_603 : formatCount(b[key]));
  return (
    <div
      className="absolute inset-0"
      onPointerDown={(e) => {
        // A window is dragged across the bars: a press on the legend or an axis, or with another button, is not one.
        const at = e.button === 0 ? inPlot(e) : null;
        if (!at) return;
        const i = indexAt(at.x);
        setDrag({ from: i, to: i });
      }}
      onPointerMove={(e) => {
        onPointerMove(e);
        if (drag) setDrag({ ...drag, to: indexAt(xIn(e)) });
      }}
      onPointerUp={finish}
      onPointerLeave={() => {
        onPointerLeave();
        if (drag) finish();
      }}
    >
      <PlotSvg width={width} height={height}>
        <GridSvg plot={plot} ys={drawn.yTicks.map(drawn.y)} />
        {hover && !drag && <rect x={plot.x + hover.index * drawn.band} y={plot.y} width={drawn.band} height={plot.height} fill={COLOR.grid} fillOpacity={0.5} />}
        <g className="band-bars">
          {STACK.map(({ key, color, opacity }, c) => (
            <path key={key} d={drawn.paths[c]} fill={color} fillOpacity={opacity} />
          ))}
        </g>
        {drag && <rect x={plot.x + Math.min(drag.from, drag.to) * drawn.band} y={plot.y} width={(Math.abs(drag.to - drag.from) + 1) * drawn.band} height={plot.height} fill={COLOR.accent} fillOpacity={0.2} />}
        <YAxisSvg plot={plot} ticks={drawn.yTicks} y={drawn.y} label={formatCount} />
        <XAxisSvg plot={plot} ticks={drawn.xTicks} />
      </PlotSvg>
      {hovered && hover && !drag && (
        <HoverTooltip
          x={hover.x}
          y={hover.y}
          width={width}
          title={`${formatWall(hovered.t)} (+${formatBucket(series.bucketMs)})`}
          rows={STACK.map(({ key, name, color }) => ({ name, value: valueOf(hovered, key), color }))}
        />
      )}
    </div>
  );
}
