/**
 * A worksheet's rows and cells, as its XML gives them (sheet-csv.ts reads them out of it) → the CSV
 * text a "Save As CSV" of it would give, line by line, for the existing readers: one line per sheet
 * row, at the row's own line number (rows the sheet skips are blank lines, which no reader counts
 * as a record), each cell at its column (a cell the sheet skips, A1 then C1, is an empty field),
 * rows padded with empty fields to the sheet's used range as Excel pads them (to the widest row so
 * far where the sheet gives no range). Values: cell-text.ts.
 *
 * Unlike Save As CSV, a line break inside a cell (Alt+Enter) is written as a space: each sheet row
 * stays one line, so a row's line number is its sheet row, and readers whose records never span
 * lines (Master.csv's) read the row whole instead of as two broken ones.
 *
 * Kept apart from the XML so that what the XML says can be checked on its own: the scanner's
 * reading is compared with saxes' reading of the same XML (sheet-oracle.test.ts).
 */
import { formatCount } from '../../model/format-count';
import { escapeControls } from '../../model/visible-text';
import { columnName, columnOfReference, isoDateText, MAX_SHEET_COLUMNS, MAX_SHEET_ROWS, numberText, rowName, serialText, type DateKind } from './cell-text';
import { WorkbookError } from './workbook-errors';
import { unescapeCellText } from './xml-text';

/**
 * A row whose CSV line would pass this is refused: the line readers cut lines over 1 MB as binary
 * data, and 16,384 cells of 32,767 characters would be half a GB held for one row.
 */
export const MAX_ROW_CHARS = 1 << 20;
/** Rows are padded to the used range (`<dimension>`, or the widest row so far) only up to this many columns (a hostile range of XFD would make every line 16 KB of commas). */
const MAX_PADDED_COLUMNS = 1024;
/** The sheet asks for a pause once it holds this much text. */
const FULL_CHARS = 1 << 18;

export interface SheetStyles {
  /** Per cell format (a cell's `s`): how a number in it is a date, or null. */
  dateKinds: ReadonlyArray<DateKind | null>;
  date1904: boolean;
}

/** The shared strings; null when the workbook has no shared strings part. */
export type SharedStrings = readonly string[] | null;

