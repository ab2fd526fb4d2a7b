/**
 * What a file card says when a file's dates could be read day first or month first and nothing in
 * the file told which (no day above 12, no uniqueid epoch): the reading taken, and the other one.
 * The times of day, the calls and their rates do not depend on it; the dates shown do.
 */
import { formatCount } from '../../model/format-count';
import { formatWallTime, parseWallTime } from '../../model/wall-time';

export function dateOrderHint(example: string): string {
  const text = example.trim();
  const day = (ms: number) => formatWallTime(ms).slice(0, 10);
  return (
    `Dates such as ${text} are read month first (${day(parseWallTime(text, 'mdy'))}): no date in this file has a day above 12 to tell. ` +
    `If your system writes the day first (${day(parseWallTime(text, 'dmy'))}), the dates shown are off; the times of day and the rates are not.`
  );
}

/**
 * What a file card says when rows had to be read before the order was known (too many to hold
 * back) and a later row proved the day first: those rows' dates are off.
 */
export function misreadRowsHint(rows: number, firstLine: number, example: string): string {
  const text = example.trim();
  return `${formatCount(rows)} row${rows === 1 ? '' : 's'} from line ${firstLine} on (such as ${text}) were read month first before a later date showed the day first: their dates are off by the swap; their times of day and the rates are not.`;
}
