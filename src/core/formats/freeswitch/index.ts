/**
 * FreeSWITCH mod_cdr_csv readers (formats.md §4.1, §4.2, §7.5).
 * - freeswitchCdrCsv (`freeswitch-cdr-csv`): example (vanilla default), default (compiled-in),
 *   sql, snom, linksys and asterisk-like templates; Detection.variant names the template.
 * - freeswitchCdrCsvOpencdrrate (`freeswitch-cdr-csv-opencdrrate`): the opencdrrate rating template.
 */
export { freeswitchCdrCsv, FREESWITCH_CDR_CSV_ID } from './cdr-csv';
export { freeswitchCdrCsvOpencdrrate, FREESWITCH_OPENCDRRATE_ID } from './opencdrrate';
