import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { describe, expect, it } from 'vitest';
import { CallStore } from './call-store';
import { packedTextAt } from './kept-texts';
import { ownText, withOwnTexts } from './own-text';
import { call } from './test-helpers';

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

  it('a store keeps a copy of a rejected call\'s id, not the chunk it was sliced from', () => {
    const store = new CallStore();
    // A 503: its call id is kept (what a carrier ticket cites).
    expect(heapKeptBy((field) => {
      store.add({ ...call({ start: 0, sip: 503, trunk: 'A' }), callId: field });
      return store.callIdOf(store.length - 1) ?? '';
    })).toBeLessThan(3_000_000);
    expect(store.length).toBe(20);
  });

  it("withOwnTexts: a batch's texts, every column, the same after (and the store it is merged into reads them back)", () => {
    const batch = new CallStore();
    const record = { ...call({ start: 0, sip: 503, trunk: 'carrier-east-outbound-01' }), callId: '1733400000.123456' };
    batch.add(record);
    const parsed = withOwnTexts({ calls: batch.snapshot() });
    expect(parsed.calls.texts.trunk).toEqual(['carrier-east-outbound-01']);
    expect(packedTextAt(parsed.calls.texts.callIdIndex, 0)).toBe('1733400000.123456');
    const store = new CallStore();
    store.appendRows(parsed.calls, null);
    expect(store.callIdOf(0)).toBe('1733400000.123456');
    expect(store.trunks.get(store.trunk[0]!)).toBe('carrier-east-outbound-01');
  });
});
