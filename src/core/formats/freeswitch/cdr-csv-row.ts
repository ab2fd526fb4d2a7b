/**
 * One mod_cdr_csv row (example-family or asterisk-like template) → CallRecord.
 * Sources (formats.md §4.1, §7.5): signalwire/freeswitch src/switch_channel.c
 * `switch_channel_set_timestamps` (start/answer/end stamps `%Y-%m-%d %T` in local time; answer_stamp
 * unset → `""` when unanswered), CAUSE_CHART (hangup_cause is a cause NAME), mod_cdr_csv.c (values
 * expanded with switch_channel_expand_variables, never escaped).
 */
import { emptyRecord, type CallDirection, type CallRecord } from '../../model/call-record';
import { classifyCause, FREESWITCH_CAUSES, fromSipCode, parseHangupCauseTech } from '../../model/causes';
import { parseWallTime } from '../../model/wall-time';
import { directionFromContext } from './direction';
import { directionWord } from '../shared/direction-words';
import { REASON_NO_GATEWAY } from './opencdrrate';
import { isGatewayChannel, trunkFromSofia } from './sofia-channel';
import type { HeaderLayout } from './header-layout';
import { layoutOf, TEMPLATE_COLUMNS, templateForCount, type Layout, type TemplateName } from './templates';
import { BLANK_TRUNK, NO_TRUNK_COLUMN } from '../format-module';
import type { Row } from '../../read/row';

/** Trunk of every record of a template that names none (example, default, sql, snom, linksys). */
export const NO_TRUNK = NO_TRUNK_COLUMN;

export const REASON_INTERNAL = 'internal call: no gateway or external profile in bridge_channel, last_arg or channel_name';

