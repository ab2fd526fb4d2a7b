/**
 * CallStore.appendRows: calls read elsewhere (a piece) appended whole, or only some rows of them
 * (the merge leaves out duplicates; a file's calls are picked out of a sealed store), each column
 * landing with its row whatever the rows' shape: all, long runs with gaps, or scattered.
 */
import { describe, expect, it } from 'vitest';
import { CallStore } from './call-store';
import { at, call } from './test-helpers';

/** Call k of a piece: trunk 'T<k mod 3>', start 10:00 + k minutes, SIP 503 for every 4th (its call id 'id-k' kept), destination 1555000000k. */
function pieceOf(calls: number, trunkOffset = 0): CallStore {
  const store = new CallStore(1);
  for (let k = 0; k < calls; k++) {
    const rejected = k % 4 === 0;
    store.add({
      ...call({ trunk: `T${(k + trunkOffset) % 3}`, start: at('10:00') + k * 60_000, sip: rejected ? 503 : 200, destination: `1555${String(k).padStart(7, '0')}` }),
      callId: `id-${k}`,
    });
  }
  return store;
}

/** Each row as text a person reads back: trunk, minutes after 10:00, SIP code, destination's last digits, kept call id. */
function rowsOf(store: CallStore): string[] {
  return Array.from({ length: store.length }, (_, i) => `${store.trunks.get(store.trunk[i]!)} +${(store.startMs[i]! - at('10:00')) / 60_000} ${store.sipCode[i]} ${store.destDigits[i]! % 10_000} ${store.callIdOf(i) ?? '-'}`);
}

describe('CallStore.appendRows', () => {
  it('appends every row, or rows in long runs with gaps, or scattered rows, each column with its row', () => {
    const piece = pieceOf(100, 1).snapshot();
    // Rows 0-99 but 17 and 30 (two duplicates left out): three runs.
    const runs = Uint32Array.from({ length: 100 }, (_, k) => k).filter((k) => k !== 17 && k !== 30);
    const scattered = Uint32Array.of(1, 4, 8, 9, 20, 39);
    for (const rows of [null, runs, scattered]) {
      const store = pieceOf(2);
      store.appendRows(piece, rows);
      const picked = rows ? [...rows] : Array.from({ length: 100 }, (_, k) => k);
      expect(store.length).toBe(2 + picked.length);
      // Rows 0 and 1 are the store's own: T0 at +0 (503, id-0 kept), T1 at +1.
      expect(rowsOf(store).slice(0, 2)).toEqual(['T0 +0 503 0 id-0', 'T1 +1 200 1 -']);
      // Appended row j is the piece's row picked[j]: trunk T((k + 1) mod 3), start +k, 503 and its id for every 4th.
      expect(rowsOf(store).slice(2)).toEqual(picked.map((k) => `T${(k + 1) % 3} +${k} ${k % 4 === 0 ? 503 : 200} ${k} ${k % 4 === 0 ? `id-${k}` : '-'}`));
    }
  });

  it('maps a piece whose texts came in another order to the store’s ids, and returns that map', () => {
    // The store met T0 then T1; the piece meets T1, T2, T0 (trunkOffset 1).
    const store = pieceOf(2);
    const ids = store.appendRows(pieceOf(3, 1).snapshot(), null);
    expect(ids.trunk).toEqual([1, 2, 0]);
    expect(store.trunks.values).toEqual(['T0', 'T1', 'T2']);
    expect([...store.trunk.subarray(0, 5)]).toEqual([0, 1, 1, 2, 0]);
  });
});
