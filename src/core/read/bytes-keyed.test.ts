/**
 * BytesKeyed by hand: a key is its parts' bytes and its seed, the parts' boundaries count, and the
 * table keeps at most `capacity` keys of at most `maxKeyBytes` bytes (others answer MISSING each time).
 */
import { describe, expect, it } from 'vitest';
import { BytesKeyed, MISSING } from './bytes-keyed';

const bytes = new TextEncoder().encode('1,23|12,3|1,23|abcdef');

/** Look up (and keep on a miss) the parts [[start, end], ...] of `bytes` with `seed`; what find answered. */
function lookUp(table: BytesKeyed<string>, parts: Array<[number, number]>, seed: number, value: string): string | typeof MISSING {
  parts.forEach(([start, end], p) => {
    table.key[2 * p] = start;
    table.key[2 * p + 1] = end;
  });
  const found = table.find(bytes, seed);
  if (found === MISSING) table.keep(bytes, value);
  return found;
}

describe('BytesKeyed by hand', () => {
  it('finds a key kept before by its bytes, not by where they are', () => {
    const table = new BytesKeyed<string>(4, 2, 16);
    expect(lookUp(table, [[0, 1], [2, 4]], 0, 'first')).toBe(MISSING); // "1", "23"
    expect(lookUp(table, [[10, 11], [12, 14]], 0, 'again')).toBe('first'); // "1", "23" again, further on
    expect(table.kept).toBe(1);
  });

  it('tells apart parts whose bytes run together the same ("1","23" and "12","3"), and seeds', () => {
    const table = new BytesKeyed<string>(4, 2, 16);
    lookUp(table, [[0, 1], [2, 4]], 0, '1|23');
    expect(lookUp(table, [[5, 7], [8, 9]], 0, '12|3')).toBe(MISSING);
    expect(lookUp(table, [[0, 1], [2, 4]], 1, '1|23 seed 1')).toBe(MISSING);
    expect(lookUp(table, [[0, 1], [2, 4]], 1, 'not kept')).toBe('1|23 seed 1');
    expect(lookUp(table, [[5, 7], [8, 9]], 0, 'not kept')).toBe('12|3');
    expect(table.kept).toBe(3);
  });

  it('keeps at most `capacity` keys and none longer than maxKeyBytes', () => {
    const table = new BytesKeyed<string>(2, 1, 4);
    lookUp(table, [[15, 16]], 0, 'a');
    lookUp(table, [[16, 17]], 0, 'b');
    expect(lookUp(table, [[17, 18]], 0, 'c')).toBe(MISSING);
    expect(lookUp(table, [[17, 18]], 0, 'c')).toBe(MISSING); // full: not kept
    expect(lookUp(table, [[15, 21]], 0, 'abcdef')).toBe(MISSING); // 6 bytes > 4
    expect(lookUp(table, [[15, 16]], 0, 'x')).toBe('a');
    expect(table.kept).toBe(2);
  });
});
