import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { CallValues } from '../analysis/call-columns';
import { CallStore } from '../analysis/call-store';
import { emptyRecord, type CallDirection, type CallRecord, type OutcomeClass } from '../model/call-record';
import { CallDeduper, dedupeKey, dedupeKeyOfValues, textWord } from './call-deduper';

/**
 * The key as a joined string, no hashing: who (the call id, or with none the channel's name),
 * then an inbound call's trunk and start (0 when who is a call id), or an outbound
 * call's trunk channel (where the format names channels), trunk, destination, start and result.
 */
function joinedKey(r: CallRecord): string | null {
  const who = r.callId !== '' ? r.callId : (r.legA ?? '');
  if (who === '') return null;
  // A uniqueid names one call for all time: its start counts as 0.
  if (r.direction === 'inbound') return `${who}\u0000${r.trunk}\u0000inbound\u0000${r.callId === '' ? r.startMs : 0}`;
  const legB = r.legB === undefined ? '(no channels)' : `channel ${r.legB}`;
  return `${who}\u0000${legB}\u0000${r.trunk}\u0000${r.destination}\u0000${r.startMs}\u0000${r.sipCode ?? ''}\u0000${r.outcome}\u0000${r.reason}`;
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

/** Channel names (CallRecord.legA, legB) or none, as a format that names no channels leaves them (one spelled as a call id, to see who is who alone). */
const legs = fc.oneof(
  fc.constant({}),
  fc.record({ legA: fc.constantFrom('', 'PJSIP/1001-00000001', 'PJSIP/carrier-a-00000011', '1709287200.1'), legB: fc.constantFrom('', 'PJSIP/carrier-a-00000002', 'PJSIP/carrier-a-00000003') }),
);

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
  .chain((fields) => legs.map((l): CallRecord => ({ ...emptyRecord(), ...fields, ...l })));

describe('dedupeKeyOfValues', () => {
  it("is dedupeKey() of a call whose call id, channel names and destination are the bytes' ASCII texts (none: legB -1)", () => {
    const text = fc.stringMatching(/^[ -~]{0,20}$/);
    fc.assert(
      fc.property(record, text, fc.option(fc.tuple(text, text), { nil: undefined }), text, (r, callId, names, destination) => {
        const call: CallRecord = { ...r, callId, destination, legA: names?.[0], legB: names?.[1] };
        const fields = [callId, names?.[0] ?? '', names?.[1] ?? '', destination];
        const bytes = new TextEncoder().encode(`,${fields.join(',')},`);
        const starts = fields.map((_, k) => 1 + fields.slice(0, k).reduce((n, f) => n + f.length + 1, 0));
        const v = new CallValues(new CallStore(1));
        v.bytes = bytes;
        [v.callIdStart, v.legAStart, v.legBStart, v.destinationStart] = starts as [number, number, number, number];
        [v.callIdEnd, v.legAEnd, v.legBEnd, v.destinationEnd] = starts.map((s, k) => s + fields[k]!.length) as [number, number, number, number];
        if (names === undefined) {
          v.legBStart = -1;
          v.legBEnd = -1;
        }
        const key = dedupeKeyOfValues(v, call.direction === 'inbound', call.startMs, call.sipCode, textWord(call.trunk), textWord(call.outcome), textWord(call.reason));
        expect(key).toBe(dedupeKey(call) ?? Number.NaN);
      }),
      { numRuns: 500 },
    );
  });
});

describe('dedupeKey of Asterisk channel names', () => {
  const dial = { ...emptyRecord(), callId: '1714820400.1', trunk: 'carrierA', destination: '13125550001', startMs: 1_714_816_800_000, outcome: 'capacity' as const, reason: 'FAILED', direction: 'outbound' as const, legA: 'PJSIP/1001-00000001', legB: 'PJSIP/carrierA-00000002' };

  it('two Dial()s of one caller channel in one second are two calls (their trunk channels differ); the same row twice is one', () => {
    const deduper = new CallDeduper();
    expect(deduper.offer(dial)).toBe(true);
    expect(deduper.offer({ ...dial, legB: 'PJSIP/carrierA-00000003' })).toBe(true);
    expect(deduper.offer({ ...dial })).toBe(false);
    // The caller's channel is not in the key where a uniqueid names the call.
    expect(dedupeKey({ ...dial, legA: 'PJSIP/1001-000000ff' })).toBe(dedupeKey(dial));
  });

  it('with no uniqueid, the channel names identify the call; with neither, no key', () => {
    const noId = { ...dial, callId: '' };
    const deduper = new CallDeduper();
    expect(deduper.offer(noId)).toBe(true);
    expect(deduper.offer({ ...noId })).toBe(false);
    expect(deduper.offer({ ...noId, legA: 'PJSIP/1002-00000004' })).toBe(true);
    expect(deduper.offer({ ...noId, legB: 'PJSIP/carrierA-00000003' })).toBe(true);
    expect(dedupeKey({ ...noId, legA: '' })).toBeNull();
    expect(dedupeKey({ ...noId, legA: undefined, legB: undefined })).toBeNull();
  });

  it('a call in with no uniqueid is its channel, trunk and start: a ring group one call, the name reused after a restart another', () => {
    const ringing = { ...dial, callId: '', direction: 'inbound' as const, trunk: 'carrier-east', legA: 'PJSIP/carrier-east-00000011', legB: 'PJSIP/1001-00000012', outcome: 'answered' as const };
    const deduper = new CallDeduper();
    expect(deduper.offer(ringing)).toBe(true);
    expect(deduper.offer({ ...ringing, legB: 'PJSIP/1002-00000013', outcome: 'unknown', reason: 'inbound NO ANSWER' })).toBe(false);
    expect(deduper.offer({ ...ringing, startMs: ringing.startMs + 86_400_000 })).toBe(true);
    // With a uniqueid (epoch.sequence), the start does not count: a second Dial() after the first failed is the same call.
    const withId = { ...ringing, callId: '1714557000.17' };
    expect(deduper.offer(withId)).toBe(true);
    expect(deduper.offer({ ...withId, startMs: withId.startMs + 20_000 })).toBe(false);
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
