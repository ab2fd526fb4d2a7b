/**
 * The selection's final results in the window by code and reason phrase, as the file wrote the
 * phrase ("403 Invalid Caller ID", "403 Insufficient funds remaining"): VICIdial's carrier log
 * shows SIP HANGUP REASON the same way. One pass counts per (code combination, reason id) in a flat
 * table (a Map when the table would be huge); labels and texts are built once per row.
 */
import type { AnalysisCache } from './analysis-cache';
import { OUTCOMES } from './call-store';
import type { CodeReasonRow } from './dashboard-types';
import type { Selection } from './selection';

/** Rows kept before "other reasons" (bounded output whatever the file). */
export const CODE_REASON_ROWS = 40;
const MAX_FLAT_CELLS = 1 << 20;
const REASON_IDS = 0x10000;

export function codeReasons(cache: AnalysisCache, sel: Selection, maxRows = CODE_REASON_ROWS): CodeReasonRow[] {
  const index = cache.index();
  const { code, reason } = index;
  const classes = index.codes;
  const reasonCount = cache.store.reasons.values.length + 1;
  const flat = classes.size * reasonCount <= MAX_FLAT_CELLS;
  const table = new Uint32Array(flat ? Math.max(1, classes.size * reasonCount) : 0);
  const map = new Map<number, number>();
  const { positions } = sel;
  for (let p = sel.pLo; p < sel.pHi; p++) {
    const k = positions === null ? p : positions[p]!;
    if (flat) table[code[k]! * reasonCount + reason[k]!]!++;
    else {
      const cell = code[k]! * REASON_IDS + reason[k]!;
      map.set(cell, (map.get(cell) ?? 0) + 1);
    }
  }
  // Combinations sharing a label (and outcome) and a reason are one row.
  const rows = new Map<string, CodeReasonRow>();
  const add = (combination: number, reasonId: number, count: number) => {
    const label = classes.codes[classes.codeId[combination]!]!;
    const text = cache.store.reasons.get(reasonId).trim();
    // A disposition is its own label: no phrase to add.
    const phrase = text.toUpperCase() === label.code.toUpperCase() ? '' : text;
    const key = `${label.code}\u0000${label.outcome}\u0000${phrase}`;
    const row = rows.get(key);
    if (row) row.count += count;
    else rows.set(key, { code: label.code, outcome: OUTCOMES[label.outcome] ?? 'unknown', reason: phrase, count });
  };
  if (flat) {
    for (let cell = 0; cell < table.length; cell++) if (table[cell]! > 0) add(Math.floor(cell / reasonCount), cell % reasonCount, table[cell]!);
  } else {
    for (const [cell, count] of map) add(Math.floor(cell / REASON_IDS), cell % REASON_IDS, count);
  }
  const sorted = [...rows.values()].sort((a, b) => b.count - a.count || a.code.localeCompare(b.code) || a.reason.localeCompare(b.reason));
  if (sorted.length <= maxRows) return sorted;
  const kept = sorted.slice(0, maxRows - 1);
  const rest = sorted.slice(maxRows - 1);
  kept.push({ code: 'other', outcome: 'unknown', reason: `${rest.length} more code and reason pairs`, count: rest.reduce((n, r) => n + r.count, 0) });
  return kept;
}
