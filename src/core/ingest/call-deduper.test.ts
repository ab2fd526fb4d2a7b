import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { emptyRecord, type CallDirection, type CallRecord, type OutcomeClass } from '../model/call-record';
import { CallDeduper, dedupeKey, dedupeKeyOfBytes, textWord } from './call-deduper';

/** The key as the deduper first defined it: the key fields joined into one string (an inbound call: call id and trunk). */
function joinedKey(r: CallRecord): string | null {
  if (r.callId === '') return null;
  if (r.direction === 'inbound') return `${r.callId}\u0000${r.trunk}\u0000inbound`;
  return `${r.callId}\u0000${r.trunk}\u0000${r.destination}\u0000${r.startMs}\u0000${r.sipCode ?? ''}\u0000${r.outcome}\u0000${r.reason}`;
}

/** What offer() must answer: a Set of those strings, no hashing. */
function referenceOffers(records: readonly CallRecord[]): boolean[] {
  const seen = new Set<string>();
  return records.map((r) => {
    const key = joinedKey(r);
    if (key === null) return true;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

const record = fc
  .record({
    callId: fc.constantFrom('', '1709287200.1', '1709287200.2', 'a', 'ab'),
    trunk: fc.constantFrom('carrier-a', 'carrier-b', '', 'b'),
    destination: fc.constantFrom('18005551212', '', 'c'),
    startMs: fc.constantFrom(0, -0, 1_700_000_000_000, 1_700_000_001_000, Number.NaN, 0.5),
    sipCode: fc.constantFrom(null, 503, 603, 0),
    outcome: fc.constantFrom<OutcomeClass>('capacity', 'policy', 'answered'),
    reason: fc.constantFrom('Service Unavailable', '', 'FAILED'),
    direction: fc.constantFrom<CallDirection>('unknown', 'outbound', 'inbound'),
  })
  .map((fields): CallRecord => ({ ...emptyRecord(), ...fields }));

describe('dedupeKeyOfBytes', () => {
  it("is dedupeKey() of an outbound call whose call id and destination are the bytes' ASCII texts", () => {
    fc.assert(
      fc.property(record, fc.stringMatching(/^[ -~]{0,20}$/), fc.stringMatching(/^[ -~]{0,20}$/), (r, callId, destination) => {
        const call = { ...r, direction: 'outbound' as const, callId: callId === '' ? 'x' : callId, destination };
        const bytes = new TextEncoder().encode(`,${call.callId},${destination},`);
        const idEnd = 1 + call.callId.length;
        const key = dedupeKeyOfBytes(bytes, 1, idEnd, idEnd + 1, idEnd + 1 + destination.length, call.startMs, call.sipCode, textWord(call.trunk), textWord(call.outcome), textWord(call.reason));
        expect(key).toBe(dedupeKey(call));
      }),
      { numRuns: 300 },
    );
  });
});

describe('CallDeduper', () => {
  it('answers as a Set of the joined key strings would (fast-check, many repeats)', () => {
    fc.assert(
      fc.property(fc.array(record, { maxLength: 60 }), (records) => {
        const deduper = new CallDeduper();
        expect(records.map((r) => deduper.offer(r))).toEqual(referenceOffers(records));
      }),
      { numRuns: 500 },
    );
  });

  it('keeps field boundaries: moving a character from one field to the next is another call', () => {
    const base = { ...emptyRecord(), callId: '1.1', trunk: 'ab', destination: 'c', startMs: 0 };
    const deduper = new CallDeduper();
    expect(deduper.offer(base)).toBe(true);
    expect(deduper.offer({ ...base, trunk: 'a', destination: 'bc' })).toBe(true);
    expect(deduper.offer({ ...base, startMs: -0 })).toBe(false);
    expect(dedupeKey({ ...base, callId: '' })).toBeNull();
  });

  it('an incoming call is one call whatever its rows say: call id and trunk decide', () => {
    // Asterisk, a call in from trunk 211553 ringing SIP/301 and then Local/ch1…: one row per Dial()
    // target, each with its own start and result, the same uniqueid.
    const first = { ...emptyRecord(), callId: '1706407446.50', trunk: '211553', destination: '211553', startMs: 6_000, direction: 'inbound' as const, outcome: 'answered' as const };
    const deduper = new CallDeduper();
    expect(deduper.offer(first)).toBe(true);
    expect(deduper.offer({ ...first, startMs: 12_000, outcome: 'user', reason: 'NO ANSWER' })).toBe(false);
    // Another trunk, another call id, or the same ids on an outbound attempt: not the same call.
    expect(deduper.offer({ ...first, trunk: '211474' })).toBe(true);
    expect(deduper.offer({ ...first, callId: '1706407446.51' })).toBe(true);
    expect(deduper.offer({ ...first, direction: 'outbound' })).toBe(true);
  });

  it('sized up front (reserve) it answers as grown: the keys held before are still duplicates', () => {
    const call = (i: number): CallRecord => ({ ...emptyRecord(), callId: `1700000000.${i}`, trunk: 'carrier-a', startMs: 1_700_000_000_000 + i * 1000 });
    const deduper = new CallDeduper();
    for (let i = 0; i < 3000; i++) expect(deduper.offer(call(i))).toBe(true);
    deduper.reserve(50_000);
    deduper.reserve(Number.NaN); // an estimate that is no number changes nothing
    deduper.reserve(Number.POSITIVE_INFINITY);
    const answers = Array.from({ length: 6000 }, (_, i) => deduper.offer(call(i)));
    // Calls 0…2999 were offered before: duplicates; 3000…5999 are new.
    expect(answers.filter((a) => !a)).toHaveLength(3000);
    expect(answers.slice(0, 3000).every((a) => !a)).toBe(true);
    expect(answers.slice(3000).every((a) => a)).toBe(true);
  });

  it('counts 100,000 distinct calls, each offered twice, as 100,000 (the table grows past its first 4,096 slots)', () => {
    const deduper = new CallDeduper();
    let accepted = 0;
    for (let round = 0; round < 2; round++) {
      for (let i = 0; i < 100_000; i++) {
        const r: CallRecord = { ...emptyRecord(), callId: `1700000000.${i}`, trunk: 'carrier-a', startMs: 1_700_000_000_000 + i * 1000, outcome: 'capacity' };
        if (deduper.offer(r)) accepted++;
      }
    }
    expect(accepted).toBe(100_000);
  });

  it('packed between reads (8 bytes per key) it answers as if it never was: fast-check, with or without a reserve after', () => {
    fc.assert(
      fc.property(fc.array(record, { maxLength: 60 }), fc.nat(60), fc.constantFrom(0, 5, 10_000, Number.NaN), (records, cut, more) => {
        const deduper = new CallDeduper();
        const first = records.slice(0, cut).map((r) => deduper.offer(r));
        deduper.pack();
        if (more > 0 || Number.isNaN(more)) deduper.reserve(more);
        const rest = records.slice(cut).map((r) => deduper.offer(r));
        expect([...first, ...rest]).toEqual(referenceOffers(records));
      }),
      { numRuns: 300 },
    );
  });

  it('packs 4,000 keys into 32,000 bytes (the table held 8,192 slots of 8 bytes beside them) and packs again after more', () => {
    const call = (i: number): CallRecord => ({ ...emptyRecord(), callId: `1700000000.${i}`, trunk: 'carrier-a', startMs: 1_700_000_000_000 + i * 1000 });
    const deduper = new CallDeduper();
    for (let i = 0; i < 4000; i++) deduper.offer(call(i));
    // 4,096 slots hold at most 3,276 keys (0.8 full): 4,000 keys doubled the table to 8,192.
    expect(deduper.byteSize()).toBe(8192 * 8 + 4000 * 8);
    deduper.pack();
    deduper.pack(); // packing twice changes nothing
    expect(deduper.byteSize()).toBe(4000 * 8);
    // Calls 3,000…4,999: the first 1,000 were held (duplicates), the next 1,000 are new.
    const answers = Array.from({ length: 2000 }, (_, i) => deduper.offer(call(3000 + i)));
    expect(answers.filter((a) => a)).toHaveLength(1000);
    expect(answers.slice(0, 1000).every((a) => !a)).toBe(true);
    deduper.pack();
    expect(deduper.byteSize()).toBe(5000 * 8);
  });

  it('sized up front for 100,000 keys it holds them at 0.7 load, and doubles only past 0.8', () => {
    const deduper = new CallDeduper();
    deduper.reserve(100_000);
    // ceil(100,000 / 0.7) = 142,858 slots of 8 bytes (a power of two would be 262,144 at half full); no key yet.
    expect(deduper.byteSize()).toBe(142_858 * 8);
    const offered = (from: number, to: number) => Array.from({ length: to - from }, (_, k) => deduper.offerKey((from + k) * 7919));
    expect(offered(0, 114_286).every((fresh) => fresh)).toBe(true);
    // floor(142,858 × 0.8) = 114,286 keys fit (each also 8 bytes in the list of keys); the next one doubles the table.
    expect(deduper.byteSize()).toBe(142_858 * 8 + 114_286 * 8);
    expect(deduper.offerKey(114_286 * 7919)).toBe(true);
    expect(deduper.byteSize()).toBe(285_716 * 8 + 114_287 * 8);
    // Every key is still found after the doubling, and a key never offered is not.
    expect(offered(0, 114_287).some((fresh) => fresh)).toBe(false);
    expect(deduper.offerKey(114_287 * 7919)).toBe(true);
  });

  it('offerKeys names the duplicates among keys in order, by hand: a key seen before, in this batch or an earlier one; NaN never', () => {
    const deduper = new CallDeduper();
    expect(deduper.offerKeys(Float64Array.from([5, 7, 5, Number.NaN, 7, 9, Number.NaN]), 7)).toEqual([2, 4]);
    // Only the first `length` keys count; 9 and 5 were offered above, 11 is new.
    expect(deduper.offerKeys(Float64Array.from([11, 9, 5, 7]), 3)).toEqual([1, 2]);
  });

  it('offerKeys keeps finding keys when the table doubles inside a batch: 10,000 keys, then the same again and 10,000 more', () => {
    const deduper = new CallDeduper();
    const keys = (from: number, to: number) => Float64Array.from({ length: to - from }, (_, k) => (from + k) * 7919);
    // 4,096 slots take 3,276 keys: the table doubles at the 3,277th and the 6,554th key, each inside a batch of 32.
    expect(deduper.offerKeys(keys(0, 10_000), 10_000)).toEqual([]);
    const again = deduper.offerKeys(keys(0, 20_000), 20_000);
    expect(again).toHaveLength(10_000);
    expect(again.every((i, k) => i === k)).toBe(true);
  });

  it('offerKeys answers as offerKey one by one: fast-check over batches (32 keys) and tables that grow or were packed', () => {
    const key = fc.oneof(fc.integer({ min: 0, max: 400 }), fc.constant(Number.NaN), fc.constant(2 ** 52 - 1));
    fc.assert(
      fc.property(fc.array(fc.array(key, { maxLength: 120 }), { maxLength: 6 }), fc.boolean(), (batches, pack) => {
        const batched = new CallDeduper();
        const single = new CallDeduper();
        for (const keys of batches) {
          const expected = keys.flatMap((k, i) => (Number.isNaN(k) || single.offerKey(k) ? [] : [i]));
          expect(batched.offerKeys(Float64Array.from(keys), keys.length)).toEqual(expected);
          if (pack) batched.pack();
        }
      }),
      { numRuns: 300 },
    );
  });

  it('offerKey takes any number, as a Set would', () => {
    fc.assert(
      fc.property(fc.array(fc.oneof(fc.integer({ min: 0, max: 50 }), fc.constantFrom(2 ** 52 - 1, 2 ** 52, -1, 0.5, Number.NaN, -0, Infinity)), { maxLength: 40 }), (keys) => {
        const deduper = new CallDeduper();
        const seen = new Set<number>();
        for (const key of keys) {
          const fresh = !seen.has(key);
          seen.add(key);
          expect(deduper.offerKey(key)).toBe(fresh);
        }
      }),
    );
  });
});
