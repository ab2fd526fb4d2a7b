/**
 * Cuts a byte stream into pieces that end right after a line feed, so each piece holds whole
 * records and can be parsed on its own (formats whose records never span lines: FormatModule
 * `splittable`). Cutting bytes, not text: in UTF-8 and single-byte encodings the byte 0x0A only
 * ever means LF (it never occurs inside a multi-byte character), so no character is split.
 * A CRLF stays whole (the cut is after its LF). A file with no LF at all (CR-only line ends, or
 * binary junk) is cut only at `maxBytes`, where the piece's tokenizer finds an overlong line.
 */

import { concatBytes } from '../../read/byte-source';

const LF = 0x0a;

export class LineCutter {
  private readonly parts: Uint8Array[] = [];
  private held = 0;

  constructor(
    /** A piece is emitted once at least this many bytes are held (at the last LF). */
    private readonly targetBytes: number,
    /** Held bytes without any LF beyond this are emitted as they are. */
    private readonly maxBytes: number = targetBytes * 4,
  ) {
    if (targetBytes < 1) throw new Error('targetBytes must be at least 1');
  }

  /** Add bytes; returns the pieces now complete (each about targetBytes, ending after a LF). */
  push(bytes: Uint8Array): Uint8Array[] {
    if (bytes.length === 0) return [];
    this.parts.push(bytes);
    this.held += bytes.length;
    if (this.held < this.targetBytes) return [];
    const all = this.take();
    const pieces: Uint8Array[] = [];
    let start = 0;
    while (all.length - start >= this.targetBytes) {
      // The first line feed at or after the target size ends the piece.
      let cut = all.indexOf(LF, start + this.targetBytes - 1) + 1;
      if (cut === 0) {
        if (all.length - start < this.maxBytes) break;
        cut = all.length;
      }
      // Copies, so every piece owns its buffer and can be transferred to a worker on its own.
      pieces.push(all.slice(start, cut));
      start = cut;
    }
    this.keep(all.slice(start));
    return pieces;
  }

  /** End of input: whatever is held (a last line without a line end included). */
  flush(): Uint8Array | null {
    if (this.held === 0) return null;
    return owned(this.take());
  }

  /** Input broke off (damaged gzip): the complete lines held; the cut-off last line is dropped. */
  flushCompleteLines(): Uint8Array | null {
    if (this.held === 0) return null;
    const all = this.take();
    const cut = all.lastIndexOf(LF) + 1;
    return cut === 0 ? null : all.slice(0, cut);
  }

  private take(): Uint8Array {
    const all = concatBytes(this.parts, this.held);
    this.parts.length = 0;
    this.held = 0;
    return all;
  }

  private keep(rest: Uint8Array): void {
    if (rest.length === 0) return;
    this.parts.push(rest);
    this.held = rest.length;
  }
}

/** The bytes in a buffer of their own (gunzip output arrives as views into larger chunks). */
function owned(bytes: Uint8Array): Uint8Array {
  return bytes.byteOffset === 0 && bytes.buffer.byteLength === bytes.length ? bytes : bytes.slice();
}
