/**
 * Texts kept beyond the piece or chunk they were read from, as strings of their own. A field read
 * from a chunk is a slice of the chunk's decoded text, and V8 keeps a slice as a view of its
 * parent: one call id kept from each 4 MiB piece held every piece's whole text alive (in Node the
 * 1M-call Master.csv read kept 250 MB of decoded file behind 250,000 call ids). Texts that came
 * through postMessage (a piece worker's) are copies already; the rest is copied here.
 */
import { CALL_COLUMN_LIST, type CallColumnName, type KeptColumnName } from './call-columns';
import type { ColumnsSnapshot } from './call-store';

/**
 * `text` as a string of its own: `text + ' '` is a pair of strings that V8 copies into one new
 * string when it is sliced, and the slice keeps only that copy (one character longer), not the
 * chunk `text` was a slice of. Exact for any string, lone surrogates included; ~55 ns for a
 * 13-character call id, where the JSON round trip it replaces took ~1 µs (2M slices in Node), so
 * it may run once per call kept.
 */
export function ownText(text: string): string {
  return text.length < SLICE_MIN_LENGTH ? text : (text + ' ').slice(0, -1);
}

/** V8 copies substrings shorter than this instead of making a slice (SlicedString::kMinLength). */
const SLICE_MIN_LENGTH = 13;

/**
 * Calls parsed in this thread (one pass, or pieces parsed in-process) with every text of their
 * interned columns (trunk and reason names) made a string of its own before a store keeps them (a
 * kept column's texts are code units copied into a pack, no strings: kept-texts.ts).
 */
export function withOwnTexts<T extends { calls: ColumnsSnapshot }>(parsed: T): T {
  const texts = parsed.calls.texts;
  for (const [name, column] of CALL_COLUMN_LIST) {
    if (column.kind !== 'interned') continue;
    const interned = name as Exclude<CallColumnName, KeptColumnName>;
    texts[interned] = texts[interned].map(ownText);
  }
  return parsed;
}
