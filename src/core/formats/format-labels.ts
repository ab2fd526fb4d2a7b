/**
 * Every format's id and the label the user sees, without the parsers. The page needs the names (a
 * share link carries only the id when the label is the usual one) but none of the parsing code, so
 * the labels live here and each format module takes its own from this table.
 *
 * Ids are a wire constant: they appear in fixtures/cdr/<id>/, in the CLI's JSON and in share links.
 * Never rename one; add new ones.
 */
export const FORMAT_LABELS = {
  'vicidial-carrier-log': 'VICIdial Carrier Log Report (CSV download)',
  'vicidial-export-calls-carrier': 'VICIdial Export Calls Report (carrier)',
  'asterisk-cdr-csv': 'Asterisk Master.csv (cdr_csv)',
  'asterisk-cdr-custom': 'Asterisk cdr_custom Master.csv (legacy mapping)',
  'freepbx-cdr-report': 'FreePBX CDR Reports CSV download',
  'freepbx-cdr-table': 'FreePBX asteriskcdrdb.cdr table export',
  'asterisk-cdr-db-export': 'Asterisk CDR database export (cdr_adaptive_odbc)',
  'freeswitch-cdr-csv': 'FreeSWITCH mod_cdr_csv (Master.csv)',
  'freeswitch-cdr-csv-opencdrrate': 'FreeSWITCH mod_cdr_csv, opencdrrate template',
  'kamailio-acc': 'Kamailio / OpenSIPS acc (table export or SQL dump)',
  'kamailio-dr-gateways': 'Kamailio drouting gateways (carrier names for gateway groups)',
  'kamailio-acc-syslog': 'Kamailio acc syslog lines (ACC: transaction answered / call missed)',
  'asterisk-cdr-sql': 'Asterisk / FreePBX cdr table (SQL dump)',
  'vicidial-sql': 'VICIdial carrier log (SQL dump)',
  'freeswitch-cdr-sql': 'FreeSWITCH cdr table (SQL dump)',
  'generic-csv': 'CSV/TSV with a header (columns guessed)',
} as const;

export type FormatId = keyof typeof FORMAT_LABELS;

/** A Map, because the id may come from a share link: no lookup may reach Object.prototype. */
const LABEL_BY_ID: ReadonlyMap<string, string> = new Map(Object.entries(FORMAT_LABELS));

/** The label of a format id, or undefined when the id is not one of ours. */
export function formatLabel(id: string): string | undefined {
  return LABEL_BY_ID.get(id);
}
