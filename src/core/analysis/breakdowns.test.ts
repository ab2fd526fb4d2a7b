import { describe, expect, it } from 'vitest';
import { AnalysisCache } from './analysis-cache';
import { analyzeDashboard } from './analyze-dashboard';
import { differs } from './prefix-groups';
import { at, query, storeOf, type CallSpec } from './test-helpers';

/** n calls to distinct numbers starting with `prefix`, `length` digits long, all answered with `sip`. */
function calls(prefix: string, n: number, opts: { sip?: number; trunk?: string; length?: number } = {}): CallSpec[] {
  const length = opts.length ?? 11;
  return Array.from({ length: n }, (_, i) => ({
    trunk: opts.trunk ?? 'A',
    start: at('10:00') + i * 1000,
    sip: opts.sip ?? 200,
    destination: prefix + String(2000000 + i).padStart(length - prefix.length, '5').slice(-(length - prefix.length)),
  }));
}

const rowsOf = (specs: CallSpec[], topN = 10, trunks: string[] = []) =>
  analyzeDashboard(storeOf(specs), query({ topN, trunks })).breakdowns.prefixes.map((r) => [r.key, r.label, r.attempts, r.c603]);

describe('destination prefixes', () => {
  it('labels 1876… Jamaica, 1809… Dominican Republic and 44… United Kingdom', () => {
    const rows = rowsOf([...calls('1312555', 30), ...calls('1876555', 25, { sip: 603 }), ...calls('1809555', 21, { sip: 603 }), ...calls('4420', 22, { length: 12 })]);
    expect(rows).toEqual([
      ['1312', 'United States · 312', 30, 0],
      ['1876', 'Jamaica', 25, 25],
      ['44', 'United Kingdom', 22, 0],
      ['1809', 'Dominican Republic', 21, 21],
    ]);
  });

  it('reads a 10-digit NANP number written without its country code as +1 (248… is Michigan, not Seychelles)', () => {
    const rows = rowsOf([...calls('248436', 30, { length: 10 }), ...calls('1312555', 20)]);
    expect(rows).toEqual([['1 (US)', 'United States', 50, 0]]);
    // When 248 behaves differently it gets its own row, labelled as the US area code it is.
    const refused = rowsOf([...calls('248436', 30, { length: 10, sip: 603 }), ...calls('1312555', 40)]);
    expect(refused).toContainEqual(['1248', 'United States · 248', 30, 30]);
  });

  it('shows an area code of its own only when it behaves differently', () => {
    // Three US area codes; 312 is refused (603) every time, 212 and 415 are fine.
    const specs = [...calls('1212555', 40), ...calls('1415555', 40), ...calls('1312555', 30, { sip: 603 })];
    expect(rowsOf(specs)).toEqual([
      ['1 (US)', 'United States', 80, 0],
      ['1312', 'United States · 312', 30, 30],
    ]);
    // All alike: one row for the country.
    expect(rowsOf([...calls('1212555', 40), ...calls('1415555', 40)])).toEqual([['1 (US)', 'United States', 80, 0]]);
    // A longer prefix inside another country: 447… (mobiles) refused, 4420… fine.
    const uk = [...calls('4420', 40, { length: 12 }), ...calls('447700', 30, { length: 12, sip: 603 })];
    expect(rowsOf(uk)).toEqual([
      ['44', 'United Kingdom', 40, 0],
      ['447', 'United Kingdom', 30, 30],
    ]);
  });

  it("strips a dialer's own dial prefix (9 + 1NXXNXXXXXX) found per trunk", () => {
    const specs = [...calls('91876555', 25, { trunk: 'pbx', length: 12 }), ...calls('91312555', 30, { trunk: 'pbx', length: 12 })];
    expect(rowsOf(specs)).toEqual([
      ['1312', 'United States · 312', 30, 0],
      ['1876', 'Jamaica', 25, 0],
    ]);
    // Numbers that are already international keep their digits: 1 + NXX is not a dial prefix.
    expect(rowsOf(calls('1312555', 30))).toEqual([['1312', 'United States · 312', 30, 0]]);
  });

  it('groups one destination dialled on several trunks alike, however each trunk writes it', () => {
    // Jamaica (1 876) three ways: through a dial prefix 9, as +1, and as a 10-digit NANP number.
    const specs = [
      ...calls('91876555', 25, { trunk: 'pbx', length: 12 }),
      ...calls('1876555', 21, { trunk: 'direct' }),
      ...calls('876555', 20, { trunk: 'local', length: 10, sip: 603 }),
    ];
    expect(rowsOf(specs)).toEqual([['1876', 'Jamaica', 66, 20]]);
    expect(rowsOf(specs, 10, ['pbx'])).toEqual([['1876', 'Jamaica', 25, 0]]);
    expect(rowsOf(specs, 10, ['direct'])).toEqual([['1876', 'Jamaica', 21, 0]]);
    expect(rowsOf(specs, 10, ['local'])).toEqual([['1876', 'Jamaica', 20, 20]]);
  });

  it('puts short numbers in one row, no number in another, and the rest past top N in "other"', () => {
    const specs = [
      ...calls('1312555', 30),
      ...calls('52', 20, { length: 12 }),
      ...calls('61', 20, { length: 11 }),
      ...calls('44', 20, { length: 12 }),
      ...calls('', 3, { length: 4 }), // extensions
      { start: at('11:00'), destination: '' },
    ];
    expect(rowsOf(specs, 2)).toEqual([
      ['1312', 'United States · 312', 30, 0],
      ['44', 'United Kingdom', 20, 0],
      ['other', '4 more', 44, 0],
    ]);
    expect(rowsOf(specs, 10).slice(-2)).toEqual([
      ['short', 'short / internal (< 7 digits)', 3, 0],
      ['(none)', 'no number in the file', 1, 0],
    ]);
  });

  it('tests a difference of shares with a two-proportion z and a 10-point gap', () => {
    expect(differs(30, 30, 0, 80)).toBe(true);
    expect(differs(3, 30, 0, 80)).toBe(false); // 10 % vs 0 %: the gap is there, the evidence is not
    expect(differs(50, 100, 45, 100)).toBe(false);
  });
});

