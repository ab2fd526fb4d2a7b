/**
 * Which trunk a CDR row used, or why it used none (formats.md §1.5). Order:
 *  1. dstchannel (`SIP/<peer>-%08x`, `PJSIP/<endpoint>-%08x`, `IAX2/<peer>-<n>`): outbound calls;
 *  2. an explicit trunk column (a DB export's CDR(trunk) user variable);
 *  3. lastdata dialling `TECH/<number>@<peer>` or `SIP/<peer>/<number>`, only when dstchannel is
 *     empty (no channel was created, e.g. CHANUNAVAIL);
 *  4. channel: an inbound call from a provider, or the outgoing leg of an Originate()
 *     (lastapp AppDial/AppDial2).
 * A device is not a trunk: digit-only peers (extensions), a peer equal to the caller's own number,
 * and an endpoint Dial() reached without a number (`Dial(PJSIP/client2)`). Rows with no trunk get
 * one of the SKIP_* reasons below.
 * Why a local dial-string parser: shared/channel.ts trunkFromDialData takes the text after the
 * first `@` even past a `/`, so `PJSIP/1128/sip:1128@182.72.240.250:5062` (a PJSIP contact URI in
 * the srinimonster sample) would name the phone's IP as a trunk; and trunkFromChannel accepts any
 * technology, so `Console/dsp` would become trunk "dsp".
 */
import { ownText } from '../../analysis/own-text';
import { isExtensionLike, parseChannel, trunkOfChannel, type ChannelInfo } from '../shared/channel';
import { isDigitRun, isPlusDigitRun } from '../shared/digit-text';
import { numberFromClid, type CdrRow, type CdrTokens } from './cdr-row';
import { NO_TRUNK_COLUMN } from '../format-module';
import type { CallDirection } from '../../model/call-record';
import { lineTrunkFromChannel, lineTrunkFromDial } from './tdm-gsm-trunk';
import { keyWords, keyWordsMatch, wordsOf } from '../shared/byte-words';
import { dialNameWords, dialNumber, dialTargetInBytes, hashOfBytes, NOT_READ, sipPeerEndInBytes, sipSuffixStart, SMALL_HASH_MASK, TARGET_FOUND } from './trunk-bytes';
import type { Row } from '../../read/row';

/** Channel technologies that can be a trunk (phones on Console/DAHDI/Local are not). */
const TRUNK_TECHS = new Set(['SIP', 'PJSIP', 'IAX2', 'MOTIF', 'OOH323', 'H323']);

/**
 * Dialplan contexts that receive calls from a provider: FreePBX/Issabel from-trunk, from-pstn,
 * from-zaptel / from-dahdi (PRI and analog lines), from-did; a site's *-pstn, inbound, incoming.
 */
const INBOUND_CONTEXT = /pstn|trunk|from-did|inbound|incoming|from-sip-external|from-external|from-zaptel|from-dahdi|from-gsm|from-dongle|from-mobile/i;

/** The dialplan context receives calls from a provider (INBOUND_CONTEXT). */
export function isInboundContext(dcontext: string): boolean {
  return INBOUND_CONTEXT.test(dcontext);
}

export interface DialTarget {
  tech: string;
  endpoint: string;
  /** The number dialled through the endpoint, or null when Dial() named the endpoint only. */
  number: string | null;
}

/** text[from, to) is a dialled number: /^\+?\d{3,}$/. */
const isDialledNumber = (text: string, from: number, to: number) => isPlusDigitRun(text, 3, from, to);

/**
 * All `TECH/...` targets of a Dial() argument: `SIP/301&SIP/200@stadionpbx,60,t` → two targets.
 * Runs for every row: the argument is read by indexes, and only the endpoint and the number become
 * strings of their own.
 */
export function parseDialTargets(lastdata: string): DialTarget[] {
  const targets: DialTarget[] = [];
  const comma = lastdata.indexOf(',');
  const firstEnd = comma < 0 ? lastdata.length : comma;
  for (let from = 0; ; ) {
    const amp = lastdata.indexOf('&', from);
    const partEnd = amp < 0 || amp > firstEnd ? firstEnd : amp;
    const target = parseDialTarget(lastdata, trimStart(lastdata, from, partEnd), trimEnd(lastdata, from, partEnd));
    if (target !== null) targets.push(target);
    if (partEnd >= firstEnd) break;
    from = partEnd + 1;
  }
  return targets;
}

