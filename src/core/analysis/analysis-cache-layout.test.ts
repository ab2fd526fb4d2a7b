/**
 * The occupancy (channel-holding calls' ends, in end order) kept narrow: whole-ms ends as 4-byte
 * offsets from the first end, others as doubles. Every end read back (base + end[e]) must be the
 * call's end exactly, in end order, with its trunk, whatever the layout.
 */
import { describe, expect, it } from 'vitest';
import { AnalysisCache } from './analysis-cache';
import { analyzeDashboard, analyzeDashboardPanels, analyzeDashboardTop, analyzeTrunkTable } from './analyze-dashboard';
import { at, query, storeOf, type CallSpec } from './test-helpers';

/** The occupancy's ends read back as [wall ms, trunk name] pairs. */
function endsOf(specs: readonly CallSpec[]) {
  const cache = new AnalysisCache(storeOf(specs));
  const occ = cache.occupancy();
  const names = cache.index().trunkNames;
  const ends = Array.from({ length: occ.m }, (_, e) => [occ.base + occ.end[e]!, names[occ.trunk[e]!]] as const);
  // Each trunk's own list, made from its calls, in the occupancy's layout.
  const perTrunk = names.map((trunk, t) => {
    const list = cache.trunkEnds(t);
    expect([list.base, list.end.constructor]).toEqual([occ.base, occ.end.constructor]);
    return { trunk, ends: Array.from(list.end.subarray(0, list.m), (v) => list.base + v) };
  });
  return { occ, ends, perTrunk };
}

describe('occupancy: ends of the calls that held a channel', () => {
  // By hand: A 09:00 60 s → 09:01:00; B 09:00:30 10 s → 09:00:40; A 09:00:50 503 (a reject holds
  // none); B 09:02 no end (holds none); A 09:00:35 5 s → 09:00:40 (ties keep start order: B first).
  const specs: CallSpec[] = [
    { trunk: 'A', start: at('09:00'), seconds: 60 },
    { trunk: 'B', start: at('09:00:30'), seconds: 10 },
    { trunk: 'A', start: at('09:00:35'), seconds: 5 },
    { trunk: 'A', start: at('09:00:50'), sip: 503, seconds: 1 },
    { trunk: 'B', start: at('09:02'), seconds: null },
  ];

  it('lists the holding calls by end, each with its trunk, as 4-byte whole-ms offsets', () => {
    const { occ, ends, perTrunk } = endsOf(specs);
    expect(occ.end).toBeInstanceOf(Uint32Array);
    expect(occ.base).toBe(at('09:00:40'));
    expect(ends).toEqual([
      [at('09:00:40'), 'B'],
      [at('09:00:40'), 'A'],
      [at('09:01:00'), 'A'],
    ]);
    expect(perTrunk).toEqual([
      { trunk: 'A', ends: [at('09:00:40'), at('09:01:00')] },
      { trunk: 'B', ends: [at('09:00:40')] },
    ]);
  });

  it('keeps ends that are not whole ms as doubles, exactly', () => {
    const fractional = [...specs, { trunk: 'B', start: at('09:03'), seconds: 0.0125 }]; // ends 12.5 ms after 09:03
    const { occ, ends } = endsOf(fractional);
    expect(occ.end).toBeInstanceOf(Float64Array);
    expect(occ.base).toBe(0);
    expect(ends.at(-1)).toEqual([at('09:03') + 12.5, 'B']);
  });

  it('sorts ends spread over more than 2^16 ms (two radix digits) as a comparison sort does', () => {
    // 500 calls on 3 trunks, starts every 7 s from 08:00, lengths (k·7919) mod 5000 s: ends cross
    // each other over hours, with ties.
    const many: CallSpec[] = Array.from({ length: 500 }, (_, k) => ({ trunk: 'XYZ'[k % 3]!, start: at('08:00') + k * 7000, seconds: 1 + ((k * 7919) % 5000) }));
    const { occ, ends, perTrunk } = endsOf(many);
    expect(occ.end).toBeInstanceOf(Uint32Array);
    const expected = many.map((s, k) => ({ end: s.start + s.seconds! * 1000, trunk: s.trunk, k })).sort((a, b) => a.end - b.end || a.k - b.k);
    expect(ends).toEqual(expected.map((e) => [e.end, e.trunk]));
    // Each trunk's list, sorted from its own calls: its ends in the same order.
    expect(perTrunk).toEqual(['X', 'Y', 'Z'].map((trunk) => ({ trunk, ends: expected.filter((e) => e.trunk === trunk).map((e) => e.end) })));
  });

  it('gives the same concurrency with whole-ms and fractional ends (the layout does not move a number)', () => {
    const whole = specs.map((s) => ({ ...s }));
    // The same calls 0.25 ms longer each: no end crosses another call's start or end, so every level is the same.
    const nudged = specs.map((s) => ({ ...s, seconds: s.seconds === null || s.seconds === undefined ? s.seconds : s.seconds + 0.00025 }));
    const q = query({ bucketMs: 60_000 });
    const a = analyzeDashboard(storeOf(whole), q).concurrency;
    const b = analyzeDashboard(storeOf(nudged), q).concurrency;
    expect(a.levels).toEqual([
      { level: 0, attempts: 2, c503: 0 }, // 09:00; 09:02 (every call has ended)
      { level: 1, attempts: 2, c503: 1 }, // 09:00:30; the 503 at 09:00:50 (only A's 09:00 call is up: two ended at 09:00:40)
      { level: 2, attempts: 1, c503: 0 }, // 09:00:35
    ]);
    expect(a.peak).toBe(3); // 09:00:35–09:00:40
    expect(b.levels).toEqual(a.levels);
    expect(b.peak).toBe(a.peak);
  });
});

