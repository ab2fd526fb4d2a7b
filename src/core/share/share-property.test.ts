/**
 * decode(encode(x)) equals x for any view within the link's limits, its text made visible
 * (visible-view.ts): no control character is left in it but a note's or an evidence sentence's line feeds.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { BreakdownRow, DashboardData, Ratio, TrunkStats } from '../analysis/dashboard-types';
import type { OutcomeClass } from '../model/call-record';
import { decodeShare, encodeShare } from './codec';
import { LIMITS, TREND_STEPS, VERDICT_IDS, type SharedView } from './view';
import { withVisibleText } from './visible-view';

const MAX = 1_000_000;
const SPAN = LIMITS.maxSpanMs / 2;
/** Any text (astral characters too) that UTF-8 can carry, at most `max` UTF-16 units long. */
const text = (max: number) =>
  fc
    .string({ unit: 'binary', maxLength: Math.floor(max / 2) })
    .map((s) => s.replace(/[\uD800-\uDFFF]/g, (c, i: number, all: string) => (isPaired(all, i) ? c : '?')));
function isPaired(s: string, i: number): boolean {
  const c = s.charCodeAt(i);
  if (c <= 0xdbff) return i + 1 < s.length && s.charCodeAt(i + 1) >= 0xdc00 && s.charCodeAt(i + 1) <= 0xdfff;
  return i > 0 && s.charCodeAt(i - 1) >= 0xd800 && s.charCodeAt(i - 1) <= 0xdbff;
}
const n = fc.nat(MAX);
const ratio: fc.Arbitrary<Ratio> = fc.nat(MAX).chain((d) => fc.record({ n: fc.nat(d), d: fc.constant(d) }));
const provenance = fc.record({ sip: n, q850: n, disposition: n });
const outcome = fc.constantFrom<OutcomeClass>('answered', 'capacity', 'policy', 'number', 'user', 'other', 'unknown');

const trunkStats = (name: fc.Arbitrary<string>): fc.Arbitrary<TrunkStats> =>
  fc.record({
    trunk: name,
    attempts: n,
    answered: n,
    asr: ratio,
    ner: ratio,
    seer: ratio,
    acdSec: fc.option(fc.nat(100_000).map((k) => k / 10), { nil: null }),
    rate503: fc.tuple(ratio, provenance).map(([r, provenance]) => ({ ...r, provenance })),
    rate603: fc.tuple(ratio, provenance).map(([r, provenance]) => ({ ...r, provenance })),
    ambiguous403or603: n,
    byOutcome: fc.record({ answered: n, capacity: n, policy: n, number: n, user: n, other: n, unknown: n }),
    byCode: fc.array(fc.record({ code: text(LIMITS.key), outcome, count: n }), { maxLength: 4 }),
    provenance: fc.record({ sip: n, q850: n, disposition: n, none: n }),
    trend: fc.array(fc.integer({ min: 0, max: TREND_STEPS }).map((k) => k / TREND_STEPS), { maxLength: 30 }),
    // Calls in from the trunk: on some trunks only (a view carries the count where some came in).
    inbound: fc.option(fc.integer({ min: 1, max: MAX }), { nil: undefined }),
  }).map(({ inbound, ...t }) => ({ ...t, ...(inbound === undefined ? {} : { inbound }), attempts: t.attempts + atLeast(t) }));

/** What a trunk's attempts must cover (decoding refuses a row counting more than its attempts). */
function atLeast(t: TrunkStats): number {
  const sum = (xs: readonly number[]) => xs.reduce((a, b) => a + b, 0);
  return Math.max(t.answered, t.rate503.n, t.rate603.n, t.asr.d, t.ner.d, t.rate503.d, t.rate603.d, sum(Object.values(t.byOutcome)), sum(t.byCode.map((c) => c.count)));
}

const row: fc.Arbitrary<BreakdownRow> = fc
  .record({ key: text(LIMITS.key), label: text(LIMITS.label), attempts: n, c503: n, c603: n, capacity: n, policy: n })
  .map((r) => ({ ...r, attempts: r.attempts + Math.max(r.c503, r.c603, r.capacity + r.policy) }));

