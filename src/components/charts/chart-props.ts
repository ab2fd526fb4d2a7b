import { formatCount } from '../../lib/format';

/**
 * A count axis' labels ("1,234"), made once for the Recharts charts: Recharts compares an axis'
 * props by identity, and a formatter written inline is new on every render, which replaces the
 * axis' settings in the chart's store and recomputes its scale, ticks and series for nothing.
 */
export const countLabel = (v: number): string => formatCount(v);
