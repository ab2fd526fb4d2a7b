import { describe, expect, it } from 'vitest';
import { KeptRows } from './kept-rows';

describe('KeptRows', () => {
  it('finds the index a row keeps (0 for the rows that keep none), past its first room', () => {
    const kept = new KeptRows();
    // Every 7th of 1,000 rows keeps a text: 143 rows, past the 64 of the first room.
    for (let row = 0; row < 1000; row += 7) kept.push(row, row / 7 + 1);
    expect(kept.count).toBe(143);
    expect(kept.indexOf(0)).toBe(1);
    expect(kept.indexOf(700)).toBe(101);
    expect(kept.indexOf(994)).toBe(143);
    expect(kept.indexOf(701)).toBe(0);
    expect(kept.indexOf(5000)).toBe(0);
    const dense = kept.dense(1000);
    expect(dense[14]).toBe(3);
    expect(dense.filter((k) => k > 0)).toHaveLength(143);
  });

  it('follows its rows to their new places (old row i becomes row to[i]), ascending after', () => {
    const kept = new KeptRows();
    kept.push(1, 10);
    kept.push(4, 20);
    // Old rows 0..4 to rows 2, 4, 1, 3, 0: old row 4 is now row 0, old row 1 is row 4.
    kept.permute(Uint32Array.of(2, 4, 1, 3, 0), new ArrayBuffer(5 * 4));
    expect(Array.from(kept.dense(5))).toEqual([20, 0, 0, 0, 10]);
    expect(kept.indexOf(0)).toBe(20);
    expect(kept.indexOf(4)).toBe(10);
    expect(kept.indexOf(1)).toBe(0);
  });

  it('metamorphic: moving the rows then moving them back gives the rows back', () => {
    const n = 500;
    const order = Uint32Array.from({ length: n }, (_, i) => (i * 211) % n); // 211 is prime: a permutation
    const inverse = new Uint32Array(n);
    order.forEach((row, r) => (inverse[row] = r));
    const kept = new KeptRows();
    for (let row = 3; row < n; row += 11) kept.push(row, row * 2);
    const before = Array.from(kept.dense(n));
    const scratch = new ArrayBuffer(n * 4);
    kept.permute(order, scratch);
    expect(Array.from(kept.dense(n))).not.toEqual(before);
    kept.permute(inverse, scratch);
    expect(Array.from(kept.dense(n))).toEqual(before);
  });
});
