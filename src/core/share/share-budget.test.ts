/**
 * Every view fits the link budget: each single-trunk view of the sample day (as the app shows it:
 * the sample day's file, carrier names, the trunk's diagnosis walk, no note) fits 2,000 characters
 * of address, keeping the selected trunk's numbers; a bigger view shrinks step by step and says
 * what it left out.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { analyzeDashboard } from '../analysis/analyze-dashboard';
import { at } from '../analysis/test-helpers';
import type { DashboardData, TimeWindow } from '../analysis/dashboard-types';
import { diagnoseTrunks } from '../diagnosis/evidence';
import type { TrunkDiagnosis } from '../diagnosis/types';
import type { CallStore } from '../analysis/call-store';
import { ingestFiles, type IngestSummary } from '../ingest/ingest-files';
import { SAMPLE_DAY } from '../scenario/scenario';
import { vicidialExportCallsCarrierWriter } from '../scenario/writers/vicidial-export-calls-carrier';
import { writeScenarioText } from '../scenario/writers/writer';
import { decodeShare, LINK_BUDGET_CHARS } from './codec';
import { smallerVariant } from './size';
import { buildSharedView, LIMITS, type SharedView } from './view';
import { withVisibleText } from './visible-view';

/** A deployed address longer than the preview's (http://localhost:4173/ is 22). */
const BASE = 'https://tools.example.com/trunk-triage/';
const BUDGET = LINK_BUDGET_CHARS - BASE.length;
/** What an operator reads the verdict from: dropping any of these is not a fit. */
const ESSENTIAL = ['the rows of trunks not selected', 'the trunk table', 'the diagnosis', 'the charts over time', 'destination prefixes', 'the evidence sentence of the diagnosis'];

let store: CallStore;
let summary: IngestSummary;
let diagnoses: TrunkDiagnosis[];
/** The sample day's carrier names ("prefix 8" → "Carrier B"), as the app shows them. */
const names = Object.fromEntries(SAMPLE_DAY.trunks.map((t) => [`prefix ${t.dialPrefix}`, t.name.replace(/^carrier-(\w)$/, (_, c: string) => `Carrier ${c.toUpperCase()}`)]));
const name = (t: string) => names[t] ?? t;

beforeAll(async () => {
  const text = writeScenarioText(SAMPLE_DAY, vicidialExportCallsCarrierWriter);
  const ingested = await ingestFiles([{ name: 'sample-day_NEW_EXPORT_CALL_REPORT_20261116-201500.txt', blob: new Blob([text]) }]);
  store = ingested.store;
  summary = ingested.summary;
  diagnoses = diagnoseTrunks(store, { files: summary.files.map((f) => ({ capabilities: f.capabilities, trunks: f.trunks })) });
}, 120_000);

/** The view the share panel builds for these trunks and window (names as displayed, walks with evidence). */
function appView(trunks: string[], window: TimeWindow | null, note = ''): { view: SharedView; data: DashboardData } {
  const data = analyzeDashboard(store, { window, trunks, bucketMs: null, topN: 12 });
  const named: DashboardData = { ...data, trunks: data.trunks.map((t) => ({ ...t, trunk: name(t.trunk) })), onsets: data.onsets.map((o) => ({ ...o, trunk: name(o.trunk) })) };
  const walks = trunks.map((t) => {
    const d = diagnoses.find((x) => x.trunk === t)!;
    return { trunk: name(t), verdict: d.verdict, overrides: {}, ...(d.evidence ? { evidence: d.evidence.summary } : {}) };
  });
  const view = buildSharedView(summary, named, { trunks: trunks.map(name), window }, { privacy: 'masked', note, diagnosis: { version: 1, walks } });
  return { view, data: named };
}

describe('the link budget', () => {
  it('every single-trunk view of the sample day fits 2,000 characters of address and keeps what the verdict rests on', async () => {
    expect(summary.trunks).toHaveLength(10);
    for (const window of [null, { fromMs: at('12:00'), toMs: at('16:00') }]) {
      for (const t of summary.trunks) {
        const { view, data } = appView([t.name], window);
        const small = await smallerVariant(view, BUDGET);
        const label = `${name(t.name)} ${window ? '12:00–16:00' : 'whole day'}`;
        expect(BASE.length + small.length, label).toBeLessThanOrEqual(2000);
        expect(small.dropped.filter((d) => ESSENTIAL.includes(d)), label).toEqual([]);
        // The selected trunk's row, its diagnosis and its evidence arrive as they left.
        const decoded = await decodeShare(small.fragment);
        if (!decoded.ok) throw new Error(decoded.error.message);
        const row = decoded.value.data.trunks.find((r) => r.trunk === name(t.name))!;
        const live = data.trunks.find((r) => r.trunk === name(t.name))!;
        expect([row.attempts, row.rate503, row.rate603, row.asr], label).toEqual([live.attempts, live.rate503, live.rate603, live.asr]);
        expect(decoded.value.diagnosis?.walks[0]?.verdict, label).toBe(diagnoses.find((d) => d.trunk === t.name)!.verdict);
        expect(decoded.value.data.trunks, label).toHaveLength(10);
      }
    }
  }, 120_000);

  it('ten trunks selected: shrinks until it fits and says what it left out, in order', async () => {
    const all = summary.trunks.map((t) => t.name);
    const { view } = appView(all, null, 'All ten carriers, whole day — which ones do we call about first?');
    const small = await smallerVariant(view, BUDGET);
    console.log(`ten trunks: ${small.length + BASE.length} characters, left out: ${small.dropped.join('; ')}`);
    expect(BASE.length + small.length).toBeLessThanOrEqual(2000);
    expect(small.fits).toBe(true);
    expect(small.dropped.length).toBeGreaterThan(0);
    expect(await decodeShare(small.fragment)).toEqual({ ok: true, value: small.view });
    // The table keeps every trunk: the view shrank its detail first.
    expect(small.view.data.trunks).toHaveLength(10);
  }, 60_000);

  it('a view at every limit (200 long trunk names, a 1,000-character note) still ends under the budget', async () => {
    const { view } = appView(['prefix 8'], null);
    const t0 = view.data.trunks[0]!;
    // Names and counts that deflate cannot fold together (a fixed pseudo-random sequence).
    let seed = 1;
    const next = () => (seed = (seed * 48271) % 2147483647);
    const word = () => Array.from({ length: LIMITS.trunkName }, () => String.fromCharCode(0x41 + (next() % 900))).join('');
    const trunks = Array.from({ length: LIMITS.trunks }, () => ({ ...t0, trunk: word(), attempts: t0.attempts + (next() % 1000) }));
    const huge: SharedView = {
      ...view,
      note: 'n'.repeat(LIMITS.note),
      selection: { trunks: trunks.slice(0, 50).map((t) => t.trunk), window: null },
      data: { ...view.data, trunks },
    };
    const small = await smallerVariant(huge, BUDGET);
    console.log(`every limit: left out ${small.dropped.join('; ')}`);
    expect(small.fits).toBe(true);
    expect(small.dropped).toContain('the trunk table');
    // Some of those names hold C1 controls (U+0080–U+009F): they open escaped (visible-view.ts).
    expect(await decodeShare(small.fragment)).toEqual({ ok: true, value: withVisibleText(small.view) });
  }, 60_000);

  it('a view that fits is left as it is', async () => {
    const { view } = appView(['prefix 77'], null);
    const small = await smallerVariant(view, 100_000);
    expect(small.dropped).toEqual([]);
    expect(small.view).toBe(view);
  });
});
