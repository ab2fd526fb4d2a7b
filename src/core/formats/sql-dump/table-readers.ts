/**
 * Which tables of a dump each family reads, and how their columns become that family's rows.
 * Column names: Asterisk's cdr table under any name (cdr_adaptive_odbc / cdr_mysql / FreePBX
 * asteriskcdrdb, formats.md §2.3), VICIdial's extras/MySQL_AST_CREATE_tables.sql (§3.1), and the
 * FreeSWITCH SQL cdr schemas (mod_cdr_pg_csv's sample `cdr` table: caller_id_name … hangup_cause,
 * uuid, bleg_uuid, accountcode; cdr_mysql-style `start_timestamp` spellings).
 */
import { asteriskCdrDbExport } from '../asterisk';
import { hasTrunkColumns, looksLikeCdrHeader, rolesOf } from '../asterisk/header-columns';
import { freeswitchCdrCsv } from '../freeswitch';
import { vicidialCarrierLog } from '../vicidial';
import { CARRIER_LOG_HEADER } from '../vicidial/carrier-log';
import { directionWord } from '../shared/direction-words';
import { columnIndex, projectByName, type TableReader } from './sql-dump-parser';

/**
 * The Asterisk cdr table under any name: the columns decide (a start time, disposition, a channel).
 * A dump that never names them (data only, no column list) is left alone: FreeSWITCH's `sql`
 * template writes exactly such `INSERT INTO cdr VALUES (…)` lines, and its own reader knows them.
 */
export const ASTERISK_CDR_TABLE: TableReader = {
  what: 'Asterisk cdr table',
  accepts: (_name, columns) => columns !== null && looksLikeCdrHeader(columns) && hasTrunkColumns(rolesOf(columns)),
  open(init, columns) {
    if (!columns) return { skip: 'cdr table without column names' };
    return { parser: asteriskCdrDbExport.createParser(init), header: [...columns], width: columns.length, project: (f) => [...f] };
  },
};

/** vicidial_carrier_log columns, in the table's own order (formats.md §3.1). */
const CARRIER_LOG_COLUMNS = [
  'uniqueid', 'call_date', 'server_ip', 'lead_id', 'hangup_cause', 'dialstatus', 'channel', 'dial_time', 'answered_time',
  'sip_hangup_cause', 'sip_hangup_reason', 'caller_code',
];

/** vicidial_carrier_log, fed to the Carrier Log Report reader in the report's column order. */
export const VICIDIAL_CARRIER_LOG_TABLE: TableReader = {
  what: 'VICIdial vicidial_carrier_log',
  accepts(name, columns) {
    if (/^vicidial_carrier_log/i.test(name)) return true;
    const index = columns ? columnIndex(columns) : null;
    return index !== null && ['uniqueid', 'call_date', 'dialstatus', 'sip_hangup_cause'].every((c) => index.has(c));
  },
  open(init, columns) {
    const named = columns ?? CARRIER_LOG_COLUMNS;
    // The report's PHONE NUMBER comes from a join with vicidial_log; the table itself has none.
    const order = [...CARRIER_LOG_COLUMNS.slice(0, 11).map((c) => [c]), ['phone_number']];
    return { parser: vicidialCarrierLog.createParser(init), header: [...CARRIER_LOG_HEADER], width: named.length, project: projectByName(named, order) };
  },
};

/** vicidial_log: the dialer's own log, with no carrier, SIP code or cause (formats.md §3.3). */
export const VICIDIAL_LOG_TABLE: TableReader = {
  what: 'VICIdial vicidial_log',
  accepts: (name) => /^vicidial_log$/i.test(name),
  open: () => ({ skip: 'vicidial_log row: the dialer’s call log names no carrier, SIP code or hangup cause (dump vicidial_carrier_log for those)' }),
};

/** A FreeSWITCH cdr table: channel-variable column names (start_stamp, hangup_cause, destination_number). */
export const FREESWITCH_CDR_TABLE: TableReader = {
  what: 'FreeSWITCH cdr table',
  accepts(_name, columns) {
    const index = columns ? columnIndex(columns) : null;
    if (!index) return false;
    return (index.has('start_stamp') || index.has('start_timestamp')) && index.has('hangup_cause') && index.has('destination_number');
  },
  open(init, columns) {
    const named = columns ?? [];
    // The table's own column names are the header the FreeSWITCH reader takes its layout from
    // (header-layout.ts), so every column it knows is read: sip_gateway_name (the trunk),
    // sip_term_status (the SIP code), channel names, call_direction. The table's `xml_cdr_uuid`
    // is given as `uuid`: that name marks FusionPBX's CSV download, whose `duration` is billsec
    // renamed, while v_xml_cdr's own `duration` column is the call's length.
    const header = named.map((name) => (name.trim().toLowerCase() === 'xml_cdr_uuid' ? 'uuid' : name));
    // FusionPBX's v_xml_cdr states each call's direction (inbound, outbound, local). Another
    // table's `direction` is FreeSWITCH's own `${direction}`, the channel's: a phone's A-leg of a
    // call sent out through a gateway is `inbound` (header-layout.ts reads it neither).
    const index = columnIndex(named);
    const fusionpbx = index.has('xml_cdr_uuid') || index.has('domain_uuid');
    const at = fusionpbx ? index.get('direction') : undefined;
    const direction = at === undefined ? undefined : (fields: readonly string[]) => directionWord(fields[at] ?? '');
    // No sample: the dump's text is not rows of a template, and the header decides the layout.
    return { parser: freeswitchCdrCsv.createParser({ ...init, sample: undefined }), header, width: named.length, project: (f) => [...f], direction };
  },
};