describe('caller ID ids: 2 bytes while they fit, 4 past 65,536 distinct caller IDs', () => {
  const callersOf = (count: number) => {
    // Call k from caller 1312555 + k (7 + digits): `count` distinct caller IDs, then one repeat of the first.
    const specs: CallSpec[] = Array.from({ length: count + 1 }, (_, k) => ({ start: at('08:00') + k * 100, callerId: `1312${String(k % count).padStart(7, '0')}` }));
    const cache = new AnalysisCache(storeOf(specs));
    const { caller } = cache.numberKeys();
    const callers = cache.callers();
    return { caller, callers, count: specs.length };
  };

  it('keeps the same ids in either width', () => {
    // 65,535 caller IDs are ids 1 … 65,535 (2 bytes); the 65,536th is id 65,536 (4 bytes, widened as it comes).
    for (const count of [3, 65_535, 65_536, 70_000]) {
      const { caller, callers } = callersOf(count);
      expect(caller).toBeInstanceOf(count < 0x10000 ? Uint16Array : Uint32Array);
      expect(callers.count).toBe(count + 1); // id 0 is "no caller ID"
      // Call k has id k + 1 (first-sight order); the last call repeats the first caller ID.
      expect(caller[0]).toBe(1);
      expect(caller[count - 1]).toBe(count);
      expect(caller[count]).toBe(1);
      expect(callers.value[count]).toBe(13120000000 + count - 1);
    }
  });
});

describe('destination key ids: 2 bytes while they fit, 4 past 65,536 keys', () => {
  it('keeps the same ids in either width', () => {
    // Call k dials 10 digits whose first 6 are 100000 + k: `count` keys on one trunk, then a repeat of the first.
    for (const count of [3, 65_536, 65_537]) {
      const specs: CallSpec[] = Array.from({ length: count + 1 }, (_, k) => ({ start: at('08:00') + k * 100, destination: `${100_000 + (k % count)}0000` }));
      const cache = new AnalysisCache(storeOf(specs));
      const { dest } = cache.numberKeys();
      const keys = cache.destinations();
      // Ids 0 … 65,535 fit in 2 bytes; id 65,536 (the 65,537th key) does not.
      expect(dest).toBeInstanceOf(count <= 0x10000 ? Uint16Array : Uint32Array);
      expect(keys.count).toBe(count);
      expect(dest[0]).toBe(0);
      expect(dest[count - 1]).toBe(count - 1);
      expect(dest[count]).toBe(0);
      expect(keys.digits[count - 1]).toBe(String(100_000 + count - 1));
      expect(keys.attempts[0]).toBe(2);
    }
  });
});

