import { memo } from 'react';

/**
 * A tiny trend line (plain SVG: one path, no chart library, cheap for every table row). Memoized: a
 * brush changes a row's numbers but not its trend (over the whole span), which keeps its identity.
 */
export const Sparkline = memo(function Sparkline({ values, color, label }: { values: readonly number[]; color: string; label: string }) {
  const width = 96;
  const height = 22;
  if (values.length < 2) return <span className="text-xs text-muted">—</span>;
  const max = Math.max(0.0001, ...values);
  const step = width / (values.length - 1);
  const d = values.map((v, i) => `${i === 0 ? 'M' : 'L'}${(i * step).toFixed(1)},${(height - 1 - (v / max) * (height - 2)).toFixed(1)}`).join(' ');
  return (
    <svg width={width} height={height} viewBox={`0 0 ${width} ${height}`} role="img" aria-label={label} className="inline-block align-middle">
      <path d={d} fill="none" stroke={color} strokeWidth="1.5" strokeLinejoin="round" />
    </svg>
  );
});
