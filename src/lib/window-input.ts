/**
 * What a person types into From / To: a 24-hour wall time, alone ("14:35", "14:35:20", the date
 * taken from the field's current value), with a date ("2026-11-16 14:35", also with a "T"), or a
 * date alone (From: the day's start; To: the next day's start). Times are wall ms as in the file.
 */

import { formatWall } from './format';

const DAY_MS = 86_400_000;
const TIME = /^(\d{1,2}):(\d{2})(?::(\d{2}))?$/;
const DATE = /^(\d{4})-(\d{1,2})-(\d{1,2})$/;
/** Longer text is no time: refused before any pattern sees it. */
const MAX_INPUT = 40;

export type WallInput = { ms: number } | { error: string };

export const INPUT_HINT = 'a 24-hour time, e.g. 14:35, or a date and time, e.g. 2026-11-16 14:35';

export function parseWallInput(text: string, baseMs: number, edge: 'from' | 'to'): WallInput {
  const t = text.trim();
  if (t === '' || t.length > MAX_INPUT) return { error: `Type ${INPUT_HINT}.` };
  const cut = t.search(/[ T]/);
  const datePart = cut < 0 ? (DATE.test(t) ? t : null) : t.slice(0, cut);
  const timePart = cut < 0 ? (datePart === null ? t : null) : t.slice(cut + 1).trim();
  let dayMs = Math.floor(baseMs / DAY_MS) * DAY_MS;
  if (datePart !== null) {
    const d = DATE.exec(datePart);
    if (!d) return { error: `“${t}” is not a date and time: type ${INPUT_HINT}.` };
    const [y, m, day] = [Number(d[1]), Number(d[2]), Number(d[3])];
    dayMs = Date.UTC(y, m - 1, day);
    const check = new Date(dayMs);
    if (check.getUTCFullYear() !== y || check.getUTCMonth() !== m - 1 || check.getUTCDate() !== day) return { error: `${datePart} is not a day of the calendar.` };
  }
  if (timePart === null) return { ms: edge === 'from' ? dayMs : dayMs + DAY_MS };
  const m = TIME.exec(timePart);
  if (!m) return { error: `“${t}” is not a time: type ${INPUT_HINT}.` };
  const [h, min, s] = [Number(m[1]), Number(m[2]), Number(m[3] ?? 0)];
  if (h > 23 || min > 59 || s > 59) return { error: `${timePart} is not a 24-hour time (00:00 to 23:59:59).` };
  return { ms: dayMs + ((h * 60 + min) * 60 + s) * 1000 };
}

/** Whole input typed: worth applying while typing ("14:3" is not yet, "14:35" is). */
export function looksComplete(text: string): boolean {
  const t = text.trim();
  if (t.length > MAX_INPUT) return false;
  const cut = t.search(/[ T]/);
  if (cut < 0) return TIME.test(t);
  return DATE.test(t.slice(0, cut)) && TIME.test(t.slice(cut + 1).trim());
}

/** Day starts (wall ms) of every calendar day the span touches. */
export function daysOf(span: { fromMs: number; toMs: number }): number[] {
  const days: number[] = [];
  const last = Math.floor((span.toMs - 1) / DAY_MS) * DAY_MS;
  for (let d = Math.floor(span.fromMs / DAY_MS) * DAY_MS; d <= last; d += DAY_MS) days.push(d);
  return days;
}

/** A time as the fields show it: "2026-11-16 14:35", with seconds only when there are some. */
export function shownWall(ms: number): string {
  const text = formatWall(ms);
  return text.endsWith(':00') ? text.slice(0, 16) : text;
}
