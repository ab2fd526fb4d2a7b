/**
 * The one list of a CallStore's per-call columns: each column's name, how it is kept (a typed
 * array of numbers, or text interned to small ids) and how a CallRecord fills it. The store, the
 * columns a piece worker sends back, their transfer list, growth and the merge of a piece are all
 * derived from this list, so a new column is declared here and nowhere else.
 */
import type { CallDirection, CallRecord, CodeSource, OutcomeClass } from '../model/call-record';
import type { CallStore } from './call-store';

export const OUTCOMES: readonly OutcomeClass[] = ['answered', 'capacity', 'policy', 'number', 'user', 'other', 'unknown'];
export const CODE_SOURCES: readonly (CodeSource | null)[] = [null, 'sip', 'q850', 'disposition'];
/** Index 0 is 'unknown', so a zeroed column reads as "the file cannot tell". */
export const DIRECTIONS: readonly CallDirection[] = ['unknown', 'outbound', 'inbound', 'internal'];

/** Index of each value in OUTCOMES / CODE_SOURCES / DIRECTIONS (a map look-up per call, not an indexOf). */
const OUTCOME_INDEX: ReadonlyMap<OutcomeClass, number> = new Map(OUTCOMES.map((o, i) => [o, i]));
const CODE_SOURCE_INDEX: ReadonlyMap<CodeSource | null, number> = new Map(CODE_SOURCES.map((c, i) => [c, i]));
const DIRECTION_INDEX: ReadonlyMap<CallDirection, number> = new Map(DIRECTIONS.map((d, i) => [d, i]));

/**
 * Call ids are kept only for rejected calls (capacity or policy): they are what a carrier ticket
 * cites. Bounded so memory does not grow with the file: about 15 MB at the cap.
 */
export const MAX_CALL_IDS_KEPT = 250_000;

/** Max digits kept from a number: 15 digits fit exactly in a double (2^53 ≈ 9.007e15). */
export const MAX_NUMBER_DIGITS = 15;
export const NO_VALUE_U16 = 0xffff;
/** Distinct texts an interned column keeps; later ones share the overflow id (a named "other" row). */
export const INTERNED_CAPACITY = 0xfffe;
export const INTERNED_OVERFLOW_ID = 0xfffe;

type NumberArrayType = Float64ArrayConstructor | Float32ArrayConstructor | Uint32ArrayConstructor | Uint16ArrayConstructor | Uint8ArrayConstructor;
export type NumberArray = Float64Array | Float32Array | Uint32Array | Uint16Array | Uint8Array;

/** Numbers in a typed array of `array`'s kind. */
export interface NumberColumn<A extends NumberArrayType = NumberArrayType> {
  kind: 'number';
  array: A;
  encode(record: CallRecord): number;
}

/** Few distinct texts (trunks, reasons): ids (Uint16Array) into the store's StringTable named `table`. */
export interface InternedColumn<T extends string = string> {
  kind: 'interned';
  table: T;
  encode(record: CallRecord): string;
}

/**
 * Many distinct texts kept only for some calls, up to `cap` (call ids): 1-based indexes
 * (Uint32Array) into the store's packed texts named `list` (KeptTexts); 0 = not kept (null, or past the cap).
 */
export interface KeptTextColumn<L extends string = string> {
  kind: 'kept';
  list: L;
  cap: number;
  encode(record: CallRecord): string | null;
}

export type CallColumn = NumberColumn | InternedColumn | KeptTextColumn;

const numbers = <A extends NumberArrayType>(array: A, encode: (r: CallRecord) => number): NumberColumn<A> => ({ kind: 'number', array, encode });
const interned = <T extends string>(table: T, encode: (r: CallRecord) => string): InternedColumn<T> => ({ kind: 'interned', table, encode });
const kept = <L extends string>(list: L, cap: number, encode: (r: CallRecord) => string | null): KeptTextColumn<L> => ({ kind: 'kept', list, cap, encode });

