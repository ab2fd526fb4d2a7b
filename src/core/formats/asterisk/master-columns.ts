/**
 * A Master.csv row's call written straight into the store's columns (CallValues) from the row's
 * bytes, for the rows a dialer writes by the million: an outbound call whose trunk dstchannel
 * names (read from bytes, trunk.ts), a disposition and nothing more precise, canonical times,
 * whole seconds, a caller number in src (or, src empty, in clid), a dst that is a number (or
 * none, an extension or a label, with Dial()'s), and a plain ASCII uniqueid and channel names.
 * No CdrRow, CallRecord or strings are made for it, but the call id of a rejected call (the column
 * keeps it).
 * A call in from a provider (its channel `SIP/<peer>-<8 hex>`, to a phone, a queue or the
 * dialplan) is written the same way, with its dst as written (inboundTrunk): a PBX's real exports
 * hold many (mineevburyat's Master.csv: 48 of its 65 calls).
 * Any other row answers false and goes the CallRecord way (cdr-csv.ts, parser-core.ts,
 * record.ts), which gives the same columns for these rows (master-columns.test.ts compares the
 * two column by column). The most common row a PBX skips, a Local channel's leg that reached no
 * channel, is told from its bytes too (skip()), with the same reason.
 */
import { allDigitsInto, CODE_SOURCES, DIRECTIONS, MAX_NUMBER_DIGITS, NO_VALUE_U16, OUTCOMES, writeDigitBytes, writeDigitText, type CallValues } from '../../analysis/call-columns';
import { ByteTexts, isAsciiSpace, isPrintableAscii } from '../../read/byte-texts';
import { shortKeyMatch, shortKeyWords, wordsOf } from '../shared/byte-words';
import { BytesKeyed, MISSING } from '../../read/bytes-keyed';
import type { Row } from '../../read/row';
import type { RowOutcome } from '../format-module';
import { CanonicalTimes } from '../../model/wall-time';
import { cleanField, cleanText, numberFromClid, type CdrTokens } from './cdr-row';
import { plainDispositionResult, type RowResult } from './outcome';
import { isInboundContext, outboundTrunkInBytes, SKIP_EXTENSION, SKIP_LOCAL, SKIP_NO_TRUNK, type ChannelTrunks } from './trunk';
import { LINE_PREFIXES } from './tdm-gsm-trunk';
import { dialNumber, isNamed, sipPeerEndInBytes } from './trunk-bytes';

/** Master.csv columns (cdr-csv.ts): src, dst, dstchannel, lastapp, lastdata, start, end, duration, billsec, disposition. */
const SRC = 1;
const DST = 2;
const DCONTEXT = 3;
const CLID = 4;
const CHANNEL = 5;
const DSTCHANNEL = 6;
const LASTAPP = 7;
const LASTDATA = 8;
const START = 9;
const END = 11;
const DURATION = 12;
const BILLSEC = 13;
const DISPOSITION = 14;
const UNIQUEID = 16;
const USERFIELD = 17;
const TRUNK_COLUMNS: CdrTokens['columns'] = { dstchannel: 6, lastdata: 8 };

const OUTBOUND = DIRECTIONS.indexOf('outbound');
const INBOUND = DIRECTIONS.indexOf('inbound');

export class MasterColumns {
  private readonly dispositions = new KnownDispositions();
  /** The row's start (0) and end (1), wall ms (timeInto). */
  private readonly times = new Float64Array(2);
  /** The start and end columns' readers (each remembers the minute it read last). */
  private readonly starts = new CanonicalTimes();
  private readonly ends = new CanonicalTimes();
  /** An inbound call's texts (its channel's peer, the dialplan context): a file repeats a few. */
  private readonly texts = new ByteTexts();
  /** isInboundContext of each dialplan context met. */
  private readonly inboundContexts = new Map<string, boolean>();
  /**
   * The value of dst's digits when destination() read them (dst a number of its own, `+`? and at
   * most MAX_NUMBER_DIGITS digits): what writeDigitBytes would read from the same bytes again.
   */
  private readonly dstDigits = new Float64Array(1);
  /** dstDigits[0] holds the row's destination (its digits: destinationEnd - dstDigitsStart); false: writeDigitBytes reads it. */
  private dstDigitsRead = false;
  private dstDigitsStart = 0;

