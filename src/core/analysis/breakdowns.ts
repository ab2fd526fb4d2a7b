/**
 * Where the selected trunks' rejections concentrate: destination prefix, caller ID, hour of day.
 * One pass over the window counts per destination key and per caller ID id (typed arrays, ids
 * from the cache); only the top N rows (+ "other") ever become objects, so the output stays small
 * whatever the file size. Row fields: attempts, c503, c603 (see code-classes.ts), capacity and
 * policy (outcome classes).
 */
import type { AnalysisCache } from './analysis-cache';
import { digitsText } from './call-store';
import { KIND_503, KIND_603, KIND_OUTCOME, KINDS, O_CAPACITY, O_POLICY } from './code-classes';
import type { BreakdownRow, Breakdowns } from './dashboard-types';
import { FIELDS, prefixRows, row } from './prefix-groups';
import type { Selection } from './selection';

const HOUR_MS = 3_600_000;

/**
 * Calls fall in a few result classes: plain (not rejected), 503 + capacity, capacity without 503,
 * 603 + policy, policy without 603. The pass counts per (key, class): one increment per call.
 * Any other combination (a 503 not classed as capacity…) is counted on a slower side path.
 */
const CLASSES = 5;
const C_PLAIN = 0;
const C_503_CAPACITY = 1;
const C_CAPACITY = 2;
const C_603_POLICY = 3;
const C_POLICY = 4;
/** Per class (C_* order): c503, c603, capacity, policy. */
const CLASS_FIELDS: ReadonlyArray<readonly [number, number, number, number]> = [
  [0, 0, 0, 0],
  [1, 0, 1, 0],
  [0, 0, 1, 0],
  [0, 1, 0, 1],
  [0, 0, 0, 1],
];
const CLASS_OF_KIND = Int8Array.from({ length: KINDS }, (_, kd) => {
  const fields = [kd & KIND_503 ? 1 : 0, kd & KIND_603 ? 1 : 0, (kd & KIND_OUTCOME) === O_CAPACITY ? 1 : 0, (kd & KIND_OUTCOME) === O_POLICY ? 1 : 0];
  return CLASS_FIELDS.findIndex((f) => f.every((v, i) => v === fields[i]));
});

export function breakdowns(cache: AnalysisCache, sel: Selection, topN: number): Breakdowns {
  const index = cache.index();
  const { dest, caller } = cache.numberKeys();
  const scratch = scratchOf(cache);
  const destClasses = scratch.dest.classes.fill(0);
  const callerClasses = scratch.caller.classes.fill(0);
  const hourClasses = new Uint32Array(24 * CLASSES);
  // Rare odd combinations as flat (kind, dest id, caller id, hour) quadruples: no object per call.
  const odd: number[] = [];
  const { start, kind } = index;
  const { positions } = sel;
  let hour = 0;
  let hourEnd = Number.NEGATIVE_INFINITY;
  for (let p = sel.pLo; p < sel.pHi; p++) {
    const k = positions === null ? p : positions[p]!;
    const t = start[k]!;
    if (t >= hourEnd) {
      // Starts ascend: the hour changes rarely.
      const h = Math.floor(t / HOUR_MS);
      hourEnd = (h + 1) * HOUR_MS;
      hour = ((h % 24) + 24) % 24;
    }
    const c = CLASS_OF_KIND[kind[k]!]!;
    if (c >= 0) {
      destClasses[dest[k]! * CLASSES + c]!++;
      callerClasses[caller[k]! * CLASSES + c]!++;
      hourClasses[hour * CLASSES + c]!++;
    } else {
      odd.push(kind[k]!, dest[k]!, caller[k]!, hour);
    }
  }
  const destCounts = toFields(destClasses, scratch.dest.fields);
  const callerCounts = toFields(callerClasses, scratch.caller.fields);
  const hourCounts = toFields(hourClasses, new Uint32Array(24 * FIELDS));
  for (let q = 0; q < odd.length; q += 4) {
    const kd = odd[q]!;
    for (const [counts, id] of [
      [destCounts, odd[q + 1]!],
      [callerCounts, odd[q + 2]!],
      [hourCounts, odd[q + 3]!],
    ] as const) {
      const base = id * FIELDS;
      counts[base]!++;
      if (kd & KIND_503) counts[base + 1]!++;
      if (kd & KIND_603) counts[base + 2]!++;
      if ((kd & KIND_OUTCOME) === O_CAPACITY) counts[base + 3]!++;
      if ((kd & KIND_OUTCOME) === O_POLICY) counts[base + 4]!++;
    }
  }
  return {
    prefixes: prefixRows(cache, destCounts, topN),
    callerIds: callerRows(cache, callerCounts, topN),
    hours: Array.from({ length: 24 }, (_, h) => rowAt(String(h).padStart(2, '0'), '', hourCounts, h * FIELDS)),
  };
}

