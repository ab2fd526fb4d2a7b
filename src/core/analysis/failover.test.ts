/**
 * Failover counted by hand on a few calls (X and Y are trunks; numbers 1312555010N):
 * - A 10:00:00 X 503 to …01; 10:00:02 Y 200 to …01            → X: retried elsewhere, answered
 * - B 10:01:40 X 603 to …02; 10:01:43 Y 503 to …02            → X: retried elsewhere, rejected again
 * - C 10:03:20 X 503 to …03; 10:03:21 X 503 (same trunk: not a failover); 10:03:25 Y 486
 *                                                              → X: retried elsewhere, other (busy)
 * - D 10:05:00 X 503 to …04; 10:05:20 Y 200 (20 s later)       → not a failover (window 10 s)
 * - F 10:06:40 Y 503 to …05; 10:06:41 X 200                     → Y: retried elsewhere, answered
 * - G 10:08:20 X 503 to …06 after 30 s ringing (ends 10:08:50); 10:08:53 Y 200
 *                                                              → X: retried elsewhere, answered
 * X: 7 rejections, 4 retried elsewhere (2 answered, 1 rejected again, 1 other). Y: 1 (1 answered).
 */
import { describe, expect, it } from 'vitest';
import { AnalysisCache } from './analysis-cache';
import { CallStore } from './call-store';
import { failoverRetries, trunkFailovers, FAILOVER_WINDOW_MS, RING_ALLOWANCE_MS } from './failover';
import { at, call, installDetachingTransfer } from './test-helpers';
import type { CallRecord } from '../model/call-record';
import { Random } from '../scenario/random';
import { DIRECTIONS, OUTCOMES } from './call-store';
import { KIND_OUTCOME } from './code-classes';

const n = (k: number) => `131255501${String(k).padStart(2, '0')}`;
const reject = (trunk: string, clock: string, sip: number, dest: number, seconds: number | null = null) => call({ trunk, start: at(clock), sip, destination: n(dest), seconds });
const answer = (trunk: string, clock: string, dest: number) => call({ trunk, start: at(clock), sip: 200, destination: n(dest) });

const CALLS: CallRecord[] = [
  reject('X', '10:00:00', 503, 1),
  answer('Y', '10:00:02', 1),
  reject('X', '10:01:40', 603, 2),
  reject('Y', '10:01:43', 503, 2),
  reject('X', '10:03:20', 503, 3),
  reject('X', '10:03:21', 503, 3),
  call({ trunk: 'Y', start: at('10:03:25'), sip: 486, destination: n(3), seconds: null }),
  reject('X', '10:05:00', 503, 4),
  answer('Y', '10:05:20', 4),
  reject('Y', '10:06:40', 503, 5),
  answer('X', '10:06:41', 5),
  reject('X', '10:08:20', 503, 6, 30),
  answer('Y', '10:08:53', 6),
];

function failovers(calls: readonly CallRecord[], rename: (t: string) => string = (t) => t) {
  const store = new CallStore();
  for (const c of calls) store.add({ ...c, trunk: rename(c.trunk) });
  const index = new AnalysisCache(store).index();
  return trunkFailovers(index, failoverRetries(store, index), 0, index.n);
}

