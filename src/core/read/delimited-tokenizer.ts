/**
 * Streaming splitter for delimited text (CSV, TSV, `;` and `|` files) over UTF-8 bytes, tolerant the
 * way real CDR writers need:
 * - LF, CRLF and CR-only line endings (Excel on old Macs writes CR only), also across chunk seams.
 * - RFC 4180 quotes with doubled `""`, and the malformed pre-2014 FreePBX clid `"User 10" <114>`:
 *   after a closing quote, text up to the next delimiter is kept (as Python's csv module does).
 * - Spaces before an opening quote (FreeSWITCH `sql`/`snom` templates write `", "`) are dropped.
 * - `quotedNewlines: false` (CDR writers never escape newlines): a line end always ends the record,
 *   so one stray quote can never swallow the rest of the file. Generic CSV allows quoted newlines;
 *   there a quote still open at the end of the input, or past the longest record, would swallow
 *   every later row: that record is read again with its quote closed at its own line end, the rows
 *   after it are read as usual, and its line is reported (unclosedQuotes).
 * It records where each field starts and ends; the parser gets a Row view and a field becomes a
 * string only when asked for (BytesRow). Records on one line are read by a WebAssembly kernel
 * that visits only the bytes a decision needs (readPlainRecords, plain-scan/); every other record
 * (a quoted field across lines) by the full loop over its bytes. Delimiter, quote and line ends are ASCII, so
 * they never occur inside a UTF-8 multi-byte sequence. Only the current unfinished record is carried between chunks.
 */
import { parseCanonicalBytes, parseOrderFreeWallTime } from '../model/wall-time';
import { isPrintableAscii } from './byte-texts';
import { PLAIN_SCAN_BLOCK_BYTES, plainScanKernel, type PlainScanKernel } from './plain-scan/plain-scan';
import { MAX_WHOLE_DIGITS, wholeNumberOf, type RecordSink, type Row } from './row';

export interface TokenizerOptions {
  delimiter: string;
  quote?: string;
  quotedNewlines?: boolean;
  /** A record longer than this is cut and reported as overlong (binary or runaway input). */
  maxRecordBytes?: number;
  /**
   * false: every record is read by the full byte loop, none by readPlainRecords (the oracle the
   * plain reading is tested against; both give the same records).
   */
  plainRecords?: boolean;
}

export interface OverlongRecord {
  line: number;
}

/** Bytes scanned at a time (push). */
const SCAN_WINDOW_BYTES = 1 << 16;
export const DEFAULT_MAX_RECORD_BYTES = 1 << 20; // 1 MiB: far above any CDR row (Asterisk caps at 1024 bytes)
const LF = 10;
const CR = 13;
const SPACE = 32;
const EMPTY = new Uint8Array(0);

/** How a field's bytes become its text. */
const PLAIN = 0; // the bytes [start, end) as they are
const ESCAPED = 1; // [start, end) begins inside a quote: `""` pairs, a closing quote, raw text after it

/** `ignoreBOM`: a U+FEFF inside the bytes is text (the file's byte order mark was dropped before). */
const utf8 = new TextDecoder('utf-8', { ignoreBOM: true });

export class DelimitedTokenizer {
  private readonly delim: number;
  private readonly quote: number;
  private readonly quotedNewlines: boolean;
  private readonly maxRecordBytes: number;
  /** Bytes of the unfinished record carried from the previous chunk. */
  private carry: Uint8Array = EMPTY;
  /** 1-based line number where `carry` starts. */
  private line = 1;
  /** Records cut because they exceeded maxRecordBytes (their start lines). */
  readonly overlong: OverlongRecord[] = [];
  overlongCount = 0;
  /** First lines (up to 10) of records whose quote never closed and was closed at the line end. */
  readonly unclosedQuotes: number[] = [];
  unclosedQuoteCount = 0;
  /** The next record closes an open quote at its line end (set when it would swallow the rest). */
  private closeQuoteAtLineEnd = false;
  private lastUnclosedLine = 0;
  /**
   * An overlong record was cut and its line has not ended yet: the following chunks are dropped up
   * to the next line end by a native search, not scanned (an endless line must cost what reading it
   * costs, and its tail must not come back as a record of its own).
   */
  private droppingToLineEnd = false;
  /** The record being delivered: fields of `view` (refilled per record). */
  private readonly view: BytesRow;
  private readonly plainRecords: boolean;
  /** The bytes whose block [loadedFrom, loadedTo) the kernel holds, as of its load number loadedAt (null: none). */
  private loadedBytes: Uint8Array | null = null;
  private loadedFrom = 0;
  private loadedTo = 0;
  private loadedAt = -1;

