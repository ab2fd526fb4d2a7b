/**
 * A text kept beyond the piece or chunk it was read from, as a string of its own. A field read
 * from a chunk is a slice of the chunk's decoded text, and V8 keeps a slice as a view of its
 * parent: one call id kept from each 4 MiB piece held every piece's whole text alive (in Node the
 * 1M-call Master.csv read kept 250 MB of decoded file behind 250,000 call ids). Concatenating
 * makes V8 copy the characters into a new flat string when it is sliced again, so the result no
 * longer refers to the chunk. Only for texts kept a long time and added rarely (a store's call
 * ids, its trunk and reason names, a memo's keys): it costs a copy.
 */
export function ownText(text: string): string {
  return text.length < SLICE_MIN_LENGTH ? text : (' ' + text).slice(1);
}

/** V8 copies substrings shorter than this instead of making a slice (SlicedString::kMinLength). */
const SLICE_MIN_LENGTH = 13;
