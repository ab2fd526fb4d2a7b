/**
 * Counts a call once when several files (or one file twice: Asterisk writes Master.csv and a
 * per-account copy) contain it. Only records with a call id take part. The key fields are hashed
 * to a 52-bit number, straight from the fields (no joined key string per call), and the keys seen
 * live in an open-addressing table of doubles, so a million calls cost 16 MB, not a Set of boxed
 * numbers.
 */
import type { CallRecord } from '../model/call-record';

export const DUPLICATE_REASON = 'duplicate: the same call (call id, trunk, destination, start, result) was already read';

export class CallDeduper {
  private readonly seen = new KeySet();

  /** True the first time a record is offered; false for a duplicate. */
  offer(record: CallRecord): boolean {
    const key = dedupeKey(record);
    return key === null || this.offerKey(key);
  }

  /** offer() for a key computed elsewhere (a piece worker computes keys, the merge offers them). */
  offerKey(key: number): boolean {
    return this.seen.add(key);
  }
}

/**
 * The record's de-duplication key, or null when it has no call id (then it never counts as a
 * duplicate). Key fields: call id, trunk, destination, start, SIP code, outcome, reason. Each text
 * is hashed with its length first, so field boundaries cannot shift ('ab','c' ≠ 'a','bc').
 */
export function dedupeKey(record: CallRecord): number | null {
  if (record.callId === '') return null;
  laneA = 0x811c9dc5;
  laneB = 0x01000193 ^ 0x5bd1e995;
  mixText(record.callId);
  mixText(record.trunk);
  mixText(record.destination);
  mixNumber(record.startMs);
  if (record.sipCode === null) mix(0);
  else {
    mix(1);
    mixNumber(record.sipCode);
  }
  mixText(record.outcome);
  mixText(record.reason);
  return (laneA >>> 0) * 0x100000 + ((laneB >>> 0) & 0xfffff);
}

// Two independent FNV-1a-style 32-bit lanes, combined to 52 bits (exact in a double). Module state
// rather than a hasher object: dedupeKey runs once per call and allocates nothing.
let laneA = 0;
let laneB = 0;

function mix(word: number): void {
  laneA = Math.imul(laneA ^ word, 0x01000193);
  laneB = Math.imul(laneB ^ word, 0x5bd1e995);
  laneB ^= laneB >>> 15;
}

function mixText(text: string): void {
  mix(text.length);
  for (let i = 0; i < text.length; i++) mix(text.charCodeAt(i));
}

const numberBits = new Float64Array(1);
const numberWords = new Uint32Array(numberBits.buffer);

/** The double's bits; -0 as 0 and every NaN alike, as their texts were in the joined-string key. */
function mixNumber(value: number): void {
  numberBits[0] = value === 0 ? 0 : Number.isNaN(value) ? Number.NaN : value;
  mix(numberWords[0]!);
  mix(numberWords[1]!);
}

const EMPTY = -1;
const INITIAL_SLOTS = 1 << 12;

/**
 * A set of numbers. dedupeKey's keys (integers in [0, 2^52)) go to an open-addressing table with
 * linear probing, kept at most half full; any other number (offerKey is public) to a plain Set.
 */
class KeySet {
  private slots = new Float64Array(INITIAL_SLOTS).fill(EMPTY);
  private size = 0;
  private readonly others = new Set<number>();

  /** Adds `key`; true when it was not there yet. */
  add(key: number): boolean {
    if (!(key >= 0 && key < 2 ** 52 && Number.isInteger(key))) {
      if (this.others.has(key)) return false;
      this.others.add(key);
      return true;
    }
    const mask = this.slots.length - 1;
    for (let i = slotOf(key, this.slots.length); ; i = (i + 1) & mask) {
      const v = this.slots[i]!;
      if (v === key) return false;
      if (v === EMPTY) {
        this.slots[i] = key;
        if (++this.size * 2 > this.slots.length) this.grow();
        return true;
      }
    }
  }

  private grow(): void {
    const old = this.slots;
    this.slots = new Float64Array(old.length * 2).fill(EMPTY);
    const mask = this.slots.length - 1;
    for (const key of old) {
      if (key === EMPTY) continue;
      let i = slotOf(key, this.slots.length);
      while (this.slots[i] !== EMPTY) i = (i + 1) & mask;
      this.slots[i] = key;
    }
  }
}

/** Slot of an integer key in a table of `slotCount` (a power of two): both 32-bit halves, mixed, top bits. */
function slotOf(key: number, slotCount: number): number {
  const low = key >>> 0;
  const high = (key / 0x100000000) >>> 0;
  return Math.imul(low ^ Math.imul(high, 0x85ebca6b), 0x9e3779b1) >>> (Math.clz32(slotCount) + 1);
}