/**
 * Per-class counts → the row fields (attempts, c503, c603, capacity, policy) per id: CLASS_FIELDS
 * written out, one pass of a few loads per id (the destination keys of a day are tens of thousands,
 * most of them not in a brushed window).
 */
function toFields(classes: Uint32Array, out: Uint32Array): Uint32Array {
  const ids = classes.length / CLASSES;
  out.fill(0);
  for (let id = 0; id < ids; id++) {
    const from = id * CLASSES;
    const r503 = classes[from + C_503_CAPACITY]!;
    const capacity = classes[from + C_CAPACITY]!;
    const r603 = classes[from + C_603_POLICY]!;
    const policy = classes[from + C_POLICY]!;
    const attempts = classes[from + C_PLAIN]! + r503 + capacity + r603 + policy;
    if (attempts === 0) continue;
    const to = id * FIELDS;
    out[to] = attempts;
    out[to + 1] = r503;
    out[to + 2] = r603;
    out[to + 3] = r503 + capacity;
    out[to + 4] = r603 + policy;
  }
  return out;
}

/** Per-id counts by class and by row field, for every destination key or caller ID of the store. */
interface IdCounts {
  classes: Uint32Array;
  fields: Uint32Array;
}

/**
 * The buffers every query's counts are made in, once per store (numberKeys' ids are fixed until the
 * store changes): a fresh ~1.2 MB per brush (31k destination keys at 1M calls) cost far more than
 * its size here. Each is a new mapping of zeroed pages (faults, then given back with a TLB
 * shootdown to every other thread of the process): in a Node worker thread over the same counts,
 * 1.1 ms a query alone and 3.6 ms while the main thread was busy, against 0.6 ms either way with
 * one array used again. A query only reads them while it runs (the rows it returns are copies).
 */
function scratchOf(cache: AnalysisCache): { dest: IdCounts; caller: IdCounts } {
  const { destinations, callers } = cache.numberKeys();
  const keptFor = (ids: number) => (ids <= KEPT_IDS_MAX ? idCounts(ids) : null);
  // Flat, so the cache's byte count (byteSize) sees each buffer.
  const kept = cache.memo('breakdown-counts', () => {
    const dest = keptFor(destinations.count);
    const caller = keptFor(callers.count);
    return { destClasses: dest?.classes, destFields: dest?.fields, callerClasses: caller?.classes, callerFields: caller?.fields };
  });
  return {
    dest: kept.destClasses && kept.destFields ? { classes: kept.destClasses, fields: kept.destFields } : idCounts(destinations.count),
    caller: kept.callerClasses && kept.callerFields ? { classes: kept.callerClasses, fields: kept.callerFields } : idCounts(callers.count),
  };
}

/**
 * Ids whose count buffers are kept for the store's life (40 bytes an id: ~10 MB at most). A file
 * with more (a caller ID per call, a million of them) has its buffers made per query as before:
 * kept, they would hold ~40 MB per million ids as long as the calls are.
 */
const KEPT_IDS_MAX = 1 << 18;

function idCounts(ids: number): IdCounts {
  return { classes: new Uint32Array(ids * CLASSES), fields: new Uint32Array(ids * FIELDS) };
}

/** Top N caller IDs by attempts without sorting them all: a small sorted list of the best ids. */
function callerRows(cache: AnalysisCache, counts: Uint32Array, topN: number): BreakdownRow[] {
  const { count, value, length } = cache.callers();
  const n = Math.max(0, Math.floor(topN));
  const best: number[] = [];
  let others = 0;
  const total: [number, number, number, number, number] = [0, 0, 0, 0, 0];
  for (let id = 0; id < count; id++) {
    const attempts = counts[id * FIELDS]!;
    if (attempts === 0) continue;
    others++;
    for (let f = 0; f < FIELDS; f++) total[f]! += counts[id * FIELDS + f]!;
    if (best.length === n && (n === 0 || counts[best[n - 1]! * FIELDS]! >= attempts)) continue;
    let at = best.length;
    while (at > 0 && counts[best[at - 1]! * FIELDS]! < attempts) at--;
    best.splice(at, 0, id);
    if (best.length > n) best.pop();
  }
  const rows = best.map((id) =>
    id === 0 ? rowAt('(none)', 'no caller ID in the file', counts, 0) : rowAt(digitsText(value[id]!, length[id]!), '', counts, id * FIELDS),
  );
  if (others > rows.length) {
    const rest = [...total] as typeof total;
    for (const r of rows) {
      rest[0] -= r.attempts;
      rest[1] -= r.c503;
      rest[2] -= r.c603;
      rest[3] -= r.capacity;
      rest[4] -= r.policy;
    }
    rows.push(row('other', `${others - rows.length} more`, rest));
  }
  return rows;
}

function rowAt(key: string, label: string, counts: Uint32Array, base: number): BreakdownRow {
  return row(key, label, [counts[base]!, counts[base + 1]!, counts[base + 2]!, counts[base + 3]!, counts[base + 4]!]);
}
