/**
 * Trunk names are text from a file: "__proto__", "constructor", "toString" … must be trunks like any
 * other, through ingest (aliases, a dr_gateways companion), the dashboard, the diagnosis, the share
 * link and the CLI's text. fast-check draws names from JavaScript's built-in property names, control
 * characters and long runs of spaces; the counts are checked against the rows written.
 */
import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { AnalysisCache } from '../analysis/analysis-cache';
import { analyzeDashboard } from '../analysis/analyze-dashboard';
import { diagnoseTrunks } from '../diagnosis/evidence';
import { buildSharedView, decodeShare, encodeShare } from '../share';
import { ingestFiles } from './ingest-files';

/** Own and inherited property names of the objects a lookup table could fall through to. */
export const BUILTIN_NAMES: readonly string[] = [
  ...new Set([
    '__proto__',
    ...Object.getOwnPropertyNames(Object.prototype),
    ...Object.getOwnPropertyNames(Function.prototype),
    ...Object.getOwnPropertyNames(Array.prototype).filter((n) => n !== 'length'),
    ...Object.getOwnPropertyNames(String.prototype).slice(0, 12),
    'prototype',
  ]),
].filter((n) => /^[\w$]+$/.test(n));

const nameArb = fc.oneof(
  fc.constantFrom(...BUILTIN_NAMES),
  fc.constantFrom(...BUILTIN_NAMES).map((n) => `${n}\u0007\u001b[2J`),
  fc.integer({ min: 1, max: 300 }).map((k) => `a${' '.repeat(k)}b`),
);

/** A generic CSV: per trunk `calls` rows, the first `rejected` of them 503. */
function csv(trunks: ReadonlyArray<{ name: string; calls: number; rejected: number }>): string {
  const lines = ['Start Time,Carrier,SIP Code,Destination,Duration'];
  let second = 0;
  for (const t of trunks) {
    for (let i = 0; i < t.calls; i++) {
      second++;
      const hh = String(Math.floor(second / 3600) % 24).padStart(2, '0');
      const mm = String(Math.floor(second / 60) % 60).padStart(2, '0');
      const ss = String(second % 60).padStart(2, '0');
      const quoted = `"${t.name.replaceAll('"', '""')}"`;
      lines.push(`2024-11-20 ${hh}:${mm}:${ss},${quoted},${i < t.rejected ? 503 : 200},4420718${String(second).padStart(5, '0')},${i < t.rejected ? 0 : 30}`);
    }
  }
  return `${lines.join('\n')}\n`;
}

async function roundTrip(trunks: ReadonlyArray<{ name: string; calls: number; rejected: number }>, withGateways: boolean) {
  const inputs = [{ name: 'carriers.csv', blob: new Blob([csv(trunks)]) }];
  if (withGateways) inputs.push({ name: 'dr_gateways.csv', blob: new Blob([readFileSync('fixtures/cdr/kamailio-dr-gateways/dr-gateways.csv')]) });
  const { summary, store } = await ingestFiles(inputs);
  const cache = new AnalysisCache(store);
  const data = analyzeDashboard(store, { window: null, trunks: [], bucketMs: null, topN: 20 }, cache);
  const diagnoses = diagnoseTrunks(store, { cache, data, files: summary.files });
  const view = buildSharedView(summary, data, { trunks: trunks.map((t) => t.name), window: null }, { privacy: 'masked' });
  const decoded = await decodeShare(await encodeShare(view));
  return { summary, data, diagnoses, decoded };
}

describe('trunks named like built-in properties', () => {
  it('__proto__, constructor, toString, hasOwnProperty, valueOf next to a dr_gateways file: every count where it belongs', async () => {
    const trunks = ['__proto__', 'constructor', 'toString', 'hasOwnProperty', 'valueOf'].map((name, k) => ({ name, calls: 10 + k, rejected: k + 1 }));
    const { summary, data, diagnoses, decoded } = await roundTrip(trunks, true);
    expect(summary.files.map((f) => f.error)).toEqual([null, null]);
    expect(summary.calls).toBe(10 + 11 + 12 + 13 + 14);
    const byName = new Map(data.trunks.map((t) => [t.trunk, t]));
    for (const t of trunks) {
      expect(typeof byName.get(t.name)?.trunk).toBe('string');
      expect(byName.get(t.name)?.attempts).toBe(t.calls);
      expect(byName.get(t.name)?.rate503).toMatchObject({ n: t.rejected, d: t.calls });
    }
    expect(summary.files[0]!.trunks).toEqual(trunks.map((t) => ({ name: t.name, calls: t.calls })).sort((a, b) => b.calls - a.calls));
    expect(diagnoses.map((d) => d.trunk).sort()).toEqual(trunks.map((t) => t.name).sort());
    expect(decoded.ok).toBe(true);
    if (decoded.ok) expect(decoded.value.data.trunks.map((t) => [t.trunk, t.attempts]).sort()).toEqual(trunks.map((t) => [t.name, t.calls]).sort());
  });

  it('fuzz: any mix of built-in names, control characters and space runs keeps every call on its trunk', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.uniqueArray(fc.record({ name: nameArb, calls: fc.integer({ min: 1, max: 4 }), rejected: fc.integer({ min: 0, max: 4 }) }), { minLength: 1, maxLength: 6, selector: (t) => t.name.trim() }),
        fc.boolean(),
        async (drawn, withGateways) => {
          const trunks = drawn.map((t) => ({ name: t.name, calls: t.calls, rejected: Math.min(t.rejected, t.calls) }));
          const { summary, data, decoded } = await roundTrip(trunks, withGateways);
          expect(summary.calls).toBe(trunks.reduce((n, t) => n + t.calls, 0));
          for (const t of trunks) {
            const row = data.trunks.find((x) => x.trunk === t.name.trim());
            expect(row?.attempts, JSON.stringify(t.name)).toBe(t.calls);
            expect(row?.rate503.n).toBe(t.rejected);
          }
          expect(decoded.ok).toBe(true);
        },
      ),
      { numRuns: 25 },
    );
  });
});

describe('header cells named like built-in properties', () => {
  it('fuzz: extra header cells drawn from built-in names, control characters and space runs never break the rows', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(nameArb, { minLength: 1, maxLength: 5 }), fc.boolean(), async (cells, alone) => {
        const header = alone ? cells : ['Start Time', 'Carrier', 'SIP Code', ...cells];
        const quote = (c: string) => `"${c.replaceAll('"', '""')}"`;
        const row = alone ? cells.map(() => 'x') : ['2024-11-20 10:00:00', 'carrier-a', '503', ...cells.map(() => 'x')];
        const text = `${header.map(quote).join(',')}\n${row.join(',')}\n${row.join(',').replace('10:00:00', '10:00:01')}\n`;
        // A stored mapping for some other header: the lookup by this header's signature must miss.
        const { summary } = await ingestFiles([{ name: 'cells.csv', blob: new Blob([text]) }], { mappingOverrides: { 'start time\u0000carrier': { header: ['Start Time', 'Carrier'], roles: {} } } });
        const f = summary.files[0]!;
        expect(f.rows.read).toBe(f.rows.used + f.rows.skipped);
        // Either read (both rows on carrier-a) or refused with a message naming the file: never a throw.
        if (f.format === null) expect(f.error).toContain('cells.csv');
        else if (!alone) expect(summary.calls).toBe(2);
      }),
      { numRuns: 40 },
    );
  });
});