/**
 * Where one `TECH/...` target's parts lie, written by readDialTarget (one scratch for every row:
 * a target that is not the one looked for costs no object and no string). The number is read by
 * readNumber, only for a target that is wanted.
 */
const found = { tech: 'SIP' as DialTech, restStart: 0, at: -1, tailStart: 0, end: 0, endpointStart: 0, endpointEnd: 0, numberStart: -1, numberEnd: -1 };

/**
 * Reads the `TECH/...` target in text[from, to) (as /^(SIP|PJSIP|IAX2)\/(.+)$/i reads it) into
 * `found`, up to its number; false when it is none.
 */
function readDialTarget(text: string, from: number, to: number): boolean {
  const tech = dialTech(text, from, to);
  if (tech === null) return false;
  const restStart = from + tech.length + 1;
  if (restStart >= to) return false; // `.+` needs a character
  // One walk over the target (it stays inside [from, to): one Dial() argument may hold tens of
  // thousands of targets): the first `/` ends the endpoint's part, the last `@` before it starts
  // the endpoint, and a line end anywhere refuses the target (`.` does not match one).
  let slash = -1;
  let at = -1;
  for (let i = restStart; i < to; i++) {
    const c = text.charCodeAt(i);
    if (c === SLASH) {
      if (slash < 0) slash = i;
    } else if (c === AT) {
      if (slash < 0) at = i;
    } else if (c === 10 || c === 13 || c === 0x2028 || c === 0x2029) return false;
  }
  const headEnd = slash >= 0 ? slash : to;
  const endpointStart = trimStart(text, at >= 0 ? at + 1 : restStart, headEnd);
  const endpointEnd = trimEnd(text, endpointStart, headEnd);
  if (endpointStart === endpointEnd) return false;
  found.tech = tech;
  found.restStart = restStart;
  found.at = at;
  found.tailStart = headEnd < to ? headEnd + 1 : to;
  found.end = to;
  found.endpointStart = endpointStart;
  found.endpointEnd = endpointEnd;
  return true;
}

/** The number of the target readDialTarget found (found.numberStart -1: it names none). */
function readNumber(text: string): void {
  const { tech, restStart, at, tailStart, end } = found;
  found.numberStart = -1;
  found.numberEnd = -1;
  if (tech === 'IAX2') {
    // IAX2/[user[:secret]@]peer[/exten[@context]]: the user part is a login, not a number.
    const tailAt = indexIn(text, AT, tailStart, end);
    const extenEnd = tailAt >= 0 ? tailAt : end;
    if (isDialledNumber(text, tailStart, extenEnd)) foundNumber(tailStart, extenEnd);
  } else if (at >= 0) {
    if (isDialledNumber(text, restStart, at)) foundNumber(restStart, at);
  } else if (tech === 'SIP' && isDialledNumber(text, tailStart, end)) {
    foundNumber(tailStart, end); // SIP/<peer>/<number>
  } else if (tech === 'PJSIP' && tailStart < end) {
    readPjsipTail(text, tailStart, end);
  }
}

/**
 * The number in a `PJSIP/<endpoint>/<tail>` target: a bare number (Grandstream UCM writes
 * `PJSIP/trunk_1/14155551000`), or the user of a SIP URI dialled out through the endpoint
 * (Asterisk's "dialing out a trunk": `PJSIP/mytrunk/sip:14155551000@sip.example.com`). A URI whose
 * user is extension-like or the endpoint's own name, or whose endpoint is extension-like, is a
 * device's contact (PJSIP_DIAL_CONTACTS: `PJSIP/1128/sip:1128@10.0.0.9:5062`): no number.
 */
function readPjsipTail(text: string, tailStart: number, end: number): void {
  if (isDialledNumber(text, tailStart, end)) {
    foundNumber(tailStart, end);
    return;
  }
  const userStart = sipUriUserStart(text, tailStart, end);
  if (userStart < 0) return;
  const userEnd = indexIn(text, AT, userStart, end);
  if (userEnd < 0 || !isDialledNumber(text, userStart, userEnd) || isDigitRun(text, 1, 7, userStart, userEnd)) return;
  const { endpointStart, endpointEnd } = found;
  if (isDigitRun(text, 1, 7, endpointStart, endpointEnd)) return;
  if (sameRange(text, userStart, userEnd, endpointStart, endpointEnd)) return;
  foundNumber(userStart, userEnd);
}

