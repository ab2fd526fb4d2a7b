import { parseOrderFreeWallTime } from '../model/wall-time';

/**
 * What a RowParser sees of one record: a view, not an array. The delimited tokenizer hands out one
 * view it refills per record (valid only during the sink call), so a field nobody asks for is never
 * turned into a string; a parser that keeps values keeps the strings it took (field(), fields()).
 * The readers (wallTime, wholeNumber, trimmed) give what the same reading of field(i)'s text gives,
 * but read the tokenizer's bytes where they can, so numbers and times cost no string.
 */
export interface Row {
  /** Fields in the record (a trailing delimiter makes one more, empty). */
  readonly count: number;
  /** Field `i` as text ('' beyond `count`). */
  field(i: number): string;
  /** All fields as a fresh array (parsers that are not on a hot path, and tests). */
  fields(): string[];
  /**
   * Field `i` when its text is exactly `YYYY-MM-DD HH:MM:SS` (or `T` between): what
   * parseOrderFreeWallTime reads from it (wall ms; NaN: that shape but no valid time). null when it
   * is anything else, spaces included: then read field(i)'s text.
   */
  wallTime(i: number): number | null;
  /** Field `i`'s value when its text is 1 to 15 ASCII digits and nothing else; -1 otherwise (then read field(i)). */
  wholeNumber(i: number): number;
  /** field(i).trim(). */
  trimmed(i: number): string;
  /**
   * The bytes a tokenizer read the row from, for readers of a field's bytes (field-bytes.ts);
   * empty for a row over strings. Valid as long as the row is.
   */
  readonly bytes: Uint8Array;
  /**
   * Where field `i`'s text lies in `bytes` as written (UTF-8, no `""` inside): its first byte; -1
   * when it is not there as it is (a row over strings, a quoted field with `""`, out of range):
   * then read field(i).
   */
  byteStart(i: number): number;
  /**
   * Every byte of the record is ASCII, as the tokenizer found it (the plain-record kernel marks each
   * record it reads): a reader of field bytes need not look for a multi-byte character. false: not
   * known (look).
   */
  readonly recordIsAscii: boolean;
  /** One past field `i`'s last byte (when byteStart(i) ≥ 0). */
  byteEnd(i: number): number;
  /** The text of bytes[start, end) (a range inside one field, from byteStart / byteEnd): as field(i) would give it. */
  bytesText(start: number, end: number): string;
}

/** Digits a whole number may have and still be exact as a double. */
export const MAX_WHOLE_DIGITS = 15;

/**
 * Where a tokenizer hands each record, with the 1-based line it starts on. The row is read inside
 * the call, before anything else is tokenized on this thread: its field bounds may lie in the
 * plain-record kernel's memory, which every tokenizer of the thread shares (read/plain-scan/), so
 * a row read after another tokenizer ran gives that one's fields.
 */
export type RecordSink = (row: Row, line: number) => void;

/** Row.wholeNumber over a text. */
export function wholeNumberOf(text: string): number {
  if (text.length === 0 || text.length > MAX_WHOLE_DIGITS) return -1;
  for (let k = 0; k < text.length; k++) {
    const c = text.charCodeAt(k);
    if (c < 48 || c > 57) return -1;
  }
  return Number(text);
}

/** A row over strings already split (SQL tuples, tests). */
export class FieldsRow implements Row {
  readonly recordIsAscii = false;

  constructor(private readonly values: readonly string[]) {}

  get count(): number {
    return this.values.length;
  }

  field(i: number): string {
    return this.values[i] ?? '';
  }

  fields(): string[] {
    return [...this.values];
  }

  wallTime(i: number): number | null {
    return parseOrderFreeWallTime(this.field(i));
  }

  wholeNumber(i: number): number {
    return wholeNumberOf(this.field(i));
  }

  trimmed(i: number): string {
    return this.field(i).trim();
  }

  get bytes(): Uint8Array {
    return NO_BYTES;
  }

  byteStart(): number {
    return -1;
  }

  byteEnd(): number {
    return -1;
  }

  bytesText(): string {
    return '';
  }
}

const NO_BYTES = new Uint8Array(0);

export function rowOf(fields: readonly string[]): Row {
  return new FieldsRow(fields);
}
