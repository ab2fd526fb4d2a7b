import { memo, useMemo } from 'react';
import type { CpsAnalysis } from '../../core/analysis/dashboard-types';
import { formatCount, formatPercent, percentCell } from '../../lib/format';
import { RatioValue } from '../../components/ui/ratio';
import { countTicks, labelInterval } from '../../components/charts/axis-ticks';
import { bandDotsPath, stackedBarPaths, type PlotArea } from '../../components/charts/band-paths';
import { ChartCard } from '../../components/charts/chart-card';
import { ChartLegend, GridSvg, HoverTooltip, linearY, PlotSvg, useHover, XAxisSvg, YAxisSvg, type LegendItem } from '../../components/charts/svg-plot';
import { useElementSize } from '../../components/charts/use-element-size';
import { COLOR } from '../../components/charts/palette';

/** Room around the plot: two 48 px Y axes, 8 px right margin, the X axis with its title, the legend. */
const Y_AXIS_PX = 48;
const RIGHT_PX = 8;
const TOP_PX = 4;
const X_AXIS_PX = 36;
const LEGEND_PX = 20;
const PERCENT_TICKS = [0, 25, 50, 75, 100];
const percentLabel = (v: number) => `${v} %`;
const LEGEND: LegendItem[] = [
  { name: '503 share', color: COLOR.capacity, shape: 'line' },
  { name: 'seconds at this CPS', color: COLOR.other, shape: 'rect' },
];

/**
 * Calls per second: how many seconds the trunk ran at each CPS, and the 503 share at that CPS.
 * A knee (share near zero below, high above) estimates the carrier's CPS limit.
 */
export const CpsPanel = memo(function CpsPanel({ cps, subject }: { cps: CpsAnalysis; subject: string }) {
  const [sizeRef, size] = useElementSize<HTMLDivElement>();
  return (
    <ChartCard
      title="Calls per second"
      testId="cps-panel"
      subtitle={
        <>
          {cps.wholeMinutes ? (
            <>{subject} · every start on a whole minute</>
          ) : (
            <>
              {subject} · peak <strong className="tabular">{formatCount(cps.peak)}</strong> CPS · p99 <strong className="tabular">{formatCount(cps.p99)}</strong>
            </>
          )}
        </>
      }
      exportName="cps"
      csv={() => ({ columns: ['cps', 'seconds', 'attempts', 'sip_503', 'share_503_pct'], rows: cps.levels.map((l) => [l.cps, l.seconds, l.attempts, l.c503, percentCell(l.c503, l.attempts)]) })}
    >
      {cps.wholeMinutes ? (
        <p className="py-8 text-center text-muted" data-testid="cps-whole-minutes">
          Calls per second cannot be counted: every start in this selection is on a whole minute (hh:mm:00), as in a file saved without its seconds (a spreadsheet that saved HH:MM). Export the times with seconds.
        </p>
      ) : cps.levels.length === 0 ? (
        <p className="py-8 text-center text-muted">No attempts in this selection.</p>
      ) : (
        <>
          <div ref={sizeRef} className="relative h-52" role="img" aria-label={`Seconds at each calls-per-second level and the 503 share at that level, ${subject}`}>
            {size.width > 0 && size.height > 0 && <CpsChart cps={cps} width={size.width} height={size.height} />}
          </div>
          <p className="mt-2 text-sm" data-testid="cps-knee">
            {cps.knee ? (
              <>
                503s start at about <strong>{cps.knee.cps} CPS</strong>: <RatioValue ratio={cps.knee.atOrAbove} formula={`503 share at ≥ ${cps.knee.cps} CPS`} /> of attempts at or above it, <RatioValue ratio={cps.knee.below} formula={`503 share below ${cps.knee.cps} CPS`} /> below; the carrier took up to <strong>{cps.knee.limit}</strong> a second.
              </>
            ) : (
              <span className="text-muted">No CPS knee: the 503 share does not jump above some calls-per-second level.</span>
            )}
          </p>
          {cps.wholeMinuteCallsLeftOut > 0 && (
            <p className="mt-1 text-sm text-muted" data-testid="cps-left-out">
              Left out: {formatCount(cps.wholeMinuteCallsLeftOut)} calls of trunks whose starts are all on a whole minute (hh:mm:00), which cannot be counted per second beside the others.
            </p>
          )}
        </>
      )}
    </ChartCard>
  );
});

