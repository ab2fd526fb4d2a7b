/**
 * Per-store precomputations that every dashboard query reuses: brushing re-queries many times a
 * second, so the expensive work (classifying codes, cutting destination and caller keys, sorting
 * ends, per-trunk position lists) is done once per store, lazily, and each query is then a few
 * linear passes over a time range of typed arrays.
 *
 * The index reads a sealed store (CallStore.seal(): its attempts in start order at rows 0..n-1;
 * the first query seals a store that is not), so a call's position in the index is its row in
 * the store, and start, end, talk, trunk and reason are views of the store's columns, not copies.
 * The destination and caller ID keys (NumberKeys) only the panels read are made when first asked
 * for, after the trunk table and the first chart.
 * Memory, per call: 7 bytes of derived columns (code 2, kind 1; destination 2 and caller 2 while
 * there are at most 65,536 of each, else 4) and 4
 * for the per-trunk position lists; per call that held a channel: 4 for its trunk's end list (made
 * when the trunk is first asked for), and only when every trunk is selected 6 for the end list of
 * all trunks (a 4-byte end, see EndList, and its trunk) and ~20 for their concurrency timeline.
 * A selection's whole-span results (a multi-trunk position list, a concurrency timeline) sit in a
 * small LRU of their own, so brushing the same selection costs no sweep; a window's results (its
 * trunk counts, failover, onsets) in another, which brushing turns over.
 *
 * The cache belongs to one store; when the store is sealed again (calls added), everything is
 * rebuilt on the next query.
 */
import { NumberIds } from './number-ids';
import { DIRECTIONS, OTHER_TRUNKS_NAME, type CallStore } from './call-store';
import { CodeClasses, KIND_HAS_END, KIND_OUTCOME, KIND_TALK, O_ANSWERED, O_CAPACITY, O_POLICY } from './code-classes';
import { releaseNow } from './release-buffer';
import { foldHoursOf } from './clock-fold';
import { minuteTrunksOf } from './cps';
import { ascendingOrder } from './sort-order';

/**
 * The attempts in start order: position k is row k of the sealed store (start, trunk and reason
 * are views of its columns; read the store's other columns at the same position).
 */
export interface CallIndex {
  n: number;
  start: Float64Array;
  trunk: Uint16Array;
  /** End of each call in wall ms, NaN when unknown (a view of the store's column). */
  endMs: Float64Array;
  /** Code combination id (see CodeClasses). */
  code: Uint16Array;
  /** Outcome | KIND_503 | KIND_603 | KIND_HAS_END | KIND_TALK. */
  kind: Uint8Array;
  /** Talk seconds; read it only where `kind` has KIND_TALK (answered with a known talk time): a view of the store's column. */
  talk: Float32Array;
  /** Reason phrase id (the store's `reasons` table), for the code + reason breakdown. */
  reason: Uint16Array;
  codes: CodeClasses;
  trunkCount: number;
  trunkNames: readonly string[];
  /** FOLD_START / FOLD_END per call (a view of the store's column; clock-fold.ts). */
  clockFold: Uint8Array;
  /** The wall starts of the hours the file shows twice (clocks went back), ascending; null: none (clock-fold.ts). */
  foldHours: Float64Array | null;
  /** Per trunk id, 1 where every start is on a whole minute (cps.ts minuteTrunksOf); null: no such trunk. */
  minuteTrunks: Uint8Array | null;
}

/**
 * An index's code columns made before it (span-counts.ts): per row of the store as it will be
 * sealed, the attempt's combination id in `codes` and its kind byte (CallIndex.code and .kind).
 */
export interface Classified {
  codes: CodeClasses;
  code: Uint16Array;
  kind: Uint8Array;
  /** An attempt's trunk id is past the store's names (`overflow`), or past the overflow id (`pastNamed`): see buildIndex. */
  overflow: boolean;
  pastNamed: boolean;
}

