/**
 * Streaming splitter for delimited text (CSV, TSV, `;` and `|` files) that is tolerant the way
 * real CDR writers need:
 * - LF, CRLF and CR-only line endings (Excel on old Macs writes CR only), also across chunk seams.
 * - RFC 4180 quotes with doubled `""`, and the malformed pre-2014 FreePBX clid `"User 10" <114>`:
 *   after a closing quote, text up to the next delimiter is kept (as Python's csv module does).
 * - Spaces before an opening quote (FreeSWITCH `sql`/`snom` templates write `", "`) are dropped.
 * - `quotedNewlines: false` (CDR writers never escape newlines): a line end always ends the record,
 *   so one stray quote can never swallow the rest of the file. Generic CSV allows quoted newlines;
 *   there a quote still open at the end of the input, or past the longest record, would swallow
 *   every later row: that record is read again with its quote closed at its own line end, the rows
 *   after it are read as usual, and its line is reported (unclosedQuotes).
 * Only the current unfinished record is carried between chunks; no raw text is kept after a record.
 */

export type RecordSink = (fields: string[], line: number) => void;

export interface TokenizerOptions {
  delimiter: string;
  quote?: string;
  quotedNewlines?: boolean;
  /** A record longer than this is cut and reported as overlong (binary or runaway input). */
  maxRecordChars?: number;
}

export interface OverlongRecord {
  line: number;
}

const DEFAULT_MAX_RECORD_CHARS = 1 << 20; // 1 MiB: far above any CDR row (Asterisk caps at 1024 bytes)
const LF = 10;
const CR = 13;
const SPACE = 32;

export class DelimitedTokenizer {
  private readonly delim: number;
  private readonly quote: number;
  private readonly quotedNewlines: boolean;
  private readonly maxRecordChars: number;
  /** Text of the unfinished record carried from the previous chunk. */
  private carry = '';
  /** 1-based line number where `carry` starts. */
  private line = 1;
  /** Records cut because they exceeded maxRecordChars (their start lines). */
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

  constructor(options: TokenizerOptions) {
    if (options.delimiter.length !== 1) throw new Error('delimiter must be one character');
    this.delim = options.delimiter.charCodeAt(0);
    this.quote = (options.quote ?? '"').charCodeAt(0);
    this.quotedNewlines = options.quotedNewlines ?? false;
    this.maxRecordChars = options.maxRecordChars ?? DEFAULT_MAX_RECORD_CHARS;
  }

  /**
   * The text begins inside a line already cut as overlong (a piece that starts in the middle of an
   * endless line): drop it up to the first line end, as one pass does.
   */
  startInsideOverlongLine(): void {
    this.droppingToLineEnd = true;
  }

  /**
   * The text ends inside a line that goes on beyond it for longer than a piece may hold (the next
   * piece starts inside it): report the unfinished record overlong instead of reading it as a row.
   * Call instead of end().
   */
  endInsideOverlongLine(): void {
    if (!this.droppingToLineEnd && this.carry.length > 0) {
      this.overlongCount++;
      if (this.overlong.length < 10) this.overlong.push({ line: this.line });
    }
    this.carry = '';
    this.droppingToLineEnd = false;
  }

  /** The line the next record starts on: after end(), 1 + the line ends consumed. */
  get nextLine(): number {
    return this.line;
  }

  /** Feed the next chunk of decoded text; complete records go to `sink`. */
  push(chunk: string, sink: RecordSink): void {
    if (this.droppingToLineEnd) {
      const nl = firstLineEnd(chunk);
      if (nl < 0) return;
      this.droppingToLineEnd = false;
      chunk = chunk.slice(nl);
    }
    const text = this.carry.length > 0 ? this.carry + chunk : chunk;
    const consumed = this.scan(text, false, sink);
    this.carry = consumed < text.length ? text.slice(consumed) : '';
    if (this.carry.length > this.maxRecordChars && this.quotedNewlines && !this.closeQuoteAtLineEnd) {
      // Most likely an unclosed quote: read the record to its line end, then the rest as usual.
      this.closeQuoteAtLineEnd = true;
      const again = this.scan(this.carry, false, sink);
      this.carry = this.carry.slice(again);
    }
    if (this.carry.length > this.maxRecordChars) this.cutOverlong();
  }

  /** End of input: the last record, even without a line end (a truncated last line). */
  end(sink: RecordSink): void {
    if (this.carry.length > 0) this.scan(this.carry, true, sink);
    this.carry = '';
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
    const nl = firstLineEnd(this.carry);
    if (nl < 0) {
      this.carry = '';
      this.droppingToLineEnd = true;
      return;
    }
    this.carry = this.carry.slice(nl);
  }

