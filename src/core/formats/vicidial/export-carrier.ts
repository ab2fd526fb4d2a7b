/**
 * VICIdial "Export Calls Report" carrier variant (formats.md §3.4).
 * Source: www/vicidial/call_report_export_carrier.php (BezaluLLC/ViciDial; first built 150120):
 *   - downloaded as NEW_EXPORT_CALL_REPORT_<YYYYMMDD-HHMMSS>.txt; lines end `\r\n`; every line goes
 *     through PHP addslashes() (so `'` and `"` arrive as `\'` `\"`); tabs inside data become ` -- `,
 *     newlines in comments `!N`;
 *   - STANDARD / EXTENDED: tab-delimited, 35 vicidial_log + vicidial_list columns (call_date …
 *     lead_id; EXTENDED adds 5), then list_name, list_description, status_name, optional
 *     recording / extended / notes / IVR / custom-field columns, then the carrier block;
 *     ALTERNATE_1: `|`-delimited, 12 short columns then the carrier block;
 *   - carrier block = `vicidial_carrier_log.*` (12) + `vicidial_dial_log.*` (12; the header names
 *     11 and ends with an empty label where the data has dial log uniqueid), from
 *     `LEFT JOIN vicidial_carrier_log … LEFT JOIN vicidial_dial_log on caller_code`: all empty when
 *     the call has no carrier-log entry. Inbound (closer log) rows get no carrier block at all.
 *   - header line only when header_row=YES (the default); the labels are not translated.
 * The carrier block is always last on the line, so it is found from the header position and, when
 * the optional columns shift a row, from the end of the line.
 */
import type { Detection, FormatCapabilities, FormatModule, RowOutcome, RowParser, SniffSample } from '../format-module';
import { carrierEntryOutcome, type CarrierEntry } from './carrier-entry';
import { PrefixEvidence } from './prefix-evidence';
import { isChannelLike, isDateTime, isDialStatus, isIPv4, isUniqueId, stripSlashes } from './shape';
import { FORMAT_LABELS } from '../format-labels';
import type { Row } from '../../read/row';

/** Offsets inside the carrier block (SQL column order of vcl.* then vdl.*). */
const C = {
  uniqueid: 0,
  callDate: 1,
  serverIp: 2,
  hangupCause: 4,
  dialStatus: 5,
  channel: 6,
  dialTime: 7,
  answeredTime: 8,
  sipCode: 9,
  sipReason: 10,
  dialLogChannel: 17,
  dialLogOutboundCid: 20,
  dialLogSipCode: 21,
  dialLogSipReason: 22,
} as const;
/** Carrier-log columns needed at least (through sip_hangup_reason + caller_code). */
const CARRIER_MIN = 12;
/** Fields the SQL appends: 12 carrier log + 12 dial log. */
const BLOCK_WIDTH = 24;

const FIRST_LABEL = 'carrier log uniqueid';

interface Layout {
  carrierStart: number;
  width: number;
  phone: number;
  phoneAlt: number;
  phoneCode: number;
}

function lower(row: readonly string[]): string[] {
  return row.map((c) => c.trim().toLowerCase());
}

function isExportHeader(row: readonly string[]): boolean {
  const cells = lower(row);
  return cells.includes(FIRST_LABEL) && cells.includes('dial log channel');
}

function layoutFromHeader(row: readonly string[]): Layout {
  const cells = lower(row);
  return {
    carrierStart: cells.indexOf(FIRST_LABEL),
    width: row.length,
    phone: cells.indexOf('phone_number_dialed'),
    phoneAlt: cells.indexOf('phone_number'),
    phoneCode: cells.indexOf('phone_code'),
  };
}

/** The carrier block starts here: a uniqueid, and a dial status or a channel where they belong. */
function blockAt(fields: readonly string[], s: number): boolean {
  if (s < 0 || s + CARRIER_MIN > fields.length) return false;
  return isUniqueId(fields[s] ?? '') && (isDialStatus(fields[s + C.dialStatus] ?? '') || isChannelLike(fields[s + C.channel] ?? ''));
}

/** Without a header: uniqueid, date, IPv4 and dial status in a row leave no doubt. */
function strongBlockAt(fields: readonly string[], s: number): boolean {
  return (
    blockAt(fields, s) &&
    isDateTime(fields[s + C.callDate] ?? '') &&
    isIPv4(fields[s + C.serverIp] ?? '') &&
    isDialStatus(fields[s + C.dialStatus] ?? '')
  );
}

function findBlockHeaderless(fields: readonly string[]): number {
  for (let s = fields.length - CARRIER_MIN; s >= 0; s--) if (strongBlockAt(fields, s)) return s;
  return -1;
}

function allEmpty(fields: readonly string[], from: number): boolean {
  for (let i = Math.max(0, from); i < fields.length; i++) if ((fields[i] ?? '').trim() !== '') return false;
  return true;
}

/** Rows a headerless file may hold that carry no carrier-log entry (all of the block empty). */
function isEmptyBlockRow(fields: readonly string[]): boolean {
  return fields.length >= BLOCK_WIDTH + 12 && allEmpty(fields, fields.length - (BLOCK_WIDTH - 1));
}