/** What names an index's trunks and code combinations: enough to turn counts by their ids into a table. */
export type IndexNames = Pick<CallIndex, 'trunkCount' | 'trunkNames' | 'codes'>;

/** A call's kind byte (CallIndex.kind) from its combination's kind, its end and its talk time. */
export function kindOf(comboKind: number, endMs: number, talkSec: number): number {
  const kd = comboKind | (Number.isNaN(endMs) ? 0 : KIND_HAS_END);
  return (kd & KIND_OUTCOME) === O_ANSWERED && !Number.isNaN(talkSec) ? kd | KIND_TALK : kd;
}

/**
 * Calls that held a channel, in end order: the "ends" of a concurrency sweep. An end is
 * `base + end[e]` (wall ms): whole ms after `base` in 4 bytes each when every end is a whole ms
 * within 2^32 ms (49 days) of the first, else the times themselves (base 0) — exact either way.
 */
export interface EndList {
  m: number;
  base: number;
  end: Uint32Array | Float64Array;
}

export interface Occupancy extends EndList {
  /** The trunk of each end. */
  trunk: Uint16Array;
}

/**
 * Destination keys: one per (trunk, first 6 digits). The dial prefix and the country are decided
 * per key from the aggregated table, never per call.
 */
export interface DestinationKeys {
  count: number;
  trunk: number[];
  /** The first 6 digits (leading zeros kept), '' for short / none. */
  digits: string[];
  /** DEST_LONG (≥ 7 digits), DEST_SHORT (an extension) or DEST_NONE (no number). */
  cls: number[];
  /** Attempts over the whole store (dial-prefix evidence). */
  attempts: number[];
  /** One full number with this key (its position), for libphonenumber on the aggregated key. */
  sample: number[];
}

export const DEST_LONG = 0;
export const DEST_SHORT = 1;
export const DEST_NONE = 2;

/** Distinct caller IDs as (digits value, digit count). Id 0 = no caller ID. */
export interface CallerIds {
  count: number;
  value: number[];
  length: number[];
}

/**
 * Per attempt (a CallIndex position): the keys of its number and its caller ID, which only the
 * panels count by (breakdowns, the carrier's view, prefixes): a hash look-up per call each, so they
 * are made when first asked for, not before the trunk table.
 */
export interface NumberKeys {
  /** Destination key id (trunk + leading digits, see DestinationKeys): 2 bytes each while the ids fit, else 4. */
  dest: Uint16Array | Uint32Array;
  /** Caller ID id (see CallerIds): 2 bytes each while the ids fit (a dialer's caller IDs are few), else 4. */
  caller: Uint16Array | Uint32Array;
  destinations: DestinationKeys;
  callers: CallerIds;
}

const KEY_DIGITS = 6;
const SHORT_NUMBER = 7;
const POW10 = Array.from({ length: 16 }, (_, k) => 10 ** k);
/**
 * Entries kept per kind: a few trunk selections to flip between (each selection's whole-span
 * values), a few windows (each window's values). Apart, so that brushing, which adds a window's
 * entries every time, does not push out the selection's timeline (its whole span: ~20 ms to make
 * again at a million calls). Six selections: the one shown, the four next rows the worker makes
 * ahead (ingest.worker.ts) and the one before; a selection's values are up to ~26 bytes per call
 * it holds (positions 4, timeline ~22), which at 4M calls is ~100 MB for one of most trunks.
 */
const SELECTION_LRU = 6;
const WINDOW_LRU = 8;

export class AnalysisCache {
  private builtSeal = -1;
  private builtValue: CallIndex | null = null;
  private numberKeysValue: NumberKeys | null = null;
  private occupancyValue: Occupancy | null = null;
  private trunkPositionsValue: Uint32Array[] | null = null;
  /** The layout every end list shares (see EndList), decided over every trunk's holding calls. */
  private endLayoutValue: EndLayout | null = null;
  /** Per trunk id: its end list, made when first asked for. */
  private trunkEndsValue: Array<EndList | undefined> = [];
  private readonly memos = new Map<string, unknown>();
  private readonly bySelection = new Map<string, unknown>();
  private readonly byWindow = new Map<string, unknown>();

