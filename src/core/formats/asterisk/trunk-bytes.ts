/**
 * trunk.ts's readers of a channel name and of Dial() data, over a field's UTF-8 bytes instead of
 * its text, for the rows a tokenizer hands over (Master.csv): an outbound row names its trunk in
 * dstchannel (`PJSIP/carrier-b-0000a1f3`) and its number in lastdata (`PJSIP/1206…@carrier-b,60`),
 * both unique per call, so reading them as strings made two strings per row only to find a name
 * shared by thousands. Each reader gives exactly what its string twin in trunk.ts gives for the
 * field's text (trunk-bytes.property.test.ts), and only where the bytes read are ASCII: there a
 * byte is a character, and String.prototype.trim's white space is tab to CR and space. Anything
 * else answers "not read" and the caller reads the text.
 */
import { isAsciiDigit, isAsciiSpace } from '../../read/byte-texts';
import { keyWords, keyWordsMatch, wordsOf } from '../shared/byte-words';

const SLASH = 47;
const AT = 64;
const COMMA = 44;
const AMP = 38;
const DASH = 45;
const SEMICOLON = 59;
const PLUS = 43;

/**
 * trunk.ts sipPeerEnd over bytes[start, end): where the `-<8 hex>[;n]` suffix of a `SIP/…` or
 * `PJSIP/…` channel starts (an index into bytes), or -1 for any other text or a peer that is not
 * ASCII. The peer's text is bytes[start, that index).
 */
export function sipPeerEndInBytes(bytes: Uint8Array, start: number, end: number): number {
  let peerStart: number;
  if (startsWith(bytes, start, end, SIP_SLASH)) peerStart = start + 4;
  else if (startsWith(bytes, start, end, PJSIP_SLASH)) peerStart = start + 6;
  else return -1;
  const dash = sipSuffixStart(bytes, start, end);
  if (dash <= peerStart) return -1;
  for (let i = peerStart; i < dash; i++) if (bytes[i]! > 0x7f) return -1;
  return dash;
}

/**
 * Where bytes[start, end) ends in a channel's `-<8 hex>[;n]` suffix: the index of its dash, or -1.
 * What sipPeerEndInBytes answers for a text whose technology and peer it has checked already.
 */
export function sipSuffixStart(bytes: Uint8Array, start: number, end: number): number {
  if (end - start >= 2 && bytes[end - 2] === SEMICOLON && isAsciiDigit(bytes[end - 1]!)) end -= 2;
  const dash = end - 9;
  if (dash < start || bytes[dash] !== DASH) return -1;
  // Looked up and and-ed, one test for the eight: a channel's hex digits are digits and letters in
  // no order, and a test per digit and kind of digit was a branch mispredicted per row or two.
  let hex = 1;
  for (let i = dash + 1; i < end; i++) hex &= HEX_DIGIT[bytes[i]!]!;
  return hex === 0 ? -1 : dash;
}

/** 1 at the byte of each hex digit (0-9, A-F, a-f). */
const HEX_DIGIT = Uint8Array.from({ length: 256 }, (_, c) => (isHexDigit(c) ? 1 : 0));

const SIP_SLASH = [83, 73, 80, 47]; // 'SIP/'
const PJSIP_SLASH = [80, 74, 83, 73, 80, 47]; // 'PJSIP/'

function startsWith(bytes: Uint8Array, start: number, end: number, prefix: readonly number[]): boolean {
  if (end - start < prefix.length) return false;
  for (let k = 0; k < prefix.length; k++) if (bytes[start + k] !== prefix[k]) return false;
  return true;
}

/**
 * The hashes keep 30 bits, more than any table's mask: a whole number that small is a small integer
 * to V8, where a 32-bit one was a heap number made per row (a hash returned by a call not inlined).
 */
export const SMALL_HASH_MASK = 0x3fffffff;

/** trunk.ts hashOf over the ASCII key bytes[start, keyEnd): the same hash as its text's. */
export function hashOfBytes(bytes: Uint8Array, start: number, keyEnd: number): number {
  const end = keyEnd - start;
  let h = Math.imul(end, 0x9e3779b1);
  h = Math.imul(h ^ bytes[keyEnd - 1]!, 0x01000193);
  h = Math.imul(h ^ bytes[keyEnd - 2]!, 0x01000193);
  h = Math.imul(h ^ bytes[start + (end >> 1)]!, 0x01000193);
  h = Math.imul(h ^ bytes[start + 4]!, 0x01000193);
  return (h ^ (h >>> 15)) & SMALL_HASH_MASK;
}