function detect(sample: SniffSample): Detection | null {
  const rows = sample.rows.filter((r) => !(r.length === 1 && (r[0] ?? '').trim() === ''));
  const variant = sample.delimiter === '|' ? 'ALTERNATE_1 (pipe)' : 'tab-delimited';
  for (const row of rows.slice(0, 3)) {
    if (isExportHeader(row)) {
      const cells = lower(row);
      const kind = sample.delimiter === '|' ? 'ALTERNATE_1' : cells.includes('entry_date') ? 'EXTENDED' : 'STANDARD';
      return { score: 1, variant: `Export Calls Report carrier, ${kind}` };
    }
  }
  let data = rows;
  if (data.length > 2) data = data.slice(0, -1);
  const wide = data.filter((r) => r.length >= 30);
  if (wide.length === 0) return null;
  const good = wide.filter((r) => findBlockHeaderless(r) >= 0).length;
  const empty = wide.filter((r) => findBlockHeaderless(r) < 0 && isEmptyBlockRow(r)).length;
  if (good === 0) return null;
  const ratio = (good + empty) / data.length;
  if (ratio >= 0.8) return { score: 0.85, variant: `Export Calls Report carrier without header, ${variant}` };
  if (ratio >= 0.5) return { score: 0.5, variant: `Export Calls Report carrier without header, ${variant}` };
  return null;
}

const NO_ENTRY = 'no carrier log entry for this call (not dialled through carrier logging)';
const INBOUND = 'no carrier log columns (inbound / closer-log call)';

function createParser(): RowParser {
  let layout: Layout | null = null;
  let sawSipCode = false;
  const prefixes = new PrefixEvidence();
  const capabilities = (): FormatCapabilities => ({
    sipCodes: sawSipCode,
    separates503From603: true,
    hasEndTimes: true,
    hasTrunk: true,
  });

  /** Where this row's carrier block starts, or a skip reason. */
  function locate(fields: readonly string[]): number | string {
    if (!layout) {
      const s = findBlockHeaderless(fields);
      if (s >= 0) return s;
      if (isEmptyBlockRow(fields)) return NO_ENTRY;
      return `no carrier log columns (inbound call or truncated row, ${fields.length} columns)`;
    }
    const cs = layout.carrierStart;
    const tail = layout.width - cs;
    if (fields.length === cs) return INBOUND;
    if (fields.length < cs) return `too few columns (${fields.length} of ${layout.width}): truncated row?`;
    // Header position first; then anchored at the line end (optional columns shifted the row);
    // one less when the dial log has no uniqueid column (older schema).
    for (const s of [cs, fields.length - tail, fields.length - tail + 1]) if (blockAt(fields, s)) return s;
    if (allEmpty(fields, Math.min(cs, fields.length - tail))) return NO_ENTRY;
    if (fields.length < cs + CARRIER_MIN) return `too few columns (${fields.length} of ${layout.width}): truncated row?`;
    return 'carrier log columns not recognised (no uniqueid / dial status where expected)';
  }

  return {
    parse(row: Row): RowOutcome {
      const fields = row.fields();
      if (isExportHeader(fields)) {
        layout = layoutFromHeader(fields);
        return { kind: 'header' };
      }
      const s = locate(fields);
      if (typeof s === 'string') return { kind: 'skip', reason: s };
      const at = (offset: number) => stripSlashes(fields[s + offset] ?? '');
      let phone: string;
      let phoneCode: string | undefined;
      if (layout) {
        phone = fields[layout.phone] ?? '';
        if (phone.trim() === '' && layout.phoneAlt >= 0) phone = fields[layout.phoneAlt] ?? '';
        if (layout.phoneCode >= 0) phoneCode = fields[layout.phoneCode];
      } else {
        phone = fields[1] ?? ''; // phone_number_dialed is column 2 in all three layouts
        // STANDARD/EXTENDED (35+ lead columns before the block) have phone_code in column 10;
        // ALTERNATE_1 (block at column 13) has called_count there.
        if (s >= 38) phoneCode = fields[9];
      }
      const entry: CarrierEntry = {
        uniqueid: at(C.uniqueid),
        callDate: at(C.callDate),
        hangupCause: at(C.hangupCause),
        dialStatus: at(C.dialStatus),
        channel: at(C.channel),
        dialTime: at(C.dialTime),
        answeredTime: at(C.answeredTime),
        sipCode: at(C.sipCode),
        sipReason: at(C.sipReason),
        phone: stripSlashes(phone),
        dialLogChannel: at(C.dialLogChannel),
        dialLogSipCode: at(C.dialLogSipCode),
        dialLogSipReason: at(C.dialLogSipReason),
        callerId: callerIdFromCid(at(C.dialLogOutboundCid)),
        phoneCode,
      };
      const out = carrierEntryOutcome(entry, { date: 'carrier log call_date', times: 'carrier log dial_time / answered_time' });
      if (out.kind === 'record') {
        if (out.record.codeSource === 'sip') sawSipCode = true;
        prefixes.add(out.record.trunk, phoneCode);
      }
      return out;
    },
    capabilities,
    trunkAliases: () => prefixes.aliases(),
    fileEvidence: () => prefixes.state(),
    absorbFileEvidence: (evidence) => prefixes.absorb(evidence),
  };
}

/**
 * vicidial_dial_log.outbound_cid is `"<VqueryCID>" <number>` when the campaign sets a caller ID
 * (AST_VDauto_dial.pl `$CIDstring = "\"$VqueryCID\" <$CCID>"`), else the bare VqueryCID.
 */
export function callerIdFromCid(cid: string): string {
  const m = /<\s*(\+?\d+)\s*>/.exec(cid);
  if (m && m[1] !== undefined) return m[1];
  const t = cid.trim();
  return /^\+?\d{3,}$/.test(t) ? t : '';
}

export const vicidialExportCallsCarrier: FormatModule = {
  id: 'vicidial-export-calls-carrier',
  label: FORMAT_LABELS['vicidial-export-calls-carrier'],
  family: 'vicidial',
  syntax: 'delimited',
  quotedNewlines: false,
  splittable: true,
  detect,
  fileNameHint: (fileName) => /EXPORT_CALL_REPORT/i.test(fileName),
  createParser,
};
