/**
 * A worksheet's XML (ECMA-376 Part 1, 18.3.1: sheetData › row › c › v | is) → the CSV text a
 * "Save As CSV" of it would give, line by line, for the existing readers: one line per sheet row,
 * at the row's own line number (rows the sheet skips are blank lines, which no reader counts as a
 * record), each cell at its column (a cell the sheet skips, A1 then C1, is an empty field), rows
 * padded with empty fields to the sheet's used range as Excel pads them (to the widest row so far
 * where the sheet gives no range). Values: cell-text.ts.
 */
import { formatCount } from '../../model/format-count';
import { escapeControls } from '../../model/visible-text';
import { columnName, columnOfReference, isoDateText, MAX_SHEET_COLUMNS, MAX_SHEET_ROWS, numberText, rowName, serialText, type DateKind } from './cell-text';
import { WorkbookError } from './workbook-errors';
import type { XmlHandler, XmlTag } from './xml-scanner';
import { TextCollector, unescapeCellText } from './xml-text';

/** The most characters one cell holds in Excel (its specifications and limits). */
export const MAX_CELL_CHARS = 32767;
/**
 * A row whose CSV line would pass this is refused: the line readers cut lines over 1 MB as binary
 * data, and 16,384 cells of 32,767 characters would be half a GB held for one row.
 */
export const MAX_ROW_CHARS = 1 << 20;
/** Rows are padded to the used range (`<dimension>`, or the widest row so far) only up to this many columns (a hostile range of XFD would make every line 16 KB of commas). */
const MAX_PADDED_COLUMNS = 1024;
/** The handler asks for a pause once it holds this much text. */
const FULL_CHARS = 1 << 18;

export interface SheetStyles {
  /** Per cell format (a cell's `s`): how a number in it is a date, or null. */
  dateKinds: ReadonlyArray<DateKind | null>;
  date1904: boolean;
}

/** The shared strings; null when the workbook has no shared strings part. */
export type SharedStrings = readonly string[] | null;