/**
 * Seconds at each CPS level as bars (left axis) and the 503 share at that level as a line with
 * dots (right axis, 0–100 %), levels as equal bands; the knee as a dashed line. Plain SVG
 * (svg-plot.tsx): it is redrawn on every brush and selection.
 */
function CpsChart({ cps, width, height }: { cps: CpsAnalysis; width: number; height: number }) {
  const levels = cps.levels;
  const plot: PlotArea = useMemo(
    () => ({ x: Y_AXIS_PX, y: TOP_PX, width: Math.max(1, width - 2 * Y_AXIS_PX - RIGHT_PX), height: Math.max(1, height - TOP_PX - X_AXIS_PX - LEGEND_PX) }),
    [width, height],
  );
  const shares = useMemo(() => levels.map((l) => (l.attempts ? (l.c503 / l.attempts) * 100 : 0)), [levels]);
  const drawn = useMemo(() => {
    const secondsTicks = countTicks(Math.max(0, ...levels.map((l) => l.seconds)));
    const ySeconds = linearY(plot, secondsTicks.at(-1) ?? 1);
    const yShare = linearY(plot, 100);
    const [bars = ''] = stackedBarPaths([{ values: levels.map((l) => l.seconds), fill: COLOR.other }], plot, ySeconds);
    const band = plot.width / Math.max(1, levels.length);
    const centre = (i: number) => plot.x + (i + 0.5) * band;
    const line = shares.map((s, i) => `${i === 0 ? 'M' : 'L'}${centre(i).toFixed(2)} ${yShare(s).toFixed(2)}`).join('');
    // A label is its digits at ~7 px plus a gap.
    const every = labelInterval(levels.length, plot.width, 7 * String(cps.peak).length + 10) + 1;
    const xTicks = levels.flatMap((l, i) => (i % every === 0 ? [{ x: centre(i), label: String(l.cps) }] : []));
    const kneeIndex = cps.knee ? levels.findIndex((l) => l.cps === cps.knee?.cps) : -1;
    return { secondsTicks, ySeconds, yShare, bars, line, dots: bandDotsPath(shares, plot, yShare, 2), xTicks, kneeX: kneeIndex >= 0 ? centre(kneeIndex) : null, band, centre };
  }, [levels, shares, plot, cps.peak, cps.knee]);
  const { hover, onPointerMove, onPointerLeave } = useHover(plot, levels.length, 'band');
  const hovered = hover ? levels[hover.index] : undefined;
  return (
    <div className="absolute inset-0" onPointerMove={onPointerMove} onPointerLeave={onPointerLeave}>
      <PlotSvg width={width} height={height - LEGEND_PX}>
        <GridSvg plot={plot} ys={drawn.secondsTicks.map(drawn.ySeconds)} />
        {hover && <rect x={plot.x + hover.index * drawn.band} y={plot.y} width={drawn.band} height={plot.height} fill={COLOR.grid} fillOpacity={0.5} />}
        <path d={drawn.bars} fill={COLOR.other} fillOpacity={0.5} />
        <path d={drawn.line} fill="none" stroke={COLOR.capacity} strokeWidth={2} />
        <path d={drawn.dots} stroke={COLOR.capacity} strokeWidth={2} fill="#fff" />
        {drawn.kneeX !== null && (
          <g>
            <line x1={drawn.kneeX} x2={drawn.kneeX} y1={plot.y} y2={plot.y + plot.height} stroke={COLOR.capacity} strokeDasharray="4 3" />
            <text x={drawn.kneeX - 5} y={plot.y + 5} dy="0.71em" textAnchor="end" fontSize={11} fill={COLOR.capacity}>
              knee ≈ {cps.knee?.cps} CPS
            </text>
          </g>
        )}
        <YAxisSvg plot={plot} ticks={drawn.secondsTicks} y={drawn.ySeconds} label={formatCount} />
        <YAxisSvg plot={plot} ticks={PERCENT_TICKS} y={drawn.yShare} side="right" label={percentLabel} color={COLOR.capacity} />
        <XAxisSvg plot={plot} ticks={drawn.xTicks} title="attempts in one second" />
      </PlotSvg>
      <ChartLegend items={LEGEND} />
      {hover && hovered && (
        <HoverTooltip
          x={hover.x}
          y={hover.y}
          width={width}
          title={`${hovered.cps} attempts in a second`}
          rows={[
            { name: '503 share', value: formatPercent(hovered.c503, hovered.attempts), color: COLOR.capacity },
            { name: 'seconds at this CPS', value: formatCount(hovered.seconds), color: COLOR.muted },
          ]}
        />
      )}
    </div>
  );
}
