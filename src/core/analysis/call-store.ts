/**
 * The calls of an ingest, kept compact in columns (typed arrays + interned small-cardinality
 * strings) so a million calls cost ~40 MB, far below the files' size, and window queries can be
 * answered without re-reading. Destinations and caller IDs are kept as their leading digits in a
 * double (up to 15 digits, exact) plus a length, not as strings: prefix and caller-ID analysis need
 * digits, and a dialer's day has as many distinct numbers as calls.
 */
import type { CallDirection, CallRecord, CodeSource, OutcomeClass } from '../model/call-record';
import {
  BYTES_PER_CALL,
  CALL_COLUMN_LIST,
  CODE_SOURCES,
  DIRECTIONS,
  freshArray,
  INTERNED_CAPACITY,
  INTERNED_OVERFLOW_ID,
  newColumnArray,
  NO_VALUE_U16,
  OUTCOMES,
  readDigits,
  type ArrayMaker,
  type CallColumnArrays,
  type CallColumnName,
  type Digits,
  type InternedTableName,
  type KeptColumnName,
  type KeptListName,
  type NumberArray,
} from './call-columns';
import { KeptRows } from './kept-rows';
import { KeptTexts, packedCount, type KeptRoom, type PackedTexts } from './kept-texts';
import { ownText } from './own-text';
import { permuteColumnsInPlace } from './permute-columns';
import { releaseNow } from './release-buffer';
import { sealMoves } from './seal-order';

export { CODE_SOURCES, DIRECTIONS, MAX_CALL_IDS_KEPT, MAX_NUMBER_DIGITS, OUTCOMES, readDigits, type Digits } from './call-columns';

/**
 * The trunk row that holds the calls of trunks past the 65,534 distinct names a store keeps (their
 * id is the overflow id): named, so the per-trunk rows still add up to every call.
 */
export const OTHER_TRUNKS_NAME = '(other trunks: names past the first 65,534)';

/** Interns strings to small integer ids. */
export class StringTable {
  private readonly ids = new Map<string, number>();
  readonly values: string[] = [];
  constructor(private readonly capacity: number) {}
  /** The id of `s`, or `overflowId` once the table is full. */
  intern(s: string, overflowId: number): number {
    const known = this.ids.get(s);
    if (known !== undefined) return known;
    if (this.values.length >= this.capacity) return overflowId;
    const id = this.values.length;
    const own = ownText(s);
    this.ids.set(own, id);
    this.values.push(own);
    return id;
  }
  get(id: number): string {
    return this.values[id] ?? '';
  }
}

/**
 * Calls in columns cut to their length, away from any store (a piece parsed in a worker): the
 * arrays, and per text column the texts its ids point at (interned: id → text; kept: id - 1 → text).
 */
export interface ColumnsSnapshot {
  length: number;
  arrays: CallColumnArrays;
  texts: SnapshotTexts;
}

/** A snapshot's texts: an interned column's (id → text), a kept column's packed (index - 1 → text). */
export type SnapshotTexts = { [K in CallColumnName]: K extends KeptColumnName ? PackedTexts : readonly string[] };

/**
 * The store's columns as named properties (store.startMs …), one per entry of CALL_COLUMNS but the
 * kept-text ones (sparse: callIdOf reads them).
 */
type StoreFields = Omit<CallColumnArrays, KeptColumnName> & Record<InternedTableName, StringTable> & Record<KeptListName, KeptTexts>;
/** Instances get the fields from CallStore's constructor (assigned from the schema, not declared one by one). */
const SchemaFields = function SchemaFields() {} as unknown as new () => StoreFields;

const INBOUND = DIRECTIONS.indexOf('inbound');
const CALL_ID_COLUMN = CALL_COLUMN_LIST.findIndex(([name]) => name === 'callIdIndex');
/** A kept-text list's room when it keeps nothing. */
const NO_ROOM: KeptRoom = { units: 0, texts: 0 };

