import { describe, expect, it } from 'vitest';
import { permuteColumnsInPlace } from './permute-columns';
import { Random } from '../scenario/random';
import type { NumberArray } from './call-columns';

/** The destinations of an order (row r becomes old row order[r]): old row order[r] goes to r. */
function inverseOf(order: Uint32Array): Uint32Array {
  const to = new Uint32Array(order.length);
  order.forEach((row, r) => (to[row] = r));
  return to;
}

describe('permuteColumnsInPlace', () => {
  it('moves old row i to row to[i] in columns of every kind, the values exact', () => {
    // Old rows 2, 0, 3, 1 become rows 0, 1, 2, 3.
    const to = Uint32Array.of(1, 3, 0, 2);
    const f64 = Float64Array.of(1.5, Number.NaN, 1e15 + 1, -0.25);
    const f32 = Float32Array.of(0.5, Number.NaN, 3.25, -7);
    const u32 = Uint32Array.of(10, 4_000_000_000, 30, 40);
    const u16 = Uint16Array.of(503, 603, 0xffff, 200);
    const u8 = Uint8Array.of(1, 2, 3, 4);
    permuteColumnsInPlace([f64, f32, u32, u16, u8], to);
    expect(Array.from(f64)).toEqual([1e15 + 1, 1.5, -0.25, Number.NaN]);
    expect(Array.from(f32)).toEqual([3.25, 0.5, -7, Number.NaN]);
    expect(Array.from(u32)).toEqual([30, 10, 40, 4_000_000_000]);
    expect(Array.from(u16)).toEqual([0xffff, 503, 200, 603]);
    expect(Array.from(u8)).toEqual([3, 1, 4, 2]);
  });

  it('a column of one value stays as it is; one value but in its last row, or float32 0 and -0, is moved', () => {
    const to = Uint32Array.of(1, 3, 0, 2);
    const same = Uint8Array.of(7, 7, 7, 7, 1);
    const lastDiffers = Uint16Array.of(5, 5, 5, 6);
    const zeros = Float32Array.of(0, 0, -0, 0);
    permuteColumnsInPlace([same, lastDiffers, zeros], to);
    expect(Array.from(same)).toEqual([7, 7, 7, 7, 1]);
    expect(Array.from(lastDiffers)).toEqual([5, 5, 6, 5]);
    expect(Array.from(zeros, (z) => Object.is(z, -0))).toEqual([true, false, false, false]);
  });

  it('leaves the room past the rows as it is (a store longer than its length)', () => {
    const column = Uint16Array.of(5, 6, 7, 99, 98);
    permuteColumnsInPlace([column], Uint32Array.of(2, 1, 0));
    expect(Array.from(column)).toEqual([7, 6, 5, 99, 98]);
  });

  it('metamorphic: moving the rows and then moving them back gives the columns back', () => {
    const n = 1000;
    const to = Uint32Array.from({ length: n }, (_, i) => (i * 7919) % n); // 7919 is prime: a permutation
    const original = Float32Array.from({ length: n }, (_, i) => i / 8);
    const column = original.slice();
    permuteColumnsInPlace([column], to);
    expect(column[7919 % n]).toBe(original[1]);
    permuteColumnsInPlace([column], inverseOf(to));
    expect(column).toEqual(original);
  });

  it('gives what reading each new row from its old place gives (each row sent to its place in the order), for a shuffled order and for one near start order, every width, with and without room', () => {
    const random = new Random(7);
    const n = 5000;
    const shuffled = Uint32Array.from({ length: n }, (_, i) => i);
    for (let i = n - 1; i > 0; i--) {
      const j = random.int(0, i);
      [shuffled[i], shuffled[j]] = [shuffled[j]!, shuffled[i]!];
    }
    // Rows written near their start order (a Master.csv is in end order): each ~30 rows from its place.
    const near = Uint32Array.from({ length: n }, (_, i) => i).sort((a, b) => a + 30 * Math.sin(a) - (b + 30 * Math.sin(b)));
    const columnsOf = (): NumberArray[] => [
      Float64Array.from({ length: n + 3 }, () => random.next() * 1e12),
      Float32Array.from({ length: n }, () => random.next() - 0.5),
      Uint32Array.from({ length: n }, () => random.int(0, 2 ** 32 - 1)),
      Uint16Array.from({ length: n + 1 }, () => random.int(0, 0xffff)),
      Uint8Array.from({ length: n }, () => random.int(0, 255)),
    ];
    for (const order of [shuffled, near]) {
      for (const room of [undefined, new ArrayBuffer(n * 8)]) {
        const columns = columnsOf();
        const expected = columns.map((c) => [...Array.from(order, (row) => c[row]!), ...Array.from(c.subarray(n))]);
        permuteColumnsInPlace(columns, inverseOf(order), room);
        expect(columns.map((c) => Array.from(c))).toEqual(expected);
      }
    }
  });
});