export const CALL_COLUMNS = {
  startMs: numbers(Float64Array, (r) => r.startMs),
  /** End of the call in wall ms; NaN when the file does not tell. */
  endMs: numbers(Float64Array, (r) => r.endMs ?? (r.durationSec !== null ? r.startMs + r.durationSec * 1000 : Number.NaN)),
  talkSec: numbers(Float32Array, (r) => r.talkSec ?? Number.NaN),
  trunk: interned('trunks', (r) => r.trunk),
  /** SIP code; 0 = none. */
  sipCode: numbers(Uint16Array, (r) => r.sipCode ?? 0),
  /** Index into CODE_SOURCES. */
  codeSource: numbers(Uint8Array, (r) => CODE_SOURCE_INDEX.get(r.codeSource) ?? -1),
  /** Index into OUTCOMES. */
  outcome: numbers(Uint8Array, (r) => OUTCOME_INDEX.get(r.outcome) ?? -1),
  /** Q.850 cause; 0xffff = none. */
  q850: numbers(Uint16Array, (r) => r.q850 ?? NO_VALUE_U16),
  /** Reason phrases; overflow (after 65,534 distinct texts) shares one id. */
  reason: interned('reasons', (r) => r.reason),
  /** Destinations and caller IDs as their leading digits in a double plus their count (see call-store.ts). */
  destDigits: numbers(Float64Array, (r) => recentValues[leadingDigits(r.destination)]!),
  destLength: numbers(Uint8Array, (r) => recentLengths[leadingDigits(r.destination)]!),
  callerDigits: numbers(Float64Array, (r) => recentValues[leadingDigits(r.callerId)]!),
  callerLength: numbers(Uint8Array, (r) => recentLengths[leadingDigits(r.callerId)]!),
  /**
   * 1-based index into callIdValues; 0 = not kept. A kept call id's code units are copied into the
   * store's pack (kept-texts.ts), so no slice of the tokenizer's text keeps its window alive.
   */
  callIdIndex: kept('callIdValues', MAX_CALL_IDS_KEPT, (r) => ((r.outcome === 'capacity' || r.outcome === 'policy') && r.callId !== '' ? r.callId : null)),
  /** Index into DIRECTIONS (0 = unknown). */
  direction: numbers(Uint8Array, (r) => DIRECTION_INDEX.get(r.direction) ?? 0),
  /** 1: the start is the final reply's time (CallRecord.startIsFinalReply), 0: the INVITE's. */
  startIsFinalReply: numbers(Uint8Array, (r) => (r.startIsFinalReply === true ? 1 : 0)),
  /**
   * Where the wall clock went back an hour (daylight saving time ended) and the file shows that
   * hour twice: FOLD_START (1) the call started in the hour's second pass, FOLD_END (2) it ended
   * there (clock-fold.ts). Never a parser's to say (CallRecord.clockFold): set by the ingest once
   * the whole file is in (find-clock-folds.ts).
   */
  clockFold: numbers(Uint8Array, (r) => r.clockFold ?? 0),
} as const;

type Columns = typeof CALL_COLUMNS;
export type CallColumnName = keyof Columns;

/** The typed array each column is kept in. */
type ArrayOf<C> = C extends NumberColumn<infer A> ? InstanceType<A> : C extends InternedColumn ? Uint16Array : Uint32Array;
export type CallColumnArrays = { [K in CallColumnName]: ArrayOf<Columns[K]> };
/** The StringTables of the interned columns, by table name (trunks, reasons). */
export type InternedTableName = { [K in CallColumnName]: Columns[K] extends InternedColumn<infer T> ? T : never }[CallColumnName];
/** The kept-text columns (callIdIndex): sparse in a store, dense in a snapshot. */
export type KeptColumnName = { [K in CallColumnName]: Columns[K] extends KeptTextColumn ? K : never }[CallColumnName];
/** The packed texts (KeptTexts) of the kept-text columns, by list name (callIdValues). */
export type KeptListName = { [K in CallColumnName]: Columns[K] extends KeptTextColumn<infer L> ? L : never }[CallColumnName];