  /**
   * `classified`: the store's code columns already made, moved with its rows by the seal (its
   * first index reads them instead of classifying every call again).
   */
  constructor(
    readonly store: CallStore,
    private classified: Classified | null = null,
  ) {}

  index(): CallIndex {
    return this.built();
  }

  /** Each attempt's destination and caller ID keys (made once per store state, when first asked for). */
  numberKeys(): NumberKeys {
    const index = this.built();
    this.numberKeysValue ??= buildNumberKeys(this.store, index.n);
    return this.numberKeysValue;
  }

  destinations(): DestinationKeys {
    return this.numberKeys().destinations;
  }

  callers(): CallerIds {
    return this.numberKeys().callers;
  }

  occupancy(): Occupancy {
    const index = this.built();
    this.occupancyValue ??= buildOccupancy(index);
    return this.occupancyValue;
  }

  /**
   * Per trunk id: the starts of its inbound calls, ascending. They are not in the index (no rate,
   * chart or diagnosis counts them); the trunk table shows their count beside the attempts.
   */
  inboundStarts(): Float64Array[] {
    const index = this.built();
    return this.memo('inbound-starts', () => inboundStartsByTrunk(this.store, index.trunkCount));
  }

  /** Start-order positions of each trunk's calls. */
  trunkPositions(): Uint32Array[] {
    const index = this.built();
    this.trunkPositionsValue ??= splitByTrunk(index.trunk, index.n, index.trunkCount);
    return this.trunkPositionsValue;
  }

  /**
   * Trunk `trunk`'s channel-holding calls in end order, in the layout of the occupancy (its base and
   * width), made from the trunk's own calls when first asked for: the worst trunk's panels then
   * sort its ends alone, not every trunk's (the occupancy of a million calls: ~60 ms).
   */
  trunkEnds(trunk: number): EndList {
    const index = this.built();
    const known = this.trunkEndsValue[trunk];
    if (known) return known;
    this.endLayoutValue ??= endLayout(index);
    const list = trunkEndList(index, this.trunkPositions()[trunk] ?? new Uint32Array(0), this.endLayoutValue);
    this.trunkEndsValue[trunk] = list;
    return list;
  }

  /** A value computed once per store state (whole-span trends, onsets, prefix resolution). */
  memo<T>(key: string, compute: () => T): T {
    this.built();
    if (this.memos.has(key)) return this.memos.get(key) as T;
    const value = compute();
    this.memos.set(key, value);
    return value;
  }

  /** Whether `memo` keeps a value under `key` (one made elsewhere, in steps, is then kept with memo). */
  hasMemo(key: string): boolean {
    this.built();
    return this.memos.has(key);
  }

  /** Like memo, for a value of a trunk selection over the whole span: only the last few selections' are kept. */
  recentSelection<T>(key: string, compute: () => T): T {
    this.built();
    return recentIn(this.bySelection, SELECTION_LRU, key, compute);
  }

  /** Like memo, for a value of a window (and maybe a selection): only the last few are kept. */
  recent<T>(key: string, compute: () => T): T {
    this.built();
    return recentIn(this.byWindow, WINDOW_LRU, key, compute);
  }

  /** A value `recent` keeps under `key`, if it still does (made elsewhere, in steps, then kept with recent). */
  recentIfKept<T>(key: string): T | undefined {
    this.built();
    return this.byWindow.get(key) as T | undefined;
  }

