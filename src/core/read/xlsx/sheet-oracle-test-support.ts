/**
 * A worksheet's XML read with `saxes` (a conforming, streaming XML parser from npm) instead of the
 * hand-written scanner: the same rows and cells handed to SheetRows in the same order as sheet-csv.ts
 * hands them; and the shared strings, as SharedStringsReader (workbook-parts.ts) reads them.
 * Imported by tests (the oracle the scanner is checked against) and bench/xlsx-scan.ts, never by
 * the app: saxes is a devDependency.
 *
 * Its attribute readers are written again here, on strings, rather than shared with sheet-csv.ts:
 * what is compared is the reading, so the two sides share nothing but SheetRows.
 */
import { SaxesParser, type SaxesTagPlain } from 'saxes';
import { MAX_SHEET_COLUMNS } from './cell-text';
import { MAX_CELL_CHARS } from './sheet-csv';
import type { SheetRows } from './sheet-rows';
import { WorkbookError, XmlError } from './workbook-errors';
import { unescapeCellText } from './xml-text';

const localName = (name: string) => name.slice(name.lastIndexOf(':') + 1);

/** A parser that refuses a DOCTYPE (saxes reads one and expands none of its entities: an undeclared one is an error; a workbook never has one). */
function parser(): SaxesParser<{ xmlns: false; position: false }> {
  const p = new SaxesParser<{ xmlns: false; position: false }>({ xmlns: false, position: false });
  p.on('doctype', () => {
    throw new XmlError('declares a document type (<!DOCTYPE)');
  });
  return p;
}

/** Feeds UTF-8 bytes to a parser as text, a chunk at a time (saxes takes strings). */
class Utf8Feed {
  private readonly decoder = new TextDecoder('utf-8');
  constructor(private readonly parser: SaxesParser<{ xmlns: false; position: false }>) {}

  push(chunk: Uint8Array): void {
    const text = this.decoder.decode(chunk, { stream: true });
    if (text) this.parser.write(text);
  }

  end(): void {
    const tail = this.decoder.decode();
    if (tail) this.parser.write(tail);
    this.parser.close();
  }
}

/** xl/sharedStrings.xml: each `<si>`'s `<t>` text (a rich text's runs joined, its phonetic guide `<rPh>` left out). */
export function saxesSharedStrings(xml: Uint8Array): string[] {
  const strings: string[] = [];
  const p = parser();
  let item: string | null = null;
  let inText = false;
  let phonetic = 0;
  p.on('opentag', (tag) => {
    const name = localName(tag.name);
    if (name === 'si') {
      item = '';
      phonetic = 0;
    } else if (item === null) return;
    else if (name === 'rPh') phonetic++;
    else if (name === 't' && phonetic === 0) inText = true;
  });
  p.on('closetag', (tag) => {
    const name = localName(tag.name);
    if (item === null) return;
    if (name === 't') inText = false;
    else if (name === 'rPh') phonetic--;
    else if (name === 'si') {
      strings.push(unescapeCellText(item));
      item = null;
    }
  });
  const text = (t: string) => {
    if (inText) item += t;
  };
  p.on('text', text);
  p.on('cdata', text);
  const feed = new Utf8Feed(p);
  feed.push(xml);
  feed.end();
  return strings;
}

export class SaxesSheet {
  private readonly parser = parser();
  private readonly feed = new Utf8Feed(this.parser);
  private inSheetData = false;
  private inRow = false;
  private inCell = false;
  private cellType = '';
  private cellStyle = 0;
  private inValue = false;
  private inInline = false;
  private inText = false;
  private phonetic = 0;
  private value: string | null = null;

  constructor(readonly rows: SheetRows) {
    this.parser.on('opentag', (tag) => this.open(tag));
    this.parser.on('closetag', (tag) => this.close(localName(tag.name)));
    this.parser.on('text', (text) => this.text(text));
    this.parser.on('cdata', (text) => this.text(text));
  }

  /** The next bytes of the sheet's XML (UTF-8). */
  push(chunk: Uint8Array): void {
    this.feed.push(chunk);
  }

  end(): void {
    this.feed.end();
  }

  private open(tag: SaxesTagPlain): void {
    const name = localName(tag.name);
    if (this.inCell) {
      if (name === 'v') {
        this.inValue = true;
        this.value ??= '';
      } else if (name === 'is') {
        this.inInline = true;
        this.value ??= '';
      } else if (this.inInline && name === 'rPh') this.phonetic++;
      else if (this.inInline && this.phonetic === 0 && name === 't') this.inText = true;
    } else if (this.inRow) {
      if (name === 'c') this.startCell(tag.attributes);
    } else if (this.inSheetData) {
      if (name === 'row') {
        const r = attribute(tag.attributes, 'r');
        this.rows.startRow(r === null ? null : wholeNumber(r), () => r);
        this.inRow = true;
      }
    } else if (name === 'sheetData') this.inSheetData = true;
    else if (name === 'dimension') this.rows.usedRange(attribute(tag.attributes, 'ref'));
  }

  private close(name: string): void {
    if (this.inCell) {
      if (name === 'c') this.endCell();
      else if (name === 'v') this.inValue = false;
      else if (name === 'is') this.inInline = false;
      else if (name === 'rPh') this.phonetic--;
      else if (name === 't') this.inText = false;
    } else if (this.inRow) {
      if (name === 'row') {
        this.inRow = false;
        this.rows.endRow();
      }
    } else if (this.inSheetData && name === 'sheetData') this.inSheetData = false;
  }

  private text(text: string): void {
    if (!this.inValue && !this.inText) return;
    this.value += text;
    if (this.value!.length > MAX_CELL_CHARS) throw new WorkbookError(`cell ${this.rows.cellName()} holds more than ${MAX_CELL_CHARS} characters`);
  }

  private startCell(attributes: Record<string, string>): void {
    const r = attribute(attributes, 'r');
    this.rows.startCell(r === null ? null : columnOf(r), () => r);
    const t = attribute(attributes, 't');
    this.cellType = t === null ? 'n' : CELL_TYPES.has(t) ? t : '';
    const s = attribute(attributes, 's');
    this.cellStyle = s === null ? 0 : wholeNumber(s);
    this.inCell = true;
    this.value = null;
    this.phonetic = 0;
  }

  private endCell(): void {
    this.inCell = false;
    this.inValue = false;
    this.inInline = false;
    this.inText = false;
    this.rows.endCell(this.cellType, this.cellStyle, this.value);
  }
}

/** The attribute whose local name is `name` (`x:r` is `r`); null when there is none. */
function attribute(attributes: Record<string, string>, name: string): string | null {
  const exact = attributes[name];
  if (exact !== undefined) return exact;
  for (const key in attributes) if (localName(key) === name) return attributes[key]!;
  return null;
}

const CELL_TYPES = new Set(['s', 'n', 'b', 'e', 'd', 'str', 'inlineStr']);

/** The column of a reference's letters ("AB12": 27), -1 when it starts with none, MAX_SHEET_COLUMNS past XFD. */
function columnOf(reference: string): number {
  const letters = /^[A-Za-z]*/.exec(reference)![0].toUpperCase();
  if (letters === '') return -1;
  let column = 0;
  for (const letter of letters) {
    column = column * 26 + letter.charCodeAt(0) - 64;
    if (column > MAX_SHEET_COLUMNS) return MAX_SHEET_COLUMNS;
  }
  return column - 1;
}

/** Digits with spaces around them, at most 10; -1 otherwise. */
function wholeNumber(text: string): number {
  const digits = /^ *(\d{1,10}) *$/.exec(text);
  return digits ? Number(digits[1]) : -1;
}