const SQL_PREFIX = /^\s*INSERT\s+INTO\s+\S+\s+VALUES\s*\(\s*/i;
const CAUSE_NAME = /^[A-Z][A-Z0-9_]*$/;

export function isSqlInsert(fields: readonly string[]): boolean {
  return SQL_PREFIX.test(fields[0] ?? '');
}

/**
 * The `sql` template writes `INSERT INTO cdr VALUES ("name",…, "acct");`. The tokenizer reads the
 * first field unquoted (`INSERT INTO cdr VALUES ("name"`) and keeps `);` after the last closing
 * quote (`acct);`): strip both.
 */
export function unwrapSqlInsert(fields: readonly string[]): string[] {
  const out = [...fields];
  let first = (out[0] ?? '').replace(SQL_PREFIX, '');
  if (first.startsWith('"')) {
    first = first.slice(1);
    if (first.endsWith('"')) first = first.slice(0, -1);
  }
  out[0] = first;
  const last = out.length - 1;
  if (last > 0) out[last] = withoutStatementEnd(out[last] ?? '');
  return out;
}

/**
 * The field without the statement's closing `)` and `;` — what `.replace(/\s*\)\s*;?\s*$/, '')` did,
 * by scanning: that pattern is cubic on a long run of spaces (124 s on a 9 KB line in Node).
 */
function withoutStatementEnd(field: string): string {
  let end = field.trimEnd();
  if (end.endsWith(';')) end = end.slice(0, -1).trimEnd();
  return end.endsWith(')') ? end.slice(0, -1).trimEnd() : field;
}

/** '' → null, digits → number, anything else → NaN (a misaligned row). */
function intOrNull(text: string): number | null {
  if (text === '') return null;
  return /^\d+$/.test(text) ? Number(text) : Number.NaN;
}

function field(fields: readonly string[], index: number | undefined): string {
  return index === undefined ? '' : (fields[index] ?? '').trim();
}

/**
 * A time column: `row`'s reader of its bytes when `fields` are the row's own (no string parsed for
 * the canonical `YYYY-MM-DD HH:MM:SS`), else parseWallTime of the text. '' → null.
 */
function timeAt(fields: readonly string[], index: number | undefined, row: Row | undefined): number | null {
  const fromBytes = row !== undefined && index !== undefined ? row.wallTime(index) : null;
  if (fromBytes !== null) return fromBytes;
  const text = field(fields, index);
  return text === '' ? null : parseWallTime(text);
}

/** intOrNull of a column, from `row`'s bytes when they are only digits (see timeAt). */
function intAt(fields: readonly string[], index: number | undefined, row: Row | undefined): number | null {
  const fromBytes = row !== undefined && index !== undefined ? row.wholeNumber(index) : -1;
  return fromBytes >= 0 ? fromBytes : intOrNull(field(fields, index));
}

/** Types in the places the layout says: start time, integer durations, a known cause name. */
export function rowLooksRight(fields: readonly string[], layout: Layout): boolean {
  if (Number.isNaN(parseWallTime(field(fields, layout.start)))) return false;
  if (Number.isNaN(intOrNull(field(fields, layout.duration)))) return false;
  if (Number.isNaN(intOrNull(field(fields, layout.billsec)))) return false;
  return FREESWITCH_CAUSES.has(field(fields, layout.cause));
}

/** `fields` may be the row's own array (a row of the template's width): read, never written. */
export type Shaped = { template: TemplateName; fields: readonly string[] } | { reason: string };

/**
 * Name the row's template from its column count. More columns than a template: an unescaped `"`
 * with a `,` in a free-text column split one value; re-join at each free-text column and keep
 * the first join whose types look right. `expected` is the template the file has used so far:
 * a row of another column family is reported by its count, not misread.
 */
export function shapeRow(raw: readonly string[], expected: TemplateName | null): Shaped {
  const sql = isSqlInsert(raw);
  const direct = templateForCount(raw.length, sql);
  const family = expected === null ? null : layoutOf(expected).family;
  if (direct && (family === null || layoutOf(direct).family === family)) {
    return { template: direct, fields: sql ? unwrapSqlInsert(raw) : raw };
  }
  const candidates: TemplateName[] = sql ? ['sql'] : ['example', 'default', 'linksys', 'asterisk', 'snom'];
  candidates.sort((a, b) => Number(b === expected) - Number(a === expected));
  for (const template of candidates) {
    const extra = raw.length - TEMPLATE_COLUMNS[template];
    if (extra <= 0) continue;
    if (family !== null && layoutOf(template).family !== family) continue;
    for (const at of layoutOf(template).freeText) {
      const joined = rejoined(raw, at, extra, ',');
      const fields = sql ? unwrapSqlInsert(joined) : joined;
      if (rowLooksRight(fields, layoutOf(template))) return { template, fields };
    }
  }
  const want = TEMPLATE_COLUMNS[expected ?? (sql ? 'sql' : 'example')];
  if (raw.length < want) return { reason: `too few columns (${raw.length} of ${want}): truncated row?` };
  return { reason: `too many columns (${raw.length} of ${want})` };
}

/** `raw` with the `extra + 1` fields from `at` joined back into the one value they were. */
function rejoined(raw: readonly string[], at: number, extra: number, delimiter: string): string[] {
  return [...raw.slice(0, at), raw.slice(at, at + extra + 1).join(delimiter), ...raw.slice(at + extra + 1)];
}

/**
 * A row of a file whose header line gave the layout (header-layout.ts): as wide as the header, or
 * wider by a free-text value split at an unescaped quote, re-joined as shapeRow does.
 */
export function shapeHeaderRow(raw: readonly string[], header: HeaderLayout, delimiter: string): { fields: readonly string[] } | { reason: string } {
  const extra = raw.length - header.width;
  if (extra === 0) return { fields: raw };
  if (extra > 0) {
    for (const at of header.layout.freeText) {
      const fields = rejoined(raw, at, extra, delimiter);
      if (rowLooksRight(fields, header.layout)) return { fields };
    }
    return { reason: `too many columns (${raw.length} of ${header.width})` };
  }
  return { reason: `too few columns (${raw.length} of ${header.width}): truncated row?` };
}

export type RowRead =
  | { ok: true; record: CallRecord; knownCause: boolean; sipStated: boolean }
  | { ok: false; reason: string };

/**
 * Read a shaped row with its template's column map. `row`: the row `fields` are the own fields of
 * (same columns), so times and counts are read from its bytes.
 */
export function readRow(fields: readonly string[], layout: Layout, row?: Row): RowRead {
  const startMs = timeAt(fields, layout.start, row) ?? Number.NaN;
  if (Number.isNaN(startMs)) return { ok: false, reason: 'bad start time' };
  const answerMs = timeAt(fields, layout.answer, row);
  if (answerMs !== null && Number.isNaN(answerMs)) return { ok: false, reason: 'bad answer time' };
  const endMs = timeAt(fields, layout.end, row);
  if (endMs !== null && Number.isNaN(endMs)) return { ok: false, reason: 'bad end time' };
  const duration = intAt(fields, layout.duration, row);
  const billsec = intAt(fields, layout.billsec, row);
  if (Number.isNaN(duration) || Number.isNaN(billsec)) return { ok: false, reason: 'duration or billsec is not a number' };
  const causeName = field(fields, layout.cause);
  if (!CAUSE_NAME.test(causeName)) return { ok: false, reason: 'hangup_cause is not a FreeSWITCH cause name' };

  const placed = layout.family === 'asterisk' ? placeByChannels(fields, layout) : placeByContext(fields, layout);
  if ('reason' in placed) return { ok: false, reason: placed.reason };
  const { trunk, direction } = placed;

  const causeNumber = FREESWITCH_CAUSES.get(causeName);
  const record: CallRecord = {
    ...emptyRecord(),
    startMs,
    answerMs,
    endMs,
    trunk,
    reason: causeName,
    // FreeSWITCH-only causes (487 ORIGINATOR_CANCEL, 700+) are not Q.850 numbers.
    q850: causeNumber !== undefined && causeNumber <= 127 ? causeNumber : null,
    destination: field(fields, layout.destination),
    callerId: field(fields, layout.callerId),
    durationSec: duration,
    talkSec: billsec,
    callId: field(fields, layout.uuid),
    direction,
  };

  // HANGUPCAUSE-style text a site stored in userfield, else a sofia status column a header names.
  const tech = parseHangupCauseTech(field(fields, layout.userfield)) ?? statedSip(fields, layout);
  const answered = answerMs !== null || (billsec ?? 0) > 0;
  let sipStated = false;
  if (answered) {
    // The hangup cause tells how an answered call ended, not how it was answered.
    record.outcome = 'answered';
    if (tech && tech.sipCode >= 200 && tech.sipCode < 300) {
      record.sipCode = tech.sipCode;
      record.codeSource = 'sip';
      sipStated = true;
    }
  } else if (tech) {
    // A SIP code the row states itself wins over the one its cause maps to.
    const verdict = fromSipCode(tech.sipCode);
    record.sipCode = verdict.sipCode;
    record.codeSource = verdict.codeSource;
    record.outcome = verdict.outcome;
    if (tech.reason !== '') record.reason = tech.reason;
    sipStated = true;
  } else if (causeNumber !== undefined) {
    const verdict = classifyCause(causeNumber);
    record.sipCode = verdict.sipCode;
    record.codeSource = verdict.codeSource;
    record.outcome = verdict.outcome;
    // The carrier's own words, where the template logs them, say more than the cause name.
    const phrase = field(fields, layout.sipPhrase);
    if (phrase !== '') record.reason = phrase;
  }
  return { ok: true, record, knownCause: causeNumber !== undefined, sipStated };
}

type Placed = { trunk: string; direction: CallDirection } | { reason: string };

/**
 * The asterisk-like template names the caller's channel and the bridged one: they say which way
 * the call went and through which gateway (sofia-channel.ts). A `${sip_gateway_name}` column, where
 * a header names one, is the gateway itself.
 */
function placeByChannels(fields: readonly string[], layout: Layout): Placed {
  const channel = field(fields, layout.channel);
  const gateway = field(fields, layout.gateway);
  const bridged = (gateway === '' ? null : gateway) ?? trunkFromSofia(field(fields, layout.bridgeChannel)) ?? trunkFromSofia(field(fields, layout.lastArg));
  if (field(fields, layout.context).toLowerCase() === 'public') {
    // Came in from outside (directionFromContext): the carrier is the caller's own channel.
    return { trunk: trunkFromSofia(channel) ?? bridged ?? NO_TRUNK, direction: 'inbound' };
  }
  if (bridged !== null || isGatewayChannel(channel)) {
    // Outbound: the bridged B-leg (or, when the bridge failed, the dial string) names the
    // gateway; a B-leg's own row (legs="b") is itself on sofia/gateway/….
    return { trunk: bridged ?? trunkFromSofia(channel) ?? NO_TRUNK, direction: 'outbound' };
  }
  // Inbound from a carrier: the A-leg's own channel is on a non-internal profile.
  const found = trunkFromSofia(channel);
  return found === null ? { reason: REASON_INTERNAL } : { trunk: found, direction: 'inbound' };
}

/**
 * The example family names no channel: the context says the direction (direction.ts). A header
 * line may add a column that states it (FusionPBX's direction) and the gateway: a call from outside
 * is inbound whatever gateway it names; any other that names one was sent out through it. Where
 * the file has a gateway column, a call that is neither inbound nor internal and names none was
 * not sent through a gateway (an A-leg whose B-leg is its own row with legs=ab, a number with no
 * route): not a trunk's attempt, as in the opencdrrate template.
 */
function placeByContext(fields: readonly string[], layout: Layout): Placed {
  const gateway = field(fields, layout.gateway);
  const stated = layout.direction === undefined ? 'unknown' : directionWord(field(fields, layout.direction));
  const fromContext = directionFromContext(field(fields, layout.context), field(fields, layout.callerId), field(fields, layout.destination));
  let direction: CallDirection;
  if (stated !== 'unknown') direction = stated;
  else if (fromContext === 'inbound') direction = 'inbound';
  else if (gateway !== '') direction = 'outbound';
  else direction = fromContext;
  if (gateway === '' && layout.gateway !== undefined && (direction === 'outbound' || direction === 'unknown')) {
    return { reason: REASON_NO_GATEWAY };
  }
  // A file with a gateway column and none on this row (a call in): its cell is blank, not missing.
  return { trunk: gateway || (layout.gateway === undefined ? NO_TRUNK : BLANK_TRUNK), direction };
}

/** `503` or `sip:503` (proto_specific_hangup_cause). */
const SIP_STATUS = /^(?:sip:)?([1-6]\d\d)$/i;

/** The SIP status (and its phrase) a sofia column states, or null. */
function statedSip(fields: readonly string[], layout: Layout): { sipCode: number; reason: string } | null {
  if (layout.sipStatus === undefined) return null;
  const m = SIP_STATUS.exec(field(fields, layout.sipStatus));
  if (!m?.[1]) return null;
  return { sipCode: Number(m[1]), reason: field(fields, layout.sipPhrase) };
}
