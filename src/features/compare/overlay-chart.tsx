import { useMemo } from 'react';
import { CartesianGrid, Legend, Line, LineChart, Tooltip, XAxis, YAxis } from 'recharts';
import type { OverlayPoint } from '../../core/analysis/compare';
import { formatCount, formatWall } from '../../lib/format';
import { timeAxis } from '../../components/charts/axis-ticks';
import { ChartCard } from '../../components/charts/chart-card';
import { plainTick } from '../../components/charts/plain-tick';
import { useElementSize } from '../../components/charts/use-element-size';
import { COLOR } from '../../components/charts/palette';

const Y_AXIS_PX = 44;

interface Props {
  points: readonly OverlayPoint[];
  metric: 'attempts' | 'rejected';
  labelA: string;
  labelB: string;
  /** What the series are for ("Carrier A", "all trunks"). */
  subject: string;
  /** How B is placed on A's axis, in words. */
  alignment: string;
}

const TITLE = { attempts: 'Attempts, A and B overlaid', rejected: '503 + 603 rejections, A and B overlaid' } as const;
const valueOf = (metric: Props['metric'], b: OverlayPoint['a']) => (b === null ? null : metric === 'attempts' ? b.attempts : b.c503 + b.c603);

/**
 * A's and B's buckets on one time axis (A's clock): A solid, B dashed, so the two read apart
 * without colour too. Where one period is shorter its line simply ends.
 */
export function OverlayChart({ points, metric, labelA, labelB, subject, alignment }: Props) {
  const [sizeRef, size] = useElementSize<HTMLDivElement>();
  const data = useMemo(() => points.map((p) => ({ t: p.t, tB: p.tB, a: valueOf(metric, p.a), b: valueOf(metric, p.b) })), [points, metric]);
  const axis = useMemo(() => timeAxis(points.map((p) => p.t), size.width - Y_AXIS_PX), [points, size.width]);
  return (
    <ChartCard
      title={TITLE[metric]}
      subtitle={`${subject} · ${alignment}`}
      exportName={metric === 'attempts' ? 'compare-attempts' : 'compare-rejections'}
      testId={`compare-overlay-${metric}`}
      csv={() => ({
        columns: ['a_bucket_start', `a_${metric}`, 'b_bucket_start', `b_${metric}`],
        rows: data.map((d) => [formatWall(d.t), d.a ?? '', formatWall(d.tB), d.b ?? '']),
      })}
    >
      <div ref={sizeRef} className="h-48" role="img" aria-label={`${TITLE[metric]} for ${subject}: ${labelA} solid, ${labelB} dashed`}>
        {size.width > 0 && size.height > 0 && (
          <LineChart width={size.width} height={size.height} data={data} margin={{ top: 4, right: 8, bottom: 0, left: 0 }}>
            <CartesianGrid stroke={COLOR.grid} vertical={false} />
            <XAxis tick={plainTick} dataKey="t" type="number" domain={['dataMin', 'dataMax']} ticks={axis.ticks} interval={0} tickFormatter={axis.label} stroke={COLOR.muted} fontSize={12} />
            <YAxis tick={plainTick} stroke={COLOR.muted} fontSize={12} width={Y_AXIS_PX} allowDecimals={false} tickFormatter={(v: number) => formatCount(v)} />
            <Tooltip
              labelFormatter={(_, payload) => {
                const p = payload[0]?.payload as { t: number; tB: number } | undefined;
                return p ? `A ${formatWall(p.t)} · B ${formatWall(p.tB)}` : '';
              }}
              formatter={(value, name) => [formatCount(Number(value)), String(name)]}
              contentStyle={{ background: 'var(--color-panel)', border: '1px solid var(--color-line)' }}
              isAnimationActive={false}
            />
            <Legend wrapperStyle={{ fontSize: 12 }} />
            <Line dataKey="a" name={`A · ${labelA}`} stroke={COLOR.accent} strokeWidth={2} dot={false} connectNulls={false} isAnimationActive={false} />
            <Line dataKey="b" name={`B · ${labelB}`} stroke={COLOR.muted} strokeWidth={2} strokeDasharray="5 3" dot={false} connectNulls={false} isAnimationActive={false} />
          </LineChart>
        )}
      </div>
    </ChartCard>
  );
}
