import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { describe, expect, it } from 'vitest';
import { ownText } from './own-text';

/** The collector, forced (vitest runs without --expose-gc). */
function collectGarbage(): void {
  setFlagsFromString('--expose-gc');
  (runInNewContext('gc') as () => void)();
}

/** Heap bytes still used after keeping one 40-character field of each of 20 texts of 2 MB. */
function heapKeptBy(keep: (field: string) => string): number {
  collectGarbage();
  const before = process.memoryUsage().heapUsed;
  const kept: string[] = [];
  for (let k = 0; k < 20; k++) {
    // A decoded chunk, as a piece's text is: 2 MB of one-byte characters.
    const chunk = new TextDecoder().decode(new Uint8Array(2_000_000).fill(0x30 + k));
    kept.push(keep(chunk.slice(1000, 1040)));
  }
  collectGarbage();
  const after = process.memoryUsage().heapUsed;
  expect(kept.every((t, k) => t === String.fromCharCode(0x30 + k).repeat(40))).toBe(true);
  return after - before;
}

describe('ownText', () => {
  it('is the same text', () => {
    for (const text of ['', 'a', 'gw-1', '1733400000.12345', 'SIP/carrier-a-00000f2a', 'Ünïcödé trunk name ✓']) expect(ownText(text)).toBe(text);
  });

  it('a field kept from a chunk no longer keeps the chunk: 20 fields of 20 chunks of 2 MB keep at most one chunk, slices keep all 40 MB', () => {
    expect(heapKeptBy((field) => field)).toBeGreaterThan(38_000_000);
    // The last chunk may still be referenced from the stack when the collector runs: one chunk, not 20.
    expect(heapKeptBy(ownText)).toBeLessThan(3_000_000);
  });
});
