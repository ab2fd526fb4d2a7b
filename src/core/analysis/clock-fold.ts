/**
 * An hour the wall clock went through twice. CDR files write local wall time with no offset
 * (call-record.ts); where daylight saving time ends (US 2026-11-01 02:00 → 01:00, EU the last
 * Sunday of October 03:00 → 02:00) a file of that night holds the hour before the change twice:
 * 01:00:00–01:59:59 of summer time, then the same wall times again, an hour later. Read as one hour
 * it stacks two real hours: a trunk calling once every 40 s shows two calls in the same seconds
 * (a CPS "knee" that is no limit) and twice its channels up (a "plateau").
 *
 * The ingest finds such a fold (find-clock-folds.ts) and marks, per call, whether its start and its
 * end are in the hour's second pass (CallStore.clockFold). Times stay as the file wrote them (the
 * screen shows the file's times); what counts seconds (cps.ts, the CPS rule) and overlaps
 * (concurrency.ts) tells the two passes apart by these bits, so the fold hour counts as the two
 * hours it was.
 *
 * Instants: a monotone time axis for such counts, the wall time moved on by an hour past each
 * fold's first pass: for folds at wall hours h0 < h1 < …,
 *   instant(wall, second pass) = wall + 1 h × (folds whose hour ended by `wall`) + (1 h in the second pass)
 * so the second pass follows the first, and everything after it follows the second pass.
 */
import { formatWallTime } from '../model/wall-time';

export const REPEATED_HOUR_MS = 3_600_000;
/** CallStore.clockFold bits. */
export const FOLD_START = 1;
export const FOLD_END = 2;

/**
 * The wall starts of the repeated hours the first `n` calls' fold bits point into, ascending, or
 * null when none of them is in a second pass: the common case, one byte read per call (once per
 * analysis index).
 */
export function foldHoursOf(clockFold: Uint8Array, start: Float64Array, endMs: Float64Array, n: number): Float64Array | null {
  let hours: number[] | null = null;
  for (let k = 0; k < n; k++) {
    const bits = clockFold[k]!;
    if (bits === 0) continue;
    const hour = wallHourOf((bits & FOLD_START) !== 0 ? start[k]! : endMs[k]!);
    hours ??= [];
    if (!hours.includes(hour)) hours.push(hour);
  }
  return hours ? Float64Array.from(hours).sort() : null;
}

/**
 * A call's second as the CPS counts read it: its wall second, told apart from the same wall second
 * of the other pass of a repeated hour (2 × second + 1 in the second pass).
 */
export function secondKeyOf(startMs: number, foldBits: number): number {
  return Math.floor(startMs / 1000) * 2 + (foldBits & FOLD_START);
}

/** The wall hour `wall` is in (its start, wall ms). */
export function wallHourOf(wall: number): number {
  return Math.floor(wall / REPEATED_HOUR_MS) * REPEATED_HOUR_MS;
}

/** A wall time on the instant axis (module comment); `secondPass`: it is in its repeated hour's second pass. */
export function instantOf(wall: number, secondPass: boolean, hours: Float64Array): number {
  let t = wall;
  for (let f = 0; f < hours.length; f++) {
    const h = hours[f]!;
    if (wall >= h + REPEATED_HOUR_MS) t += REPEATED_HOUR_MS;
    else if (wall >= h && secondPass) t += REPEATED_HOUR_MS;
  }
  return t;
}

/**
 * Where each fold's second pass begins on the instant axis, ascending: from there on an instant is
 * one hour more past its wall time than before it (wall = instant − 1 h × boundaries passed).
 */
export function secondPassBoundaries(hours: Float64Array): Float64Array {
  return hours.map((h, f) => h + (f + 1) * REPEATED_HOUR_MS);
}

/** An hour a file shows twice: what the file card and the CLI say. */
export interface RepeatedHour {
  /** Wall ms of the hour's start: the file shows [fromMs, fromMs + 1 h) twice. */
  fromMs: number;
  /** The file's calls that started in the second pass (counted an hour after the first's). */
  secondPassCalls: number;
}

/** What the file card and the CLI say of a repeated hour (times as the file writes them). */
export function repeatedHourNote(h: RepeatedHour): string {
  const from = formatWallTime(h.fromMs).slice(0, 16);
  const to = formatWallTime(h.fromMs + REPEATED_HOUR_MS).slice(11, 16);
  const calls = `${h.secondPassCalls.toLocaleString('en-US')} call${h.secondPassCalls === 1 ? '' : 's'}`;
  return (
    `${from}–${to} appears twice: the clock went back an hour (daylight saving time ended). ` +
    `Times are shown as the file writes them; calls per second and concurrent calls count the second ${from.slice(11)}–${to} ` +
    `(${calls} started in it) an hour after the first, as it happened.`
  );
}
