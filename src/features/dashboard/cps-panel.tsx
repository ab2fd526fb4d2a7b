import { memo, useMemo } from 'react';
import { Area, ComposedChart, ReferenceLine, Tooltip, XAxis, YAxis, Legend } from 'recharts';
import type { CpsAnalysis } from '../../core/analysis/dashboard-types';
import { formatCount, percentCell } from '../../lib/format';
import { RatioValue } from '../../components/ui/ratio';
import { labelInterval } from '../../components/charts/axis-ticks';
import { BandDots, HorizontalGrid, StackedBandBars } from '../../components/charts/band-layers';
import { ChartCard } from '../../components/charts/chart-card';
import { plainTick } from '../../components/charts/plain-tick';
import { useElementSize } from '../../components/charts/use-element-size';
import { COLOR } from '../../components/charts/palette';
import { countLabel, LEGEND_STYLE, TOOLTIP_STYLE } from '../../components/charts/chart-props';

// Made once: Recharts replaces an axis' or tooltip's settings when a prop's identity changes (chart-props.ts).
const MARGIN = { top: 4, right: 8, bottom: 0, left: 0 };
const X_LABEL = { value: 'attempts in one second', position: 'insideBottom', offset: -2, fontSize: 11, fill: 'var(--color-muted)' } as const;
const PERCENT_DOMAIN = [0, 100];
const percentLabel = (v: number) => `${v} %`;
const tooltipValue = (v: unknown, name: unknown): [string, string] => [name === '503 share' ? `${Number(v).toFixed(1)} %` : formatCount(Number(v)), String(name)];
const tooltipLabel = (v: unknown) => `${String(v)} attempts in a second`;

/**
 * Calls per second: how many seconds the trunk ran at each CPS, and the 503 share at that CPS.
 * A knee (share near zero below, high above) estimates the carrier's CPS limit.
 */
export const CpsPanel = memo(function CpsPanel({ cps, subject }: { cps: CpsAnalysis; subject: string }) {
  const data = useMemo(() => cps.levels.map((l) => ({ ...l, share503: l.attempts ? (l.c503 / l.attempts) * 100 : 0 })), [cps.levels]);
  const bars = useMemo(() => [{ values: data.map((l) => l.seconds), fill: COLOR.other, fillOpacity: 0.5 }], [data]);
  const shares = useMemo(() => data.map((l) => l.share503), [data]);
  const kneeCps = cps.knee?.cps;
  const kneeLabel = useMemo(() => ({ value: `knee ≈ ${kneeCps} CPS`, fill: 'var(--color-capacity)', fontSize: 11, position: 'insideTopRight' as const }), [kneeCps]);
  const [sizeRef, size] = useElementSize<HTMLDivElement>();
  // Plot: the chart less two 48 px Y axes and the 8 px margin; a label is its digits at ~7 px plus a gap.
  const interval = labelInterval(data.length, size.width - 104, 7 * String(cps.peak).length + 10);
  return (
    <ChartCard
      title="Calls per second"
      testId="cps-panel"
      subtitle={
        <>
          {subject} · peak <strong className="tabular">{formatCount(cps.peak)}</strong> CPS · p99 <strong className="tabular">{formatCount(cps.p99)}</strong>
        </>
      }
      exportName="cps"
      csv={() => ({ columns: ['cps', 'seconds', 'attempts', 'sip_503', 'share_503_pct'], rows: cps.levels.map((l) => [l.cps, l.seconds, l.attempts, l.c503, percentCell(l.c503, l.attempts)]) })}
    >
      {cps.levels.length === 0 ? (
        <p className="py-8 text-center text-muted">No attempts in this selection.</p>
      ) : (
        <>
          <div ref={sizeRef} className="h-52" role="img" aria-label={`Seconds at each calls-per-second level and the 503 share at that level, ${subject}`}>
            {size.width > 0 && size.height > 0 && (
              <ComposedChart width={size.width} height={size.height} data={data} margin={MARGIN}>
                <HorizontalGrid yAxisId="s" stroke={COLOR.grid} />
                <XAxis tick={plainTick} dataKey="cps" scale="band" interval={interval} stroke={COLOR.muted} fontSize={12} label={X_LABEL} height={36} />
                <YAxis tick={plainTick} yAxisId="s" stroke={COLOR.muted} fontSize={12} width={48} interval={0} allowDecimals={false} tickFormatter={countLabel} />
                <YAxis tick={plainTick} yAxisId="p" orientation="right" domain={PERCENT_DOMAIN} tickFormatter={percentLabel} stroke={COLOR.capacity} fontSize={12} width={48} interval={0} />
                <Tooltip contentStyle={TOOLTIP_STYLE} isAnimationActive={false} formatter={tooltipValue} labelFormatter={tooltipLabel} />
                <Legend wrapperStyle={LEGEND_STYLE} />
                {/* Bars and dots are drawn by StackedBandBars and BandDots; this invisible series gives the seconds axis its domain, the legend and the tooltip. */}
                <Area yAxisId="s" type="linear" dataKey="seconds" name="seconds at this CPS" stroke="none" fill={COLOR.other} fillOpacity={0} legendType="rect" dot={false} activeDot={false} isAnimationActive={false} />
                {/* A line drawn as an unfilled Area: Recharts' <Line> reads its path's length on every render (for its draw-in animation, even when off), forcing a layout in the middle of each update. */}
                <Area yAxisId="p" type="linear" dataKey="share503" name="503 share" stroke={COLOR.capacity} strokeWidth={2} fill="none" dot={false} legendType="line" isAnimationActive={false} />
                <StackedBandBars layers={bars} yAxisId="s" />
                <BandDots values={shares} yAxisId="p" r={2} stroke={COLOR.capacity} strokeWidth={2} fill="#fff" />
                {cps.knee && <ReferenceLine yAxisId="s" x={cps.knee.cps} stroke={COLOR.capacity} strokeDasharray="4 3" label={kneeLabel} />}
              </ComposedChart>
            )}
          </div>
          <p className="mt-2 text-sm" data-testid="cps-knee">
            {cps.knee ? (
              <>
                503s start at about <strong>{cps.knee.cps} CPS</strong>: <RatioValue ratio={cps.knee.atOrAbove} formula={`503 share at ≥ ${cps.knee.cps} CPS`} /> of attempts at or above it, <RatioValue ratio={cps.knee.below} formula={`503 share below ${cps.knee.cps} CPS`} /> below.
              </>
            ) : (
              <span className="text-muted">No CPS knee: the 503 share does not jump above some calls-per-second level.</span>
            )}
          </p>
        </>
      )}
    </ChartCard>
  );
});