const data = (base: number, names: string[]): fc.Arbitrary<DashboardData> => {
  const t = fc.integer({ min: base - 86_400_000, max: base + SPAN });
  const offset = fc.integer({ min: 0, max: SPAN }).map((o) => base + o);
  const name = names.length > 0 ? fc.constantFrom(...names) : text(LIMITS.trunkName);
  return fc.record({
    span: fc.nat(SPAN).map((len) => ({ fromMs: base, toMs: base + len })),
    window: fc.tuple(offset, offset).map(([a, b]) => ({ fromMs: Math.min(a, b), toMs: Math.max(a, b) })),
    trunks: fc.array(trunkStats(name), { maxLength: 6 }),
    series: fc.record({
      bucketMs: fc.integer({ min: 1, max: 86_400_000 }),
      buckets: fc.array(
        fc
          .record({ t, attempts: n, answered: n, capacity: n, policy: n, otherFailed: n, c503: n, c603: n })
          .map((b) => ({ ...b, attempts: b.attempts + Math.max(b.c503, b.c603, b.answered + b.capacity + b.policy) })),
        { maxLength: 20 },
      ),
    }),
    cps: fc.record({
      peak: n,
      p99: n,
      levels: fc.array(
        fc.record({ cps: fc.nat(1000), seconds: fc.nat(1000), c503: n, extra: fc.nat(1000) }).map((l) => ({ cps: l.cps, seconds: l.seconds, attempts: l.cps * l.seconds + l.extra, c503: Math.min(l.c503, l.cps * l.seconds + l.extra) })),
        { maxLength: 10 },
      ),
      knee: fc.option(fc.record({ cps: n, below: ratio, atOrAbove: ratio, limit: n }), { nil: null }),
      peakPerBucket: fc.array(fc.record({ t, peak: n }), { maxLength: 20 }),
      wholeMinutes: fc.boolean(),
      wholeMinuteCallsLeftOut: fc.nat(1000),
    }),
    concurrency: fc.record({
      available: fc.boolean(),
      peak: n,
      maxPerBucket: fc.array(fc.record({ t, max: n }), { maxLength: 20 }),
      levels: fc.array(fc.record({ level: n, attempts: n, c503: n }).map((l) => ({ ...l, attempts: l.attempts + l.c503 })), { maxLength: 10 }),
      plateau: fc.option(fc.record({ level: n, seconds: n, atPlateau: ratio, below: ratio }), { nil: null }),
    }),
    breakdowns: fc.record({ prefixes: fc.array(row, { maxLength: 5 }), callerIds: fc.array(row, { maxLength: 5 }), hours: fc.array(row, { maxLength: 24 }) }),
    onsets: fc.array(fc.record({ trunk: name, kind: fc.constantFrom<'503' | '603'>('503', '603'), atMs: t, before: ratio, after: ratio }), { maxLength: 4 }),
    calls: n,
  });
};

const sharedView: fc.Arbitrary<SharedView> = fc
  .record({ base: fc.integer({ min: 86_400_000, max: LIMITS.maxMs }), names: fc.array(text(LIMITS.trunkName), { maxLength: 4 }) })
  .chain(({ base, names }) =>
    fc.record(
      {
        version: fc.constant(1 as const),
        createdFrom: fc.record({
          files: fc.array(
            fc.record({
              name: text(LIMITS.fileName),
              formatId: fc.oneof(text(LIMITS.label), fc.constantFrom('asterisk-cdr-csv', 'vicidial-export-calls-carrier')),
              formatLabel: text(LIMITS.label),
              rows: fc.record({ read: n, used: n, skipped: n }),
            }),
            { maxLength: 3 },
          ),
        }),
        selection: fc.record({
          trunks: fc.array(names.length > 0 ? fc.constantFrom(...names) : text(LIMITS.trunkName), { maxLength: 3 }),
          window: fc.option(
            fc.tuple(fc.nat(SPAN), fc.nat(SPAN)).map(([a, b]) => ({ fromMs: base + Math.min(a, b), toMs: base + Math.max(a, b) })),
            { nil: null },
          ),
        }),
        data: data(base, names),
        note: text(LIMITS.note),
        privacy: fc.constantFrom<'masked' | 'full'>('masked', 'full'),
        diagnosis: fc.record({
          version: fc.constant(1 as const),
          walks: fc.array(fc.record({ trunk: text(LIMITS.trunkName), verdict: fc.constantFrom(...VERDICT_IDS), overrides: fc.dictionary(text(LIMITS.key), text(LIMITS.label), { maxKeys: 4 }) }), {
            maxLength: 3,
          }),
        }),
      },
      { requiredKeys: ['version', 'createdFrom', 'selection', 'data', 'note', 'privacy'] },
    ),
  );

/** Controls and direction marks (as model/visible-text.ts escapes them). */
// eslint-disable-next-line no-control-regex -- what must not be left in a view's text
const ACTS = /[\u0000-\u001f\u007f-\u009f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]/;
function textsIn(x: unknown): string[] {
  if (typeof x === 'string') return [x];
  if (x && typeof x === 'object') return Object.values(x).flatMap(textsIn);
  return [];
}

describe('decode(encode(x)) = x', () => {
  it('for generated views within the limits', async () => {
    await fc.assert(
      fc.asyncProperty(sharedView, async (view) => {
        const decoded = await decodeShare(await encodeShare(view));
        if (!decoded.ok) throw new Error(`${decoded.error.code}: ${decoded.error.message} ${decoded.error.detail ?? ''}`);
        expect(decoded.value).toEqual(withVisibleText(view));
        // Every text shown, a note and an evidence sentence as their lines (a walk's overrides are not shown).
        const { note, diagnosis, ...rest } = decoded.value;
        const walks = diagnosis?.walks.map((w) => [w.trunk, w.verdict, w.evidence?.split('\n')]);
        expect(textsIn([rest, walks, note.split('\n')]).filter((t) => ACTS.test(t))).toEqual([]);
      }),
      { numRuns: 200 },
    );
  }, 60_000);
});
