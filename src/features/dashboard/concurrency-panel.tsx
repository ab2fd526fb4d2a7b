import { memo, useMemo } from 'react';
import { Area, ComposedChart, ReferenceLine, Tooltip, XAxis, YAxis } from 'recharts';
import type { ConcurrencyAnalysis } from '../../core/analysis/dashboard-types';
import { formatCount, formatWall, percentCell } from '../../lib/format';
import { RatioValue } from '../../components/ui/ratio';
import { timeAxis } from '../../components/charts/axis-ticks';
import { HorizontalGrid } from '../../components/charts/band-layers';
import { ChartCard } from '../../components/charts/chart-card';
import { plainTick } from '../../components/charts/plain-tick';
import { useElementSize } from '../../components/charts/use-element-size';
import { COLOR } from '../../components/charts/palette';
import { TOOLTIP_STYLE } from '../../components/charts/chart-props';

// Made once: Recharts replaces an axis' or tooltip's settings when a prop's identity changes (chart-props.ts).
const MARGIN = { top: 4, right: 8, bottom: 0, left: 0 };
const tooltipLabel = (v: unknown) => (typeof v === 'number' ? formatWall(v) : String(v));
const tooltipValue = (v: unknown): [string, string] => [formatCount(Number(v)), 'max concurrent'];

/** Concurrent calls over time; a flat ceiling with 503s at it is the channel cap. */
export const ConcurrencyPanel = memo(function ConcurrencyPanel({ concurrency, subject }: { concurrency: ConcurrencyAnalysis; subject: string }) {
  const { plateau } = concurrency;
  const plateauLevel = plateau?.level;
  const plateauLabel = useMemo(() => ({ value: `plateau ${plateauLevel}`, fill: 'var(--color-capacity)', fontSize: 11, position: 'insideTopLeft' as const }), [plateauLevel]);
  const [sizeRef, size] = useElementSize<HTMLDivElement>();
  // Plot width: the chart less the 40 px Y axis and the 8 px right margin.
  const axis = useMemo(() => timeAxis(concurrency.maxPerBucket.map((b) => b.t), size.width - 48), [concurrency.maxPerBucket, size.width]);
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
          <div ref={sizeRef} className="h-52" role="img" aria-label={`Maximum concurrent calls over time, ${subject}`}>
            {size.width > 0 && size.height > 0 && (
              <ComposedChart width={size.width} height={size.height} data={concurrency.maxPerBucket} margin={MARGIN}>
                <HorizontalGrid stroke={COLOR.grid} />
                <XAxis tick={plainTick} dataKey="t" ticks={axis.ticks} interval={0} tickFormatter={axis.label} stroke={COLOR.muted} fontSize={12} />
                <YAxis tick={plainTick} stroke={COLOR.muted} fontSize={12} width={40} interval={0} allowDecimals={false} />
                <Tooltip contentStyle={TOOLTIP_STYLE} isAnimationActive={false} labelFormatter={tooltipLabel} formatter={tooltipValue} />
                <Area type="stepAfter" dataKey="max" stroke={COLOR.accent} fill={COLOR.accent} fillOpacity={0.15} isAnimationActive={false} />
                {plateau && <ReferenceLine y={plateau.level} stroke={COLOR.capacity} strokeDasharray="4 3" label={plateauLabel} />}
              </ComposedChart>
            )}
          </div>
          <p className="mt-2 text-sm" data-testid="concurrency-plateau">
            {plateau ? (
              <>
                Plateau at <strong>{plateau.level} calls</strong> for {formatCount(Math.round(plateau.seconds))} s: <RatioValue ratio={plateau.atPlateau} formula={`503 share of attempts started with ${plateau.level} calls up`} /> of attempts started there got 503, <RatioValue ratio={plateau.below} formula="503 share of attempts started below the plateau" /> below it.
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
