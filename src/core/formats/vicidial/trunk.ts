/**
 * Which carrier a VICIdial call went out on. The carrier log has no trunk column (formats.md §3.1):
 * `channel` is the channel that ran the `h` extension, for auto-dial the Local channel half
 * `Local/<dial_prefix><phone_code><phone_number>@<context>-%08x;2` that bin/AST_VDauto_dial.pl
 * originates (`$Ndialstring = "$Local_out_prefix$phone_code$phone_number"`, phone_code left out
 * when the campaign omits it). The carrier is chosen by the carrier dialplan entry that matches
 * the dialled string (vicidial_server_carriers.dialplan_entry, e.g. `exten => _91NXXNXXXXXX,…`).
 *
 * Rule chosen: a record's trunk is first named after everything dialled before the lead's phone
 * number, i.e. dial prefix + phone code as the carrier dialplan pattern sees them:
 * `Local/913125551212@default` with phone 3125551212 → "prefix 91". Where the dial prefix ends is
 * campaign config, not in the row, so prefix-evidence.ts decides it with file-wide evidence
 * (RowParser.trunkAliases: "prefix 91", "prefix 944" → "prefix 9"). Both VICIdial formats use the
 * same rule so one call gets one trunk name in either file.
 * When the phone number is unknown or not inside the channel, the prefix cannot be isolated and
 * the trunk is "Local/<context>" (all such calls of a context grouped together).
 * A channel that names a peer (SIP/peer-…, PJSIP/endpoint-…, IAX2/…) gives the peer itself.
 */
import { ownText } from '../../analysis/own-text';
import { ByteTexts, isAsciiSpace } from '../../read/byte-texts';
import type { Row } from '../../read/row';
import { parseChannel, trunkFromChannel } from '../shared/channel';
import { isCountryCode, isNanpNational, PREFIX_TRUNK } from './prefix-evidence';

/** Local channel: `Local/<exten>@<context>` plus `-%08x;1|2` when it is a live channel name. */
const LOCAL = /^Local\/([^@]*)@(.+?)(?:-[0-9a-fA-F]{8})?(?:;[12])?$/i;

/**
 * One string per trunk name (`prefix 91`, `Local/default`) rather than a fresh one per row: the
 * store and the prefix evidence look each row's name up, and a string seen before has its hash.
 * Bounded, so a file of a new name per row costs what it did without it.
 */
class TrunkNames {
  private readonly names = new Map<string, string>();
  constructor(private readonly head: string) {}

  of(tail: string): string {
    const known = this.names.get(tail);
    if (known !== undefined) return known;
    const name = this.head + tail;
    if (this.names.size >= MAX_REMEMBERED_NAMES || tail.length > MAX_REMEMBERED_LENGTH) return name;
    // Kept for the whole read: copies, not slices that would keep the chunk they came from alive.
    const owned = ownText(name);
    this.names.set(ownText(tail), owned);
    return owned;
  }
}
const MAX_REMEMBERED_NAMES = 4096;
/** A name this long is not a trunk an operator configured; a record may be 1 MiB, 4,096 of them too much to keep. */
const MAX_REMEMBERED_LENGTH = 256;
const prefixNames = new TrunkNames(PREFIX_TRUNK);
const contextNames = new TrunkNames('Local/');

/**
 * A channel read once for everything a row asks of it (its trunk, its destination): trimmed,
 * whether it is a Local channel, and what was dialled before the phone number ('' if not found).
 */
interface ChannelReading {
  text: string;
  local: boolean;
  lead: string;
}

function readChannel(channel: string, phone: string): ChannelReading {
  const text = channel.trim();
  const local = LOCAL.test(text);
  return { text, local, lead: local ? leadOfLocal(text, phone.trim()) : '' };
}

/**
 * dialledBeforePhone of a Local channel's exten (from after `Local/` to the first `@`), searched
 * in the channel itself: only the lead becomes a string, not the exten too.
 */