  /** Bytes held in typed arrays of its own, not the store's columns it views (for the benchmark's memory figures). */
  byteSize(): number {
    const store = this.store as unknown as Record<string, unknown>;
    const viewed = new Set(Object.values(store).flatMap((v) => (ArrayBuffer.isView(v) ? [v.buffer] : [])));
    const own = (x: unknown): number => (ArrayBuffer.isView(x) && !viewed.has(x.buffer) ? x.byteLength : 0);
    const bytes = (v: unknown): number => {
      if (ArrayBuffer.isView(v)) return own(v);
      if (Array.isArray(v)) return v.reduce((n: number, x) => n + own(x), 0);
      if (v !== null && typeof v === 'object') return Object.values(v).reduce((n: number, x) => n + own(x), 0);
      return 0;
    };
    let total = bytes(this.builtValue) + bytes(this.numberKeysValue) + bytes(this.occupancyValue) + bytes(this.trunkPositionsValue);
    for (const list of this.trunkEndsValue) total += bytes(list);
    for (const v of [...this.memos.values(), ...this.bySelection.values(), ...this.byWindow.values()]) total += bytes(v);
    return total;
  }

  private built(): CallIndex {
    const s = this.store;
    s.seal();
    if (this.builtValue && this.builtSeal === s.sealCount) return this.builtValue;
    this.numberKeysValue = null;
    this.occupancyValue = null;
    this.trunkPositionsValue = null;
    this.endLayoutValue = null;
    this.trunkEndsValue = [];
    this.memos.clear();
    this.bySelection.clear();
    this.byWindow.clear();
    this.builtValue = buildIndex(s, this.classified?.code.length === s.length ? this.classified : null);
    this.classified = null;
    this.builtSeal = s.sealCount;
    return this.builtValue;
  }
}

const INBOUND = DIRECTIONS.indexOf('inbound');

function inboundStartsByTrunk(s: CallStore, trunkCount: number): Float64Array[] {
  const sizes = new Uint32Array(trunkCount);
  for (let i = 0; i < s.length; i++) if (s.direction[i] === INBOUND && s.trunk[i]! < trunkCount) sizes[s.trunk[i]!]!++;
  const lists = Array.from(sizes, (n) => new Float64Array(n));
  const fill = new Uint32Array(trunkCount);
  for (let i = 0; i < s.length; i++) {
    const t = s.trunk[i]!;
    if (s.direction[i] === INBOUND && t < trunkCount) lists[t]![fill[t]!++] = s.startMs[i]!;
  }
  for (const list of lists) list.sort();
  return lists;
}

/**
 * The analysis boundary: a trunk's attempts are its outbound calls and those whose direction the
 * file cannot tell, the sealed store's first rows. Inbound calls stay in the store (counted apart,
 * inboundStarts); internal ones were never stored. `classified`: their code columns, made already.
 */
function buildIndex(s: CallStore, classified: Classified | null): CallIndex {
  const n = s.attempts;
  const { code, kind, codes, overflow, pastNamed } = classified ? { ...classified, code: classified.code.subarray(0, n), kind: classified.kind.subarray(0, n) } : classify(s, n);
  const named = s.trunks.values.length;
  const trunk = pastNamed ? s.trunk.slice(0, n).map((t) => Math.min(t, named)) : s.trunk.subarray(0, n);
  const trunkCount = named + (overflow ? 1 : 0);
  return {
    n,
    start: s.startMs.subarray(0, n),
    endMs: s.endMs.subarray(0, n),
    // A rename that merged names of a full table leaves the overflow id past them: moved down in a copy.
    trunk,
    code,
    kind,
    talk: s.talkSec.subarray(0, n),
    reason: s.reason.subarray(0, n),
    codes,
    trunkCount,
    trunkNames: overflow ? [...s.trunks.values, OTHER_TRUNKS_NAME] : s.trunks.values.slice(),
    clockFold: s.clockFold.subarray(0, n),
    foldHours: foldHoursOf(s.clockFold, s.startMs, s.endMs, n),
    minuteTrunks: minuteTrunksOf(s.startMs, trunk, n, trunkCount),
  };
}