const NEEDS_QUOTES = /[",\r\n]/;

export class SheetCsv implements XmlHandler {
  /** The sheet row being read (its `r`), or the last one read: for messages. */
  row = 0;
  private out = '';
  private nextRow = 1;
  private width = 0;
  private inSheetData = false;
  private inRow = false;
  // The cell being read.
  private inCell = false;
  private cellColumn = 0;
  private cellType = '';
  private cellStyle = 0;
  private inValue = false;
  private inInline = false;
  private inText = false;
  private phonetic = 0;
  private hasValue = false;
  private readonly value = new TextCollector(MAX_CELL_CHARS, (limit) => `cell ${this.cellName()} holds more than ${limit} characters, the most a cell can hold`);
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

  full(): boolean {
    return this.out.length >= FULL_CHARS;
  }

  open(tag: XmlTag): void {
    if (this.inCell) {
      if (tag.is('v')) {
        this.inValue = true;
        this.hasValue = true;
      } else if (tag.is('is')) {
        this.inInline = true;
        this.hasValue = true;
      } else if (this.inInline && tag.is('rPh')) this.phonetic++;
      else if (this.inInline && this.phonetic === 0 && tag.is('t')) this.inText = true;
    } else if (this.inRow) {
      if (tag.is('c')) this.startCell(tag);
    } else if (this.inSheetData) {
      if (tag.is('row')) this.startRow(tag);
    } else if (tag.is('sheetData')) this.inSheetData = true;
    else if (tag.is('dimension')) this.width = usedWidth(tag.attr('ref'));
  }

  close(tag: XmlTag): void {
    if (this.inCell) {
      if (tag.is('c')) this.endCell();
      else if (tag.is('v')) this.inValue = false;
      else if (tag.is('is')) this.inInline = false;
      else if (tag.is('rPh')) this.phonetic--;
      else if (tag.is('t')) this.inText = false;
    } else if (this.inRow) {
      if (tag.is('row')) this.endRow();
    } else if (this.inSheetData && tag.is('sheetData')) this.inSheetData = false;
  }

  text(bytes: Uint8Array, start: number, end: number, cdata: boolean): void {
    if (this.inValue || this.inText) this.value.append(bytes, start, end, cdata);
  }

  private startRow(tag: XmlTag): void {
    const at = tag.find('r');
    const row = at < 0 ? this.nextRow : wholeNumber(tag.buf, tag.valueStart(at), tag.valueEnd(at));
    if (row < 1) throw new WorkbookError(`has a row numbered "${excerpt(tag.attr('r'))}" after ${this.nextRow === 1 ? 'its start' : rowName(this.nextRow - 1)}: not a row number (rows are numbered from 1)`);
    if (row > MAX_SHEET_ROWS) throw new WorkbookError(`has a ${rowName(row)}, past the ${formatCount(MAX_SHEET_ROWS)} rows a sheet has`);
    if (row < this.nextRow) throw new WorkbookError(`has ${rowName(row)} after ${rowName(this.nextRow - 1)}: its rows are out of order`);
    // Rows the sheet leaves out are blank lines: each row keeps its number as its line number.
    if (row > this.nextRow) this.out += '\n'.repeat(row - this.nextRow);
    this.row = row;
    this.inRow = true;
    this.lastColumn = -1;
    this.rowChars = 0;
  }

  private endRow(): void {
    this.inRow = false;
    this.nextRow = this.row + 1;
    this.out += `${this.rowLine()}\n`;
  }

  private startCell(tag: XmlTag): void {
    const at = tag.find('r');
    let column = this.lastColumn + 1;
    if (at >= 0) {
      column = columnOfReference(tag.buf, tag.valueStart(at), tag.valueEnd(at));
      if (column < 0) throw new WorkbookError(`has a cell in ${rowName(this.row)} whose reference "${excerpt(tag.attr('r'))}" names no column`);
    }
    if (column >= MAX_SHEET_COLUMNS) throw new WorkbookError(`has more than ${formatCount(MAX_SHEET_COLUMNS)} columns in ${rowName(this.row)} (past column XFD, the last a sheet has)`);
    this.lastColumn = column;
    this.cellColumn = column;
    const type = tag.find('t');
    this.cellType = type < 0 ? 'n' : cellType(tag.buf, tag.valueStart(type), tag.valueEnd(type));
    const style = tag.find('s');
    this.cellStyle = style < 0 ? 0 : wholeNumber(tag.buf, tag.valueStart(style), tag.valueEnd(style));
    this.inCell = true;
    this.hasValue = false;
    this.phonetic = 0;
    this.value.clear();
  }

  private endCell(): void {
    this.inCell = false;
    this.inValue = false;
    this.inInline = false;
    this.inText = false;
    if (!this.hasValue) return;
    const text = this.cellText(this.value.take());
    if (text === '') return;
    this.rowChars += text.length + 1;
    if (this.rowChars > MAX_ROW_CHARS) throw new WorkbookError(`has more than ${formatCount(MAX_ROW_CHARS)} characters of text in ${rowName(this.row)}, far more than any CDR row`);
    this.columns.push(this.cellColumn);
    this.texts.push(text);
  }

  /** The cell's value as its CSV field's text (not quoted yet). */
  private cellText(raw: string): string {
    switch (this.cellType) {
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
        const kind = this.styles.dateKinds[this.cellStyle] ?? null;
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

  private cellName(): string {
    return `${columnName(this.cellColumn)}${this.row}`;
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

const CELL_TYPES = ['s', 'n', 'b', 'e', 'd', 'str', 'inlineStr'] as const;

/** A cell's type (18.18.11 ST_CellType) from its `t` bytes, without making a string of them per cell; '' when it is none of them. */
function cellType(buf: Uint8Array, start: number, end: number): string {
  for (const type of CELL_TYPES) {
    if (end - start !== type.length) continue;
    let k = 0;
    while (k < type.length && buf[start + k] === type.charCodeAt(k)) k++;
    if (k === type.length) return type;
  }
  return '';
}

/** A bit of the file's own text inside a message: short, its controls made visible (it is untrusted). */
const excerpt = (text: string | null) => escapeControls((text ?? '').trim().slice(0, 20));

function isAscending(columns: readonly number[]): boolean {
  for (let i = 1; i < columns.length; i++) if (columns[i]! <= columns[i - 1]!) return false;
  return true;
}

/** A whole number written in `buf` (digits and spaces around them); -1 when it is none. */
function wholeNumber(buf: Uint8Array, start: number, end: number): number {
  while (start < end && buf[start] === 0x20) start++;
  while (end > start && buf[end - 1] === 0x20) end--;
  if (start === end || end - start > 10) return -1;
  let n = 0;
  for (let i = start; i < end; i++) {
    const d = buf[i]! - 0x30;
    if (d < 0 || d > 9) return -1;
    n = n * 10 + d;
  }
  return n;
}

/** The columns of a `<dimension ref="A1:R120">` (18), when few enough to pad rows to; 0 otherwise. */
function usedWidth(ref: string | null): number {
  const last = ref?.split(':').pop();
  if (!last) return 0;
  const bytes = Uint8Array.from(last, (c) => c.charCodeAt(0) & 0xff);
  const column = columnOfReference(bytes, 0, bytes.length);
  return column >= 0 && column < MAX_PADDED_COLUMNS ? column + 1 : 0;
}
