/**
 * Counts a call once when several files (or one file twice: Asterisk writes Master.csv and a
 * per-account copy) contain it. Only records with a call id or a channel name take part. The key
 * fields are hashed to a 52-bit number, straight from the fields (no joined key string per call),
 * and the keys seen live in an open-addressing table of doubles beside the list of them, so a
 * million calls cost 11.4 + 8 MB while a file is read and 8 MB after, not a Set of boxed numbers.
 */
import { ownText } from '../analysis/own-text';
import { releaseNow } from '../analysis/release-buffer';
import type { CallValues } from '../analysis/call-columns';
import type { CallRecord } from '../model/call-record';

export const DUPLICATE_REASON = 'duplicate: the same call (call id or channel, trunk channel, trunk, destination, start, result; a call in from a trunk: call id or channel and start, and trunk) was already read';

export class CallDeduper {
  private readonly seen = new KeySet();

  /** True the first time a record is offered; false for a duplicate. */
  offer(record: CallRecord): boolean {
    const key = dedupeKey(record);
    return key === null || this.offerKey(key);
  }

  /** offer() for a key computed elsewhere (a piece worker computes keys, the merge offers them). */
  offerKey(key: number): boolean {
    return this.seen.add(key);
  }

  /**
   * offerKey() for the first `length` keys in order (NaN: no key, never a duplicate); returns the
   * indexes (ascending) of the duplicates. The merge's way: see KeySet.duplicatesAmong.
   */
  offerKeys(keys: Float64Array, length: number): number[] {
    return this.seen.duplicatesAmong(keys, length);
  }

  /**
   * Room for about `keys` more keys, made now (ingest sizes it from the file): the table is not
   * rebuilt while the file is read (each rebuild held the old and the new table and re-placed every key).
   */
  reserve(keys: number): void {
    this.seen.reserve(keys);
  }

  /**
   * Between reads (the session keeps the deduper only for files added later): the keys alone, 8
   * bytes each, the table (11.4 per key: three slots in ten are empty) given back. The next offer or
   * reserve puts them back into a table (one insert per key held).
   */
  pack(): void {
    this.seen.pack();
  }

  /** Bytes held (for the memory account). */
  byteSize(): number {
    return this.seen.byteSize();
  }
}

/**
 * The record's de-duplication key, or null when nothing names the call (then it never counts as a
 * duplicate). What identifies a call:
 * - who: its call id; with none (Master.csv's 16 columns, cdr_csv's default: formats.md §1.1),
 *   its channel's name (CallRecord.legA), which the same row in Master.csv and in its
 *   <accountcode>.csv copy share. Neither: no key.
 * - An outbound call: who, its trunk channel's name (legB, where the format names channels), the
 *   trunk, destination, start (identityMs where the start came from other rows of the call), SIP
 *   code, outcome and reason. Each Dial() makes a trunk channel of its own (`-<8 hex>`, formats.md
 *   §1.5), so two quick tries of one caller channel on one trunk in one second are two attempts,
 *   where the same row read twice is one.
 * - A call in from a trunk is one call whatever its rows say: Asterisk writes a row per Dial()
 *   target of one incoming call (a ring group, a fork, a second Dial after the first failed), each
 *   with its own party B, start and result, so it is keyed by who and trunk alone. Where who is a
 *   channel's name its start is kept too: the name's counter starts again at 0 when Asterisk
 *   restarts (formats.md §1.5: `-00000000` reused in BugaDM's file), where a uniqueid carries its
 *   epoch. The rows of a ring group share their start (one Dial()).
 * Each text is hashed with its length first, so field boundaries cannot shift ('ab','c' ≠ 'a','bc').
 * Runs for every call of every file (a fifth of the piece workers' time when it hashed every
 * character through a helper), so: two lanes in locals, one loop over the texts, two characters a
 * step (each step's multiplications wait for the step before: a 1M-call Master.csv's keys, a call
 * id, a trunk channel and a number each, took ~98 ms of piece-worker CPU one character a step), and
 * the few distinct trunk, outcome and reason texts hashed once each (textWord) and mixed in as one
 * word. Keys live as long as a session's deduper: a change of the hash changes no saved state.
 */
