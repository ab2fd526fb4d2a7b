/**
 * The parse stage of the ingest pipeline, the only place that tokenizes and routes rows: bytes of
 * one file (all of it in one pass, or one piece in a piece worker) → the DelimitedTokenizer over
 * UTF-8 bytes (a file in another encoding is decoded and re-encoded first), or decoded text → the
 * parser's own tokenizer (SQL dumps) → the format's RowParser → the row accounting,
 * the calls written into columns (a CallStore) with their lines and de-duplication keys. What it
 * hands over (ParsedCalls) goes through mergeCalls (pieces/merge-piece.ts), the only merge.
 */
import { CallValues, freshArray, INTERNED_OVERFLOW_ID, type ArrayMaker, type KeptColumnName } from '../analysis/call-columns';
import { CallStore, DIRECTIONS, OUTCOMES, type ColumnsSnapshot } from '../analysis/call-store';
import type { KeptRoom } from '../analysis/kept-texts';
import { tallyTrunks, type TrunkTally } from '../analysis/trunk-summary';
import type { FormatCapabilities, RowParser, RowTokenizer } from '../formats/format-module';
import type { CallRecord } from '../model/call-record';
import { windows1252ToUtf8 } from '../read/windows-1252';
import { DelimitedTokenizer } from '../read/delimited-tokenizer';
import type { Row } from '../read/row';
import type { TextEncodingName } from '../read/text-encoding';
import { dedupeKeyOf, dedupeKeyOfValues, textWord } from './call-deduper';
import { releaseHeld, routeRow } from './route-row';
import { RowAccounting } from './row-accounting';

/**
 * Calls in columns, each with its line (1-based: its first row's) and de-duplication key (NaN:
 * none), and the calls counted per trunk (under the columns' own trunk and reason ids).
 */
export interface ParsedCalls {
  calls: ColumnsSnapshot;
  lines: Uint32Array;
  dedupeKeys: Float64Array;
  /**
   * The calls that stand for more than one row of the file (a Kamailio call folded from its INVITE
   * rows and BYE, HeldRecord), as pairs: the call's index, its rows. Every other call is one row.
   * Few calls of few formats have any, so a list, not a column every call pays for. Absent: none.
   */
  foldedRows?: number[];
  tally: TrunkTally;
  /** Calls per direction (index into DIRECTIONS; a code past it counted as unknown). */
  directions: number[];
}

/** The calls `rows` (all of the first `length` when absent) counted per direction code. */
export function countDirections(direction: Uint8Array, length: number, rows?: Uint32Array): number[] {
  const counts = new Array<number>(DIRECTIONS.length).fill(0);
  const n = rows ? rows.length : length;
  for (let j = 0; j < n; j++) {
    const d = direction[rows ? rows[j]! : j]!;
    // A code past DIRECTIONS reads as unknown (CallStore.directionOf).
    counts[d < counts.length ? d : 0]!++;
  }
  return counts;
}

export interface ParseRowsOptions {
  /** The parser the rows go to: the file's own in one pass, a fresh one per piece. */
  parser: RowParser;
  delimiter: string;
  quotedNewlines: boolean;
  encoding: TextEncodingName;
  /** Bytes after the file's first (a piece but the first): a leading U+FEFF is text there, not a byte order mark. */
  midFile?: boolean;
  /** The bytes begin inside a line that a previous piece reported overlong (PieceJob.startsInsideLine). */
  startsInsideLine?: boolean;
  /** Calls held in columns before they are handed to onCalls (one pass: the file's calls are merged as they come, not held twice). */
  callsPerBatch?: number;
  onCalls?: (batch: ParsedCalls) => void;
  /** Every record as the parser made it, before de-duplication (tests and tools that want whole records). */
  onRecord?: (record: CallRecord) => void;
  /** Expected calls (about a call per 128 bytes), to size the columns. */
  expectedCalls?: number;
  /** Where the first columns come from (a piece's: its thread's spares, spare-columns.ts); fresh arrays when absent. */
  arrays?: ArrayMaker;
  /** Room for each kept-text column's texts (call ids) made up front; grown as they come when absent or short. */
  expectedKeptTexts?: KeptRoom;
  /** Kept-text columns whose texts are not kept at all (PieceJob.keptFull: the drop's store keeps no more). */
  keptFull?: readonly KeptColumnName[];
}

