/**
 * Which categories of an X axis get a label, decided here from the chart's width rather than by
 * Recharts: with its default interval ("preserveEnd") Recharts measures every candidate label in the
 * DOM on every render — one forced layout per new label text — which was a good part of a brush's
 * main-thread time on the dashboard. Passing `ticks` and a numeric `interval` skips the measuring.
 */

const S = 1000;
const M = 60 * S;
const H = 60 * M;
const DAY = 24 * H;
/** Label steps for time axes: labels fall on round wall times (:00, :15, whole hours, …). Each divides a day. */
const TIME_STEPS_MS: readonly number[] = [S, 2 * S, 5 * S, 10 * S, 15 * S, 30 * S, M, 2 * M, 5 * M, 10 * M, 15 * M, 30 * M, H, 2 * H, 3 * H, 6 * H, 12 * H, 24 * H];

/** Room one "HH:MM" label needs at 12 px (about 34 px) plus the 40 px gap the charts asked Recharts for. */
export const TIME_LABEL_PX = 75;

/**
 * The bucket starts (wall ms, ascending) to label on a time axis `plotPx` wide: those on the
 * smallest round step that fits at most plotPx / labelPx labels. Every k-th bucket when no round
 * step fits (more than a day per label).
 */
export function timeTicks(times: readonly number[], plotPx: number, labelPx = TIME_LABEL_PX): number[] {
  const first = times[0];
  if (first === undefined) return [];
  const room = Math.max(1, Math.floor(plotPx / labelPx));
  // Remainders of the offset from the first time's midnight (a multiple of every step, so the same
  // remainders): small whole numbers within a day, where a wall time's remainder is a double's.
  // A step that has more than `room` labels is left at the first one over.
  const midnight = Math.floor(first / DAY) * DAY;
  for (const step of TIME_STEPS_MS) {
    let count = 0;
    for (const t of times) if ((t - midnight) % step === 0 && ++count > room) break;
    if (count > 0 && count <= room) return times.filter((t) => (t - midnight) % step === 0);
  }
  const k = Math.ceil(times.length / room);
  return times.filter((_, i) => i % k === 0);
}

/** Over this span the axis names month and year ("2026-03-14"), not only the day. */
const MONTH = 31 * DAY;
const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/** Room for a label naming the day ("Nov 16 08:00", ~75 px at 12 px) and for an ISO date, plus the gap. */
const DAY_LABEL_PX = 115;
/** Room for "HH:MM:SS" (~52 px at 12 px) plus the gap. */
const SECONDS_LABEL_PX = 95;
/** Room for a label naming the day with seconds ("Nov 16 23:59:30", ~94 px at 12 px) plus the gap. */
const DAY_SECONDS_LABEL_PX = 135;
const DATE_LABEL_PX = 110;

export interface TimeAxis {
  ticks: number[];
  /** The label of a tick (wall time as written in the file). */
  label: (t: number) => string;
}

/**
 * Ticks and their labels for a time axis. Within one calendar day the labels are "HH:MM", or
 * "HH:MM:SS" when the ticks fall within minutes (a span of a few minutes in second buckets, where
 * "HH:MM" repeated the same minute under several ticks); over more than one day the first tick of
 * each day names it ("Nov 16 08:00", or "Nov 16" at midnight) and the others keep the clock
 * ("HH:MM", or "HH:MM:SS" as within a day); over more than a month every label is a date with
 * month and year ("2026-03-14"). Times are wall times stored as UTC (lib/format formatWall).
 */
export function timeAxis(times: readonly number[], plotPx: number): TimeAxis {
  const first = times[0];
  const last = times.at(-1);
  if (first === undefined || last === undefined) return { ticks: [], label: hhmm };
  if (last - first > MONTH) return { ticks: timeTicks(times, plotPx, DATE_LABEL_PX), label: isoDate };
  if (dayOf(first) === dayOf(last)) {
    const ticks = clockTicks(times, plotPx, TIME_LABEL_PX, SECONDS_LABEL_PX);
    return { ticks, label: clockOf(ticks) };
  }
  // A few minutes across midnight in second buckets need the seconds as much as within a day.
  const ticks = clockTicks(times, plotPx, DAY_LABEL_PX, DAY_SECONDS_LABEL_PX);
  const clock = clockOf(ticks);
  const named = new Set<number>();
  let previousDay = Number.NaN;
  for (const t of ticks) {
    if (dayOf(t) !== previousDay) named.add(t);
    previousDay = dayOf(t);
  }
  return { ticks, label: (t) => (named.has(t) ? (t % DAY === 0 ? monthDay(t) : `${monthDay(t)} ${clock(t)}`) : clock(t)) };
}

/**
 * The ticks for labels of `minutePx`, or, where those do not all fall on whole minutes ("HH:MM"
 * would repeat one minute under several ticks), the ticks for the wider labels with seconds.
 */
function clockTicks(times: readonly number[], plotPx: number, minutePx: number, secondPx: number): number[] {
  const ticks = timeTicks(times, plotPx, minutePx);
  return onWholeMinutes(ticks) ? ticks : timeTicks(times, plotPx, secondPx);
}

const onWholeMinutes = (ticks: readonly number[]) => ticks.every((t) => t % M === 0);
const clockOf = (ticks: readonly number[]) => (onWholeMinutes(ticks) ? hhmm : hhmmss);

const dayOf = (t: number) => Math.floor(t / DAY);
const hhmm = (t: number) => new Date(t).toISOString().slice(11, 16);
const hhmmss = (t: number) => new Date(t).toISOString().slice(11, 19);
const isoDate = (t: number) => new Date(t).toISOString().slice(0, 10);
const monthDay = (t: number) => {
  const d = new Date(t);
  return `${MONTHS[d.getUTCMonth()] ?? ''} ${d.getUTCDate()}`;
};

/**
 * Recharts' numeric `interval` (labels skipped between two shown) for `count` category labels
 * of up to `labelPx` each on a `plotPx` wide axis.
 */
export function labelInterval(count: number, plotPx: number, labelPx: number): number {
  if (count <= 1 || plotPx <= 0) return 0;
  return Math.max(0, Math.ceil((count * labelPx) / plotPx) - 1);
}

/** Steps a count axis may take, times a power of ten: 1, 2, 2.5, 5 (as Recharts' nice ticks read). */
const COUNT_STEPS: readonly number[] = [1, 2, 2.5, 5, 10];

/**
 * Ticks of a count axis from 0 to at least `max`: at most `count` whole numbers a round step
 * apart (0, 250, 500, 750, 1,000 for 996). An empty axis (max 0) reads 0 to 4, as Recharts drew it.
 */
export function countTicks(max: number, count = 5): number[] {
  const top = Math.max(0, max);
  const gaps = Math.max(1, count - 1);
  const magnitude = 10 ** Math.floor(Math.log10(Math.max(1, top / gaps)));
  // The first round whole step whose gaps reach the top (10 × magnitude always does).
  const step = COUNT_STEPS.map((m) => m * magnitude).find((s) => Number.isInteger(s) && s * gaps >= top) ?? 10 * magnitude;
  const n = top === 0 ? gaps : Math.ceil(top / step);
  return Array.from({ length: n + 1 }, (_, i) => i * step);
}
