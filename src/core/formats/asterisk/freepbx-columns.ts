/**
 * FreePBX column lists (formats.md §2.1, §2.2).
 * Table: FreePBX/framework installlib/SQL/cdr.sql (c68e3ff7) + FreePBX/cdr install.php additions.
 * CDR Reports CSV header: FreePBX/cdr functions.inc.php cdr_export_csv(), release/13.0–14.0 and
 * release/15.0–17.0 (commit e498762).
 */
export const FREEPBX_TABLE_COLUMNS: readonly string[] = [
  'calldate', 'clid', 'src', 'dst', 'dcontext', 'channel', 'dstchannel', 'lastapp', 'lastdata', 'duration',
  'billsec', 'disposition', 'amaflags', 'accountcode', 'uniqueid', 'userfield', 'did', 'recordingfile', 'cnum',
  'cnam', 'outbound_cnum', 'outbound_cnam', 'dst_cnam',
];

/** Added by FreePBX/cdr install.php when missing. */
export const FREEPBX_ADDED_COLUMNS: readonly string[] = ['linkedid', 'peeraccount', 'sequence'];

export const FREEPBX_REPORT_16: readonly string[] = FREEPBX_TABLE_COLUMNS.slice(0, 16);

export const FREEPBX_REPORT_26: readonly string[] = [
  ...FREEPBX_REPORT_16,
  'did', 'cnum', 'cnam', 'outbound_cnum', 'outbound_cnam', 'dst_cnam', 'recordingfile', 'linkedid', 'peeraccount', 'sequence',
];

/** The Excel-trimmed extract in the apspoliveira sample (cdr_new.csv). */
export const FREEPBX_SPREADSHEET_6: readonly string[] = ['calldate', 'src', 'dst', 'duration', 'billsec', 'disposition'];

export function sameColumns(a: readonly string[], b: readonly string[]): boolean {
  return a.length === b.length && a.every((v, i) => v === b[i]);
}