export class ParseRows {
  readonly accounting = new RowAccounting();
  /** The line of the last row read (for "reading stopped after line N"). */
  lastLine = 0;
  private readonly parser: RowParser;
  /** Exactly one of the two: the parser's own tokenizer over text, or the delimited one over bytes. */
  private readonly textTokenizer: RowTokenizer | null;
  private readonly tokenizer: DelimitedTokenizer | null;
  /** Null for UTF-8 bytes read by the DelimitedTokenizer as they are. */
  private readonly decoder: TextDecoder | null;
  /** Bytes of a single-byte encoding to UTF-8 bytes (no decoder then); null: none. */
  private readonly transcode: ((bytes: Uint8Array) => Uint8Array) | null;
  private readonly encoder = new TextEncoder();
  /** The first bytes of the file, held until a UTF-8 byte order mark can be told (and dropped). */
  private head: Uint8Array | null;
  private store: CallStore;
  /** Per call of `store`: its line and de-duplication key (grown with it). */
  private lines: Uint32Array;
  private keys: Float64Array;
  /** ParsedCalls.foldedRows of the calls in `store`. */
  private foldedRows: number[] = [];
  private readonly sink = (row: Row, line: number): void => {
    this.lastLine = line;
    routeRow(this.parser, row, line, this.accounting, this.deliver, this.values, this.deliverValues);
  };
  /**
   * Where a parser may write a call's columns itself (CallValues), with no CallRecord made; null
   * when every record is wanted (onRecord).
   */
  private readonly values: CallValues | null;
  private readonly deliver = (record: CallRecord, line: number, countsAsRow: boolean, rows: number): void => {
    // Counted as used here; the merge reclassifies the call if it turns out to be a duplicate.
    if (countsAsRow) this.accounting.use();
    if (this.onRecord) this.onRecord(record);
    const i = this.store.length;
    if (i === this.lines.length) this.growLineColumns();
    const store = this.store;
    store.add(record);
    this.lines[i] = line;
    if (rows !== 1) this.foldedRows.push(i, rows);
    this.keys[i] = dedupeKeyOf(record, this.trunkWords.of(store.trunk[i]!, record.trunk), OUTCOME_WORDS[store.outcome[i]!] ?? textWord(record.outcome), this.reasonWords.of(store.reason[i]!, record.reason));
    if (this.store.length >= this.batchLimit) this.options.onCalls?.(this.takeCalls());
  };

  /** deliver() for a call the parser wrote into the store itself, its last (`values`: an outbound or inbound call, see dedupeKeyOfValues). */
  private readonly deliverValues = (v: CallValues, line: number): void => {
    const store = this.store;
    const i = store.length - 1;
    if (i === this.lines.length) this.growLineColumns();
    this.lines[i] = line;
    const sipCode = store.sipCode[i]!;
    this.keys[i] = dedupeKeyOfValues(v, store.direction[i] === INBOUND, store.startMs[i]!, sipCode === 0 ? null : sipCode, this.trunkWords.of(store.trunk[i]!, v.trunk), OUTCOME_WORDS[store.outcome[i]!]!, this.reasonWords.of(store.reason[i]!, v.reason));
    if (this.store.length >= this.batchLimit) this.options.onCalls?.(this.takeCalls());
  };

  /** The de-duplication words of the store's trunk and reason texts, by their ids in the store. */
  private trunkWords = new WordsById();
  private reasonWords = new WordsById();
  private readonly onRecord: ((record: CallRecord) => void) | undefined;
  /** Calls after which the columns are handed to onCalls (never without it). */
  private readonly batchLimit: number;

