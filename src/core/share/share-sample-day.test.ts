/**
 * The size budget: the in-app sample day (SAMPLE_DAY as the VICIdial Export Calls Report, 10
 * trunks) with one trunk selected and a window must fit in 2,000 characters.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { analyzeDashboard } from '../analysis/analyze-dashboard';
import { at } from '../analysis/test-helpers';
import type { DashboardData } from '../analysis/dashboard-types';
import { ingestFiles, type IngestSummary } from '../ingest/ingest-files';
import { SAMPLE_DAY } from '../scenario/scenario';
import { vicidialExportCallsCarrierWriter } from '../scenario/writers/vicidial-export-calls-carrier';
import { writeScenarioText } from '../scenario/writers/writer';
import { decodeShare, encodeShare, LINK_BUDGET_CHARS } from './codec';
import { shareLengthReport, smallerVariant } from './size';
import { buildSharedView, type SharedView } from './view';

const window = { fromMs: at('12:00'), toMs: at('16:00') };
const trunk = 'prefix 8'; // carrier-b, the CPS limit
let summary: IngestSummary;
let data: DashboardData;
let whole: DashboardData;
let view: SharedView;

beforeAll(async () => {
  const text = writeScenarioText(SAMPLE_DAY, vicidialExportCallsCarrierWriter);
  const ingested = await ingestFiles([{ name: vicidialExportCallsCarrierWriter.fileName, blob: new Blob([text]) }]);
  summary = ingested.summary;
  data = analyzeDashboard(ingested.store, { window, trunks: [trunk], bucketMs: null, topN: 10 });
  whole = analyzeDashboard(ingested.store, { window: null, trunks: [], bucketMs: null, topN: 10 });
  view = buildSharedView(summary, data, { trunks: [trunk], window }, { privacy: 'masked', note: 'prefix 8 gets 503 above ~4 CPS since noon?' });
}, 60_000);

describe('the sample day link', () => {
  it(`fits in ${LINK_BUDGET_CHARS} characters (one trunk selected, 12:00–16:00)`, async () => {
    const report = await shareLengthReport(view);
    console.log(`sample day link: ${report.length} characters (budget ${report.budget})`);
    expect(report.fits).toBe(true);
    expect(report.length).toBeLessThanOrEqual(2000);
  });

  it('opens with the same numbers, quickly', async () => {
    const fragment = await encodeShare(view);
    const t0 = performance.now();
    const decoded = await decodeShare(fragment);
    const ms = performance.now() - t0;
    console.log(`sample day decode: ${ms.toFixed(1)} ms`);
    expect(decoded).toEqual({ ok: true, value: view });
    expect(ms).toBeLessThan(500);
  });

  it('keeps every trunk in the table and the numbers of the live dashboard', () => {
    expect(view.data.trunks.map((t) => t.trunk)).toEqual(data.trunks.map((t) => t.trunk));
    for (const [i, t] of view.data.trunks.entries()) {
      const live = data.trunks[i]!;
      expect([t.attempts, t.rate503, t.rate603, t.asr, t.ner]).toEqual([live.attempts, live.rate503, live.rate603, live.asr, live.ner]);
    }
    expect(view.data.cps.knee).toEqual(data.cps.knee);
    expect(view.data.calls).toBe(data.calls);
    const sum = (b: readonly { attempts: number }[]) => b.reduce((n, x) => n + x.attempts, 0);
    expect(sum(view.data.series.buckets)).toBe(sum(data.series.buckets)); // merged, not lost
    expect(view.createdFrom.files).toEqual([
      { name: vicidialExportCallsCarrierWriter.fileName, formatId: 'vicidial-export-calls-carrier', formatLabel: summary.files[0]!.format!.label, rows: { read: 63571, used: 63571, skipped: 0 } },
    ]);
  });

  it('carries no full caller ID unless the sender opts in', async () => {
    const fragment = await encodeShare(view);
    const decoded = await decodeShare(fragment);
    const text = JSON.stringify(decoded);
    expect(text).not.toMatch(/1312555\d{4}/); // the sample day's caller IDs are 1312555xxxx
    expect(view.data.breakdowns.callerIds.every((r) => r.key === 'other' || /^1312555•{4}( #\d+)?$/.test(r.key))).toBe(true);
    const full = buildSharedView(summary, data, { trunks: [trunk], window }, { privacy: 'full' });
    expect(full.data.breakdowns.callerIds.some((r) => /^1312555\d{4}$/.test(r.key))).toBe(true);
  });

  it('the whole day (all trunks, no selection) gets a smaller variant under the budget', async () => {
    const big = buildSharedView(summary, whole, { trunks: [], window: null }, { privacy: 'masked', maxBuckets: 200, trendPoints: 48, maxLevels: 200 });
    const before = await shareLengthReport(big);
    const smaller = await smallerVariant(big);
    console.log(`whole day at full resolution: ${before.length} → smaller variant ${smaller.length} (dropped: ${smaller.dropped.join(', ')})`);
    expect(before.fits).toBe(false);
    expect(smaller.fits).toBe(true);
    expect(smaller.dropped.length).toBeGreaterThan(0);
    expect(await decodeShare(smaller.fragment)).toEqual({ ok: true, value: smaller.view });
  });
});