/** text[a, aEnd) and text[b, bEnd) hold the same characters. */
function sameRange(text: string, a: number, aEnd: number, b: number, bEnd: number): boolean {
  if (aEnd - a !== bEnd - b) return false;
  for (let i = 0; i < aEnd - a; i++) if (text.charCodeAt(a + i) !== text.charCodeAt(b + i)) return false;
  return true;
}

/** Where the user part of a `sip:` or `sips:` URI at text[from, to) starts (any letter case), or -1. */
function sipUriUserStart(text: string, from: number, to: number): number {
  const scheme = text.slice(from, Math.min(to, from + 5)).toLowerCase();
  if (scheme.startsWith('sip:')) return from + 4;
  if (scheme === 'sips:') return from + 5;
  return -1;
}

const AT = 64;

/** Where `c` first is in text[from, to), or -1. */
function indexIn(text: string, c: number, from: number, to: number): number {
  for (let i = from; i < to; i++) if (text.charCodeAt(i) === c) return i;
  return -1;
}

function foundNumber(start: number, end: number): void {
  found.numberStart = start;
  found.numberEnd = end;
}

/** The number of the target found in `text`, or null. */
function foundNumberText(text: string): string | null {
  return found.numberStart >= 0 ? text.slice(found.numberStart, found.numberEnd) : null;
}

/** The target readDialTarget and readNumber found in `text`, as an object. */
function foundTarget(text: string): DialTarget {
  return { tech: found.tech, endpoint: text.slice(found.endpointStart, found.endpointEnd), number: foundNumberText(text) };
}

/** One `TECH/...` target in text[from, to), or null. */
function parseDialTarget(text: string, from: number, to: number): DialTarget | null {
  if (!readDialTarget(text, from, to)) return null;
  readNumber(text);
  return foundTarget(text);
}

/**
 * The first Dial() target in `lastdata` whose endpoint is `name` (sameName), or null: what
 * parseDialTargets(lastdata).find(…) gives, with an object and strings made for that target only
 * (the list was a tenth of the bytes the Master.csv parser allocated per row).
 */
export function dialTargetNamed(lastdata: string, name: string): DialTarget | null {
  return findTargetNamed(lastdata, name) ? foundTarget(lastdata) : null;
}

/** dialTargetNamed, leaving the target in `found` (number read) instead of making it: false when none. */
function findTargetNamed(lastdata: string, name: string): boolean {
  lookedFor.name = name;
  lookedFor.nonAscii = null;
  lookedFor.lower = null;
  const comma = lastdata.indexOf(',');
  const firstEnd = comma < 0 ? lastdata.length : comma;
  for (let from = 0; ; ) {
    const amp = lastdata.indexOf('&', from);
    const partEnd = amp < 0 || amp > firstEnd ? firstEnd : amp;
    if (readDialTarget(lastdata, trimStart(lastdata, from, partEnd), trimEnd(lastdata, from, partEnd)) && isNamed(lastdata, found.endpointStart, found.endpointEnd)) {
      readNumber(lastdata);
      return true;
    }
    if (partEnd >= firstEnd) return false;
    from = partEnd + 1;
  }
}

/**
 * The name dialTargetNamed looks for, and what it learns of it at most once per call (whether it is
 * ASCII, its lower case): per target, a long name would cost targets × its length.
 */
const lookedFor = { name: '', nonAscii: null as boolean | null, lower: null as string | null };

/** sameName(text, lookedFor.name), lowering the name once per call. */
function isLookedFor(text: string): boolean {
  return text === lookedFor.name || text.toLowerCase() === (lookedFor.lower ??= lookedFor.name.toLowerCase());
}