  constructor(options: TokenizerOptions) {
    if (options.delimiter.length !== 1) throw new Error('delimiter must be one character');
    const delim = options.delimiter.charCodeAt(0);
    const quote = (options.quote ?? '"').charCodeAt(0);
    if (delim > 127 || quote > 127) throw new Error('delimiter and quote must be ASCII');
    this.delim = delim;
    this.quote = quote;
    this.quotedNewlines = options.quotedNewlines ?? false;
    this.maxRecordBytes = options.maxRecordBytes ?? DEFAULT_MAX_RECORD_BYTES;
    // Without the kernel (an engine that cannot compile it) the byte loop reads every record.
    this.plainRecords = (options.plainRecords ?? true) && plainScanKernel() !== null;
    this.view = new BytesRow(quote);
  }

  /**
   * The bytes begin inside a line already cut as overlong (a piece that starts in the middle of an
   * endless line): drop them up to the first line end, as one pass does.
   */
  startInsideOverlongLine(): void {
    this.droppingToLineEnd = true;
  }

  /**
   * The bytes end inside a line that goes on beyond them for longer than a piece may hold (the next
   * piece starts inside it): report the unfinished record overlong instead of reading it as a row.
   * Call instead of end().
   */
  endInsideOverlongLine(): void {
    if (!this.droppingToLineEnd && this.carry.length > 0) {
      this.overlongCount++;
      if (this.overlong.length < 10) this.overlong.push({ line: this.line });
    }
    this.carry = EMPTY;
    this.droppingToLineEnd = false;
  }

  /** The line the next record starts on: after end(), 1 + the line ends consumed. */
  get nextLine(): number {
    return this.line;
  }

  /**
   * Feed the next UTF-8 bytes (any cut, even inside a character); complete records go to `sink`.
   * Read in windows of SCAN_WINDOW_BYTES: a window's bytes are scanned just before its rows are
   * read, so the readers of a field's bytes find them still in the CPU's cache (a 4 MiB
   * piece decoded at once had left its first rows' bytes far behind: 1M Master.csv calls parsed in
   * pieces, 7 % less CPU in 64 KiB windows). Not where a quoted field may hold line ends (generic
   * CSV): an unfinished record is scanned again from its start in each window with a line end, so a
   * 900 KB multi-line cell cost a rescan per 64 KiB (6–12× slower than scanning the chunk whole).
   */
  push(chunk: Uint8Array, sink: RecordSink): void {
    if (this.quotedNewlines) {
      this.pushWindow(chunk, sink);
      return;
    }
    let at = 0;
    while (at < chunk.length) {
      const end = Math.min(at + SCAN_WINDOW_BYTES, chunk.length);
      if (end < chunk.length && this.carry.length === 0 && !this.droppingToLineEnd) {
        // A window inside the chunk that starts on a record: its unfinished last record is where
        // the next window starts, not carried (no copy and no second scan per window).
        const window = chunk.subarray(at, end);
        const consumed = this.scan(window, false, sink);
        if (consumed === 0) {
          // No record ends in it (one longer than a window): carried, as pushWindow would.
          this.carry = window.slice();
          this.limitCarry(sink);
          at = end;
        } else at += consumed;
        continue;
      }
      this.pushWindow(at === 0 && end === chunk.length ? chunk : chunk.subarray(at, end), sink);
      at = end;
    }
  }