  /**
   * Writes the row's call into `v` (a row of its store) and answers true, or answers false
   * (nothing written, nothing of `v` is to be read). `channels`: the parser's memo of channel trunks.
   */
  write(row: Row, v: CallValues, channels: ChannelTrunks): boolean {
    const n = row.count;
    // 16 columns: no uniqueid or userfield; 18 and 21: both at 16 and 17 (cdr-csv.ts optionalColumn).
    if (n !== 18 && n !== 21 && n !== 16) return false;
    const bytes = row.bytes;
    if (n !== 16 && !isEmptyField(row, USERFIELD)) return false;
    // First of what is read: a PBX's rows other than a dialer's (a phone calling a feature code or
    // another phone) are mostly told apart here, at the cost of a byte or two.
    const outbound = outboundTrunkInBytes(row, TRUNK_COLUMNS, channels);
    // Where the memo keeps an outbound call's trunk: its id is remembered by it (CallValues.writeTexts).
    const trunkKey = outbound === null ? -1 : channels.foundSlot;
    const trunk = outbound ?? this.inboundTrunk(row, channels);
    if (trunk === null) return false;
    const inbound = outbound === null;
    const known = this.dispositions.of(row, DISPOSITION);
    if (known === null) return false;
    const result = known.result;
    if (result.outcome === 'capacity' && !isNotCongestion(row, LASTAPP)) return false;
    const times = this.times;
    const words = wordsOf(bytes);
    if (!timeInto(row, START, this.starts, words, times, 0) || !timeInto(row, END, this.ends, words, times, 1)) return false;
    const startMs = times[0]!;
    const endMs = times[1]!;
    if (Number.isNaN(startMs)) return false;
    const duration = row.wholeNumber(DURATION);
    const billsec = row.wholeNumber(BILLSEC);
    if (duration < 0 || billsec < 0) return false;
    const srcStart = row.byteStart(SRC);
    const srcEnd = row.byteEnd(SRC);
    // An empty src (a call a Local channel or the dialplan placed): its caller is read from clid below.
    if (srcStart < 0 || (srcStart < srcEnd && !isPlainText(bytes, srcStart, srcEnd, row.recordIsAscii))) return false;
    let idStart = 0;
    let idEnd = 0;
    if (n !== 16) {
      idStart = row.byteStart(UNIQUEID);
      idEnd = row.byteEnd(UNIQUEID);
      // An empty uniqueid of a 21-column row falls back to its linkedid: the CallRecord way reads it.
      if (idStart < 0 || (idStart === idEnd && n === 21) || (idStart < idEnd && !isPlainText(bytes, idStart, idEnd, row.recordIsAscii))) return false;
    }
    // The channel names the key hashes (dedupeKeyOfValues: the channel where there is no uniqueid,
    // an outbound call's dstchannel) must be the texts the CallRecord way reads. An outbound call's
    // dstchannel is one: trunkOfBytes found its trunk in it, so it is there as written, `SIP/` or
    // `PJSIP/`, an ASCII peer and `-<8 hex>[;n]`, with nothing to trim or clean.
    if (idStart === idEnd && !isEmptyOrPlain(row, CHANNEL)) return false;
    if (inbound ? !dstAsWritten(row, v) : !this.destination(row, v)) return false;
    // An inbound row's disposition is the PBX's leg towards a phone or a queue, not the carrier's answer (record.ts).
    const disposition = inbound && result.outcome !== 'answered' ? this.dispositions.inbound(known) : known;

    const store = v.store;
    const i = store.addRow();
    store.startMs[i] = startMs;
    store.endMs[i] = Number.isNaN(endMs) ? startMs + duration * 1000 : endMs;
    store.talkSec[i] = billsec;
    store.sipCode[i] = disposition.sipCode;
    store.codeSource[i] = disposition.codeSource;
    store.outcome[i] = disposition.outcome;
    store.q850[i] = disposition.q850;
    if (!inbound && this.dstDigitsRead) {
      store.destDigits[i] = this.dstDigits[0]!;
      store.destLength[i] = v.destinationEnd - this.dstDigitsStart;
    } else writeDigitBytes(bytes, v.destinationStart, v.destinationEnd, store.destDigits, store.destLength, i);
    if (srcStart < srcEnd) writeDigitBytes(bytes, srcStart, srcEnd, store.callerDigits, store.callerLength, i);
    // As record.ts: the number in clid (made as text: clid is quoted with `""`, and such rows are few).
    else writeDigitText(numberFromClid(cleanField(row, CLID)), store.callerDigits, store.callerLength, i);
    store.direction[i] = inbound ? INBOUND : OUTBOUND;
    store.startIsFinalReply[i] = 0;
    store.clockFold[i] = 0;
    v.bytes = bytes;
    v.callIdStart = idStart;
    v.callIdEnd = idEnd;
    v.legAStart = row.byteStart(CHANNEL);
    v.legAEnd = row.byteEnd(CHANNEL);
    v.legBStart = row.byteStart(DSTCHANNEL);
    v.legBEnd = row.byteEnd(DSTCHANNEL);
    // The call-id column keeps the ids of rejected calls only (CALL_COLUMNS.callIdIndex).
    const outcome = disposition.result.outcome;
    v.writeTexts(i, trunk, disposition.result.reason, (outcome === 'capacity' || outcome === 'policy') && idStart < idEnd, trunkKey, disposition.key);
    return true;
  }