/** Where the target dialTargetInBytes found has its number: bytes[numberStart, numberEnd); -1: it names none. */
export const dialNumber = { start: -1, end: -1 };

/** dialTargetInBytes: the bytes are not all ASCII, or the name is not: read the text. */
export const NOT_READ = -1;
export const NO_TARGET = 0;
export const TARGET_FOUND = 1;

/**
 * trunk.ts findTargetNamed over the Dial() argument bytes[start, end): whether a `TECH/...`
 * target of its first argument names the endpoint `name` (ASCII case-insensitive), its number in
 * `dialNumber`; NOT_READ when the name or a target read on the way is not all ASCII, or holds a
 * line end. Each `&` part is walked once, a table telling the few bytes that matter (its first two
 * slashes: the one after the technology, then the one after the endpoint's part, and the last `@`
 * between them, which is what findTargetNamed's separate searches find); its ends are trimmed after.
 */
export function dialTargetInBytes(bytes: Uint8Array, start: number, end: number, name: string, nameWords: Int32Array = NO_NAME_WORDS): number {
  if (isNumberAtName(bytes, start, end, name, nameWords)) return TARGET_FOUND;
  if (name !== asciiName) {
    for (let k = 0; k < name.length; k++) if (name.charCodeAt(k) > 0x7f) return NOT_READ;
    asciiName = name;
  }
  for (let from = start; ; ) {
    let slash1 = -1;
    let slash2 = -1;
    let at = -1;
    let i = from;
    for (; i < end; i++) {
      const kind = BYTE_KINDS[bytes[i]!]!;
      if (kind === OTHER) continue;
      if (kind === PART_END) break;
      if (kind === NOT_ASCII_OR_LINE_END) return NOT_READ;
      if (kind === SLASH_KIND) {
        if (slash1 < 0) slash1 = i;
        else if (slash2 < 0) slash2 = i;
      } else if (kind === AT_KIND && slash1 >= 0 && slash2 < 0) at = i;
    }
    let first = from;
    let last = i;
    while (first < last && isAsciiSpace(bytes[first]!)) first++;
    while (last > first && isAsciiSpace(bytes[last - 1]!)) last--;
    if (first < last && isTargetNamed(bytes, first, last, slash2, at, name)) return TARGET_FOUND;
    if (i >= end || bytes[i] === COMMA) return NO_TARGET;
    from = i + 1;
  }
}

/** What dialTargetInBytes does with each byte value. */
const OTHER = 0;
const PART_END = 1; // `&` or `,`
const NOT_ASCII_OR_LINE_END = 2;
const SLASH_KIND = 3;
const AT_KIND = 4;
const BYTE_KINDS = (() => {
  const kinds = new Uint8Array(256);
  kinds.fill(NOT_ASCII_OR_LINE_END, 0x80);
  kinds[10] = NOT_ASCII_OR_LINE_END;
  kinds[13] = NOT_ASCII_OR_LINE_END;
  kinds[AMP] = PART_END;
  kinds[COMMA] = PART_END;
  kinds[SLASH] = SLASH_KIND;
  kinds[AT] = AT_KIND;
  return kinds;
})();

/** The last name dialTargetInBytes found all ASCII (names come from the memo: the same string row after row). */
let asciiName = '';

/**
 * Bytes a name may hold for isNumberAtName: ASCII that ends no part of a target and is no white
 * space (no `&` `,` `/` `@`, no control byte or space), so `@<name>` then `,` `&` or the field's
 * end is the whole endpoint of a target, as the general walk cuts it.
 */
const PLAIN_NAME_BYTE = (() => {
  const plain = new Uint8Array(256);
  for (let c = 33; c < 127; c++) plain[c] = BYTE_KINDS[c] === OTHER ? 1 : 0;
  return plain;
})();