  private pushWindow(chunk: Uint8Array, sink: RecordSink): void {
    if (this.droppingToLineEnd) {
      const nl = firstLineEnd(chunk, 0);
      if (nl < 0) return;
      this.droppingToLineEnd = false;
      chunk = chunk.subarray(nl);
    }
    const carried = this.carry.length;
    const nl = carried > 0 ? firstLineEnd(chunk, 0) : 0;
    if (nl < 0 && this.carry[carried - 1] !== CR) {
      // A record ends only at a line end: the unfinished one cannot end in these bytes, so they
      // are held without scanning the record again (a long line would cost chunks² otherwise).
      this.holdMore(chunk);
    } else {
      let rest = chunk;
      if (carried > 0) {
        // The carried record and the chunk up to its first line end, then the rest of the chunk
        // as it is (not copied behind the carry).
        const cut = nl < 0 ? chunk.length : nl + (chunk[nl] === CR && chunk[nl + 1] === LF ? 2 : 1);
        const head = joinBytes(this.carry, chunk.subarray(0, cut));
        const consumed = this.scan(head, false, sink);
        rest = consumed === head.length ? chunk.subarray(cut) : joinBytes(head.subarray(consumed), chunk.subarray(cut));
      }
      const consumed = this.scan(rest, false, sink);
      // A copy: the carried record must not keep the whole chunk alive.
      this.carry = consumed < rest.length ? rest.slice(consumed) : EMPTY;
    }
    this.limitCarry(sink);
  }

  /** The unfinished record past maxRecordBytes: read again with its quote closed, or cut. */
  private limitCarry(sink: RecordSink): void {
    if (this.carry.length > this.maxRecordBytes && this.quotedNewlines && !this.closeQuoteAtLineEnd) {
      // Most likely an unclosed quote: read the record to its line end, then the rest as usual.
      this.closeQuoteAtLineEnd = true;
      const again = this.scan(this.carry, false, sink);
      this.carry = this.carry.slice(again);
    }
    if (this.carry.length > this.maxRecordBytes) this.cutOverlong();
  }

  /** Append to the unfinished record, in room grown by doubling (not a copy of it per chunk). */
  private holdMore(chunk: Uint8Array): void {
    const length = this.carry.length + chunk.length;
    let room = this.carry;
    if (length > this.carry.buffer.byteLength - this.carry.byteOffset) {
      room = new Uint8Array(Math.max(length, 2 * this.carry.length));
      room.set(this.carry);
    }
    room = new Uint8Array(room.buffer, room.byteOffset, length);
    room.set(chunk, this.carry.length);
    this.carry = room;
  }

  /** End of input: the last record, even without a line end (a truncated last line). */
  end(sink: RecordSink): void {
    if (this.carry.length > 0) this.scan(this.carry, true, sink);
    this.carry = EMPTY;
  }

  /** Lets go of the bytes last read and their text, for a tokenizer kept after its input (parse-piece.ts). */
  releaseInput(): void {
    this.carry = EMPTY;
    this.view.setBytes(EMPTY);
  }

  /**
   * Plain records from byte `pos` on, read by the WebAssembly kernel (plain-scan/assembly/plain-scan.ts)
   * a block of bytes at a time, and handed to `sink`. Plain: a record that ends on a line end in
   * these bytes with its quotes closed on its line (the kernel says whether its bytes are all
   * ASCII). Returns the byte index of the first record it did not read: the chunk's end, or a
   * record the byte loop must read (a quote left open, no line end yet, a CR that may be half of a
   * CRLF, a record longer than a block).
   */
  private readPlainRecords(bytes: Uint8Array, pos: number, sink: RecordSink): number {
    const n = bytes.length;
    const kernel = plainScanKernel();
    if (kernel === null) return pos;
    while (pos < n) {
      if (!this.kernelHolds(kernel, bytes, pos)) this.loadBlock(kernel, bytes, pos);
      const records = kernel.scan(pos);
      for (let r = 0; r < records; r++) {
        const recordEnd = kernel.recordEnd[r]!;
        this.deliverPlain(kernel, r, pos, recordEnd, sink);
        pos = recordEnd;
        // A sink that ran another tokenizer has loaded other bytes: these records are read again.
        if (kernel.loads !== this.loadedAt) break;
      }
      if (kernel.loads !== this.loadedAt) continue;
      pos = kernel.stop;
      if (pos === this.loadedTo) continue; // every record read: the next block
      // A record that is not plain, the input's unfinished last one, or one longer than a block: the byte loop's.
      if (!kernel.stoppedAtEnd || this.loadedTo === n || pos === this.loadedFrom) return pos;
      this.loadedBytes = null; // the next block from this record on
    }
    return pos;
  }

  /** The kernel holds the block of `bytes` that `pos` lies in (loaded by this tokenizer, not since replaced). */
  private kernelHolds(kernel: PlainScanKernel, bytes: Uint8Array, pos: number): boolean {
    return this.loadedBytes === bytes && this.loadedAt === kernel.loads && pos >= this.loadedFrom && pos < this.loadedTo;
  }

