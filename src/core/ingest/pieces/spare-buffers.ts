/**
 * The buffers a plain file's pieces are read into, used again once their pieces are parsed: each
 * piece's buffer goes to the worker that parses it and comes back with its result
 * (PieceResult.spentBytes). A fresh 4 MiB buffer per piece cost an allocation, its page faults and
 * the collection of its memory: one stream of the 1M-call Master.csv into fresh buffers cost ~530 ms
 * of CPU over all browser processes, into buffers handed back ~300 (headless Chromium,
 * bench/blob-read).
 *
 * At most `max` spares are kept (the pieces in flight: read-in-pieces.ts), so buffers never outnumber
 * the pieces that can be held at once.
 */

import type { Bytes } from '../../read/stream-fill';

/**
 * Fresh buffers are made this much bigger than asked, rounded up: a piece's size is its planned
 * size and the bytes carried from the last cut (part of a line), so the next piece's buffer most
 * often fits in a spare made for the one before.
 */
const ROUNDING = 64 << 10;

export class SpareBuffers {
  private readonly spares: ArrayBuffer[] = [];

  constructor(private readonly max: number) {}

  /** `size` bytes in a spare big enough, or in a fresh buffer when none is (spares too small are let go). */
  take(size: number): Bytes {
    for (let spare = this.spares.pop(); spare !== undefined; spare = this.spares.pop()) {
      if (spare.byteLength >= size) return new Uint8Array(spare, 0, size);
    }
    return new Uint8Array(new ArrayBuffer(Math.ceil(size / ROUNDING) * ROUNDING), 0, size);
  }

  /** A buffer whose bytes nothing reads any more; kept for a later piece while fewer than `max` are. */
  giveBack(buffer: ArrayBuffer): void {
    // A detached buffer (moved elsewhere) holds nothing to reuse.
    if (this.spares.length < this.max && buffer.byteLength > 0) this.spares.push(buffer);
  }

  /** How many spares are kept (tests). */
  get kept(): number {
    return this.spares.length;
  }
}
