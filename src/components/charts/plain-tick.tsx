import type { ReactNode } from 'react';

/** What Recharts hands a tick renderer (a subset of its BaseTickContentProps). */
interface TickContentProps {
  x: number | string;
  y: number | string;
  index: number;
  payload: { value: unknown };
  textAnchor?: 'start' | 'middle' | 'end' | 'inherit';
  verticalAnchor?: string;
  fill?: string;
  fontSize?: number | string;
  className?: string;
  tickFormatter?: ((value: never, index: number) => string) | undefined;
}

/** Baseline shift of a one-line label, as Recharts' <Text> applies it for each vertical anchor. */
const DY: Record<string, string> = { start: '0.71em', middle: '0.355em', end: '0' };

/**
 * An axis label as one plain <text>. Recharts' default tick is its <Text> given the axis width,
 * which splits every label it has not seen before into words and measures each in the DOM — a
 * forced layout per new label on every render (new counts on every brush). Axis labels here are a
 * time or a number: nothing to wrap. Pass as `tick={plainTick}` with the axis' tickFormatter.
 */
export function plainTick(props: TickContentProps): ReactNode {
  const { x, y, index, payload, textAnchor, verticalAnchor, fill, fontSize, className, tickFormatter } = props;
  const format = tickFormatter as ((value: unknown, index: number) => string) | undefined;
  const text = format ? format(payload.value, index) : String(payload.value);
  return (
    <text x={x} y={y} textAnchor={textAnchor} fill={fill} fontSize={fontSize} className={className}>
      <tspan x={x} dy={DY[verticalAnchor ?? 'end'] ?? '0'}>
        {text}
      </tspan>
    </text>
  );
}