/** sameName(text.slice(from, to), lookedFor.name) without the slice where both are ASCII. */
function isNamed(text: string, from: number, to: number): boolean {
  const name = lookedFor.name;
  if (to - from !== name.length) return hasNonAscii(text, from, to) || (lookedFor.nonAscii ??= hasNonAscii(name, 0, name.length)) ? isLookedFor(text.slice(from, to)) : false;
  for (let i = 0; i < name.length; i++) {
    const a = text.charCodeAt(from + i);
    const b = name.charCodeAt(i);
    if (a === b) continue;
    // Lower-casing a non-ASCII text may change its length or give ASCII (the Kelvin sign): as sameName does it.
    if (a > 127 || b > 127) return isLookedFor(text.slice(from, to));
    const lower = a | 32;
    if (lower !== (b | 32) || lower < 97 || lower > 122) return false; // not one ASCII letter in two cases
  }
  return true;
}

function hasNonAscii(text: string, from: number, to: number): boolean {
  for (let i = from; i < to; i++) if (text.charCodeAt(i) > 127) return true;
  return false;
}

const DIAL_TECHS = ['SIP', 'PJSIP', 'IAX2', 'OOH323'] as const;
type DialTech = (typeof DIAL_TECHS)[number];

/** The technology text[from, to) starts with (`sip/`, `PJSIP/` …, ASCII case-insensitive), or null. */
function dialTech(text: string, from: number, to: number): DialTech | null {
  for (const tech of DIAL_TECHS) {
    if (to - from > tech.length && text.charCodeAt(from + tech.length) === SLASH && startsWithIgnoringCase(text, from, tech)) return tech;
  }
  return null;
}

/** `upper` is ASCII upper case; a /i regex (without the u flag) folds only ASCII letters onto it. */
function startsWithIgnoringCase(text: string, from: number, upper: string): boolean {
  for (let i = 0; i < upper.length; i++) {
    const c = text.charCodeAt(from + i);
    const u = upper.charCodeAt(i);
    if (c !== u && !(u >= 65 && u <= 90 && c === u + 32)) return false;
  }
  return true;
}

/** The first index in [from, to) that String.prototype.trim would keep (to when none). */
function trimStart(text: string, from: number, to: number): number {
  while (from < to && isTrimmed(text.charCodeAt(from))) from++;
  return from;
}

/** One past the last index in [from, to) that String.prototype.trim would keep (from when none). */
function trimEnd(text: string, from: number, to: number): number {
  while (to > from && isTrimmed(text.charCodeAt(to - 1))) to--;
  return to;
}

/** What String.prototype.trim removes: WhiteSpace and LineTerminator (ECMA-262), BOM included. */
function isTrimmed(c: number): boolean {
  if (c <= 32) return c === 32 || (c >= 9 && c <= 13);
  if (c < 0xa0) return false;
  return c === 0xa0 || c === 0x1680 || (c >= 0x2000 && c <= 0x200a) || c === 0x2028 || c === 0x2029 || c === 0x202f || c === 0x205f || c === 0x3000 || c === 0xfeff;
}

const SLASH = 47;

export type TrunkResolution =
  | {
      trunk: string;
      via: 'dstchannel' | 'trunk column' | 'lastdata' | 'channel';
      /**
       * The number Dial() sent to the trunk, when the row shows one (read from bytes, only when the
       * row's dst is no number of its own: resolveDestination reads it then only).
       */
      number: string | null;
      /** The trunk is the calling side: a call from the provider, not an attempt towards it. */
      inbound: boolean;
      /**
       * outbound: the row's leg went to the trunk (dstchannel, Dial() data, the trunk column, an
       * Originate's outgoing line); inbound: the trunk is the calling channel; unknown: the file
       * has no channel columns to tell.
       */
      direction: CallDirection;
    }
  | { skip: string };

export { NO_TRUNK_COLUMN };

export const SKIP_CONGESTION = 'dialplan Congestion(): no trunk was dialled';
export const SKIP_LOCAL = 'Local channel leg with no trunk (the trunk leg has its own row)';
export const SKIP_EXTENSION = 'internal call: extension to extension';
export const SKIP_NO_TRUNK = 'internal call: no trunk in channel, dstchannel or lastdata';
export const SKIP_DAHDI = 'internal call: a DAHDI phone (FXS port), no line dialled with a number';

/** The trunk a channel names, when its technology can be a trunk. */
function channelTrunk(info: ChannelInfo | null): string | null {
  if (!info || !TRUNK_TECHS.has(info.tech)) return null;
  return trunkOfChannel(info);
}

