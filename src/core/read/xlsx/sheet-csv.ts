/**
 * A worksheet's XML (ECMA-376 Part 1, 18.3.1: sheetData › row › c › v | is) read for its rows and
 * cells: each row's number, each cell's reference, type, style and value text, handed in document
 * order to SheetRows (sheet-rows.ts), which makes the CSV text. Attributes are read from the
 * scanner's bytes, without a string per cell unless one holds an entity or white space to normalize.
 */
import { columnOfReference } from './cell-text';
import type { SheetRows } from './sheet-rows';
import type { XmlHandler, XmlTag } from './xml-scanner';
import { decodeXmlAttribute, TextCollector } from './xml-text';

/** The most characters one cell holds in Excel (its specifications and limits). */
export const MAX_CELL_CHARS = 32767;

export class SheetCsv implements XmlHandler {
  private inSheetData = false;
  private inRow = false;
  // The cell being read.
  private inCell = false;
  private cellType = '';
  private cellStyle = 0;
  private inValue = false;
  private inInline = false;
  private inText = false;
  private phonetic = 0;
  private hasValue = false;
  private readonly value: TextCollector;
  /** The tag at hand, while a row or cell starts: its `r` is read from it only for a message. */
  private tag: XmlTag | null = null;
  private readonly writtenReference = () => this.tag?.attr('r') ?? null;

  constructor(readonly rows: SheetRows) {
    this.value = new TextCollector(MAX_CELL_CHARS, (limit) => `cell ${rows.cellName()} holds more than ${limit} characters, the most a cell can hold`);
  }

  full(): boolean {
    return this.rows.full();
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
    else if (tag.is('dimension')) this.rows.usedRange(tag.attr('ref'));
  }

  close(tag: XmlTag): void {
    if (this.inCell) {
      if (tag.is('c')) this.endCell();
      else if (tag.is('v')) this.inValue = false;
      else if (tag.is('is')) this.inInline = false;
      else if (tag.is('rPh')) this.phonetic--;
      else if (tag.is('t')) this.inText = false;
    } else if (this.inRow) {
      if (tag.is('row')) {
        this.inRow = false;
        this.rows.endRow();
      }
    } else if (this.inSheetData && tag.is('sheetData')) this.inSheetData = false;
  }

  text(bytes: Uint8Array, start: number, end: number, cdata: boolean): void {
    if (this.inValue || this.inText) this.value.append(bytes, start, end, cdata);
  }

  private startRow(tag: XmlTag): void {
    const at = tag.find('r');
    this.tag = tag;
    this.rows.startRow(at < 0 ? null : attributeValue(tag, at, wholeNumber), this.writtenReference);
    this.tag = null;
    this.inRow = true;
  }

  private startCell(tag: XmlTag): void {
    const at = tag.find('r');
    this.tag = tag;
    this.rows.startCell(at < 0 ? null : attributeValue(tag, at, columnOfReference), this.writtenReference);
    this.tag = null;
    const type = tag.find('t');
    this.cellType = type < 0 ? 'n' : attributeValue(tag, type, cellType);
    const style = tag.find('s');
    this.cellStyle = style < 0 ? 0 : attributeValue(tag, style, wholeNumber);
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
    this.rows.endCell(this.cellType, this.cellStyle, this.hasValue ? this.value.take() : null);
  }
}

/**
 * The attribute's value, read by `read` from its bytes as they stand; where it holds an entity, a
 * character number (`r="&#x42;2"` is B2), a tab or a line end (a space, to XML), from the text XML
 * reads in it, encoded again.
 */
function attributeValue<T>(tag: XmlTag, i: number, read: (buf: Uint8Array, start: number, end: number) => T): T {
  const { buf } = tag;
  const start = tag.valueStart(i);
  const end = tag.valueEnd(i);
  for (let k = start; k < end; k++) {
    const b = buf[k]!;
    if (b === AMPERSAND || b === TAB || b === LF || b === CR) {
      const decoded = UTF8.encode(decodeXmlAttribute(buf, start, end));
      return read(decoded, 0, decoded.length);
    }
  }
  return read(buf, start, end);
}

const AMPERSAND = 0x26;
const TAB = 0x09;
const LF = 0x0a;
const CR = 0x0d;
const UTF8 = new TextEncoder();

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
