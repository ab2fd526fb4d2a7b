/**
 * Value shapes of VICIdial carrier-log columns, used by detection and by the parsers to recognise
 * rows without trusting a (possibly translated) header. Column facts: formats.md §3.1
 * (extras/MySQL_AST_CREATE_tables.sql `vicidial_carrier_log`, BezaluLLC/ViciDial schema 1728).
 */
import { looksLikeTime } from '../../model/wall-time';

/** Asterisk ${DIALSTATUS} values (apps/app_dial.c), as FastAGI_log.pl stores them in `dialstatus`. */
export const DIAL_STATUSES: ReadonlySet<string> = new Set([
  'ANSWER',
  'BUSY',
  'NOANSWER',
  'CANCEL',
  'CONGESTION',
  'CHANUNAVAIL',
  'DONTCALL',
  'TORTURE',
  'INVALIDARGS',
]);

/**
 * Asterisk uniqueid `%li.%d` (epoch.sequence), optionally `<systemname>-` first. A spreadsheet that
 * read it as a number may have dropped a trailing zero or the whole fraction ("1714572001.1").
 */
const UNIQUE_ID = /^(?:[A-Za-z0-9_.]+-)?(\d{9,10})(?:\.(\d{1,10}))?$/;

export function isUniqueId(text: string): boolean {
  return UNIQUE_ID.test(text.trim());
}

/** Epoch seconds at the start of a uniqueid (channel creation), or null. */
export function uniqueIdEpoch(text: string): number | null {
  const m = UNIQUE_ID.exec(text.trim());
  return m && m[1] !== undefined ? Number(m[1]) : null;
}

export function isIPv4(text: string): boolean {
  return /^\d{1,3}(?:\.\d{1,3}){3}$/.test(text.trim());
}

/** An unsigned integer column; MySQL NULL prints as '' in the report, so '' passes. */
export function isUIntOrEmpty(text: string): boolean {
  return /^\d*$/.test(text.trim());
}

/** The status as DIAL_STATUSES spells it: the text itself when it is one already (the usual row: no new string), else trimmed and upper-cased. */
export function dialStatusName(text: string): string {
  return DIAL_STATUSES.has(text) ? text : text.trim().toUpperCase();
}

export function isDialStatus(text: string): boolean {
  return DIAL_STATUSES.has(dialStatusName(text));
}

/** `Tech/resource…` as Asterisk names channels (Local/…, SIP/…, PJSIP/…, IAX2/…, DAHDI/…). */
export function isChannelLike(text: string): boolean {
  return /^[A-Za-z][A-Za-z0-9_]*\/\S+$/.test(text.trim());
}

/** A dialled number as VICIdial stores it; `X` masking is the admin "hide phone data" option. */
export function isPhoneLike(text: string): boolean {
  return /^\+?[\dX*#]*$/.test(text.trim());
}

export function isDateTime(text: string): boolean {
  return looksLikeTime(text);
}

/** Parse an unsigned integer column: '' → 0 (the table default), anything else non-numeric → NaN. */
export function parseUInt(text: string): number {
  const t = text.trim();
  if (t === '') return 0;
  // /^\d+$/ as a loop: three columns of every row go through here.
  for (let i = 0; i < t.length; i++) {
    const c = t.charCodeAt(i);
    if (c < 48 || c > 57) return Number.NaN;
  }
  return Number(t);
}

/**
 * Undo PHP addslashes(), which call_report_export_carrier.php applies to every output line:
 * `\'` `\"` `\\` and `\0`.
 */
export function stripSlashes(text: string): string {
  return text.replace(/\\(.)/g, (_m, c: string) => (c === '0' ? '\0' : c));
}