  /**
   * The trunk of a call in from a provider (resolveTrunk's step 4), read from the row's bytes, or
   * null where the text way must decide. Steps 1 to 3 find nothing: dstchannel is empty, a Local
   * channel or no trunk (a phone: the memo knows its peer as none), lastdata dials no line, and with no dstchannel it
   * holds no `/` (no `TECH/` target). Then the channel is `SIP/<peer>-<8 hex>` (or PJSIP), lastapp
   * no AppDial (an Originate()'s outgoing leg, outbound), the trunk the channel's peer (a named or
   * IP peer; an extension's digits only in an inbound dialplan context), and the caller is not that
   * peer (src, or the number in clid: a phone calling out on its own line).
   */
  private inboundTrunk(row: Row, channels: ChannelTrunks): string | null {
    // First the rows a PBX writes most after a dialer's: a phone's own call is no call in (skip() reads it).
    if (isPhonesOwnCall(row)) return null;
    const bytes = row.bytes;
    const dstStart = row.byteStart(DSTCHANNEL);
    if (dstStart < 0) return null;
    const noDstChannel = row.byteEnd(DSTCHANNEL) === dstStart;
    // A Local channel is no trunk (the dialplan's own leg: a queue's, a delayed ring group's).
    if (!noDstChannel && !startsWithLocal(row, DSTCHANNEL) && channels.trunkOfBytes(row, dstStart, row.byteEnd(DSTCHANNEL)) !== null) return null;
    if (noDstChannel ? !hasNoSlash(row, LASTDATA) : !dialsNoLine(row, LASTDATA)) return null;
    const start = row.byteStart(CHANNEL);
    if (start < 0 || !isNoAppDial(row, LASTAPP)) return null;
    const end = row.byteEnd(CHANNEL);
    const dash = sipPeerEndInBytes(bytes, start, end);
    if (dash < 0) return null;
    const peerStart = bytes[start] === 80 /* P */ ? start + 'PJSIP/'.length : start + 'SIP/'.length;
    // A line end in the peer fails parseChannel's patterns: no channel at all for the text way.
    for (let k = peerStart; k < dash; k++) if (bytes[k] === 10 || bytes[k] === 13) return null;
    const named = channels.trunkOfBytes(row, start, end);
    if (named === undefined || (named === null && !this.inboundContext(row))) return null;
    const peer = this.texts.textOf(row, peerStart, dash);
    return this.isCallersOwn(row, peer) ? null : (named ?? peer);
  }

