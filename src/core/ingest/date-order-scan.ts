/**
 * The day/month order of a file's start times, found before its rows are parsed. A parser decides
 * the order from the rows it has read (asterisk/date-order.ts, generic/parser.ts): it holds at most
 * 20,000 rows whose start reads both ways (`03/04/2015`) waiting for one that proves it, and a piece
 * of a big file sees only its own rows. A spreadsheet's day-first March whose first 12 days hold
 * more rows than that read them month first (22,581 of 120,000 calls in April to December), and a
 * piece whose rows all have days ≤ 12 did so without a word.
 *
 * So when the sniff sample's start times read both ways and prove nothing, the start column alone
 * (a note could hold any date) is scanned from the file's first byte to the first start that reads
 * one way only, and every parser of the file, each piece's too, starts with that proof
 * (ParserInit.provenDateOrder). A sample that proves an order gives it at once; a file whose starts
 * are not such dates (ISO times, epochs: nearly every file) is not scanned at all.
 */
import type { FormatModule, ParserInit, ProvenDateOrder, SniffSample } from '../formats/format-module';
import { parseOrderFreeWallTime, parseWallTime, type DateOrder } from '../model/wall-time';
import { DelimitedTokenizer } from '../read/delimited-tokenizer';
import { rowOf, type Row } from '../read/row';
import type { TextEncodingName } from '../read/text-encoding';
import { windows1252ToUtf8 } from '../read/windows-1252';

/**
 * How a start reads: in one order only (it proves that order, as DateOrderResolver counts a proof),
 * 'either' (two different times), or null (not a time, or one whatever the order: `2015-03-24 09:00:00`, `03/03/2015`).
 */
export function startOrderOf(text: string): DateOrder | 'either' | null {
  if (parseOrderFreeWallTime(text) !== null) return null;
  const dmy = parseWallTime(text, 'dmy');
  const mdy = parseWallTime(text, 'mdy');
  if (Number.isNaN(dmy)) return Number.isNaN(mdy) ? null : 'mdy';
  if (Number.isNaN(mdy)) return 'dmy';
  return dmy === mdy ? null : 'either';
}

/**
 * The field of the file's start times, as its parser reads it after the file's first row (a
 * header names the columns of some formats); null: the format has none to read alone.
 */
export function startFieldOf(module: FormatModule, init: ParserInit, sample: SniffSample): number | null {
  if (module.syntax !== 'delimited') return null;
  const first = sample.rows[0];
  if (!first) return null;
  try {
    const probe = module.createParser(init);
    if (!probe.startField) return null;
    probe.parse(rowOf(first), 1);
    return probe.startField();
  } catch {
    return null;
  }
}

/**
 * What the sample's start times say: 'proven', the first of them that reads one way only (no start
 * reads the other way only); 'open', some read both ways and none proves an order (the file is
 * scanned); 'nothing', no start reads both ways, or both orders are proven (the parser's own
 * handling stands).
 */
export type SampleStarts = { kind: 'proven'; proven: ProvenDateOrder } | { kind: 'open' } | { kind: 'nothing' };

export function sampleStarts(rows: readonly (readonly string[])[], startField: number): SampleStarts {
  let first: ProvenDateOrder | null = null;
  let against = false;
  let either = false;
  for (const row of rows) {
    const text = row[startField];
    if (text === undefined) continue;
    const order = startOrderOf(text);
    if (order === 'either') either = true;
    else if (order !== null) {
      first ??= { order, proof: text.trim() };
      if (order !== first.order) against = true;
    }
  }
  if (first) return against ? { kind: 'nothing' } : { kind: 'proven', proven: first };
  return either ? { kind: 'open' } : { kind: 'nothing' };
}

export interface StartScanOptions {
  startField: number;
  delimiter: string;
  quotedNewlines: boolean;
  encoding: TextEncodingName;
  signal?: AbortSignal;
}

