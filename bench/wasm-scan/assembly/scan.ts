// AssemblyScript (not TypeScript: compiled by asc, outside tsc and eslint). The structural scan of
// DelimitedTokenizer.scanLine over bytes in linear memory: each plain record's field bounds and kinds.
// A 64-bit mask per 64-byte block marks every delimiter, quote, LF and CR (SIMD compares); the scan
// then visits only those bytes. A record that is not plain (a quote left open on its line, a
// record or CR at the end of the bytes) stops the scan: the JS byte loop is the reference for it.
// Measured slower and not kept: quote parity by prefix XOR (simdcsv), visiting only delimiters and
// line ends outside quotes: its per-field checks (quote counts, the closing quote) cost more than
// the quotes it skips on Master.csv (1M rows: 206 vs 177 ms).

const LF: u32 = 10;
const CR: u32 = 13;
const SPACE: u32 = 32;
const PLAIN: u8 = 0;
const ESCAPED: u8 = 1;

let stop: i32 = 0;
let field: i32 = 0;

/** Where the last scan stopped: the start of the first record it did not read (n: all read). */
export function stopAt(): i32 {
  return stop;
}

/** Mark every delimiter, quote, LF and CR of [0, n) (blocks of 64: the 64 bytes past n must be 0). */
function buildMasks(input: usize, n: i32, masks: usize, delim: u8, quote: u8): void {
  const vd = i8x16.splat(delim);
  const vq = i8x16.splat(quote);
  const vl = i8x16.splat(10);
  const vc = i8x16.splat(13);
  const blocks = (n + 63) >> 6;
  for (let b = 0; b < blocks; b++) {
    const p = input + (<usize>b << 6);
    let m: u64 = 0;
    for (let k = 0; k < 4; k++) {
      const v = v128.load(p + (<usize>k << 4));
      const s = v128.or(v128.or(i8x16.eq(v, vd), i8x16.eq(v, vq)), v128.or(i8x16.eq(v, vl), i8x16.eq(v, vc)));
      m |= (<u64>i8x16.bitmask(s)) << (<u64>(k << 4));
    }
    store<u64>(masks + (<usize>b << 3), m);
  }
}

/** The first marked byte at or after `from`; n: none. */
// @ts-ignore: decorator
@inline function nextMarked(masks: usize, from: i32, n: i32): i32 {
  let b = from >> 6;
  let m = load<u64>(masks + (<usize>b << 3)) & (<u64>-1 << (<u64>(from & 63)));
  const blocks = (n + 63) >> 6;
  while (m == 0) {
    b++;
    if (b >= blocks) return n;
    m = load<u64>(masks + (<usize>b << 3));
  }
  const at = (b << 6) + <i32>ctz(m);
  return at < n ? at : n;
}

/** The next delimiter or line end at or after `k` (quotes are text here); n: none. */
// @ts-ignore: decorator
@inline function fieldEnd(input: usize, masks: usize, k: i32, n: i32, delim: u32): i32 {
  while (true) {
    k = nextMarked(masks, k, n);
    if (k >= n) break;
    const c = <u32>load<u8>(input + k);
    if (c == delim || c == LF || c == CR) break;
    k++;
  }
  return k;
}

// @ts-ignore: decorator
@inline function addField(starts: usize, ends: usize, kinds: usize, start: i32, end: i32, kind: u8): void {
  store<i32>(starts + (<usize>field << 2), start);
  store<i32>(ends + (<usize>field << 2), end);
  store<u8>(kinds + field, kind);
  field++;
}

/** Reads the record at `pos` (fields from `field` on); its end past the line end, or -1 when it is not plain. */
// @ts-ignore: decorator
@inline function readRecord(input: usize, n: i32, masks: usize, starts: usize, ends: usize, kinds: usize, pos: i32, delim: u32, quote: u32): i32 {
  let i = pos;
  while (true) {
    // Spaces before an opening quote are dropped.
    let f = i;
    while (f < n && <u32>load<u8>(input + f) == SPACE) f++;
    if (f >= n) return -1;
    let k: i32;
    if (<u32>load<u8>(input + f) == quote) {
      let escaped = false;
      let j = f + 1;
      let q: i32;
      while (true) {
        q = nextMarked(masks, j, n);
        if (q >= n) return -1;
        const c = <u32>load<u8>(input + q);
        if (c == quote) {
          if (q + 1 >= n) return -1; // might be `""` across the seam
          if (<u32>load<u8>(input + q + 1) != quote) break;
          escaped = true; // `""`: a quote inside the field
          j = q + 2;
          continue;
        }
        if (c == LF || c == CR) return -1; // the quote does not close on its line
        j = q + 1; // a delimiter inside the quotes
      }
      k = q + 1;
      if (k >= n) return -1;
      const after = <u32>load<u8>(input + k);
      if (after != delim && after != LF && after != CR) {
        // Text after the closing quote is kept up to the delimiter (the malformed FreePBX clid).
        k = fieldEnd(input, masks, k, n, delim);
        if (k >= n) return -1;
        addField(starts, ends, kinds, f + 1, k, ESCAPED);
      } else if (escaped) addField(starts, ends, kinds, f + 1, k, ESCAPED);
      else addField(starts, ends, kinds, f + 1, q, PLAIN);
    } else {
      k = fieldEnd(input, masks, i, n, delim);
      if (k >= n) return -1;
      addField(starts, ends, kinds, i, k, PLAIN);
    }
    const c = <u32>load<u8>(input + k);
    if (c == delim) {
      i = k + 1;
      continue;
    }
    let end = k + 1;
    if (c == CR) {
      if (end >= n) return -1; // maybe CRLF across the seam
      if (<u32>load<u8>(input + end) == LF) end++;
    }
    return end;
  }
}

/**
 * Plain records of [0, n) from the start, at most maxRecords; returns how many. recFirst[r]: record
 * r's first field (recFirst[records]: past the last one's); recEnd[r]: the byte past its line end.
 */
export function scan(input: usize, n: i32, masks: usize, starts: usize, ends: usize, kinds: usize, recFirst: usize, recEnd: usize, delim: u32, quote: u32, maxRecords: i32): i32 {
  buildMasks(input, n, masks, <u8>delim, <u8>quote);
  let pos: i32 = 0;
  let records: i32 = 0;
  field = 0;
  while (pos < n && records < maxRecords) {
    const first = field;
    const end = readRecord(input, n, masks, starts, ends, kinds, pos, delim, quote);
    if (end < 0) {
      field = first;
      break;
    }
    store<i32>(recFirst + (<usize>records << 2), first);
    store<i32>(recEnd + (<usize>records << 2), end);
    records++;
    pos = end;
  }
  store<i32>(recFirst + (<usize>records << 2), field);
  stop = pos;
  return records;
}