  /** isCallersOwn (trunk.ts) from src's bytes and clid's number; true where the bytes cannot tell. */
  private isCallersOwn(row: Row, peer: string): boolean {
    const srcStart = row.byteStart(SRC);
    if (srcStart < 0) return true;
    const srcEnd = row.byteEnd(SRC);
    if (srcStart < srcEnd && (!isPlainText(row.bytes, srcStart, srcEnd, row.recordIsAscii) || isNamed(row.bytes, srcStart, srcEnd, peer))) return true;
    const number = numberFromClid(cleanField(row, CLID));
    return number !== '' && (number === peer || number.toLowerCase() === peer.toLowerCase());
  }

  /** The dialplan context (dcontext, cleaned) is one that receives provider calls (isInboundContext). */
  private inboundContext(row: Row): boolean {
    const context = cleanText(this.texts.trimmed(row, DCONTEXT));
    let inbound = this.inboundContexts.get(context);
    if (inbound === undefined) {
      inbound = isInboundContext(context);
      if (this.inboundContexts.size < MAX_CONTEXTS) this.inboundContexts.set(context, inbound);
    }
    return inbound;
  }

  /**
   * The skip the CallRecord way gives the rows a PBX skips most, told from the row's bytes:
   * - a Local channel's leg that reached no channel (a `;1` or `;2` half the dialplan answered:
   *   Hangup, Wait, AppDial2 …), or a phone: SKIP_LOCAL;
   * - a phone's own call to the dialplan (a feature code, voicemail, an echo test: channel
   *   `SIP/<extension>-<8 hex>`, src that extension, lastapp not AppDial): SKIP_NO_TRUNK;
   * - a phone calling another phone (both channels `SIP/<peer>-<8 hex>` the memo knows as no
   *   trunk, outside an inbound dialplan context): SKIP_EXTENSION.
   * resolveTrunk finds no trunk in dstchannel or lastdata (with no dstchannel, a Dial() argument with
   * no `/`: no line or `TECH/` target; with one, no line dialled) and none in the channel (a Local
   * channel is no trunk; a phone's extension is none where the context does not make it one, or
   * the call is the caller's own), so it ends at that skip; before it, the start and durations must
   * read as valid and the disposition as one (not the header). null for any other row: the
   * CallRecord way reads it. Real Master.csv files: simularent's 93 Local legs of its 269 rows,
   * BugaDM's 76 phone calls to the dialplan and 13 to each other of its 105.
   */
  skip(row: Row, channels: ChannelTrunks): RowOutcome | null {
    const n = row.count;
    if (n !== 18 && n !== 21 && n !== 16) return null;
    const dstStart = row.byteStart(DSTCHANNEL);
    if (dstStart < 0) return null;
    const dstEnd = row.byteEnd(DSTCHANNEL);
    let skip: RowOutcome | null;
    if (dstEnd === dstStart) {
      skip = startsWithLocal(row, CHANNEL) ? LOCAL_LEG_SKIP : isPhonesOwnCall(row) ? NO_TRUNK_SKIP : null;
      if (skip === null || !hasNoSlash(row, LASTDATA)) return null;
    } else {
      // A phone's leg (dstchannel), with no line dialled.
      const phone = sipPeerEndInBytes(row.bytes, dstStart, dstEnd) >= 0 && channels.trunkOfBytes(row, dstStart, dstEnd) === null && dialsNoLine(row, LASTDATA);
      skip = !phone ? null : startsWithLocal(row, CHANNEL) ? LOCAL_LEG_SKIP : this.isPhonesChannel(row, channels) ? EXTENSION_SKIP : null;
      if (skip === null) return null;
    }
    if (!isNotCongestion(row, LASTAPP) || this.dispositions.of(row, DISPOSITION) === null) return null;
    if (!timeInto(row, START, this.starts, wordsOf(row.bytes), this.times, 0) || Number.isNaN(this.times[0]!)) return null;
    if (row.wholeNumber(DURATION) < 0 || row.wholeNumber(BILLSEC) < 0) return null;
    return skip;
  }

