/**
 * How long a link is, and a smaller variant when it is over the budget: coarser series first, then
 * the table's trend lines, then the long tails (breakdown rows, CPS and concurrency levels, codes of
 * trunks not in view), then the detail panels themselves.
 */
import { encodeShare, LINK_BUDGET_CHARS } from './codec';
import { maxPerSlot, mergeBuckets, type SharedView } from './view';

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
  /** What was given up, in order, for the UI to say ("series at 30 min", "trend lines", …). */
  dropped: string[];
}

type Step = { label: string; apply: (v: SharedView) => SharedView | null };

const STEPS: readonly Step[] = [
  { label: 'series at half resolution', apply: (v) => coarsen(v, 2) },
  { label: 'series at half resolution', apply: (v) => coarsen(v, 2) },
  { label: 'trend lines', apply: (v) => mapTrunks(v, (t) => ({ ...t, trend: [] })) },
  { label: 'codes of trunks not in view', apply: (v) => mapTrunks(v, (t) => (v.selection.trunks.includes(t.trunk) ? t : { ...t, byCode: [] })) },
  { label: 'hours and caller IDs', apply: (v) => withData(v, { breakdowns: { ...v.data.breakdowns, hours: [], callerIds: [] } }) },
  { label: 'prefixes beyond the top 5', apply: (v) => withData(v, { breakdowns: { ...v.data.breakdowns, prefixes: v.data.breakdowns.prefixes.slice(0, 5) } }) },
  { label: 'CPS and concurrency levels', apply: (v) => withData(v, { cps: { ...v.data.cps, levels: [] }, concurrency: { ...v.data.concurrency, levels: [] } }) },
  { label: 'series at half resolution', apply: (v) => coarsen(v, 2) },
  { label: 'series at half resolution', apply: (v) => coarsen(v, 2) },
  { label: 'per-bucket charts', apply: (v) => withData(v, { series: { ...v.data.series, buckets: [] }, cps: { ...v.data.cps, peakPerBucket: [] }, concurrency: { ...v.data.concurrency, maxPerBucket: [] } }) },
];

/** Drop detail step by step until the link fits `budget` (or nothing is left to drop). */
export async function smallerVariant(view: SharedView, budget: number = LINK_BUDGET_CHARS): Promise<SmallerVariant> {
  let current = view;
  let fragment = await encodeShare(current);
  const dropped: string[] = [];
  for (const step of STEPS) {
    if (fragment.length <= budget) break;
    const next = step.apply(current);
    if (!next) continue;
    current = next;
    fragment = await encodeShare(current);
    dropped.push(step.label);
  }
  return { view: current, fragment, length: fragment.length, fits: fragment.length <= budget, dropped };
}

function withData(v: SharedView, patch: Partial<SharedView['data']>): SharedView {
  return { ...v, data: { ...v.data, ...patch } };
}

function mapTrunks(v: SharedView, f: (t: SharedView['data']['trunks'][number]) => SharedView['data']['trunks'][number]): SharedView {
  return withData(v, { trunks: v.data.trunks.map(f) });
}

/** Merge buckets `factor` at a time (counts summed, peaks maxed). */
function coarsen(v: SharedView, factor: number): SharedView | null {
  const d = v.data;
  if (d.series.buckets.length < 8) return null;
  const size = d.series.bucketMs * factor;
  return withData(v, {
    series: { bucketMs: size, buckets: mergeBuckets(d.series.buckets, size) },
    cps: { ...d.cps, peakPerBucket: maxPerSlot(d.cps.peakPerBucket.map((p) => ({ t: p.t, v: p.peak })), size).map(([t, peak]) => ({ t, peak })) },
    concurrency: { ...d.concurrency, maxPerBucket: maxPerSlot(d.concurrency.maxPerBucket.map((p) => ({ t: p.t, v: p.max })), size).map(([t, max]) => ({ t, max })) },
  });
}
