import { describe, expect, it } from 'vitest';
import { bandDotsPath, stackedBarPaths } from './band-paths';

/** A 100 × 100 plot at the origin; a value v sits at 100 − v px (0 at the bottom). */
const PLOT = { x: 0, y: 0, width: 100, height: 100 };
const y = (v: number) => 100 - v;

describe('stackedBarPaths', () => {
  it('stacks each layer on the layers before it, in bands of 50 px with 5 px on each side', () => {
    const [first, second] = stackedBarPaths([{ values: [10, 0], fill: 'a' }, { values: [5, 20], fill: 'b' }], PLOT, y);
    // Band 0: the first layer from 0 to 10, the second from 10 to 15; band 1 (x 55): only the second, 0 to 20.
    expect(first).toBe('M5.00 90.00h40.00V100.00h-40.00Z');
    expect(second).toBe('M5.00 85.00h40.00V90.00h-40.00ZM55.00 80.00h40.00V100.00h-40.00Z');
  });

  it('gives each layer an empty path when there are no categories', () => {
    expect(stackedBarPaths([{ values: [], fill: 'a' }], PLOT, y)).toEqual(['']);
  });
});

describe('bandDotsPath', () => {
  it('puts a dot at the middle of each band at its value', () => {
    // Bands of 50 px: centres at 25 and 75; a circle of radius 2 drawn as two arcs from its left edge.
    expect(bandDotsPath([10, 40], PLOT, y, 2)).toBe('M23.00 90.00a2 2 0 1 0 4 0a2 2 0 1 0 -4 0M73.00 60.00a2 2 0 1 0 4 0a2 2 0 1 0 -4 0');
  });
});
