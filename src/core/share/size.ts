/**
 * How long a link is, and a smaller variant when it is over the budget. Detail goes in the order a
 * reader misses it least: what no panel shows, then resolution (coarser series, thinner trend
 * lines, fewer levels), then the long tails (breakdown rows), then whole panels, then the rows of
 * trunks not selected, and last the note. Every step says what it gave up, for the panel to show.
 */
import { encodeShare, LINK_BUDGET_CHARS } from './codec';
import { concurrencyPerSlot, maxPerSlot, mergeBuckets, mergeLevels, thinTrend, quantizeShare, type SharedView } from './view';

export interface ShareLength {
  /** Characters of the fragment, '#' included. */
  length: number;
  budget: number;
  fits: boolean;
}

export async function shareLengthReport(view: SharedView, budget: number = LINK_BUDGET_CHARS): Promise<ShareLength> {
  const length = (await encodeShare(view)).length;
  return { length, budget, fits: length <= budget };
}

export interface SmallerVariant {
  view: SharedView;
  fragment: string;
  length: number;
  fits: boolean;
  /** What was given up, in order, for the UI to say ("the timeline in 1 h buckets", "trend lines", …). */
  dropped: string[];
}

/** One way to shrink: the smaller view and what it gave up, or null when there is nothing of it left. */
type Step = (v: SharedView, over: number) => Shrunk | null;
/**
 * A smaller view and what it gave up. A later step of the same `kind` (coarser buckets, then no
 * series at all) replaces the earlier one's label.
 */
type Shrunk = { view: SharedView; label: string; kind?: string };

const isSelected = (v: SharedView) => {
  const selected = new Set(v.selection.trunks);
  return (trunk: string) => selected.has(trunk);
};

