/**
 * VICIdial "Carrier Log Report" [DOWNLOAD] CSV (formats.md §3.3).
 * Source: www/vicidial/AST_carrier_log_report.php (BezaluLLC/ViciDial, 2025 mirror of SVN trunk):
 *   - header `"UNIQUE ID","CALL DATE",…,"PHONE NUMBER"`, each label passed through _QXZ(), so a
 *     non-English install writes translated labels: the header is recognised exactly when English
 *     and otherwise by the SHAPE of the rows under it;
 *   - every field wrapped in `"` with no escaping of inner quotes; then `/ +"/` and `/" +/` are
 *     replaced by `"`, so spaces next to any quote vanish; lines end `\n`;
 *   - 12 columns: vicidial_carrier_log.* (less caller_code) + phone_number from vicidial_log
 *     (joined on uniqueid) or guessed from vicidial_list; '' when neither matched.
 * A reason phrase holding an unescaped `",` splits into extra columns: those are joined back.
 */
import type { Detection, FormatCapabilities, FormatModule, ParserInit, RowOutcome, RowParser, SniffSample } from '../format-module';
import type { CallValues } from '../../analysis/call-columns';
import { CarrierColumns } from './carrier-columns';
import { carrierEntryOutcome } from './carrier-entry';
import { PrefixEvidence } from './prefix-evidence';
import { dialledFromBytes } from './trunk';
import { isChannelLike, isDateTime, isDialStatus, isIPv4, isPhoneLike, isUIntOrEmpty, isUniqueId } from './shape';
import { FORMAT_LABELS } from '../format-labels';
import { ByteTexts } from '../../read/byte-texts';
import type { Row } from '../../read/row';

export const CARRIER_LOG_HEADER = [
  'UNIQUE ID',
  'CALL DATE',
  'SERVER IP',
  'LEAD ID',
  'HANGUP CAUSE',
  'DIAL STATUS',
  'CHANNEL',
  'DIAL TIME',
  'ANSWERED TIME',
  'SIP CODE',
  'SIP HANGUP REASON',
  'PHONE NUMBER',
] as const;

const COLUMNS = CARRIER_LOG_HEADER.length;

function isEnglishHeader(row: readonly string[]): boolean {
  return row.length === COLUMNS && row.every((cell, i) => cell.trim().toUpperCase() === CARRIER_LOG_HEADER[i]);
}

/** Columns 1–10 (uniqueid … sip code) have the types the table gives them. */
function leadingColumnsValid(row: readonly string[]): boolean {
  const [uid, date, ip, lead, cause, status, channel, dial, answered, sip] = row;
  return (
    uid !== undefined &&
    isUniqueId(uid) &&
    date !== undefined &&
    isDateTime(date) &&
    ip !== undefined &&
    isIPv4(ip) &&
    lead !== undefined &&
    isUIntOrEmpty(lead) &&
    cause !== undefined &&
    isUIntOrEmpty(cause) &&
    status !== undefined &&
    isDialStatus(status) &&
    channel !== undefined &&
    (channel.trim() === '' || isChannelLike(channel)) &&
    dial !== undefined &&
    isUIntOrEmpty(dial) &&
    answered !== undefined &&
    isUIntOrEmpty(answered) &&
    sip !== undefined &&
    isUIntOrEmpty(sip)
  );
}

/** A data row of the report: 12 columns (or more, from a split reason) of the right types. */
export function isCarrierLogDataRow(row: readonly string[]): boolean {
  if (row.length < COLUMNS || !leadingColumnsValid(row)) return false;
  return isPhoneLike(row[row.length - 1] ?? '');
}

/** Column `i` of a row re-assembled from its fields (`columns`), or read from the row itself. */
function column(row: Row, columns: readonly string[] | null, i: number): string {
  return columns ? (columns[i] ?? '') : row.field(i);
}

