/**
 * D/M vs M/D for files that went through a spreadsheet (`1/9/2017 16:33:01` in the apspoliveira
 * FreePBX dump). The parser sees rows one at a time, so the order is decided as evidence comes in:
 *  - a date whose first number is above 12 (only D/M parses) or second number is (only M/D) proves
 *    the order for the whole file (wall-time.ts guessDateOrder's rule);
 *  - otherwise the epoch inside the row's uniqueid (`1504279981.1`) picks, for that row, the order
 *    whose time lies within a day and a half of it (time zones differ by at most 14 h);
 *  - otherwise the row waits (held back, emitted by finish()) until a later row decides.
 */
import { parseWallTime, type DateOrder } from '../../model/wall-time';

/** An order decided with no evidence at all (every day ≤ 12, no uniqueid): parseWallTime's default. */
export const DEFAULT_DATE_ORDER: DateOrder = 'mdy';

const EPOCH_TOLERANCE_MS = 36 * 3600 * 1000;

export interface OrderChoice {
  order: DateOrder;
  /** False when the order is only a guess for now (the row may be held back). */
  settled: boolean;
}

export class DateOrderResolver {
  private dmyProofs = 0;
  private mdyProofs = 0;
  private dmyVotes = 0;
  private mdyVotes = 0;

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
    const dmy = parseWallTime(start, 'dmy');
    const mdy = parseWallTime(start, 'mdy');
    if (Number.isNaN(dmy) && Number.isNaN(mdy)) return null;
    if (dmy === mdy) return { order: this.decided() ?? DEFAULT_DATE_ORDER, settled: true };
    if (Number.isNaN(mdy)) {
      this.dmyProofs++;
      return { order: 'dmy', settled: true };
    }
    if (Number.isNaN(dmy)) {
      this.mdyProofs++;
      return { order: 'mdy', settled: true };
    }
    if (epochSec !== null) {
      const epochMs = epochSec * 1000;
      const dDmy = Math.abs(dmy - epochMs);
      const dMdy = Math.abs(mdy - epochMs);
      if (Math.min(dDmy, dMdy) <= EPOCH_TOLERANCE_MS) {
        const order: DateOrder = dDmy <= dMdy ? 'dmy' : 'mdy';
        if (order === 'dmy') this.dmyVotes++;
        else this.mdyVotes++;
        return { order, settled: true };
      }
    }
    const decided = this.decided();
    return decided ? { order: decided, settled: true } : { order: DEFAULT_DATE_ORDER, settled: false };
  }
}
