/**
 * releaseNow detaches buffers (where the runtime can: Chromium, Node 21+). Node 20 has no
 * ArrayBuffer.prototype.transfer, so these tests give it one that detaches as the real one does
 * (structuredClone with a transfer list), and check that nothing reads a temporary after it is
 * released: the seal's sort keys and scratch, the deduper's replaced tables. A released buffer
 * read by mistake reads as empty, and the rows or the answers below would move.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { CallDeduper } from '../ingest/call-deduper';
import { AnalysisCache } from './analysis-cache';
import { analyzeDashboard } from './analyze-dashboard';
import { CallStore } from './call-store';
import { releaseNow } from './release-buffer';
import { at, call, installDetachingTransfer, query, type CallSpec } from './test-helpers';
import type { CallDirection } from '../model/call-record';

type Spec = CallSpec & { direction?: CallDirection };
const record = (s: Spec) => ({ ...call(s), direction: s.direction ?? 'outbound' });

let uninstall: () => void = () => {};
beforeEach(() => {
  uninstall = installDetachingTransfer();
});
afterEach(() => uninstall());

// Starts not in order (the radix sort runs), an inbound call, a call without a start.
const SPECS: Spec[] = [
  { trunk: 'B', start: at('10:05'), sip: 503, destination: '15550000005' },
  { trunk: 'G', start: at('10:01'), destination: '15550000001', direction: 'inbound' },
  { trunk: 'A', start: Number.NaN, sip: 603, destination: '15550000009' },
  { trunk: 'A', start: at('10:02'), sip: 603, destination: '15550000002' },
  { trunk: 'A', start: at('10:00'), destination: '15550000000' },
  { trunk: 'B', start: at('10:02'), sip: 486, destination: '15550000003' },
];

describe('releaseNow', () => {
  it('detaches the buffer: the array reads as empty, and releasing it again is harmless', () => {
    const array = new Float64Array(1000);
    releaseNow(array);
    expect(array.length).toBe(0);
    expect(array.buffer.byteLength).toBe(0);
    releaseNow(array);
    releaseNow(new ArrayBuffer(8));
  });

  it('a store sealed with its temporaries released has every row in the analysis order', () => {
    const store = new CallStore(2);
    for (const s of SPECS) store.add(record(s));
    const fileOfCall = Uint16Array.of(0, 1, 2, 3, 4, 5);
    store.seal([fileOfCall]);
    expect(store.attempts).toBe(4);
    const starts = Array.from(store.startMs.subarray(0, store.length), (ms) => (Number.isNaN(ms) ? 'none' : new Date(ms).toISOString().slice(11, 16)));
    expect(starts).toEqual(['10:00', '10:02', '10:02', '10:05', '10:01', 'none']);
    expect(Array.from(store.sipCode.subarray(0, store.length))).toEqual([200, 603, 486, 503, 200, 603]);
    expect(Array.from(fileOfCall)).toEqual([4, 3, 5, 0, 1, 2]);
  });

  it.each([
    ['whole-ms ends (4-byte offsets, radix sorted)', 180],
    ['ends between ms (doubles, sorted by order)', 180.0005],
  ])('metamorphic, %s: the same answers as a store sealed where nothing is released', (_, seconds) => {
    // Caller IDs (2-byte ids copied from 4-byte ones) and ends that hold channels (the concurrency sweep).
    const specs = SPECS.map((s, i) => ({ ...s, seconds, callerId: `1312555010${i % 3}` }));
    const answers = (store: CallStore) => {
      const cache = new AnalysisCache(store);
      return [query(), query({ trunks: ['A'] }), query({ trunks: ['A', 'B'], trunkSeries: true })].map((q) => analyzeDashboard(store, q, cache));
    };
    const released = new CallStore();
    for (const s of specs) released.add(record(s));
    const withRelease = answers(released);
    afterEachRestore();
    const kept = new CallStore();
    for (const s of specs) kept.add(record(s));
    const withoutRelease = answers(kept);
    expect(withRelease).toEqual(withoutRelease);
    // The sweep saw the calls: A's 10:00 call and B's 10:02 one (486, answered by the far end's
    // busy: it held a channel) overlap for a minute; the 503 and the 603 held none.
    expect(withoutRelease[0]!.concurrency.peak).toBe(2);
  });

  it('a deduper whose table grows, packs and is rebuilt still knows every key', () => {
    const deduper = new CallDeduper();
    const keys = Array.from({ length: 10_000 }, (_, i) => i * 7_919 + 1);
    for (const k of keys) expect(deduper.offerKey(k)).toBe(true);
    deduper.pack();
    expect(deduper.byteSize()).toBe(10_000 * 8);
    deduper.reserve(100);
    for (const k of keys) expect(deduper.offerKey(k)).toBe(false);
    expect(deduper.offerKey(5)).toBe(true);
  });
});

/** Takes the test's transfer away again (the comparison store seals as on Node 20). */
function afterEachRestore(): void {
  uninstall();
  uninstall = () => {};
}