const STEPS: ReadonlyArray<{ run: Step; repeat?: true }> = [
  // Codes of trunks outside the selection are drawn nowhere (the codes panel shows the selection).
  {
    run: (v) => {
      const shown = isSelected(v);
      if (v.selection.trunks.length === 0 || !v.data.trunks.some((t) => !shown(t.trunk) && t.byCode.length > 0)) return null;
      return { view: mapTrunks(v, (t) => (shown(t.trunk) ? t : { ...t, byCode: [] })), label: 'codes of trunks not selected' };
    },
  },
  // So are the walks after the first: the shared page draws the first selected trunk's walk.
  {
    run: (v) =>
      v.diagnosis && v.diagnosis.walks.length > 1 ? { view: { ...v, diagnosis: { version: 1, walks: v.diagnosis.walks.slice(0, 1) } }, label: 'the diagnosis of trunks after the first', kind: 'walks' } : null,
  },
  { run: (v) => thinTrends(v) },
  { run: (v) => fewerLevels(v) },
  { run: (v) => coarsen(v) },
  { run: (v) => coarsen(v) },
  { run: (v) => cutBreakdown(v, 'callerIds', 5, 'caller IDs beyond the top 5') },
  { run: (v) => cutBreakdown(v, 'prefixes', 5, 'prefixes beyond the top 5') },
  { run: (v) => (v.data.trunks.some((t) => t.trend.length > 0) ? { view: mapTrunks(v, (t) => ({ ...t, trend: [] })), label: 'trend lines', kind: 'trend' } : null) },
  { run: (v) => (v.data.breakdowns.hours.length > 0 ? { view: withData(v, { breakdowns: { ...v.data.breakdowns, hours: [] } }), label: 'hours of the day' } : null) },
  { run: (v) => cutBreakdown(v, 'callerIds', 0, 'caller IDs') },
  {
    run: (v) =>
      v.data.cps.levels.length + v.data.concurrency.levels.length > 0
        ? { view: withData(v, { cps: { ...v.data.cps, levels: [] }, concurrency: { ...v.data.concurrency, levels: [] } }), label: 'CPS and concurrency levels', kind: 'levels' }
        : null,
  },
  { run: (v) => coarsen(v) },
  {
    run: (v) => {
      const walks = v.diagnosis?.walks;
      if (!walks?.some((w) => w.evidence)) return null;
      return { view: { ...v, diagnosis: { version: 1, walks: walks.map((w) => ({ trunk: w.trunk, verdict: w.verdict, overrides: w.overrides })) } }, label: 'the evidence sentence of the diagnosis' };
    },
  },
  {
    run: (v) =>
      v.data.series.buckets.length + v.data.cps.peakPerBucket.length + v.data.concurrency.maxPerBucket.length > 0
        ? {
            view: withData(v, { series: { ...v.data.series, buckets: [] }, cps: { ...v.data.cps, peakPerBucket: [] }, concurrency: { ...v.data.concurrency, maxPerBucket: [] } }),
            label: 'the charts over time',
            kind: 'series',
          }
        : null,
  },
  { run: (v) => cutBreakdown(v, 'prefixes', 0, 'destination prefixes') },
  { run: (v) => (v.data.onsets.length > 0 ? { view: withData(v, { onsets: [] }), label: '“since” of each trunk' } : null) },
  {
    run: (v) => {
      const shown = isSelected(v);
      const rows = v.data.trunks.filter((t) => shown(t.trunk));
      if (v.selection.trunks.length === 0 || rows.length === v.data.trunks.length) return null;
      return { view: withData(v, { trunks: rows, onsets: v.data.onsets.filter((o) => shown(o.trunk)) }), label: 'the rows of trunks not selected', kind: 'rows' };
    },
  },
  { run: (v) => (v.data.trunks.length > 1 ? dropTrunkRows(v, Math.ceil(v.data.trunks.length / 2)) : null), repeat: true },
  // The sender's own words go late, and only as far as needed (a base64 character is ¾ of a byte).
  {
    run: (v, over) => {
      if (v.note === '') return null;
      const keep = Math.max(0, v.note.length - Math.ceil(over * 0.75) - 8);
      return { view: { ...v, note: keep > 0 ? `${v.note.slice(0, keep)}…` : '' }, label: keep > 0 ? 'the end of the note' : 'the note', kind: 'note' };
    },
    repeat: true,
  },
  { run: (v) => (v.data.trunks.length > 0 ? dropTrunkRows(v, 0) : null) },
  { run: (v) => (v.diagnosis ? { view: { ...v, diagnosis: undefined }, label: 'the diagnosis', kind: 'walks' } : null) },
  { run: (v) => (v.selection.trunks.length > 1 ? { view: { ...v, selection: { ...v.selection, trunks: v.selection.trunks.slice(0, 1) } }, label: 'the selection after the first trunk' } : null) },
  { run: (v) => (v.createdFrom.files.length > 0 ? { view: { ...v, createdFrom: { files: [] } }, label: 'file names and row counts' } : null) },
];

/** Drop detail step by step until the link fits `budget` (or nothing is left to drop). */
export async function smallerVariant(view: SharedView, budget: number = LINK_BUDGET_CHARS): Promise<SmallerVariant> {
  let current = view;
  let fragment = await encodeShare(current);
  const dropped: Array<{ label: string; kind: string }> = [];
  for (let i = 0; i < STEPS.length && fragment.length > budget; ) {
    const step = STEPS[i]!;
    const next = step.run(current, fragment.length - budget);
    if (!next) {
      i++;
      continue;
    }
    current = next.view;
    fragment = await encodeShare(current);
    const same = dropped.findIndex((d) => d.kind === (next.kind ?? next.label));
    if (same >= 0) dropped.splice(same, 1);
    dropped.push({ label: next.label, kind: next.kind ?? next.label });
    // A step that shrinks in halves (trunk rows, the note) runs again until it fits or has nothing left.
    if (!step.repeat) i++;
  }
  return { view: current, fragment, length: fragment.length, fits: fragment.length <= budget, dropped: dropped.map((d) => d.label) };
}

function withData(v: SharedView, patch: Partial<SharedView['data']>): SharedView {
  return { ...v, data: { ...v.data, ...patch } };
}

