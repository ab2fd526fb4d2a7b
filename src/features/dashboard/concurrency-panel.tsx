import { Area, CartesianGrid, ComposedChart, ReferenceLine, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import type { ConcurrencyAnalysis } from '../../core/analysis/dashboard-types';
import { formatCount, formatPercent, formatWall } from '../../lib/format';
import { RatioValue } from '../../components/ui/ratio';
import { ChartCard } from '../charts/chart-card';
import { COLOR } from '../charts/palette';

/** Concurrent calls over time; a flat ceiling with 503s at it is the channel cap. */
export function ConcurrencyPanel({ concurrency, subject }: { concurrency: ConcurrencyAnalysis; subject: string }) {
  const { plateau } = concurrency;
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
      csv={() => ({ columns: ['level', 'attempts_started_at_level', 'sip_503', 'share_503'], rows: concurrency.levels.map((l) => [l.level, l.attempts, l.c503, formatPercent(l.c503, l.attempts)]) })}
    >
      {concurrency.available && concurrency.maxPerBucket.length > 0 && (
        <>
          <div className="h-52" role="img" aria-label={`Maximum concurrent calls over time, ${subject}`}>
            <ResponsiveContainer width="100%" height="100%">
              <ComposedChart data={concurrency.maxPerBucket} margin={{ top: 4, right: 8, bottom: 0, left: 0 }}>
                <CartesianGrid stroke={COLOR.grid} vertical={false} />
                <XAxis dataKey="t" tickFormatter={(t: number) => formatWall(t).slice(11, 16)} stroke={COLOR.muted} fontSize={12} minTickGap={40} />
                <YAxis stroke={COLOR.muted} fontSize={12} width={40} allowDecimals={false} />
                <Tooltip contentStyle={{ background: 'var(--color-panel)', border: '1px solid var(--color-line)' }} isAnimationActive={false} labelFormatter={(v) => (typeof v === 'number' ? formatWall(v) : String(v))} formatter={(v) => [formatCount(Number(v)), 'max concurrent']} />
                <Area type="stepAfter" dataKey="max" stroke={COLOR.accent} fill={COLOR.accent} fillOpacity={0.15} isAnimationActive={false} />
                {plateau && <ReferenceLine y={plateau.level} stroke={COLOR.capacity} strokeDasharray="4 3" label={{ value: `plateau ${plateau.level}`, fill: 'var(--color-capacity)', fontSize: 11, position: 'insideTopLeft' }} />}
              </ComposedChart>
            </ResponsiveContainer>
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
}
