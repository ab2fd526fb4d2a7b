/**
 * Values looked up by the bytes of one or more fields of a row, for values made from fields whose
 * few distinct contents repeat over millions of rows (a disposition's text, a carrier log's
 * outcome): a row's fields are hashed and compared byte for byte against the keys kept, so a row
 * whose fields were seen before makes no string and reads nothing again. Bounded: at most
 * `capacity` keys of at most `maxKeyBytes` bytes (all parts together) are kept; past that, or
 * after MAX_PROBES colliding slots, `find` answers MISSING and the caller makes the value itself.
 * Each kept key has its bytes copied, so a hash collision cannot hand back another key's value
 * and nothing keeps the tokenizer's chunk alive.
 *
 * Use: set the parts' ranges in `key` ([start, end) pairs into the row's bytes), `find`; on MISSING
 * make the value and `keep` it (kept at the slot `find` stopped at, when there is room).
 */

/** find's answer for a key not kept. */
export const MISSING: unique symbol = Symbol('missing');

/** Slots a look-up tries before it answers MISSING (values chosen to share a hash cost no walk). */
const MAX_PROBES = 8;

export class BytesKeyed<V> {
  /** The key looked up: part p is bytes[key[2p], key[2p + 1]). */
  readonly key: Int32Array;
  /** Per slot: 1 + the index of its entry, 0 = free. */
  private readonly slots: Int32Array;
  private readonly mask: number;
  private readonly values: V[] = [];
  /** Per entry: where its bytes start in `pool`, and each part's length. */
  private readonly offsets: number[] = [];
  private readonly seeds: Int32Array;
  private readonly lengths: Int32Array;
  private readonly pool: Uint8Array;
  private poolUsed = 0;
  /** The free slot the last find stopped at (-1: none; a keep then keeps nothing), and its seed. */
  private freeSlot = -1;
  private freeSeed = 0;

  constructor(
    readonly capacity: number,
    private readonly parts: number,
    private readonly maxKeyBytes: number,
  ) {
    let size = 8;
    while (size < capacity * 2) size *= 2;
    this.slots = new Int32Array(size);
    this.mask = size - 1;
    this.key = new Int32Array(parts * 2);
    this.seeds = new Int32Array(capacity);
    this.lengths = new Int32Array(capacity * parts);
    this.pool = new Uint8Array(capacity * maxKeyBytes);
  }

  /** Keys kept so far (at most `capacity`). */
  get kept(): number {
    return this.values.length;
  }

  /**
   * The value kept for `key`'s parts of `bytes` and `seed` (a small integer that is part of the key:
   * keys of one seed never match another's), or MISSING.
   */
  find(bytes: Uint8Array, seed = 0): V | typeof MISSING {
    this.freeSlot = -1;
    const key = this.key;
    let h = Math.imul(seed ^ 0x2545f491, 0x9e3779b1);
    let keyBytes = 0;
    for (let p = 0; p < this.parts; p++) {
      const start = key[2 * p]!;
      const end = key[2 * p + 1]!;
      keyBytes += end - start;
      h = Math.imul(h ^ (end - start), 0x9e3779b1);
      for (let k = start; k < end; k++) h = Math.imul(h ^ bytes[k]!, 0x01000193);
    }
    if (keyBytes > this.maxKeyBytes) return MISSING;
    let slot = (h ^ (h >>> 15)) & this.mask;
    for (let probes = 0; probes < MAX_PROBES; probes++) {
      const entry = this.slots[slot]!;
      if (entry === 0) {
        this.freeSlot = slot;
        this.freeSeed = seed;
        return MISSING;
      }
      if (this.seeds[entry - 1] === seed && this.isKey(entry - 1, bytes)) return this.values[entry - 1]!;
      slot = (slot + 1) & this.mask;
    }
    return MISSING;
  }

  /** Keeps `value` for the key the last `find` answered MISSING for, when there is room. */
  keep(bytes: Uint8Array, value: V): void {
    const slot = this.freeSlot;
    this.freeSlot = -1;
    const index = this.values.length;
    if (slot < 0 || index >= this.capacity) return;
    this.values.push(value);
    this.offsets.push(this.poolUsed);
    this.seeds[index] = this.freeSeed;
    const key = this.key;
    for (let p = 0; p < this.parts; p++) {
      const start = key[2 * p]!;
      const end = key[2 * p + 1]!;
      this.lengths[index * this.parts + p] = end - start;
      this.pool.set(bytes.subarray(start, end), this.poolUsed);
      this.poolUsed += end - start;
    }
    this.slots[slot] = index + 1;
  }

  /** Entry `index`'s parts are `key`'s parts of `bytes`, byte for byte. */
  private isKey(index: number, bytes: Uint8Array): boolean {
    const pool = this.pool;
    const key = this.key;
    let at = this.offsets[index]!;
    for (let p = 0; p < this.parts; p++) {
      const start = key[2 * p]!;
      const length = key[2 * p + 1]! - start;
      if (this.lengths[index * this.parts + p] !== length) return false;
      for (let k = 0; k < length; k++) if (pool[at + k] !== bytes[start + k]) return false;
      at += length;
    }
    return true;
  }
}
