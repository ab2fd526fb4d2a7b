/**
 * The outcome columns of a carrier-log row (carrier-columns.ts), read once per distinct value of
 * the four fields they come from — HANGUP CAUSE, DIAL STATUS, SIP CODE, SIP HANGUP REASON — and
 * whether the call was answered: a dialer's day has a few dozen of them over 100,000s of rows. A
 * row's four fields are looked up by their bytes (one hash of all four), and the columns read the
 * first time are handed back; a row with a field not there as written (byteStart < 0), or past
 * the table's bounds, is read the straightforward way (carrier-outcomes.test.ts compares the two).
 */
import { ownText } from '../../analysis/own-text';
import type { Row } from '../../read/row';

/** What a row's four outcome fields (and whether it was answered) write into the call's columns. */
export interface CarrierOutcome {
  sipCode: number;
  /** Indexes in CODE_SOURCES and OUTCOMES (call-columns.ts). */
  codeSource: number;
  outcome: number;
  /** The Q.850 cause, or NO_VALUE_U16. */
  q850: number;
  reason: string;
  /** A capacity or policy rejection: the call's id is kept. */
  rejected: boolean;
  /** The code is the SIP code the file states (FormatCapabilities.sipCodes). */
  statesSipCode: boolean;
}

/**
 * A row's outcome read the straightforward way from its four fields; null when the row is not one
 * the columns are written from (not a whole-number cause, not a dial status).
 */
export type ReadOutcome = (row: Row, answered: boolean) => CarrierOutcome | null;

/** Distinct outcomes kept; the rest are read per row. */
const CAPACITY = 1024;
/** Four fields' bytes longer than this are read per row (a reason is a short phrase). */
const MAX_KEY_BYTES = 128;
/** Slots a look-up tries before it reads the row instead. */
const MAX_PROBES = 8;
const NOT_READ = 0;

export class CarrierOutcomes {
  /** Per slot: 1 + the index of its entry, 0 = free. */
  private readonly slots = new Int32Array(CAPACITY * 2);
  private readonly mask = CAPACITY * 2 - 1;
  private readonly outcomes: Array<CarrierOutcome | null> = [];
  /** Per entry: its fields' bytes (in `pool` from offsets[k]) and each field's length. */
  private readonly offsets: number[] = [];
  private readonly lengths = new Int32Array(CAPACITY * 4);
  private readonly answered = new Uint8Array(CAPACITY);
  private readonly pool = new Uint8Array(CAPACITY * MAX_KEY_BYTES);
  private poolUsed = 0;
  /** The row looked up: its four fields' start and end in row.bytes. */
  private readonly ranges = new Int32Array(8);

  /** `fields`: the four fields' indexes in the row; `read`: the straightforward reading. */
  constructor(
    private readonly fields: readonly [number, number, number, number],
    private readonly read: ReadOutcome,
  ) {}

  /** The row's outcome (see ReadOutcome), the same object each time the four fields' bytes repeat. */
  of(row: Row, answered: boolean): CarrierOutcome | null {
    const bytes = row.bytes;
    const fields = this.fields;
    const ranges = this.ranges;
    let h = answered ? 0x2545f491 : 0x5bd1e995;
    let keyBytes = 0;
    for (let f = 0; f < 4; f++) {
      const start = row.byteStart(fields[f]!);
      if (start < 0) return this.read(row, answered);
      const end = row.byteEnd(fields[f]!);
      ranges[2 * f] = start;
      ranges[2 * f + 1] = end;
      keyBytes += end - start;
      h = Math.imul(h ^ (end - start), 0x9e3779b1);
      for (let k = start; k < end; k++) h = Math.imul(h ^ bytes[k]!, 0x01000193);
    }
    if (keyBytes > MAX_KEY_BYTES) return this.read(row, answered);
    let slot = (h ^ (h >>> 15)) & this.mask;
    for (let probes = 0; probes < MAX_PROBES; probes++) {
      const entry = this.slots[slot]!;
      if (entry === NOT_READ) return this.keep(row, answered, slot);
      if (this.sameKey(entry - 1, bytes, answered)) return this.outcomes[entry - 1]!;
      slot = (slot + 1) & this.mask;
    }
    return this.read(row, answered);
  }

  /** Whether entry `index` is the row looked up (its fields at `ranges` in `bytes`). */
  private sameKey(index: number, bytes: Uint8Array, answered: boolean): boolean {
    if (this.answered[index] !== (answered ? 1 : 0)) return false;
    const pool = this.pool;
    const ranges = this.ranges;
    let at = this.offsets[index]!;
    for (let f = 0; f < 4; f++) {
      const start = ranges[2 * f]!;
      const length = ranges[2 * f + 1]! - start;
      if (this.lengths[index * 4 + f] !== length) return false;
      for (let k = 0; k < length; k++) if (pool[at + k] !== bytes[start + k]) return false;
      at += length;
    }
    return true;
  }

  private keep(row: Row, answered: boolean, slot: number): CarrierOutcome | null {
    const read = this.read(row, answered);
    const index = this.outcomes.length;
    if (index >= CAPACITY) return read;
    // Kept for the whole read: a copy, not a slice that would keep the chunk it came from alive.
    const outcome = read && { ...read, reason: ownText(read.reason) };
    this.outcomes.push(outcome);
    this.offsets.push(this.poolUsed);
    this.answered[index] = answered ? 1 : 0;
    for (let f = 0; f < 4; f++) {
      const start = this.ranges[2 * f]!;
      const end = this.ranges[2 * f + 1]!;
      this.lengths[index * 4 + f] = end - start;
      this.pool.set(row.bytes.subarray(start, end), this.poolUsed);
      this.poolUsed += end - start;
    }
    this.slots[slot] = index + 1;
    return outcome;
  }
}
