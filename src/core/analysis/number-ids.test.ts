import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { NumberIds } from './number-ids';

describe('NumberIds', () => {
  it('gives ids in order of first sight, the same id again for a known key', () => {
    const ids = new NumberIds(1);
    expect([5, 2 ** 40, 5, 0, 999_999_999_999_999, 2 ** 40].map((k) => ids.idOf(k))).toEqual([0, 1, 0, 2, 3, 1]);
    expect(ids.size).toBe(4);
  });

  it('property: answers as a Map of first-sight ids does, through every growth', () => {
    fc.assert(
      fc.property(fc.array(fc.oneof(fc.integer({ min: 0, max: 50 }), fc.maxSafeNat()), { maxLength: 3000 }), (keys) => {
        const ids = new NumberIds(4);
        const map = new Map<number, number>();
        for (const k of keys) {
          if (!map.has(k)) map.set(k, map.size);
          expect(ids.idOf(k)).toBe(map.get(k));
        }
        expect(ids.size).toBe(map.size);
      }),
      { numRuns: 100 },
    );
  });
});
