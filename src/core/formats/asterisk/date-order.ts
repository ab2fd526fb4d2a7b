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

export class DateOrderResolver {
  private dmyProofs = 0;
  private mdyProofs = 0;
  private dmyVotes = 0;
  private mdyVotes = 0;
  /** The start last passed to choose(), read in the order returned (wall ms; NaN after a null). */
  startMs = Number.NaN;

  /** The order proven by the rows seen so far, or null. */
  decided(): DateOrder | null {
    if (this.dmyProofs > 0 && this.mdyProofs === 0) return 'dmy';
    if (this.mdyProofs > 0 && this.dmyProofs === 0) return 'mdy';
    if (this.dmyVotes > this.mdyVotes) return 'dmy';
    if (this.mdyVotes > this.dmyVotes) return 'mdy';
    return null;
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
    const order = this.orderOf(dmy, mdy, epochSec, uniqueid);
    this.startMs = order === null ? Number.NaN : order.order === 'dmy' ? dmy : mdy;
    return order;
  }

  /** A start whose reading does not depend on the order (wall ms; NaN: no valid time). */
  private orderFree(startMs: number): OrderChoice | null {
    this.startMs = startMs;
    return Number.isNaN(startMs) ? null : SETTLED[this.decided() ?? DEFAULT_DATE_ORDER];
  }

  private orderOf(dmy: number, mdy: number, givenEpochSec: number | null, uniqueid: string | null): OrderChoice | null {
    if (Number.isNaN(dmy) && Number.isNaN(mdy)) return null;
    if (dmy === mdy) return SETTLED[this.decided() ?? DEFAULT_DATE_ORDER];
    if (Number.isNaN(mdy)) {
      this.dmyProofs++;
      return SETTLED.dmy;
    }
    if (Number.isNaN(dmy)) {
      this.mdyProofs++;
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