function mapTrunks(v: SharedView, f: (t: SharedView['data']['trunks'][number]) => SharedView['data']['trunks'][number]): SharedView {
  return withData(v, { trunks: v.data.trunks.map(f) });
}

/** Keep the first `keep` (worst) trunk rows; the selection keeps its names either way. */
function dropTrunkRows(v: SharedView, keep: number): Shrunk | null {
  if (v.data.trunks.length <= keep) return null;
  const rows = v.data.trunks.slice(0, keep);
  const names = new Set(rows.map((t) => t.trunk));
  return { view: withData(v, { trunks: rows, onsets: v.data.onsets.filter((o) => names.has(o.trunk)) }), label: keep === 0 ? 'the trunk table' : `trunk table rows after the worst ${keep}`, kind: 'rows' };
}

function cutBreakdown(v: SharedView, which: 'prefixes' | 'callerIds', keep: number, label: string): Shrunk | null {
  const rows = v.data.breakdowns[which];
  if (rows.length <= keep + 1) return keep === 0 && rows.length > 0 ? { view: withData(v, { breakdowns: { ...v.data.breakdowns, [which]: [] } }), label, kind: which } : null;
  if (keep === 0) return { view: withData(v, { breakdowns: { ...v.data.breakdowns, [which]: [] } }), label, kind: which };
  const kept = rows.filter((r) => r.key !== 'other').slice(0, keep);
  const rest = rows.filter((r) => !kept.includes(r));
  const other = { key: 'other', label: '', attempts: 0, c503: 0, c603: 0, capacity: 0, policy: 0 };
  for (const r of rest) {
    other.attempts += r.attempts;
    other.c503 += r.c503;
    other.c603 += r.c603;
    other.capacity += r.capacity;
    other.policy += r.policy;
  }
  return { view: withData(v, { breakdowns: { ...v.data.breakdowns, [which]: [...kept, other] } }), label, kind: which };
}

/** Trend lines at half their points (each a sparkline of at least 6). */
function thinTrends(v: SharedView): Shrunk | null {
  const longest = Math.max(0, ...v.data.trunks.map((t) => t.trend.length));
  if (longest < 12) return null;
  const points = Math.ceil(longest / 2);
  return { view: mapTrunks(v, (t) => ({ ...t, trend: thinTrend(t.trend, points).map(quantizeShare) })), label: `trend lines thinned to ${points} points`, kind: 'trend' };
}

/** Concurrency levels merged to half as many rows. */
function fewerLevels(v: SharedView): Shrunk | null {
  const levels = v.data.concurrency.levels;
  if (levels.length < 8) return null;
  const max = Math.ceil(levels.length / 2);
  return { view: withData(v, { concurrency: { ...v.data.concurrency, levels: mergeLevels(levels, max) } }), label: `concurrency levels in ${max} rows`, kind: 'levels' };
}

/** Merge buckets two at a time (counts summed, peaks maxed). */
function coarsen(v: SharedView): Shrunk | null {
  const d = v.data;
  if (d.series.buckets.length < 8) return null;
  const size = d.series.bucketMs * 2;
  const view = withData(v, {
    series: { bucketMs: size, buckets: mergeBuckets(d.series.buckets, size) },
    cps: { ...d.cps, peakPerBucket: maxPerSlot(d.cps.peakPerBucket.map((p) => ({ t: p.t, v: p.peak })), size).map(([t, peak]) => ({ t, peak })) },
    concurrency: { ...d.concurrency, maxPerBucket: concurrencyPerSlot(d.concurrency.maxPerBucket, size) },
  });
  return { view, label: `the timeline in ${durationText(size)} buckets`, kind: 'series' };
}

function durationText(ms: number): string {
  if (ms < 60_000) return `${Math.round(ms / 1000)} s`;
  if (ms < 3_600_000) return `${Math.round(ms / 60_000)} min`;
  if (ms < 86_400_000) return `${+(ms / 3_600_000).toFixed(1)} h`;
  return `${+(ms / 86_400_000).toFixed(1)} d`;
}