describe('talk seconds: the store column, read only for answered calls with a known talk time', () => {
  it('ACD and the carrier KPIs leave out the talk a rejected call states and answered calls without a talk time', () => {
    // By hand: answered 50 s and 70 s of talk (ACD 60); a 503 stating 30 s of "talk" (a file's
    // billsec on a failed call) and an answered call with no talk time are not in the ACD.
    const specs: CallSpec[] = [
      { start: at('09:00'), seconds: 60, talk: 50 },
      { start: at('09:01'), seconds: 80, talk: 70 },
      { start: at('09:02'), sip: 503, seconds: 31, talk: 30 },
      { start: at('09:03'), seconds: 40, talk: null },
    ];
    const store = storeOf(specs);
    const [row] = analyzeTrunkTable(store, query()).trunks;
    expect(row?.attempts).toBe(4);
    expect(row?.answered).toBe(3);
    expect(row?.acdSec).toBe(60);
    const kpi = analyzeDashboard(store, query({ kpi: true })).kpi;
    expect(kpi?.trunks[0]).toMatchObject({ talkCalls: 2, talkSec: 120 });
    // Short answered calls (talk ≤ 30 s) read talk too: none (both answers talked longer; the 503's 30 s is no answered call's).
    expect(kpi?.trunks[0]?.shortAnswered[30]).toBe(0);
  });
});

describe('number keys: made for the panels, not before the trunk table and the first chart', () => {
  it('the table and the first screen leave them unmade (4 bytes per attempt); the panels make them, and the same answers come either way', () => {
    // 4 attempts: 3 numbers on A (two share their first 6 digits), 1 on B; two caller IDs.
    const specs: CallSpec[] = [
      { trunk: 'A', start: at('09:00'), destination: '13125550101', callerId: '3125550000' },
      { trunk: 'A', start: at('09:01'), destination: '13125550102', callerId: '3125550000' },
      { trunk: 'A', start: at('09:02'), sip: 503, destination: '14155550103', callerId: '3125551111' },
      { trunk: 'B', start: at('09:03'), sip: 603, destination: '13125550104', callerId: '3125551111' },
    ];
    const store = storeOf(specs);
    const cache = new AnalysisCache(store);
    const q = query({ trunks: ['A'], kpi: true });
    analyzeTrunkTable(store, q, cache);
    const top = analyzeDashboardTop(store, q, cache);
    const before = cache.byteSize();
    const keys = cache.numberKeys();
    // 2 bytes of destination key id and 2 of caller ID id per attempt (3 keys, 2 caller IDs), made only now.
    expect(cache.byteSize() - before).toBe(4 * 4);
    // Keys: A 131255, A 141555, B 131255; caller ID ids: 1 = 3125550000, 2 = 3125551111 (0 is "none").
    expect(Array.from(keys.dest)).toEqual([0, 0, 1, 2]);
    expect(keys.destinations.digits).toEqual(['131255', '141555', '131255']);
    expect(Array.from(keys.caller)).toEqual([1, 1, 2, 2]);
    expect(keys.callers.count).toBe(3);
    // Made first or last, the keys give the same answers.
    const fresh = new AnalysisCache(storeOf(specs));
    expect(analyzeDashboardPanels(store, q, cache)).toEqual(analyzeDashboardPanels(fresh.store, q, fresh));
    expect(analyzeDashboardTop(fresh.store, q, fresh)).toEqual(top);
  });
});