  /**
   * The channel is a phone's for resolveTrunk's step 4: `SIP/<peer>-<8 hex>` (or PJSIP) whose peer
   * the memo knows as no trunk (an extension's digits), outside an inbound dialplan context (where
   * the peer would be one), lastapp no AppDial.
   */
  private isPhonesChannel(row: Row, channels: ChannelTrunks): boolean {
    const start = row.byteStart(CHANNEL);
    if (start < 0 || !isNoAppDial(row, LASTAPP)) return false;
    const end = row.byteEnd(CHANNEL);
    const dash = sipPeerEndInBytes(row.bytes, start, end);
    return dash >= 0 && channels.trunkOfBytes(row, start, end) === null && !this.inboundContext(row);
  }

  /**
   * The destination's range into v (resolveDestination): dst when it is a number of its own
   * (`+`? digits, not 1 to 7 digits alone: an extension), else the number Dial() sent when there is
   * one, else dst (empty, an extension or a dialplan label such as `s` or `ch2`). false where dst
   * is not there as written, or its text would be trimmed or cleaned (spaces around it, NULL).
   */
  private destination(row: Row, v: CallValues): boolean {
    const start = row.byteStart(DST);
    const end = row.byteEnd(DST);
    if (start < 0) return false;
    const bytes = row.bytes;
    const plus = start < end && bytes[start] === PLUS;
    const digitsStart = plus ? start + 1 : start;
    // A dialer's dst, 11 or 12 digits: their value read as they are checked (allDigitsInto), so
    // the destination column is written without reading them again. A `+` before them is no digit
    // to writeDigitBytes either (the same value and count); a longer number is read by it.
    const short = end - digitsStart <= MAX_NUMBER_DIGITS;
    const digits = short ? allDigitsInto(bytes, digitsStart, end, this.dstDigits, 0) : allDigits(bytes, digitsStart, end);
    if (!digits && !isPlainText(bytes, start, end, row.recordIsAscii)) return false;
    const own = digits && end > digitsStart && (plus || end - digitsStart > MAX_EXTENSION_DIGITS);
    this.dstDigitsRead = own && short;
    this.dstDigitsStart = digitsStart;
    const dialled = !own && dialNumber.start >= 0;
    v.destinationStart = dialled ? dialNumber.start : start;
    v.destinationEnd = dialled ? dialNumber.end : end;
    return true;
  }
}

/** bytes[start, end) are all ASCII digits (or none). */
function allDigits(bytes: Uint8Array, start: number, end: number): boolean {
  for (let k = start; k < end; k++) if (bytes[k]! < 48 || bytes[k]! > 57) return false;
  return true;
}

/**
 * An inbound call's destination into v: dst as written (resolveDestination with no Dial() number),
 * its digits read from its bytes; false where its text would be trimmed or cleaned (spaces, NULL).
 */
function dstAsWritten(row: Row, v: CallValues): boolean {
  const start = row.byteStart(DST);
  const end = row.byteEnd(DST);
  if (start < 0 || (start < end && !isPlainText(row.bytes, start, end, row.recordIsAscii))) return false;
  v.destinationStart = start;
  v.destinationEnd = end;
  return true;
}

/**
 * lastdata dials no line (tdm-gsm-trunk.ts lineTrunkFromDial: its first target `DAHDI/`, `Zap/`,
 * `Dongle/` or `Mobile/`, any case, after leading white space); false where the bytes cannot tell.
 */
function dialsNoLine(row: Row, i: number): boolean {
  let start = row.byteStart(i);
  if (start < 0) return false;
  const end = row.byteEnd(i);
  const bytes = row.bytes;
  while (start < end && isAsciiSpace(bytes[start]!)) start++;
  if (start < end && bytes[start]! > 0x7f) return false;
  for (const tech of LINE_PREFIXES) {
    if (end - start < tech.length) continue;
    let same = true;
    for (let k = 0; k < tech.length && same; k++) same = (bytes[start + k]! | 32) === tech.charCodeAt(k);
    if (same) return false;
  }
  return true;
}

/** Dialplan contexts a parser remembers (a file has a few dozen; past this each is tested again). */
const MAX_CONTEXTS = 256;

const LOCAL_LEG_SKIP: RowOutcome = Object.freeze({ kind: 'skip', reason: SKIP_LOCAL });
const NO_TRUNK_SKIP: RowOutcome = Object.freeze({ kind: 'skip', reason: SKIP_NO_TRUNK });
const EXTENSION_SKIP: RowOutcome = Object.freeze({ kind: 'skip', reason: SKIP_EXTENSION });

