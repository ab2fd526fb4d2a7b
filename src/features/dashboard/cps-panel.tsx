import { Bar, CartesianGrid, ComposedChart, Line, ReferenceLine, ResponsiveContainer, Tooltip, XAxis, YAxis, Legend } from 'recharts';
import type { CpsAnalysis } from '../../core/analysis/dashboard-types';
import { formatCount, formatPercent } from '../../lib/format';
import { RatioValue } from '../../components/ui/ratio';
import { ChartCard } from '../charts/chart-card';
import { COLOR } from '../charts/palette';

/**
 * Calls per second: how many seconds the trunk ran at each CPS, and the 503 share at that CPS.
 * A knee (share near zero below, high above) estimates the carrier's CPS limit.
 */
export function CpsPanel({ cps, subject }: { cps: CpsAnalysis; subject: string }) {
  const data = cps.levels.map((l) => ({ ...l, share503: l.attempts ? (l.c503 / l.attempts) * 100 : 0 }));
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
      csv={() => ({ columns: ['cps', 'seconds', 'attempts', 'sip_503', 'share_503'], rows: cps.levels.map((l) => [l.cps, l.seconds, l.attempts, l.c503, formatPercent(l.c503, l.attempts)]) })}
    >
      {cps.levels.length === 0 ? (
        <p className="py-8 text-center text-muted">No attempts in this selection.</p>
      ) : (
        <>
          <div className="h-52" role="img" aria-label={`Seconds at each calls-per-second level and the 503 share at that level, ${subject}`}>
            <ResponsiveContainer width="100%" height="100%">
              <ComposedChart data={data} margin={{ top: 4, right: 8, bottom: 0, left: 0 }}>
                <CartesianGrid stroke={COLOR.grid} vertical={false} />
                <XAxis dataKey="cps" stroke={COLOR.muted} fontSize={12} label={{ value: 'attempts in one second', position: 'insideBottom', offset: -2, fontSize: 11, fill: 'var(--color-muted)' }} height={36} />
                <YAxis yAxisId="s" stroke={COLOR.muted} fontSize={12} width={48} tickFormatter={(v: number) => formatCount(v)} />
                <YAxis yAxisId="p" orientation="right" domain={[0, 100]} unit=" %" stroke={COLOR.capacity} fontSize={12} width={48} />
                <Tooltip contentStyle={{ background: 'var(--color-panel)', border: '1px solid var(--color-line)' }} isAnimationActive={false} formatter={(v, name) => [name === '503 share' ? `${Number(v).toFixed(1)} %` : formatCount(Number(v)), String(name)]} labelFormatter={(v) => `${String(v)} attempts in a second`} />
                <Legend wrapperStyle={{ fontSize: 12 }} />
                <Bar yAxisId="s" dataKey="seconds" name="seconds at this CPS" fill={COLOR.other} fillOpacity={0.5} isAnimationActive={false} />
                <Line yAxisId="p" dataKey="share503" name="503 share" stroke={COLOR.capacity} strokeWidth={2} dot={{ r: 2 }} isAnimationActive={false} />
                {cps.knee && <ReferenceLine yAxisId="s" x={cps.knee.cps} stroke={COLOR.capacity} strokeDasharray="4 3" label={{ value: `knee ≈ ${cps.knee.cps} CPS`, fill: 'var(--color-capacity)', fontSize: 11, position: 'insideTopRight' }} />}
              </ComposedChart>
            </ResponsiveContainer>
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
}
