/**
 * Value shapes the detectors check column by column (formats.md §1.3, §1.4, §2.1).
 */
import { looksLikeTime } from '../../model/wall-time';

/** main/cdr.c ast_cdr_disp2str, plus the CANCEL/CONGESTION options. */
const DISPOSITIONS = new Set(['ANSWERED', 'NO ANSWER', 'BUSY', 'FAILED', 'CONGESTION', 'CANCEL', 'UNKNOWN']);

export function isDisposition(text: string): boolean {
  return DISPOSITIONS.has(text.trim().toUpperCase());
}

/** cdr_csv `%Y-%m-%d %T`. */
export function isAsteriskTime(text: string): boolean {
  return /^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d$/.test(text.trim());
}

export function isAnyTime(text: string): boolean {
  return looksLikeTime(text);
}

/**
 * A start, answer or end as cdr_csv / cdr_custom write it, or as a spreadsheet wrote it back when the
 * file was opened and saved again (`3/24/2015 15:44`, `24/03/2015 15:44:40`): the parsers read both
 * (parser-core's date order), so a re-saved Master.csv is still a Master.csv.
 */
export function isCdrTime(text: string): boolean {
  return isAsteriskTime(text) || looksLikeTime(text);
}

export function isWhole(text: string): boolean {
  return /^\d+$/.test(text.trim());
}

/** `1504279981.1`, `mainserverdss-1706420300.0`. */
export function isUniqueid(text: string): boolean {
  return /^(?:[\w.-]+-)?\d{9,10}\.\d+$/.test(text.trim());
}

/** Sample rows that are data (a fully empty row is not evidence either way). */
export function dataRows(rows: readonly string[][]): string[][] {
  return rows.filter((r) => !(r.length === 1 && (r[0] ?? '').trim() === ''));
}

/** Share of rows passing `check`, ignoring a last row that may be cut (sniff text is a prefix). */
export function shareValid(rows: readonly string[][], check: (row: readonly string[]) => boolean): number {
  if (rows.length === 0) return 0;
  let ok = 0;
  for (const r of rows) if (check(r)) ok++;
  return ok / rows.length;
}

/** Positional score: most rows valid → `high`; a majority → lower; otherwise not ours. */
export function positionalScore(share: number, high: number): number | null {
  if (share >= 0.9) return high;
  if (share >= 0.6) return high - 0.15;
  if (share >= 0.3) return 0.4;
  return null;
}

/** Most frequent column count. */
export function modalLength(rows: readonly string[][]): number {
  const freq = new Map<number, number>();
  for (const r of rows) freq.set(r.length, (freq.get(r.length) ?? 0) + 1);
  let best = 0;
  let bestCount = 0;
  for (const [len, count] of freq) {
    if (count > bestCount || (count === bestCount && len > best)) {
      best = len;
      bestCount = count;
    }
  }
  return best;
}

/** Header cells normalized for comparison: trimmed, lower case, SQL backticks/brackets removed. */
export function normalizeHeader(row: readonly string[]): string[] {
  return row.map(normalizeHeaderCell);
}

/** One header cell as normalizeHeader gives it. */
export function normalizeHeaderCell(cell: string): string {
  return cell.trim().replace(/^[`[]|[`\]]$/g, '').trim().toLowerCase();
}
