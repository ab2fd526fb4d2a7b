/**
 * Dense ids for whole-number keys (0 ≤ key < 2^53), in order of first sight: what a
 * Map<number, number> does for the call index's destination and caller keys, but in typed arrays
 * with open addressing. Keys above 2^31 are heap numbers in a Map (allocated and hashed per call):
 * at a million calls that was most of the dashboard's first answer.
 */
import { releaseNow } from './release-buffer';

const EMPTY = -1;

export class NumberIds {
  private keys: Float64Array;
  private ids: Int32Array;
  /** How many distinct keys have an id (ids are 0 … size − 1). */
  size = 0;

  constructor(expected = 1024) {
    const slots = 2 ** Math.ceil(Math.log2(Math.max(16, expected * 2)));
    this.keys = new Float64Array(slots).fill(EMPTY);
    this.ids = new Int32Array(slots);
  }

  /** The id of `key`, a new one (= size before) the first time it is seen. */
  idOf(key: number): number {
    const mask = this.keys.length - 1;
    for (let i = slotOf(key, mask); ; i = (i + 1) & mask) {
      const k = this.keys[i]!;
      if (k === key) return this.ids[i]!;
      if (k === EMPTY) {
        const id = this.size++;
        this.keys[i] = key;
        this.ids[i] = id;
        if (this.size * 2 > this.keys.length) this.grow();
        return id;
      }
    }
  }

  /** The id of `key`, or -1 when it has none (nothing is added). */
  find(key: number): number {
    const mask = this.keys.length - 1;
    for (let i = slotOf(key, mask); ; i = (i + 1) & mask) {
      const k = this.keys[i]!;
      if (k === key) return this.ids[i]!;
      if (k === EMPTY) return -1;
    }
  }

  /** Its tables given back now (a temporary table, once done with: see release-buffer.ts); empty after. */
  release(): void {
    releaseNow(this.keys);
    releaseNow(this.ids);
    this.keys = new Float64Array(16).fill(EMPTY);
    this.ids = new Int32Array(16);
    this.size = 0;
  }

  private grow(): void {
    const oldKeys = this.keys;
    const oldIds = this.ids;
    this.keys = new Float64Array(oldKeys.length * 2).fill(EMPTY);
    this.ids = new Int32Array(oldKeys.length * 2);
    const mask = this.keys.length - 1;
    for (let j = 0; j < oldKeys.length; j++) {
      const key = oldKeys[j]!;
      if (key === EMPTY) continue;
      let i = slotOf(key, mask);
      while (this.keys[i] !== EMPTY) i = (i + 1) & mask;
      this.keys[i] = key;
      this.ids[i] = oldIds[j]!;
    }
    // The replaced table is given back now: a table of a million keys is 24 MB.
    releaseNow(oldKeys);
    releaseNow(oldIds);
  }
}

/** Both 32-bit halves of the key mixed (Murmur-style constants), masked to the table. */
function slotOf(key: number, mask: number): number {
  const low = key >>> 0;
  const high = (key / 0x100000000) >>> 0;
  const h = Math.imul(low ^ Math.imul(high, 0x85ebca6b), 0x9e3779b1);
  return (h ^ (h >>> 16)) & mask;
}
