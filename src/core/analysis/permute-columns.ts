/**
 * Rows of columns put in a new order in place (CallStore.seal): row r of every column becomes its
 * old row order[r]. One gather loop per element width, each only ever given one kind of array: a
 * single loop over the store's five kinds of typed array made its loads megamorphic in V8 and took
 * 2.4× as long (16 columns of the 1M-call Master.csv: ~190 → ~80 ms CPU).
 */
import type { NumberArray } from './call-columns';

/**
 * Permute the first order.length rows of every column (longer arrays keep the rest as it is),
 * through `room` when it holds 8 bytes per row (the caller's, CallStore.seal), else a buffer of its own.
 */
export function permuteColumnsInPlace(columns: readonly NumberArray[], order: Uint32Array, room?: ArrayBuffer): void {
  const n = order.length;
  // One scratch buffer, viewed at each width: a new array per column would hold two stores at once.
  const scratch = room && room.byteLength >= n * 8 ? room : new ArrayBuffer(n * 8);
  for (const column of columns) {
    if (column instanceof Float64Array) gather64(column, order, new Float64Array(scratch, 0, n));
    // A float32's bits are moved as they are (a Uint32Array view of the same memory).
    else if (column.BYTES_PER_ELEMENT === 4) {
      const bits = new Uint32Array(column.buffer, column.byteOffset, column.length);
      if (!oneValue(bits, n)) gather32(bits, order, new Uint32Array(scratch, 0, n));
    } else if (column instanceof Uint16Array) {
      if (!oneValue(column, n)) gather16(column, order, new Uint16Array(scratch, 0, n));
    } else if (!oneValue(column as Uint8Array, n)) gather8(column as Uint8Array, order, new Uint8Array(scratch, 0, n));
  }
}

/**
 * Whether the first n rows hold one value (bits, not numbers: a float32's 0 and -0 differ): then
 * any order leaves them as they are. A file's columns often do (1M Master.csv calls: SIP code,
 * cause, code source, direction, caller digits' count and the final-reply flag), and a sequential
 * pass that stops at the first other value costs far less than a gather.
 */
function oneValue(column: Uint32Array | Uint16Array | Uint8Array, n: number): boolean {
  const first = column[0];
  for (let r = 1; r < n; r++) if (column[r] !== first) return false;
  return true;
}

function gather64(column: Float64Array, order: Uint32Array, moved: Float64Array): void {
  for (let r = 0; r < moved.length; r++) moved[r] = column[order[r]!]!;
  column.set(moved);
}

function gather32(column: Uint32Array, order: Uint32Array, moved: Uint32Array): void {
  for (let r = 0; r < moved.length; r++) moved[r] = column[order[r]!]!;
  column.set(moved);
}

function gather16(column: Uint16Array, order: Uint32Array, moved: Uint16Array): void {
  for (let r = 0; r < moved.length; r++) moved[r] = column[order[r]!]!;
  column.set(moved);
}

function gather8(column: Uint8Array, order: Uint32Array, moved: Uint8Array): void {
  for (let r = 0; r < moved.length; r++) moved[r] = column[order[r]!]!;
  column.set(moved);
}
