/**
 * A store keeps 65,534 distinct trunk names; the calls of trunks past that share one named row
 * (OTHER_TRUNKS_NAME), so the per-trunk rows still add up to every call instead of losing them.
 */
import { describe, expect, it } from 'vitest';
import { emptyRecord } from '../model/call-record';
import { AnalysisCache } from './analysis-cache';
import { analyzeDashboard } from './analyze-dashboard';
import { CallStore, OTHER_TRUNKS_NAME } from './call-store';
import { summarizeTrunks } from './trunk-summary';

describe('more trunks than a store names', () => {
  it('65,534 named trunks + 10 more (one call each, 3 of them 503): the 10 calls are one "other trunks" row', () => {
    const store = new CallStore();
    const t0 = Date.UTC(2026, 10, 16, 8);
    const total = 0xfffe + 10;
    for (let k = 0; k < total; k++) {
      const r = emptyRecord();
      r.startMs = t0 + k * 1000;
      r.trunk = `t${k}`;
      const rejected = k >= 0xfffe && k < 0xfffe + 3;
      r.sipCode = rejected ? 503 : 200;
      r.codeSource = 'sip';
      r.outcome = rejected ? 'capacity' : 'answered';
      store.add(r);
    }
    const data = analyzeDashboard(store, { window: null, trunks: [], bucketMs: null, topN: 20 }, new AnalysisCache(store));
    expect(data.trunks.reduce((n, t) => n + t.attempts, 0)).toBe(total);
    const other = data.trunks.find((t) => t.trunk === OTHER_TRUNKS_NAME);
    expect(other?.attempts).toBe(10);
    expect(other?.rate503.n).toBe(3);
    expect(data.trunks).toHaveLength(0xfffe + 1);
    const summary = summarizeTrunks(store);
    expect(summary.reduce((n, t) => n + t.attempts, 0)).toBe(total);
    expect(summary.find((t) => t.name === OTHER_TRUNKS_NAME)?.attempts).toBe(10);
  });
});
