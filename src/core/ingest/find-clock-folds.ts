/**
 * Finds where a file's wall clock went back an hour (daylight saving time ended: clock-fold.ts) and
 * marks the calls of the hour's second pass (CallStore.clockFold), once the file's calls are in
 * the store in file order (before the seal sorts them).
 *
 * A CDR file is written as calls happen: Asterisk's Master.csv, FreeSWITCH's cdr-csv at each call's
 * end, Kamailio's acc at each reply, a dialer's log as it goes. Row by row its time goes forward;
 * where the clock goes back, the rows' times jump back by about an hour and go on from there. The
 * sign, per row r = max(start, end), the latest time it names, against M = the largest start of the
 * rows before it: in a file written in start order r ≥ start ≥ M; in end order r = end ≥ every
 * earlier end ≥ M. Long calls do not break it (their end is late). A fold:
 *   - M is in the last FOLD_EDGE_MS of a wall hour B (a row just before the change) and
 *   - r is in the first FOLD_EDGE_MS of the hour before, B − 1 h (the clock shows that hour again),
 *   - B − 1 h starts at 23:00–03:00, where every zone's clocks go back (US 02:00 → 01:00, EU
 *     01:00 UTC: 03:00 → 02:00 in Berlin, 04:00 → 03:00 in Athens, Australia 03:00 → 02:00,
 *     Chile 24:00 → 23:00),
 *   - the rows after it go on in that hour (at least MIN_SECOND_PASS_ROWS starting before M − FOLD_EDGE_MS)
 *     and forward (at most a quarter of them earlier than the row before, in start or in end
 *     order): a file sorted newest first, or a few rows out of order, is no fold.
 * Marked, from that row on: a start in the hour (FOLD_START) unless the call ended "before" it
 * started (it began in the first pass and ended in the second), an end in the hour (FOLD_END); before
 * that row, only such a crossing call's end. A call that began before the hour and ended in it is
 * taken as the shorter of the two readings where the file order cannot tell.
 *
 * Not found: a file sorted by start time (a database export ORDER BY calldate) mixes the two passes
 * row by row, with no jump to see; a fold of half an hour (Lord Howe Island).
 *
 * Cost: one pass over the file's starts (a double and a compare or two per row: 1M rows in a few
 * ms); a row's end is read only where its start is far behind, the rows around a fold a few more
 * times, bounded by MAX_FOLDS_PER_FILE.
 */
import type { CallStore } from '../analysis/call-store';
import { FOLD_END, FOLD_START, REPEATED_HOUR_MS, wallHourOf, type RepeatedHour } from '../analysis/clock-fold';

/** How close to the hour's edges the rows around the change are (a trunk calling every few minutes has a row there). */
export const FOLD_EDGE_MS = 15 * 60_000;
/** Rows of the second pass, clearly behind the first's, that make the jump a fold and not a stray row. */
export const MIN_SECOND_PASS_ROWS = 3;
/** Wall hours (of the day) a repeated hour starts at: 23:00 to 03:00 (module comment). */
const FOLD_HOURS_OF_DAY = [23, 0, 1, 2, 3];
/** A file of many years has one fold a year; a file with more is not a clock's doing, and its reading stays linear. */
const MAX_FOLDS_PER_FILE = 16;
const DAY_MS = 86_400_000;
/** A fold's row is this far behind the largest start before it, at least (the hour less both edges). */
const FAR_BEHIND_MS = REPEATED_HOUR_MS - 2 * FOLD_EDGE_MS;
/** A row this far behind the largest start before it begins a new block of rows, not a fold (at most an hour plus its edges back). */
const NEW_BLOCK_MS = REPEATED_HOUR_MS + 2 * FOLD_EDGE_MS;

/**
 * Whether any of a file's rows, fed as they are merged (in file order), starts far behind the
 * largest start before it: the only rows markClockFolds does more than compare (FAR_BEHIND_MS). A
 * file with none has no fold, and its pass is not made after the last piece: there it ran alone
 * while the other core waited (6–13 ms at a million calls in a Chromium worker, the loop not yet
 * optimised), here each merge reads its own rows' starts while the next pieces are parsed.
 */
export class FarBehindWatch {
  private max = Number.NEGATIVE_INFINITY;
  private found = false;
  /** The rows [from, upTo) are read. */
  constructor(private upTo: number) {}

  /** Read the rows up to `to` of `start` (the store's starts, its rows from the last call's `to` on this file's). */
  follow(start: ArrayLike<number>, to: number): void {
    let max = this.max;
    let found = this.found;
    for (let i = this.upTo; i < to && !found; i++) {
      const s = start[i]!;
      if (s > max) max = s;
      else if (s < max - FAR_BEHIND_MS) found = true;
    }
    this.max = max;
    this.found = found;
    this.upTo = to;
  }

  /** False only where every row up to `to` was read and none is far behind. */
  mayFold(to: number): boolean {
    return this.found || this.upTo !== to;
  }
}

/**
 * Find and mark the folds among the store's rows [from, to) (one file's, in file order). `watch`:
 * the rows as they were merged (FarBehindWatch); where it saw none far behind, nothing is read.
 */