/** The code columns of the sealed store's first `n` rows (its attempts). */
function classify(s: CallStore, n: number): Classified {
  const code = new Uint16Array(n);
  const kind = new Uint8Array(n);
  const codes = new CodeClasses();
  const reasonText = (id: number) => s.reasons.get(id);
  const named = s.trunks.values.length;
  // Calls past the store's trunk-name cap share one row (OTHER_TRUNKS_NAME), right after the named
  // ones: their overflow id is `named` while the table is full, so the store's column serves as is.
  let overflow = false;
  let pastNamed = false;
  for (let k = 0; k < n; k++) {
    const t = s.trunk[k]!;
    if (t >= named) {
      overflow = true;
      if (t > named) pastNamed = true;
    }
    const c = codes.idOf(s.codeSource[k]!, s.sipCode[k]!, s.q850[k]!, s.outcome[k]!, s.reason[k]!, reasonText);
    code[k] = Math.min(c, 0xffff);
    kind[k] = kindOf(codes.kind[c]!, s.endMs[k]!, s.talkSec[k]!);
  }
  if (codes.size > 0xffff) throw new Error('more than 65 535 distinct code combinations');
  return { codes, code, kind, overflow, pastNamed };
}

/** The destination and caller ID keys of the sealed store's first `n` rows (its attempts). */
function buildNumberKeys(s: CallStore, n: number): NumberKeys {
  // 2-byte ids, widened to 4 only when a 65,537th key comes: a 4M-call day has ~46,000
  // destination keys and a dialer's handful of caller IDs (no 4-byte column made and copied down).
  let destId: Uint16Array | Uint32Array = new Uint16Array(n);
  let callerId: Uint16Array | Uint32Array = new Uint16Array(n);
  const dest: DestinationKeys = { count: 0, trunk: [], digits: [], cls: [], attempts: [], sample: [] };
  const destIds = new NumberIds();
  const callers: CallerIds = { count: 1, value: [0], length: [0] };
  // One table per digit count: (value, length) → id without building a string per call.
  const callerMaps = Array.from({ length: 16 }, () => new NumberIds(64));
  /** Per digit count: the table's id → the caller's id over all counts. */
  const callerGlobalIds = Array.from({ length: 16 }, (): number[] => []);
  for (let k = 0; k < n; k++) {
    const t = s.trunk[k]!;
    const len = s.destLength[k]!;
    const cls = len === 0 ? DEST_NONE : len < SHORT_NUMBER ? DEST_SHORT : DEST_LONG;
    const lead = cls === DEST_LONG ? Math.floor(s.destDigits[k]! / POW10[len - KEY_DIGITS]!) : 0;
    // trunk · 2^21 + (lead < 10^6, or 10^6 + class): < 2^37, exact.
    const destKey = t * 2097152 + (cls === DEST_LONG ? lead : 1_000_000 + cls);
    const d = destIds.idOf(destKey);
    if (d === dest.count) {
      if (d === 0x10000) destId = widened(destId, k);
      dest.count++;
      dest.trunk.push(t);
      dest.digits.push(cls === DEST_LONG ? String(lead).padStart(KEY_DIGITS, '0') : '');
      dest.cls.push(cls);
      dest.attempts.push(0);
      dest.sample.push(k);
    }
    dest.attempts[d]!++;
    destId[k] = d;

    const clen = s.callerLength[k]!;
    if (clen > 0) {
      const value = s.callerDigits[k]!;
      const local = callerMaps[clen]!.idOf(value);
      const global = callerGlobalIds[clen]!;
      if (local === global.length) {
        if (callers.count === 0x10000) callerId = widened(callerId, k);
        global.push(callers.count++);
        callers.value.push(value);
        callers.length.push(clen);
      }
      callerId[k] = global[local]!;
    }
  }
  return { dest: destId, caller: callerId, destinations: dest, callers };
}

