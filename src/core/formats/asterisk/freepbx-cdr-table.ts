/**
 * FreePBX asteriskcdrdb.cdr table exports (formats.md §2.1):
 *  - with a header in the table's column order (23 columns, plus linkedid/peeraccount/sequence
 *    that FreePBX/cdr install.php adds);
 *  - headerless dumps in that order (the apspoliveira sample: 25 columns, D/M/YYYY dates from a
 *    spreadsheet; the date order is decided per file, cross-checked with the uniqueid epoch);
 *  - spreadsheet subsets with FreePBX column names (cdr_new.csv: calldate,src,dst,duration,
 *    billsec,disposition, dd/mm/yy, CR line endings). Without channel/dstchannel/lastdata there is
 *    no trunk: records get the trunk "(no trunk column)" and capabilities.hasTrunk is false.
 * calldate is the CDR start (FreePBX aliases start => calldate); amaflags is numeric.
 */
import type { Detection, FormatModule, RowParser, SniffSample } from '../format-module';
import { FREEPBX_ADDED_COLUMNS, FREEPBX_SPREADSHEET_6, FREEPBX_TABLE_COLUMNS, sameColumns } from './freepbx-columns';
import { HeaderMapper } from './header-columns';
import { createCdrParser } from './parser-core';
import { dataRows, isAnyTime, isDisposition, isUniqueid, isWhole, modalLength, normalizeHeader, positionalScore, shareValid } from './shapes';
import { FORMAT_LABELS } from '../format-labels';

const KNOWN = new Set([...FREEPBX_TABLE_COLUMNS, ...FREEPBX_ADDED_COLUMNS]);
const MIN_HEADERLESS = 16;
const MAX_HEADERLESS = FREEPBX_TABLE_COLUMNS.length + FREEPBX_ADDED_COLUMNS.length;

function headerless(r: readonly string[]): boolean {
  return (
    r.length >= MIN_HEADERLESS &&
    r.length <= MAX_HEADERLESS &&
    isAnyTime(r[0] ?? '') &&
    isWhole(r[9] ?? '') &&
    isWhole(r[10] ?? '') &&
    isDisposition(r[11] ?? '') &&
    /^[0-3]?$/.test((r[12] ?? '').trim()) &&
    isUniqueid(r[14] ?? '')
  );
}

function detectHeader(header: string[]): Detection | null {
  const n = FREEPBX_TABLE_COLUMNS.length;
  if (header.length >= n && sameColumns(header.slice(0, n), FREEPBX_TABLE_COLUMNS) && header.slice(n).every((h) => FREEPBX_ADDED_COLUMNS.includes(h))) {
    return { score: 0.95, variant: `table export with header (${header.length} columns)` };
  }
  if (sameColumns(header, FREEPBX_SPREADSHEET_6)) return { score: 0.9, variant: 'spreadsheet subset (6 columns)' };
  const subset = header.length >= 4 && header.every((h) => KNOWN.has(h)) && header.includes('calldate') && header.includes('disposition');
  if (subset) return { score: 0.85, variant: `column subset (${header.length} columns)` };
  return null;
}

export const freepbxCdrTable: FormatModule = {
  id: 'freepbx-cdr-table',
  label: FORMAT_LABELS['freepbx-cdr-table'],
  family: 'freepbx',
  syntax: 'delimited',
  detect(sample: SniffSample) {
    const first = sample.rows[0];
    if (!first) return null;
    const byHeader = detectHeader(normalizeHeader(first));
    if (byHeader) return byHeader;
    const rows = dataRows(sample.rows);
    const score = positionalScore(shareValid(rows, headerless), 0.86);
    if (score === null) return null;
    return { score, variant: `headerless dump (${modalLength(rows.filter(headerless))} columns)` };
  },
  fileNameHint: (name) => /cdr/i.test(name),
  createParser(init): RowParser {
    const mapper = new HeaderMapper({
      // Columns 24–26 of a headerless dump are linkedid/peeraccount/sequence in an order the
      // sample cannot confirm (it has "0" then ""), so they are not read.
      fallbackHeader: [...FREEPBX_TABLE_COLUMNS, '(column 24)', '(column 25)', '(column 26)'],
      fallbackColumns: { min: MIN_HEADERLESS, max: MAX_HEADERLESS },
    });
    return createCdrParser({ map: (row) => mapper.map(row.fields()), hasTrunk: () => mapper.hasTrunk(), startField: () => mapper.startField() }, init);
  },
};