describe('failover: rejections retried on another trunk', () => {
  it('counts per trunk how many rejections were retried elsewhere and how the retries ended', () => {
    expect(FAILOVER_WINDOW_MS).toBe(10_000);
    expect(failovers(CALLS)).toEqual([
      { trunk: 'X', retriedElsewhere: 4, answered: 2, rejectedAgain: 1, other: 1 },
      { trunk: 'Y', retriedElsewhere: 1, answered: 1, rejectedAgain: 0, other: 0 },
    ]);
  });

  it('a number that shares a rejected number\'s low 32 bits is another number: its call is no retry of the rejection', () => {
    // 13125550101 and 13125550101 + 2^32 = 17420517397: both 11 digits, the same low 32 bits.
    const rejected = '13125550101';
    const twin = String(13125550101 + 2 ** 32);
    expect(twin).toBe('17420517397');
    const calls = [
      call({ trunk: 'X', start: at('10:00:00'), sip: 503, destination: rejected, seconds: null }),
      call({ trunk: 'Y', start: at('10:00:02'), sip: 200, destination: twin }),
      call({ trunk: 'Y', start: at('10:00:04'), sip: 200, destination: rejected }),
    ];
    // The twin's call settles nothing; the rejected number's own call 4 s later is the retry (answered).
    expect(failovers(calls)).toEqual([{ trunk: 'X', retriedElsewhere: 1, answered: 1, rejectedAgain: 0, other: 0 }]);
    // Without the rejected number's own call, nothing was retried elsewhere.
    expect(failovers(calls.slice(0, 2))).toEqual([]);
  });

  it('gives the same links when its temporaries are given back as they are replaced (a detaching transfer), through their growth', () => {
    // 1,500 numbers, each rejected on X then answered on Y 2 s later (1,500 links, more than every
    // table's first size: 1,024 numbers, 256 links), and the hand-counted calls after them.
    const many: CallRecord[] = [];
    for (let k = 0; k < 1500; k++) {
      const start = at('08:00') + k * 5000;
      many.push(call({ trunk: 'X', start, sip: 503, destination: `1415555${String(k).padStart(4, '0')}`, seconds: null }));
      many.push(call({ trunk: 'Y', start: start + 2000, sip: 200, destination: `1415555${String(k).padStart(4, '0')}` }));
    }
    const calls = [...many, ...CALLS];
    const kept = failovers(calls);
    const uninstall = installDetachingTransfer();
    try {
      expect(failovers(calls)).toEqual(kept);
    } finally {
      uninstall();
    }
    expect(kept).toEqual([
      { trunk: 'X', retriedElsewhere: 1504, answered: 1502, rejectedAgain: 1, other: 1 },
      { trunk: 'Y', retriedElsewhere: 1, answered: 1, rejectedAgain: 0, other: 0 },
    ]);
  });

  it('does not move when the calls are shuffled, trunks renamed, or unrelated traffic added', () => {
    const shuffled = [...CALLS.filter((_, i) => i % 3 === 2), ...CALLS.filter((_, i) => i % 3 !== 2)].reverse();
    expect(failovers(shuffled)).toEqual(failovers(CALLS));
    const renamed = failovers(CALLS, (t) => (t === 'X' ? 'carrier-x' : 'carrier-y'));
    expect(renamed.map((f) => f.trunk)).toEqual(['carrier-x', 'carrier-y']);
    expect(renamed.map(({ trunk, ...rest }) => (void trunk, rest))).toEqual(failovers(CALLS).map(({ trunk, ...rest }) => (void trunk, rest)));
    // Other numbers on a third trunk, rejected and answered, interleaved in time.
    const noise = Array.from({ length: 40 }, (_, i) => call({ trunk: i % 2 ? 'Z' : 'X', start: at('10:00:00') + i * 15_000, sip: i % 3 ? 200 : 503, destination: `4420700000${String(i).padStart(2, '0')}`, seconds: null }));
    expect(failovers([...CALLS, ...noise])).toEqual(failovers(CALLS));
  });

  it('a retry stamped at its final reply that rang (a Kamailio acc row) may show up to the ring allowance late', () => {
    const late = (trunk: string, clock: string, sip: number, dest: number) => ({ ...call({ trunk, start: at(clock), sip, destination: n(dest), seconds: null }), startIsFinalReply: true });
    const calls = [
      // INVITE within 10 s of the 503, answered after ringing: its reply 40 s after the 503.
      reject('X', '10:00:00', 503, 1),
      late('Y', '10:00:40', 200, 1),
      // Unanswered (480) 65 s after the 503: within 10 s + 60 s.
      reject('X', '10:02:00', 503, 2),
      late('Y', '10:03:05', 480, 2),
      // 75 s after: past 10 s + 60 s, not a failover.
      reject('X', '10:05:00', 503, 3),
      late('Y', '10:06:15', 200, 3),
      // A refusal comes at once: 20 s after is not a failover, however it is stamped.
      reject('X', '10:08:00', 503, 4),
      late('Y', '10:08:20', 503, 4),
      // The same answered retry 40 s late, its start its INVITE (any other format): not a failover.
      reject('X', '10:10:00', 503, 5),
      answer('Y', '10:10:40', 5),
    ];
    expect(RING_ALLOWANCE_MS).toBe(60_000);
    expect(failovers(calls)).toEqual([{ trunk: 'X', retriedElsewhere: 2, answered: 1, rejectedAgain: 0, other: 1 }]);
  });

  it('inbound and internal calls are never a retry', () => {
    const calls = [reject('X', '10:00:00', 503, 1), { ...answer('Y', '10:00:02', 1), direction: 'inbound' as const }];
    expect(failovers(calls)).toEqual([]);
  });

  it('counts only the rejections that started in the window asked for', () => {
    const store = new CallStore();
    for (const c of CALLS) store.add(c);
    const index = new AnalysisCache(store).index();
    const links = failoverRetries(store, index);
    // Positions are start order: 0 A (X 10:00:00) … 12 G's retry. Links: A 0→1, B 2→3, C 5→6 (its
    // 10:03:21 503, the one the busy retry on Y followed; the 10:03:20 one was retried on X), F 9→10,
    // G 11→12. [4, 11) holds C's and F's.
    expect(links.count).toBe(5);
    expect(trunkFailovers(index, links, 4, 11)).toEqual([
      { trunk: 'X', retriedElsewhere: 1, answered: 0, rejectedAgain: 0, other: 1 },
      { trunk: 'Y', retriedElsewhere: 1, answered: 1, rejectedAgain: 0, other: 0 },
    ]);
    expect(trunkFailovers(index, links, 0, 2)).toEqual([{ trunk: 'X', retriedElsewhere: 1, answered: 1, rejectedAgain: 0, other: 0 }]);
    expect(trunkFailovers(index, links, 12, 13)).toEqual([]);
  });

  it('a rejection still waiting is retried after thousands of other rejections came and went', () => {
    // A: X 503 to …01 at 10:00:00 after ringing 5 min (ends 10:05:00); B: X 503 to …02 at
    // 10:00:00, no end. Then 5,000 rejections on Z to other numbers, one every 50 ms (10:00:00.05 …
    // 10:04:10): more numbers than the table of waiting rejections holds at once. Then at 10:05:04
    // Y answers …01 (4 s after A's end: a failover) and Y answers …02 stamped at its final reply
    // (4 min after B, past 10 s + 60 s: none).
    const others = (everyMs: number) =>
      Array.from({ length: 5000 }, (_, k) => call({ trunk: 'Z', start: at('10:00:00') + everyMs * (k + 1), sip: 503, destination: `1415${String(k).padStart(7, '0')}`, seconds: null }));
    const calls = [
      reject('X', '10:00:00', 503, 1, 300),
      reject('X', '10:00:00', 503, 2),
      ...others(50),
      answer('Y', '10:05:04', 1),
      { ...answer('Y', '10:05:04', 2), startIsFinalReply: true },
    ];
    expect(failovers(calls)).toEqual([{ trunk: 'X', retriedElsewhere: 1, answered: 1, rejectedAgain: 0, other: 0 }]);
    // B's retry 65 s after it, stamped at its final reply after ringing (within 10 s + 60 s), the
    // 5,000 rejections one every 12 ms in between (10:00:00.012 … 10:01:00).
    const quick = [reject('X', '10:00:00', 503, 2), ...others(12), { ...answer('Y', '10:01:05', 2), startIsFinalReply: true }];
    expect(failovers(quick)).toEqual([{ trunk: 'X', retriedElsewhere: 1, answered: 1, rejectedAgain: 0, other: 0 }]);
  });

  it('finds the links the definition does, one rejection at a time, where the waiting table is swept many times over', () => {
    // 30,000 calls over ~8 hours (one every ~1 s) to 9,000 numbers, a third of them to a number
    // of the last minute's calls: a number comes back seconds to hours later. 45 % rejected, some after ringing for up to 10 min (their end, not their
    // start, opens the window: they outlive sweeps), some retries stamped at their final reply,
    // some inbound. ~13,500 rejections: the table (4,096 numbers) is swept several times.
    const random = new Random(20261205);
    const calls: CallRecord[] = [];
    let clock = at('08:00');
    for (let k = 0; k < 30_000; k++) {
      clock += random.int(0, 2000);
      const rejected = random.chance(0.45);
      const sip = rejected ? random.pick([503, 603]) : random.pick([200, 200, 486, 480]);
      const seconds = rejected && random.chance(0.1) ? random.int(0, 600) : random.chance(0.2) ? null : random.int(0, 90);
      // A third dial a number of the last ~minute's calls again (most failovers are seconds apart).
      const recent = calls.slice(-60);
      const destination = recent.length > 0 && random.chance(0.3) ? random.pick(recent).destination : `1312${String(random.int(0, 8999)).padStart(7, '0')}`;
      const c = call({ trunk: random.pick(['X', 'Y', 'Z']), start: clock, sip, destination, seconds });
      calls.push({ ...c, ...(random.chance(0.1) ? { startIsFinalReply: true } : {}), ...(random.chance(0.03) ? { direction: 'inbound' as const } : {}) });
    }
    const store = new CallStore();
    for (const c of calls) store.add(c);
    const index = new AnalysisCache(store).index();
    const links = failoverRetries(store, index);
    const expected = linksByDefinition(store, index);
    expect(expected.length).toBeGreaterThan(200);
    expect(Array.from(links.rejection.subarray(0, links.count), (q, j) => [q, links.retry[j]!])).toEqual(expected);
  });
});

