/**
 * Cuts a byte stream into pieces that end right after a line end, so each piece holds whole
 * records and can be parsed on its own (formats whose records never span lines: FormatModule
 * `splittable`). Cutting bytes, not text: in UTF-8 and single-byte encodings the bytes 0x0A and
 * 0x0D only ever mean LF and CR (never part of a multi-byte character), so no character is split.
 * A line end is an LF, or a CR not followed by an LF (old Mac Excel writes CR only; files mix
 * them): a CRLF stays whole (the cut is after its LF). A file with no line end at all (binary
 * junk) is cut only at `maxBytes`, where the piece's tokenizer finds an overlong line.
 */

import { concatBytes } from '../../read/byte-source';
import type { Bytes } from '../../read/stream-fill';
import { SpareBuffers } from './spare-buffers';

const LF = 0x0a;
const CR = 0x0d;

/**
 * Index just past the first line end at or after `from`, or -1. A CR as the last byte is not
 * counted: the next bytes may make it the first half of a CRLF.
 */
export function lineEndAfter(bytes: Uint8Array, from: number): number {
  const lf = bytes.indexOf(LF, from);
  // Only a CR before that LF can end the line sooner: searched no further, or a file without CRs
  // is read to the end of the bytes at every cut (a piece's near read is ~4 MiB).
  const cr = (lf < 0 ? bytes : bytes.subarray(0, lf)).indexOf(CR, from);
  // Mostly LF files: the native search settles it when no CR comes before the LF.
  if (cr < 0 || (lf >= 0 && lf < cr)) return lf < 0 ? -1 : lf + 1;
  for (let i = cr; i < bytes.length; i++) {
    const b = bytes[i];
    if (b === LF) return i + 1;
    if (b === CR) {
      if (i + 1 >= bytes.length) return -1;
      if (bytes[i + 1] !== LF) return i + 1;
    }
  }
  return -1;
}

export class LineCutter {
  private readonly parts: Uint8Array[] = [];
  private held = 0;

  constructor(
    /** A piece is emitted once at least this many bytes are held (at the last LF). */
    private readonly targetBytes: number,
    /** Held bytes without any LF beyond this are emitted as they are. */
    private readonly maxBytes: number = targetBytes * 4,
    /**
     * Where a piece's bytes are gathered: buffers handed back once their pieces are parsed
     * (read-in-pieces.ts), so a .gz's pieces reuse memory rather than fault in fresh pages.
     * Gathering each piece into a fresh array, then copying it out of that, touched twice the
     * file's text in new pages: a 1M-call Master.csv.gz drop took 280k page faults in the ingest
     * worker, 0.7 s of its CPU in the kernel.
     */
    private readonly buffers: SpareBuffers = new SpareBuffers(0),
  ) {
    if (targetBytes < 1) throw new Error('targetBytes must be at least 1');
  }

  /**
   * Add bytes; returns the pieces now complete (each about targetBytes, ending after a LF). Each
   * piece is alone in its buffer (it can be moved to a worker); the first one of a push is a view
   * of a buffer from `buffers`, the others copies.
   */
  push(bytes: Uint8Array): Uint8Array[] {
    if (bytes.length === 0) return [];
    this.parts.push(bytes);
    this.held += bytes.length;
    if (this.held < this.targetBytes) return [];
    const all = this.gather();
    const pieces: Uint8Array[] = [];
    let start = 0;
    while (all.length - start >= this.targetBytes) {
      // The first line end at or after the target size ends the piece.
      let cut = lineEndAfter(all, start + this.targetBytes - 1);
      if (cut < 0) {
        if (all.length - start < this.maxBytes) break;
        cut = all.length;
      }
      pieces.push(start === 0 ? all.subarray(0, cut) : all.slice(start, cut));
      start = cut;
    }
    // The rest is copied out before the first piece's buffer moves; a buffer no piece took is kept for later.
    this.keep(all.slice(start));
    if (start === 0) this.buffers.giveBack(all.buffer);
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
    // The last LF, or a CR after it (a CR as the very last byte ends a line here: no more input).
    const cut = Math.max(all.lastIndexOf(LF), all.lastIndexOf(CR)) + 1;
    return cut === 0 ? null : all.slice(0, cut);
  }

  private take(): Uint8Array {
    const all = concatBytes(this.parts, this.held);
    this.parts.length = 0;
    this.held = 0;
    return all;
  }

  /** The bytes held, copied into a buffer of `buffers` (never a view of the input: its chunks may share one buffer). */
  private gather(): Bytes {
    const all = this.buffers.take(this.held);
    let at = 0;
    for (const part of this.parts) {
      all.set(part, at);
      at += part.length;
    }
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
