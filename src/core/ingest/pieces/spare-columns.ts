/**
 * The buffers of a piece's columns, used again for a later piece's on the thread that parses
 * pieces: the merge copies a piece's columns into the drop's store and moves their buffers back
 * to the piece worker that made them (PiecePool.giveBack), which keeps them here. Fresh columns
 * per piece were fresh memory per piece: the piece workers took ~29,000 page faults in a 1M-call
 * Master.csv drop (~1.4 MB of new pages per 4 MiB piece), and the collector gave the buffers back
 * to the system (munmap and madvise, each a TLB shootdown in a multi-threaded process) only for
 * the next piece to fault them in again.
 */
import type { ArrayMaker } from '../../analysis/call-columns';

/**
 * A fresh buffer has this much more room than asked, rounded up to a page: the next piece's
 * columns are sized from its own bytes (a little more or less than this one's), so they fit in
 * the buffers of the piece before. Room never written costs address space, not memory.
 */
const ROOM = 1.125;
const PAGE = 4096;

/**
 * Spares kept at most, whatever their bytes: each column taken looks through them all for the
 * smallest that fits. A piece's columns and tables are ~30 buffers and the drop's pieces keep
 * ~120–150 spares; the warm-up's many small pieces left ~800–1,600 (count tables no column fits),
 * and looking through them was ~110 ms of each piece worker's warm-up (CPU profile, headless Chromium).
 */
export const MAX_SPARES = 256;

export class SpareColumns {
  private readonly spares: ArrayBuffer[] = [];
  private bytes = 0;

  /** `maxBytes`: spares kept at most (more given back are let go, for the collector). */
  constructor(private readonly maxBytes: number) {}

  /** A zeroed array of `length` elements in the smallest spare big enough, or in a fresh buffer when none is. */
  readonly take: ArrayMaker = (type, length) => {
    // An empty array (a store's kept-text column, dense only in its snapshot) needs no room: no spare spent on it.
    if (length === 0) return new type(0);
    const byteLength = length * type.BYTES_PER_ELEMENT;
    const k = this.smallestFitting(byteLength);
    if (k < 0) return new type(new ArrayBuffer(Math.ceil((byteLength * ROOM) / PAGE) * PAGE), 0, length);
    const spare = this.spares[k]!;
    this.spares.splice(k, 1);
    this.bytes -= spare.byteLength;
    const array = new type(spare, 0, length);
    array.fill(0);
    return array;
  };

  /**
   * Buffers nothing reads any more, kept for later columns; past `maxBytes` the oldest spares go.
   * The newest first: a piece's columns fit the buffers of the piece before, while what is left of
   * older ones (the small count tables no column fits, a small first piece's columns) only piled
   * up. Kept in the order given, refusing what came past the limit, a warm-up left ~1,600 small
   * spares filling the 8 MiB, and a 1M-call Master.csv drop then dropped ~28 MB of column buffers
   * per worker given back and made ~13 MB of fresh ones instead.
   */
  giveBack(buffers: readonly ArrayBuffer[]): void {
    for (const buffer of buffers) {
      // A detached buffer (moved elsewhere) holds nothing to reuse.
      if (buffer.byteLength === 0) continue;
      this.spares.push(buffer);
      this.bytes += buffer.byteLength;
    }
    let oldest = 0;
    while ((this.bytes > this.maxBytes || this.spares.length - oldest > MAX_SPARES) && oldest < this.spares.length) this.bytes -= this.spares[oldest++]!.byteLength;
    if (oldest > 0) this.spares.splice(0, oldest);
  }

  /** Bytes of the spares kept (tests). */
  get keptBytes(): number {
    return this.bytes;
  }

  private smallestFitting(byteLength: number): number {
    let best = -1;
    for (let k = 0; k < this.spares.length; k++) {
      const size = this.spares[k]!.byteLength;
      if (size >= byteLength && (best < 0 || size < this.spares[best]!.byteLength)) best = k;
    }
    return best;
  }
}