const NO_BYTES = new Uint8Array(0);
const NO_WORDS = new Int32Array(0);

/** Distinct channel peers one parser remembers (a file names a few dozen trunks; see ChannelTrunks). */
export const CHANNEL_MEMO_CAPACITY = 4096;

/**
 * channelTrunk(parseChannel(channel)), remembered per peer: every outbound row names its trunk as
 * `PJSIP/<peer>-<8 hex>` (chan_sip, chan_pjsip), unique per row only in the suffix, so the answer
 * is looked up by the text before the suffix with no string or object made per row (and every row
 * of a trunk gets the same trunk string). Any other channel shape is parsed as it comes. One
 * instance per parser; past `capacity` distinct peers (a hostile file naming a million) new peers
 * are parsed every time instead of remembered, with the same answers.
 */
export class ChannelTrunks {
  /** Remembered keys (the channel text before its suffix) in an open-addressed table; '' = free. */
  private readonly keys: string[];
  /**
   * Per slot: its key's length and words (keyWords) when the key is ASCII (trunkOfBytes compares
   * them); length 0: no key, or one that is not ASCII.
   */
  private readonly keyLengths: Int32Array;
  private readonly keyWords: Int32Array[];
  private readonly trunks: (string | null)[];
  /** Per slot: dialNameWords of its trunk (dialTargetInBytes compares a Dial() target's endpoint with them). */
  private readonly trunkWords: Int32Array[];
  private readonly mask: number;
  private size = 0;
  /** dialNameWords of the trunk trunkOfBytes found last in the memo; empty where it found none there. */
  foundTrunkWords: Int32Array = NO_WORDS;
  /**
   * The memo's slot of that trunk, -1 where it found none there: a number below 2^14 that stands
   * for that trunk string alone (a slot is never given to another), by which a writer of columns
   * remembers the trunk's id (CallValues.writeTexts).
   */
  foundSlot = -1;

  constructor(private readonly capacity = CHANNEL_MEMO_CAPACITY) {
    let slots = 8;
    while (slots < capacity * 2) slots *= 2;
    this.keys = new Array<string>(slots).fill('');
    this.keyLengths = new Int32Array(slots);
    this.keyWords = new Array<Int32Array>(slots).fill(NO_WORDS);
    this.trunks = new Array<string | null>(slots).fill(null);
    this.trunkWords = new Array<Int32Array>(slots).fill(NO_WORDS);
    this.mask = slots - 1;
  }

  /** Peers remembered so far (at most `capacity`). */
  get remembered(): number {
    return this.size;
  }

  /**
   * trunkOf(the text of row.bytes[start, end)) for a channel read as it is written (trimmed: a
   * `SIP/…-<8 hex>` channel has nothing to trim), looked up by its bytes: the same answer and the
   * same string, with no string made for a peer already remembered. undefined when the bytes are
   * not such a channel with an ASCII peer: then read the text.
   */
  trunkOfBytes(row: Row, start: number, end: number): string | null | undefined {
    const bytes = row.bytes;
    this.foundTrunkWords = NO_WORDS;
    this.foundSlot = -1;
    // The suffix first, then the key's bytes: a key is remembered only as sipPeerEnd cut it (its
    // technology checked, its peer ASCII), so bytes equal to one need no other check.
    const keyEnd = sipSuffixStart(bytes, start, end);
    const length = keyEnd - start;
    if (keyEnd < 0 || length < MIN_KEY_LENGTH || length > MAX_KEY_LENGTH) return undefined;
    let slot = hashOfBytes(bytes, start, keyEnd) & this.mask;
    const words = wordsOf(bytes);
    for (let probes = 0; probes < MAX_PROBES; probes++) {
      const keyLength = this.keyLengths[slot]!;
      if (keyLength === length && keyWordsMatch(words, start, this.keyWords[slot]!, length)) {
        this.foundTrunkWords = this.trunkWords[slot]!;
        this.foundSlot = slot;
        return this.trunks[slot]!;
      }
      // A free slot ends the chain; a peer that is not ASCII has no bytes but holds its slot, and
      // a key of its hash placed after it is found on (keys[slot] says which).
      if (keyLength === 0 && this.keys[slot] === '') break;
      slot = (slot + 1) & this.mask;
    }
    if (sipPeerEndInBytes(bytes, start, end) !== keyEnd) return undefined;
    return this.trunkOf(row.bytesText(start, end));
  }