const SLASH = 47;
/** 'Local/' */
const LOCAL_SLASH = [76, 111, 99, 97, 108, 47];

/** Field `i` is there as written and starts with `Local/` (no space before: the text's trim would not move it). */
function startsWithLocal(row: Row, i: number): boolean {
  const start = row.byteStart(i);
  if (start < 0 || row.byteEnd(i) - start < LOCAL_SLASH.length) return false;
  const bytes = row.bytes;
  for (let k = 0; k < LOCAL_SLASH.length; k++) if (bytes[start + k] !== LOCAL_SLASH[k]) return false;
  return true;
}

/**
 * The channel is the caller's own line as written, `SIP/<peer>-<8 hex>[;n]` or PJSIP (what
 * parseChannel reads as that technology and peer), src is that peer byte for byte and a text the
 * CallRecord way keeps as it is (isCallersOwn: an extension, or a long number or a name, the
 * caller's own either way), and lastapp is no AppDial (an Originate()'s outgoing leg). A channel of
 * another shape, src another text or a lastapp that might be AppDial: false.
 */
function isPhonesOwnCall(row: Row): boolean {
  const start = row.byteStart(CHANNEL);
  if (start < 0) return false;
  const bytes = row.bytes;
  const dash = sipPeerEndInBytes(bytes, start, row.byteEnd(CHANNEL));
  if (dash < 0) return false;
  const peerStart = bytes[start] === 80 /* P */ ? start + 'PJSIP/'.length : start + 'SIP/'.length;
  const srcStart = row.byteStart(SRC);
  if (srcStart < 0 || row.byteEnd(SRC) - srcStart !== dash - peerStart || !isPlainText(bytes, srcStart, row.byteEnd(SRC), row.recordIsAscii)) return false;
  for (let k = 0; k < dash - peerStart; k++) if (bytes[srcStart + k] !== bytes[peerStart + k]) return false;
  return isNoAppDial(row, LASTAPP);
}

/** lastapp, trimmed, does not start with `appdial` in any ASCII case (resolveTrunk's /^AppDial2?$/i, read wider). */
function isNoAppDial(row: Row, i: number): boolean {
  return trimmedWordIgnoringCase(row, i, 'appdial', true) === NO_MATCH;
}

/** Field `i` is there as written and holds no `/` (so no `TECH/` Dial() target and no line in it). */
function hasNoSlash(row: Row, i: number): boolean {
  const start = row.byteStart(i);
  if (start < 0) return false;
  const end = row.byteEnd(i);
  const bytes = row.bytes;
  for (let k = start; k < end; k++) if (bytes[k] === SLASH) return false;
  return true;
}

/**
 * A disposition's result with what it writes into the sipCode, codeSource, outcome and q850
 * columns, and the number that stands for its reason (CallValues.writeTexts; -1: none, for an
 * entry made for one row).
 */
interface KnownDisposition {
  readonly result: RowResult;
  readonly sipCode: number;
  readonly codeSource: number;
  readonly outcome: number;
  readonly q850: number;
  readonly key: number;
}

function knownDisposition(result: RowResult, key: number): KnownDisposition {
  return { result, sipCode: result.sipCode ?? 0, codeSource: CODE_SOURCES.indexOf(result.codeSource), outcome: OUTCOMES.indexOf(result.outcome), q850: result.q850 ?? NO_VALUE_U16, key };
}

/** Reason keys KnownDispositions gives (its entries kept: up to MAX_KNOWN_DISPOSITIONS words, and their inbound twins). */
const MAX_REASON_KEYS = 64;

/** Dispositions told apart by their bytes (Asterisk writes five words; more would be another writer's). */
const MAX_KNOWN_DISPOSITIONS = 8;
/** A disposition word is short; a longer field is read the text way each time. */
const MAX_DISPOSITION_BYTES = 32;

/**
 * plainDispositionResult of a row's disposition, looked up by the field's trimmed bytes
 * (BytesKeyed): a file writes a handful of words, so a row makes no string for its own. Each entry
 * is what the text way gave the first row of those bytes (ASCII: the same bytes are the same text,
 * so the same result); a null result is not kept.
 */
