import { describe, expect, it } from 'vitest';
import { CallStore, type ColumnsSnapshot } from './call-store';
import { countPiece } from './piece-counts';
import { AttemptClassifier } from './span-counts';
import { tallyTrunks, type TrunkTally } from './trunk-summary';
import { at, call, type CallSpec } from './test-helpers';

/** The tally counted the straightforward way: a Map per trunk, a Map entry per combination, call by call. */
function tallyOneByOne(c: ColumnsSnapshot): TrunkTally {
  const { trunk, reason, q850, sipCode, outcome, codeSource, startMs } = c.arrays;
  const tally: TrunkTally = new Map();
  for (let i = 0; i < c.length; i++) {
    let count = tally.get(trunk[i]!);
    if (!count) tally.set(trunk[i]!, (count = { codes: new Map(), firstStartMs: Number.POSITIVE_INFINITY, lastStartMs: Number.NEGATIVE_INFINITY }));
    const combo = (((reason[i]! * 0x10000 + q850[i]!) * 0x10000 + sipCode[i]!) * 8 + outcome[i]!) * 4 + codeSource[i]!;
    count.codes.set(combo, (count.codes.get(combo) ?? 0) + 1);
    // A call without a start (NaN) moves neither.
    if (startMs[i]! < count.firstStartMs) count.firstStartMs = startMs[i]!;
    if (startMs[i]! > count.lastStartMs) count.lastStartMs = startMs[i]!;
  }
  return tally;
}

/** The same calls' columns as a store holds them: what one pass classifies (AttemptClassifier). */
function storeOfColumns(c: ColumnsSnapshot): CallStore {
  const store = new CallStore(1);
  store.appendRows(c, null);
  return store;
}

/**
 * A pseudo-random piece (fixed seed): `combos` kinds of final result or more (SIP codes, causes,
 * dispositions with reasons of their own), out of start order, some inbound, some without a start,
 * some with fractional talk.
 */
function randomPiece(calls: number, trunks: number, codes: number): ColumnsSnapshot {
  let seed = 777;
  const next = (n: number) => {
    seed = (Math.imul(seed, 1664525) + 1013904223) >>> 0;
    return (seed >>> 8) % n;
  };
  const store = new CallStore(4);
  for (let k = 0; k < calls; k++) {
    const pick = next(4);
    const code: Partial<CallSpec> =
      pick === 0 ? { sip: 200, talk: next(400) / (next(9) === 0 ? 4 : 1) } : pick === 1 ? { sip: 300 + next(codes) } : pick === 2 ? { cause: 1 + next(codes) } : { disposition: ['ANSWERED', 'BUSY', 'NO ANSWER', 'CONGESTION', 'FAILED'][next(5)]! };
    const start = next(40) === 0 ? Number.NaN : at('08:00') + next(6 * 3600) * 1000;
    const record = call({ trunk: `T${next(trunks)}`, start, seconds: next(15) === 0 ? null : next(200), ...code });
    // A disposition's reason is part of its combination: a text of its own per code.
    if (pick === 3) record.reason = `${record.reason} ${next(codes)}`;
    store.add({ ...record, direction: next(10) === 0 ? 'inbound' : 'outbound' });
  }
  return store.snapshot();
}

describe('countPiece: a piece\'s rows tallied, classified and counted in one pass', () => {
  it('tallies what tallyTrunks and a Map per trunk tally, with more combinations than its cache has slots (by hand, then 1,500 and 20,000 random calls)', () => {
    // Trunk X (id 0): one 200 at 10:00; trunk Y (id 1): two 503s, at 09:00 and 11:00.
    const piece = new CallStore(4);
    for (const spec of [
      { trunk: 'X', start: at('10:00') },
      { trunk: 'Y', start: at('09:00'), sip: 503, seconds: 0 },
      { trunk: 'Y', start: at('11:00'), sip: 503, seconds: 0 },
    ] satisfies CallSpec[])
      piece.add(call(spec));
    const small = piece.snapshot();
    const tally = countPiece(small).tally;
    expect([...tally].map(([t, c]) => [t, [...c.codes.values()], c.firstStartMs, c.lastStartMs])).toEqual([
      [0, [1], at('10:00'), at('10:00')],
      [1, [2], at('09:00'), at('11:00')],
    ]);
    for (const [calls, codes] of [
      [1_500, 20],
      [20_000, 600],
    ] as const) {
      const c = randomPiece(calls, 7, codes);
      expect(countPiece(c).tally).toEqual(tallyOneByOne(c));
      expect(tallyTrunks(c.arrays, c.length)).toEqual(tallyOneByOne(c));
    }
  });

  it('classifies and counts each row as one pass over the same rows in a store does (AttemptClassifier)', () => {
    for (const [calls, codes] of [
      [1_500, 20],
      [20_000, 600],
    ] as const) {
      const c = randomPiece(calls, 7, codes);
      const piece = countPiece(c).classified!;
      const onePass = new AttemptClassifier().classifyAll(storeOfColumns(c));
      expect(piece.attempts).toBeGreaterThan(calls * 0.8);
      expect(piece.wholeTalk).toBe(false);
      expect({ ...piece, tables: null }).toEqual({ code: onePass.code, kind: onePass.kind, firstStart: onePass.firstStart, firstRow: onePass.firstRow, attempts: onePass.attempts, minStart: onePass.minStart, maxStart: onePass.maxStart, wholeTalk: onePass.wholeTalk, tables: null });
      expect(piece.tables).toEqual(onePass.counts.tables());
    }
  });
});