const NEEDS_QUOTES = /[",\r\n]/;
const LINE_BREAK = /\r\n|[\r\n]/g;

/** A cell's text on one line: each line break in it (CR LF, CR or LF) a space (the module's note). */
function oneLine(text: string): string {
  return text.includes('\n') || text.includes('\r') ? text.replace(LINE_BREAK, ' ') : text;
}

export class SheetRows {
  /** The sheet row being read (its `r`), or the last one read: for messages. */
  row = 0;
  private out = '';
  private nextRow = 1;
  private width = 0;
  private cellColumn = 0;
  // The row's cells, in the order they came.
  private readonly columns: number[] = [];
  private readonly texts: string[] = [];
  private rowChars = 0;
  private lastColumn = -1;

  constructor(
    private readonly styles: SheetStyles,
    private readonly strings: SharedStrings,
  ) {}

  /** The CSV text made since the last take. */
  take(): string {
    const text = this.out;
    this.out = '';
    return text;
  }

  /** Whether enough text is held that it should be taken before more XML is read. */
  full(): boolean {
    return this.out.length >= FULL_CHARS;
  }

  /** The sheet's used range (`<dimension ref="A1:R120">`): rows are padded to its columns, when few enough. */
  usedRange(ref: string | null): void {
    const last = ref?.split(':').pop();
    const bytes = Uint8Array.from(last ?? '', (c) => c.charCodeAt(0) & 0xff);
    const column = columnOfReference(bytes, 0, bytes.length);
    this.width = column >= 0 && column < MAX_PADDED_COLUMNS ? column + 1 : 0;
  }

  /**
   * A row starts: its number (its `r`: null where it has none, -1 where it is no whole number);
   * `written`, the `r` as the file has it, is only read for a message.
   */
  startRow(row: number | null, written: () => string | null): void {
    row ??= this.nextRow;
    if (row < 1) throw new WorkbookError(`has a row numbered "${excerpt(written())}" after ${this.nextRow === 1 ? 'its start' : rowName(this.nextRow - 1)}: not a row number (rows are numbered from 1)`);
    if (row > MAX_SHEET_ROWS) throw new WorkbookError(`has a ${rowName(row)}, past the ${formatCount(MAX_SHEET_ROWS)} rows a sheet has`);
    if (row < this.nextRow) throw new WorkbookError(`has ${rowName(row)} after ${rowName(this.nextRow - 1)}: its rows are out of order`);
    // Rows the sheet leaves out are blank lines: each row keeps its number as its line number.
    if (row > this.nextRow) this.out += '\n'.repeat(row - this.nextRow);
    this.row = row;
    this.lastColumn = -1;
    this.rowChars = 0;
  }

  endRow(): void {
    this.nextRow = this.row + 1;
    this.out += `${this.rowLine()}\n`;
  }

  /** A cell starts: its column (0 for A, from its `r`: null where it has none, -1 where `r` names no column). */
  startCell(column: number | null, written: () => string | null): void {
    column ??= this.lastColumn + 1;
    if (column < 0) throw new WorkbookError(`has a cell in ${rowName(this.row)} whose reference "${excerpt(written())}" names no column`);
    if (column >= MAX_SHEET_COLUMNS) throw new WorkbookError(`has more than ${formatCount(MAX_SHEET_COLUMNS)} columns in ${rowName(this.row)} (past column XFD, the last a sheet has)`);
    this.lastColumn = column;
    this.cellColumn = column;
  }

  /**
   * The cell ends: its type (its `t`, 18.18.11 ST_CellType: 'n' where it has none, '' where it is
   * none of them), its cell format (its `s`: 0 where it has none, -1 where it is no whole number)
   * and its value (the text of its `<v>`, or of its `<is>`'s `<t>`s), null where it has none.
   */
  endCell(type: string, style: number, value: string | null): void {
    if (value === null) return;
    const text = oneLine(this.cellText(type, style, value));
    if (text === '') return;
    this.rowChars += text.length + 1;
    if (this.rowChars > MAX_ROW_CHARS) throw new WorkbookError(`has more than ${formatCount(MAX_ROW_CHARS)} characters of text in ${rowName(this.row)}, far more than any CDR row`);
    this.columns.push(this.cellColumn);
    this.texts.push(text);
  }

  /** The cell being read, as Excel names it ("B2"): for messages. */
  cellName(): string {
    return `${columnName(this.cellColumn)}${this.row}`;
  }

  /** The cell's value as its CSV field's text (not quoted yet). */
  private cellText(type: string, style: number, raw: string): string {
    switch (type) {
      case 's':
        return this.sharedString(raw);
      case 'inlineStr':
      case 'str':
      case 'e':
        return unescapeCellText(raw);
      case 'b':
        return raw.trim() === '1' ? 'TRUE' : raw.trim() === '0' ? 'FALSE' : raw;
      case 'd':
        return isoDateText(raw);
      default: {
        const kind = this.styles.dateKinds[style] ?? null;
        if (kind && raw.trim() !== '') {
          const date = serialText(Number(raw), kind, this.styles.date1904);
          if (date !== null) return date;
        }
        return numberText(raw);
      }
    }
  }

  private sharedString(raw: string): string {
    const index = /^\s*\d{1,10}\s*$/.test(raw) ? Number(raw) : -1;
    if (!this.strings) throw new WorkbookError(`has cell ${this.cellName()} refer to shared string ${excerpt(raw)}, and the workbook has no shared strings (xl/sharedStrings.xml)`);
    const text = this.strings[index];
    if (text === undefined) {
      throw new WorkbookError(`has cell ${this.cellName()} refer to shared string ${index < 0 ? `"${excerpt(raw)}"` : formatCount(index)}, and the workbook has ${formatCount(this.strings.length)} (numbered from 0)`);
    }
    return text;
  }

  /** The row's fields, each at its column, padded to the used range; "" for a row with no value. */
  private rowLine(): string {
    const { columns, texts } = this;
    if (columns.length === 0) return '';
    const order = columns.map((_, k) => k);
    if (!isAscending(columns)) order.sort((a, b) => columns[a]! - columns[b]! || a - b);
    let line = '';
    let at = 0;
    for (let i = 0; i < order.length; i++) {
      const k = order[i]!;
      // The same cell twice: the later one stands, as a spreadsheet would keep it.
      if (i + 1 < order.length && columns[order[i + 1]!] === columns[k]) continue;
      const column = columns[k]!;
      const text = texts[k]!;
      line += ','.repeat(column - at) + (NEEDS_QUOTES.test(text) ? `"${text.replace(/"/g, '""')}"` : text);
      at = column;
    }
    const last = columns[order[order.length - 1]!]!;
    if (this.width > last + 1) line += ','.repeat(this.width - last - 1);
    // Without a used range (some writers leave <dimension> out), the widest row so far stands for
    // it: a header's trailing columns empty in a row must still be fields of that row.
    else if (last < MAX_PADDED_COLUMNS) this.width = last + 1;
    columns.length = 0;
    texts.length = 0;
    return line;
  }
}

/** A bit of the file's own text inside a message: short, its controls made visible (it is untrusted). */
const excerpt = (text: string | null) => escapeControls((text ?? '').trim().slice(0, 20));

function isAscending(columns: readonly number[]): boolean {
  for (let i = 1; i < columns.length; i++) if (columns[i]! <= columns[i - 1]!) return false;
  return true;
}
