/**
 * What a file card says of the day/month order of dates that could be read day first or month
 * first (a spreadsheet's `03/04/2015`): the reading taken and why, the file's own proof, another
 * file's of the same drop, or none (an assumption). The times of day, the calls and their rates do
 * not depend on it; the dates shown do. One wording for every format and the whole drop
 * (ingest/drop-date-order.ts), so the page and the CLI say the same.
 */
import { formatCount } from '../../model/format-count';
import { formatWallTime, parseWallTime, type DateOrder } from '../../model/wall-time';

const FIRST: Readonly<Record<DateOrder, string>> = { dmy: 'day first', mdy: 'month first' };

/** The date `text` reads as in `order` (`2015-04-03`). */
function dayIn(text: string, order: DateOrder): string {
  return formatWallTime(parseWallTime(text, order)).slice(0, 10);
}

/**
 * Nothing proved the order: month first, assumed. `others`: what the files read with it said, when
 * there were any: none proved an order ('none'), or some proved one and some the other.
 */
export function dateOrderHint(example: string, others: 'alone' | 'none' | ReadonlyArray<{ fileName: string; order: DateOrder }> = 'alone'): string {
  const text = example.trim();
  const why =
    others === 'alone'
      ? ''
      : others === 'none'
        ? ', nor in the files read with it'
        : `, and the files read with it disagree (${others.map((o) => `${o.fileName} ${FIRST[o.order]}`).join(', ')})`;
  return (
    `Dates such as ${text} are read month first (${dayIn(text, 'mdy')}), an assumption: no date in this file has a day above 12 to tell${why}. ` +
    `If your system writes the day first (${dayIn(text, 'dmy')}), the dates shown are off; the times of day and the rates are not.`
  );
}

/** The order taken from `from`, a file read with this one, which proves it (`proof`: a start only that order reads; null: its uniqueids' times). */
export function followedOrderHint(example: string, order: DateOrder, from: string, proof: string | null): string {
  const text = example.trim();
  const how = proof !== null ? `where ${proof} can only be ${FIRST[order]}` : `whose uniqueids' times show ${FIRST[order]}`;
  return `Dates such as ${text} are read ${FIRST[order]} (${dayIn(text, order)}): the day/month order is taken from ${from}, read with this file, ${how}. No date in this file has a day above 12 to tell.`;
}

/** The file proves its order and files read with it prove the other: each is read in its own (they are different exports). */
export function ownOrderHint(order: DateOrder, proof: string | null, others: ReadonlyArray<{ fileName: string; proof: string | null }>): string {
  const own = proof !== null ? `as ${proof} in this file shows` : `as this file's uniqueids' times show`;
  const lead = others[0]!;
  const one = others.length === 1;
  const where = lead.proof !== null ? `${lead.proof} ${one ? 'there' : `in ${lead.fileName}`}` : `by ${one ? 'its' : 'their'} uniqueids' times`;
  const names = one ? lead.fileName : `${others.slice(0, -1).map((o) => o.fileName).join(', ')} and ${others.at(-1)!.fileName}`;
  const otherOrder: DateOrder = order === 'dmy' ? 'mdy' : 'dmy';
  return `Dates are read ${FIRST[order]}, ${own}; ${names}, read with it, show${one ? 's' : ''} ${FIRST[otherOrder]} (${where}): different exports, each is read in its own order.`;
}

/**
 * Rows read before the order was known (too many to hold back), month first, and the day first
 * proved later, by a later date of the file or (`shownBy`) a file read with it: those rows' dates are off.
 */
export function misreadRowsHint(rows: number, firstLine: number, example: string, shownBy = 'a later date'): string {
  const text = example.trim();
  return `${formatCount(rows)} row${rows === 1 ? '' : 's'} from line ${firstLine} on (such as ${text}) were read month first before ${shownBy} showed the day first: their dates are off by the swap; their times of day and the rates are not.`;
}
