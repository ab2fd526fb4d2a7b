/**
 * The Asterisk CDR fields every module in this folder maps its rows to, by name. Field meanings are
 * Asterisk's (main/cdr.c; formats.md §1.1), shared by cdr_csv, cdr_custom, the FreePBX
 * asteriskcdrdb.cdr table (formats.md §2.1) and cdr_adaptive_odbc exports (formats.md §2.3).
 * Values are raw text with SQL NULLs (`NULL`, mysqldump `\N`) already turned into ''.
 */
import { isDigitRun } from '../shared/digit-text';

export interface CdrRow {
  src: string;
  dst: string;
  dcontext: string;
  clid: string;
  channel: string;
  dstchannel: string;
  lastapp: string;
  lastdata: string;
  duration: string;
  billsec: string;
  disposition: string;
  uniqueid: string;
  userfield: string;
  /** FreePBX `cnum`: the caller's own device number. */
  cnum: string;
  /** An explicit trunk column (a CDR(trunk) user variable in a DB export); '' when absent. */
  trunk: string;
  /** Extra columns a site added (cdr_adaptive_odbc user variables); '' when absent. */
  sipCode: string;
  sipReason: string;
  hangupCause: string;
  /** HANGUPCAUSE(<chan>,tech) text such as "SIP 503 Service Unavailable". */
  causeTech: string;
  /** The file has no channel / dstchannel / lastdata columns at all (spreadsheet subsets). */
  noTrunkColumns: boolean;
}

/** Times as written: `answer`/`end` are null when the format has no such column (FreePBX). */
export interface RawTimes {
  start: string;
  answer: string | null;
  end: string | null;
}

export function emptyCdrRow(): CdrRow {
  return {
    src: '',
    dst: '',
    dcontext: '',
    clid: '',
    channel: '',
    dstchannel: '',
    lastapp: '',
    lastdata: '',
    duration: '',
    billsec: '',
    disposition: '',
    uniqueid: '',
    userfield: '',
    cnum: '',
    trunk: '',
    sipCode: '',
    sipReason: '',
    hangupCause: '',
    causeTech: '',
    noTrunkColumns: false,
  };
}

/** Trim, and turn SQL NULL spellings into ''. */
export function clean(value: string | undefined): string {
  if (value === undefined) return '';
  const text = value.trim();
  return text === 'NULL' || text === '\\N' ? '' : text;
}

/** A whole number of seconds, or null when empty; NaN when present but not a number. */
export function wholeSeconds(value: string): number | null {
  if (value === '') return null;
  return isDigitRun(value, 1, Number.POSITIVE_INFINITY) ? Number(value) : Number.NaN;
}

/** Epoch seconds inside an Asterisk uniqueid (`1504279981.1`, `mainserverdss-1706420300.0`). */
export function epochFromUniqueid(uniqueid: string): number | null {
  const m = /(?:^|\D)(\d{9,10})\.\d+$/.exec(uniqueid);
  return m && m[1] !== undefined ? Number(m[1]) : null;
}

/** The number inside a clid such as `"Name" <1001>`, or ''. */
export function numberFromClid(clid: string): string {
  // What `/<([^<>]*)>\s*"?\s*$/` captured, by scanning: that pattern is quadratic on a long clid.
  let end = clid.trimEnd();
  if (end.endsWith('"')) end = end.slice(0, -1).trimEnd();
  if (!end.endsWith('>')) return '';
  const open = end.lastIndexOf('<');
  if (open < 0) return '';
  const inner = end.slice(open + 1, -1);
  return inner.includes('>') ? '' : inner.trim();
}