/**
 * The shape nearly every outbound row of a dialer has, `PJSIP/<number>@<name>` or
 * `SIP/<number>@<name>` (upper case, `+`? and 3 or more digits, a name of PLAIN_NAME_BYTEs), then
 * `,` `&` or the field's end: true with the number in `dialNumber`, which is what the general walk
 * finds for it (its first part is that target: no byte in it ends a part, needs a trim or is not
 * ASCII). Anything else, false: the general walk reads it. Nothing per name is looked up first:
 * a dialer's rows name a different trunk row after row.
 */
function isNumberAtName(bytes: Uint8Array, start: number, end: number, name: string, nameWords: Int32Array): boolean {
  let i = start;
  if (bytes[i] === 80 /* P */ && bytes[i + 1] === 74 /* J */) i += 2;
  if (end - i < 4 || bytes[i] !== 83 /* S */ || bytes[i + 1] !== 73 /* I */ || bytes[i + 2] !== 80 /* P */ || bytes[i + 3] !== SLASH) return false;
  i += 4;
  const numberStart = i;
  if (i < end && bytes[i] === PLUS) i++;
  const digitsStart = i;
  while (i < end && isAsciiDigit(bytes[i]!)) i++;
  if (i - digitsStart < 3 || i >= end || bytes[i] !== AT) return false;
  const at = i;
  const nameEnd = at + 1 + name.length;
  if (name.length === 0 || nameEnd > end) return false;
  if (nameWords.length > 0) {
    // The name's bytes are plain (dialNameWords): bytes equal to them are.
    if (!keyWordsMatch(wordsOf(bytes), at + 1, nameWords, name.length)) return false;
  } else {
    for (let k = 0; k < name.length; k++) {
      const c = bytes[at + 1 + k]!;
      if (c !== name.charCodeAt(k) || PLAIN_NAME_BYTE[c] === 0) return false;
    }
  }
  if (nameEnd < end && bytes[nameEnd] !== COMMA && bytes[nameEnd] !== AMP) return false;
  dialNumber.start = numberStart;
  dialNumber.end = at;
  return true;
}

const NO_NAME_WORDS = new Int32Array(0);

/**
 * A trunk name's words (byte-words.ts keyWords) when it is 4 or more PLAIN_NAME_BYTEs: then
 * dialTargetInBytes, given them, compares a target's endpoint with the name four bytes at a time
 * (a dialer's every row; its character by character compare was half of dialTargetInBytes).
 * Empty for any other name: compared character by character.
 */
export function dialNameWords(name: string): Int32Array {
  if (name.length < 4) return NO_NAME_WORDS;
  const bytes = new Uint8Array(name.length);
  for (let k = 0; k < name.length; k++) {
    const c = name.charCodeAt(k);
    if (c > 0x7f || PLAIN_NAME_BYTE[c] === 0) return NO_NAME_WORDS;
    bytes[k] = c;
  }
  return keyWords(bytes);
}

const DIAL_TECHS = ['SIP', 'PJSIP', 'IAX2', 'OOH323'] as const;

/**
 * trunk.ts readDialTarget + isNamed + readNumber over the trimmed target bytes[from, to), given
 * where its second slash is (the first after the technology's) and the last `@` before it (-1: none).
 */
function isTargetNamed(bytes: Uint8Array, from: number, to: number, slash: number, at: number, name: string): boolean {
  const tech = dialTech(bytes, from, to);
  if (tech === null) return false;
  const restStart = from + tech.length + 1;
  if (restStart >= to) return false;
  const headEnd = slash >= 0 ? slash : to;
  let endpointStart = at >= 0 ? at + 1 : restStart;
  let endpointEnd = headEnd;
  while (endpointStart < endpointEnd && isAsciiSpace(bytes[endpointStart]!)) endpointStart++;
  while (endpointEnd > endpointStart && isAsciiSpace(bytes[endpointEnd - 1]!)) endpointEnd--;
  if (endpointStart === endpointEnd || !isNamed(bytes, endpointStart, endpointEnd, name)) return false;
  const tailStart = headEnd < to ? headEnd + 1 : to;
  dialNumber.start = -1;
  dialNumber.end = -1;
  if (tech === 'IAX2') {
    // IAX2/[user[:secret]@]peer[/exten[@context]]: the user part is a login, not a number.
    let extenEnd = tailStart;
    while (extenEnd < to && bytes[extenEnd] !== AT) extenEnd++;
    setNumber(bytes, tailStart, extenEnd);
  } else if (at >= 0) setNumber(bytes, restStart, at);
  else if (tech === 'SIP') setNumber(bytes, tailStart, to); // SIP/<peer>/<number>
  else if (tech === 'PJSIP' && tailStart < to) setPjsipTailNumber(bytes, tailStart, to, endpointStart, endpointEnd);
  return true;
}

