import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { NumberIds } from './number-ids';
import { installDetachingTransfer } from './test-helpers';

describe('NumberIds', () => {
  it('gives ids in order of first sight, the same id again for a known key', () => {
    const ids = new NumberIds(1);
    expect([5, 2 ** 40, 5, 0, 999_999_999_999_999, 2 ** 40].map((k) => ids.idOf(k))).toEqual([0, 1, 0, 2, 3, 1]);
    expect(ids.size).toBe(4);
  });

  it('find answers a known key\'s id and -1 for an unknown one, adding nothing', () => {
    const ids = new NumberIds(1);
    ids.idOf(7);
    ids.idOf(2 ** 40);
    expect([ids.find(2 ** 40), ids.find(7), ids.find(8), ids.find(0)]).toEqual([1, 0, -1, -1]);
    expect(ids.size).toBe(2);
  });

  it('property: answers as a Map of first-sight ids does, through every growth', () => {
    fc.assert(
      fc.property(fc.array(fc.oneof(fc.integer({ min: 0, max: 50 }), fc.maxSafeNat()), { maxLength: 3000 }), (keys) => {
        const ids = new NumberIds(4);
        const map = new Map<number, number>();
        for (const [j, k] of keys.entries()) {
          // Every other key is only looked up: find adds nothing, and knows what idOf gave.
          if (j % 2 === 1) {
            expect(ids.find(k)).toBe(map.get(k) ?? -1);
            continue;
          }
          if (!map.has(k)) map.set(k, map.size);
          expect(ids.idOf(k)).toBe(map.get(k));
        }
        expect(ids.size).toBe(map.size);
      }),
      { numRuns: 100 },
    );
  });

  it('with replaced tables given back as it grows (a detaching transfer), every key keeps its id; release() empties it', () => {
    const uninstall = installDetachingTransfer();
    try {
      const ids = new NumberIds(4);
      // 5,000 keys: the table grows from 16 slots to 16,384, each old table released.
      for (let k = 0; k < 5000; k++) expect(ids.idOf(k * 7919 + 0.5 * (k % 2))).toBe(k);
      for (let k = 0; k < 5000; k++) expect(ids.find(k * 7919 + 0.5 * (k % 2))).toBe(k);
      ids.release();
      expect(ids.size).toBe(0);
      expect(ids.find(0)).toBe(-1);
      expect(ids.idOf(42)).toBe(0);
    } finally {
      uninstall();
    }
  });
});
