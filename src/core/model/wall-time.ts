/**
 * Wall-clock timestamps as CDR files write them, parsed to "wall ms" (the written time read as if
 * it were UTC; see call-record.ts). Handles the shapes seen in real exports:
 *   2024-01-27 15:07:24        Asterisk, FreeSWITCH, VICIdial, Kamailio (`%Y-%m-%d %T`)
 *   2024-01-27T15:07:24(.123)(Z|+02:00|-04)   ISO 8601 from portals; PostgreSQL's timestamptz as text
 *                              (FusionPBX's CSV). The digits as written: the offset is dropped, as the
 *                              SQL reader drops a timestamptz's, so times are shown as in the file, and
 *                              15:07 in a file that says +02:00 is 15:07 there
 *   2020/2/10 22:41            FreeSWITCH Master.csv re-saved by Excel (seconds lost)
 *   1/9/2017 16:33:01          D/M/YYYY from a spreadsheet (order decided per file, see DateOrder)
 *   24/08/17 09:32             dd/mm/yy
 *   1706368044 / 1706368044.123   epoch seconds (Kamailio time_mode, cdr_custom start(int64))
 *   1706368044123              epoch milliseconds (JavaScript's Date.now(), portal and API exports)
 */

export type DateOrder = 'dmy' | 'mdy';

const YMD = /^(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})(?:[ T](\d{1,2}):(\d{2})(?::(\d{2})(?:[.,](\d{1,6}))?)?)?\s*(AM|PM|am|pm)?\s*(Z|[+-]\d{2}(?::?\d{2})?)?$/;
const XYY = /^(\d{1,2})[-/.](\d{1,2})[-/.](\d{2}|\d{4})(?:[ T](\d{1,2}):(\d{2})(?::(\d{2})(?:[.,](\d{1,6}))?)?)?\s*(AM|PM|am|pm)?$/;
const EPOCH = /^(\d{9,10})(?:\.(\d{1,6}))?$/;
/** 13 digits: milliseconds, from 2001-09-09 on (9–10 digits are seconds: no length is both). */
const EPOCH_MS = /^\d{13}$/;
/** 2100-01-01 in ms: a 13-digit number past it is some other id, not a time. */
const EPOCH_MS_END = 4_102_444_800_000;

/** Parse a timestamp; NaN when it is not one. `order` only matters for `x/y/yyyy` dates. */
export function parseWallTime(raw: string, order: DateOrder = 'mdy'): number {
  const fast = parseCanonical(raw);
  if (fast !== null) return fast;
  const text = raw.trim();
  if (text.length === 0) return Number.NaN;
  let m = YMD.exec(text);
  if (m) {
    return build(+m[1]!, +m[2]!, +m[3]!, twelveHour(m[4], m[8]), m[5], m[6], m[7]);
  }
  m = XYY.exec(text);
  if (m) {
    const a = +m[1]!;
    const b = +m[2]!;
    let year = +m[3]!;
    if (m[3]!.length === 2) year += year < 70 ? 2000 : 1900;
    const [day, month] = order === 'dmy' ? [a, b] : [b, a];
    return build(year, month, day, twelveHour(m[4], m[8]), m[5], m[6], m[7]);
  }
  m = EPOCH.exec(text);
  if (m) return +m[1]! * 1000 + (m[2] ? Math.round(+`0.${m[2]}` * 1000) : 0);
  if (EPOCH_MS.test(text) && +text < EPOCH_MS_END) return +text;
  return Number.NaN;
}

/**
 * The 24-hour hour of `hour` written with an AM/PM marker (12 AM is 0, 12 PM is 12); as written
 * without one. An hour of a 12-hour clock is 1 to 12: "13:00 PM" or "0:30 AM" is no time ('24').
 */
function twelveHour(hour: string | undefined, marker: string | undefined): string | undefined {
  if (marker === undefined || hour === undefined) return hour;
  if (+hour < 1 || +hour > 12) return '24';
  const h = +hour % 12;
  return String(marker.toUpperCase() === 'PM' ? h + 12 : h);
}