describe('caller IDs and hours', () => {
  it('keeps the top N caller IDs by attempts and sums the rest into "other"', () => {
    const specs: CallSpec[] = [
      ...Array.from({ length: 5 }, (_, i) => ({ start: at('10:00') + i, callerId: '13125550142', sip: 603 })),
      ...Array.from({ length: 3 }, (_, i) => ({ start: at('10:01') + i, callerId: '13125550101' })),
      ...Array.from({ length: 2 }, (_, i) => ({ start: at('10:02') + i, callerId: '13125550102' })),
      { start: at('10:03'), callerId: '0044' }, // leading zeros kept
      { start: at('10:04') },
    ];
    const { callerIds } = analyzeDashboard(storeOf(specs), query({ topN: 2 })).breakdowns;
    expect(callerIds).toEqual([
      { key: '13125550142', label: '', attempts: 5, c503: 0, c603: 5, capacity: 0, policy: 5 },
      { key: '13125550101', label: '', attempts: 3, c503: 0, c603: 0, capacity: 0, policy: 0 },
      { key: 'other', label: '3 more', attempts: 4, c503: 0, c603: 0, capacity: 0, policy: 0 },
    ]);
    const all = analyzeDashboard(storeOf(specs), query({ topN: 10 })).breakdowns.callerIds;
    expect(all.map((r) => r.key)).toEqual(['13125550142', '13125550101', '13125550102', '(none)', '0044']);
  });

  it('counts each result class in its columns: a 502 is capacity without a 503, a 403 policy without a 603', () => {
    // One caller ID, one hour: 200, 486, 503, 502, 603, 403 → 6 attempts, one 503 and one 603,
    // capacity 503 + 502 = 2, policy 603 + 403 = 2.
    const specs: CallSpec[] = [200, 486, 503, 502, 603, 403].map((sip, i) => ({ start: at('11:00') + i * 1000, callerId: '13125550142', sip }));
    const { callerIds, hours, prefixes } = analyzeDashboard(storeOf(specs), query()).breakdowns;
    const counts = { attempts: 6, c503: 1, c603: 1, capacity: 2, policy: 2 };
    expect(callerIds).toEqual([{ key: '13125550142', label: '', ...counts }]);
    expect(hours[11]).toMatchObject(counts);
    expect(prefixes).toEqual([expect.objectContaining(counts)]);
  });

  it('answers a query as a fresh cache does after other windows and trunks were counted (its counts start from zero)', () => {
    // Two trunks over two hours, each call its own caller and destination; some refused.
    const specs: CallSpec[] = Array.from({ length: 120 }, (_, i) => ({
      trunk: i % 3 === 0 ? 'B' : 'A',
      start: at('10:00') + i * 60_000,
      sip: i % 4 === 0 ? 603 : i % 5 === 0 ? 503 : 200,
      callerId: `1312555${String(1000 + (i % 7)).padStart(4, '0')}`,
      destination: `1${i % 2 === 0 ? '876' : '809'}555${String(1000 + i).padStart(4, '0')}`,
    }));
    const store = storeOf(specs);
    const cache = new AnalysisCache(store);
    const questions = [
      query({ topN: 3 }),
      query({ topN: 3, trunks: ['A'], window: { fromMs: at('10:30'), toMs: at('11:10') } }),
      query({ topN: 3, trunks: ['B'], window: { fromMs: at('11:00'), toMs: at('12:00') } }),
      query({ topN: 3, trunks: ['A'] }),
    ];
    for (const q of questions) expect(analyzeDashboard(store, q, cache).breakdowns).toEqual(analyzeDashboard(storeOf(specs), q).breakdowns);
    // And again, in the other order.
    for (const q of [...questions].reverse()) expect(analyzeDashboard(store, q, cache).breakdowns).toEqual(analyzeDashboard(storeOf(specs), q).breakdowns);
  });

  it('keeps no count buffers for a store with a caller ID per call past 2^18 of them, and answers alike', () => {
    // 2^18 + 1 calls, each from a caller ID of its own (a dialer rotating spoofed numbers).
    const n = (1 << 18) + 1;
    const specs: CallSpec[] = Array.from({ length: n }, (_, i) => ({ start: at('10:00') + i * 100, callerId: String(13125000000 + i), sip: i % 3 === 0 ? 503 : 200 }));
    const store = storeOf(specs);
    const cache = new AnalysisCache(store);
    const window = { fromMs: at('10:00'), toMs: at('10:01') };
    cache.numberKeys();
    const held = cache.byteSize();
    const whole = analyzeDashboard(store, query({ topN: 2 }), cache).breakdowns;
    const windowed = analyzeDashboard(store, query({ topN: 2, window }), cache).breakdowns;
    // Kept, 40 bytes per caller ID would be ~10.5 MB; what the two answers keep is the index's and
    // the other panels' (a timeline, the count blocks…), a few MB.
    expect(cache.byteSize() - held).toBeLessThan(8e6);
    expect(whole.callerIds.at(-1)).toMatchObject({ key: 'other', attempts: n - 2 });
    // 10:00:00 – 10:00:59.9: 600 calls, 200 of them 503s.
    expect(windowed.hours[10]).toMatchObject({ attempts: 600, c503: 200 });
    expect(windowed).toEqual(analyzeDashboard(storeOf(specs), query({ topN: 2, window })).breakdowns);
  });

  it('gives 24 hour rows, wall clock as in the file', () => {
    const store = storeOf([
      { start: at('00:10'), sip: 503 },
      { start: at('09:59:59') },
      { start: at('23:30'), sip: 603 },
    ]);
    const { hours } = analyzeDashboard(store, query()).breakdowns;
    expect(hours).toHaveLength(24);
    expect(hours.map((h) => h.key)).toEqual(Array.from({ length: 24 }, (_, h) => String(h).padStart(2, '0')));
    expect(hours[0]).toMatchObject({ attempts: 1, c503: 1, capacity: 1 });
    expect(hours[9]).toMatchObject({ attempts: 1, c503: 0 });
    expect(hours[23]).toMatchObject({ attempts: 1, c603: 1, policy: 1 });
    expect(hours.reduce((n, h) => n + h.attempts, 0)).toBe(3);
  });
});