  trunkOf(channel: string): string | null {
    const keyEnd = sipPeerEnd(channel);
    // A peer name longer than any real one is parsed, not kept: 4,096 kept keys of up to a
    // megabyte each (a record's limit) would hold gigabytes.
    if (keyEnd < 0 || keyEnd > MAX_KEY_LENGTH) return channelTrunk(parseChannel(channel));
    let slot = hashOf(channel, keyEnd) & this.mask;
    let probes = 0;
    for (;;) {
      const key = this.keys[slot]!;
      if (key === '') break;
      if (key.length === keyEnd && channel.startsWith(key)) return this.trunks[slot]!;
      // Keys chosen to share a hash cost one parse each, not a walk through the table.
      if (++probes === MAX_PROBES) return channelTrunk(parseChannel(channel));
      slot = (slot + 1) & this.mask;
    }
    const trunk = channelTrunk(parseChannel(channel));
    if (this.size >= this.capacity) return trunk;
    // Copies: a slice of the row's text would keep the tokenizer's whole chunk alive with the memo.
    const owned = trunk === null ? null : ownText(trunk);
    const key = ownText(channel.slice(0, keyEnd));
    this.keys[slot] = key;
    const keyBytes = asciiBytes(key);
    this.keyLengths[slot] = keyBytes.length;
    this.keyWords[slot] = keyWords(keyBytes);
    this.trunks[slot] = owned;
    this.trunkWords[slot] = owned === null ? NO_WORDS : dialNameWords(owned);
    this.size++;
    return owned;
  }
}

/** A capacity-0 ChannelTrunks: remembers nothing, so callers without a parser may share it. */
const UNREMEMBERED = new ChannelTrunks(0);

/**
 * Where the `-<8 hex>[;n]` suffix of a `SIP/…` or `PJSIP/…` channel starts (parseChannel's
 * sipLikeChannel shape, same tests), or -1 for any other text. For such a channel parseChannel's
 * answer depends only on the text before the suffix: it starts with `S`/`P` and ends with a hex
 * digit or a digit, so trim() takes nothing, and a line terminator in the peer fails every pattern.
 */
function sipPeerEnd(text: string): number {
  let peerStart: number;
  if (text.startsWith('SIP/')) peerStart = 4;
  else if (text.startsWith('PJSIP/')) peerStart = 6;
  else return -1;
  let end = text.length;
  if (end >= 2 && text.charCodeAt(end - 2) === SEMICOLON && isDigit(text.charCodeAt(end - 1))) end -= 2;
  const dash = end - 9;
  if (dash <= peerStart || text.charCodeAt(dash) !== DASH) return -1;
  for (let i = dash + 1; i < end; i++) if (!isHexDigit(text.charCodeAt(i))) return -1;
  return dash;
}

const DASH = 45;
const SEMICOLON = 59;

function isDigit(c: number): boolean {
  return c >= 48 && c <= 57;
}

function isHexDigit(c: number): boolean {
  return isDigit(c) || (c >= 65 && c <= 70) || (c >= 97 && c <= 102);
}

/** The bytes of an ASCII text (a byte per character); empty when it is not ASCII. */
function asciiBytes(text: string): Uint8Array {
  const bytes = new Uint8Array(text.length);
  for (let k = 0; k < text.length; k++) {
    const c = text.charCodeAt(k);
    if (c > 0x7f) return NO_BYTES;
    bytes[k] = c;
  }
  return bytes;
}

/** The shortest key: `SIP/` and one character of peer (4 bytes at least: keyWords). */
const MIN_KEY_LENGTH = 5;

/** Slots a look-up tries before it parses the channel instead (ChannelTrunks). */
const MAX_PROBES = 8;

/** The longest channel text before the suffix that ChannelTrunks remembers (Asterisk caps a channel name at 80 bytes). */
const MAX_KEY_LENGTH = 256;

/**
 * A hash of text[0, end) from its length and the characters where trunk names of one site differ
 * (`carrier-a` / `carrier-b`, `sipus1` / `sipus2`): the key is compared whole after, so a weak
 * hash costs only probes, and reading every character per row cost as much as parsing it.
 */