function leadOfLocal(text: string, phone: string): string {
  const extenStart = 'Local/'.length;
  const extenEnd = text.indexOf('@');
  const number = withoutPlus(phone);
  if (number.length > MAX_PHONE_LENGTH) return '';
  if (number.includes('X')) return dialledBeforePhone(text.slice(extenStart, extenEnd), phone);
  if (number === '' || extenEnd - extenStart <= number.length) return '';
  // The last occurrence inside the exten: it starts at or before extenEnd − length, and one that
  // starts before extenStart is not in the exten (nor is one at extenStart: nothing before it).
  const at = text.lastIndexOf(number, extenEnd - number.length);
  return at > extenStart ? text.slice(extenStart, at) : '';
}

/** Leads read from rows' bytes (`91`, `7763`): one string per lead, whose hash the names' look-up has already. */
const leadTexts = new ByteTexts();

/**
 * dialledCall(row.field(channel), row.field(phone)) for the usual carrier-log row, read from the
 * bytes of both fields: an ASCII `Local/<lead><number>@<context…>` (any case of `Local`) with the
 * phone's number found in its exten after a lead. The row makes no channel, phone, exten or lead
 * string of its own; the destination is the one string it makes (the exten's bytes from the country
 * code on). null for anything else (a peer channel, no number or a masked one, a number not in the
 * exten, bytes past ASCII or a line end inside): then read the fields' texts with dialledCall.
 */
export function dialledFromBytes(row: Row, channel: number, phone: number): BytesDialledCall | null {
  const dial = localDialInBytes(row, channel, phone);
  if (dial === null) return null;
  return { trunk: dial.lead.trunk, destination: row.bytesText(dial.destinationStart, dial.destinationEnd), phoneIsNanp: dial.phoneIsNanp };
}

/** What localDialInBytes read of a row: the lead's reading, where the destination's text lies in row.bytes, the phone's shape. */
export interface LocalDial {
  lead: LeadReading;
  destinationStart: number;
  destinationEnd: number;
  /** isNanpNational(phone.trim()), as PrefixEvidence asks it. */
  phoneIsNanp: boolean;
}

/** One object, written again for every row (read before the next): no object per row. */
const localDial: LocalDial = { lead: { trunk: '', nanpAfterOne: false, code: '' }, destinationStart: 0, destinationEnd: 0, phoneIsNanp: false };

/**
 * dialledFromBytes without its strings: the destination as a range of row.bytes (ASCII). The
 * answer is valid until the next call.
 */
export function localDialInBytes(row: Row, channel: number, phone: number): LocalDial | null {
  const bytes = row.bytes;
  // The phone as phone.trim() gives it (only ASCII: a byte past it may be a space trim() takes).
  let phoneStart = row.byteStart(phone);
  if (phoneStart < 0) return null;
  let phoneEnd = row.byteEnd(phone);
  while (phoneStart < phoneEnd && isAsciiSpace(bytes[phoneStart]!)) phoneStart++;
  while (phoneEnd > phoneStart && isAsciiSpace(bytes[phoneEnd - 1]!)) phoneEnd--;
  // The number: the phone without one leading `+` (withoutPlus), unmasked, ASCII.
  const numberStart = bytes[phoneStart] === PLUS ? phoneStart + 1 : phoneStart;
  const length = phoneEnd - numberStart;
  if (length <= 0 || length > MAX_PHONE_LENGTH) return null;
  for (let k = numberStart; k < phoneEnd; k++) {
    const b = bytes[k]!;
    if (b > 0x7f || b === X) return null;
  }
  let start = row.byteStart(channel);
  if (start < 0) return null;
  let end = row.byteEnd(channel);
  while (start < end && isAsciiSpace(bytes[start]!)) start++;
  while (end > start && isAsciiSpace(bytes[end - 1]!)) end--;
  const extenStart = start + LOCAL_HEAD.length;
  if (end - extenStart < 2) return null;
  for (let k = 0; k < LOCAL_HEAD.length; k++) {
    // An ASCII letter in either case, the `/` as it is (LOCAL's /i matches ASCII letters only).
    const b = bytes[start + k]!;
    if ((k === LOCAL_HEAD.length - 1 ? b : b | 0x20) !== LOCAL_HEAD.charCodeAt(k)) return null;
  }
  let at = -1;
  for (let k = extenStart; k < end; k++) {
    const b = bytes[k]!;
    if (b > 0x7f || b === LF || b === CR) return null;
    if (b === AT && at < 0) at = k;
  }
  if (at < 0 || at + 1 === end) return null;
  // dialledBeforePhone's lastIndexOf: the last place in the exten the number starts, after a lead.
  for (let from = at - length; from > extenStart; from--) {
    if (sameBytes(bytes, from, numberStart, length)) {
      const lead = readingOfLead(leadTexts.textOf(row, extenStart, from));
      const phoneIsNanp = isNanpBytes(bytes, phoneStart, phoneEnd);
      // destinationAfter: the lead's last digit(s) (a 1, or its country code) are right before the number.
      const codeLength = lead.nanpAfterOne && (numberStart === phoneStart ? phoneIsNanp : isNanpBytes(bytes, numberStart, phoneEnd)) ? 1 : lead.code.length;
      localDial.lead = lead;
      localDial.destinationStart = from - codeLength;
      localDial.destinationEnd = from + length;
      localDial.phoneIsNanp = phoneIsNanp;
      return localDial;
    }
  }
  return null;
}