export function dedupeKey(record: CallRecord): number | null {
  const key = dedupeKeyOf(record, textWord(record.trunk), textWord(record.outcome), textWord(record.reason));
  return Number.isNaN(key) ? null : key;
}

/**
 * dedupeKey() with the words of the record's trunk, outcome and reason (textWord) already known:
 * the parse stage remembers them per interned id of its store instead of looking each text up per
 * call. NaN: no key.
 */
export function dedupeKeyOf(record: CallRecord, trunkWord: number, outcomeWord: number, reasonWord: number): number {
  const byCallId = record.callId !== '';
  const who = byCallId ? record.callId : (record.legA ?? '');
  if (who === '') return Number.NaN;
  const inbound = record.direction === 'inbound';
  const texts = keyTexts;
  let count = 0;
  texts[count++] = who;
  if (!inbound && record.legB !== undefined) texts[count++] = record.legB;
  texts[count++] = inbound ? '' : record.destination;
  let a = 0x811c9dc5;
  let b = 0x01000193 ^ 0x5bd1e995;
  for (let t = 0; t < count; t++) {
    const text = texts[t]!;
    a = Math.imul(a ^ text.length, 0x01000193);
    b = Math.imul(b ^ text.length, 0x5bd1e995);
    b ^= b >>> 15;
    // Two characters a step (see above), the second shifted by a byte: an ASCII pair stays in the low
    // 16 bits, which a multiplication's lower bits see (they never see bits above their own).
    let i = 0;
    for (; i + 1 < text.length; i += 2) {
      const c = text.charCodeAt(i) | (text.charCodeAt(i + 1) << 8);
      a = Math.imul(a ^ c, 0x01000193);
      b = Math.imul(b ^ c, 0x5bd1e995);
      b ^= b >>> 15;
    }
    if (i < text.length) {
      const c = text.charCodeAt(i);
      a = Math.imul(a ^ c, 0x01000193);
      b = Math.imul(b ^ c, 0x5bd1e995);
      b ^= b >>> 15;
    }
    // Not held past the call (a slice of a file's text would keep the text alive).
    texts[t] = '';
  }
  const start = record.identityMs ?? record.startMs;
  if (inbound) return keyOfWords(a, b, byCallId ? 0 : start, INBOUND_WORD, trunkWord, INBOUND_OUTCOME_WORD, EMPTY_TEXT_WORD);
  return keyOfWords(a, b, start, record.sipCode === null ? NO_SIP_WORD : record.sipCode, trunkWord, outcomeWord, reasonWord);
}

/**
 * dedupeKeyOf for a call a parser wrote into columns from a row's bytes (CallValues): its call id,
 * channel names and destination are ASCII ranges of v.bytes (a character of ASCII text is its
 * byte), so the same key as from their texts, with no string made. `sipCode` null: none.
 */
export function dedupeKeyOfValues(v: CallValues, inbound: boolean, startMs: number, sipCode: number | null, trunkWord: number, outcomeWord: number, reasonWord: number): number {
  const byCallId = v.callIdEnd > v.callIdStart;
  const ranges = keyRanges;
  ranges[0] = byCallId ? v.callIdStart : v.legAStart;
  ranges[1] = byCallId ? v.callIdEnd : v.legAEnd;
  if (ranges[1] === ranges[0]) return Number.NaN;
  let count = 2;
  if (!inbound && v.legBStart >= 0) {
    ranges[count++] = v.legBStart;
    ranges[count++] = v.legBEnd;
  }
  ranges[count++] = inbound ? 0 : v.destinationStart;
  ranges[count++] = inbound ? 0 : v.destinationEnd;
  const bytes = v.bytes;
  let a = 0x811c9dc5;
  let b = 0x01000193 ^ 0x5bd1e995;
  for (let r = 0; r < count; r += 2) {
    const from = ranges[r]!;
    const to = ranges[r + 1]!;
    a = Math.imul(a ^ (to - from), 0x01000193);
    b = Math.imul(b ^ (to - from), 0x5bd1e995);
    b ^= b >>> 15;
    // As dedupeKeyOf's texts, two bytes a step: an ASCII byte is its character's code.
    let i = from;
    for (; i + 1 < to; i += 2) {
      const c = bytes[i]! | (bytes[i + 1]! << 8);
      a = Math.imul(a ^ c, 0x01000193);
      b = Math.imul(b ^ c, 0x5bd1e995);
      b ^= b >>> 15;
    }
    if (i < to) {
      const c = bytes[i]!;
      a = Math.imul(a ^ c, 0x01000193);
      b = Math.imul(b ^ c, 0x5bd1e995);
      b ^= b >>> 15;
    }
  }
  if (inbound) return keyOfWords(a, b, byCallId ? 0 : startMs, INBOUND_WORD, trunkWord, INBOUND_OUTCOME_WORD, EMPTY_TEXT_WORD);
  return keyOfWords(a, b, startMs, sipCode === null ? NO_SIP_WORD : sipCode, trunkWord, outcomeWord, reasonWord);
}

