/**
 * A query resolved against the cache: the window as a range of start-order positions (calls
 * whose start is in [fromMs, toMs)), and the selected trunks' calls as a list of positions —
 * null when every trunk is selected (then the range itself is the list). Passes iterate
 *   for (let p = sel.pLo; p < sel.pHi; p++) { const k = sel.positions === null ? p : sel.positions[p]!; … }
 * so a one-trunk query touches only that trunk's calls.
 */
import type { AnalysisCache, CallIndex } from './analysis-cache';
import type { DashboardQuery, TimeWindow } from './dashboard-types';
import { lowerBound } from './sort-order';

export interface Selection {
  window: TimeWindow;
  /** Start-order positions [lo, hi) of every call in the window (all trunks). */
  lo: number;
  hi: number;
  /** Identifies the trunk selection ('all' or the sorted trunk ids), for selection caches. */
  key: string;
  /** The selection's start-order positions, ascending; null = every call. */
  positions: Uint32Array | null;
  /** Range in `positions` (or in the index when null) of the selection's calls in the window. */
  pLo: number;
  pHi: number;
  /** 1 for each selected trunk id. */
  mask: Uint8Array;
}

/** Whole span: first start to just after the last one (a [from, to) window holding every call). */
export function spanOf(index: CallIndex): TimeWindow {
  if (index.n === 0) return { fromMs: 0, toMs: 0 };
  return { fromMs: index.start[0]!, toMs: index.start[index.n - 1]! + 1 };
}

export function resolveSelection(cache: AnalysisCache, query: DashboardQuery): Selection {
  const index = cache.index();
  const asked = query.window;
  const window =
    asked && Number.isFinite(asked.fromMs) && Number.isFinite(asked.toMs) && asked.toMs >= asked.fromMs
      ? { fromMs: asked.fromMs, toMs: asked.toMs }
      : spanOf(index);
  const lo = lowerBound(index.start, index.n, window.fromMs);
  const hi = Math.max(lo, lowerBound(index.start, index.n, window.toMs));
  const ids = selectedIds(index, query.trunks);
  const mask = new Uint8Array(Math.max(1, index.trunkCount));
  for (const id of ids) mask[id] = 1;
  if (ids.length === index.trunkCount) return { window, lo, hi, key: 'all', positions: null, pLo: lo, pHi: hi, mask };
  const key = ids.join(',');
  const positions = ids.length === 1 ? cache.trunkPositions()[ids[0]!]! : cache.recentSelection(`positions:${key}`, () => positionsOf(index, mask));
  const pLo = lowerBoundAt(index.start, positions, window.fromMs);
  const pHi = Math.max(pLo, lowerBoundAt(index.start, positions, window.toMs));
  return { window, lo, hi, key, positions, pLo, pHi, mask };
}

/** [] = every trunk; unknown names select nothing. Sorted ids. */
function selectedIds(index: CallIndex, trunks: readonly string[]): number[] {
  if (trunks.length === 0) return index.trunkNames.map((_, id) => id);
  const wanted = new Set(trunks);
  return index.trunkNames.flatMap((name, id) => (wanted.has(name) ? [id] : []));
}

function positionsOf(index: CallIndex, mask: Uint8Array): Uint32Array {
  let m = 0;
  for (let k = 0; k < index.n; k++) m += mask[index.trunk[k]!] === 1 ? 1 : 0;
  const out = new Uint32Array(m);
  let j = 0;
  for (let k = 0; k < index.n; k++) if (mask[index.trunk[k]!] === 1) out[j++] = k;
  return out;
}

/** First p with start[positions[p]] ≥ x. */
export function lowerBoundAt(start: Float64Array, positions: Uint32Array, x: number): number {
  let lo = 0;
  let hi = positions.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (start[positions[mid]!]! < x) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}
