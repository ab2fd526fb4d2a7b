import { memo, useMemo } from 'react';
import type { ConcurrencyAnalysis } from '../../core/analysis/dashboard-types';
import { formatCount, formatWall, percentCell } from '../../lib/format';
import { RatioValue } from '../../components/ui/ratio';
import { countTicks, timeAxis } from '../../components/charts/axis-ticks';
import type { PlotArea } from '../../components/charts/band-paths';
import { ChartCard } from '../../components/charts/chart-card';
import { GridSvg, HoverTooltip, linearY, PlotSvg, useHover, XAxisSvg, YAxisSvg } from '../../components/charts/svg-plot';
import { useElementSize } from '../../components/charts/use-element-size';
import { COLOR } from '../../components/charts/palette';

/** Room around the plot: the 40 px Y axis, an 8 px right margin, the 30 px X axis. */
const Y_AXIS_PX = 40;
const RIGHT_PX = 8;
const TOP_PX = 4;
const X_AXIS_PX = 30;

/** Concurrent calls over time; a flat ceiling with 503s at it is the channel cap. */
export const ConcurrencyPanel = memo(function ConcurrencyPanel({ concurrency, subject }: { concurrency: ConcurrencyAnalysis; subject: string }) {
  const { plateau } = concurrency;
  const [sizeRef, size] = useElementSize<HTMLDivElement>();
  return (
    <ChartCard
      title="Concurrent calls"
      testId="concurrency-panel"
      subtitle={
        concurrency.available ? (
          <>
            {subject} · peak <strong className="tabular">{formatCount(concurrency.peak)}</strong> calls up at once
          </>
        ) : (
          'This file has no end times or durations, so concurrency cannot be computed.'
        )
      }
      exportName="concurrency"
      csv={() => ({ columns: ['level', 'attempts_started_at_level', 'sip_503', 'share_503_pct'], rows: concurrency.levels.map((l) => [l.level, l.attempts, l.c503, percentCell(l.c503, l.attempts)]) })}
    >
      {concurrency.available && concurrency.maxPerBucket.length > 0 && (
        <>
          <div ref={sizeRef} className="relative h-52" role="img" aria-label={`Maximum concurrent calls over time, ${subject}`}>
            {size.width > 0 && size.height > 0 && <ConcurrencyChart buckets={concurrency.maxPerBucket} plateau={plateau?.level ?? null} width={size.width} height={size.height} />}
          </div>
          <p className="mt-2 text-sm" data-testid="concurrency-plateau">
            {plateau ? (
              <>
                Plateau at <strong>{formatCount(plateau.level)} calls</strong> for {formatCount(Math.round(plateau.seconds))} s: <RatioValue ratio={plateau.atPlateau} formula={`503 share of attempts started with ${formatCount(plateau.level)} calls up`} /> of attempts started there got 503, <RatioValue ratio={plateau.below} formula="503 share of attempts started below the plateau" /> below it.
              </>
            ) : (
              <span className="text-muted">No plateau: concurrency never sits at a ceiling with 503s there.</span>
            )}
          </p>
        </>
      )}
    </ChartCard>
  );
});

/**
 * The most calls up at once in each bucket, as a step area (each bucket's level holds until the
 * next bucket's start), buckets as evenly spaced points; the plateau as a dashed line. Plain SVG
 * (svg-plot.tsx): it is redrawn on every brush and selection.
 */
function ConcurrencyChart({ buckets, plateau, width, height }: { buckets: ConcurrencyAnalysis['maxPerBucket']; plateau: number | null; width: number; height: number }) {
  const plot: PlotArea = useMemo(() => ({ x: Y_AXIS_PX, y: TOP_PX, width: Math.max(1, width - Y_AXIS_PX - RIGHT_PX), height: Math.max(1, height - TOP_PX - X_AXIS_PX) }), [width, height]);
  const drawn = useMemo(() => {
    const yTicks = countTicks(Math.max(0, ...buckets.map((b) => b.max)));
    const y = linearY(plot, yTicks.at(-1) ?? 1);
    const xOf = (i: number) => (buckets.length === 1 ? plot.x + plot.width / 2 : plot.x + (i * plot.width) / (buckets.length - 1));
    const steps = buckets.map((b, i) => `${i === 0 ? `M${xOf(0).toFixed(2)} ` : `H${xOf(i).toFixed(2)}V`}${y(b.max).toFixed(2)}`).join('');
    const base = (plot.y + plot.height).toFixed(2);
    const area = `${steps}V${base}H${xOf(0).toFixed(2)}Z`;
    const index = new Map(buckets.map((b, i) => [b.t, i]));
    const axis = timeAxis(buckets.map((b) => b.t), plot.width);
    const xTicks = axis.ticks.map((t) => ({ x: xOf(index.get(t) ?? 0), label: axis.label(t) }));
    return { yTicks, y, xOf, steps, area, xTicks };
  }, [buckets, plot]);
  const { hover, onPointerMove, onPointerLeave } = useHover(plot, buckets.length, 'point');
  const hovered = hover ? buckets[hover.index] : undefined;
  return (
    <div className="absolute inset-0" onPointerMove={onPointerMove} onPointerLeave={onPointerLeave}>
      <PlotSvg width={width} height={height}>
        <GridSvg plot={plot} ys={drawn.yTicks.map(drawn.y)} />
        <path d={drawn.area} fill={COLOR.accent} fillOpacity={0.15} />
        <path d={drawn.steps} fill="none" stroke={COLOR.accent} />
        {plateau !== null && (
          <g>
            <line x1={plot.x} x2={plot.x + plot.width} y1={drawn.y(plateau)} y2={drawn.y(plateau)} stroke={COLOR.capacity} strokeDasharray="4 3" />
            <text x={plot.x + 5} y={drawn.y(plateau) + 5} dy="0.71em" fontSize={11} fill={COLOR.capacity}>
              plateau {formatCount(plateau)}
            </text>
          </g>
        )}
        {hover && hovered && (
          <g>
            <line x1={drawn.xOf(hover.index)} x2={drawn.xOf(hover.index)} y1={plot.y} y2={plot.y + plot.height} stroke={COLOR.muted} strokeOpacity={0.4} />
            <circle cx={drawn.xOf(hover.index)} cy={drawn.y(hovered.max)} r={3} fill={COLOR.accent} />
          </g>
        )}
        <YAxisSvg plot={plot} ticks={drawn.yTicks} y={drawn.y} label={formatCount} />
        <XAxisSvg plot={plot} ticks={drawn.xTicks} />
      </PlotSvg>
      {hover && hovered && <HoverTooltip x={hover.x} y={hover.y} width={width} title={formatWall(hovered.t)} rows={[{ name: 'max concurrent', value: formatCount(hovered.max), color: COLOR.accent }]} />}
    </div>
  );
}
