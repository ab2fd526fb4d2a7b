/**
 * Reading single cell values of a generic CSV: empty markers, SIP codes in their written shapes,
 * Q.850 / FreeSWITCH causes, disposition words (Asterisk, Sinch, Twilio), durations, timestamps.
 * Sources: formats.md §1.4 (Asterisk dispositions), §3.1 (DIALSTATUS), §4.1/§4.2 (FreeSWITCH cause names,
 * `sip:503`), §6 (Sinch Result ANSWERED|BUSY|NOANSWER|FAILED; Twilio status
 * queued|ringing|in-progress|canceled|completed|failed|busy|no-answer).
 */
import type { OutcomeClass } from '../../model/call-record';
import { FREESWITCH_CAUSES } from '../../model/causes';
import { parseWallTime, type DateOrder } from '../../model/wall-time';

/** SQL NULL exports, "N/A" (Sinch Reason), "-" and MySQL's `\N` mean "no value". */
const EMPTY_MARKERS = new Set(['', 'null', 'n/a', 'na', '-', '--', '\\n', 'none', 'undefined']);

/** The value trimmed, or '' when it is an empty marker. */
export function clean(raw: string | undefined): string {
  if (raw === undefined) return '';
  const text = raw.trim();
  return EMPTY_MARKERS.has(text.toLowerCase()) ? '' : text;
}

/**
 * A SIP final/provisional code as files write it: `503`, `sip:503` (FreeSWITCH
 * proto_specific_hangup_cause), `503 Service Unavailable`. Null for anything else (`0`, `NORMAL_CLEARING`).
 */
export function parseSipCodeValue(text: string): { code: number; phrase: string } | null {
  const m = /^(?:sip:)?([1-6]\d\d)(?:\s+(.*))?$/i.exec(text.trim());
  if (!m || m[1] === undefined) return null;
  return { code: Number(m[1]), phrase: (m[2] ?? '').trim() };
}

/** FreeSWITCH-extended cause numbers that are not Q.850 but are written as numbers. */
const FS_EXTENDED_NUMBERS = new Set([...FREESWITCH_CAUSES.values()].filter((n) => n > 127));

/** Name of a cause number, for the reason text when the file gives only the number. */
const CAUSE_NAMES: ReadonlyMap<number, string> = new Map([...FREESWITCH_CAUSES.entries()].map(([name, n]) => [n, name]));

export function causeName(cause: number): string {
  return CAUSE_NAMES.get(cause) ?? '';
}

/**
 * A cause as files write it: `34`, `NORMAL_CIRCUIT_CONGESTION`, `normal clearing`,
 * `Q.850;cause=34` (a Reason header copied into a column). Null when not a cause.
 */
export function parseCauseValue(text: string): { cause: number; name: string } | null {
  const t = text.trim();
  if (/^\d{1,3}$/.test(t)) {
    const n = Number(t);
    if (n <= 127 || FS_EXTENDED_NUMBERS.has(n)) return { cause: n, name: causeName(n) };
    return null;
  }
  const reasonHeader = /cause=(\d{1,3})/i.exec(t);
  if (reasonHeader?.[1] !== undefined) {
    const n = Number(reasonHeader[1]);
    return { cause: n, name: causeName(n) };
  }
  const name = t.toUpperCase().replace(/[\s-]+/g, '_');
  const n = FREESWITCH_CAUSES.get(name);
  return n === undefined ? null : { cause: n, name };
}

/**
 * Disposition / status words of carrier exports → outcome, never a SIP code.
 * Choices (documented because the words are ambiguous across vendors):
 * - `FAILED` (Sinch Result, Twilio `failed`) means "did not connect for any reason" (bad number,
 *   blocked, no credit), not a 503: → `other`. Only Asterisk CDR exports mean 503-like by FAILED; the
 *   parser uses causes.ts classifyDisposition for files whose header is an Asterisk CDR (see asteriskHeader).
 * - `CHANUNAVAIL` (Asterisk DIALSTATUS) is a 503, a 603 under chan_pjsip, or an unregistered peer
 *   (formats.md §7.6): → `other`.
 * - `CONGESTION` → `capacity` everywhere (Asterisk writes it for a 503, formats.md §1.4).
 * - Twilio `queued` / `ringing` / `in-progress` are not final: → `unknown`.
 * - `REJECTED` names no code (Vonage, 3CX): → `other`, as FAILED; a file with SIP codes says more.
 */
