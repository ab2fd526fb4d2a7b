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

  it('agrees with a comparison sort on times in no order (a stride that wraps the day: the radix path)', () => {
    const values = Array.from({ length: 5000 }, (_, i) => 1.7e12 + ((i * 7_919_003) % 86_400_000) + (i % 3) * 1000);
    const expected = values.map((v, i) => [v, i] as const).sort((a, b) => a[0] - b[0] || a[1] - b[1]).map(([, i]) => i);
    expect(order(values)).toEqual(expected);
  });
});

describe('ascendingOrder on times that stop being monotone late, with and without NaN', () => {
  const reference = (values: number[]) =>
    values
      .map((v, i) => [v, i] as const)
      .filter(([v]) => !Number.isNaN(v))
      .sort((a, b) => a[0] - b[0] || a[1] - b[1])
      .map(([, i]) => i);

  it('by hand: ascending, then a start from before the previous one; NaN rows left out', () => {
    expect(order([1000, 2000, 3000, 4000, 2500, 5000])).toEqual([0, 1, 4, 2, 3, 5]);
    expect(order([1000, Number.NaN, 3000, 2000, Number.NaN, 2000])).toEqual([0, 3, 5, 2]);
  });

  it('agrees with a comparison sort: calls written at their end, so starts run back by their length (whole seconds, some NaN)', () => {
    // 3,000 calls ending 7 s apart, each 0-599 s long: the starts ascend for a while, then go back and forth.
    const starts = Array.from({ length: 3000 }, (_, i) => (i % 97 === 13 ? Number.NaN : 1.7e12 + i * 7000 - ((i * 7919) % 600) * 1000));
    expect(order(starts)).toEqual(reference(starts));
    const finite = starts.filter((v) => !Number.isNaN(v));
    expect(order(finite)).toEqual(reference(finite));
  });
});

describe('lowerBound', () => {
  it('finds the first position ≥ x', () => {
    const a = Float64Array.from([1, 3, 3, 7]);
    expect([0, 1, 3, 4, 8].map((x) => lowerBound(a, a.length, x))).toEqual([0, 0, 1, 3, 4]);
  });
});
