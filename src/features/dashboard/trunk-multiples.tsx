import { memo, useMemo } from 'react';
import { Area, ComposedChart, XAxis, YAxis } from 'recharts';
import type { TimeSeries } from '../../core/analysis/dashboard-types';
import { formatCount } from '../../lib/format';
import { timeAxis } from '../../components/charts/axis-ticks';
import { HorizontalGrid, StackedBandBars } from '../../components/charts/band-layers';
import { plainTick } from '../../components/charts/plain-tick';
import { useElementSize } from '../../components/charts/use-element-size';
import { COLOR } from '../../components/charts/palette';
import { countLabel } from '../../components/charts/chart-props';

const Y_AXIS_PX = 40;

/** Bottom to top, as the timeline stacks them (its legend names them). */
const LAYERS = [
  { key: 'answered', color: COLOR.answered, opacity: 0.55 },
  { key: 'otherFailed', color: COLOR.other, opacity: 0.45 },
  { key: 'capacity', color: COLOR.capacity, opacity: 1 },
  { key: 'policy', color: COLOR.policy, opacity: 1 },
] as const;

interface Props {
  /** The first compared trunks' series (analyze-dashboard TRUNK_SERIES_MAX). */
  trunkSeries: ReadonlyArray<{ trunk: string; series: TimeSeries }>;
  /** How many trunks are compared (more than are drawn when over the cap). */
  compared: number;
  displayName: (trunk: string) => string;
}

/**
 * The compared trunks side by side: one small chart per trunk over the whole span, all on the same
 * Y scale (the busiest bucket of any of them), so heights compare across charts — a stack of
 * trunks in one chart would hide each trunk's own shape under the others.
 */
export const TrunkMultiples = memo(function TrunkMultiples({ trunkSeries, compared, displayName }: Props) {
  const yMax = useMemo(() => Math.max(1, ...trunkSeries.flatMap((s) => s.series.buckets.map((b) => b.attempts))), [trunkSeries]);
  const left = compared - trunkSeries.length;
  return (
    <section aria-labelledby="multiples-title" className="min-w-0 rounded-xl border border-line bg-panel p-4" data-testid="trunk-multiples">
      <h3 id="multiples-title" className="font-semibold">
        Each compared trunk
      </h3>
      <p className="text-sm text-muted">
        Attempts over the whole span, one chart per trunk, same scale (0 – {formatCount(yMax)} per bucket); colours as in the timeline.
        {left > 0 ? ` The first ${trunkSeries.length} are drawn; ${left} more are ticked in the table.` : ''}
      </p>
      <ul className="mt-3 grid gap-3 sm:grid-cols-2 xl:grid-cols-3">
        {trunkSeries.map(({ trunk, series }) => (
          <li key={trunk} className="min-w-0">
            <SmallChart name={displayName(trunk) || trunk} series={series} yMax={yMax} />
          </li>
        ))}
      </ul>
    </section>
  );
});

// Made once: Recharts replaces an axis' settings when a prop's identity changes (chart-props.ts).
const MARGIN = { top: 4, right: 4, bottom: 0, left: 0 };

function SmallChart({ name, series, yMax }: { name: string; series: TimeSeries; yMax: number }) {
  const [sizeRef, size] = useElementSize<HTMLDivElement>();
  const yTicks = useMemo(() => [0, yMax], [yMax]);
  const axis = useMemo(() => timeAxis(series.buckets.map((b) => b.t), size.width - Y_AXIS_PX), [series, size.width]);
  const layers = useMemo(() => LAYERS.map(({ key, color, opacity }) => ({ values: series.buckets.map((b) => b[key]), fill: color, fillOpacity: opacity })), [series]);
  // Over the whole span (the table's numbers follow the window): only the count, said as such.
  const attempts = useMemo(() => series.buckets.reduce((sum, b) => sum + b.attempts, 0), [series]);
  return (
    <figure className="rounded-lg border border-line p-2" data-testid="trunk-multiple">
      <figcaption className="flex flex-wrap justify-between gap-x-2 text-sm">
        <span className="truncate font-medium" title={name}>
          {name}
        </span>
        <span className="tabular text-muted">
          {formatCount(attempts)} attempts in the span
        </span>
      </figcaption>
      <div ref={sizeRef} className="h-28" role="img" aria-label={`Attempts over time for ${name}, stacked by outcome, on the shared scale`}>
        {size.width > 0 && size.height > 0 && (
          <ComposedChart width={size.width} height={size.height} data={series.buckets} margin={MARGIN}>
            <HorizontalGrid stroke={COLOR.grid} />
            <XAxis tick={plainTick} dataKey="t" scale="band" ticks={axis.ticks} interval={0} tickFormatter={axis.label} stroke={COLOR.muted} fontSize={11} />
            <YAxis tick={plainTick} stroke={COLOR.muted} fontSize={11} width={Y_AXIS_PX} domain={yTicks} ticks={yTicks} interval={0} allowDecimals={false} tickFormatter={countLabel} />
            {/* Invisible: gives Recharts a series for the axes; StackedBandBars draws the bars. */}
            <Area dataKey="attempts" type="linear" stroke="none" fill="none" legendType="none" dot={false} activeDot={false} isAnimationActive={false} />
            <StackedBandBars layers={layers} />
          </ComposedChart>
        )}
      </div>
    </figure>
  );
}
