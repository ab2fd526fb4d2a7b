/**
 * The seconds a spreadsheet dropped, read back from the call's uniqueid. Opened in Excel and saved
 * as CSV, `2024-03-01 10:00:05` comes back as `3/1/2024 10:00`: every call of a minute then starts
 * in one second, and calls per second cannot be counted (cps.ts wholeMinutes). An Asterisk uniqueid
 * (`1709287205.17`) is the epoch second its channel was made, which is the CDR's start: on the
 * file's clock (an offset from UTC of a whole number of quarter hours) the start is that second,
 * provided it falls in the written minute. The offset is the file's: each row's own guess (its
 * written minute less its epoch, rounded to a quarter hour) votes, and once one offset has
 * OFFSET_SETTLED_VOTES votes it is used for every row, so a call whose channel was made 14 minutes
 * before its CDR (a queue's wait) is not read on a clock 15 minutes off. A row whose uniqueid names
 * another moment keeps its minute.
 */
import { formatCount } from '../../model/format-count';
import { epochFromUniqueid, type RawTime } from './cdr-row';

const MINUTE_MS = 60_000;
const QUARTER_HOUR_MS = 15 * MINUTE_MS;
/** Clock offsets from UTC run from −12 h to +14 h. */
const MAX_OFFSET_MS = 14 * 3_600_000;

/** A time written to the minute only: `3/1/2024 10:00`, `2024-03-01 10:00`, `01/03/2024 10:00 AM`. */
const MINUTES_ONLY = /(?:^|[ T])\d{1,2}:\d\d(?:\s*[AaPp]\.?[Mm]\.?)?\s*$/;

/** Rows agreeing on one offset that make it the file's. */
export const OFFSET_SETTLED_VOTES = 3;

/**
 * `startMs` (wall ms as written, read from `text`) with its seconds from `uniqueid`, on a clock
 * `offset` from UTC (null: the row's own guess), where `text` gave the minute only and the
 * uniqueid's second lies in that minute (it may be :00); null otherwise.
 */
export function startWithSeconds(startMs: number, text: RawTime, uniqueid: string, offset: number | null = null): number | null {
  if (typeof text === 'number' || startMs % MINUTE_MS !== 0 || !MINUTES_ONLY.test(text)) return null;
  const epochSec = epochFromUniqueid(uniqueid);
  if (epochSec === null) return null;
  const epochMs = epochSec * 1000;
  const clock = offset ?? offsetGuess(startMs, epochMs);
  if (Math.abs(clock) > MAX_OFFSET_MS) return null;
  const recovered = epochMs + clock;
  return recovered - (recovered % MINUTE_MS) === startMs ? recovered : null;
}

/** A row's own guess of its clock's offset: its written minute less its epoch, to a quarter hour. */
function offsetGuess(startMs: number, epochMs: number): number {
  return Math.round((startMs - epochMs) / QUARTER_HOUR_MS) * QUARTER_HOUR_MS;
}

/**
 * One parser's recovery: the file's offset as its rows settle it, and the count the file card
 * says (starts written to the minute, and those given their second).
 */
export class SecondsFromUniqueid {
  readonly tally: SecondsTally = { minutesOnly: 0, restored: 0 };
  private readonly votes = new Map<number, number>();
  private settled: number | null = null;

  /** The row's start with its second, or null (module comment); counted for the file card. */
  readonly restore = (startMs: number, text: RawTime, uniqueid: string): number | null => {
    const restored = this.restoreQuietly(startMs, text, uniqueid);
    if (isMinutesOnly(text)) {
      this.tally.minutesOnly++;
      if (restored !== null) this.tally.restored++;
    }
    return restored;
  };

  /** restore() of a row already counted (a row held back for the date order, read again). */
  readonly restoreQuietly = (startMs: number, text: RawTime, uniqueid: string): number | null => {
    if (this.settled !== null) return startWithSeconds(startMs, text, uniqueid, this.settled);
    const restored = startWithSeconds(startMs, text, uniqueid);
    if (restored !== null) {
      const offset = restored - (epochFromUniqueid(uniqueid) ?? 0) * 1000;
      const votes = (this.votes.get(offset) ?? 0) + 1;
      this.votes.set(offset, votes);
      if (votes >= OFFSET_SETTLED_VOTES) this.settled = offset;
    }
    return restored;
  };
}

/** Whether `text` (a start, answer or end as written) names the minute only. */
export function isMinutesOnly(text: RawTime | null): boolean {
  return typeof text === 'string' && MINUTES_ONLY.test(text);
}

/** Starts written to the minute only, and how many of them got their second from the uniqueid. */
export interface SecondsTally {
  minutesOnly: number;
  restored: number;
}

/** `evidence` (a piece parser's fileEvidence) added into `tally`, where it is one. */
export function absorbSeconds(tally: SecondsTally, evidence: unknown): void {
  if (typeof evidence !== 'object' || evidence === null || !('seconds' in evidence)) return;
  const other = (evidence as { seconds: unknown }).seconds;
  if (typeof other !== 'object' || other === null) return;
  const { minutesOnly, restored } = other as Partial<SecondsTally>;
  if (typeof minutesOnly === 'number' && typeof restored === 'number') {
    tally.minutesOnly += minutesOnly;
    tally.restored += restored;
  }
}

/** What the file card says of starts without seconds, or null when every start had them. */
export function secondsHint(tally: SecondsTally): string | null {
  const { minutesOnly, restored } = tally;
  if (restored === 0) return null;
  const how = "from its uniqueid: the second the call's channel was made, which is the start Asterisk writes unless the dialplan reset the CDR later in that minute";
  if (restored === minutesOnly) return `Start times carry no seconds (HH:MM, as a spreadsheet saves them): each start's second was read ${how}, so calls per second can be counted.`;
  return `Start times carry no seconds (HH:MM, as a spreadsheet saves them): the second of ${formatCount(restored)} of ${formatCount(minutesOnly)} starts was read ${how}; the other ${formatCount(minutesOnly - restored)} keep their minute.`;
}
