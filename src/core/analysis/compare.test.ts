import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { ingestFiles } from '../ingest/ingest-files';
import { analyzeDashboard } from './analyze-dashboard';
import type { CallStore } from './call-store';
import { compareTrunks, dayWindow, outsideLists, overlaySeries, type TrunkRates } from './compare';
import type { TimeWindow } from './dashboard-types';

/**
 * fixtures/cdr/generic-csv/two-days.csv, by hand: Carrier A makes 10 attempts from 09:00 each day
 * (one 503 on the 16th, four on the 17th), 5 minutes apart; Carrier B makes 8 from 14:00, 2 minutes
 * apart (two 603s on the 16th, one on the 17th).
 */
const FIXTURE = readFileSync(new URL('../../../fixtures/cdr/generic-csv/two-days.csv', import.meta.url), 'utf8');
const DAY16 = dayWindow(Date.UTC(2026, 10, 16, 9, 0));
const DAY17 = dayWindow(Date.UTC(2026, 10, 17, 14, 35));

async function storeOf(text: string): Promise<CallStore> {
  return (await ingestFiles([{ name: 'two-days.csv', blob: new Blob([text]) }])).store;
}
const ask = (store: CallStore, window: TimeWindow, trunks: string[] = []) => analyzeDashboard(store, { window, trunks, bucketMs: 3_600_000, topN: 1 });

describe('compare two days', () => {
  it('gives each trunk its rates on each day and the difference in percentage points, the largest change first', async () => {
    const store = await storeOf(FIXTURE);
    const rows = compareTrunks(ask(store, DAY16).trunks, ask(store, DAY17).trunks);
    expect(rows.map((r) => [r.trunk, r.a?.rate503, r.b?.rate503, r.a?.rate603, r.b?.rate603])).toEqual([
      ['Carrier A', { n: 1, d: 10 }, { n: 4, d: 10 }, { n: 0, d: 10 }, { n: 0, d: 10 }],
      ['Carrier B', { n: 0, d: 8 }, { n: 0, d: 8 }, { n: 2, d: 8 }, { n: 1, d: 8 }],
    ]);
    // A: 503 10 % → 40 % = +30 points; B: 603 25 % → 12.5 % = −12.5 points.
    expect(rows[0]!.delta503).toBeCloseTo(30, 10);
    expect(rows[0]!.delta603).toBe(0);
    expect(rows[1]!.delta503).toBe(0);
    expect(rows[1]!.delta603).toBeCloseTo(-12.5, 10);
  });

  it('a day is midnight to midnight, whatever time it was picked at', () => {
    expect(DAY16).toEqual({ fromMs: Date.UTC(2026, 10, 16), toMs: Date.UTC(2026, 10, 17) });
    expect(DAY17).toEqual({ fromMs: Date.UTC(2026, 10, 17), toMs: Date.UTC(2026, 10, 18) });
  });

  it('overlays the days by time of day: hour 9 of the 16th beside hour 9 of the 17th', async () => {
    const store = await storeOf(FIXTURE);
    const points = overlaySeries(ask(store, DAY16, ['Carrier A']).series, ask(store, DAY17, ['Carrier A']).series);
    expect(points).toHaveLength(24);
    const nine = points[9]!;
    expect(new Date(nine.t).toISOString()).toBe('2026-11-16T09:00:00.000Z');
    expect(new Date(nine.tB).toISOString()).toBe('2026-11-17T09:00:00.000Z');
    expect([nine.a?.attempts, nine.a?.c503, nine.b?.attempts, nine.b?.c503]).toEqual([10, 1, 10, 4]);
    expect(points.filter((p) => (p.a?.attempts ?? 0) + (p.b?.attempts ?? 0) > 0).map((p) => new Date(p.t).getUTCHours())).toEqual([9]);
  });

  it('rows in another order give the same comparison', async () => {
    const [header, ...lines] = FIXTURE.trimEnd().split('\n');
    const shuffled = [header, ...lines.reverse()].join('\n');
    const [store, other] = [await storeOf(FIXTURE), await storeOf(shuffled)];
    expect(compareTrunks(ask(other, DAY16).trunks, ask(other, DAY17).trunks)).toEqual(compareTrunks(ask(store, DAY16).trunks, ask(store, DAY17).trunks));
  });
});

describe('compareTrunks', () => {
  /** `sip`: calls whose code the file states (0: dispositions only, so no 603 can show). */
  const stats = (trunk: string, attempts: number, c503: number, c603: number, sip = attempts): TrunkRates => {
    const provenance = { sip, q850: 0, disposition: attempts - sip };
    return { trunk, attempts, rate503: { n: c503, d: attempts, provenance }, rate603: { n: c603, d: attempts, provenance }, provenance: { ...provenance, none: 0 } };
  };

  it('a trunk seen in one period only has no difference; a period that cannot show a 603 has no 603 difference', () => {
    const rows = compareTrunks([stats('old', 5, 1, 0), stats('blind', 10, 2, 0, 0)], [stats('new', 4, 0, 1), stats('blind', 10, 5, 0)]);
    const blind = rows.find((r) => r.trunk === 'blind')!;
    expect(blind.delta503).toBeCloseTo(30, 10);
    expect(blind.delta603).toBeNull();
    expect(rows.find((r) => r.trunk === 'old')).toMatchObject({ b: null, delta503: null, delta603: null });
    expect(rows.find((r) => r.trunk === 'new')).toMatchObject({ a: null, delta503: null });
    // No attempts in either period (a trunk seen only inbound): not a row.
    expect(compareTrunks([stats('inbound only', 0, 0, 0)], [])).toEqual([]);
  });

  it('a trunk missing from a period whose list was capped is not compared (its counts there are unknown, not 0)', () => {
    const a = [stats('busy', 50, 5, 0), stats('edge', 5, 1, 0)];
    const b = [stats('busy', 60, 6, 0)];
    // B listed only its busiest trunks: 'edge' may have had calls there.
    expect(compareTrunks(a, b, { a: true, b: false }).map((r) => r.trunk)).toEqual(['busy']);
    expect(outsideLists(a, b, { a: true, b: false })).toBe(1);
    // B listed every trunk: 'edge' made no attempt there.
    expect(compareTrunks(a, b).find((r) => r.trunk === 'edge')).toMatchObject({ b: null, delta503: null });
    expect(outsideLists(a, b, { a: true, b: true })).toBe(0);
  });

  it('refuses to overlay series of different bucket sizes', () => {
    expect(() => overlaySeries({ bucketMs: 60_000, buckets: [] }, { bucketMs: 1000, buckets: [] })).toThrow(/bucket sizes differ/);
  });
});