/** column() of a count: its value when the row's bytes are only digits (no string made), else its text. */
function countColumn(row: Row, columns: readonly string[] | null, i: number): string | number {
  if (columns) return columns[i] ?? '';
  const value = row.wholeNumber(i);
  return value >= 0 ? value : row.field(i);
}

/**
 * column() of a text a file repeats (DIAL STATUS, SIP CODE, SIP HANGUP REASON), trimmed (as every
 * reader of them trims): one string per value, made once (`texts`), when the row is read from bytes.
 */
function repeatedColumn(row: Row, columns: readonly string[] | null, i: number, texts: ByteTexts): string {
  return columns ? (columns[i] ?? '') : texts.trimmed(row, i);
}

/** column() of a time: its wall ms when the row's bytes are the canonical shape (no string made), else its text. */
function timeColumn(row: Row, columns: readonly string[] | null, i: number): string | number {
  return columns ? (columns[i] ?? '') : (row.wallTime(i) ?? row.field(i));
}

function isDigitByte(c: number): boolean {
  return c >= 48 && c <= 57;
}

/** A header label: text that does not start with a digit (a closure per row would cost per row). */
function label(s: string | undefined): boolean {
  return s !== undefined && s.trim() !== '' && !/^\d/.test(s.trim());
}

/**
 * A header line, English or translated: 12 labels, none of them a value of its column's type.
 * Only a full-width row qualifies, so a stray fragment is never silently dropped as a "header".
 */
function isHeaderRow(row: readonly string[]): boolean {
  if (isEnglishHeader(row)) return true;
  if (row.length !== COLUMNS) return false;
  const [uid, date, ip, , cause, status, , dial, answered, sip] = row;
  return (
    label(uid) && !isUniqueId(uid ?? '') && label(date) && !isDateTime(date ?? '') && label(ip) && label(cause) &&
    label(status) && !isDialStatus(status ?? '') && label(dial) && label(answered) && label(sip)
  );
}

function detect(sample: SniffSample): Detection | null {
  const rows = sample.rows.filter((r) => !(r.length === 1 && (r[0] ?? '').trim() === ''));
  const first = rows[0];
  if (!first) return null;
  if (isEnglishHeader(first)) return { score: 1, variant: 'Carrier Log Report download' };
  const headed = isHeaderRow(first);
  let data = headed ? rows.slice(1) : rows;
  // The sniff text may end inside a row: judge the last one only if it is all we have.
  if (data.length > 2) data = data.slice(0, -1);
  if (data.length === 0) return null;
  const good = data.filter(isCarrierLogDataRow).length;
  const ratio = good / data.length;
  if (good === 0 || ratio < 0.5) return null;
  const variant = headed ? 'Carrier Log Report download, translated header' : 'Carrier Log Report rows without header';
  if (ratio >= 0.8) return { score: headed ? 0.87 : 0.82, variant };
  return { score: 0.5, variant };
}

/** The answer for a call written into the parse stage's columns (one object, not one per row). */
const WRITTEN: RowOutcome = { kind: 'values' };

/**
 * The file card's word when no row had a phone number to tell the dial prefix from (a
 * vicidial_carrier_log table dump: the Carrier Log Report joins PHONE NUMBER from vicidial_log).
 */
export const NO_PHONE_HINT =
  'These rows hold no phone number, so the dial prefix that names each carrier cannot be told from the number dialled: every call of a Local channel reads as its dialplan context (Local/default), whatever carrier it went to. The Carrier Log Report download, or the Export Calls Report, has the phone number.';