/**
 * The reading of a timestamp when it does not depend on the D/M order (the canonical
 * `YYYY-MM-DD HH:MM:SS` every CDR writer uses): its wall ms, NaN when it is that shape but no valid
 * time. null when the order might matter, for callers that would otherwise parse it both ways.
 */
export function parseOrderFreeWallTime(raw: string): number | null {
  return parseCanonical(raw);
}

const C0 = 48;

/**
 * Fast path for `YYYY-MM-DD HH:MM:SS` (and `T` between), what Asterisk, FreeSWITCH, VICIdial and
 * Kamailio write for every row: plain char arithmetic instead of regexes and a Date object, since
 * timestamps are a quarter of the ingest's CPU (bench profile). null = not this exact shape.
 */
function parseCanonical(text: string): number | null {
  if (text.length !== 19) return null;
  if (text.charCodeAt(4) !== 45 || text.charCodeAt(7) !== 45 || text.charCodeAt(13) !== 58 || text.charCodeAt(16) !== 58) return null;
  const sep = text.charCodeAt(10);
  if (sep !== 32 && sep !== 84) return null;
  let year = 0;
  for (let i = 0; i < 4; i++) {
    const d = text.charCodeAt(i) - C0;
    if (d < 0 || d > 9) return null;
    year = year * 10 + d;
  }
  return canonicalMs(year, twoDigits(text, 5), twoDigits(text, 8), twoDigits(text, 11), twoDigits(text, 14), twoDigits(text, 17));
}

/**
 * parseCanonical over UTF-8 bytes[start, end) (a field the tokenizer has not turned into text):
 * the same answer as parseCanonical on the field's text, with no string made. The bytes of the
 * shape are ASCII, and any other byte (a multi-byte character included) fails the shape.
 */
export function parseCanonicalBytes(bytes: Uint8Array, start: number, end: number): number | null {
  return canonicalBytesInto(bytes, start, end, scratchMs, 0) ? scratchMs[0]! : null;
}
const scratchMs = new Float64Array(1);

/**
 * parseCanonicalBytes written into out[at] (wall ms, NaN: that shape but no valid time); false,
 * nothing written, where it answers null. For a reader of many rows: a time returned by a call
 * that is not inlined is a heap number made per call (two per Master.csv row, 32 MB per 1M rows
 * to collect); written into a typed array it is none.
 */
export function canonicalBytesInto(bytes: Uint8Array, start: number, end: number, out: Float64Array, at: number): boolean {
  if (end - start !== 19) return false;
  if (bytes[start + 4] !== 45 || bytes[start + 7] !== 45 || bytes[start + 13] !== 58 || bytes[start + 16] !== 58) return false;
  const sep = bytes[start + 10];
  if (sep !== 32 && sep !== 84) return false;
  let year = 0;
  for (let i = start; i < start + 4; i++) {
    const d = bytes[i]! - C0;
    if (d < 0 || d > 9) return false;
    year = year * 10 + d;
  }
  out[at] = canonicalMs(year, twoDigitBytes(bytes, start + 5), twoDigitBytes(bytes, start + 8), twoDigitBytes(bytes, start + 11), twoDigitBytes(bytes, start + 14), twoDigitBytes(bytes, start + 17));
  return true;
}

/**
 * canonicalBytesInto for one column of many rows (a CDR's start times, or its end times),
 * remembering the minutes it read last, one per last digit of the minute: a file's rows come in
 * about time order, so a column's next time is mostly in a minute of the last few, and then only its
 * seconds are read, its first 16 bytes (`YYYY-MM-DD HH:MM`) compared as four 32-bit words instead
 * of read as five numbers and checked. One minute remembered was not enough: Master.csv writes a
 * call when it ends, so its starts go back and forth over minutes (the bench's file: 54 % of starts
 * in the minute of the start before, 94 % in one of the last four).
 */
