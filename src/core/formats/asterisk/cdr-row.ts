/**
 * The Asterisk CDR fields every module in this folder maps its rows to, by name. Field meanings are
 * Asterisk's (main/cdr.c; formats.md §1.1), shared by cdr_csv, cdr_custom, the FreePBX
 * asteriskcdrdb.cdr table (formats.md §2.1) and cdr_adaptive_odbc exports (formats.md §2.3).
 * Values are raw text with SQL NULLs (`NULL`, mysqldump `\N`) already turned into ''.
 */
import { isDigitRun } from '../shared/digit-text';
import type { Row } from '../../read/row';

export interface CdrRow {
  src: string;
  dst: string;
  dcontext: string;
  clid: string;
  channel: string;
  dstchannel: string;
  lastapp: string;
  lastdata: string;
  /** As written, or the whole seconds a Row reader already read from the field (Row.wholeNumber). */
  duration: string | number;
  billsec: string | number;
  disposition: string;
  uniqueid: string;
  userfield: string;
  /** FreePBX `cnum`: the caller's own device number. */
  cnum: string;
  /**
   * FreePBX `outbound_cnum`: the caller ID an outbound route sent to the trunk (macro-outbound-callerid
   * sets CDR(outbound_cnum) to CALLERID(num) once the route's and the trunk's outbound CID rules have
   * run); '' when absent or not an outbound call. src is the extension that dialled.
   */
  outboundCnum: string;
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
  /**
   * The tokenizer's row this row reads its fields from, for readers of their bytes (trunk.ts);
   * absent: only the texts. Valid during the parser's parse() only (plainCdrRow drops it).
   */
  readonly tokens?: CdrTokens;
}

/** A tokenizer's row and where the columns read from its bytes are in it. */
export interface CdrTokens {
  row: Row;
  columns: { dstchannel: number; lastdata: number };
}

/**
 * A time as written, or the wall ms a Row reader already read from its canonical
 * `YYYY-MM-DD HH:MM:SS` shape (Row.wallTime: the D/M order cannot matter; NaN: no valid time).
 */
export type RawTime = string | number;

/** Times of a row: `answer`/`end` are null when the format has no such column (FreePBX). */
export interface RawTimes {
  start: RawTime;
  answer: RawTime | null;
  end: RawTime | null;
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
    outboundCnum: '',
    trunk: '',
    sipCode: '',
    sipReason: '',
    hangupCause: '',
    causeTech: '',
    noTrunkColumns: false,
  };
}

/** `row`'s fields in a plain object of its own (a row read lazily from a tokenizer's row, kept past it). */
export function plainCdrRow(row: CdrRow): CdrRow {
  return {
    src: row.src,
    dst: row.dst,
    dcontext: row.dcontext,
    clid: row.clid,
    channel: row.channel,
    dstchannel: row.dstchannel,
    lastapp: row.lastapp,
    lastdata: row.lastdata,
    duration: row.duration,
    billsec: row.billsec,
    disposition: row.disposition,
    uniqueid: row.uniqueid,
    userfield: row.userfield,
    cnum: row.cnum,
    outboundCnum: row.outboundCnum,
    trunk: row.trunk,
    sipCode: row.sipCode,
    sipReason: row.sipReason,
    hangupCause: row.hangupCause,
    causeTech: row.causeTech,
    noTrunkColumns: row.noTrunkColumns,
  };
}

/** Trim, and turn SQL NULL spellings into ''. */
export function clean(value: string | undefined): string {
  if (value === undefined) return '';
  const text = value.trim();
  return text === 'NULL' || text === '\\N' ? '' : text;
}

/** clean(row.field(i)), with no trim() where the row's bytes show nothing to trim. */
export function cleanField(row: Row, i: number): string {
  return cleanText(row.trimmed(i));
}

/** A trimmed text with SQL NULL spellings turned into ''. */
export function cleanText(trimmed: string): string {
  return trimmed === 'NULL' || trimmed === '\\N' ? '' : trimmed;
}

/** Field `i` as a time: read from the row's bytes when it has the canonical shape, else its clean text. */
export function timeField(row: Row, i: number): RawTime {
  return row.wallTime(i) ?? clean(row.field(i));
}

/** Field `i` as seconds: read from the row's bytes when it is only digits, else its clean text. */
export function secondsField(row: Row, i: number): string | number {
  const seconds = row.wholeNumber(i);
  return seconds >= 0 ? seconds : clean(row.field(i));
}

/** A whole number of seconds, or null when empty; NaN when present but not a number. */
export function wholeSeconds(value: string | number): number | null {
  if (typeof value === 'number') return value;
  if (value === '') return null;
  return isDigitRun(value, 1, Number.POSITIVE_INFINITY) ? Number(value) : Number.NaN;
}

/**
 * Epoch seconds inside an Asterisk uniqueid (`1504279981.1`, `mainserverdss-1706420300.0`, and
 * `1504279981` where a spreadsheet dropped the `.0` of a first call).
 */
export function epochFromUniqueid(uniqueid: string): number | null {
  const m = /(?:^|\D)(\d{9,10})(?:\.\d+)?$/.exec(uniqueid);
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
