/**
 * The sample day (SAMPLE_DAY, ten carriers with one problem each) written as the VICIdial carrier
 * log an operator downloads, read back like a dropped file, then analysed: each carrier's problem
 * must show in its own panel. The carrier log names trunks by dial prefix ("prefix 8") and has no
 * caller IDs, so carrier-e's blocked caller IDs cannot show here.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { ingestFiles } from '../ingest/ingest-files';
import { SAMPLE_DAY } from '../scenario/scenario';
import { vicidialCarrierLogWriter } from '../scenario/writers/vicidial-carrier-log';
import { writeScenarioText } from '../scenario/writers/writer';
import { AnalysisCache } from './analysis-cache';
import { analyzeDashboard } from './analyze-dashboard';
import type { CallStore } from './call-store';
import type { DashboardData } from './dashboard-types';
import { at, nonFinitePaths, query } from './test-helpers';

const trunkOf = (carrier: string) => `prefix ${SAMPLE_DAY.trunks.find((t) => t.name === carrier)!.dialPrefix}`;
const FIVE_MINUTES = 5 * 60_000;

let store: CallStore;
let cache: AnalysisCache;
let all: DashboardData;
const forCarrier = (carrier: string) => analyzeDashboard(store, query({ trunks: [trunkOf(carrier)], topN: 12 }), cache);

beforeAll(async () => {
  const text = writeScenarioText(SAMPLE_DAY, vicidialCarrierLogWriter);
  ({ store } = await ingestFiles([{ name: vicidialCarrierLogWriter.fileName, blob: new Blob([text]) }]));
  cache = new AnalysisCache(store);
  all = analyzeDashboard(store, query({ topN: 12 }), cache);
});

describe('the sample day through the VICIdial carrier log', () => {
  it('covers the day in 5-minute buckets without a NaN', () => {
    expect(all.calls).toBe(store.length);
    expect(all.series.bucketMs).toBe(FIVE_MINUTES);
    expect(all.trunks).toHaveLength(10);
    expect(nonFinitePaths(all)).toEqual([]);
  });

  it('carrier-b (cps-limit 3): a CPS knee near its limit', () => {
    const { cps } = forCarrier('carrier-b');
    expect(cps.knee?.cps).toBeGreaterThanOrEqual(3);
    expect(cps.knee?.cps).toBeLessThanOrEqual(5);
    expect(cps.knee!.below.n / cps.knee!.below.d).toBeLessThan(0.01);
    expect(cps.knee!.atOrAbove.n / cps.knee!.atOrAbove.d).toBeGreaterThan(0.3);
  });

  it('carrier-c (channel cap 12): a concurrency plateau at 12 where every attempt gets 503', () => {
    const { concurrency, cps } = forCarrier('carrier-c');
    expect(concurrency.available).toBe(true);
    expect(concurrency.plateau?.level).toBe(12);
    // (Nearly) every attempt at 12 refused: in whole seconds, a call taken in the second a channel
    // freed (its end rounded into that second) is counted at the level its burst reached (concurrency.ts).
    expect(concurrency.plateau!.atPlateau.n).toBeGreaterThanOrEqual(0.99 * concurrency.plateau!.atPlateau.d);
    expect(concurrency.plateau!.seconds).toBeGreaterThan(3600);
    expect(cps.knee).toBeNull(); // ordinary CPS
  });

  it('carrier-d (destination-blocked): 603s on 1876 Jamaica and 1809 Dominican Republic only', () => {
    const rows = forCarrier('carrier-d').breakdowns.prefixes;
    const refused = rows.filter((r) => r.c603 / r.attempts > 0.9).map((r) => [r.key, r.label]);
    expect(refused.sort()).toEqual([
      ['1809', 'Dominican Republic'],
      ['1876', 'Jamaica'],
    ]);
    for (const r of rows.filter((row) => !['1809', '1876'].includes(row.key))) expect(r.c603 / r.attempts, r.key).toBeLessThan(0.02);
  });

  it('carrier-h (no-route): 503s on 44 United Kingdom and 63 Philippines', () => {
    const rows = forCarrier('carrier-h').breakdowns.prefixes;
    expect(rows.filter((r) => r.c503 / r.attempts > 0.9).map((r) => [r.key, r.label]).sort()).toEqual([
      ['44', 'United Kingdom'],
      ['63', 'Philippines'],
    ]);
  });

  it('onsets: carrier-f 603 at 13:10, carrier-g 503 at 15:42, and no other', () => {
    const near = (ms: number, clock: string) => Math.abs(ms - at(clock)) <= FIVE_MINUTES;
    const f = all.onsets.find((o) => o.trunk === trunkOf('carrier-f'));
    const g = all.onsets.find((o) => o.trunk === trunkOf('carrier-g'));
    expect(f?.kind).toBe('603');
    expect(near(f!.atMs, '13:10')).toBe(true);
    expect(g?.kind).toBe('503');
    expect(near(g!.atMs, '15:42')).toBe(true);
    expect(all.onsets).toHaveLength(2); // carrier-i bad from the start, carrier-a healthy: none
  });

  it('carrier-i (auth-or-disabled): every attempt refused from the start, no onset', () => {
    const i = all.trunks.find((t) => t.trunk === trunkOf('carrier-i'))!;
    expect(i.byOutcome.policy).toBe(i.attempts);
    expect(all.trunks[0]!.trunk).toBe(trunkOf('carrier-i')); // worst first
  });

  it('carrier-a (healthy): nothing stands out', () => {
    const a = forCarrier('carrier-a');
    const stats = a.trunks.find((t) => t.trunk === trunkOf('carrier-a'))!;
    expect(stats.rate503.n / stats.rate503.d).toBeLessThan(0.01);
    expect(stats.rate603.n / stats.rate603.d).toBeLessThan(0.01);
    expect(a.cps.knee).toBeNull();
    expect(a.concurrency.plateau).toBeNull();
    expect(a.breakdowns.prefixes.filter((r) => r.key !== 'other' && (r.capacity + r.policy) / r.attempts > 0.05)).toEqual([]);
    expect(a.breakdowns.callerIds).toEqual([expect.objectContaining({ key: '(none)', attempts: a.calls })]); // the format has none
  });
});