  constructor(private readonly options: ParseRowsOptions) {
    this.parser = options.parser;
    this.onRecord = options.onRecord;
    this.batchLimit = options.onCalls ? (options.callsPerBatch ?? Infinity) : Infinity;
    this.textTokenizer = options.parser.tokenizer ?? null;
    this.tokenizer = this.textTokenizer ? null : new DelimitedTokenizer({ delimiter: options.delimiter, quotedNewlines: options.quotedNewlines });
    if (options.startsInsideLine) this.tokenizer?.startInsideOverlongLine();
    const bytesAsTheyAre = this.tokenizer !== null && options.encoding === 'utf-8';
    // Windows-1252 for the byte tokenizer: transcoded byte to byte, no string between (windows-1252.ts).
    this.transcode = this.tokenizer !== null && options.encoding === 'windows-1252' ? windows1252ToUtf8 : null;
    this.decoder = bytesAsTheyAre || this.transcode ? null : new TextDecoder(options.encoding, { ignoreBOM: options.midFile ?? false });
    this.head = bytesAsTheyAre && !options.midFile ? new Uint8Array(0) : null;
    const make = options.arrays ?? freshArray;
    this.store = new CallStore(this.storeCapacity(), make, options.expectedKeptTexts, options.keptFull);
    this.values = options.onRecord ? null : new CallValues(this.store);
    this.lines = make(Uint32Array, this.storeCapacity());
    this.keys = make(Float64Array, this.storeCapacity());
  }

  /**
   * The next bytes of the text, in order. `last`: no bytes follow (a piece read whole), so they are
   * decoded in one call, not as a stream (the faster decoder, and fewer strings to collect).
   */
  push(bytes: Uint8Array, last = false): void {
    if (this.head) {
      bytes = this.dropByteOrderMark(bytes, last);
      if (bytes.length === 0) return;
    }
    if (this.transcode) this.tokenizer!.push(this.transcode(bytes), this.sink);
    else if (!this.decoder) this.tokenizer!.push(bytes, this.sink);
    else this.pushText(this.decoder.decode(bytes, { stream: !last }));
  }

  private pushText(text: string): void {
    if (this.textTokenizer) this.textTokenizer.push(text, this.sink);
    else this.tokenizer!.push(this.encoder.encode(text), this.sink);
  }

  /** The file's first bytes without a UTF-8 byte order mark (held back until three are in). */
  private dropByteOrderMark(bytes: Uint8Array, last: boolean): Uint8Array {
    const head = this.head!;
    const joined = head.length === 0 ? bytes : concatTwo(head, bytes);
    if (joined.length < 3 && !last && isBomPrefix(joined)) {
      this.head = joined;
      return new Uint8Array(0);
    }
    this.head = null;
    return joined.length >= 3 && isBomPrefix(joined) ? joined.subarray(3) : joined;
  }

  /**
   * End of the bytes: the last row, then the records the parser held back and its late skips.
   * `insideLine`: the bytes stop inside a line too long for a piece (PieceJob.endsInsideLine).
   */
  end(insideLine = false): void {
    if (this.head && this.head.length > 0) this.tokenizer!.push(this.dropByteOrderMark(new Uint8Array(0), true), this.sink);
    const tail = this.decoder?.decode() ?? '';
    if (tail) this.pushText(tail);
    if (this.textTokenizer) this.textTokenizer.end(this.sink);
    else if (insideLine) this.tokenizer!.endInsideOverlongLine();
    else this.tokenizer!.end(this.sink);
    this.releaseHeld();
  }

  /**
   * The records the parser held back, handed on (end() does, at the end of the bytes); alone, with
   * no bytes read: rows a parser kept past its file's end for the drop's date order (ingest-file.ts).
   */
  releaseHeld(): void {
    releaseHeld(this.parser, this.accounting, this.deliver);
  }

  /**
   * The calls parsed since the last take, handed over (the columns start empty again): views of
   * the columns they were written into, cut to their length. In batches (one pass) they are merged
   * before the next row is read; a piece's are its result, whose buffers a worker transfers with
   * the room left past the calls: about an eighth when the piece is as dense as the last one its
   * thread parsed (expectedCalls); more in a thread's first piece (a call per 128 bytes: ~55 % of
   * a Master.csv piece's columns) or a sparser one; up to half in one that outgrew its columns
   * (they doubled). Transient: the merge copies the calls and gives the buffers back. Copying them
   * out here instead cost a piece worker an allocation and a copy of every column per piece and
   * the release of the columns copied (1M Master.csv: ~55 ms of ~1,020 in a Chromium profile of
   * piece-cpu).
   */
  takeCalls(): ParsedCalls {
    const columns = this.takeColumns();
    // Counted here, where the calls are parsed, not by the merge.
    return { ...columns, tally: tallyTrunks(columns.calls.arrays, columns.calls.length) };
  }

