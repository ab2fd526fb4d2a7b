/**
 * The bytes a tokenizer read rows from, read four at a time, for the readers that compare a
 * field's bytes with a text they remember (a channel's peer, a disposition word, a time's minute):
 * a 32-bit word read from a DataView is one bounds check and one compare, where the same bytes
 * read one by one were four of each, and a loop over a field of a length known only per row ended
 * at a mispredicted branch. 15 bytes of a Master.csv dstchannel compared in Node: 19 ns a row byte
 * by byte, 2 ns as four words.
 */

const NO_BYTES = new Uint8Array(0);

/** The bytes wordsOf was last asked for, and their view: a piece's rows all come from one array. */
let lastBytes: Uint8Array = NO_BYTES;
let lastWords: DataView = new DataView(NO_BYTES.buffer);

/**
 * `bytes` as a DataView (getInt32(at, true): the little-endian word of bytes[at, at + 4)), the same
 * one for every row of the same array. The last array is held until other bytes are read or
 * forgetWords is called (parse-piece.ts, when it lets go of a piece's bytes).
 */
export function wordsOf(bytes: Uint8Array): DataView {
  if (bytes !== lastBytes) {
    lastBytes = bytes;
    lastWords = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  }
  return lastWords;
}

/** Lets go of the bytes wordsOf was last asked for. */
export function forgetWords(): void {
  lastBytes = NO_BYTES;
  lastWords = new DataView(NO_BYTES.buffer);
}

/**
 * The words of a text of 4 or more bytes as keyWordsMatch compares them: one per 4 bytes from its
 * start, the last one ending at its end (overlapping the one before where the length is not a
 * multiple of 4). Empty for a text shorter than 4 bytes.
 */
export function keyWords(key: Uint8Array): Int32Array {
  if (key.length < 4) return new Int32Array(0);
  const view = new DataView(key.buffer, key.byteOffset, key.byteLength);
  const words = new Int32Array(Math.ceil(key.length / 4));
  const last = words.length - 1;
  for (let j = 0; j < last; j++) words[j] = view.getInt32(4 * j, true);
  words[last] = view.getInt32(key.length - 4, true);
  return words;
}

/**
 * The `length` bytes at `start` of `words`' bytes are the key whose keyWords are `key` (of the same
 * length, 4 or more): every byte is in one of the words compared.
 */
export function keyWordsMatch(words: DataView, start: number, key: Int32Array, length: number): boolean {
  const last = key.length - 1;
  for (let j = 0; j < last; j++) if (words.getInt32(start + 4 * j, true) !== key[j]) return false;
  return words.getInt32(start + length - 4, true) === key[last];
}

/**
 * The words of a text of 4 to 12 bytes as shortKeyMatch compares them: at its start, its middle and
 * its end (overlapping where it is shorter than 12 bytes), so that every byte is in one of them.
 */
export function shortKeyWords(key: Uint8Array): Int32Array {
  const words = new Int32Array(3);
  if (key.length < 4 || key.length > 12) return words;
  const view = new DataView(key.buffer, key.byteOffset, key.byteLength);
  words[0] = view.getInt32(0, true);
  words[1] = view.getInt32((key.length - 4) >> 1, true);
  words[2] = view.getInt32(key.length - 4, true);
  return words;
}

/**
 * keyWordsMatch for a key of 4 to 12 bytes, three words whatever its length: for keys of a few
 * lengths met in no order (a file's dispositions), where a loop over a key's words would end at a
 * mispredicted branch.
 */
export function shortKeyMatch(words: DataView, start: number, key: Int32Array, length: number): boolean {
  return words.getInt32(start, true) === key[0] && words.getInt32(start + ((length - 4) >> 1), true) === key[1] && words.getInt32(start + length - 4, true) === key[2];
}