  /** bytes from `pos` on, a block of them, into the kernel. */
  private loadBlock(kernel: PlainScanKernel, bytes: Uint8Array, pos: number): void {
    this.loadedFrom = pos;
    this.loadedTo = Math.min(bytes.length, pos + PLAIN_SCAN_BLOCK_BYTES);
    kernel.load(bytes, pos, this.loadedTo, this.delim, this.quote);
    this.loadedBytes = bytes;
    this.loadedAt = kernel.loads;
  }

  /** The kernel's record r, [recordStart, recordEnd) in the bytes, to `sink` (a blank line is not a record). */
  private deliverPlain(kernel: PlainScanKernel, r: number, recordStart: number, recordEnd: number, sink: RecordSink): void {
    const first = kernel.recordFirst[r]!;
    const count = kernel.recordFirst[r + 1]! - first;
    const recordLine = this.line;
    this.line = recordLine + 1;
    this.closeQuoteAtLineEnd = false;
    if (count !== 1 || kernel.starts[first] !== kernel.ends[first]) {
      this.view.deliverScanned(kernel, first, count, recordStart, recordEnd, kernel.recordAscii[r] !== 0);
      sink(this.view, recordLine);
    }
  }

  private noteUnclosedQuote(line: number): void {
    if (this.lastUnclosedLine === line) return; // two open quotes in one record: one note
    this.lastUnclosedLine = line;
    this.unclosedQuoteCount++;
    if (this.unclosedQuotes.length < 10) this.unclosedQuotes.push(line);
  }

  private cutOverlong(): void {
    // Drop everything up to the next line end (or all of it) and report it once per record.
    this.overlongCount++;
    if (this.overlong.length < 10) this.overlong.push({ line: this.line });
    const nl = firstLineEnd(this.carry, 0);
    if (nl < 0) {
      this.carry = EMPTY;
      this.droppingToLineEnd = true;
      return;
    }
    this.carry = this.carry.slice(nl);
  }

  /**
   * Parse complete records from `bytes`. Returns how many bytes were consumed; the rest is an
   * unfinished record (or a trailing CR whose LF may be in the next chunk) unless `final`.
   */
  private scan(bytes: Uint8Array, final: boolean, sink: RecordSink): number {
    const n = bytes.length;
    const delim = this.delim;
    const quote = this.quote;
    const row = this.view;
    row.setBytes(bytes);
    this.loadedBytes = null; // the same array may hold other bytes now (a caller's buffer used again)
    /** The record the plain reading gave up on: the byte loop reads it. */
    let lineLoopFrom = -1;
    let pos = 0;
    records: while (pos < n) {
      if (this.plainRecords && pos !== lineLoopFrom) {
        pos = this.readPlainRecords(bytes, pos, sink);
        if (pos >= n) break;
        lineLoopFrom = pos; // the byte loop reads it (and may read it again from here)
      }
      const recordStart = pos;
      const recordLine = this.line;
      let linesInside = 0;
      row.clear(recordStart);
      let i = pos;
      let complete = false;
      let endOfRecord = -1; // index just past the record's line end
      fieldLoop: for (;;) {
        // Field start: optional spaces before an opening quote.
        let f = i;
        while (f < n && bytes[f] === SPACE) f++;
        if (f < n && bytes[f] === quote) {
          // Quoted field: find where its quote closes (or where it is closed for it).
          let j = f + 1;
          let escaped = false;
          for (;;) {
            // Text inside the quotes: only a quote or a line end needs a decision.
            while (j < n) {
              const c = bytes[j]!;
              if (c === quote || c === LF || c === CR) break;
              j++;
            }
            if (j >= n) {
              if (!final) break fieldLoop; // need more bytes
              if (this.quotedNewlines && !this.closeQuoteAtLineEnd && hasLineEnd(bytes, f + 1, j)) {
                // The quote never closes and has swallowed later lines: read the record again,
                // closing it at its own line end.
                this.closeQuoteAtLineEnd = true;
                pos = recordStart;
                continue records;
              }
              break; // end of file inside a quoted field (a truncated last line): keep what is there
            }
            const c = bytes[j]!;
            if (c === quote) {
              if (j + 1 >= n) {
                if (!final) break fieldLoop; // `"` at chunk end: might be `""`
                j++;
                break;
              }
              if (bytes[j + 1] === quote) {
                escaped = true;
                j += 2;
                continue;
              }
              j++;
              break;
            }
            if ((c === LF || c === CR) && (!this.quotedNewlines || this.closeQuoteAtLineEnd)) {
              // Unterminated quote at a line end: close the field here.
              if (this.quotedNewlines) this.noteUnclosedQuote(recordLine);
              break;
            }
            if (c === LF || (c === CR && !(j + 1 < n && bytes[j + 1] === LF))) linesInside++;
            if (c === CR && j + 1 >= n && !final) break fieldLoop;
            j++;
          }
          // After the closing quote: raw text up to the delimiter or line end (tolerant mode).
          let k = j;
          while (k < n) {
            const c = bytes[k]!;
            if (c === delim || c === LF || c === CR) break;
            k++;
          }
          if (!escaped && k === j && j > f + 1 && bytes[j - 1] === quote) row.add(f + 1, j - 1, PLAIN);
          else row.add(f + 1, k, ESCAPED);
          i = k;
        } else {
          let k = i;
          while (k < n) {
            const c = bytes[k]!;
            if (c === delim || c === LF || c === CR) break;
            k++;
          }
          row.add(i, k, PLAIN);
          i = k;
        }
        if (i >= n) {
          if (!final) break fieldLoop;
          complete = true;
          endOfRecord = n;
          break;
        }
        const c = bytes[i];
        if (c === delim) {
          i++;
          if (i >= n && final) {
            row.add(n, n, PLAIN);
            complete = true;
            endOfRecord = n;
            break;
          }
          continue;
        }
        // Line end.
        if (c === CR) {
          if (i + 1 >= n && !final) break fieldLoop; // maybe CRLF across the seam
          endOfRecord = i + 1 < n && bytes[i + 1] === LF ? i + 2 : i + 1;
        } else {
          endOfRecord = i + 1;
        }
        complete = true;
        break;
      }
      if (!complete) return recordStart;
      this.closeQuoteAtLineEnd = false;
      this.line = recordLine + linesInside + (endOfRecord === n && final && !isLineEnd(bytes, n - 1) ? 0 : 1);
      pos = endOfRecord;
      // A blank line is not a record.
      if (!(row.count === 1 && row.isEmptyField(0))) {
        row.seal(endOfRecord);
        sink(row, recordLine);
      }
    }
    return pos;
  }
}

