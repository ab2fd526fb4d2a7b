/**
 * A cell's value as the text its CSV field gets. Numbers: an integer as its digits (a phone number
 * 15551234567 stored as a number stays 15551234567, never 1.5551234567E10), others at Excel's 15
 * significant digits in JavaScript's shortest form. A number styled as a date or a time: Excel
 * stores days since 1899-12-30 (or since 1904-01-01 in the 1904 date system), written here as
 * `YYYY-MM-DD HH:MM:SS`, to the nearest second even where the cell's format shows only minutes
 * (a CSV saved by Excel writes what the format shows, `3/24/2015 15:44`, and loses the seconds).
 * ECMA-376 Part 1, 18.8.30 numFmt (built-in formats), 18.17.4 (date systems).
 */
import { formatCount } from '../../model/format-count';

/** The columns and rows an Excel sheet has at most (XFD, 1,048,576). */
export const MAX_SHEET_COLUMNS = 16384;
export const MAX_SHEET_ROWS = 1048576;

/**
 * How a date-styled number is written. `datetime`: `YYYY-MM-DD HH:MM:SS`. `time`: a format that
 * shows no date (h:mm:ss): a value under one day is `HH:MM:SS` (a time of day, or a duration), a
 * larger one is a date whose day the format hides, written whole. `elapsed`: `[h]:mm:ss`, a
 * duration in hours that may pass 24, always `H:MM:SS`.
 */
export type DateKind = 'datetime' | 'time' | 'elapsed';

/**
 * Built-in number formats that are dates or times (18.8.30): 14–17 and 22 show a date, 18–21, 45 and
 * 47 only a time, 46 is [h]:mm:ss. 27–36 and 50–58 are the East Asian ones, a date in one locale and
 * a time of day in another (34 is 上午/下午h"时"mm"分" in Chinese, yyyy"年"m"月" in Japanese): read as
 * 'time', which writes a value under a day as its time and any other as its date and time, right
 * either way (a workbook saved in Beijing, Tokyo or Seoul had its call times read as serial numbers).
 */
export function builtinDateKind(id: number): DateKind | null {
  if ((id >= 14 && id <= 17) || id === 22) return 'datetime';
  if ((id >= 18 && id <= 21) || id === 45 || id === 47) return 'time';
  if ((id >= 27 && id <= 36) || (id >= 50 && id <= 58)) return 'time';
  if (id === 46) return 'elapsed';
  return null;
}

/**
 * Whether a custom format code shows a date or time: a y, m, d, h or s outside quoted text
 * (`"sec"`), brackets (`[Red]`, `[$-409]`), escapes (`\s`) and the spacing codes `_x` and `*x`.
 * `[h]`, `[mm]`, `[ss]` are elapsed time.
 */
export function customDateKind(code: string): DateKind | null {
  let letters = '';
  let elapsed = false;
  for (let i = 0; i < code.length; i++) {
    const c = code[i]!;
    if (c === '"') {
      const close = code.indexOf('"', i + 1);
      i = close < 0 ? code.length : close;
    } else if (c === '[') {
      const close = code.indexOf(']', i + 1);
      const inside = code.slice(i + 1, close < 0 ? code.length : close);
      if (/^(h+|m+|s+)$/i.test(inside)) elapsed = true;
      i = close < 0 ? code.length : close;
    } else if (c === '\\' || c === '_' || c === '*') {
      i++;
    } else if (c === ';') {
      // Only the first section (positive numbers) decides: a date has no negative section worth reading.
      break;
    } else {
      letters += c.toLowerCase();
    }
  }
  if (elapsed) return 'elapsed';
  // "General" and number formats ("0.00E+00") have none of these letters.
  if (!/[ymdhs]/.test(letters.replace(/general/g, ''))) return null;
  return /[yd]/.test(letters) || (/m/.test(letters) && !/[hs]/.test(letters)) ? 'datetime' : 'time';
}

/** 1899-12-30 (the day before Excel's day 1, 1900-01-01, less its phantom 1900-02-29) and 1904-01-01, in ms since 1970. */
const EPOCH_1900_MS = Date.UTC(1899, 11, 30);
const EPOCH_1904_MS = Date.UTC(1904, 0, 1);
const DAY_SECONDS = 86400;
/** 9999-12-31, Excel's last day (1900 system). */
const MAX_SERIAL = 2958465;

const two = (n: number) => (n < 10 ? `0${n}` : String(n));

/**
 * A date-styled number as text; null when it cannot be a date (negative, past 9999, not finite):
 * written as a number then. Seconds are rounded to the nearest (a serial's fraction is seldom whole).
 */
export function serialText(serial: number, kind: DateKind, date1904: boolean): string | null {
  if (!Number.isFinite(serial) || serial < 0 || serial > MAX_SERIAL) return null;
  const seconds = Math.round(serial * DAY_SECONDS);
  if (kind === 'elapsed' || (kind === 'time' && seconds < DAY_SECONDS)) {
    return `${two(Math.floor(seconds / 3600))}:${two(Math.floor(seconds / 60) % 60)}:${two(seconds % 60)}`;
  }
  return dateTimeText((date1904 ? EPOCH_1904_MS : EPOCH_1900_MS) + seconds * 1000);
}