/** The texts a key hashes, in order (dedupeKeyOf): who, legB when hashed, the destination. */
const keyTexts: string[] = ['', '', ''];
/** The same as [start, end) ranges of bytes (dedupeKeyOfValues): no array per call. */
const keyRanges = new Int32Array(6);

/** The two lanes after the texts, with the start's bits and the four words mixed in: the 52-bit key. */
function keyOfWords(a: number, b: number, start: number, sipWord: number, trunkWord: number, outcomeWord: number, reasonWord: number): number {
  // The start's bits; -0 as 0 and every NaN alike, as their texts were in the joined-string key.
  numberBits[0] = start === 0 ? 0 : Number.isNaN(start) ? Number.NaN : start;
  // Six words, in a typed array (no array per call).
  const words = keyWords;
  words[0] = numberWords[0]!;
  words[1] = numberWords[1]!;
  words[2] = sipWord;
  words[3] = trunkWord;
  words[4] = outcomeWord;
  words[5] = reasonWord;
  for (let k = 0; k < 6; k++) {
    const w = words[k]!;
    a = Math.imul(a ^ w, 0x01000193);
    b = Math.imul(b ^ w, 0x5bd1e995);
    b ^= b >>> 15;
  }
  return (a >>> 0) * 0x100000 + ((b >>> 0) & 0xfffff);
}

/** The SIP-code word of a key with no SIP code. */
const NO_SIP_WORD = 0x7fffffff;

/** In the SIP-code word of an inbound key: no code (0x7fffffff) or real code (< 1000) can equal it. */
const INBOUND_WORD = 0x7ffffffe;

const numberBits = new Float64Array(1);
const numberWords = new Uint32Array(numberBits.buffer);
const keyWords = new Uint32Array(6);

/** 32-bit FNV-1a of a text (with its length), remembered for the few texts a file repeats. */
const textWords = new Map<string, number>();
const MAX_TEXT_WORDS = 4096;

/** The word a text is mixed into a key as (trunk, outcome, reason). */
export function textWord(text: string): number {
  const known = textWords.get(text);
  if (known !== undefined) return known;
  let h = Math.imul(0x811c9dc5 ^ text.length, 0x01000193);
  for (let i = 0; i < text.length; i++) h = Math.imul(h ^ text.charCodeAt(i), 0x01000193);
  // Bounded: a file with endless distinct reasons only loses the memo, not memory.
  if (textWords.size >= MAX_TEXT_WORDS) textWords.clear();
  textWords.set(ownText(text), h >>> 0);
  return h >>> 0;
}

/** An inbound key's outcome and reason words: the texts 'inbound' and ''. */
const INBOUND_OUTCOME_WORD = textWord('inbound');
const EMPTY_TEXT_WORD = textWord('');

/**
 * A slot holds its key + 1, so an empty slot is 0: a new table needs no fill (the zeroed memory a
 * fresh Float64Array is; a fill would be a serial pass over the whole table of its own).
 */
const EMPTY = 0;
const INITIAL_SLOTS = 1 << 12;
/** Beyond this an estimate is not trusted to size the table up front (it still grows as keys come). */
const MAX_RESERVED_KEYS = 1 << 24;
/**
 * A table is made for its keys at this load (11.4 bytes per key), and doubled once it is fuller
 * than MAX_LOAD (an estimate of the file's lines that fell short). Linear probing at 0.7 looks at
 * ~6 slots for a new key, most in one cache line, and the table of a 4M-call read is 45 MB, where
 * one kept half full in a power of two of slots is up to 16 bytes per key (64 MB).
 */