/**
 * The tokenizer's view of its current record: field bounds in typed arrays, text made on demand.
 * A short field of an ASCII record is made from its bytes; other strings come from the chunk
 * decoded once when it is ASCII (then byte offsets are character offsets), else from the record
 * decoded once, else per field.
 */
class BytesRow implements Row {
  count = 0;
  private chunkBytes: Uint8Array = EMPTY;
  /**
   * Field i's bounds and kind: starts[first + i], ends[first + i], kinds[first + i], in the byte
   * loop's arrays (first 0) or the plain-record kernel's.
   */
  private starts: Int32Array;
  private ends: Int32Array;
  private kinds: Uint8Array;
  private first = 0;
  // The byte loop's arrays (add()).
  private ownStarts = new Int32Array(64);
  private ownEnds = new Int32Array(64);
  private ownKinds = new Uint8Array(64);
  /** The chunk decoded (null: not yet), and whether it is all ASCII (then byte offsets are its offsets). */
  private chunkText: string | null = null;
  private chunkAscii = false;
  /** The current record's bytes are all ASCII (a plain record): a short field's text is made from its bytes. */
  private ascii = false;
  private recordStart = 0;
  private recordEnd = 0;
  /** The record decoded (chunks that are not ASCII), with the record start it is for. */
  private recordText: string | null = null;
  private recordTextStart = -1;

  constructor(private readonly quote: number) {
    this.starts = this.ownStarts;
    this.ends = this.ownEnds;
    this.kinds = this.ownKinds;
  }

  setBytes(bytes: Uint8Array): void {
    this.chunkBytes = bytes;
    this.chunkText = null;
    this.chunkAscii = false;
    this.recordTextStart = -1;
  }

  /** A new record read by the byte loop, not known to be ASCII. */
  clear(recordStart: number): void {
    this.count = 0;
    this.recordStart = recordStart;
    this.ascii = false;
    this.starts = this.ownStarts;
    this.ends = this.ownEnds;
    this.kinds = this.ownKinds;
    this.first = 0;
  }