/** A call dialledFromBytes read, and what PrefixEvidence asks of its phone: isNanpNational(phone.trim()). */
export interface BytesDialledCall extends DialledCall {
  phoneIsNanp: boolean;
}

/** isNanpNational of the text of bytes[start, end) (ASCII). */
function isNanpBytes(bytes: Uint8Array, start: number, end: number): boolean {
  if (end - start !== 10) return false;
  for (let i = 0; i < 10; i++) {
    const digit = bytes[start + i]! - 48;
    if (digit < (i === 0 || i === 3 ? 2 : 0) || digit > 9) return false;
  }
  return true;
}

/** Whether bytes[a, a + length) and bytes[b, b + length) are the same. */
function sameBytes(bytes: Uint8Array, a: number, b: number, length: number): boolean {
  for (let j = 0; j < length; j++) if (bytes[a + j] !== bytes[b + j]) return false;
  return true;
}

/** Local channels' first bytes, lower case (`/` is its own). */
const LOCAL_HEAD = 'local/';
const LF = 10;
const CR = 13;
const AT = 64;
const PLUS = 43;
/** A masked digit (admin_hide_phone_data): such a number is read by dialledBeforePhone. */
const X = 88;

/** A Local channel's context (LOCAL's second group), named only when no dial prefix could be told. */
function localContext(text: string): string {
  return LOCAL.exec(text)?.[2] ?? '';
}

/** What a VICIdial row's channels tell of its call. */
export interface DialledCall {
  /** The trunk the channel names, else the one the dial log's channel names; null: neither names one. */
  trunk: string | null;
  /** The phone number with its country code (destinationOf), read from the dial log's channel when there is one. */
  destination: string;
}

export function dialledCall(channel: string, phone: string, dialLogChannel?: string, phoneCode?: string): DialledCall {
  const reading = readChannel(channel, phone);
  const dialLog = dialLogChannel === undefined ? null : readChannel(dialLogChannel, phone);
  return {
    trunk: trunkOf(reading) ?? (dialLog ? trunkOf(dialLog) : null),
    destination: destinationOf(dialLog ?? reading, phone, phoneCode),
  };
}

function trunkOf({ text, local, lead }: ChannelReading): string | null {
  if (text === '') return null;
  if (local) return lead ? prefixNames.of(lead) : contextNames.of(localContext(text));
  const peer = trunkFromChannel(text);
  if (peer) return peer;
  const info = parseChannel(text);
  if (!info) return null;
  // DAHDI/i1/3125551212-1a, DAHDI/1-1: the span or group is the nearest thing to a trunk.
  if (info.tech === 'DAHDI') return `DAHDI/${info.peer.split('/')[0] ?? info.peer}`;
  return null;
}