export class CanonicalTimes {
  /** Per slot (a minute's last digit, & 15): a minute's first 16 bytes as four words (little-endian), and its wall ms (NaN: none yet). */
  private readonly words = new Int32Array(MINUTE_SLOTS * 4);
  private readonly minutes = new Float64Array(MINUTE_SLOTS).fill(Number.NaN);

  /**
   * canonicalBytesInto(bytes, start, end, out, at): the same answer and value. `view`: a DataView
   * of `bytes` (byte-words.ts wordsOf), whose 32-bit words are read.
   */
  into(bytes: Uint8Array, view: DataView, start: number, end: number, out: Float64Array, at: number): boolean {
    if (end - start === 19) {
      const slot = bytes[start + 15]! & (MINUTE_SLOTS - 1);
      const w = this.words;
      const k = slot * 4;
      if (view.getInt32(start, true) === w[k] && view.getInt32(start + 4, true) === w[k + 1] && view.getInt32(start + 8, true) === w[k + 2] && view.getInt32(start + 12, true) === w[k + 3] && bytes[start + 16] === 58) {
        const second = twoDigitBytes(bytes, start + 17);
        const minuteMs = this.minutes[slot]!;
        // NaN: no minute read yet (its words, zeros, are those of a field of NUL bytes).
        if (second >= 0 && second <= 60 && minuteMs === minuteMs) {
          out[at] = minuteMs + second * 1000;
          return true;
        }
      }
    }
    if (!canonicalBytesInto(bytes, start, end, out, at)) return false;
    const ms = out[at]!;
    if (ms === ms) {
      // A valid time: its first 16 bytes are a valid minute, and its seconds are two digits.
      const slot = bytes[start + 15]! & (MINUTE_SLOTS - 1);
      const w = this.words;
      const k = slot * 4;
      w[k] = view.getInt32(start, true);
      w[k + 1] = view.getInt32(start + 4, true);
      w[k + 2] = view.getInt32(start + 8, true);
      w[k + 3] = view.getInt32(start + 12, true);
      this.minutes[slot] = ms - twoDigitBytes(bytes, start + 17) * 1000;
    }
    return true;
  }
}

/** Minutes a CanonicalTimes remembers: its slots, by a minute's last digit (`0`–`9` are 0x30–0x39: & 15 is 0–9). */
const MINUTE_SLOTS = 16;

/**
 * The day canonicalMs read last, as year * 10000 + month * 100 + day, and its midnight in wall ms:
 * a CDR's rows come in time order, so the next row's start and end are mostly on the same day.
 */
let lastDay = -1;
let lastDayMs = 0;

/** The canonical shape's numbers (a two-digit one is -1 when not two digits): NaN when no valid time. */
function canonicalMs(year: number, month: number, day: number, hour: number, minute: number, second: number): number {
  if (hour < 0 || hour > 23 || minute < 0 || minute > 59 || second < 0 || second > 60) return Number.NaN;
  const timeMs = hour * 3_600_000 + minute * 60_000 + second * 1000;
  // month and day are -1 when not two digits: such a key never equals a valid day's.
  const dayKey = year * 10000 + month * 100 + day;
  if (dayKey === lastDay && month > 0 && day > 0) return lastDayMs + timeMs;
  if (month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month)) return Number.NaN;
  lastDay = dayKey;
  lastDayMs = utcMs(year, month, day, 0, 0, 0);
  return lastDayMs + timeMs;
}

/**
 * Date.UTC for a valid date, by integer arithmetic (H. Hinnant's days_from_civil): half the cost
 * of the builtin, and it runs two or three times per row. Years below 100 go to Date.UTC, which
 * reads them as 1900–1999.
 */