const WORDS: ReadonlyMap<string, OutcomeClass> = new Map<string, OutcomeClass>([
  ['ANSWERED', 'answered'], ['ANSWER', 'answered'], ['COMPLETED', 'answered'], ['COMPLETE', 'answered'],
  ['SUCCESS', 'answered'], ['SUCCESSFUL', 'answered'], ['CONNECTED', 'answered'],
  ['BUSY', 'user'], ['USER BUSY', 'user'],
  ['NO ANSWER', 'user'], ['NOANSWER', 'user'], ['UNANSWERED', 'user'], ['NOT ANSWERED', 'user'],
  ['CANCEL', 'user'], ['CANCELED', 'user'], ['CANCELLED', 'user'],
  ['CONGESTION', 'capacity'],
  ['FAILED', 'other'], ['FAILURE', 'other'], ['FAIL', 'other'], ['ERROR', 'other'], ['CHANUNAVAIL', 'other'],
  // Vonage `rejected` (refused by the platform before it rang) and `timeout` (not answered in time),
  // 3CX termination_reason `rejected`, Bandwidth callResult `INCOMPLETE`: not a carrier's 503/603.
  ['REJECTED', 'other'], ['INCOMPLETE', 'other'], ['TIMEOUT', 'user'],
  ['QUEUED', 'unknown'], ['RINGING', 'unknown'], ['IN PROGRESS', 'unknown'], ['INITIATED', 'unknown'], ['UNKNOWN', 'unknown'],
]);

function wordKey(text: string): string {
  return text.trim().toUpperCase().replace(/[\s_-]+/g, ' ');
}

export function dispositionWord(text: string): OutcomeClass | null {
  return WORDS.get(wordKey(text)) ?? null;
}

/** Seconds from `65`, `65.5`, `1:05`, `00:01:05`; null when empty or not a duration. */
export function parseSeconds(text: string): number | null {
  const t = text.trim();
  if (/^\d+(?:\.\d+)?$/.test(t)) return Number(t);
  const m = /^(\d+):([0-5]\d)(?::([0-5]\d))?$/.exec(t);
  if (!m) return null;
  return m[3] === undefined ? +m[1]! * 60 + +m[2]! : +m[1]! * 3600 + +m[2]! * 60 + +m[3]!;
}

/** Longer than any written timestamp (`Tue, 01 Oct 2024 12:00:00.000000 +0000 GMT` is 43). */
const MAX_TIME_LENGTH = 64;

const MONTHS = ['jan', 'feb', 'mar', 'apr', 'may', 'jun', 'jul', 'aug', 'sep', 'oct', 'nov', 'dec'];
/** RFC 2822 as Twilio's API writes times: `Tue, 01 Oct 2024 12:00:00 +0000`. */
const RFC2822 = /^(?:[A-Za-z]{3},\s*)?(\d{1,2})\s+([A-Za-z]{3})\s+(\d{4})\s+(\d{1,2}):(\d{2})(?::(\d{2}))?\s*(?:(?:UTC?|GMT|Z)|([+-]\d{4}))?$/;

/**
 * parseWallTime plus two portal shapes it does not know (kept local; see the report's note for
 * wall-time.ts): RFC 2822 (Twilio) and a trailing ` UTC`/` GMT` word (`2024-05-01 10:00:01 UTC`).
 * Pure digit strings shorter than an epoch are never times (durations, codes).
 */
export function parseTime(raw: string, order: DateOrder): number {
  let text = raw.trim();
  // No timestamp is this long; the patterns below never run over a file's unbounded text.
  if (text === '' || text.length > MAX_TIME_LENGTH) return Number.NaN;
  const m = RFC2822.exec(text);
  if (m) {
    const month = MONTHS.indexOf(m[2]!.toLowerCase()) + 1;
    if (month === 0) return Number.NaN;
    const pad = (s: string) => s.padStart(2, '0');
    text = `${m[3]}-${pad(String(month))}-${pad(m[1]!)} ${pad(m[4]!)}:${m[5]}:${m[6] ?? '00'}${m[7] ?? ''}`;
  } else {
    text = text.replace(/\s+(?:UTC|GMT)$/i, '');
  }
  return parseWallTime(text, order);
}

/** True when the value reads as a timestamp in some date order. */
export function isTimeValue(raw: string): boolean {
  return !Number.isNaN(parseTime(raw, 'mdy')) || !Number.isNaN(parseTime(raw, 'dmy'));
}