export class CallStore extends SchemaFields {
  length = 0;
  /** Bumped by every seal(): anything built on the rows' positions before it is stale. */
  sealCount = 0;
  /** While sealed: how many leading rows are attempts with a start (see seal()); null when not sealed. */
  private sealedAttempts: number | null = null;
  private capacity: number;
  /**
   * The column arrays in CALL_COLUMN_LIST order (the same arrays as the named properties); a
   * kept-text column's is empty, its rows are in `kept`.
   */
  private arrays: NumberArray[];
  /** Per column (same order): the rows of a kept-text column that keep a text, null for the others. */
  private kept: Array<KeptRows | null>;
  /** Per column (same order): the StringTable of an interned column, the KeptTexts of a kept one (the named properties' objects). */
  private texts: Array<StringTable | KeptTexts | null>;
  /** Per column (same order): the texts a kept-text column keeps at most (its cap; 0: `keptFull`), 0 for the others. */
  private keptCaps: number[];

  /**
   * `make`: where the first columns and kept texts come from (a piece's, from its thread's spares:
   * spare-columns.ts); grown ones are fresh. `keptRoom`: each kept-text column's room up front.
   * `keptFull`: kept-text columns that keep no text here (the drop's store, where a piece's calls
   * go, has kept all it can: PieceJob.keptFull), so their texts are not copied only to be dropped.
   */
  constructor(initialCapacity = 1024, make: ArrayMaker = freshArray, keptRoom?: KeptRoom, keptFull: readonly KeptColumnName[] = []) {
    super();
    this.capacity = initialCapacity;
    this.arrays = CALL_COLUMN_LIST.map(([, column]) => newColumnArray(column, column.kind === 'kept' ? 0 : initialCapacity, make));
    this.kept = CALL_COLUMN_LIST.map(([, column]) => (column.kind === 'kept' ? new KeptRows() : null));
    this.keptCaps = CALL_COLUMN_LIST.map(([name, column]) => (column.kind !== 'kept' || keptFull.includes(name as KeptColumnName) ? 0 : column.cap));
    // A column that keeps nothing gets no room (and no spare buffer spent on it).
    this.texts = CALL_COLUMN_LIST.map(([, column], k) =>
      column.kind === 'interned' ? new StringTable(INTERNED_CAPACITY) : column.kind === 'kept' ? (this.keptCaps[k] === 0 ? new KeptTexts(NO_ROOM) : new KeptTexts(keptRoom, make)) : null,
    );
    const fields = this.fields();
    CALL_COLUMN_LIST.forEach(([name, column], k) => {
      if (column.kind !== 'kept') fields[name] = this.arrays[k]!;
      if (column.kind === 'interned') fields[column.table] = this.texts[k]!;
      if (column.kind === 'kept') fields[column.list] = this.texts[k]!;
    });
  }

  add(r: CallRecord): void {
    if (this.length === this.capacity) this.grow(this.capacity + 1);
    const i = this.length++;
    const a = this.arrays;
    // One function per kind of typed array (see FILL); the casts only name what each one holds.
    fillF64(a, FILL.f64, FILL.f64Encode, i, r);
    fillF32(a, FILL.f32, FILL.f32Encode, i, r);
    fillU32(a, FILL.u32, FILL.u32Encode, i, r);
    fillU16(a, FILL.u16, FILL.u16Encode, i, r);
    fillU8(a, FILL.u8, FILL.u8Encode, i, r);
    for (let j = 0; j < FILL.interned.length; j++) {
      const k = FILL.interned[j]!;
      (a[k] as Uint16Array)[i] = (this.texts[k] as StringTable).intern(FILL.internedEncode[j]!(r), INTERNED_OVERFLOW_ID);
    }
    for (let j = 0; j < FILL.kept.length; j++) {
      const k = FILL.kept[j]!;
      const index = keep(this.texts[k] as KeptTexts, this.keptCaps[k]!, FILL.keptEncode[j]!(r));
      if (index > 0) this.kept[k]!.push(i, index);
    }
  }

  /** A new call's row, for a parser that writes every column of it itself (CallValues). */
  addRow(): number {
    if (this.length === this.capacity) this.grow(this.capacity + 1);
    return this.length++;
  }

  /** Call `i` (the last one added) keeps the UTF-8 bytes[start, end) as its call id, under the column's cap. */
  keepCallIdBytes(i: number, bytes: Uint8Array, start: number, end: number): void {
    const list = this.callIdValues;
    if (list.count >= this.keptCaps[CALL_ID_COLUMN]!) return;
    list.pushUtf8(bytes, start, end);
    this.kept[CALL_ID_COLUMN]!.push(i, list.count);
  }