function hashOf(text: string, end: number): number {
  let h = Math.imul(end, 0x9e3779b1);
  h = Math.imul(h ^ text.charCodeAt(end - 1), 0x01000193);
  h = Math.imul(h ^ text.charCodeAt(end - 2), 0x01000193);
  h = Math.imul(h ^ text.charCodeAt(end >> 1), 0x01000193);
  h = Math.imul(h ^ text.charCodeAt(4), 0x01000193);
  return (h ^ (h >>> 15)) & SMALL_HASH_MASK;
}

/** The caller's own number (src, cnum, or the number in clid) equals `name`: a device, not a trunk. */
function isCallersOwn(row: CdrRow, name: string): boolean {
  if (row.src !== '' && sameName(row.src, name)) return true;
  if (row.cnum !== '' && sameName(row.cnum, name)) return true;
  const fromClid = numberFromClid(row.clid);
  return fromClid !== '' && sameName(fromClid, name);
}

function sameName(a: string, b: string): boolean {
  return a === b || a.toLowerCase() === b.toLowerCase(); // mostly the very same text: no lowercasing
}

// resolveTrunk's tests of a row's texts (compiled once, not per row).
const APP_DIAL = /^AppDial2?$/i;
const CONGESTION_APP = /^congestion$/i;
const LOCAL_CHANNEL = /^Local\//i;
const DAHDI_TARGET = /^(DAHDI|Zap)\//i;

/** `channels`: the parser's memo of channel trunks (one per parser, never shared between files). */
export function resolveTrunk(row: CdrRow, channels: ChannelTrunks = UNREMEMBERED): TrunkResolution {
  if (row.noTrunkColumns) return { trunk: row.trunk || NO_TRUNK_COLUMN, via: 'trunk column', number: null, inbound: false, direction: 'unknown' };

  const fromBytes = row.tokens !== undefined ? outboundFromBytes(row.tokens, channels, row.dst) : null;
  if (fromBytes !== null) return fromBytes;

  // 1. dstchannel: the leg Asterisk created towards the peer (its Dial() target looked up by name).
  const dst = channels.trunkOf(row.dstchannel);
  if (dst !== null) {
    const named = findTargetNamed(row.lastdata, dst);
    const deviceDial = named && found.numberStart < 0;
    if (!deviceDial) return { trunk: dst, via: 'dstchannel', number: named ? foundNumberText(row.lastdata) : null, inbound: false, direction: 'outbound' };
  }

  // 1b. A number dialled through a PRI/analog line or a GSM gateway (the dstchannel, when there is
  //     one, is that line: `DAHDI/1-1` for `DAHDI/g0/5551234`).
  const line = lineTrunkFromDial(row.lastdata);
  if (line !== null && (row.dstchannel === '' || lineTrunkFromChannel(row.dstchannel)?.tech === line.tech)) {
    return { trunk: line.trunk, via: 'lastdata', number: line.number, inbound: false, direction: 'outbound' };
  }

  // 2. An explicit trunk column written by the site's dialplan.
  if (row.trunk !== '') {
    const number = findTargetNamed(row.lastdata, row.trunk) ? foundNumberText(row.lastdata) : null;
    return { trunk: row.trunk, via: 'trunk column', number, inbound: false, direction: 'outbound' };
  }

  // 3. lastdata naming a trunk and a number, when no channel was created towards anyone
  //    (with a dstchannel present, Dial()'s other targets are other rows' business).
  if (row.dstchannel === '') for (const t of parseDialTargets(row.lastdata)) {
    if (t.number !== null && !isExtensionLike(t.endpoint)) return { trunk: t.endpoint, via: 'lastdata', number: t.number, inbound: false, direction: 'outbound' };
  }

  // 4. channel: an inbound call from a provider — or, with lastapp AppDial/AppDial2
  //    "(Outgoing Line)", the outgoing leg of an Originate(), which is an outbound attempt.
  const info = parseChannel(row.channel);
  if (info && TRUNK_TECHS.has(info.tech)) {
    const own = isCallersOwn(row, info.peer);
    const peer = channelTrunk(info) ?? (INBOUND_CONTEXT.test(row.dcontext) ? info.peer : null);
    const outgoingLeg = peer !== null && APP_DIAL.test(row.lastapp);
    if (peer !== null && (!own || outgoingLeg)) return { trunk: peer, via: 'channel', number: null, inbound: !outgoingLeg, direction: outgoingLeg ? 'outbound' : 'inbound' };
  }
  // A call that came in on a line: a GSM gateway only ever carries the provider's calls; a DAHDI
  // channel is a line (not a phone's FXS port) when the call entered an inbound context.
  const inLine = lineTrunkFromChannel(row.channel);
  if (inLine !== null && (inLine.tech !== 'DAHDI' || INBOUND_CONTEXT.test(row.dcontext))) {
    const outgoingLeg = APP_DIAL.test(row.lastapp);
    return { trunk: inLine.trunk, via: 'channel', number: null, inbound: !outgoingLeg, direction: outgoingLeg ? 'outbound' : 'inbound' };
  }

  if (CONGESTION_APP.test(row.lastapp.trim())) return { skip: SKIP_CONGESTION };
  if (LOCAL_CHANNEL.test(row.channel) || LOCAL_CHANNEL.test(row.dstchannel)) return { skip: SKIP_LOCAL };
  // A DAHDI channel nobody dialled a number through, outside an inbound context: a phone's port.
  if (DAHDI_TARGET.test(row.channel) || DAHDI_TARGET.test(row.dstchannel) || DAHDI_TARGET.test(row.lastdata)) return { skip: SKIP_DAHDI };
  if (parseChannel(row.dstchannel) !== null) return { skip: SKIP_EXTENSION };
  return { skip: SKIP_NO_TRUNK };
}