function dateTimeText(ms: number): string {
  const d = new Date(ms);
  return `${String(d.getUTCFullYear()).padStart(4, '0')}-${two(d.getUTCMonth() + 1)}-${two(d.getUTCDate())} ${two(d.getUTCHours())}:${two(d.getUTCMinutes())}:${two(d.getUTCSeconds())}`;
}

/**
 * A cell of type `d` (an ISO 8601 date, 18.18.11: what LibreOffice and some libraries write) in the
 * same form, to the nearest second; the text as it is when it is no such date.
 */
export function isoDateText(text: string): string {
  const m = /^(\d{4})-(\d\d)-(\d\d)(?:T(\d\d):(\d\d)(?::(\d\d)(\.\d+)?)?)?(Z|[+-]\d\d:\d\d)?$/.exec(text.trim());
  if (!m) return text;
  const [, y, mo, d, h = '00', mi = '00', s = '00', fraction = ''] = m;
  const ms = Date.UTC(Number(y), Number(mo) - 1, Number(d), Number(h), Number(mi), Number(s)) + Math.round(Number(`0${fraction}`) * 1000);
  if (Number.isNaN(ms)) return text;
  // A time of day alone (T10:00:00 on 1899-12-30/31) is what a time-only cell holds.
  return dateTimeText(Math.round(ms / 1000) * 1000);
}

/**
 * Excel keeps 15 significant digits, and a formula's result can carry float noise past them, which
 * it writes with all 17 digits a double needs: 0.1 + 0.2 is stored 0.30000000000000004 (shown, and
 * saved to CSV, as 0.3), a duration (C2 − B2) × 86400 as 12.000000000000002. Such a value (17
 * digits stored, 12 or fewer once rounded to 15) is written rounded; every other number is written
 * in its shortest form, every digit stored kept: an Asterisk uniqueid 1427253999.199999 (16 digits)
 * that a script or LibreOffice stored whole is not 1427253999.2.
 */
const EXCEL_DIGITS = 15;
const NOISY_DIGITS = 17;
const NOISE_FREE_DIGITS = 12;

/** A decimal number as XML Schema writes one (no hex, no "Infinity": Number() reads those too). */
const DECIMAL = /^\s*[-+]?(?:\d+\.?\d*|\.\d+)(?:[eE][-+]?\d+)?\s*$/;

/** A number cell's value (its `<v>` text) as digits; the text as it is when it is no number. */
export function numberText(raw: string): string {
  if (!DECIMAL.test(raw)) return raw;
  const n = Number(raw);
  if (!Number.isFinite(n)) return raw;
  if (Number.isInteger(n)) return integerText(n);
  if (significantDigits(raw.trim()) >= NOISY_DIGITS) {
    const shown = Number(n.toPrecision(EXCEL_DIGITS));
    if (significantDigits(String(shown)) <= NOISE_FREE_DIGITS) return Number.isInteger(shown) ? integerText(shown) : String(shown);
  }
  return String(n);
}

/** Significant digits of a decimal number's text ("0.3" 1, "1427219004.1" 11, "1e-7" 1; trailing zeros after a point not counted). */
function significantDigits(text: string): number {
  let mantissa = text.replace(/[eE].*$/, '').replace(/^[-+]/, '');
  if (mantissa.includes('.')) mantissa = mantissa.replace(/0+$/, '');
  return mantissa.replace('.', '').replace(/^0+/, '').length;
}

function integerText(n: number): string {
  if (n === 0) return '0';
  // String() writes 1e21 and up in exponent form; BigInt writes every digit.
  return Math.abs(n) < 1e21 ? String(n) : BigInt(n).toString();
}

/** A column's number (0 for A) from the letters that start a cell reference ("AB12"); -1 when it has none, MAX_SHEET_COLUMNS or more past XFD. */
export function columnOfReference(buf: Uint8Array, start: number, end: number): number {
  let col = 0;
  let i = start;
  for (; i < end; i++) {
    let b = buf[i]!;
    if (b >= 0x61 && b <= 0x7a) b -= 0x20;
    if (b < 0x41 || b > 0x5a) break;
    col = col * 26 + (b - 0x40);
    // Past XFD already: stop counting (a reference of a million letters is one wrong reference).
    if (col > MAX_SHEET_COLUMNS) return MAX_SHEET_COLUMNS;
  }
  return i === start ? -1 : col - 1;
}

/** A column's letters (0 → A, 27 → AB), for messages. */
export function columnName(col: number): string {
  let name = '';
  for (let n = col + 1; n > 0; n = Math.floor((n - 1) / 26)) name = String.fromCharCode(0x41 + ((n - 1) % 26)) + name;
  return name;
}

/** "row 1,234" for messages. */
export const rowName = (row: number) => `row ${formatCount(row)}`;