/** trunk.ts readPjsipTail over bytes: a bare number, or a SIP URI's user dialled out through a named endpoint. */
function setPjsipTailNumber(bytes: Uint8Array, tailStart: number, to: number, endpointStart: number, endpointEnd: number): void {
  setNumber(bytes, tailStart, to);
  if (dialNumber.start >= 0) return;
  const userStart = sipUriUserStartInBytes(bytes, tailStart, to);
  if (userStart < 0) return;
  let userEnd = userStart;
  while (userEnd < to && bytes[userEnd] !== AT) userEnd++;
  if (userEnd >= to || isShortDigitRun(bytes, userStart, userEnd) || isShortDigitRun(bytes, endpointStart, endpointEnd)) return;
  if (userEnd - userStart === endpointEnd - endpointStart && bytes.subarray(userStart, userEnd).every((b, k) => b === bytes[endpointStart + k])) return;
  setNumber(bytes, userStart, userEnd);
}

/** bytes[from, to) is 1 to 7 digits: an extension (shared/channel.ts isExtensionLike). */
function isShortDigitRun(bytes: Uint8Array, from: number, to: number): boolean {
  if (to - from < 1 || to - from > 7) return false;
  for (let i = from; i < to; i++) if (!isAsciiDigit(bytes[i]!)) return false;
  return true;
}

/** Where the user of a `sip:` or `sips:` URI at bytes[from, to) starts (ASCII letter case ignored), or -1. */
function sipUriUserStartInBytes(bytes: Uint8Array, from: number, to: number): number {
  if (to - from < 4 || (bytes[from]! | 32) !== 115 || (bytes[from + 1]! | 32) !== 105 || (bytes[from + 2]! | 32) !== 112) return -1;
  if (bytes[from + 3] === 58) return from + 4;
  if (to - from >= 5 && (bytes[from + 3]! | 32) === 115 && bytes[from + 4] === 58) return from + 5;
  return -1;
}

/** The number is bytes[from, to) when it is one (/^\+?\d{3,}$/). */
function setNumber(bytes: Uint8Array, from: number, to: number): void {
  const digitsFrom = from < to && bytes[from] === PLUS ? from + 1 : from;
  if (to - digitsFrom < 3) return;
  for (let i = digitsFrom; i < to; i++) if (!isAsciiDigit(bytes[i]!)) return;
  dialNumber.start = from;
  dialNumber.end = to;
}

/** The technology bytes[from, to) start with (`sip/`, `PJSIP/` …, ASCII case-insensitive), or null. */
function dialTech(bytes: Uint8Array, from: number, to: number): string | null {
  for (const tech of DIAL_TECHS) {
    if (to - from > tech.length && bytes[from + tech.length] === SLASH && startsWithIgnoringCase(bytes, from, tech)) return tech;
  }
  return null;
}

function startsWithIgnoringCase(bytes: Uint8Array, from: number, upper: string): boolean {
  for (let i = 0; i < upper.length; i++) {
    const c = bytes[from + i]!;
    const u = upper.charCodeAt(i);
    if (c !== u && !(u >= 65 && u <= 90 && c === u + 32)) return false;
  }
  return true;
}

/** bytes[from, to) is `name` up to ASCII letter case (both ASCII): trunk.ts sameName for ASCII. */
export function isNamed(bytes: Uint8Array, from: number, to: number, name: string): boolean {
  if (to - from !== name.length) return false;
  for (let i = 0; i < name.length; i++) {
    const a = bytes[from + i]!;
    const b = name.charCodeAt(i);
    if (a === b) continue;
    const lower = a | 32;
    if (lower !== (b | 32) || lower < 97 || lower > 122) return false;
  }
  return true;
}

function isHexDigit(c: number): boolean {
  return isAsciiDigit(c) || (c >= 65 && c <= 70) || (c >= 97 && c <= 102);
}