export function markClockFolds(store: CallStore, from: number, to: number, watch?: FarBehindWatch): RepeatedHour[] {
  if (watch && !watch.mayFold(to)) return [];
  const { startMs: start, endMs: end } = store;
  const found: RepeatedHour[] = [];
  let max = Number.NEGATIVE_INFINITY;
  let lastTried = Number.NaN;
  /** The latest time (start or end) the row before names: the jump is from it. */
  let previous = Number.NEGATIVE_INFINITY;
  for (let i = from; i < to; i++) {
    const s = start[i]!;
    const before = previous;
    previous = s;
    if (s > max) {
      max = s;
      continue;
    }
    // In order (nearly every row): its start alone is not far behind, and its end is not read. A
    // row without a start (NaN) compares false.
    if (!(s < max - FAR_BEHIND_MS)) continue;
    const e = end[i]!;
    const r = e > s ? e : s;
    previous = r;
    if (!(r < max - FAR_BEHIND_MS)) continue;
    if (r < max - NEW_BLOCK_MS) {
      // Far more than an hour back: another block of rows (the next trunk of a file grouped by
      // trunk, a second server's export appended), read from here on as a file of its own.
      max = r;
      lastTried = Number.NaN;
      continue;
    }
    const hourEnd = wallHourOf(max) + REPEATED_HOUR_MS;
    const hour = hourEnd - REPEATED_HOUR_MS;
    // The jump is this row's: the row before it was at the first pass's end (a row further on in
    // the hour, after others that went back, is the file going on, not the clock going back).
    if (before < hourEnd - FOLD_EDGE_MS) continue;
    if (hour === lastTried || max < hourEnd - FOLD_EDGE_MS || r < hour || r >= hour + FOLD_EDGE_MS) continue;
    lastTried = hour;
    if (!FOLD_HOURS_OF_DAY.includes(hourOfDay(hour)) || !goesOnInTheHour(store, i, to, hour, max)) continue;
    const secondPassCalls = markSecondPass(store, from, i, to, hour);
    // The same hour again in a later block (the next trunk of a grouped file): one repeated hour.
    const same = found.find((f) => f.fromMs === hour);
    if (same) same.secondPassCalls += secondPassCalls;
    else found.push({ fromMs: hour, secondPassCalls });
    if (found.length === MAX_FOLDS_PER_FILE) break;
  }
  return found;
}

/**
 * From row `i` on, the file goes on in `hour` (a second pass), forward: of its rows that start in
 * the hour, up to the first that starts past it, at least MIN_SECOND_PASS_ROWS start behind the
 * first pass's last start `max` by more than FOLD_EDGE_MS, and at most a quarter start earlier than
 * the one before, or end earlier (whichever order the file is written in). Rows of calls begun
 * before the hour (long ones, ending now) are passed over; the read stops at a row begun more than
 * an hour before it (the file went back further: no fold), so each row is read for a few hours at most.
 */
function goesOnInTheHour(store: CallStore, i: number, to: number, hour: number, max: number): boolean {
  const { startMs: start, endMs: end } = store;
  const hourEnd = hour + REPEATED_HOUR_MS;
  let behind = 0;
  let rows = 0;
  let startsBack = 0;
  let endPairs = 0;
  let endsBack = 0;
  let prevStart = Number.NaN;
  let prevEnd = Number.NaN;
  for (let j = i; j < to; j++) {
    const s = start[j]!;
    if (s >= hourEnd || s < hour - REPEATED_HOUR_MS) break;
    if (!(s >= hour)) continue;
    const e = end[j]!;
    if (s < max - FOLD_EDGE_MS) behind++;
    if (rows++ > 0 && s < prevStart) startsBack++;
    if (!Number.isNaN(e) && !Number.isNaN(prevEnd)) {
      endPairs++;
      if (e < prevEnd) endsBack++;
    }
    prevStart = s;
    prevEnd = e;
  }
  const forward = startsBack * 4 <= rows - 1 || (endPairs > 0 && endsBack * 4 <= endPairs);
  return behind >= MIN_SECOND_PASS_ROWS && forward;
}

/**
 * Marks the calls of `hour`'s second pass, the fold found at row `at` (module comment); returns how
 * many started in it. Rows are read up to two hours past the hour: a call that started in the hour
 * and ended later than that is taken as begun in the first pass.
 */
function markSecondPass(store: CallStore, from: number, at: number, to: number, hour: number): number {
  const { startMs: start, endMs: end, clockFold } = store;
  const hourEnd = hour + REPEATED_HOUR_MS;
  const inHour = (t: number) => t >= hour && t < hourEnd;
  // Before the fold's row: a call that began in the first pass and ended in the second (its end
  // reads earlier than its start), among the rows of the first pass.
  for (let j = at - 1; j >= from; j--) {
    const s = start[j]!;
    if (s < hour - REPEATED_HOUR_MS) break;
    if (inHour(end[j]!) && end[j]! < s) clockFold[j]! |= FOLD_END;
  }
  let starts = 0;
  for (let j = at; j < to; j++) {
    const s = start[j]!;
    if (s >= hourEnd + 2 * REPEATED_HOUR_MS) break;
    const e = end[j]!;
    // A row wholly before the hour comes after the second pass began: a new block of rows (the
    // next trunk of a grouped file), whose calls are its own first pass.
    if (!(s >= hour) && !(e >= hour)) break;
    if (inHour(s) && !(e < s)) {
      clockFold[j]! |= FOLD_START;
      starts++;
    }
    if (inHour(e)) clockFold[j]! |= FOLD_END;
  }
  return starts;
}

function hourOfDay(wall: number): number {
  return Math.floor((((wall % DAY_MS) + DAY_MS) % DAY_MS) / REPEATED_HOUR_MS);
}
