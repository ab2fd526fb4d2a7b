/**
 * D/M vs M/D for files that went through a spreadsheet (`1/9/2017 16:33:01` in the apspoliveira
 * FreePBX dump). The parser sees rows one at a time, so the order is decided as evidence comes in:
 *  - a date whose first number is above 12 (only D/M parses) or second number is (only M/D) proves
 *    the order for the whole file (wall-time.ts guessDateOrder's rule);
 *  - otherwise the epoch inside the row's uniqueid (`1504279981.1`) picks, for that row, the order
 *    whose time lies within a day and a half of it (time zones differ by at most 14 h);
 *  - otherwise the row waits (held back, emitted by finish()) until a later row decides.
 * Runs once per row, so a canonical `YYYY-MM-DD HH:MM:SS` start (where the order cannot matter) is
 * parsed once, not once per order, the uniqueid's epoch is read only when the order is in doubt,
 * and the start as read is kept (startMs) so the caller does not parse it again.
 */
import { parseOrderFreeWallTime, parseWallTime, type DateOrder } from '../../model/wall-time';
import { epochFromUniqueid, type RawTime } from './cdr-row';
import type { ProvenDateOrder } from '../format-module';

/** An order decided with no evidence at all (every day ≤ 12, no uniqueid): parseWallTime's default. */
export const DEFAULT_DATE_ORDER: DateOrder = 'mdy';

const EPOCH_TOLERANCE_MS = 36 * 3600 * 1000;

export interface OrderChoice {
  readonly order: DateOrder;
  /** False when the order is only a guess for now (the row may be held back). */
  readonly settled: boolean;
}

/** The four possible answers, shared: choose() runs for every row and allocates nothing. */
const SETTLED: Readonly<Record<DateOrder, OrderChoice>> = {
  dmy: Object.freeze({ order: 'dmy', settled: true }),
  mdy: Object.freeze({ order: 'mdy', settled: true }),
};
const UNSETTLED: OrderChoice = Object.freeze({ order: DEFAULT_DATE_ORDER, settled: false });

/** What a resolver learned, to be added up over the pieces of a file (RowParser.fileEvidence): structured-cloneable. */
export interface DateOrderEvidence {
  dmyProofs: number;
  mdyProofs: number;
  dmyVotes: number;
  mdyVotes: number;
  dmyProof: string | null;
  mdyProof: string | null;
}

export class DateOrderResolver {
  private dmyProofs = 0;
  private mdyProofs = 0;
  private dmyVotes = 0;
  private mdyVotes = 0;
  /** The first start, as written, that only day first (month first) reads: the card names it. */
  private dmyProof: string | null = null;
  private mdyProof: string | null = null;
  /** The start last passed to choose(), read in the order returned (wall ms; NaN after a null). */
  startMs = Number.NaN;

  /**
   * `proven`: the file's first start that reads one way only, found before its rows (ParserInit.provenDateOrder):
   * counted as if it were the first row seen, so a later start that proves the other order meets it as in one pass.
   */
  constructor(proven?: ProvenDateOrder) {
    if (proven?.order === 'dmy') {
      this.dmyProofs = 1;
      this.dmyProof = proven.proof;
    } else if (proven?.order === 'mdy') {
      this.mdyProofs = 1;
      this.mdyProof = proven.proof;
    }
  }

  /** The order proven by the rows seen so far, or null. */
  decided(): DateOrder | null {
    if (this.dmyProofs > 0 && this.mdyProofs === 0) return 'dmy';
    if (this.mdyProofs > 0 && this.dmyProofs === 0) return 'mdy';
    if (this.dmyVotes > this.mdyVotes) return 'dmy';
    if (this.mdyVotes > this.dmyVotes) return 'mdy';
    return null;
  }

  /** The start that proved the decided order, as written; null when the uniqueids' times decided it, or nothing did. */
  proof(): string | null {
    const decided = this.decided();
    if (decided === 'dmy' && this.dmyProofs > 0 && this.mdyProofs === 0) return this.dmyProof;
    if (decided === 'mdy' && this.mdyProofs > 0 && this.dmyProofs === 0) return this.mdyProof;
    return null;
  }

