/**
 * One stray date never breaks sharing (issue 14): a row 500 days from the rest, or before 1970, used
 * to leave encodeShare throwing a RangeError. The span is cut to what a link carries, the stray
 * attempts are put at its edge (still counted, so the timeline adds up to the table) and reported.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { AnalysisCache } from '../analysis/analysis-cache';
import { analyzeDashboard } from '../analysis/analyze-dashboard';
import { ingestFiles } from '../ingest/ingest-files';
import { buildSharedView, decodeShare, encodeShare, LIMITS } from '.';

/** 40 calls on one day (10 of them 503), plus the stray rows given. */
function csv(stray: readonly string[]): string {
  const lines = ['Start Time,Carrier,SIP Code,Destination'];
  for (let i = 0; i < 40; i++) lines.push(`2026-11-16 10:${String(i).padStart(2, '0')}:00,carrier-a,${i < 10 ? 503 : 200},44207183${String(i).padStart(4, '0')}`);
  for (const [k, t] of stray.entries()) lines.push(`${t},carrier-a,200,44207199${String(k).padStart(4, '0')}`);
  return `${lines.join('\n')}\n`;
}

async function share(stray: readonly string[]) {
  const { summary, store } = await ingestFiles([{ name: 'day.csv', blob: new Blob([csv(stray)]) }]);
  const data = analyzeDashboard(store, { window: null, trunks: [], bucketMs: null, topN: 20 }, new AnalysisCache(store));
  const view = buildSharedView(summary, data, { trunks: ['carrier-a'], window: null }, { privacy: 'masked' });
  const decoded = await decodeShare(await encodeShare(view));
  if (!decoded.ok) throw new Error(decoded.error.message);
  return { summary, view, shared: decoded.value };
}

describe('sharing with outlier dates', () => {
  for (const [what, stray] of [
    ['a row 500 days later', ['2028-03-30 10:00:00']],
    ['a row before 1970', ['1969-12-31 23:00:00']],
    ['both, and one in 1900', ['1969-12-31 23:00:00', '2028-03-30 10:00:00', '1900-01-01 00:00:00']],
  ] as const) {
    it(`${what}: the link opens, every attempt is on the timeline, the stray ones are reported`, async () => {
      const { summary, view, shared } = await share(stray);
      expect(summary.calls).toBe(40 + stray.length);
      const row = shared.data.trunks.find((t) => t.trunk === 'carrier-a')!;
      expect(row.attempts).toBe(40 + stray.length);
      expect(row.rate503.n).toBe(10);
      expect(shared.data.series.buckets.reduce((n, b) => n + b.attempts, 0)).toBe(40 + stray.length);
      expect(shared.data.span.toMs - shared.data.span.fromMs).toBeLessThanOrEqual(LIMITS.maxSpanMs);
      expect(shared.data.span.fromMs).toBeGreaterThanOrEqual(0);
      // The day itself is inside the span; the stray rows were moved to its edges and counted.
      expect(shared.data.span.fromMs).toBeLessThanOrEqual(Date.UTC(2026, 10, 16, 10));
      expect(shared.data.span.toMs).toBeGreaterThanOrEqual(Date.UTC(2026, 10, 16, 10, 39));
      expect(view.outsideSpan?.attempts).toBe(stray.length);
    });
  }

  it('a day without strays is shared as it is', async () => {
    const { view } = await share([]);
    expect(view.outsideSpan).toBeUndefined();
  });

  it('fuzz: strays anywhere from 1900 to 2099 never stop the link, and every attempt stays on the timeline', async () => {
    const day = fc.date({ min: new Date('1900-01-01T00:00:00Z'), max: new Date('2099-12-31T00:00:00Z'), noInvalidDate: true });
    await fc.assert(
      fc.asyncProperty(fc.array(day, { minLength: 1, maxLength: 3 }), async (dates) => {
        const stray = dates.map((d) => d.toISOString().slice(0, 19).replace('T', ' '));
        const { shared } = await share(stray);
        expect(shared.data.series.buckets.reduce((n, b) => n + b.attempts, 0)).toBe(40 + stray.length);
      }),
      { numRuns: 15 },
    );
  });
});
