/**
 * Guess what each column of a generic CSV holds, from its header name (header-names.ts) and the
 * shape of its values in the first rows. Pure, so the UI's mapping panel can show the guess and the
 * user can correct it (the correction comes back as ParserInit.mappingOverrides).
 * Value shapes settle ambiguous names (formats.md §6): a `status` column of 3-digit codes 100–699
 * is a SIP code, of ANSWERED/BUSY/FAILED words a disposition, of NORMAL_CLEARING-like names a cause;
 * an "ANSWERED TIME" of plain seconds (VICIdial) is talk time, not an answer timestamp.
 */
import type { ColumnMapping, ColumnRole } from '../format-module';
import { headerKey, MAX_HEADER_NAME_LENGTH, nameCandidates, type RoleCandidate } from './header-names';
import { clean, dispositionWord, isTimeValue, parseCauseValue, parseSeconds, parseSipCodeValue } from './values';

/** What most values of a column look like. `smallInt` (0–127) fits both a cause and seconds. */
type Shape = 'none' | 'sipCode' | 'cause' | 'smallInt' | 'disposition' | 'time' | 'epoch' | 'seconds' | 'text';

const TIME_ROLES: ReadonlySet<ColumnRole> = new Set(['start', 'answer', 'end']);
const SECONDS_ROLES: ReadonlySet<ColumnRole> = new Set(['duration', 'talk']);
const OUTCOME_ROLES: ReadonlySet<ColumnRole> = new Set(['sipCode', 'cause', 'disposition']);
/** A majority shape needs this share of the non-empty sample values. */
const SHAPE_SHARE = 0.8;
/** How many sample rows are looked at. */
const SAMPLE_ROWS = 200;

/** Which shape most non-empty values of column `index` have ('none' without values). */
export function columnShape(index: number, rows: readonly (readonly string[])[]): Shape {
  const values: string[] = [];
  for (const row of rows.slice(0, SAMPLE_ROWS)) {
    const v = clean(row[index]);
    if (v !== '') values.push(v);
  }
  if (values.length === 0) return 'none';
  const share = (test: (v: string) => boolean) => values.filter(test).length / values.length;
  const smallInt = (v: string) => /^\d{1,3}$/.test(v) && Number(v) <= 127;
  // `0` is VICIdial's "no SIP code" default: it neither proves nor disproves a code column.
  const nonZero = values.filter((v) => v !== '0');
  if (nonZero.length > 0 && !nonZero.every(smallInt)) {
    const sip = nonZero.filter((v) => parseSipCodeValue(v) !== null).length / nonZero.length;
    if (sip >= SHAPE_SHARE) return 'sipCode';
  }
  if (share(smallInt) >= SHAPE_SHARE) return 'smallInt';
  // Words before cause names: `NO ANSWER` / `no-answer` are statuses, though FreeSWITCH has NO_ANSWER.
  if (share((v) => dispositionWord(v) !== null) >= SHAPE_SHARE) return 'disposition';
  if (share((v) => !/^\d/.test(v) && parseCauseValue(v) !== null) >= SHAPE_SHARE) return 'cause';
  // 9–10 digits in 2000–2100 read as epoch seconds (Kamailio time_mode, cdr_custom start(int64)),
  // 13 digits in the same years as epoch milliseconds (API and portal exports).
  if (share((v) => (/^\d{9,10}(?:\.\d+)?$/.test(v) && +v >= 946_684_800 && +v < 4_102_444_800) || (/^\d{13}$/.test(v) && +v < 4_102_444_800_000)) >= SHAPE_SHARE) return 'epoch';
  if (share((v) => parseSeconds(v) !== null) >= SHAPE_SHARE) return 'seconds';
  if (share(isTimeValue) >= SHAPE_SHARE) return 'time';
  return 'text';
}

