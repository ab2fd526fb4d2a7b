import { describe, expect, it } from 'vitest';
import { ingestFiles } from '../ingest/ingest-files';
import { AnalysisCache } from './analysis-cache';
import { analyzeDashboard } from './analyze-dashboard';
import { DEFAULT_KPI_THRESHOLDS, judgeKpi, validThresholds } from './kpi-thresholds';

/**
 * dialer-a: 40 attempts from caller 13125550101 (10 answered with 3 billed seconds, 10 with 60, 10
 * × 503, 10 × 603) and 10 from 13125550102 (answered, 60 s). office-b: 30 attempts, all answered
 * for 120 s, from 13125550103. By hand:
 *   dialer-a: 50 attempts, 20 rejected (10 × 503, 10 × 603), 30 answered: ASR of the calls let
 *             through 30 of 30 (100 %); ACD (10·3 + 20·60) / 30 = 41 s; short (≤ 6 s) 10 of 30
 *             (33 %); 503 10 of 50 (20 %); 603 10 of 50 (20 %).
 *   office-b: 30 attempts, ASR 100 %, ACD 120 s, nothing short, no 503 or 603.
 */
function csv(): string {
  const lines = ['Start Time,Carrier,SIP Code,Billsec,Caller ID,Destination'];
  let s = 0;
  const add = (trunk: string, code: number, duration: number, caller: string) => {
    s++;
    const t = `2026-11-16 10:${String(Math.floor(s / 60)).padStart(2, '0')}:${String(s % 60).padStart(2, '0')}`;
    lines.push(`${t},${trunk},${code},${duration},${caller},4420718${String(s).padStart(5, '0')}`);
  };
  for (let i = 0; i < 10; i++) add('dialer-a', 200, 3, '13125550101');
  for (let i = 0; i < 10; i++) add('dialer-a', 200, 60, '13125550101');
  for (let i = 0; i < 10; i++) add('dialer-a', 503, 0, '13125550101');
  for (let i = 0; i < 10; i++) add('dialer-a', 603, 0, '13125550101');
  for (let i = 0; i < 10; i++) add('dialer-a', 200, 60, '13125550102');
  for (let i = 0; i < 30; i++) add('office-b', 200, 120, '13125550103');
  return `${lines.join('\n')}\n`;
}

async function kpiOf(text: string, trunks: string[] = []) {
  const { store } = await ingestFiles([{ name: 'kpi.csv', blob: new Blob([text]) }]);
  const data = analyzeDashboard(store, { window: null, trunks, bucketMs: null, topN: 10, kpi: true }, new AnalysisCache(store));
  return data.kpi!;
}

