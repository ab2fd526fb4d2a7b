import { describe, expect, it } from 'vitest';
import { analyzeDashboard } from './analyze-dashboard';
import { at, query, storeOf, type CallSpec } from './test-helpers';

/**
 * Five trunks: A 5 calls (2× 503), B 4 (1× 603), C 3 (3× 503), D 2 (answered, talk 30 s and 50 s),
 * E 1 (answered, talk 40 s). With a limit of 2 the table keeps A and B; C, D, E are summed.
 */
const calls: CallSpec[] = [
  ...[0, 1].map((i) => ({ trunk: 'A', start: at(`10:00:0${i}`), sip: 503, seconds: 0 })),
  ...[2, 3, 4].map((i) => ({ trunk: 'A', start: at(`10:00:0${i}`), sip: 486, seconds: 2 })),
  { trunk: 'B', start: at('10:01:00'), sip: 603, seconds: 0 },
  ...[1, 2, 3].map((i) => ({ trunk: 'B', start: at(`10:01:0${i}`), sip: 404, seconds: 1 })),
  ...[0, 1, 2].map((i) => ({ trunk: 'C', start: at(`10:02:0${i}`), sip: 503, seconds: 0 })),
  { trunk: 'D', start: at('10:03:00'), sip: 200, seconds: 40, talk: 30 },
  { trunk: 'D', start: at('10:03:01'), sip: 200, seconds: 60, talk: 50 },
  { trunk: 'E', start: at('10:04:00'), sip: 200, seconds: 45, talk: 40 },
];

describe('trunk table cap (trunkLimit)', () => {
  it('keeps the 2 trunks with the most attempts and sums C, D and E into one row that adds up', () => {
    const data = analyzeDashboard(storeOf(calls), query({ trunkLimit: 2 }));
    expect(data.trunks.map((t) => t.trunk).sort()).toEqual(['A', 'B']);
    const other = data.otherTrunks!;
    expect(other.trunks).toBe(3);
    expect(other.stats).toMatchObject({
      trunk: '',
      attempts: 6,
      answered: 3,
      asr: { n: 3, d: 6 },
      rate503: { n: 3, d: 6 },
      rate603: { n: 0, d: 6 },
      // (30 + 50 + 40) / 3 answered calls with a talk time
      acdSec: 40,
    });
    expect(other.stats.byCode).toEqual([
      { code: '200', outcome: 'answered', count: 3 },
      { code: '503', outcome: 'capacity', count: 3 },
    ]);
    // Onsets only for the rows shown (the rest have no row to show them in).
    expect(data.onsets.every((o) => o.trunk === 'A' || o.trunk === 'B')).toBe(true);
  });

  it('shown rows plus "other" give the same totals as the uncapped table', () => {
    const store = storeOf(calls);
    const all = analyzeDashboard(store, query()).trunks;
    const capped = analyzeDashboard(store, query({ trunkLimit: 2 }));
    const rows = [...capped.trunks, capped.otherTrunks!.stats];
    const sum = (list: typeof rows, f: (t: (typeof rows)[number]) => number) => list.reduce((n, t) => n + f(t), 0);
    for (const f of [(t: (typeof rows)[number]) => t.attempts, (t: (typeof rows)[number]) => t.rate503.n, (t: (typeof rows)[number]) => t.rate603.n, (t: (typeof rows)[number]) => t.ner.n, (t: (typeof rows)[number]) => t.byOutcome.user]) {
      expect(sum(rows, f)).toBe(sum(all, f));
    }
    expect(sum(rows, (t) => t.attempts)).toBe(15);
  });

  it('a selected trunk stays a row even when it has few attempts; no cap, no "other"', () => {
    const store = storeOf(calls);
    const withE = analyzeDashboard(store, query({ trunkLimit: 2, trunks: ['E'] }));
    expect(withE.trunks.map((t) => t.trunk).sort()).toEqual(['A', 'B', 'E']);
    expect(withE.otherTrunks).toMatchObject({ trunks: 2, stats: { attempts: 5 } });
    const roomy = analyzeDashboard(store, query({ trunkLimit: 5 }));
    expect(roomy.trunks).toHaveLength(5);
    expect(roomy.otherTrunks).toBeNull();
    expect(analyzeDashboard(store, query()).otherTrunks).toBeUndefined();
  });

  it('the order of the input rows does not change what is kept or summed', () => {
    const shuffled = [...calls].reverse();
    const a = analyzeDashboard(storeOf(calls), query({ trunkLimit: 2 }));
    const b = analyzeDashboard(storeOf(shuffled), query({ trunkLimit: 2 }));
    expect(b.trunks.map((t) => t.trunk)).toEqual(a.trunks.map((t) => t.trunk));
    expect(b.otherTrunks).toEqual(a.otherTrunks);
  });
});
