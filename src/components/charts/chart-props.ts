import { formatCount } from '../../lib/format';

/**
 * Props the charts share, made once. Recharts compares an axis' or a tooltip's props by identity:
 * an object or function written inline is new on every render, and each new one replaces the
 * axis' settings in the chart's store, which recomputes its scale, its ticks and every series on
 * them — on every brush and selection, for nothing.
 */
export const TOOLTIP_STYLE = { background: 'var(--color-panel)', border: '1px solid var(--color-line)' } as const;
export const LEGEND_STYLE = { fontSize: 12 } as const;
/** A count axis' labels: "1,234". */
export const countLabel = (v: number): string => formatCount(v);