class KnownDispositions {
  private readonly known = new BytesKeyed<KnownDisposition>(MAX_KNOWN_DISPOSITIONS, 1, MAX_DISPOSITION_BYTES);
  private readonly texts = new ByteTexts();
  /**
   * Per length: the bytes and entry of the disposition of that length found last. Asterisk's five
   * words are of five lengths, so nearly every row is answered by comparing its few bytes with
   * one word's, with no hash and no probe (BytesKeyed.find was ~5 % of a piece worker's CPU).
   */
  private readonly lastOfLength: Array<LastDisposition | undefined> = [];

  /** The disposition of field `i`; null where plainDispositionResult gives null. */
  of(row: Row, i: number): KnownDisposition | null {
    let start = row.byteStart(i);
    if (start < 0) return this.read(row, i, -1);
    let end = row.byteEnd(i);
    const bytes = row.bytes;
    while (start < end && isAsciiSpace(bytes[start]!)) start++;
    while (end > start && isAsciiSpace(bytes[end - 1]!)) end--;
    const last = this.lastOfLength[end - start];
    if (last !== undefined && isLastOfItsLength(bytes, start, last)) return last.entry;
    const known = this.known;
    known.key[0] = start;
    known.key[1] = end;
    const found = known.find(bytes);
    if (found !== MISSING) {
      if (end - start <= MAX_DISPOSITION_BYTES) this.lastOfLength[end - start] = lastDisposition(bytes.slice(start, end), found);
      return found;
    }
    const ascii = isAscii(bytes, start, end);
    const entry = this.read(row, i, ascii ? this.nextKey() : -1);
    if (entry !== null && ascii) known.keep(bytes, entry);
    return entry;
  }

  /**
   * `known` on an inbound call that was not answered: no carrier's result (record.ts), outcome
   * unknown and the reason "inbound <disposition>"; one entry per disposition.
   */
  inbound(known: KnownDisposition): KnownDisposition {
    // By the result, which plainDispositionResult makes once per disposition word (an entry need not be kept).
    const r = known.result;
    let entry = this.inboundOf.get(r);
    if (entry === undefined) {
      const result: RowResult = { sipCode: null, codeSource: 'disposition', outcome: 'unknown', reason: `inbound ${r.reason}`, q850: r.q850 };
      entry = knownDisposition(result, known.key < 0 ? -1 : this.nextKey());
      this.inboundOf.set(r, entry);
    }
    return entry;
  }

  private readonly inboundOf = new Map<RowResult, KnownDisposition>();

  /** The text way; `key`: the entry's reason key. */
  private read(row: Row, i: number, key: number): KnownDisposition | null {
    const result = plainDispositionResult(cleanText(this.texts.trimmed(row, i)));
    return result && knownDisposition(result, key);
  }

  /** Reason keys given so far. */
  private keys = 0;

  /** A new reason key, or -1 past MAX_REASON_KEYS (a file of many words: their reasons are looked up). */
  private nextKey(): number {
    return this.keys < MAX_REASON_KEYS ? this.keys++ : -1;
  }
}

/**
 * The disposition of one length found last: its bytes, and for a word of 4 to 12 bytes (every
 * word Asterisk writes) its shortKeyWords.
 */
interface LastDisposition {
  readonly bytes: Uint8Array;
  readonly entry: KnownDisposition;
  readonly words: Int32Array;
}

function lastDisposition(bytes: Uint8Array, entry: KnownDisposition): LastDisposition {
  return { bytes, entry, words: shortKeyWords(bytes) };
}

/**
 * bytes[start, start + last.bytes.length) are last's bytes. A word of 4 to 12 bytes is compared as
 * three 32-bit words, with no loop: the words of a file's rows come in no order and are of four
 * lengths, so a loop over a word's bytes ended at a mispredicted branch in most rows.
 */
function isLastOfItsLength(bytes: Uint8Array, start: number, last: LastDisposition): boolean {
  const word = last.bytes;
  const length = word.length;
  if (length >= 4 && length <= 12) return shortKeyMatch(wordsOf(bytes), start, last.words, length);
  for (let k = 0; k < length; k++) if (bytes[start + k] !== word[k]) return false;
  return true;
}