  /**
   * Parse complete records from `text`. Returns how many characters were consumed; the rest is an
   * unfinished record (or a trailing CR whose LF may be in the next chunk) unless `final`.
   */
  private scan(text: string, final: boolean, sink: RecordSink): number {
    const n = text.length;
    const delim = this.delim;
    const quote = this.quote;
    let pos = 0;
    records: while (pos < n) {
      const recordStart = pos;
      const recordLine = this.line;
      let linesInside = 0;
      const fields: string[] = [];
      let i = pos;
      let complete = false;
      let endOfRecord = -1; // index just past the record's line end
      fieldLoop: for (;;) {
        // Field start: optional spaces before an opening quote.
        let f = i;
        while (f < n && text.charCodeAt(f) === SPACE) f++;
        if (f < n && text.charCodeAt(f) === quote) {
          // Quoted field.
          let value = '';
          let j = f + 1;
          for (;;) {
            if (j >= n) {
              if (!final) break fieldLoop; // need more text
              if (this.quotedNewlines && !this.closeQuoteAtLineEnd && hasLineEnd(text, f + 1, j)) {
                // The quote never closes and has swallowed later lines: read the record again,
                // closing it at its own line end.
                this.closeQuoteAtLineEnd = true;
                pos = recordStart;
                continue records;
              }
              // End of file inside a quoted field (a truncated last line): keep what is there.
              value += text.slice(f + 1, j);
              break;
            }
            const c = text.charCodeAt(j);
            if (c === quote) {
              if (j + 1 >= n) {
                if (!final) break fieldLoop; // `"` at chunk end: might be `""`
                value += text.slice(f + 1, j);
                j++;
                break;
              }
              if (text.charCodeAt(j + 1) === quote) {
                value += text.slice(f + 1, j + 1);
                f = j + 1;
                j += 2;
                continue;
              }
              value += text.slice(f + 1, j);
              j++;
              break;
            }
            if ((c === LF || c === CR) && (!this.quotedNewlines || this.closeQuoteAtLineEnd)) {
              // Unterminated quote at a line end: close the field here.
              if (this.quotedNewlines) this.noteUnclosedQuote(recordLine);
              value += text.slice(f + 1, j);
              break;
            }
            if (c === LF || (c === CR && !(j + 1 < n && text.charCodeAt(j + 1) === LF))) linesInside++;
            if (c === CR && j + 1 >= n && !final) break fieldLoop;
            j++;
          }
          // After the closing quote: keep raw text up to the delimiter or line end (tolerant mode).
          let k = j;
          while (k < n) {
            const c = text.charCodeAt(k);
            if (c === delim || c === LF || c === CR) break;
            k++;
          }
          if (k > j) value += text.slice(j, k);
          fields.push(value);
          i = k;
        } else {
          let k = i;
          while (k < n) {
            const c = text.charCodeAt(k);
            if (c === delim || c === LF || c === CR) break;
            k++;
          }
          fields.push(text.slice(i, k));
          i = k;
        }
        if (i >= n) {
          if (!final) break fieldLoop;
          complete = true;
          endOfRecord = n;
          break;
        }
        const c = text.charCodeAt(i);
        if (c === delim) {
          i++;
          if (i >= n && final) {
            fields.push('');
            complete = true;
            endOfRecord = n;
            break;
          }
          continue;
        }
        // Line end.
        if (c === CR) {
          if (i + 1 >= n && !final) break fieldLoop; // maybe CRLF across the seam
          endOfRecord = i + 1 < n && text.charCodeAt(i + 1) === LF ? i + 2 : i + 1;
        } else {
          endOfRecord = i + 1;
        }
        complete = true;
        break;
      }
      if (!complete) return recordStart;
      this.closeQuoteAtLineEnd = false;
      this.line = recordLine + linesInside + (endOfRecord === n && final && !isLineEnd(text, n - 1) ? 0 : 1);
      pos = endOfRecord;
      // A blank line is not a record.
      if (!(fields.length === 1 && fields[0] === '')) sink(fields, recordLine);
    }
    return pos;
  }
}

/** Index of the first LF or CR in `text`, or -1 (two native searches, no regex). */
function firstLineEnd(text: string): number {
  const lf = text.indexOf('\n');
  const cr = text.indexOf('\r');
  if (lf < 0) return cr;
  return cr < 0 ? lf : Math.min(lf, cr);
}

function hasLineEnd(text: string, from: number, to: number): boolean {
  const lf = text.indexOf('\n', from);
  const cr = text.indexOf('\r', from);
  return (lf >= 0 && lf < to) || (cr >= 0 && cr < to);
}

function isLineEnd(text: string, index: number): boolean {
  const c = text.charCodeAt(index);
  return c === LF || c === CR;
}

/** Split a whole text at once (tests, sniffing). */
export function tokenizeAll(text: string, options: TokenizerOptions): Array<{ fields: string[]; line: number }> {
  const out: Array<{ fields: string[]; line: number }> = [];
  const t = new DelimitedTokenizer(options);
  const sink: RecordSink = (fields, line) => out.push({ fields, line });
  t.push(text, sink);
  t.end(sink);
  return out;
}