  /**
   * Append the calls `rows` (indexes, ascending; null: all of them) of columns read elsewhere (a
   * piece of the file parsed in a worker), column by column: numbers copied, interned texts
   * re-interned here (every text of the piece's table, in its order), kept texts kept under this
   * store's cap. Returns, per interned column, the piece's ids → this store's ids (the merge
   * translates the piece's tallies with them).
   */
  appendRows(from: ColumnsSnapshot, rows: Uint32Array | null): Partial<Record<CallColumnName, readonly number[]>> {
    const idMaps: Partial<Record<CallColumnName, readonly number[]>> = {};
    const n = rows ? rows.length : from.length;
    if (this.length + n > this.capacity) this.grow(this.length + n);
    const at = this.length;
    const runs = rows ? runsOf(rows) : null;
    for (let k = 0; k < CALL_COLUMN_LIST.length; k++) {
      const [name, column] = CALL_COLUMN_LIST[k]!;
      const target = this.arrays[k]!;
      const source = from.arrays[name];
      if (column.kind === 'number') {
        copyRows(target, at, source, rows, n, runs);
      } else if (column.kind === 'interned') {
        const table = this.texts[k] as StringTable;
        const ids = (from.texts[name] as readonly string[]).map((text) => table.intern(text, INTERNED_OVERFLOW_ID));
        idMaps[name] = ids;
        // The piece's ids are the store's (its texts first seen in the same order): copied as they are.
        if (ids.every((id, i) => id === i)) copyRows(target, at, source, rows, n, runs);
        // An id past the piece's texts (its own overflow id) stays the overflow id: the lookup's last entry.
        else remapIds(target as Uint16Array, at, source as Uint16Array, rows, n, Uint16Array.from([...ids, INTERNED_OVERFLOW_ID]));
      } else {
        appendKept(this.texts[k] as KeptTexts, this.kept[k]!, this.keptCaps[k]!, from.texts[name] as PackedTexts, source as Uint32Array, rows, n, at);
      }
    }
    this.length += n;
    return idMaps;
  }

  /**
   * The columns cut to the store's length: copies, whose buffers can be transferred; or, `views`,
   * the store's own arrays and packed texts (valid until the store changes: a batch merged at once).
   */
  snapshot(views = false): ColumnsSnapshot {
    const n = this.length;
    const arrays = {} as Record<CallColumnName, NumberArray>;
    const texts = {} as Record<CallColumnName, readonly string[] | PackedTexts>;
    CALL_COLUMN_LIST.forEach(([name], k) => {
      const kept = this.kept[k];
      arrays[name] = kept ? kept.dense(n) : views ? this.arrays[k]!.subarray(0, n) : this.arrays[k]!.slice(0, n);
      const own = this.texts[k];
      texts[name] = own instanceof StringTable ? own.values.slice() : own ? own.packed(views) : [];
    });
    return { length: n, arrays: arrays as CallColumnArrays, texts: texts as SnapshotTexts };
  }

  /** The kept-text columns whose list is full (a call appended from now on keeps no text there). */
  fullKeptColumns(): KeptColumnName[] {
    return CALL_COLUMN_LIST.flatMap(([name, column], k) => (column.kind === 'kept' && (this.texts[k] as KeptTexts).count >= this.keptCaps[k]! ? [name as KeptColumnName] : []));
  }

  /** The call id of a rejected call, when the file had one and it was kept; null otherwise. */
  callIdOf(i: number): string | null {
    const k = this.kept[CALL_ID_COLUMN]!.indexOf(i);
    return k === 0 || k > this.callIdValues.count ? null : this.callIdValues.at(k - 1);
  }

  /**
   * Rename trunks (raw → final); trunks mapped to the same name merge. Returns the old trunk ids →
   * the new ones, or null when nothing was renamed.
   */
  renameTrunks(aliases: ReadonlyMap<string, string>): readonly number[] | null {
    if (aliases.size === 0) return null;
    this.assertWritable();
    const oldNames = this.trunks.values.slice();
    const fresh = new StringTable(INTERNED_CAPACITY);
    const remap = oldNames.map((name) => fresh.intern(aliases.get(name) ?? name, INTERNED_OVERFLOW_ID));
    for (let i = 0; i < this.length; i++) this.trunk[i] = remap[this.trunk[i]!] ?? INTERNED_OVERFLOW_ID;
    this.trunks = fresh;
    this.texts[CALL_COLUMN_LIST.findIndex(([name]) => name === 'trunk')] = fresh;
    return remap;
  }

  outcomeOf(i: number): OutcomeClass {
    return OUTCOMES[this.outcome[i]!] ?? 'unknown';
  }