function utcMs(year: number, month: number, day: number, hour: number, minute: number, second: number): number {
  if (year < 100) return Date.UTC(year, month - 1, day, hour, minute, second);
  const y = month <= 2 ? year - 1 : year; // years start in March, so the leap day ends one
  const era = Math.floor(y / 400);
  const yearOfEra = y - era * 400;
  const dayOfYear = Math.floor((153 * (month > 2 ? month - 3 : month + 9) + 2) / 5) + day - 1;
  const dayOfEra = yearOfEra * 365 + Math.floor(yearOfEra / 4) - Math.floor(yearOfEra / 100) + dayOfYear;
  const days = era * 146097 + dayOfEra - 719468; // 719468: days from 0000-03-01 to 1970-01-01
  return days * 86_400_000 + hour * 3_600_000 + minute * 60_000 + second * 1000;
}

/**
 * Two decimal digits at `i`, or -1. A module-level function, not a closure inside parseCanonical:
 * a closure is a fresh object per call (and under tsx/esbuild keepNames a defineProperty too,
 * which was half of the timestamp cost in the Node profile).
 */
function twoDigits(text: string, i: number): number {
  const a = text.charCodeAt(i) - C0;
  const b = text.charCodeAt(i + 1) - C0;
  return a < 0 || a > 9 || b < 0 || b > 9 ? -1 : a * 10 + b;
}

/** twoDigits over bytes. */
function twoDigitBytes(bytes: Uint8Array, i: number): number {
  const a = bytes[i]! - C0;
  const b = bytes[i + 1]! - C0;
  return a < 0 || a > 9 || b < 0 || b > 9 ? -1 : a * 10 + b;
}

function daysInMonth(year: number, month: number): number {
  if (month === 2) return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0 ? 29 : 28;
  return month === 4 || month === 6 || month === 9 || month === 11 ? 30 : 31;
}

function build(
  year: number,
  month: number,
  day: number,
  hour: string | undefined,
  minute: string | undefined,
  second: string | undefined,
  fraction: string | undefined,
): number {
  if (month < 1 || month > 12 || day < 1 || day > 31) return Number.NaN;
  const h = hour === undefined ? 0 : +hour;
  const mi = minute === undefined ? 0 : +minute;
  const s = second === undefined ? 0 : +second;
  if (h > 23 || mi > 59 || s > 60) return Number.NaN;
  const ms = fraction === undefined ? 0 : Math.round(+`0.${fraction}` * 1000);
  const t = Date.UTC(year, month - 1, day, h, mi, s, ms);
  // Reject 31 February and the like instead of rolling over.
  const d = new Date(t);
  if (d.getUTCDate() !== day || d.getUTCMonth() !== month - 1) return Number.NaN;
  return t;
}

/**
 * Decide D/M vs M/D for a file from sample values: a first number above 12 proves D/M, a second
 * number above 12 proves M/D. Returns null when the samples cannot tell.
 */
export function guessDateOrder(samples: readonly string[]): DateOrder | null {
  let dmy = false;
  let mdy = false;
  for (const s of samples) {
    const m = XYY.exec(s.trim());
    if (!m) continue;
    if (+m[1]! > 12) dmy = true;
    if (+m[2]! > 12) mdy = true;
  }
  if (dmy === mdy) return null;
  return dmy ? 'dmy' : 'mdy';
}

/** The first sample only `order` reads (a first number above 12 for D/M, a second for M/D), as written; null: none. */
export function dateOrderProof(samples: readonly string[], order: DateOrder): string | null {
  for (const s of samples) {
    const m = XYY.exec(s.trim());
    if (m && +m[order === 'dmy' ? 1 : 2]! > 12) return s.trim();
  }
  return null;
}

/** True when the text is a timestamp in any supported shape. */
export function looksLikeTime(text: string): boolean {
  return !Number.isNaN(parseWallTime(text, 'dmy')) || !Number.isNaN(parseWallTime(text, 'mdy'));
}

/** Format wall ms as `YYYY-MM-DD HH:MM:SS` (what the file said). */
export function formatWallTime(ms: number): string {
  if (!Number.isFinite(ms)) return '—';
  return new Date(ms).toISOString().slice(0, 19).replace('T', ' ');
}
