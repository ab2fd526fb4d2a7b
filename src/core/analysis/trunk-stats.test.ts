import { describe, expect, it } from 'vitest';
import { analyzeDashboard } from './analyze-dashboard';
import { at, query, storeOf, type CallSpec } from './test-helpers';

const tenOnA: CallSpec[] = [
  ...[0, 1, 2].map((i) => ({ start: at(`10:00:0${i}`), sip: 503, seconds: 0 })),
  ...[3, 4, 5, 6].map((i) => ({ start: at(`10:00:0${i}`), sip: 200, seconds: 100, talk: 90 })),
  { start: at('10:00:07'), sip: 486, seconds: 2 },
  { start: at('10:00:08'), sip: 603, seconds: 1 },
  { start: at('10:00:09'), sip: 404, seconds: 1 },
];

describe('trunk stats', () => {
  it('counts 10 calls on trunk A, 3 of them 503: rate503 3/10, ASR 4/10, NER 6/10, ACD 90 s', () => {
    const [a] = analyzeDashboard(storeOf(tenOnA), query()).trunks;
    expect(a).toMatchObject({
      trunk: 'A',
      attempts: 10,
      answered: 4,
      asr: { n: 4, d: 10 },
      // answered 4 + busy 486 + 603 (a terminal reject counts as delivered under ITU NER)
      ner: { n: 6, d: 10 },
      acdSec: 90,
      rate503: { n: 3, d: 10, provenance: { sip: 3, q850: 0, disposition: 0 } },
      rate603: { n: 1, d: 10, provenance: { sip: 1, q850: 0, disposition: 0 } },
      ambiguous403or603: 0,
      provenance: { sip: 10, q850: 0, disposition: 0, none: 0 },
    });
    expect(a!.byOutcome).toEqual({ answered: 4, capacity: 3, policy: 1, number: 1, user: 1, other: 0, unknown: 0 });
    expect(a!.byCode).toEqual([
      { code: '200', outcome: 'answered', count: 4 },
      { code: '503', outcome: 'capacity', count: 3 },
      { code: '404', outcome: 'number', count: 1 },
      { code: '486', outcome: 'user', count: 1 },
      { code: '603', outcome: 'policy', count: 1 },
    ]);
  });

  it('counts a 503 from every provenance, keeps Q.850 21 apart as "403/603"', () => {
    const store = storeOf([
      { start: at('10:00'), sip: 503, seconds: 0 },
      { start: at('10:01'), cause: 34, seconds: 0 }, // NORMAL_CIRCUIT_CONGESTION → ≈503
      { start: at('10:02'), disposition: 'FAILED', seconds: 0 }, // 503-like
      { start: at('10:03'), disposition: 'CONGESTION', seconds: 0 },
      { start: at('10:04'), cause: 816, seconds: 0 }, // FreeSWITCH DECLINE → ≈603
      { start: at('10:05'), cause: 21, seconds: 0 }, // CALL_REJECTED: 403 or 603
      { start: at('10:06'), disposition: 'BUSY', seconds: 3 },
      { start: at('10:07'), disposition: 'CANCEL', seconds: 3 },
    ]);
    const [a] = analyzeDashboard(store, query()).trunks;
    expect(a!.rate503).toEqual({ n: 4, d: 8, provenance: { sip: 1, q850: 1, disposition: 2 } });
    expect(a!.rate603).toEqual({ n: 1, d: 8, provenance: { sip: 0, q850: 1, disposition: 0 } });
    expect(a!.ambiguous403or603).toBe(1);
    expect(a!.provenance).toEqual({ sip: 1, q850: 3, disposition: 4, none: 0 });
    // NER: ≈603 (SIP 603) + cause 21 + BUSY + CANCEL (the caller gave up while it rang, a 487); not 503s.
    expect(a!.ner).toEqual({ n: 4, d: 8 });
    // SEER: ≈603 + cause 21 (counted as the 603 it is in E.411) + BUSY (486); a 487 is not in RFC 6076's list.
    expect(a!.seer).toEqual({ n: 3, d: 8 });
    expect(a!.byCode.map((c) => c.code).sort()).toEqual(['403/603', '503', 'BUSY', 'CANCEL', 'CONGESTION', 'FAILED', '≈503', '≈603'].sort());
    expect(a!.acdSec).toBeNull(); // nothing answered
  });

  it('leaves calls without a talk time out of ACD', () => {
    const store = storeOf([
      { start: at('10:00'), talk: 30 },
      { start: at('10:01'), talk: 90 },
      { start: at('10:02'), talk: null },
    ]);
    const [a] = analyzeDashboard(store, query()).trunks;
    expect(a!.answered).toBe(3);
    expect(a!.acdSec).toBe(60);
  });

  it('sorts trunks worst first: (capacity + policy) / attempts, then attempts, and counts only the window', () => {
    const store = storeOf([
      ...Array.from({ length: 4 }, (_, i) => ({ trunk: 'good', start: at(`09:00:0${i}`) })),
      { trunk: 'half', start: at('09:00:00'), sip: 603 },
      { trunk: 'half', start: at('09:00:01') },
      { trunk: 'worst', start: at('09:00:00'), sip: 503 },
      { trunk: 'late', start: at('12:00:00'), sip: 503 },
    ]);
    const all = analyzeDashboard(store, query()).trunks;
    expect(all.map((t) => t.trunk)).toEqual(['late', 'worst', 'half', 'good']);
    const morning = analyzeDashboard(store, query({ window: { fromMs: at('09:00'), toMs: at('10:00') } })).trunks;
    expect(morning.map((t) => [t.trunk, t.attempts])).toEqual([
      ['worst', 1],
      ['half', 2],
      ['good', 4],
      ['late', 0],
    ]);
    expect(morning[3]).toMatchObject({ asr: { n: 0, d: 0 }, rate503: { n: 0, d: 0 }, acdSec: null });
  });

  it('draws a trend of rejection shares over the whole span, whatever the window', () => {
    // 2 h span → 48 buckets would be 2.5 min: the nice size is 5 min (24 buckets).
    const store = storeOf([
      { start: at('10:00'), sip: 503 },
      { start: at('10:00:30') },
      { start: at('11:59:59') },
    ]);
    const trend = analyzeDashboard(store, query({ window: { fromMs: at('11:00'), toMs: at('11:30') } })).trunks[0]!.trend;
    expect(trend).toHaveLength(24);
    expect(trend[0]).toBe(0.5);
    expect(trend.slice(1)).toEqual(new Array(23).fill(0));
  });
});