  add(start: number, end: number, kind: number): void {
    const i = this.count;
    if (i === this.ownStarts.length) this.grow();
    this.ownStarts[i] = start;
    this.ownEnds[i] = end;
    this.ownKinds[i] = kind;
    this.count = i + 1;
  }

  /** A plain record: `count` fields of the kernel's from field `first` on; `ascii`: all of its bytes ASCII. */
  deliverScanned(kernel: PlainScanKernel, first: number, count: number, recordStart: number, recordEnd: number, ascii: boolean): void {
    this.starts = kernel.starts;
    this.ends = kernel.ends;
    this.kinds = kernel.kinds;
    this.first = first;
    this.count = count;
    this.recordStart = recordStart;
    this.recordEnd = recordEnd;
    this.ascii = ascii;
  }

  seal(recordEnd: number): void {
    this.recordEnd = recordEnd;
  }

  isEmptyField(i: number): boolean {
    return this.starts[this.first + i] === this.ends[this.first + i];
  }

  field(i: number): string {
    if (i >= this.count || i < 0) return '';
    const at = this.first + i;
    const start = this.starts[at]!;
    const end = this.ends[at]!;
    return this.kinds[at] === PLAIN ? this.text(start, end) : this.unescape(start, end);
  }

  fields(): string[] {
    // Every field as text: slices of the chunk decoded once cost less than texts made from bytes
    // (FreeSWITCH cdr_csv rows, 100k calls in Chromium: 29 ms of asciiText against a 12 ms decode).
    this.decoded();
    const out = new Array<string>(this.count);
    for (let i = 0; i < this.count; i++) out[i] = this.field(i);
    return out;
  }

  // The readers look at a field's bytes only when they are its text as written (PLAIN); a quoted
  // field with `""` inside goes the string way.

  wallTime(i: number): number | null {
    const at = this.first + i;
    if (i >= this.count || i < 0 || this.kinds[at] !== PLAIN) return this.textWallTime(i);
    return parseCanonicalBytes(this.chunkBytes, this.starts[at]!, this.ends[at]!);
  }

  wholeNumber(i: number): number {
    const at = this.first + i;
    if (i >= this.count || i < 0 || this.kinds[at] !== PLAIN) return this.textWholeNumber(i);
    const bytes = this.chunkBytes;
    const start = this.starts[at]!;
    const end = this.ends[at]!;
    if (end === start || end - start > MAX_WHOLE_DIGITS) return -1;
    let value = 0;
    for (let k = start; k < end; k++) {
      const d = bytes[k]! - 48;
      if (d < 0 || d > 9) return -1;
      value = value * 10 + d;
    }
    return value;
  }

  trimmed(i: number): string {
    if (i >= this.count || i < 0) return '';
    const at = this.first + i;
    const start = this.starts[at]!;
    const end = this.ends[at]!;
    // Printable ASCII at both ends: nothing for trim() to take (its white space is ASCII 9–13 and
    // 32, or a character of two or more bytes).
    if (this.kinds[at] === PLAIN && (start === end || (isPrintableAscii(this.chunkBytes[start]!) && isPrintableAscii(this.chunkBytes[end - 1]!)))) return this.text(start, end);
    return this.field(i).trim();
  }

  get bytes(): Uint8Array {
    return this.chunkBytes;
  }

  byteStart(i: number): number {
    return i >= this.count || i < 0 || this.kinds[this.first + i] !== PLAIN ? -1 : this.starts[this.first + i]!;
  }

  byteEnd(i: number): number {
    return i >= this.count || i < 0 ? -1 : this.ends[this.first + i]!;
  }

  get recordIsAscii(): boolean {
    return this.ascii;
  }

  bytesText(start: number, end: number): string {
    return this.text(start, end);
  }

  private textWallTime(i: number): number | null {
    return parseOrderFreeWallTime(this.field(i));
  }

  private textWholeNumber(i: number): number {
    return wholeNumberOf(this.field(i));
  }

  private text(start: number, end: number): string {
    if (start === end) return '';
    if (this.ascii && this.chunkText === null && end - start <= SHORT_TEXT_BYTES) return asciiText(this.chunkBytes, start, end);
    const chunkText = this.decoded();
    if (this.chunkAscii) return chunkText.slice(start, end);
    if (this.recordTextStart !== this.recordStart) {
      const text = utf8.decode(this.chunkBytes.subarray(this.recordStart, this.recordEnd));
      this.recordText = isAsciiDecoding(text, this.recordEnd - this.recordStart) ? text : null;
      this.recordTextStart = this.recordStart;
    }
    if (this.recordText !== null) return this.recordText.slice(start - this.recordStart, end - this.recordStart);
    return utf8.decode(this.chunkBytes.subarray(start, end));
  }