const TARGET_LOAD = 0.7;
const MAX_LOAD = 0.8;

/**
 * A set of numbers. dedupeKey's keys (integers in [0, 2^52)) go to an open-addressing table with
 * linear probing, at most MAX_LOAD full; any other number (offerKey is public) to a plain Set.
 * Each key the table takes is also written, in the order added, to `added`: between reads that
 * list alone is kept (pack drops the table), and a new table is filled from it. Written as keys
 * come (one store after the table's, to the next slot of a list), it spares the read's end a pass
 * over the table and a fresh array for the packed keys.
 */
class KeySet {
  private slots = new Float64Array(INITIAL_SLOTS);
  /** Keys the table takes before it is doubled. */
  private limit = Math.floor(INITIAL_SLOTS * MAX_LOAD);
  /** The stored values (key + 1) of the table in the order added: [0, size) written, room for `limit` + 1. */
  private added = new Float64Array(this.limit + 1);
  /** True between pack() and the next add or reserve: the table is dropped, `added` holds the keys. */
  private packed = false;
  private size = 0;
  private readonly others = new Set<number>();

  /** Adds `key`; true when it was not there yet. */
  add(key: number): boolean {
    if (!isTableKey(key)) return this.addOther(key);
    if (this.packed) this.unpack(0);
    return this.insert(key + 1, slotOf(key, this.slots.length));
  }

  /**
   * add() of keys[0 … length) in order but NaN, returning the indexes of those already there. Each
   * key is a cache miss in a table of megabytes; one load per add() waits for each miss in turn, so
   * every TOUCH_BATCH keys the batch's home slots are read first, with nothing depending on the
   * loads (the CPU keeps several misses in flight), then added from the cache, each from the home
   * slot found for its touch. The merging thread's de-duplication of 1M Master.csv calls:
   * 72-110 → 38-53 ms CPU (one by one, then this; alternated in one process).
   */
  duplicatesAmong(keys: Float64Array, length: number): number[] {
    const duplicates: number[] = [];
    if (length > 0 && this.packed) this.unpack(0);
    const homes = HOME_SLOTS;
    let touched = 0;
    for (let from = 0; from < length; from += TOUCH_BATCH) {
      const to = Math.min(length, from + TOUCH_BATCH);
      const slots = this.slots;
      for (let k = from; k < to; k++) {
        const key = keys[k]!;
        const home = slotOf(key, slots.length);
        homes[k - from] = home;
        if (key >= 0) touched += slots[home]!;
      }
      for (let k = from; k < to; k++) {
        const key = keys[k]!;
        if (Number.isNaN(key)) continue;
        // A home slot read before the table grew within this batch is no longer the key's home.
        const fresh = !isTableKey(key) ? this.addOther(key) : this.insert(key + 1, this.slots === slots ? homes[k - from]! : slotOf(key, this.slots.length));
        if (!fresh) duplicates.push(k);
      }
    }
    // Read, so the touching loads are not dropped as dead code; a sum of stored values is never negative.
    if (touched < 0) throw new Error('unreachable');
    return duplicates;
  }

  /** `stored` (a key + 1) put into the table from its home slot on; false when it was there. */
  private insert(stored: number, home: number): boolean {
    const slots = this.slots;
    const count = slots.length;
    for (let i = home; ; i = i + 1 === count ? 0 : i + 1) {
      const v = slots[i]!;
      if (v === stored) return false;
      if (v === EMPTY) {
        slots[i] = stored;
        // `added` has room for `limit` + 1 keys: the table is doubled, and `added` with it, before it could overflow.
        this.added[this.size] = stored;
        if (++this.size > this.limit) this.grow();
        return true;
      }
    }
  }

  /** A number that is no dedupeKey key (offerKey takes any): kept in a plain Set. */
  private addOther(key: number): boolean {
    if (this.others.has(key)) return false;
    this.others.add(key);
    return true;
  }

