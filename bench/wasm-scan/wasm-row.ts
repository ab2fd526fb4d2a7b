/**
 * A Row over the WASM scan's field arrays: the record's fields from `base`, their text sliced from
 * the chunk decoded once (ASCII chunks: byte offsets are its offsets). The readers mirror
 * DelimitedTokenizer's BytesRow, so the Master.csv reads cost what they cost there.
 */
import { parseCanonicalBytes, parseOrderFreeWallTime } from '../../src/core/model/wall-time';
import { MAX_WHOLE_DIGITS, wholeNumberOf, type Row } from '../../src/core/read/row';

const PLAIN = 0;
const QUOTE = 34;

export class WasmRow implements Row {
  count = 0;
  base = 0;
  /** The chunk's text. */
  text = '';

  constructor(
    readonly bytes: Uint8Array,
    private readonly starts: Int32Array,
    private readonly ends: Int32Array,
    private readonly kinds: Uint8Array,
  ) {}

  /** One empty field: a blank line, not a record. */
  isBlank(): boolean {
    return this.count === 1 && this.starts[this.base] === this.ends[this.base];
  }

  /** Field `i`'s bytes as written (quotes and all). */
  fieldBytes(i: number): Uint8Array {
    if (i >= this.count || i < 0) return this.bytes.subarray(0, 0);
    return this.bytes.subarray(this.starts[this.base + i]!, this.ends[this.base + i]!);
  }

  field(i: number): string {
    if (i >= this.count || i < 0) return '';
    const start = this.starts[this.base + i]!;
    const end = this.ends[this.base + i]!;
    return this.kinds[this.base + i] === PLAIN ? this.text.slice(start, end) : this.unescape(start, end);
  }

  fields(): string[] {
    const out = new Array<string>(this.count);
    for (let i = 0; i < this.count; i++) out[i] = this.field(i);
    return out;
  }

  wallTime(i: number): number | null {
    if (i >= this.count || i < 0 || this.kinds[this.base + i] !== PLAIN) return parseOrderFreeWallTime(this.field(i));
    return parseCanonicalBytes(this.bytes, this.starts[this.base + i]!, this.ends[this.base + i]!);
  }

  wholeNumber(i: number): number {
    if (i >= this.count || i < 0 || this.kinds[this.base + i] !== PLAIN) return wholeNumberOf(this.field(i));
    const start = this.starts[this.base + i]!;
    const end = this.ends[this.base + i]!;
    if (end === start || end - start > MAX_WHOLE_DIGITS) return -1;
    let value = 0;
    for (let k = start; k < end; k++) {
      const d = this.bytes[k]! - 48;
      if (d < 0 || d > 9) return -1;
      value = value * 10 + d;
    }
    return value;
  }

  trimmed(i: number): string {
    if (i >= this.count || i < 0) return '';
    const start = this.starts[this.base + i]!;
    const end = this.ends[this.base + i]!;
    const b = this.bytes;
    const printable = start === end || (b[start]! > 32 && b[start]! < 127 && b[end - 1]! > 32 && b[end - 1]! < 127);
    if (this.kinds[this.base + i] === PLAIN && printable) return this.text.slice(start, end);
    return this.field(i).trim();
  }

  byteStart(i: number): number {
    return i >= this.count || i < 0 || this.kinds[this.base + i] !== PLAIN ? -1 : this.starts[this.base + i]!;
  }

  byteEnd(i: number): number {
    return i >= this.count || i < 0 ? -1 : this.ends[this.base + i]!;
  }

  /** The scan reads ASCII input only (wasm-scanner.ts), as the tokenizer's line searches do. */
  get recordIsAscii(): boolean {
    return true;
  }

  bytesText(start: number, end: number): string {
    return this.text.slice(start, end);
  }

  /** From just after the opening quote: `""` → `"`, up to the closing quote, then the raw rest. */
  private unescape(start: number, end: number): string {
    let out = '';
    let from = start;
    for (let k = start; k < end; k++) {
      if (this.bytes[k] !== QUOTE) continue;
      if (k + 1 < end && this.bytes[k + 1] === QUOTE) {
        out += this.text.slice(from, k + 1);
        k++;
        from = k + 1;
        continue;
      }
      return out + this.text.slice(from, k) + this.text.slice(k + 1, end);
    }
    return out + this.text.slice(from, end);
  }
}
