import { describe, expect, it } from 'vitest';
import { ascendingOrder, lowerBound } from './sort-order';

const order = (values: number[]) => Array.from(ascendingOrder(Float64Array.from(values), values.length));

describe('ascendingOrder', () => {
  it('keeps ascending input, reverses strictly descending input, leaves NaN out', () => {
    expect(order([1, 2, 2, 5])).toEqual([0, 1, 2, 3]);
    expect(order([9, 5, 1])).toEqual([2, 1, 0]);
    expect(order([3, Number.NaN, 1])).toEqual([2, 0]);
  });

  it('sorts stably by radix (integer ms) and by comparison (fractions, huge spans)', () => {
    expect(order([5000, 1000, 5000, 3000, 1000])).toEqual([1, 4, 3, 0, 2]); // ties keep file order
    expect(order([2.5, 1.5, 2.5, 0.5])).toEqual([3, 1, 0, 2]);
    expect(order([1e13, 0, 5e12])).toEqual([1, 2, 0]);
  });

  it('agrees with a comparison sort on random times', () => {
    const values = Array.from({ length: 5000 }, (_, i) => 1.7e12 + ((i * 7919) % 86_400_000) + (i % 3) * 1000);
    const expected = values.map((v, i) => [v, i] as const).sort((a, b) => a[0] - b[0] || a[1] - b[1]).map(([, i]) => i);
    expect(order(values)).toEqual(expected);
  });
});

describe('lowerBound', () => {
  it('finds the first position ≥ x', () => {
    const a = Float64Array.from([1, 3, 3, 7]);
    expect([0, 1, 3, 4, 8].map((x) => lowerBound(a, a.length, x))).toEqual([0, 0, 1, 3, 4]);
  });
});
