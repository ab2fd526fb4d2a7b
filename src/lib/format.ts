/** Numbers for people: thousands separators, rates with sensible precision, sizes, durations. */

import { formatCount } from '../core/model/format-count';
import { formatPercent } from '../core/model/format-percent';

// Counts and rates are written by core's one formatter each (the walk, the ticket and the CLI write them too).
export { formatCount, formatPercent };

/** A rate for a CSV cell: n / d in percent as a number with two decimals, an empty cell without a denominator. */
export function percentCell(n: number, d: number): number | '' {
  return d === 0 ? '' : Math.round((10_000 * n) / d) / 100;
}

export function formatBytes(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  if (bytes < 1024 * 1024) return `${(bytes / 1024).toFixed(1)} KB`;
  if (bytes < 1024 * 1024 * 1024) return `${(bytes / 1024 / 1024).toFixed(1)} MB`;
  return `${(bytes / 1024 / 1024 / 1024).toFixed(2)} GB`;
}

/** Wall time as written in the file (stored as UTC, shown as such): "2024-05-01 10:00:01". */
export function formatWall(ms: number): string {
  if (!Number.isFinite(ms)) return '—';
  return new Date(ms).toISOString().slice(0, 19).replace('T', ' ');
}

export function formatRate(perSecond: number): string {
  if (perSecond >= 1e6) return `${(perSecond / 1e6).toFixed(1)} M`;
  if (perSecond >= 1e3) return `${(perSecond / 1e3).toFixed(1)} k`;
  return formatCount(perSecond);
}

/** Line numbers list: "3, 8, 15 …" */
export function formatLines(lines: readonly number[], total: number): string {
  const shown = lines.filter((l) => l > 0).map((l) => formatCount(l));
  if (shown.length === 0) return '';
  return shown.join(', ') + (total > shown.length ? ' …' : '');
}

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
const DAY_MS = 86_400_000;

/**
 * A moment inside a span, as short as is unambiguous there: "15:40" when the span is one calendar
 * day, "Nov 16 15:40" over more days, "2026-03-14 15:40" over more than a month.
 */
export function formatMoment(ms: number, span: { fromMs: number; toMs: number }): string {
  const wall = formatWall(ms);
  if (span.toMs - span.fromMs > 31 * DAY_MS) return wall.slice(0, 16);
  if (Math.floor(span.fromMs / DAY_MS) === Math.floor(span.toMs / DAY_MS)) return wall.slice(11, 16);
  const d = new Date(ms);
  return `${MONTHS[d.getUTCMonth()] ?? ''} ${d.getUTCDate()} ${wall.slice(11, 16)}`;
}