  /** takeCalls without the tally: a piece's thread tallies its calls in its one pass over them (piece-counts.ts). */
  takeColumns(): Omit<ParsedCalls, 'tally'> {
    const n = this.store.length;
    const batches = this.options.callsPerBatch !== undefined;
    const batch = {
      calls: this.store.snapshot(true),
      lines: this.lines.subarray(0, n),
      dedupeKeys: this.keys.subarray(0, n),
      foldedRows: this.foldedRows,
      directions: countDirections(this.store.direction, n),
    };
    // Fresh columns for the next batch; a piece's single take needs none (it is read to its end).
    const capacity = batches ? this.storeCapacity() : 1;
    this.store = new CallStore(capacity, freshArray, undefined, this.options.keptFull);
    if (this.values) this.values.store = this.store;
    this.trunkWords = new WordsById();
    this.reasonWords = new WordsById();
    this.lines = new Uint32Array(capacity);
    this.keys = new Float64Array(capacity);
    this.foldedRows = [];
    return batch;
  }

  /** Lets go of the bytes read, for parse objects kept after their input (parse-piece.ts). */
  releaseInput(): void {
    this.tokenizer?.releaseInput();
    if (this.values) this.values.bytes = NO_BYTES;
  }

  private growLineColumns(): void {
    const lines = new Uint32Array(this.lines.length * 2);
    lines.set(this.lines);
    this.lines = lines;
    const keys = new Float64Array(this.keys.length * 2);
    keys.set(this.keys);
    this.keys = keys;
  }

  /** Line ends consumed so far: the next bytes' first line is this many lines further on. */
  get lineCount(): number {
    return this.tokenizer ? this.tokenizer.nextLine - 1 : this.lastLine;
  }

  /** Records cut because a line was absurdly long, and records whose quote never closed (first lines). */
  tokenizerReport(): { overlongLines: number; unclosedQuotes: { count: number; firstLines: number[] } } {
    const t = this.tokenizer;
    if (!t) return { overlongLines: 0, unclosedQuotes: { count: 0, firstLines: [] } };
    return { overlongLines: t.overlongCount, unclosedQuotes: { count: t.unclosedQuoteCount, firstLines: [...t.unclosedQuotes] } };
  }

  /** What the parser saw of the file's capabilities (a parser that throws here shows none). */
  capabilities(): FormatCapabilities {
    try {
      return this.parser.capabilities();
    } catch {
      return NO_CAPABILITIES;
    }
  }

  private storeCapacity(): number {
    const wanted = Math.min(this.options.callsPerBatch ?? Infinity, this.options.expectedCalls ?? Infinity);
    return wanted === Infinity ? 1024 : Math.max(1024, wanted);
  }
}

/** The direction code of an inbound call (its de-duplication key leaves out its destination and result: dedupeKey). */
const INBOUND = DIRECTIONS.indexOf('inbound');
/** textWord of each outcome, by its index in OUTCOMES (the store's outcome column). */
const OUTCOME_WORDS: readonly number[] = OUTCOMES.map(textWord);

/**
 * textWord of an interned column's texts by their id in one store: a text's word is looked up once,
 * not per call. The overflow id stands for many texts, so its calls look theirs up each time.
 */
class WordsById {
  private readonly words: number[] = [];
  of(id: number, text: string): number {
    if (id === INTERNED_OVERFLOW_ID) return textWord(text);
    return (this.words[id] ??= textWord(text));
  }
}

export const NO_CAPABILITIES: FormatCapabilities = { sipCodes: false, separates503From603: false, hasEndTimes: false, hasTrunk: false };

const BOM = [0xef, 0xbb, 0xbf] as const;
const NO_BYTES = new Uint8Array(0);

/** The bytes are the start of (or all of) a UTF-8 byte order mark. */
function isBomPrefix(bytes: Uint8Array): boolean {
  for (let i = 0; i < Math.min(3, bytes.length); i++) if (bytes[i] !== BOM[i]) return false;
  return true;
}

function concatTwo(a: Uint8Array, b: Uint8Array): Uint8Array {
  const out = new Uint8Array(a.length + b.length);
  out.set(a, 0);
  out.set(b, a.length);
  return out;
}
