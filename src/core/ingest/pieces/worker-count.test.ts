/** Workers per machine: one per core, never more than 6 (a 64-core server gets 6), at least one. */
import { describe, expect, it } from 'vitest';
import { MAX_PIECE_WORKERS, pieceWorkerCount } from './worker-count';

describe('piece workers per machine', () => {
  it('one per core up to 6', () => {
    expect(MAX_PIECE_WORKERS).toBe(6);
    expect([1, 2, 4, 6, 8, 16, 64, 256].map(pieceWorkerCount)).toEqual([1, 2, 4, 6, 6, 6, 6, 6]);
  });

  it('one where the machine says nothing usable (navigator.hardwareConcurrency absent, 0 or odd)', () => {
    expect([undefined, 0, -4, Number.NaN, 1.5, 2.9].map(pieceWorkerCount)).toEqual([1, 1, 1, 1, 1, 2]);
  });
});