export interface StartScanOutcome {
  /** The file's first start that reads one way only; null: none in the bytes scanned. */
  proven: ProvenDateOrder | null;
  /** Bytes of text scanned (up to the chunk that held the proof). */
  bytes: number;
}

/**
 * The file's text bytes from its first (a fresh read: the rows are parsed after) → its first start
 * that reads one way only. Rows go through the DelimitedTokenizer as when parsed; of each, only the
 * start field's first bytes are looked at: `dd/mm/` with both numbers ≤ 12 proves nothing and makes
 * no string. Stops at the first proof, or when `signal` aborts (rejects with its reason).
 */
export async function scanStartOrder(chunks: AsyncIterator<Uint8Array>, options: StartScanOptions): Promise<StartScanOutcome> {
  const { startField, signal } = options;
  const tokenizer = new DelimitedTokenizer({ delimiter: options.delimiter, quotedNewlines: options.quotedNewlines });
  const toUtf8 = utf8Of(options.encoding);
  const outcome: StartScanOutcome = { proven: null, bytes: 0 };
  // The rest of a chunk after the proof is still tokenized: a check per row, no string.
  const sink = (row: Row): void => {
    outcome.proven ??= proofIn(row, startField);
  };
  for (;;) {
    signal?.throwIfAborted();
    const next = await chunks.next();
    if (next.done) break;
    // A UTF-8 byte order mark would hide the first field of a headerless file's first row.
    const chunk = outcome.bytes === 0 && startsWithUtf8Bom(next.value, options.encoding) ? next.value.subarray(3) : next.value;
    outcome.bytes += next.value.length;
    tokenizer.push(toUtf8(chunk, false), sink);
    if (outcome.proven !== null) return outcome;
  }
  tokenizer.push(toUtf8(new Uint8Array(0), true), sink);
  tokenizer.end(sink);
  return outcome;
}

function startsWithUtf8Bom(bytes: Uint8Array, encoding: TextEncodingName): boolean {
  return encoding === 'utf-8' && bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf;
}

/** The row's start, when it reads one way only. */
function proofIn(row: Row, field: number): ProvenDateOrder | null {
  const start = row.byteStart(field);
  // A field not there as it is (a quoted `""` inside): read as text; rare.
  if (start >= 0 && !mayProve(row.bytes, start, row.byteEnd(field))) return null;
  const text = row.field(field);
  const order = startOrderOf(text);
  return order === 'dmy' || order === 'mdy' ? { order, proof: text.trim() } : null;
}

const DIGIT_0 = 48;

/**
 * bytes[start, end) may be a start that reads one way only: `a/b/…` (or `-`, `.`) with a or b
 * above 12, spaces before. Anything else (an ISO time, an epoch, `03/04/2015`) cannot be.
 */
function mayProve(bytes: Uint8Array, start: number, end: number): boolean {
  let i = start;
  while (i < end && bytes[i] === 32) i++;
  let a = 0;
  let b = 0;
  for (let part = 0; part < 2; part++) {
    let value = 0;
    let digits = 0;
    for (; i < end && digits < 3; i++, digits++) {
      const d = bytes[i]! - DIGIT_0;
      if (d < 0 || d > 9) break;
      value = value * 10 + d;
    }
    if (digits === 0 || digits > 2 || i >= end) return false;
    const sep = bytes[i++];
    if (sep !== 0x2f && sep !== 0x2d && sep !== 0x2e) return false;
    if (part === 0) a = value;
    else b = value;
  }
  return a > 12 || b > 12;
}

/** The file's bytes as the tokenizer reads them (UTF-8), as ParseRows makes them; `last`: no more follow. */
function utf8Of(encoding: TextEncodingName): (bytes: Uint8Array, last: boolean) => Uint8Array {
  if (encoding === 'utf-8') return (bytes) => bytes;
  if (encoding === 'windows-1252') return (bytes) => windows1252ToUtf8(bytes);
  const decoder = new TextDecoder(encoding);
  const encoder = new TextEncoder();
  return (bytes, last) => encoder.encode(decoder.decode(bytes, { stream: !last }));
}