  /** Slots for `more` keys beyond those held, at TARGET_LOAD. */
  reserve(more: number): void {
    const trusted = more > 0 && more < MAX_RESERVED_KEYS;
    if (this.packed) this.unpack(trusted ? more : 0);
    if (!trusted) return;
    const slots = slotsFor(this.size + more);
    if (slots > this.slots.length) this.rehash(slots);
  }

  /** The table dropped (its 11.4 bytes per key given back now): the keys stay in `added`, 8 bytes each. */
  pack(): void {
    if (this.packed) return;
    this.packed = true;
    releaseNow(this.slots);
    this.slots = new Float64Array(0);
    this.limit = 0;
  }

  /** Bytes held: the table's slots and the keys written to `added` (its room beyond them is never touched, so not resident). */
  byteSize(): number {
    return this.slots.byteLength + this.size * Float64Array.BYTES_PER_ELEMENT;
  }

  private grow(): void {
    this.rehash(this.slots.length * 2);
  }

  /** A table again, from the keys in `added`, with room for `more` keys (at TARGET_LOAD). */
  private unpack(more: number): void {
    this.packed = false;
    this.rehash(slotsFor(this.size + more));
  }

  /** A table of `slotCount` slots holding the keys in `added`, and room in `added` for what it takes. */
  private rehash(slotCount: number): void {
    const old = this.slots;
    const slots = new Float64Array(slotCount);
    touchPages(slots);
    const added = this.added;
    for (let k = 0; k < this.size; k++) {
      const stored = added[k]!;
      let i = slotOf(stored - 1, slotCount);
      while (slots[i] !== EMPTY) i = i + 1 === slotCount ? 0 : i + 1;
      slots[i] = stored;
    }
    this.slots = slots;
    this.limit = Math.floor(slotCount * MAX_LOAD);
    if (added.length <= this.limit) {
      // Room made up front and never written costs address space, not memory: only the keys held are copied.
      this.added = new Float64Array(this.limit + 1);
      this.added.set(added.subarray(0, this.size));
      releaseNow(added);
    }
    // The replaced table is given back now: a 4M-key table is 45 MB.
    releaseNow(old);
  }
}

/**
 * A fresh table's pages written once, in order, before any key comes (one store per 4 KiB page, of
 * the value an empty slot holds: every slot still reads EMPTY). Fresh memory is mapped on first use,
 * and duplicatesAmong reads a batch's home slots before it writes: a page first read is mapped to
 * the shared zero page, and the key's store then faulted a second time, each in random order amid
 * the probes (a 1M-call Master.csv: ~2,900 more page faults per merge, one per page of its table).
 * Called before the table takes its keys (rehash), so no key is overwritten.
 */
function touchPages(slots: Float64Array): void {
  for (let i = 0; i < slots.length; i += SLOTS_PER_PAGE) slots[i] = EMPTY;
}

const SLOTS_PER_PAGE = 4096 / Float64Array.BYTES_PER_ELEMENT;

/** Keys whose home slots are read ahead at once (KeySet.duplicatesAmong): 32 misses' lines fit in L1. */
const TOUCH_BATCH = 32;
/** The home slots of a batch, computed once for its touch and its adds. */
const HOME_SLOTS = new Uint32Array(TOUCH_BATCH);

/** Whether the table takes `key`: dedupeKey's keys, integers in [0, 2^52). */
function isTableKey(key: number): boolean {
  return key >= 0 && key < 2 ** 52 && Number.isInteger(key);
}

/** Slots for `keys` keys at TARGET_LOAD (never fewer than a new table's). */
function slotsFor(keys: number): number {
  return Math.max(INITIAL_SLOTS, Math.ceil(keys / TARGET_LOAD));
}

/**
 * Slot of an integer key in a table of `slotCount` (any count, not only a power of two): both 32-bit
 * halves mixed into a 32-bit hash, read as a fraction of the table. The product h × slotCount is
 * rounded once in a double, so the slot is always the same for the same key and below slotCount
 * (the rounding error, a few units, is far below the slotCount it would take to reach it).
 */
function slotOf(key: number, slotCount: number): number {
  const low = key >>> 0;
  const high = (key / 0x100000000) >>> 0;
  const hash = Math.imul(low ^ Math.imul(high, 0x85ebca6b), 0x9e3779b1) >>> 0;
  return Math.floor(hash * (slotCount / 0x100000000));
}