describe('carrier KPI per trunk and caller ID', () => {
  it('counts what a person counts in the file', async () => {
    const kpi = await kpiOf(csv());
    const a = kpi.trunks.find((r) => r.key === 'dialer-a')!;
    expect(a).toMatchObject({ attempts: 50, answered: 30, talkCalls: 30, talkSec: 1230, c503: 10, c603: 10, capacity: 10, policy: 10 });
    expect(a.shortAnswered[2]).toBe(0);
    expect(a.shortAnswered[3]).toBe(10);
    expect(a.shortAnswered[6]).toBe(10);
    expect(a.shortAnswered[30]).toBe(10);
    const judged = judgeKpi(a, DEFAULT_KPI_THRESHOLDS);
    expect(judged.values.asr).toMatchObject({ value: 100, n: 30, d: 30, flagged: false });
    expect(judged.values.acd).toMatchObject({ value: 41, flagged: false });
    expect(judged.values.short.value).toBeCloseTo(100 / 3, 6);
    expect(judged.values.short).toMatchObject({ n: 10, d: 30, flagged: true });
    expect(judged.values['503']).toMatchObject({ value: 20, flagged: true });
    expect(judged.values['603']).toMatchObject({ value: 20, flagged: true });
    expect(judged.risk).toEqual(['throttling', 'refusing', 'likely-block']);

    const b = judgeKpi(kpi.trunks.find((r) => r.key === 'office-b')!, DEFAULT_KPI_THRESHOLDS);
    expect(b.values.acd.value).toBe(120);
    expect(b.risk).toEqual([]);
  });

  it('caller IDs follow the selected trunk; a caller ID under the minimum attempts is shown, not judged', async () => {
    const kpi = await kpiOf(csv(), ['dialer-a']);
    expect(kpi.callerIds.map((r) => [r.key, r.attempts, r.answered])).toEqual([
      ['13125550101', 40, 20],
      ['13125550102', 10, 10],
    ]);
    const few = judgeKpi(kpi.callerIds[1]!, DEFAULT_KPI_THRESHOLDS);
    expect(few.tooFew).toBe(true);
    expect(few.risk).toEqual([]);
    // The short-call limit moves on the page without another count: at 2 s nothing is short.
    expect(judgeKpi(kpi.callerIds[0]!, { ...DEFAULT_KPI_THRESHOLDS, shortSec: 2 }).values.short.n).toBe(0);
  });

  it('metamorphic: shuffled rows and another trunk added leave a trunk’s numbers alone', async () => {
    const text = csv();
    const [header, ...rows] = text.trimEnd().split('\n');
    const shuffled = [header, ...rows.reverse(), '2026-11-16 11:00:00,other-c,503,0,13125550109,442071899999'].join('\n') + '\n';
    const before = (await kpiOf(text)).trunks.find((r) => r.key === 'dialer-a');
    const after = (await kpiOf(shuffled)).trunks.find((r) => r.key === 'dialer-a');
    expect(after).toEqual(before);
  });

  it('a trunk whose every call is refused has no answer rate to flag: its 603 share says it', () => {
    const refused = { key: 'x', attempts: 40, answered: 0, talkCalls: 0, talkSec: 0, shortAnswered: [], c503: 0, c603: 40, capacity: 0, policy: 40, shows603: true };
    const j = judgeKpi(refused, DEFAULT_KPI_THRESHOLDS);
    expect(j.values.asr).toMatchObject({ value: null, flagged: false });
    expect(j.risk).toEqual(['refusing']);
    // 40 attempts, 10 refused, 6 of the other 30 answered: 20 % of the calls let through, flagged.
    const low = judgeKpi({ ...refused, answered: 6, c603: 10, policy: 10 }, DEFAULT_KPI_THRESHOLDS);
    expect(low.values.asr).toMatchObject({ value: 20, n: 6, d: 30, flagged: true });
    // Refused with 403s: no 603 at all, and still refusing (the 603 family's share is 100 %).
    const forbidden = judgeKpi({ ...refused, c603: 0 }, DEFAULT_KPI_THRESHOLDS);
    expect(forbidden.values['603']).toMatchObject({ value: 0, flagged: false });
    expect(forbidden.shares.policyPct).toBe(100);
    expect(forbidden.risk).toEqual(['refusing']);
  });

  it('a file of dispositions cannot show a 603: the KPI says n/a (null) as the trunk table does, never 0 %', async () => {
    // 40 Asterisk-like rows: 20 ANSWERED, 20 BUSY — no SIP code anywhere.
    const lines = ['Start Time,Carrier,Disposition,Billsec'];
    for (let i = 0; i < 40; i++) lines.push(`2026-11-16 10:00:${String(i).padStart(2, '0')},pstn-a,${i < 20 ? 'ANSWERED' : 'BUSY'},${i < 20 ? 45 : 0}`);
    const kpi = await kpiOf(`${lines.join('\n')}\n`);
    const row = kpi.trunks.find((r) => r.key === 'pstn-a')!;
    expect(row.shows603).toBe(false);
    expect(judgeKpi(row, DEFAULT_KPI_THRESHOLDS).values['603']).toMatchObject({ value: null, flagged: false });
  });

  it('a selected trunk past the row limit still has its row; the totals count every trunk and caller ID', async () => {
    const { store } = await ingestFiles([{ name: 'kpi.csv', blob: new Blob([csv()]) }]);
    const data = analyzeDashboard(store, { window: null, trunks: ['office-b'], bucketMs: null, topN: 10, trunkLimit: 1, kpi: true }, new AnalysisCache(store));
    expect(data.kpi!.trunks.map((r) => r.key)).toEqual(['dialer-a', 'office-b']);
    expect(data.kpi!.totals).toEqual({ trunks: 2, callerIds: 1 });
  });

  it('one cache answering queries one after another gives each what a fresh cache gives (per-window rows reused, caller tables cleared)', async () => {
    const { store } = await ingestFiles([{ name: 'kpi.csv', blob: new Blob([csv()]) }]);
    const shared = new AnalysisCache(store);
    // 10:00:00–10:00:40 holds calls 1–39: dialer-a's first 39 (caller …101 only).
    const early = { fromMs: Date.parse('2026-11-16T10:00:00Z'), toMs: Date.parse('2026-11-16T10:00:40Z') };
    const queries = [
      { trunks: ['dialer-a'], window: null },
      { trunks: ['office-b'], window: null },
      { trunks: ['dialer-a'], window: early },
      { trunks: [], window: null },
      { trunks: ['dialer-a'], window: null },
    ];
    for (const q of queries) {
      const query = { ...q, bucketMs: null, topN: 10, kpi: true };
      const fresh = analyzeDashboard(store, query, new AnalysisCache(store)).kpi!;
      expect(analyzeDashboard(store, query, shared).kpi).toEqual(fresh);
    }
    const windowed = analyzeDashboard(store, { trunks: ['dialer-a'], window: early, bucketMs: null, topN: 10, kpi: true }, shared).kpi!;
    expect(windowed.callerIds.map((r) => [r.key, r.attempts, r.answered, r.c503])).toEqual([['13125550101', 39, 20, 10]]);
    expect(windowed.trunks.map((r) => [r.key, r.attempts])).toEqual([['dialer-a', 39]]);
    expect(analyzeDashboard(store, { trunks: ['office-b'], window: null, bucketMs: null, topN: 10, kpi: true }, shared).kpi!.callerIds.map((r) => [r.key, r.attempts, r.shortAnswered[6]])).toEqual([['13125550103', 30, 0]]);
  });

  it('only a query that asks for it pays for it (the diagnosis runs an analysis per trunk)', async () => {
    const { store } = await ingestFiles([{ name: 'kpi.csv', blob: new Blob([csv()]) }]);
    expect(analyzeDashboard(store, { window: null, trunks: [], bucketMs: null, topN: 10 }, new AnalysisCache(store)).kpi).toBeUndefined();
  });

  it('thresholds from storage: bad fields fall back to the defaults', () => {
    expect(validThresholds(null)).toEqual(DEFAULT_KPI_THRESHOLDS);
    expect(validThresholds({ minAsrPct: 25, shortSec: 99, max503Pct: Number.NaN, max603Pct: '1', __proto__: { minAcdSec: 1 } })).toEqual({
      ...DEFAULT_KPI_THRESHOLDS,
      minAsrPct: 25,
    });
  });
});