/** The columns in declaration order, with their names. */
export const CALL_COLUMN_LIST: ReadonlyArray<readonly [CallColumnName, CallColumn]> = Object.entries(CALL_COLUMNS) as Array<[CallColumnName, CallColumn]>;

/** Each column's index in CALL_COLUMN_LIST. */
export const COLUMN_INDEX = Object.fromEntries(CALL_COLUMN_LIST.map(([name], k) => [name, k])) as Readonly<Record<CallColumnName, number>>;

/**
 * Where a parser that reads a call's columns straight from a row's bytes (Master.csv, the carrier
 * log) writes them, with no CallRecord made: into the row CallStore.addRow gives it, each number
 * column by its name (store.startMs[i] …), the texts by writeTexts. Such a parser writes every
 * column (its tests compare its columns with the CallRecord path's, column by column). Written
 * into the store's arrays, not staged here and copied (a copy per column and call was ~80 ns of
 * every call's ~100 of store writes: 1M calls in Node). `trunk` and `reason` are the texts
 * written, `callId`, the channel names (`legA`, `legB`) and `destination` the de-duplication key's
 * texts as ranges of `bytes` (ASCII, valid for the call being written; dedupeKeyOfValues).
 */
export class CallValues {
  trunk = '';
  reason = '';
  bytes: Uint8Array = new Uint8Array(0);
  callIdStart = 0;
  callIdEnd = 0;
  /**
   * CallRecord.legA and legB: the call's channel and dstchannel (empty: ''). legBStart -1: the
   * format names no channels (a parser other than Master.csv's leaves them so).
   */
  legAStart = 0;
  legAEnd = 0;
  legBStart = -1;
  legBEnd = -1;
  destinationStart = 0;
  destinationEnd = 0;

  private current: CallStore;
  /**
   * Per key a parser gives a trunk or a reason (writeTexts): its id + 1 in the store's table, 0
   * where not looked up yet. Forgotten with the store.
   */
  private trunkIds: Int32Array = new Int32Array(0);
  private reasonIds: Int32Array = new Int32Array(0);

  /** `store`: where the calls go (the parse stage sets the store of each batch). */
  constructor(store: CallStore) {
    this.current = store;
  }

  get store(): CallStore {
    return this.current;
  }

  set store(store: CallStore) {
    this.current = store;
    this.trunkIds.fill(0);
    this.reasonIds.fill(0);
  }

  /**
   * Call `i`'s texts: its trunk and reason interned (in add()'s order: the ids are the same), and
   * when `keepsCallId` its call id kept: the UTF-8 bytes[callIdStart, callIdEnd) (set them first),
   * copied from the bytes with no string made for it (CallStore.keepCallIdBytes). `trunkKey`,
   * `reasonKey`: a small number (below 2^16) the parser gives the text, that stands for no other
   * text (its channel memo's slot, its disposition's), by which its id is remembered: a Map
   * look-up per text and call becomes an array read (two per Master.csv row: 28 ms per 1M rows in
   * Node); -1: none, the text is looked up.
   */
  writeTexts(i: number, trunk: string, reason: string, keepsCallId: boolean, trunkKey = -1, reasonKey = -1): void {
    const store = this.current;
    store.trunk[i] = trunkKey < 0 ? store.trunks.intern(trunk, INTERNED_OVERFLOW_ID) : this.trunkIdOf(trunkKey, trunk);
    store.reason[i] = reasonKey < 0 ? store.reasons.intern(reason, INTERNED_OVERFLOW_ID) : this.reasonIdOf(reasonKey, reason);
    if (keepsCallId) store.keepCallIdBytes(i, this.bytes, this.callIdStart, this.callIdEnd);
    this.trunk = trunk;
    this.reason = reason;
  }

  private trunkIdOf(key: number, trunk: string): number {
    if (key >= this.trunkIds.length) this.trunkIds = widened(this.trunkIds, key);
    let id = this.trunkIds[key]! - 1;
    if (id < 0) this.trunkIds[key] = (id = this.current.trunks.intern(trunk, INTERNED_OVERFLOW_ID)) + 1;
    return id;
  }