/**
 * What was dialled in front of the phone number, or '' when the number is not found. A masked
 * number (`XXXXXX1212`, admin_hide_phone_data) still tells its length and its visible digits.
 */
export function dialledBeforePhone(exten: string, phone: string): string {
  const number = withoutPlus(phone);
  if (number === '' || number.length > MAX_PHONE_LENGTH || exten.length <= number.length) return '';
  if (number.includes('X')) {
    const tail = exten.slice(exten.length - number.length);
    for (let i = 0; i < number.length; i++) {
      const c = number[i];
      if (c !== 'X' && c !== tail[i]) return '';
    }
    return exten.slice(0, exten.length - number.length);
  }
  const at = exten.lastIndexOf(number);
  return at > 0 ? exten.slice(0, at) : '';
}

/**
 * The longest phone number searched for in a channel: VICIdial's phone_number is VARCHAR(18)
 * (vicidial_list, extras/MySQL_AST_CREATE_tables.sql). A longer "number" is no lead's phone, and
 * searching a 1 MiB exten for a 500 KB one costs minutes (the search is exten × number).
 */
const MAX_PHONE_LENGTH = 18;

/** The number without one leading `+` (as .replace(/^\+/, '') did, without a regex per row). */
function withoutPlus(number: string): string {
  return number.startsWith('+') ? number.slice(1) : number;
}

/**
 * The destination with its country code, as prefix analysis and phone-number labelling need it:
 * the lead's phone_code when the row states it (Export Calls Report), otherwise the country code
 * dialled between the carrier prefix and the number in `Local/<prefix><code><number>@…`: `1` for a
 * NANP-shaped number after a lead ending in 1, else the longest country code ending the lead that
 * leaves a prefix in front. The phone number as written when nothing can be told.
 */
function destinationOf({ local, lead }: ChannelReading, phone: string, phoneCode?: string): string {
  const number = withoutPlus(phone.trim());
  if (number === '' || number.includes('X')) return phone.trim();
  const code = phoneCode?.trim() ?? '';
  if (code !== '' && /^\d{1,3}$/.test(code)) return code + number;
  if (!local || lead === '') return number;
  return destinationAfter(readingOfLead(lead), number);
}

/** What a lead (all dialled before the phone number) tells whatever number follows it. */
export interface LeadReading {
  /** The trunk it names (`prefix <lead>`). */
  trunk: string;
  /** It ends in 1 after a prefix: a NANP-shaped number after it was dialled with country code 1. */
  nanpAfterOne: boolean;
  /** Otherwise the longest country code ending it that leaves a prefix in front; '' when none. */
  code: string;
}

/** destinationOf for a number dialled after a lead. */
function destinationAfter(lead: LeadReading, number: string): string {
  return lead.nanpAfterOne && isNanpNational(number) ? `1${number}` : lead.code + number;
}

/**
 * Each lead's reading, made once: a file has a few leads and every row of one shares it (its
 * trunk name and country code are then not looked up or sliced per row). Bounded as TrunkNames.
 */
const leadReadings = new Map<string, LeadReading>();

function readingOfLead(lead: string): LeadReading {
  const known = leadReadings.get(lead);
  if (known !== undefined) return known;
  let code = '';
  for (let k = Math.min(3, lead.length - 1); k >= 1 && code === ''; k--) {
    const candidate = lead.slice(lead.length - k);
    if (isCountryCode(candidate)) code = ownText(candidate);
  }
  const reading = { trunk: prefixNames.of(lead), nanpAfterOne: lead.endsWith('1') && lead.length > 1, code };
  if (leadReadings.size < MAX_REMEMBERED_NAMES && lead.length <= MAX_REMEMBERED_LENGTH) leadReadings.set(ownText(lead), reading);
  return reading;
}
