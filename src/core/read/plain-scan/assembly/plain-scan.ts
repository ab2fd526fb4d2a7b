// AssemblyScript (compiled by asc, outside tsc and eslint: scripts/build-plain-scan.mjs): the
// tokenizer's plain records (DelimitedTokenizer.readPlainRecords) over bytes in linear memory.
// A 64-bit mask per 64-byte block marks every delimiter, quote, LF, CR and byte past 0x7F (SIMD
// compares, made as the scan reaches the block); the scan visits only those bytes. A byte past 0x7F
// only marks its record as not all ASCII: every byte of a UTF-8 character is past 0x7F, so none is
// a delimiter, a quote or a line end. It stops at the first record that is not plain (a quote left
// open on its line) or that does not end in the bytes (no line end yet, a CR that may be half of a
// CRLF): the tokenizer's byte loop reads it.

const LF: u32 = 10;
const CR: u32 = 13;
const SPACE: u32 = 32;
const PLAIN: u8 = 0;
const ESCAPED: u8 = 1;
/** readRecord: the record does not end in the bytes / is not plain. */
const RAN_OUT: i32 = -1;
const NOT_PLAIN: i32 = -2;
/** Mask blocks made at a time, as the scan reaches them (a scan that stops early made few). */
const MASK_BATCH: i32 = 16;
/** Bytes from here on are past 0x7F. */
const HIGH: u32 = 0x80;

// The bytes loaded (setInput()) and their masks.
let input: usize = 0;
let n: i32 = 0;
/** Where the loaded bytes lie in the caller's: added to every byte index the scan gives. */
let base: i32 = 0;
let masks: usize = 0;
let delim: u32 = 0;
let quote: u32 = 0;
let blocks: i32 = 0;
/** Mask blocks made so far. */
let built: i32 = 0;

// The last scan's output.
let starts: usize = 0;
let ends: usize = 0;
let kinds: usize = 0;
let field: i32 = 0;
let stop: i32 = 0;
let ranOut: bool = false;
/** The record being read has a byte past 0x7F. */
let high: bool = false;

/**
 * The bytes [input, input + n) to scan (the 64 bytes past them must be 0), where they lie in the
 * caller's bytes, the masks' room, and where field bounds go.
 */
export function setInput(inputAt: usize, length: i32, baseAt: i32, masksAt: usize, startsAt: usize, endsAt: usize, kindsAt: usize, delimiter: u32, quoteChar: u32): void {
  input = inputAt;
  n = length;
  base = baseAt;
  masks = masksAt;
  starts = startsAt;
  ends = endsAt;
  kinds = kindsAt;
  delim = delimiter;
  quote = quoteChar;
  blocks = (length + 63) >> 6;
  built = 0;
}

/** Where the last scan stopped: the start of the first record it did not read (base + n: all read). */
export function stopAt(): i32 {
  return base + stop;
}

/** Whether the last scan stopped at a record that does not end in the bytes (else: not plain, or all read). */
export function stoppedAtEnd(): bool {
  return ranOut;
}

/** Masks for blocks [built, to). */
function buildMasks(to: i32): void {
  const vd = i8x16.splat(<u8>delim);
  const vq = i8x16.splat(<u8>quote);
  const vl = i8x16.splat(10);
  const vc = i8x16.splat(13);
  for (let b = built; b < to; b++) {
    const p = input + (<usize>b << 6);
    let m: u64 = 0;
    for (let k = 0; k < 4; k++) {
      const v = v128.load(p + (<usize>k << 4));
      const s = v128.or(v128.or(i8x16.eq(v, vd), i8x16.eq(v, vq)), v128.or(i8x16.eq(v, vl), i8x16.eq(v, vc)));
      // The sign bit of a byte past 0x7F marks it too.
      m |= (<u64>(i8x16.bitmask(s) | i8x16.bitmask(v))) << (<u64>(k << 4));
    }
    store<u64>(masks + (<usize>b << 3), m);
  }
  built = to;
}

// @ts-ignore: decorator
@inline function maskOf(b: i32): u64 {
  if (b >= built) buildMasks(min(blocks, b + MASK_BATCH));
  return load<u64>(masks + (<usize>b << 3));
}

