/**
 * The report's evidence charts at a fixed size: a printed page has no resize to measure, so these
 * are drawn at the width of an A4 or Letter page's text column (about 680 CSS px).
 */
import { useMemo } from 'react';
import { Area, ComposedChart, XAxis, YAxis } from 'recharts';
import type { TimeSeries } from '../../core/analysis/dashboard-types';
import { formatCount } from '../../lib/format';
import { labelInterval, timeAxis } from '../../components/charts/axis-ticks';
import { HorizontalGrid, StackedBandBars } from '../../components/charts/band-layers';
import { plainTick } from '../../components/charts/plain-tick';
import { COLOR } from '../../components/charts/palette';

const WIDTH = 680;
const HEIGHT = 150;
const Y_AXIS_PX = 44;

const OUTCOMES = [
  { key: 'answered', color: COLOR.answered, opacity: 0.55 },
  { key: 'otherFailed', color: COLOR.other, opacity: 0.45 },
  { key: 'capacity', color: COLOR.capacity, opacity: 1 },
  { key: 'policy', color: COLOR.policy, opacity: 1 },
] as const;

/** Attempts per bucket over the whole span, stacked by outcome as the timeline stacks them. */
export function PrintTimeline({ series, label }: { series: TimeSeries; label: string }) {
  const axis = useMemo(() => timeAxis(series.buckets.map((b) => b.t), WIDTH - Y_AXIS_PX), [series]);
  const layers = useMemo(() => OUTCOMES.map(({ key, color, opacity }) => ({ values: series.buckets.map((b) => b[key]), fill: color, fillOpacity: opacity })), [series]);
  return (
    <div role="img" aria-label={label}>
      <ComposedChart width={WIDTH} height={HEIGHT} data={series.buckets} margin={{ top: 4, right: 8, bottom: 0, left: 0 }}>
        <HorizontalGrid stroke={COLOR.grid} />
        <XAxis tick={plainTick} dataKey="t" scale="band" ticks={axis.ticks} interval={0} tickFormatter={axis.label} stroke={COLOR.muted} fontSize={11} />
        <YAxis tick={plainTick} stroke={COLOR.muted} fontSize={11} width={Y_AXIS_PX} allowDecimals={false} tickFormatter={(v: number) => formatCount(v)} />
        <Area dataKey="attempts" type="linear" stroke="none" fill="none" legendType="none" dot={false} activeDot={false} isAnimationActive={false} />
        <StackedBandBars layers={layers} />
      </ComposedChart>
    </div>
  );
}

/** Attempts per level (calls per second, or calls up at once), the 503s at the bottom of each bar. */
export function PrintLevels({ levels, label }: { levels: ReadonlyArray<{ level: number; attempts: number; c503: number }>; label: string }) {
  const layers = useMemo(
    () => [
      { values: levels.map((l) => l.c503), fill: COLOR.capacity },
      { values: levels.map((l) => l.attempts - l.c503), fill: COLOR.other, fillOpacity: 0.45 },
    ],
    [levels],
  );
  return (
    <div role="img" aria-label={label}>
      <ComposedChart width={WIDTH / 2 - 8} height={HEIGHT} data={levels} margin={{ top: 4, right: 8, bottom: 0, left: 0 }}>
        <HorizontalGrid stroke={COLOR.grid} />
        <XAxis tick={plainTick} dataKey="level" scale="band" interval={labelInterval(levels.length, WIDTH / 2 - Y_AXIS_PX, 28)} stroke={COLOR.muted} fontSize={11} />
        <YAxis tick={plainTick} stroke={COLOR.muted} fontSize={11} width={Y_AXIS_PX} allowDecimals={false} tickFormatter={(v: number) => formatCount(v)} />
        <Area dataKey="attempts" type="linear" stroke="none" fill="none" legendType="none" dot={false} activeDot={false} isAnimationActive={false} />
        <StackedBandBars layers={layers} />
      </ComposedChart>
    </div>
  );
}