  directionOf(i: number): CallDirection {
    return DIRECTIONS[this.direction[i]!] ?? 'unknown';
  }

  sourceOf(i: number): CodeSource | null {
    return CODE_SOURCES[this.codeSource[i]!] ?? null;
  }

  q850Of(i: number): number | null {
    const v = this.q850[i]!;
    return v === NO_VALUE_U16 ? null : v;
  }

  /**
   * Room for `calls` calls in all, made once up front (ingest sizes the store from the file): growing
   * by doubling copies every column and holds the old and the new arrays at once (1.5× the store
   * while the copy is made). Room never written is never touched, so it costs address space, not memory.
   */
  reserve(calls: number): void {
    if (calls > this.capacity) this.resize(Math.ceil(calls));
  }

  get sealed(): boolean {
    return this.sealedAttempts !== null;
  }

  /**
   * Rows [0, attempts) of a sealed store: its attempts (every call not inbound, with a start) in
   * start order, the rows the analysis reads. Throws when the store is not sealed.
   */
  get attempts(): number {
    if (this.sealedAttempts === null) throw new Error('the store is not sealed: seal() puts its calls in the analysis order');
    return this.sealedAttempts;
  }

  /**
   * Put the rows in the order the analysis reads, so its index is views of these columns instead
   * of copies: the attempts in start order (ties in their present order), then the inbound calls
   * in start order, then the calls without a start. `alongside`: arrays of one value per row (a
   * file index) moved with the rows (an empty one is left as it is). Sealed, the store is read-only: an add, appendRows or rename
   * throws until unseal().
   * Memory beyond the columns: 16 bytes per call at most, and none after. One buffer of 8 bytes
   * per call is the start sort's keys, then the scratch column the columns are permuted through
   * (permuteColumnsInPlace); with each row's destination (4) and the start order being sorted and
   * its copy (4 + 4), or the counting sort's buckets (4 at most: seal-order.ts), that is the peak.
   * Every temporary is released as soon as it is done with (release-buffer.ts).
   */
  seal(alongside: readonly NumberArray[] = []): void {
    if (this.sealed) return;
    const n = this.length;
    const scratch = new ArrayBuffer(n * 8);
    const { to, attempts } = sealMoves(this.startMs, this.direction, INBOUND, n, scratch);
    // Already in order (a store sealed again with nothing added): nothing to move.
    // An empty array alongside has nothing to move (a session of one file keeps no file column).
    if (to && !isIdentity(to)) {
      const dense = this.arrays.filter((_, k) => this.kept[k] === null);
      permuteColumnsInPlace([...dense, ...alongside.filter((a) => a.length > 0)], to, scratch);
      for (const kept of this.kept) kept?.permute(to, scratch);
    }
    if (to) releaseNow(to);
    releaseNow(scratch);
    // No room left: any append goes through resize(), which refuses while sealed.
    this.capacity = n;
    this.sealedAttempts = attempts;
    this.sealCount++;
  }

  /** Writable again (files added to a session): rows keep their order until the next seal(). */
  unseal(): void {
    this.sealedAttempts = null;
  }

  /**
   * Bytes held by the columns (for the memory figures in the benchmark); a sealed store counts its
   * rows only (room reserved and never written costs address space, not memory).
   */
  byteSize(): number {
    return this.capacity * BYTES_PER_CALL + this.kept.reduce((n, kept) => n + (kept?.byteSize() ?? 0), 0) + this.texts.reduce((n, own) => n + (own instanceof KeptTexts ? own.byteSize() : 0), 0);
  }

  /** The schema's fields by name, for the loops over CALL_COLUMN_LIST. */
  private fields(): Record<string, NumberArray | StringTable | KeptTexts> {
    return this as unknown as Record<string, NumberArray | StringTable | KeptTexts>;
  }

  /** Room for at least `needed` calls: capacity doubles (at least), every column alike. */
  private grow(needed: number): void {
    let next = Math.max(1, this.capacity * 2);
    while (next < needed) next *= 2;
    this.resize(next);
  }

  private assertWritable(): void {
    if (this.sealed) throw new Error('the store is sealed (read-only): unseal() it before adding or renaming calls');
  }

