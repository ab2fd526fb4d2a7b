/**
 * A headerless file no reader claims, whose rows start as mod_cdr_csv's example template (start
 * time, duration, billsec and a FreeSWITCH cause name where that template puts them) but with a
 * column count no shipped template writes: a custom template, e.g. the example plus
 * `${sip_gateway_name}`, `${sip_term_status}`. mod_cdr_csv writes no header (formats.md §4.1), so
 * the extra columns cannot be named from the rows; with a header line added by hand the FreeSWITCH
 * reader reads each column by its name (header-layout.ts).
 */
import { rowLooksRight } from './cdr-csv-row';
import { EXAMPLE_LAYOUT, TEMPLATE_COLUMNS, type TemplateName } from './templates';

/** The example family's shipped widths (asterisk is its own order). */
const EXAMPLE_FAMILY: readonly TemplateName[] = ['default', 'example', 'linksys', 'snom'];

/** Leading sampled rows looked at; each must fit. */
const ROWS_LOOKED_AT = 5;

/** The sentence telling what to add, or null when the rows are not of this kind. */
export function customTemplateHint(rows: readonly (readonly string[])[]): string | null {
  const looked = rows.filter((r) => !(r.length === 1 && (r[0] ?? '').trim() === '')).slice(0, ROWS_LOOKED_AT);
  const first = looked[0];
  if (!first) return null;
  const width = first.length;
  if (EXAMPLE_FAMILY.some((t) => TEMPLATE_COLUMNS[t] === width) || width < TEMPLATE_COLUMNS.default) return null;
  if (!looked.every((r) => r.length === width && rowLooksRight(r, EXAMPLE_LAYOUT))) return null;
  return (
    `Its rows start as FreeSWITCH mod_cdr_csv's example template (a cause name such as NORMAL_CLEARING in column 10) but have ${width} columns, ` +
    `where the shipped templates in that order have ${EXAMPLE_FAMILY.map((t) => TEMPLATE_COLUMNS[t]).join(', ')}: a custom template, whose added columns cannot be told from their values. ` +
    'mod_cdr_csv writes no header, so add one line at the top naming each column by its variable, in the template\'s order ' +
    '(caller_id_name,caller_id_number,destination_number,context,start_stamp,answer_stamp,end_stamp,duration,billsec,hangup_cause,uuid,bleg_uuid,accountcode,… ' +
    'then yours, e.g. sip_gateway_name,sip_term_status), and the file is read by that header.'
  );
}