/**
 * Step 1 of resolveTrunk read from the bytes of a tokenizer's row (trunk-bytes.ts): the trunk
 * dstchannel names and the number its Dial() target sends. null when the bytes cannot tell (not
 * ASCII, quoted with `""`) or step 1 does not decide the row (no trunk in dstchannel, a device
 * dialled without a number): then resolveTrunk reads the texts from step 1 on.
 */
function outboundFromBytes(tokens: CdrTokens, channels: ChannelTrunks, rowDst: string): TrunkResolution | null {
  const { row } = tokens;
  const trunk = outboundTrunkInBytes(row, tokens.columns, channels);
  if (trunk === null) return null;
  // A dialer's row has its number in dst too: then no string is made for the Dial() number.
  const number = dialNumber.start >= 0 && !isNumberOfItsOwn(rowDst) ? row.bytesText(dialNumber.start, dialNumber.end) : null;
  return { trunk, via: 'dstchannel', number, inbound: false, direction: 'outbound' };
}

/**
 * The trunk of step 1 read from the row's bytes, with the range of the number its Dial() target
 * sends left in dialNumber (start -1: none); null where outboundFromBytes gives null.
 */
export function outboundTrunkInBytes(row: Row, columns: CdrTokens['columns'], channels: ChannelTrunks): string | null {
  const channelStart = row.byteStart(columns.dstchannel);
  if (channelStart < 0) return null;
  const dst = channels.trunkOfBytes(row, channelStart, row.byteEnd(columns.dstchannel));
  if (dst === null || dst === undefined) return null;
  const dataStart = row.byteStart(columns.lastdata);
  if (dataStart < 0) return null;
  const named = dialTargetInBytes(row.bytes, dataStart, row.byteEnd(columns.lastdata), dst, channels.foundTrunkWords);
  if (named === NOT_READ || (named === TARGET_FOUND && dialNumber.start < 0)) return null;
  if (named !== TARGET_FOUND) dialNumber.start = dialNumber.end = -1;
  return dst;
}

/**
 * Destination: dst as written, or the number Dial() sent to the trunk when dst is only an
 * extension or a dialplan label (`s`, `ch2`).
 */
export function resolveDestination(row: CdrRow, dialled: string | null): string {
  const dst = row.dst;
  return dialled && !isNumberOfItsOwn(dst) ? dialled : dst;
}

/** dst is a dialled number (not empty, an extension or a dialplan label): the destination whatever Dial() sent. */
function isNumberOfItsOwn(dst: string): boolean {
  return dst !== '' && isPlusDigitRun(dst, 1) && !isExtensionLike(dst);
}