  private reasonIdOf(key: number, reason: string): number {
    if (key >= this.reasonIds.length) this.reasonIds = widened(this.reasonIds, key);
    let id = this.reasonIds[key]! - 1;
    if (id < 0) this.reasonIds[key] = (id = this.current.reasons.intern(reason, INTERNED_OVERFLOW_ID)) + 1;
    return id;
  }
}

/** `ids` with room for `key` (at least doubled), the new keys not looked up yet (0). */
function widened(ids: Int32Array, key: number): Int32Array {
  const grown = new Int32Array(Math.max(key + 1, ids.length * 2, 16));
  grown.set(ids);
  return grown;
}

/** A typed array's constructor: a fresh array, or a view of a buffer. */
export interface TypedArrayType<A extends NumberArray> {
  new (length: number): A;
  new (buffer: ArrayBuffer, byteOffset: number, length: number): A;
  readonly BYTES_PER_ELEMENT: number;
}

/** Makes a typed array of `length` zeros: a fresh one, or a view of a buffer used again (spare-columns.ts). */
export type ArrayMaker = <A extends NumberArray>(type: TypedArrayType<A>, length: number) => A;

export const freshArray: ArrayMaker = (type, length) => new type(length);

/** A column's typed array of `length` zeros, made by `make`. */
export function newColumnArray(column: CallColumn, length: number, make: ArrayMaker = freshArray): NumberArray {
  switch (column.kind) {
    case 'number':
      return make<NumberArray>(column.array, length);
    case 'interned':
      return make(Uint16Array, length);
    case 'kept':
      return make(Uint32Array, length);
  }
}

/**
 * Bytes per call of a store's columns. A kept-text column is dense only in a snapshot (a piece's
 * columns); a store keeps it sparse (KeptRows: 8 bytes per call that keeps a text, at most its cap).
 */
export const BYTES_PER_CALL = CALL_COLUMN_LIST.reduce((n, [, column]) => (column.kind === 'kept' ? n : n + newColumnArray(column, 0).BYTES_PER_ELEMENT), 0);

/**
 * Leading digits of a phone-number-like string (a leading + is dropped), capped at 15: the slot of
 * recentValues / recentLengths that holds them. The last two texts read are remembered: a
 * record's value and length columns read its destination and its caller ID one after the other,
 * so each is scanned once. In typed arrays, not an object: a double stored in an object's field
 * was a new heap number per call (~30 bytes per call).
 */
function leadingDigits(text: string): 0 | 1 {
  if (text === recentTexts[0]) return 0;
  if (text === recentTexts[1]) return 1;
  const slot = recentNext;
  recentNext = slot === 0 ? 1 : 0;
  recentTexts[slot] = text;
  recentValues[slot] = scanDigits(text, recentLengths, slot);
  return slot;
}
const recentTexts: [string, string] = ['', ''];
const recentValues = new Float64Array(2);
const recentLengths = new Uint8Array(2);
let recentNext: 0 | 1 = 0;

export interface Digits {
  value: number;
  length: number;
}

/** Leading digits of `text` into `out`. */
export function readDigits(text: string, out: Digits): void {
  out.value = scanDigits(text, scratchLength, 0);
  out.length = scratchLength[0]!;
}
const scratchLength = new Uint8Array(1);

/**
 * scanDigits over bytes[start, end) (UTF-8): the same value and count as over the field's text, as
 * a byte of a multi-byte character is never a digit, a space or a dash. Written into row `i` of a
 * digits column and of its length column, not returned: a value past 2^30 returned by a call that
 * is not inlined is a heap number made per call (two per Master.csv row, 32 MB per 1M rows to collect).
 */