/** The first marked byte at or after `from`; n: none. */
// @ts-ignore: decorator
@inline function nextMarked(from: i32): i32 {
  let b = from >> 6;
  let m = maskOf(b) & (<u64>-1 << (<u64>(from & 63)));
  while (m == 0) {
    b++;
    if (b >= blocks) return n;
    m = maskOf(b);
  }
  const at = (b << 6) + <i32>ctz(m);
  return at < n ? at : n;
}

/** The next delimiter or line end at or after `k` (quotes are text here); n: none. */
// @ts-ignore: decorator
@inline function fieldEnd(k: i32): i32 {
  while (true) {
    k = nextMarked(k);
    if (k >= n) return k;
    const c = <u32>load<u8>(input + k);
    if (c >= HIGH) high = true;
    else if (c != quote) return k;
    k++;
  }
}

// @ts-ignore: decorator
@inline function addField(start: i32, end: i32, kind: u8): void {
  store<i32>(starts + (<usize>field << 2), base + start);
  store<i32>(ends + (<usize>field << 2), base + end);
  store<u8>(kinds + field, kind);
  field++;
}

/** Reads the record at `pos` (fields from `field` on): its end past the line end, or RAN_OUT / NOT_PLAIN. */
// @ts-ignore: decorator
@inline function readRecord(pos: i32): i32 {
  let i = pos;
  while (true) {
    // Spaces before an opening quote are dropped.
    let f = i;
    while (f < n && <u32>load<u8>(input + f) == SPACE) f++;
    let k: i32;
    if (f < n && <u32>load<u8>(input + f) == quote) {
      let escaped = false;
      let q: i32 = f + 1;
      while (true) {
        q = nextMarked(q);
        if (q + 1 >= n) return RAN_OUT; // no closing quote yet, or `"` at the end (maybe `""`)
        const c = <u32>load<u8>(input + q);
        if (c == quote) {
          if (<u32>load<u8>(input + q + 1) != quote) break;
          escaped = true; // `""`: a quote inside the field
          q += 2;
          continue;
        }
        if (c >= HIGH) high = true;
        else if (c != delim) return NOT_PLAIN; // a line end inside the quotes
        q++;
      }
      k = q + 1;
      const after = <u32>load<u8>(input + k);
      if (after != delim && after != LF && after != CR) {
        // Text after the closing quote is kept up to the delimiter (the malformed FreePBX clid).
        k = fieldEnd(k);
        addField(f + 1, k, ESCAPED);
      } else addField(f + 1, escaped ? k : q, escaped ? ESCAPED : PLAIN);
    } else {
      k = fieldEnd(i);
      addField(i, k, PLAIN);
    }
    if (k >= n) return RAN_OUT;
    const c = <u32>load<u8>(input + k);
    if (c == delim) {
      i = k + 1;
      continue;
    }
    if (c == LF) return k + 1;
    if (c != CR) return NOT_PLAIN; // not reached: fieldEnd stops at a delimiter or a line end
    if (k + 1 >= n) return RAN_OUT; // maybe half of a CRLF
    return <u32>load<u8>(input + k + 1) == LF ? k + 2 : k + 1;
  }
}

/**
 * Plain records of the bytes loaded from `from` (base + an offset in them) on, at most maxRecords;
 * returns how many. Field f of them: starts[f], ends[f], kinds[f] (PLAIN / ESCAPED, as the
 * tokenizer's BytesRow reads them); recFirst[r]: record r's first field (recFirst[records]: past the
 * last one's); recEnd[r]: the byte past its line end; recAscii[r]: 1 when every byte of it is
 * ASCII, else 0. Byte indexes are the caller's (base added).
 */
export function scan(from: i32, recFirst: usize, recEnd: usize, recAscii: usize, maxRecords: i32): i32 {
  let pos = from - base;
  let records: i32 = 0;
  field = 0;
  ranOut = false;
  while (pos < n && records < maxRecords) {
    const first = field;
    high = false;
    const end = readRecord(pos);
    if (end < 0) {
      field = first;
      ranOut = end == RAN_OUT;
      break;
    }
    store<i32>(recFirst + (<usize>records << 2), first);
    store<i32>(recEnd + (<usize>records << 2), base + end);
    store<u8>(recAscii + <usize>records, high ? 0 : 1);
    records++;
    pos = end;
  }
  store<i32>(recFirst + (<usize>records << 2), field);
  stop = pos;
  return records;
}