function isAscii(bytes: Uint8Array, start: number, end: number): boolean {
  for (let k = start; k < end; k++) if (bytes[k]! > 0x7f) return false;
  return true;
}

const PLUS = 43;
/** shared/channel.ts isExtensionLike: 1 to 7 digits. */
const MAX_EXTENSION_DIGITS = 7;

/**
 * Row.wallTime(i) read from field `i`'s bytes into out[at] by the column's reader `times` (`words`:
 * the row's bytes, wordsOf); false where it is null, or where the field is not there as written (a
 * row over strings, or `""` inside: never the canonical shape, which has no quote), which the
 * CallRecord way reads.
 */
function timeInto(row: Row, i: number, times: CanonicalTimes, words: DataView, out: Float64Array, at: number): boolean {
  const start = row.byteStart(i);
  return start >= 0 && times.into(row.bytes, words, start, row.byteEnd(i), out, at);
}

/** The field is there as written, and empty or a text the CallRecord way keeps as it is (isPlainText). */
function isEmptyOrPlain(row: Row, i: number): boolean {
  const start = row.byteStart(i);
  if (start < 0) return false;
  const end = row.byteEnd(i);
  return start === end || isPlainText(row.bytes, start, end, row.recordIsAscii);
}

/** The field is there as written and empty. */
function isEmptyField(row: Row, i: number): boolean {
  const start = row.byteStart(i);
  return start >= 0 && start === row.byteEnd(i);
}

/**
 * bytes[start, end) is a text the CallRecord way keeps as it is: not empty, printable ASCII at
 * both ends (nothing to trim), ASCII throughout (a character is its byte; looked at only when the
 * record is not known to be ASCII, `ascii`), and no SQL NULL spelling.
 */
function isPlainText(bytes: Uint8Array, start: number, end: number, ascii: boolean): boolean {
  if (start === end || !isPrintableAscii(bytes[start]!) || !isPrintableAscii(bytes[end - 1]!)) return false;
  if (!ascii) for (let k = start; k < end; k++) if (bytes[k]! > 0x7f) return false;
  const length = end - start;
  if (length === 4 && bytes[start] === 78 && bytes[start + 1] === 85 && bytes[start + 2] === 76 && bytes[start + 3] === 76) return false; // NULL
  return !(length === 2 && bytes[start] === 92 && bytes[start + 1] === 78); // \N
}

/**
 * lastapp, trimmed, is not `Congestion` in any ASCII case (classifyRow gives a FAILED or
 * CONGESTION row of Congestion() a reason of its own: the CallRecord way).
 */
function isNotCongestion(row: Row, i: number): boolean {
  return trimmedWordIgnoringCase(row, i, 'congestion', false) === NO_MATCH;
}

const NO_MATCH = 0;
const MATCH = 1;
/** The field is not there as written, or a byte past ASCII is at an end (trim() might take more than ASCII white space). */
const CANNOT_TELL = -1;

/**
 * Field `i`, trimmed, against the ASCII lower-case `word`: MATCH when it is that word (or, with
 * `prefix`, starts with it) in any ASCII case, NO_MATCH when not, CANNOT_TELL where its bytes cannot
 * say what the text would.
 */
function trimmedWordIgnoringCase(row: Row, i: number, word: string, prefix: boolean): number {
  let start = row.byteStart(i);
  if (start < 0) return CANNOT_TELL;
  let end = row.byteEnd(i);
  const bytes = row.bytes;
  while (start < end && isAsciiSpace(bytes[start]!)) start++;
  while (end > start && isAsciiSpace(bytes[end - 1]!)) end--;
  if (start < end && (bytes[start]! > 0x7f || bytes[end - 1]! > 0x7f)) return CANNOT_TELL;
  if (prefix ? end - start < word.length : end - start !== word.length) return NO_MATCH;
  for (let k = 0; k < word.length; k++) if ((bytes[start + k]! | 32) !== word.charCodeAt(k)) return NO_MATCH;
  return MATCH;
}