function createParser(init: ParserInit): RowParser {
  let sawSipCode = false;
  /** Records read, and those of a Local channel with no phone number (no dial prefix could be told). */
  let records = 0;
  let localWithoutPhone = 0;
  const prefixes = new PrefixEvidence();
  const repeated = new ByteTexts();
  const calls = new CarrierColumns(repeated, prefixes);
  const capabilities = (): FormatCapabilities => ({
    sipCodes: sawSipCode || calls.sawSipCode,
    // HANGUP CAUSE 34 vs 21 (and DIAL STATUS CONGESTION vs CHANUNAVAIL) still part capacity from policy.
    separates503From603: true,
    hasEndTimes: true,
    hasTrunk: true,
  });
  return {
    parse(row: Row, _line: number, values?: CallValues): RowOutcome {
      // The usual row, when the parse stage takes columns, is written into them from its bytes.
      if (values && calls.write(row, values)) return WRITTEN;
      // Else it is read column by column (SERVER IP and LEAD ID never become strings); a
      // header or a split reason is rare and read from all its fields.
      const first = row.field(0);
      const usual = row.count === COLUMNS && isDigitByte(first.charCodeAt(0));
      const fields = usual ? null : row.fields();
      if (fields && isHeaderRow(fields)) return { kind: 'header' };
      let columns: readonly string[] | null = null;
      if (fields) {
        if (fields.length < COLUMNS) {
          return { kind: 'skip', reason: `too few columns (${fields.length} of ${COLUMNS}): truncated row?` };
        }
        columns = fields;
        if (fields.length > COLUMNS) {
          // An unescaped quote in SIP HANGUP REASON split it: columns 1–10 and the phone still stand.
          if (!isCarrierLogDataRow(fields)) {
            return { kind: 'skip', reason: `too many columns (${fields.length} of ${COLUMNS})` };
          }
          const reason = fields.slice(10, fields.length - 1).join(init.delimiter);
          columns = [...fields.slice(0, 10), reason, fields[fields.length - 1] ?? ''];
        }
      }
      const uniqueid = columns ? (columns[0] ?? '') : first;
      const callDate = timeColumn(row, columns, 1);
      const hangupCause = countColumn(row, columns, 4);
      const dialStatus = repeatedColumn(row, columns, 5, repeated);
      const dialTime = countColumn(row, columns, 7);
      const answeredTime = countColumn(row, columns, 8);
      const sipCode = repeatedColumn(row, columns, 9, repeated);
      const sipReason = repeatedColumn(row, columns, 10, repeated);
      if (!isDialStatus(dialStatus) && !isUniqueId(uniqueid)) { // the cheaper test first
        return { kind: 'skip', reason: 'not a carrier log row (no uniqueid, no dial status)' };
      }
      // The usual channel, Local/<lead><number>@…, and its phone are read from their bytes; any other from their texts.
      const dialled = columns ? null : dialledFromBytes(row, 6, 11);
      const phone = dialled ? '' : column(row, columns, 11);
      const channel = dialled ? '' : column(row, columns, 6);
      const out = carrierEntryOutcome(
        { uniqueid, callDate, hangupCause, dialStatus, channel, dialTime, answeredTime, sipCode, sipReason, phone, dialled },
        { date: 'CALL DATE', times: 'DIAL TIME / ANSWERED TIME' },
      );
      if (out.kind === 'record') {
        records++;
        if (!dialled && phone === '' && channel.startsWith('Local/')) localWithoutPhone++;
        if (out.record.codeSource === 'sip') sawSipCode = true;
        if (dialled) prefixes.addShaped(out.record.trunk, dialled.phoneIsNanp);
        else prefixes.add(out.record.trunk, undefined, phone);
      }
      return out;
    },
    capabilities,
    companionHint: () => (localWithoutPhone > 0 && localWithoutPhone === records ? NO_PHONE_HINT : null),
    trunkAliases: () => prefixes.aliases(),
    fileEvidence: () => prefixes.state(),
    absorbFileEvidence: (evidence) => prefixes.absorb(evidence),
  };
}

export const vicidialCarrierLog: FormatModule = {
  id: 'vicidial-carrier-log',
  label: FORMAT_LABELS['vicidial-carrier-log'],
  family: 'vicidial',
  syntax: 'delimited',
  quotedNewlines: false,
  splittable: true,
  detect,
  fileNameHint: (fileName) => /AST_carrier_log_report/i.test(fileName),
  createParser,
};
