/**
 * Sealing: the store's rows put in the order the analysis reads (attempts by start, then inbound
 * by start, then calls without a start), every column moved with its row, and read-only after.
 */
import { describe, expect, it } from 'vitest';
import { AnalysisCache } from './analysis-cache';
import { analyzeDashboard } from './analyze-dashboard';
import { CallStore } from './call-store';
import { at, call, query, type CallSpec } from './test-helpers';
import type { CallDirection } from '../model/call-record';

type Spec = CallSpec & { direction?: CallDirection };
const record = (s: Spec) => ({ ...call(s), direction: s.direction ?? 'outbound' });

/** Each row as one text of the columns a person can read back: trunk, start, code, destination, direction. */
function rowsOf(store: CallStore): string[] {
  return Array.from({ length: store.length }, (_, i) => {
    const start = Number.isNaN(store.startMs[i]!) ? 'no start' : new Date(store.startMs[i]!).toISOString().slice(11, 19);
    return `${store.trunks.get(store.trunk[i]!)} ${start} ${store.sipCode[i]} ${store.destDigits[i]} ${store.directionOf(i)}`;
  });
}

const SPECS: Spec[] = [
  { trunk: 'B', start: at('10:05'), sip: 503, destination: '15550000005' },
  { trunk: 'G', start: at('10:01'), destination: '15550000001', direction: 'inbound' },
  { trunk: 'A', start: Number.NaN, sip: 603, destination: '15550000009' },
  { trunk: 'A', start: at('10:02'), sip: 603, destination: '15550000002', direction: 'unknown' },
  { trunk: 'A', start: at('10:00'), destination: '15550000000' },
  { trunk: 'G', start: at('09:59'), destination: '15550000008', direction: 'inbound' },
  { trunk: 'B', start: at('10:02'), sip: 486, destination: '15550000003' },
];

describe('CallStore.seal', () => {
  it('orders the rows attempts by start (ties as they were), inbound by start, then no start; each column moves with its row', () => {
    const store = new CallStore(2);
    for (const s of SPECS) store.add(record(s));
    const alongside = Uint16Array.from([0, 1, 2, 3, 4, 5, 6]);
    store.seal([alongside]);
    expect(store.sealed).toBe(true);
    expect(store.attempts).toBe(4);
    expect(rowsOf(store)).toEqual([
      'A 10:00:00 200 15550000000 outbound',
      'A 10:02:00 603 15550000002 unknown', // added before B's 10:02: first of the tie
      'B 10:02:00 486 15550000003 outbound',
      'B 10:05:00 503 15550000005 outbound',
      'G 09:59:00 200 15550000008 inbound',
      'G 10:01:00 200 15550000001 inbound',
      'A no start 603 15550000009 outbound',
    ]);
    // Where each row was added: the same permutation.
    expect(Array.from(alongside)).toEqual([4, 3, 6, 0, 5, 1, 2]);
  });

  it('a store of attempts only (no inbound call, every call with a start) is in start order, ties as they were', () => {
    const store = new CallStore(2);
    const attempts = SPECS.filter((s) => s.direction !== 'inbound' && !Number.isNaN(s.start));
    for (const s of attempts) store.add(record(s));
    const alongside = Uint16Array.from([0, 1, 2, 3]);
    store.seal([alongside]);
    expect(store.attempts).toBe(4);
    expect(rowsOf(store)).toEqual([
      'A 10:00:00 200 15550000000 outbound',
      'A 10:02:00 603 15550000002 unknown',
      'B 10:02:00 486 15550000003 outbound',
      'B 10:05:00 503 15550000005 outbound',
    ]);
    expect(Array.from(alongside)).toEqual([2, 1, 3, 0]);
  });

  it('is read-only once sealed: adding, appending and renaming throw until unseal()', () => {
    const store = new CallStore();
    for (const s of SPECS) store.add(record(s));
    store.seal();
    expect(() => store.add(record({ start: at('11:00') }))).toThrow(/sealed/);
    const other = new CallStore();
    other.add(record({ start: at('11:00') }));
    expect(() => store.appendRows(other.snapshot(), Uint32Array.of(0))).toThrow(/sealed/);
    expect(() => store.renameTrunks(new Map([['A', 'carrier-a']]))).toThrow(/sealed/);
    expect(store.length).toBe(7);
    store.unseal();
    expect(() => store.attempts).toThrow(/not sealed/);
    store.add(record({ start: at('09:00') }));
    store.seal();
    expect(store.attempts).toBe(5);
    expect(rowsOf(store)[0]).toBe('A 09:00:00 200 13125550100 outbound');
  });

  it('metamorphic: the rows added in any order give the same store once sealed, and the same answers', () => {
    const inOrder = new CallStore();
    for (const s of SPECS) inOrder.add(record(s));
    // Reversed: the 10:02 tie (A before B as added) turns round, so keep the tied pair's order.
    const shuffled = [SPECS[6]!, SPECS[5]!, SPECS[4]!, SPECS[3]!, SPECS[2]!, SPECS[1]!, SPECS[0]!];
    const tieKept = shuffled.slice();
    [tieKept[0], tieKept[3]] = [tieKept[3]!, tieKept[0]!];
    const other = new CallStore();
    for (const s of tieKept) other.add(record(s));
    inOrder.seal();
    other.seal();
    expect(rowsOf(other)).toEqual(rowsOf(inOrder));
    for (const q of [query(), query({ trunks: ['A'] }), query({ window: { fromMs: at('10:01'), toMs: at('10:03') } })]) {
      expect(analyzeDashboard(other, q, new AnalysisCache(other))).toEqual(analyzeDashboard(inOrder, q, new AnalysisCache(inOrder)));
    }
  });

  it('the analysis index is views of the sealed store: no copy of start, end, talk, trunk or reason', () => {
    const store = new CallStore();
    for (const s of SPECS) store.add(record(s));
    const cache = new AnalysisCache(store);
    const index = cache.index();
    expect(store.sealed).toBe(true);
    expect(index.n).toBe(4);
    expect(index.start.buffer).toBe(store.startMs.buffer);
    expect(index.trunk.buffer).toBe(store.trunk.buffer);
    expect(index.reason.buffer).toBe(store.reason.buffer);
    expect(index.endMs.buffer).toBe(store.endMs.buffer);
    expect(index.talk.buffer).toBe(store.talkSec.buffer);
    expect(Array.from(index.start)).toEqual([at('10:00'), at('10:02'), at('10:02'), at('10:05')]);
    // Its own bytes: 4 attempts × (code 2 + kind 1); with the number keys the panels make, 4 × (+
    // destination 2 + caller 2: a few keys and caller IDs).
    expect(cache.byteSize()).toBe(4 * 3);
    cache.numberKeys();
    expect(cache.byteSize()).toBe(4 * 7);
  });
});
