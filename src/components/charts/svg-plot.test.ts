import { describe, expect, it } from 'vitest';
import { categoryAt, linearY, xLabelAnchor } from './svg-plot';

/** A plot 100 px wide starting 40 px in, 50 px tall starting 10 px down. */
const PLOT = { x: 40, y: 10, width: 100, height: 50 };

describe('categoryAt', () => {
  it('finds the band under x: 4 bands of 25 px from x = 40', () => {
    expect(categoryAt(40, PLOT, 4, 'band')).toBe(0);
    expect(categoryAt(64.9, PLOT, 4, 'band')).toBe(0);
    expect(categoryAt(65, PLOT, 4, 'band')).toBe(1);
    expect(categoryAt(139, PLOT, 4, 'band')).toBe(3);
  });

  it('finds the nearest of points spread edge to edge: 5 points 25 px apart at 40, 65, 90, 115, 140', () => {
    expect(categoryAt(52, PLOT, 5, 'point')).toBe(0);
    expect(categoryAt(53, PLOT, 5, 'point')).toBe(1);
    expect(categoryAt(140, PLOT, 5, 'point')).toBe(4);
  });

  it('holds outside the plot at the first or last category (a drag past an edge)', () => {
    expect(categoryAt(0, PLOT, 4, 'band')).toBe(0);
    expect(categoryAt(500, PLOT, 4, 'band')).toBe(3);
    expect(categoryAt(500, PLOT, 5, 'point')).toBe(4);
    expect(categoryAt(90, PLOT, 0, 'band')).toBe(0);
  });
});

describe('linearY', () => {
  it('puts 0 at the plot bottom and the top value at its top', () => {
    const y = linearY(PLOT, 200);
    expect(y(0)).toBe(60);
    expect(y(200)).toBe(10);
    expect(y(50)).toBe(47.5);
  });
});

describe('xLabelAnchor', () => {
  it('centres a label unless it would run past the plot\'s right end (x = 140): "10:01:10" is ~56 px, 28 each side', () => {
    expect(xLabelAnchor(100, '10:01:10', PLOT)).toBe('middle');
    expect(xLabelAnchor(112, '10:01:10', PLOT)).toBe('middle');
    expect(xLabelAnchor(113, '10:01:10', PLOT)).toBe('end');
    expect(xLabelAnchor(140, '10:01:10', PLOT)).toBe('end');
    // "10:01": ~35 px, 17.5 each side.
    expect(xLabelAnchor(122, '10:01', PLOT)).toBe('middle');
    expect(xLabelAnchor(123, '10:01', PLOT)).toBe('end');
  });
});