export function writeDigitBytes(bytes: Uint8Array, start: number, end: number, digits: Float64Array, lengths: Uint8Array, i: number): void {
  if (end - start <= MAX_NUMBER_DIGITS && allDigitsInto(bytes, start, end, digits, i)) {
    lengths[i] = end - start;
    return;
  }
  let value = 0;
  let length = 0;
  for (let k = start; k < end && length < MAX_NUMBER_DIGITS; k++) {
    const c = bytes[k]! - 48;
    if (c >= 0 && c <= 9) {
      value = value * 10 + c;
      length++;
    } else if (length > 0 && c !== SPACE - 48 && c !== DASH - 48) {
      // A number a spreadsheet rewrote as 4.4208E+12: its digits are lost, so it is no number (not "4").
      if (length === 1 && exponentTailAt((j) => bytes[j]!, k, end)) length = value = 0;
      break; // "3125551212@host": digits end at the first non-digit after them
    }
  }
  digits[i] = value;
  lengths[i] = length;
}
const SPACE = 32;
const DASH = 45;

/** writeDigitBytes over a text: what the CallRecord way writes for it (scanDigits), into row `i`. */
export function writeDigitText(text: string, digits: Float64Array, lengths: Uint8Array, i: number): void {
  digits[i] = scanDigits(text, lengths, i);
}

/**
 * A field of digits only (a dialer's numbers, at most MAX_NUMBER_DIGITS: exact in a double), its
 * value into digits[i], four digits a step: each step's multiplication waits for the one before,
 * and at a digit a step that chain of waits was most of the reading (2M such fields in Node:
 * 55 → 37 ms). false, nothing written, for any other field.
 */
export function allDigitsInto(bytes: Uint8Array, start: number, end: number, digits: Float64Array, i: number): boolean {
  let value = 0;
  let k = start;
  // The first (end - start) % 4 digits one at a time, then groups of four.
  for (const head = start + ((end - start) & 3); k < head; k++) {
    const d = bytes[k]! - 48;
    if (d >>> 0 > 9) return false;
    value = value * 10 + d;
  }
  for (; k < end; k += 4) {
    const a = bytes[k]! - 48;
    const b = bytes[k + 1]! - 48;
    const c = bytes[k + 2]! - 48;
    const d = bytes[k + 3]! - 48;
    if ((a >>> 0 > 9) || (b >>> 0 > 9) || (c >>> 0 > 9) || (d >>> 0 > 9)) return false;
    value = value * 10000 + (a * 1000 + b * 100 + c * 10 + d);
  }
  digits[i] = value;
  return true;
}

/** The value of `text`'s leading digits; their count goes to `lengths[at]`. */
function scanDigits(text: string, lengths: Uint8Array, at: number): number {
  let value = 0;
  let length = 0;
  for (let k = 0; k < text.length && length < MAX_NUMBER_DIGITS; k++) {
    const c = text.charCodeAt(k) - 48;
    if (c >= 0 && c <= 9) {
      value = value * 10 + c;
      length++;
    } else if (length > 0 && text[k] !== ' ' && text[k] !== '-') {
      // As writeDigitBytes: 4.4208E+12 is a spreadsheet's rounding of a number, not the number 4.
      if (length === 1 && exponentTailAt((j) => text.charCodeAt(j), k, text.length)) length = value = 0;
      break; // "3125551212@host": digits end at the first non-digit after them
    }
  }
  lengths[at] = length;
  return value;
}

/**
 * Whether [k, end) is the rest of a number in a spreadsheet's scientific notation after its one
 * leading digit: `.4208E+12`, `,4208E+12` (a decimal comma), `E+12`. A spreadsheet shows a number of
 * 12 or more digits so (and a CSV saved from it keeps what it showed); a leading `+` makes a number
 * of a dialled one too. Checked only where the digits of a field stop after one digit.
 */
function exponentTailAt(code: (k: number) => number, k: number, end: number): boolean {
  if (k < end && (code(k) === DOT || code(k) === COMMA)) {
    k++;
    while (k < end && isDigitCode(code(k))) k++;
  }
  if (k + 3 > end) return false;
  if ((code(k) | 0x20) !== LOWER_E || code(k + 1) !== PLUS_SIGN) return false;
  k += 2;
  if (k >= end) return false;
  while (k < end && isDigitCode(code(k))) k++;
  return k === end;
}
const DOT = 46;
const COMMA = 44;
const LOWER_E = 101;
const PLUS_SIGN = 43;

function isDigitCode(c: number): boolean {
  return c >= 48 && c <= 57;
}
