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
});