  /**
   * Every column made before any is swapped in: room the machine will not give leaves the store as it was.
   * A sealed store has no room left (seal() sets its capacity to its length), so every append comes here first.
   */
  private resize(next: number): void {
    this.assertWritable();
    const fields = this.fields();
    const grown = CALL_COLUMN_LIST.map(([, column], k) => {
      if (column.kind === 'kept') return this.arrays[k]!;
      const array = newColumnArray(column, next);
      // Only the rows held: after a seal the arrays may be longer than the capacity.
      array.set(this.arrays[k]!.subarray(0, this.length));
      return array;
    });
    CALL_COLUMN_LIST.forEach(([name, column], k) => {
      this.arrays[k] = grown[k]!;
      if (column.kind !== 'kept') fields[name] = grown[k]!;
    });
    this.capacity = next;
  }
}

type Encoder = (r: CallRecord) => number;

/** Columns of one kind of typed array the fill functions can write (one call site each). */
const FILL_SITES = 8;

/**
 * How add() fills the columns: number columns grouped by the kind of their typed array, so each of
 * add()'s loops stores into one kind only (V8 keeps such a store fast; one loop over every kind
 * was three times slower), then the interned and the kept texts. Column indexes with their encoders.
 * A loop calling every encoder of its kind from one call site inlined none of them (a hand-written
 * add(), every column spelled out, took ~7 % less parse+store CPU on 1M Master.csv calls, but is a
 * second copy of the schema): the fill* functions below give each encoder a call site of its own.
 * Encoders that store instead of return, a last-text cache in intern(), the six-encoder loop split
 * in two, and staging every number in one Float64Array copied per kind after gained nothing or less.
 */
const FILL = (() => {
  const fill = {
    f64: [] as number[], f64Encode: [] as Encoder[],
    f32: [] as number[], f32Encode: [] as Encoder[],
    u32: [] as number[], u32Encode: [] as Encoder[],
    u16: [] as number[], u16Encode: [] as Encoder[],
    u8: [] as number[], u8Encode: [] as Encoder[],
    interned: [] as number[], internedEncode: [] as Array<(r: CallRecord) => string>,
    kept: [] as number[], keptEncode: [] as Array<(r: CallRecord) => string | null>,
  };
  CALL_COLUMN_LIST.forEach(([, column], k) => {
    if (column.kind === 'interned') {
      fill.interned.push(k);
      fill.internedEncode.push(column.encode);
    } else if (column.kind === 'kept') {
      fill.kept.push(k);
      fill.keptEncode.push(column.encode);
    } else {
      const kind = column.array === Float64Array ? 'f64' : column.array === Float32Array ? 'f32' : column.array === Uint32Array ? 'u32' : column.array === Uint16Array ? 'u16' : 'u8';
      fill[kind].push(k);
      fill[`${kind}Encode`].push(column.encode);
    }
  });
  for (const kind of ['f64', 'f32', 'u32', 'u16', 'u8'] as const) {
    if (fill[kind].length > FILL_SITES) throw new Error(`call-columns.ts declares ${fill[kind].length} ${kind} columns: the fill functions of call-store.ts have call sites for ${FILL_SITES}`);
  }
  return fill;
})();

/*
 * One column's encoder per call site, up to FILL_SITES columns of a kind: a call site that only
 * ever sees one encoder lets V8 inline it and keep its double unboxed, where one call in a loop saw
 * them all and inlined none. Store side of 100k Master.csv calls (add() and de-duplication keys,
 * records made beforehand), min of 15 alternated runs: 190 → 165 ms CPU.
 */
function fillF64(a: NumberArray[], k: readonly number[], e: readonly Encoder[], i: number, r: CallRecord): void {
  const n = k.length;
  if (n > 0) (a[k[0]!] as Float64Array)[i] = e[0]!(r);
  if (n > 1) (a[k[1]!] as Float64Array)[i] = e[1]!(r);
  if (n > 2) (a[k[2]!] as Float64Array)[i] = e[2]!(r);
  if (n > 3) (a[k[3]!] as Float64Array)[i] = e[3]!(r);
  if (n > 4) (a[k[4]!] as Float64Array)[i] = e[4]!(r);
  if (n > 5) (a[k[5]!] as Float64Array)[i] = e[5]!(r);
  if (n > 6) (a[k[6]!] as Float64Array)[i] = e[6]!(r);
  if (n > 7) (a[k[7]!] as Float64Array)[i] = e[7]!(r);
}

