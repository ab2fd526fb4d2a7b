/**
 * Texts of fields whose few values repeat over millions of rows (a disposition, a channel's peer),
 * made once: a field is looked up by its bytes (BytesKeyed) and the string made the first time is
 * handed back, so a row makes no string of its own for it (and every row of one value shares one
 * string, which later look-ups compare by identity). Bounded: at most `capacity` texts of at most
 * MAX_TEXT_BYTES bytes each are kept; a file with more distinct values gets the rest made per row,
 * with the same text.
 */
import { ownText } from '../analysis/own-text';
import { BytesKeyed, MISSING } from './bytes-keyed';
import type { Row } from './row';

/** Longer fields are not kept (a value that repeats is short; a long one would hold its bytes). */
export const MAX_TEXT_BYTES = 64;
/** Distinct texts one table keeps. */
export const DEFAULT_TEXT_CAPACITY = 1024;

export class ByteTexts {
  private readonly table: BytesKeyed<string>;

  constructor(capacity = DEFAULT_TEXT_CAPACITY) {
    this.table = new BytesKeyed<string>(capacity, 1, MAX_TEXT_BYTES);
  }

  /** Texts kept so far (at most `capacity`). */
  get kept(): number {
    return this.table.kept;
  }

  /**
   * row.trimmed(i), the same string each time the field's bytes repeat. Read from the bytes when
   * the field is there as written and trim() would take only ASCII white space from it (a byte past
   * 0x7F at either end may be U+00A0 or another space trim() removes: then the row's own reader).
   */
  trimmed(row: Row, i: number): string {
    let start = row.byteStart(i);
    if (start < 0) return row.trimmed(i);
    let end = row.byteEnd(i);
    const bytes = row.bytes;
    while (start < end && isAsciiSpace(bytes[start]!)) start++;
    while (end > start && isAsciiSpace(bytes[end - 1]!)) end--;
    if (start === end) return '';
    if (bytes[start]! > 0x7f || bytes[end - 1]! > 0x7f) return row.trimmed(i);
    return this.textOf(row, start, end);
  }

  /** The text of row.bytes[start, end) (a range from byteStart / byteEnd), kept or made. */
  textOf(row: Row, start: number, end: number): string {
    const table = this.table;
    table.key[0] = start;
    table.key[1] = end;
    const found = table.find(row.bytes);
    if (found !== MISSING) return found;
    // A copy: a slice of the row's text would keep the tokenizer's whole chunk alive with the table.
    const text = ownText(row.bytesText(start, end));
    table.keep(row.bytes, text);
    return text;
  }
}

/** What String.prototype.trim removes among ASCII: tab, LF, VT, FF, CR and space. */
export function isAsciiSpace(byte: number): boolean {
  return byte === 32 || (byte >= 9 && byte <= 13);
}

export function isAsciiDigit(byte: number): boolean {
  return byte >= 48 && byte <= 57;
}

/** A visible ASCII character: no space, no control, nothing past 126 (a byte of a multi-byte character). */
export function isPrintableAscii(byte: number): boolean {
  return byte > 32 && byte < 127;
}