/** Adjust one column's name candidates by its value shape. */
function weighByShape(candidates: RoleCandidate[], shape: Shape): RoleCandidate[] {
  if (shape === 'none') return candidates;
  const out: RoleCandidate[] = [];
  const outcomeScore = Math.max(0, ...candidates.filter((c) => OUTCOME_ROLES.has(c.role)).map((c) => c.score));
  for (const c of candidates) {
    if (TIME_ROLES.has(c.role)) {
      if (shape === 'time' || shape === 'epoch') out.push({ role: c.role, score: c.score + 1 });
      // Mixed text (some bad dates): still the best guess by name; its rows skip as "bad start time".
      else if (shape === 'text') out.push({ role: c.role, score: c.score - 1 });
      // Numbers, codes, words: not a timestamp column, whatever its name says.
      continue;
    }
    if (SECONDS_ROLES.has(c.role)) {
      // 3-digit seconds (120, 450) look like SIP codes; they are still seconds here.
      if (shape === 'seconds' || shape === 'smallInt' || shape === 'sipCode') out.push({ role: c.role, score: c.score + 1 });
      continue;
    }
    if (OUTCOME_ROLES.has(c.role)) continue; // re-added below from the value shape
    out.push(c);
  }
  if (outcomeScore > 0) {
    // The name says "some outcome"; the values say which kind.
    if (shape === 'sipCode') out.push({ role: 'sipCode', score: outcomeScore + 1 });
    else if (shape === 'cause' || shape === 'smallInt') out.push({ role: 'cause', score: outcomeScore + 1 });
    else if (shape === 'disposition') out.push({ role: 'disposition', score: outcomeScore + 1 });
    else if (shape === 'seconds' || shape === 'time' || shape === 'epoch') {
      // A "code"/"status" column of other numbers or dates is none of ours.
    } else {
      for (const c of candidates) if (OUTCOME_ROLES.has(c.role)) out.push(c);
    }
  } else if (candidates.length === 0) {
    // Unnamed for us, but the values are unmistakable.
    if (shape === 'cause') out.push({ role: 'cause', score: 3 });
    if (shape === 'disposition') out.push({ role: 'disposition', score: 3 });
  }
  return out.sort((a, b) => b.score - a.score);
}

/**
 * Guess the role → column index map from the header and the first data rows (may be empty).
 * Each role goes to at most one column and each column to at most one role: the best-scoring
 * (column, role) pairs are taken first; on equal scores the leftmost column wins.
 */
export function guessColumnRoles(header: string[], sampleRows: string[][]): ColumnMapping {
  const cleanHeader = normalizeHeader(header);
  // A repeated header line (concatenated exports) is not a value.
  const signature = cleanHeader.join('\u0000').toLowerCase();
  const rows = sampleRows.filter((r) => normalizeHeader(r).join('\u0000').toLowerCase() !== signature);
  const pairs: Array<{ index: number; role: ColumnRole; score: number }> = [];
  cleanHeader.forEach((name, index) => {
    const candidates = weighByShape(nameCandidates(name), columnShape(index, rows));
    for (const c of candidates) pairs.push({ index, role: c.role, score: c.score });
  });
  pairs.sort((a, b) => b.score - a.score || a.index - b.index);
  const roles: Partial<Record<ColumnRole, number>> = {};
  const usedColumns = new Set<number>();
  for (const p of pairs) {
    if (roles[p.role] !== undefined || usedColumns.has(p.index)) continue;
    roles[p.role] = p.index;
    usedColumns.add(p.index);
  }
  return { header: cleanHeader, roles };
}

/** The header as shown and keyed: BOM removed, cells trimmed. */
export function normalizeHeader(header: readonly string[]): string[] {
  return header.map((h, i) => (i === 0 ? h.replace(/^\uFEFF/, '') : h).trim());
}

/** Longest cell that may still be a time or a number; longer ones are never checked as such. */
const MAX_VALUE_LENGTH = 64;

/**
 * A header cell that reads as a name: letters, and not a time or a number. A cell longer than any
 * time or number (a column described in a sentence, a portal's "Notes (…)") is a name when its
 * first characters have letters: it is not run through the time and number parsers, so a long cell
 * costs no more than its first MAX_HEADER_NAME_LENGTH characters.
 */
function isNameCell(cell: string): boolean {
  if (cell.length > MAX_VALUE_LENGTH) return /[A-Za-z]/.test(cell.slice(0, MAX_HEADER_NAME_LENGTH));
  return /[A-Za-z]/.test(cell) && !isTimeValue(cell) && parseSeconds(cell) === null;
}

/**
 * Does this first row look like a header: at least two cells, nearly all non-empty, mostly
 * names (letters, not numbers, not timestamps), and mostly distinct?
 */
export function looksLikeHeader(row: readonly string[]): boolean {
  const cells = normalizeHeader(row);
  if (cells.length < 2) return false;
  const filled = cells.filter((c) => c !== '');
  if (filled.length < cells.length * 0.8) return false;
  const names = filled.filter(isNameCell);
  if (names.length < filled.length * 0.8) return false;
  const keys = new Set(filled.map((c) => headerKey(c) || c.toLowerCase()));
  return keys.size >= filled.length * 0.8;
}