function fillF32(a: NumberArray[], k: readonly number[], e: readonly Encoder[], i: number, r: CallRecord): void {
  const n = k.length;
  if (n > 0) (a[k[0]!] as Float32Array)[i] = e[0]!(r);
  if (n > 1) (a[k[1]!] as Float32Array)[i] = e[1]!(r);
  if (n > 2) (a[k[2]!] as Float32Array)[i] = e[2]!(r);
  if (n > 3) (a[k[3]!] as Float32Array)[i] = e[3]!(r);
  if (n > 4) (a[k[4]!] as Float32Array)[i] = e[4]!(r);
  if (n > 5) (a[k[5]!] as Float32Array)[i] = e[5]!(r);
  if (n > 6) (a[k[6]!] as Float32Array)[i] = e[6]!(r);
  if (n > 7) (a[k[7]!] as Float32Array)[i] = e[7]!(r);
}

function fillU32(a: NumberArray[], k: readonly number[], e: readonly Encoder[], i: number, r: CallRecord): void {
  const n = k.length;
  if (n > 0) (a[k[0]!] as Uint32Array)[i] = e[0]!(r);
  if (n > 1) (a[k[1]!] as Uint32Array)[i] = e[1]!(r);
  if (n > 2) (a[k[2]!] as Uint32Array)[i] = e[2]!(r);
  if (n > 3) (a[k[3]!] as Uint32Array)[i] = e[3]!(r);
  if (n > 4) (a[k[4]!] as Uint32Array)[i] = e[4]!(r);
  if (n > 5) (a[k[5]!] as Uint32Array)[i] = e[5]!(r);
  if (n > 6) (a[k[6]!] as Uint32Array)[i] = e[6]!(r);
  if (n > 7) (a[k[7]!] as Uint32Array)[i] = e[7]!(r);
}

function fillU16(a: NumberArray[], k: readonly number[], e: readonly Encoder[], i: number, r: CallRecord): void {
  const n = k.length;
  if (n > 0) (a[k[0]!] as Uint16Array)[i] = e[0]!(r);
  if (n > 1) (a[k[1]!] as Uint16Array)[i] = e[1]!(r);
  if (n > 2) (a[k[2]!] as Uint16Array)[i] = e[2]!(r);
  if (n > 3) (a[k[3]!] as Uint16Array)[i] = e[3]!(r);
  if (n > 4) (a[k[4]!] as Uint16Array)[i] = e[4]!(r);
  if (n > 5) (a[k[5]!] as Uint16Array)[i] = e[5]!(r);
  if (n > 6) (a[k[6]!] as Uint16Array)[i] = e[6]!(r);
  if (n > 7) (a[k[7]!] as Uint16Array)[i] = e[7]!(r);
}

function fillU8(a: NumberArray[], k: readonly number[], e: readonly Encoder[], i: number, r: CallRecord): void {
  const n = k.length;
  if (n > 0) (a[k[0]!] as Uint8Array)[i] = e[0]!(r);
  if (n > 1) (a[k[1]!] as Uint8Array)[i] = e[1]!(r);
  if (n > 2) (a[k[2]!] as Uint8Array)[i] = e[2]!(r);
  if (n > 3) (a[k[3]!] as Uint8Array)[i] = e[3]!(r);
  if (n > 4) (a[k[4]!] as Uint8Array)[i] = e[4]!(r);
  if (n > 5) (a[k[5]!] as Uint8Array)[i] = e[5]!(r);
  if (n > 6) (a[k[6]!] as Uint8Array)[i] = e[6]!(r);
  if (n > 7) (a[k[7]!] as Uint8Array)[i] = e[7]!(r);
}

function isIdentity(to: Uint32Array): boolean {
  for (let r = 0; r < to.length; r++) if (to[r] !== r) return false;
  return true;
}

/**
 * Rows (ascending) as runs of consecutive indexes, [from, to) pairs, when there are few of them (a
 * piece with a few duplicates): each run is one set() per column instead of a loop per call, whose
 * element access over every kind of typed array was the merge's costliest loop. Null when the rows
 * are scattered (a file's rows of a sealed store): copied one by one.
 */
