/**
 * Texts of fields whose few values repeat over millions of rows (a disposition, a channel's peer),
 * made once: a field is looked up by a hash of its bytes and the string made the first time is
 * handed back, so a row makes no string of its own for it (and every row of one value shares one
 * string, which later look-ups compare by identity). Bounded: at most `capacity` texts of at most
 * MAX_TEXT_BYTES bytes each are kept; a file with more distinct values gets the rest made per row,
 * with the same text. Each kept text has its bytes copied, so a look-up compares bytes (a hash
 * collision cannot give another field's text) and nothing keeps the tokenizer's chunk alive.
 */
import { ownText } from '../analysis/own-text';
import type { Row } from './row';

/** Longer fields are not kept (a value that repeats is short; a long one would hold its bytes). */
export const MAX_TEXT_BYTES = 64;
/** Distinct texts one table keeps. */
export const DEFAULT_TEXT_CAPACITY = 1024;
/** Slots a look-up tries before it makes the text instead (values chosen to share a hash cost no walk). */
const MAX_PROBES = 8;

export class ByteTexts {
  /** Per slot: 1 + the index of its text in `texts`, 0 = free. */
  private readonly slots: Int32Array;
  private readonly texts: string[] = [];
  /** Per text: where its bytes are in `pool`. */
  private readonly offsets: number[] = [];
  private readonly lengths: number[] = [];
  private readonly pool: Uint8Array;
  private poolUsed = 0;
  private readonly mask: number;

  constructor(private readonly capacity = DEFAULT_TEXT_CAPACITY) {
    let size = 8;
    while (size < capacity * 2) size *= 2;
    this.slots = new Int32Array(size);
    this.mask = size - 1;
    this.pool = new Uint8Array(capacity * MAX_TEXT_BYTES);
  }

  /** Texts kept so far (at most `capacity`). */
  get kept(): number {
    return this.texts.length;
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
    const length = end - start;
    if (length > MAX_TEXT_BYTES) return row.bytesText(start, end);
    const bytes = row.bytes;
    let h = Math.imul(length, 0x9e3779b1);
    for (let k = start; k < end; k++) h = Math.imul(h ^ bytes[k]!, 0x01000193);
    let slot = (h ^ (h >>> 15)) & this.mask;
    for (let probes = 0; probes < MAX_PROBES; probes++) {
      const entry = this.slots[slot]!;
      if (entry === 0) return this.keep(row, start, end, slot);
      if (this.sameBytes(entry - 1, bytes, start, length)) return this.texts[entry - 1]!;
      slot = (slot + 1) & this.mask;
    }
    return row.bytesText(start, end);
  }

  private sameBytes(index: number, bytes: Uint8Array, start: number, length: number): boolean {
    if (this.lengths[index] !== length) return false;
    const pool = this.pool;
    const at = this.offsets[index]!;
    for (let k = 0; k < length; k++) if (pool[at + k] !== bytes[start + k]) return false;
    return true;
  }

  private keep(row: Row, start: number, end: number, slot: number): string {
    // A copy: a slice of the row's text would keep the tokenizer's whole chunk alive with the table.
    const text = ownText(row.bytesText(start, end));
    if (this.texts.length >= this.capacity) return text;
    const index = this.texts.length;
    this.texts.push(text);
    this.offsets.push(this.poolUsed);
    this.lengths.push(end - start);
    this.pool.set(row.bytes.subarray(start, end), this.poolUsed);
    this.poolUsed += end - start;
    this.slots[slot] = index + 1;
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
