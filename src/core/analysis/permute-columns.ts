/**
 * Rows of columns put in a new order in place (CallStore.seal): old row i of every column moves to
 * row to[i]. Each old row is written to where it goes instead of each new row read from where it
 * was: the reads are then sequential, and the writes of a file's rows, which are near their start
 * order, land close together (1M-call Master.csv, rows ~1,000 from their place on average: a
 * float64 column 10 → 3 ms CPU, a uint16 one 4.6 → 2.6). One loop per element width, each only
 * ever given one kind of array: a single loop over the store's five kinds of typed array made its
 * accesses megamorphic in V8 and took 2.4× as long.
 */
import type { NumberArray } from './call-columns';

/**
 * Move the first to.length rows of every column (longer arrays keep the rest as it is; `to` holds
 * each of those rows once), through `room` when it holds 8 bytes per row (the caller's,
 * CallStore.seal), else a buffer of its own.
 */
export function permuteColumnsInPlace(columns: readonly NumberArray[], to: Uint32Array, room?: ArrayBuffer): void {
  const n = to.length;
  // One scratch buffer, viewed at each width: a new array per column would hold two stores at once.
  const scratch = room && room.byteLength >= n * 8 ? room : new ArrayBuffer(n * 8);
  for (const column of columns) {
    if (column instanceof Float64Array) scatter64(column, to, new Float64Array(scratch, 0, n));
    // A float32's bits are moved as they are (a Uint32Array view of the same memory).
    else if (column.BYTES_PER_ELEMENT === 4) {
      const bits = new Uint32Array(column.buffer, column.byteOffset, column.length);
      if (!oneValue(bits, n)) scatter32(bits, to, new Uint32Array(scratch, 0, n));
    } else if (column instanceof Uint16Array) {
      if (!oneValue(column, n)) scatter16(column, to, new Uint16Array(scratch, 0, n));
    } else if (!oneValue(column as Uint8Array, n)) scatter8(column as Uint8Array, to, new Uint8Array(scratch, 0, n));
  }
}

/**
 * Whether the first n rows hold one value (bits, not numbers: a float32's 0 and -0 differ): then
 * any order leaves them as they are. A file's columns often do (1M Master.csv calls: SIP code,
 * cause, code source, direction, caller digits' count and the final-reply flag), and a sequential
 * pass that stops at the first other value costs far less than moving them.
 */
function oneValue(column: Uint32Array | Uint16Array | Uint8Array, n: number): boolean {
  const first = column[0];
  for (let r = 1; r < n; r++) if (column[r] !== first) return false;
  return true;
}

/** Old row i of `column` to row to[i], through `moved`. */
function scatter64(column: Float64Array, to: Uint32Array, moved: Float64Array): void {
  for (let i = 0; i < moved.length; i++) moved[to[i]!] = column[i]!;
  column.set(moved);
}

function scatter32(column: Uint32Array, to: Uint32Array, moved: Uint32Array): void {
  for (let i = 0; i < moved.length; i++) moved[to[i]!] = column[i]!;
  column.set(moved);
}

function scatter16(column: Uint16Array, to: Uint32Array, moved: Uint16Array): void {
  for (let i = 0; i < moved.length; i++) moved[to[i]!] = column[i]!;
  column.set(moved);
}

function scatter8(column: Uint8Array, to: Uint32Array, moved: Uint8Array): void {
  for (let i = 0; i < moved.length; i++) moved[to[i]!] = column[i]!;
  column.set(moved);
}