  /** The chunk's bytes as text, decoded once. */
  private decoded(): string {
    if (this.chunkText === null) {
      this.chunkText = utf8.decode(this.chunkBytes);
      this.chunkAscii = isAsciiDecoding(this.chunkText, this.chunkBytes.length);
    }
    return this.chunkText;
  }

  /** Text of a quoted field from just after its opening quote: `""` → `"`, up to the closing quote, then the raw rest. */
  private unescape(start: number, end: number): string {
    const bytes = this.chunkBytes;
    const quote = this.quote;
    let out = '';
    let from = start;
    for (let k = start; k < end; k++) {
      if (bytes[k] !== quote) continue;
      if (k + 1 < end && bytes[k + 1] === quote) {
        out += this.text(from, k + 1);
        k++;
        from = k + 1;
        continue;
      }
      // The closing quote: what follows it is kept as written.
      return out + this.text(from, k) + this.text(k + 1, end);
    }
    return out + this.text(from, end);
  }

  /** Room for twice the fields in the byte loop's arrays. */
  private grow(): void {
    const size = this.ownStarts.length * 2;
    const starts = new Int32Array(size);
    starts.set(this.ownStarts);
    this.ownStarts = this.starts = starts;
    const ends = new Int32Array(size);
    ends.set(this.ownEnds);
    this.ownEnds = this.ends = ends;
    const kinds = new Uint8Array(size);
    kinds.set(this.ownKinds);
    this.ownKinds = this.kinds = kinds;
  }
}

/**
 * Texts up to this long in an ASCII record are made from their bytes until the chunk is decoded; a
 * longer one decodes the chunk once (what a text costs from bytes grows with its length, a chunk's
 * decode is shared by every text after it).
 */
const SHORT_TEXT_BYTES = 32;

/** ASCII bytes as text, four characters per call. */
function asciiText(bytes: Uint8Array, start: number, end: number): string {
  let text = '';
  let k = start;
  for (; k + 4 <= end; k += 4) text += String.fromCharCode(bytes[k]!, bytes[k + 1]!, bytes[k + 2]!, bytes[k + 3]!);
  for (; k < end; k++) text += String.fromCharCode(bytes[k]!);
  return text;
}

/**
 * The bytes were all ASCII: as many characters as bytes and no replacement character (a valid
 * multi-byte sequence gives fewer characters, an invalid byte gives U+FFFD).
 */
function isAsciiDecoding(text: string, byteLength: number): boolean {
  return text.length === byteLength && text.indexOf('\uFFFD') < 0;
}

function joinBytes(a: Uint8Array, b: Uint8Array): Uint8Array {
  const out = new Uint8Array(a.length + b.length);
  out.set(a, 0);
  out.set(b, a.length);
  return out;
}

/** Index of the first LF or CR in `bytes` from `from`, or -1 (native searches; CR only before the LF). */
function firstLineEnd(bytes: Uint8Array, from: number): number {
  const lf = bytes.indexOf(LF, from);
  const cr = (lf < 0 ? bytes : bytes.subarray(0, lf)).indexOf(CR, from);
  return cr < 0 ? lf : cr;
}

function hasLineEnd(bytes: Uint8Array, from: number, to: number): boolean {
  const at = firstLineEnd(bytes, from);
  return at >= 0 && at < to;
}

function isLineEnd(bytes: Uint8Array, index: number): boolean {
  const c = bytes[index];
  return c === LF || c === CR;
}

const utf8Encoder = new TextEncoder();

/** Split a whole text at once (tests, sniffing): each record's fields as strings. */
export function tokenizeAll(text: string, options: TokenizerOptions): Array<{ fields: string[]; line: number }> {
  const out: Array<{ fields: string[]; line: number }> = [];
  const t = new DelimitedTokenizer(options);
  const sink: RecordSink = (row, line) => out.push({ fields: row.fields(), line });
  t.push(utf8Encoder.encode(text), sink);
  t.end(sink);
  return out;
}