function runsOf(rows: Uint32Array): Uint32Array | null {
  let count = rows.length > 0 ? 1 : 0;
  for (let j = 1; j < rows.length; j++) if (rows[j] !== rows[j - 1]! + 1) count++;
  if (count * MIN_RUN_ROWS > rows.length) return null;
  const runs = new Uint32Array(count * 2);
  let r = 0;
  for (let j = 0; j < rows.length; j++) {
    if (j === 0 || rows[j] !== rows[j - 1]! + 1) {
      if (j > 0) runs[r++] = rows[j - 1]! + 1;
      runs[r++] = rows[j]!;
    }
  }
  if (rows.length > 0) runs[r] = rows[rows.length - 1]! + 1;
  return runs;
}

/** Rows per run on average below which runs are not worth a set() each. */
const MIN_RUN_ROWS = 16;

/** `rows` of `source` (all of its first `n` when null; `runs`: runsOf(rows)) into `target` from row `at`. */
function copyRows(target: NumberArray, at: number, source: NumberArray, rows: Uint32Array | null, n: number, runs: Uint32Array | null): void {
  if (!rows) {
    target.set(source.subarray(0, n), at);
  } else if (runs) {
    let to = at;
    for (let r = 0; r < runs.length; r += 2) {
      target.set(source.subarray(runs[r]!, runs[r + 1]!), to);
      to += runs[r + 1]! - runs[r]!;
    }
  } else {
    for (let j = 0; j < n; j++) target[at + j] = source[rows[j]!]!;
  }
}

/**
 * A kept-text column's texts of `rows` (all of the first `n` when null) of a piece (its 1-based
 * `indexes` into `texts`, 0: none) kept in `list` under `cap`, for the rows from `at` on. A function
 * of its own, not a loop inside appendRows: V8 compiled that loop on its own (on-stack replacement)
 * and threw the code away each time it left the loop, then compiled all of appendRows again
 * (--trace-opt, a 1M-call Master.csv: ~20 such exits and three TurboFan compilations of it).
 */
function appendKept(list: KeptTexts, kept: KeptRows, cap: number, texts: PackedTexts, indexes: Uint32Array, rows: Uint32Array | null, n: number, at: number): void {
  const count = packedCount(texts);
  // No text to keep (none sent, or the list is full): every row keeps none, nothing to look at.
  if (count === 0 || list.count >= cap) return;
  if (!rows && list.count + count <= cap && keepsAllInOrder(indexes, n, count)) {
    // Every text of the piece is kept, in its order: its pack is copied whole (the merge's usual case).
    const base = list.count;
    list.pushAll(texts);
    for (let j = 0; j < n; j++) {
      const index = indexes[j]!;
      if (index !== 0) kept.push(at + j, base + index);
    }
    return;
  }
  for (let j = 0; j < n; j++) {
    const index = indexes[rows ? rows[j]! : j]!;
    if (index === 0 || index > count || list.count >= cap) continue;
    list.pushFrom(texts, index - 1);
    kept.push(at + j, list.count);
  }
}

/** The first `n` rows' 1-based `indexes` name texts 1 … `count`, each once, in order (0s between: rows that keep none). */
function keepsAllInOrder(indexes: Uint32Array, n: number, count: number): boolean {
  let next = 1;
  for (let j = 0; j < n; j++) {
    const index = indexes[j]!;
    if (index === 0) continue;
    if (index !== next) return false;
    next++;
  }
  return next === count + 1;
}

/** An interned column's ids of `rows` (all of the first `n` when null) through `lookup` (a piece's id → the store's; ids past it: its last entry). */
function remapIds(target: Uint16Array, at: number, source: Uint16Array, rows: Uint32Array | null, n: number, lookup: Uint16Array): void {
  const last = lookup.length - 1;
  if (!rows) {
    for (let j = 0; j < n; j++) {
      const id = source[j]!;
      target[at + j] = lookup[id < last ? id : last]!;
    }
    return;
  }
  for (let j = 0; j < n; j++) {
    const id = source[rows[j]!]!;
    target[at + j] = lookup[id < last ? id : last]!;
  }
}

/** The index (1-based) under which `text` is kept in `list`, or 0 when it is null or the list is full. */
function keep(list: KeptTexts, cap: number, text: string | null): number {
  if (text === null || list.count >= cap) return 0;
  list.push(text);
  return list.count;
}

/** Leading digits of a phone-number-like string (a leading + is dropped), capped at 15. */
export function digitsOf(text: string): Digits {
  const out = { value: 0, length: 0 };
  readDigits(text, out);
  return out;
}

/** The digits back as a string (leading zeros restored from the length). */
export function digitsText(value: number, length: number): string {
  if (length === 0) return '';
  return String(value).padStart(length, '0');
}
