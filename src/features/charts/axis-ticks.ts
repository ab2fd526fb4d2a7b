/**
 * Which categories of an X axis get a label, decided here from the chart's width rather than by
 * Recharts: with its default interval ("preserveEnd") Recharts measures every candidate label in the
 * DOM on every render — one forced layout per new label text — which was a good part of a brush's
 * main-thread time on the dashboard. Passing `ticks` and a numeric `interval` skips the measuring.
 */

const S = 1000;
const M = 60 * S;
const H = 60 * M;
/** Label steps for time axes: labels fall on round wall times (:00, :15, whole hours, …). */
const TIME_STEPS_MS: readonly number[] = [S, 2 * S, 5 * S, 10 * S, 15 * S, 30 * S, M, 2 * M, 5 * M, 10 * M, 15 * M, 30 * M, H, 2 * H, 3 * H, 6 * H, 12 * H, 24 * H];

/** Room one "HH:MM" label needs at 12 px (about 34 px) plus the 40 px gap the charts asked Recharts for. */
export const TIME_LABEL_PX = 75;

/**
 * The bucket starts (wall ms, ascending) to label on a time axis `plotPx` wide: those on the
 * smallest round step that fits at most plotPx / labelPx labels. Every k-th bucket when no round
 * step fits (more than a day per label).
 */
export function timeTicks(times: readonly number[], plotPx: number, labelPx = TIME_LABEL_PX): number[] {
  if (times.length === 0) return [];
  const room = Math.max(1, Math.floor(plotPx / labelPx));
  for (const step of TIME_STEPS_MS) {
    let count = 0;
    for (const t of times) if (t % step === 0) count++;
    if (count > 0 && count <= room) return times.filter((t) => t % step === 0);
  }
  const k = Math.ceil(times.length / room);
  return times.filter((_, i) => i % k === 0);
}

/**
 * Recharts' numeric `interval` (labels skipped between two shown) for `count` category labels
 * of up to `labelPx` each on a `plotPx` wide axis.
 */
export function labelInterval(count: number, plotPx: number, labelPx: number): number {
  if (count <= 1 || plotPx <= 0) return 0;
  return Math.max(0, Math.ceil((count * labelPx) / plotPx) - 1);
}