/**
 * The links as defined (top of failover.ts), the straightforward way: per rejection, the next
 * call to its number (not inbound or internal) is its retry elsewhere when it is on another trunk
 * within the window, ring allowance included, and has as many digits.
 */
function linksByDefinition(store: CallStore, index: ReturnType<AnalysisCache['index']>): [number, number][] {
  const outcomeOf = (p: number) => OUTCOMES[index.kind[p]! & KIND_OUTCOME];
  const counts = (p: number) => store.destLength[p]! > 0 && DIRECTIONS[store.direction[p]!] !== 'inbound' && DIRECTIONS[store.direction[p]!] !== 'internal';
  const nextCall = new Map<number, number>();
  const found: [number, number][] = [];
  for (let q = index.n - 1; q >= 0; q--) {
    if (!counts(q)) continue;
    const p = nextCall.get(store.destDigits[q]!);
    nextCall.set(store.destDigits[q]!, q);
    if (p === undefined || (outcomeOf(q) !== 'capacity' && outcomeOf(q) !== 'policy')) continue;
    const end = store.endMs[q]!;
    const rejectedAt = end > index.start[q]! ? end : index.start[q]!;
    const rang = store.startIsFinalReply[p] === 1 && (outcomeOf(p) === 'answered' || outcomeOf(p) === 'user');
    const windowMs = FAILOVER_WINDOW_MS + (rang ? RING_ALLOWANCE_MS : 0);
    const inTime = index.start[p]! - rejectedAt <= windowMs && index.start[p]! + 1000 >= rejectedAt;
    if (inTime && index.trunk[q] !== index.trunk[p] && store.destLength[q] === store.destLength[p]) found.push([q, p]);
  }
  return found.reverse();
}

