/**
 * The outcome columns of a carrier-log row (carrier-columns.ts), read once per distinct value of
 * the four fields they come from — HANGUP CAUSE, DIAL STATUS, SIP CODE, SIP HANGUP REASON — and
 * whether the call was answered: a dialer's day has a few dozen of them over 100,000s of rows. A
 * row's four fields are looked up by their bytes (one hash of all four), and the columns read the
 * first time are handed back (BytesKeyed); a row with a field not there as written (byteStart < 0),
 * or past the table's bounds, is read the straightforward way (carrier-outcomes.test.ts compares the two).
 */
import { ownText } from '../../analysis/own-text';
import { BytesKeyed, MISSING } from '../../read/bytes-keyed';
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

export class CarrierOutcomes {
  private readonly table = new BytesKeyed<CarrierOutcome | null>(CAPACITY, 4, MAX_KEY_BYTES);

  /** `fields`: the four fields' indexes in the row; `read`: the straightforward reading. */
  constructor(
    private readonly fields: readonly [number, number, number, number],
    private readonly read: ReadOutcome,
  ) {}

  /** The row's outcome (see ReadOutcome), the same object each time the four fields' bytes repeat. */
  of(row: Row, answered: boolean): CarrierOutcome | null {
    const table = this.table;
    const key = table.key;
    for (let f = 0; f < 4; f++) {
      const start = row.byteStart(this.fields[f]!);
      if (start < 0) return this.read(row, answered);
      key[2 * f] = start;
      key[2 * f + 1] = row.byteEnd(this.fields[f]!);
    }
    const found = table.find(row.bytes, answered ? 1 : 0);
    if (found !== MISSING) return found;
    const read = this.read(row, answered);
    // Kept for the whole read: a copy, not a slice that would keep the chunk it came from alive.
    const outcome = read && { ...read, reason: ownText(read.reason) };
    table.keep(row.bytes, outcome);
    return outcome;
  }
}