  evidence(): DateOrderEvidence {
    const { dmyProofs, mdyProofs, dmyVotes, mdyVotes, dmyProof, mdyProof } = this;
    return { dmyProofs, mdyProofs, dmyVotes, mdyVotes, dmyProof, mdyProof };
  }

  /**
   * Adds what a resolver of a later part of the file learned (pieces are absorbed in file order:
   * a proof already held stays the file's first). Checked field by field: it crossed a worker boundary.
   */
  absorb(evidence: unknown): void {
    if (typeof evidence !== 'object' || evidence === null) return;
    const e = evidence as Partial<Record<keyof DateOrderEvidence, unknown>>;
    const count = (v: unknown) => (typeof v === 'number' && Number.isSafeInteger(v) && v >= 0 ? v : 0);
    const text = (v: unknown) => (typeof v === 'string' ? v : null);
    this.dmyProofs += count(e.dmyProofs);
    this.mdyProofs += count(e.mdyProofs);
    this.dmyVotes += count(e.dmyVotes);
    this.mdyVotes += count(e.mdyVotes);
    this.dmyProof ??= text(e.dmyProof);
    this.mdyProof ??= text(e.mdyProof);
  }

  /** Order to read this row's times with; null when the start is not a time in either order. */
  choose(start: string, epochSec: number | null): OrderChoice | null {
    return this.pick(start, epochSec, null);
  }

  /** choose() for a row whose uniqueid may carry an epoch (read only when the order is in doubt). */
  chooseForRow(start: RawTime, uniqueid: string): OrderChoice | null {
    return this.pick(start, null, uniqueid);
  }

  private pick(start: RawTime, epochSec: number | null, uniqueid: string | null): OrderChoice | null {
    if (typeof start === 'number') return this.orderFree(start);
    const orderFree = parseOrderFreeWallTime(start);
    if (orderFree !== null) return this.orderFree(orderFree);
    const dmy = parseWallTime(start, 'dmy');
    const mdy = parseWallTime(start, 'mdy');
    const order = this.orderOf(start, dmy, mdy, epochSec, uniqueid);
    this.startMs = order === null ? Number.NaN : order.order === 'dmy' ? dmy : mdy;
    return order;
  }

  /** A start whose reading does not depend on the order (wall ms; NaN: no valid time). */
  private orderFree(startMs: number): OrderChoice | null {
    this.startMs = startMs;
    return Number.isNaN(startMs) ? null : SETTLED[this.decided() ?? DEFAULT_DATE_ORDER];
  }

  private orderOf(start: string, dmy: number, mdy: number, givenEpochSec: number | null, uniqueid: string | null): OrderChoice | null {
    if (Number.isNaN(dmy) && Number.isNaN(mdy)) return null;
    if (dmy === mdy) return SETTLED[this.decided() ?? DEFAULT_DATE_ORDER];
    if (Number.isNaN(mdy)) {
      if (this.dmyProofs++ === 0) this.dmyProof = start.trim();
      return SETTLED.dmy;
    }
    if (Number.isNaN(dmy)) {
      if (this.mdyProofs++ === 0) this.mdyProof = start.trim();
      return SETTLED.mdy;
    }
    const epochSec = givenEpochSec ?? (uniqueid !== null ? epochFromUniqueid(uniqueid) : null);
    if (epochSec !== null) {
      const epochMs = epochSec * 1000;
      const dDmy = Math.abs(dmy - epochMs);
      const dMdy = Math.abs(mdy - epochMs);
      if (Math.min(dDmy, dMdy) <= EPOCH_TOLERANCE_MS) {
        const order: DateOrder = dDmy <= dMdy ? 'dmy' : 'mdy';
        if (order === 'dmy') this.dmyVotes++;
        else this.mdyVotes++;
        return SETTLED[order];
      }
    }
    const decided = this.decided();
    return decided ? SETTLED[decided] : UNSETTLED;
  }
}