/** `ids` as 4-byte ids, the first `filled` copied (the 2-byte ones given back now). */
function widened(ids: Uint16Array | Uint32Array, filled: number): Uint32Array {
  if (ids instanceof Uint32Array) return ids;
  const wide = new Uint32Array(ids.length);
  wide.set(ids.subarray(0, filled));
  releaseNow(ids);
  return wide;
}

/**
 * A call holds a channel from its start to its end. A call the carrier rejected (capacity or
 * policy outcome) never got one — it was refused because none was free, or on purpose — and its
 * "duration" is the INVITE transaction, rounded up to a second by many files: counting it would
 * lift the concurrency above the carrier's cap exactly when the cap is being hit.
 */
export function holdsChannel(index: CallIndex, k: number): boolean {
  const kd = index.kind[k]!;
  const outcome = kd & KIND_OUTCOME;
  return (kd & KIND_HAS_END) !== 0 && outcome !== O_CAPACITY && outcome !== O_POLICY && index.endMs[k]! > index.start[k]!;
}

/**
 * The channel-holding calls' ends in end order, with their trunks. Whole-ms ends are sorted as
 * 4-byte offsets with their trunk alongside (radix, 12 bytes per end while sorting, 6 kept);
 * other ends as doubles.
 */
function buildOccupancy(index: CallIndex): Occupancy {
  const { n, endMs } = index;
  const { m, base, narrow, span } = endLayout(index);
  const trunk = new Uint16Array(m);
  if (narrow) {
    const min = base;
    const end = new Uint32Array(m);
    let j = 0;
    for (let k = 0; k < n; k++) {
      if (!holdsChannel(index, k)) continue;
      end[j] = endMs[k]! - min;
      trunk[j++] = index.trunk[k]!;
    }
    sortWithPayload(end, trunk, span);
    return { m, base: min, end, trunk };
  }
  const ends = new Float64Array(m);
  const trunks = new Uint16Array(m);
  let j = 0;
  for (let k = 0; k < n; k++) {
    if (!holdsChannel(index, k)) continue;
    ends[j] = endMs[k]!;
    trunks[j++] = index.trunk[k]!;
  }
  const order = ascendingOrder(ends, m);
  const end = new Float64Array(m);
  for (let e = 0; e < m; e++) {
    end[e] = ends[order[e]!]!;
    trunk[e] = trunks[order[e]!]!;
  }
  for (const temporary of [ends, trunks, order]) releaseNow(temporary);
  return { m, base: 0, end, trunk };
}

/**
 * Sorts `keys` ascending (all ≤ maxKey), moving `payload` with them, in place: a stable LSD radix
 * sort in 16-bit digits through one spare pair of arrays.
 */
function sortWithPayload(keys: Uint32Array, payload: Uint16Array, maxKey: number): void {
  const m = keys.length;
  const passes = maxKey < 0x10000 ? 1 : 2;
  let srcKeys: Uint32Array = keys;
  let srcPayload: Uint16Array = payload;
  let dstKeys: Uint32Array = new Uint32Array(m);
  let dstPayload: Uint16Array = new Uint16Array(m);
  const counts = new Uint32Array(0x10000);
  for (let pass = 0; pass < passes; pass++) {
    const shift = pass * 16;
    counts.fill(0);
    for (let k = 0; k < m; k++) counts[(srcKeys[k]! >>> shift) & 0xffff]!++;
    let sum = 0;
    for (let d = 0; d < 0x10000; d++) {
      const c = counts[d]!;
      counts[d] = sum;
      sum += c;
    }
    for (let k = 0; k < m; k++) {
      const key = srcKeys[k]!;
      const at = counts[(key >>> shift) & 0xffff]!++;
      dstKeys[at] = key;
      dstPayload[at] = srcPayload[k]!;
    }
    [srcKeys, dstKeys] = [dstKeys, srcKeys];
    [srcPayload, dstPayload] = [dstPayload, srcPayload];
  }
  // After an odd number of passes the sorted values are in the spare arrays.
  if (srcKeys !== keys) {
    keys.set(srcKeys);
    payload.set(srcPayload);
  }
  releaseNow(srcKeys === keys ? dstKeys : srcKeys);
  releaseNow(srcPayload === payload ? dstPayload : srcPayload);
}

