/**
 * FreePBX "CDR Reports" → "CSV File" download (formats.md §2.2). Source: FreePBX/cdr
 * functions.inc.php cdr_export_csv(). Header of 16 columns (release/13.0–14.0) or 26 columns
 * (release/15.0–17.0). calldate is the CDR start; there are no answer/end columns. The writer
 * before commit 5252a9f (Nov 2014) quoted only fields containing a comma and left clid's quotes
 * raw (`"User 10" <114>`); the tokenizer keeps such a field in one piece. Rows come newest first.
 */
import type { FormatModule, RowParser } from '../format-module';
import { FREEPBX_REPORT_16, FREEPBX_REPORT_26, sameColumns } from './freepbx-columns';
import { HeaderMapper } from './header-columns';
import { createCdrParser } from './parser-core';
import { normalizeHeader } from './shapes';
import { FORMAT_LABELS } from '../format-labels';

/** A raw (pre-2014) clid: `,"Name" <num>,` — fputcsv would have doubled the quotes. */
const RAW_CLID = /,"[^",\r\n]*" <[^>\r\n]*>,/;

export const freepbxCdrReport: FormatModule = {
  id: 'freepbx-cdr-report',
  label: FORMAT_LABELS['freepbx-cdr-report'],
  family: 'freepbx',
  syntax: 'delimited',
  detect(sample) {
    const first = sample.rows[0];
    if (!first) return null;
    const header = normalizeHeader(first);
    const writer = RAW_CLID.test(sample.text) ? ', pre-2014 writer (raw clid quotes)' : '';
    if (sameColumns(header, FREEPBX_REPORT_16)) return { score: 0.97, variant: `16-column header (FreePBX 13–14)${writer}` };
    if (sameColumns(header, FREEPBX_REPORT_26)) return { score: 0.97, variant: `26-column header (FreePBX 15–17)${writer}` };
    return null;
  },
  fileNameHint: (name) => /^cdr__\d+/i.test(name.replace(/^.*[\\/]/, '')),
  createParser(init): RowParser {
    const mapper = new HeaderMapper();
    return createCdrParser({ map: (row) => mapper.map(row.fields()), hasTrunk: () => mapper.hasTrunk(), startField: () => mapper.startField() }, init);
  },
};
