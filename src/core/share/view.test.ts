import { describe, expect, it } from 'vitest';
import { maskNumber, mergeLevels, quantizeShare, thinTrend } from './view';

describe('maskNumber', () => {
  it('keeps at most 7 digits and hides at least the last 4, whatever the separators', () => {
    expect(maskNumber('13125550142')).toBe('1312555••••');
    expect(maskNumber('+44 20 7946 0958')).toBe('+44 20 794• ••••');
    expect(maskNumber('5551234')).toBe('555••••');
    expect(maskNumber('1234')).toBe('••••');
    expect(maskNumber('(none)')).toBe('(none)');
    expect(maskNumber('other')).toBe('other');
  });
});

describe('quantizing', () => {
  it('trend shares to 5 % steps, thinned by averaging', () => {
    expect(quantizeShare(0.126)).toBe(0.15);
    expect(quantizeShare(Number.NaN)).toBe(0);
    expect(thinTrend([0, 1, 0.5, 0.5, 1], 3)).toEqual([0.5, 0.5, 1]);
  });

  it('concurrency levels: empty ones dropped, the rest merged in equal steps', () => {
    const levels = Array.from({ length: 10 }, (_, level) => ({ level, attempts: level === 3 ? 0 : 1, c503: level === 9 ? 1 : 0 }));
    expect(mergeLevels(levels, 5)).toEqual([
      { level: 0, attempts: 2, c503: 0 },
      { level: 2, attempts: 1, c503: 0 },
      { level: 4, attempts: 2, c503: 0 },
      { level: 6, attempts: 2, c503: 0 },
      { level: 8, attempts: 2, c503: 1 },
    ]);
  });
});

describe('buildSharedView within the limits whatever the input', () => {
  it('300 trunks with 150-character names, a 5,000-character note, many rows: clipped, encodes, decodes', async () => {
    const { buildSharedView } = await import('./view');
    const { decodeShare, encodeShare } = await import('./codec');
    const { smallView } = await import('./test-views');
    const base = smallView();
    const t0 = base.data.trunks[0]!;
    const data = {
      ...base.data,
      trunks: Array.from({ length: 300 }, (_, i) => ({ ...t0, trunk: `${i}-${'x'.repeat(150)}` })),
      breakdowns: { ...base.data.breakdowns, prefixes: Array.from({ length: 500 }, (_, i) => ({ ...base.data.breakdowns.prefixes[0]!, key: String(i) })) },
    };
    const summary = { files: [], calls: 9, trunks: [], span: null };
    const view = buildSharedView(summary, data, { trunks: [data.trunks[0]!.trunk], window: null }, { privacy: 'masked', note: 'n'.repeat(5000), topN: 1000 });
    expect(view.data.trunks).toHaveLength(200);
    expect(view.note).toHaveLength(1000);
    expect(view.selection.trunks[0]).toHaveLength(100);
    expect(view.data.breakdowns.prefixes.length).toBeLessThanOrEqual(100);
    expect(await decodeShare(await encodeShare(view))).toEqual({ ok: true, value: view });
  });
});

describe('the concurrency chart in a link', () => {
  it('keeps the quiet buckets: 13 calls held 08:00–09:00, then none until 13:00, reads so after the round trip', async () => {
    const { buildSharedView } = await import('./view');
    const { decodeShare, encodeShare } = await import('./codec');
    const { smallView } = await import('./test-views');
    const base = smallView();
    const t0 = base.data.span.fromMs;
    const minute = 60_000;
    // 5 hours of minute buckets: held 13 for the first hour and 1 minute, 0 after (the reviewer's carrierA).
    const maxPerBucket = Array.from({ length: 300 }, (_, k) => ({ t: t0 + k * minute, max: k <= 60 ? 13 : 0 }));
    const window = { fromMs: t0, toMs: t0 + 300 * minute };
    const data = { ...base.data, span: window, window, series: { bucketMs: minute, buckets: base.data.series.buckets }, concurrency: { ...base.data.concurrency, peak: 13, maxPerBucket } };
    const view = buildSharedView({ files: [], calls: 9, trunks: [], span: null }, data, { trunks: ['sip-a'], window: null }, { privacy: 'masked', note: '', topN: 10 });
    const decoded = await decodeShare(await encodeShare(view));
    if (!decoded.ok) throw new Error(JSON.stringify(decoded.error));
    const shared = decoded.value.data.concurrency.maxPerBucket;
    // 300 minutes in at most 24 buckets: 13-minute buckets, 24 of them, evenly spaced to the end of the span.
    expect(shared).toHaveLength(24);
    expect(shared.map((b) => b.t - shared[0]!.t)).toEqual(Array.from({ length: 24 }, (_, k) => k * 13 * minute));
    expect(shared.map((b) => b.max)).toEqual(Array.from({ length: 24 }, (_, k) => (k * 13 <= 60 ? 13 : 0)));
  });
});