/** The ends of the trunks `keep` says yes to, in end order (one sequential pass; same base and width). */
export function endsOfTrunks(occ: Occupancy, keep: (trunk: number) => boolean): EndList {
  let m = 0;
  for (let e = 0; e < occ.m; e++) if (keep(occ.trunk[e]!)) m++;
  const end = occ.end instanceof Uint32Array ? new Uint32Array(m) : new Float64Array(m);
  let j = 0;
  for (let e = 0; e < occ.m; e++) if (keep(occ.trunk[e]!)) end[j++] = occ.end[e]!;
  return { m, base: occ.base, end };
}

/**
 * How every end list of an index is laid out: whole-ms ends within 2^32 ms of the first as 4-byte
 * offsets from it (narrow), else the times themselves (base 0). `m`: the holding calls.
 */
interface EndLayout {
  m: number;
  base: number;
  narrow: boolean;
  /** The last end less the first (ms). */
  span: number;
}

function endLayout(index: CallIndex): EndLayout {
  const { n, endMs } = index;
  let m = 0;
  let min = Number.POSITIVE_INFINITY;
  let max = Number.NEGATIVE_INFINITY;
  let integers = true;
  for (let k = 0; k < n; k++) {
    if (!holdsChannel(index, k)) continue;
    const end = endMs[k]!;
    m++;
    if (end < min) min = end;
    if (end > max) max = end;
    if (integers && !Number.isInteger(end)) integers = false;
  }
  const narrow = m > 0 && integers && max - min < 2 ** 32;
  return { m, base: narrow ? min : 0, narrow, span: max - min };
}

/** The holding calls among `positions` (one trunk's) in end order, in `layout`. */
function trunkEndList(index: CallIndex, positions: Uint32Array, layout: EndLayout): EndList {
  let m = 0;
  for (let j = 0; j < positions.length; j++) if (holdsChannel(index, positions[j]!)) m++;
  const end = layout.narrow ? new Uint32Array(m) : new Float64Array(m);
  let e = 0;
  for (let j = 0; j < positions.length; j++) {
    const k = positions[j]!;
    if (holdsChannel(index, k)) end[e++] = index.endMs[k]! - layout.base;
  }
  // Numbers alone (no payload), so any sort gives the occupancy's order of them (typed arrays sort numerically).
  end.sort();
  return { m, base: layout.base, end };
}

/** Positions 0..n-1 grouped by trunk id, ascending within each trunk. */
function splitByTrunk(trunk: Uint16Array, n: number, trunkCount: number): Uint32Array[] {
  const sizes = new Uint32Array(trunkCount + 1);
  for (let k = 0; k < n; k++) sizes[Math.min(trunk[k]!, trunkCount)]!++;
  const lists = Array.from(sizes, (size) => new Uint32Array(size));
  const fill = new Uint32Array(trunkCount + 1);
  for (let k = 0; k < n; k++) {
    const t = Math.min(trunk[k]!, trunkCount);
    lists[t]![fill[t]!++] = k;
  }
  return lists.slice(0, trunkCount);
}

/** `key`'s value in `lru` (made with `compute` when missing), the least recently used dropped past `max` entries. */
function recentIn<T>(lru: Map<string, unknown>, max: number, key: string, compute: () => T): T {
  if (lru.has(key)) {
    const value = lru.get(key) as T;
    lru.delete(key);
    lru.set(key, value);
    return value;
  }
  const value = compute();
  lru.set(key, value);
  if (lru.size > max) lru.delete(lru.keys().next().value as string);
  return value;
}
