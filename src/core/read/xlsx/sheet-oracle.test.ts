/**
 * The hand-written scanner (xml-scanner.ts, read by sheet-csv.ts and workbook-parts.ts) checked
 * against saxes, a conforming XML parser, as its oracle: random worksheets and shared strings,
 * written every way XML allows (entities
 * and character numbers, CDATA, comments, processing instructions, attributes in any order and
 * either quote, white space, a namespace prefix), must give SheetRows the same rows and cells, in
 * the same order, and the same shared strings, through both readers, whatever the chunks the
 * scanner is fed.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { SheetCsv } from './sheet-csv';
import { SaxesSheet, saxesSharedStrings } from './sheet-oracle-test-support';
import { SheetRows } from './sheet-rows';
import { WorkbookError } from './workbook-errors';
import { SharedStringsReader } from './workbook-parts';
import { XmlScanner } from './xml-scanner';

const MAIN = 'http://schemas.openxmlformats.org/spreadsheetml/2006/main';
const STRINGS = ['carrierA', 'carrier B', 'x & y'];

/** Every call SheetRows gets, as a line; the CSV is made as well. */
class RecordedRows extends SheetRows {
  readonly calls: string[] = [];
  constructor() {
    super({ dateKinds: [null, 'datetime', 'time'], date1904: false }, STRINGS);
  }
  override usedRange(ref: string | null): void {
    this.calls.push(`range ${JSON.stringify(ref)}`);
    super.usedRange(ref);
  }
  override startRow(row: number | null, written: () => string | null): void {
    this.calls.push(`row ${row}`);
    super.startRow(row, written);
  }
  override startCell(column: number | null, written: () => string | null): void {
    this.calls.push(`cell ${column}`);
    super.startCell(column, written);
  }
  override endCell(type: string, style: number, value: string | null): void {
    this.calls.push(`value ${JSON.stringify([type, style, value])}`);
    super.endCell(type, style, value);
  }
  override endRow(): void {
    this.calls.push('end row');
    super.endRow();
  }
}

interface Reading {
  calls: string[];
  csv: string;
  /** The error that stopped the reading, or null. */
  error: string | null;
}

function read(feed: (rows: RecordedRows) => void): Reading {
  const rows = new RecordedRows();
  let csv = '';
  try {
    feed(rows);
    csv = rows.take();
    return { calls: rows.calls, csv, error: null };
  } catch (e) {
    // What SheetRows refuses is said the same way through both; an XML error only by its kind.
    return { calls: rows.calls, csv, error: e instanceof WorkbookError ? e.message : 'not well-formed' };
  }
}

/** The scanner's reading, its bytes fed in pieces of `pieceBytes`. */
const byScanner = (xml: Uint8Array, pieceBytes: number): Reading =>
  read((rows) => {
    const sheet = new SheetCsv(rows);
    const scanner = new XmlScanner(sheet);
    for (let i = 0; i < xml.length; i += pieceBytes) scanner.push(xml.slice(i, i + pieceBytes));
    scanner.end();
  });

const bySaxes = (xml: Uint8Array): Reading =>
  read((rows) => {
    const sheet = new SaxesSheet(rows);
    sheet.push(xml);
    sheet.end();
  });

// ---- random worksheets ----------------------------------------------------------------------

interface CellModel {
  /** Its reference written (the column's letters and the row), or left out. */
  reference: boolean;
  column: number;
  type: string | null;
  style: string | null;
  formula: string | null;
  value: { v: string } | { runs: string[]; phonetic: string | null } | null;
  /** Other attributes a writer adds (ignored by the reading). */
  extra: boolean;
}

interface RowModel {
  number: number;
  numbered: boolean;
  cells: CellModel[];
}

/** Characters a cell's text is made of: markup, quotes, commas, line ends (CR LF, a lone CR), non-ASCII, an astral one, ST_Xstring's escape. */
const TEXT_UNITS = ['a', 'Z', '7', ' ', '&', '<', '>', '"', "'", ',', '\n', '\r\n', '\r', '\t', 'é', '’', '😀', ']', '_x000D_', '&amp;', ';', '#'];

const text = fc.array(fc.constantFrom(...TEXT_UNITS), { maxLength: 8 }).map((units) => units.join(''));

const cell: fc.Arbitrary<Omit<CellModel, 'column'> & { gap: number }> = fc.record({
  gap: fc.nat({ max: 3 }),
  reference: fc.boolean(),
  type: fc.option(fc.constantFrom('s', 'n', 'b', 'e', 'str', 'inlineStr', 'd', 'bogus'), { nil: null }),
  style: fc.option(fc.constantFrom('0', '1', '2', ' 2 ', '\t2', '2\n', '2\r\n', '9', 'x'), { nil: null }),
  formula: fc.option(text, { nil: null }),
  value: fc.option(
    fc.oneof(
      fc.oneof(text, fc.constantFrom('0', '2', '15551234567', '42087.5', '0.25', '1', '-3e2')).map((v) => ({ v })),
      fc.record({ runs: fc.array(text, { minLength: 1, maxLength: 3 }), phonetic: fc.option(text, { nil: null }) }),
    ),
    { nil: null },
  ),
  extra: fc.boolean(),
});

const row = fc.record({ gap: fc.nat({ max: 2 }), numbered: fc.boolean(), cells: fc.array(cell, { maxLength: 5 }) });

const sheetModel = fc.array(row, { maxLength: 6 }).map((rows) => {
  let number = 0;
  return rows.map((r): RowModel => {
    number += r.numbered ? 1 + r.gap : 1;
    let column = -1;
    const cells = r.cells.map(({ gap, ...c }): CellModel => {
      column += c.reference ? 1 + gap : 1;
      // A shared string's value is its number (most of the time: one that is none stops the reading).
      const value = c.type === 's' && c.value && 'v' in c.value && c.value.v.length % 5 !== 4 ? { v: String(c.value.v.length % STRINGS.length) } : c.value;
      return { ...c, column, value };
    });
    return { number, numbered: r.numbered, cells };
  });
});

/** How the XML is written: each choice drawn from a seeded generator (mulberry32), so a failure replays. */
class Writer {
  private a: number;
  constructor(
    seed: number,
    private readonly prefix: string,
  ) {
    this.a = seed >>> 0;
  }

  private next(): number {
    this.a = (this.a + 0x6d2b79f5) >>> 0;
    let t = this.a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  }

  chance(p: number): boolean {
    return this.next() < p;
  }

  private pick<T>(items: readonly T[]): T {
    return items[Math.floor(this.next() * items.length)]!;
  }

  /** White space where markup allows it (between attributes, around `=`, before `>`). */
  private space(required: boolean): string {
    const s = this.chance(0.3) ? this.pick([' ', '  ', '\t', '\n', '\r\n', ' \n ']) : '';
    return required && s === '' ? ' ' : s;
  }

  /** Comments and processing instructions between elements, now and then. */
  misc(): string {
    if (!this.chance(0.15)) return '';
    return this.pick(['<!-- a comment -->', '<!---->', '<?pi data?>', '<?x?>', '<!-- <c r="Z9"><v>1</v></c> -->']);
  }

  /** One character as XML text: itself, an entity, or a character number (decimal or hex). */
  private char(c: string, inAttribute: string | null): string {
    const code = c.codePointAt(0)!;
    const roll = this.next();
    if (roll < 0.25) return `&#${code};`;
    if (roll < 0.45) return `&#x${code.toString(16)};`;
    const named: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&apos;' };
    if (named[c] && (roll < 0.7 || c === '&' || c === '<' || c === '>' || c === inAttribute)) return named[c];
    return c;
  }

  /** Text content: in pieces, each escaped character by character or as a CDATA section, comments between. */
  text(value: string): string {
    let out = '';
    const chars = [...value];
    for (let i = 0; i < chars.length; ) {
      const n = 1 + Math.floor(this.next() * 4);
      const piece = chars.slice(i, i + n).join('');
      i += n;
      if (this.chance(0.2) && !piece.includes(']]>')) out += `<![CDATA[${piece}]]>`;
      else out += [...piece].map((c) => this.char(c, null)).join('');
      if (this.chance(0.1)) out += this.pick(['<!--x-->', '<?p?>']);
    }
    return out;
  }

  private attribute(name: string, value: string): string {
    const quote = this.chance(0.5) ? '"' : "'";
    return `${name}${this.space(false)}=${this.space(false)}${quote}${[...value].map((c) => this.char(c, quote)).join('')}${quote}`;
  }

  /** A start tag, its attributes in an order of the writer's choosing; `empty`: written `<x/>` and nothing follows. */
  private startTag(name: string, attributes: Array<[string, string]>, empty: boolean): string {
    const shuffled = [...attributes];
    for (let i = shuffled.length - 1; i > 0; i--) {
      const k = Math.floor(this.next() * (i + 1));
      [shuffled[i], shuffled[k]] = [shuffled[k]!, shuffled[i]!];
    }
    const attrs = shuffled.map(([n, v]) => `${this.space(true)}${this.attribute(n, v)}`).join('');
    return `<${this.prefix}${name}${attrs}${this.space(false)}${empty ? '/>' : '>'}`;
  }

  /** An element: `<name …>inner</name>`, or `<name …/>` when it has nothing inside and the writer likes. */
  element(name: string, attributes: Array<[string, string]>, inner: string): string {
    if (inner === '' && this.chance(0.5)) return this.startTag(name, attributes, true);
    return `${this.startTag(name, attributes, false)}${inner}</${this.prefix}${name}${this.space(false)}>`;
  }
}

const columnLetters = (column: number): string => {
  let name = '';
  for (let n = column + 1; n > 0; n = Math.floor((n - 1) / 26)) name = String.fromCharCode(65 + ((n - 1) % 26)) + name;
  return name;
};

function worksheetXml(rows: readonly RowModel[], w: Writer, options: { prefix: string; dimension: string | null; declaration: boolean }): string {
  const el = (name: string, attributes: Array<[string, string]>, inner: string) => w.element(name, attributes, inner);
  const cellXml = (c: CellModel, rowNumber: number): string => {
    const attributes: Array<[string, string]> = [];
    if (c.reference) attributes.push(['r', `${columnLetters(c.column)}${rowNumber}`]);
    if (c.type !== null) attributes.push(['t', c.type]);
    if (c.style !== null) attributes.push(['s', c.style]);
    if (c.extra) attributes.push(['cm', '1'], ['x14ac:note', 'a "quoted" <b> & c']);
    let inner = c.formula !== null ? el('f', [], w.text(c.formula)) : '';
    if (c.value && 'v' in c.value) inner += el('v', [], w.text(c.value.v));
    else if (c.value) {
      const runs = c.value.runs;
      const body =
        runs.length === 1 && w.chance(0.5)
          ? el('t', [['xml:space', 'preserve']], w.text(runs[0]!))
          : runs.map((t, k) => el('r', [], (k === 0 ? el('rPr', [], el('b', [], '')) : '') + el('t', [], w.text(t)))).join('');
      inner += el('is', [], body + (c.value.phonetic !== null ? el('rPh', [['sb', '0'], ['eb', '1']], el('t', [], w.text(c.value.phonetic))) : ''));
    }
    return w.misc() + el('c', attributes, inner);
  };
  const rowsXml = rows.map((r) => w.misc() + el('row', r.numbered ? [['r', String(r.number)], ['spans', '1:5']] : [], r.cells.map((c) => cellXml(c, r.number)).join(''))).join('');
  const ns: Array<[string, string]> = options.prefix ? [[`xmlns:${options.prefix.slice(0, -1)}`, MAIN]] : [['xmlns', MAIN]];
  ns.push(['xmlns:x14ac', 'http://schemas.microsoft.com/office/spreadsheetml/2009/9/ac']);
  const inner =
    (options.dimension !== null ? el('dimension', [['ref', options.dimension]], '') : '') +
    el('sheetViews', [], el('sheetView', [['workbookViewId', '0']], '')) +
    w.misc() +
    el('sheetData', [], rowsXml) +
    el('pageMargins', [['left', '0.7']], '');
  return `${options.declaration ? '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n' : ''}${w.misc()}${el('worksheet', ns, inner)}${w.misc()}\n`;
}

const written = fc.record({
  rows: sheetModel,
  seed: fc.integer(),
  prefix: fc.constantFrom('', 'x:', 'main:'),
  dimension: fc.option(fc.constantFrom('A1:E9', 'A1', 'C3:B2', ''), { nil: null }),
  declaration: fc.boolean(),
  pieceBytes: fc.integer({ min: 1, max: 64 }),
});

describe('the scanner reads a worksheet as saxes does', () => {
  it('the same rows, cells, types, styles and values, in the same order, in any chunks', () => {
    fc.assert(
      fc.property(written, ({ rows, seed, prefix, dimension, declaration, pieceBytes }) => {
        const text = worksheetXml(rows, new Writer(seed, prefix), { prefix, dimension, declaration });
        const xml = new TextEncoder().encode(text);
        expect(byScanner(xml, pieceBytes), JSON.stringify(text)).toEqual(bySaxes(xml));
      }),
      { numRuns: 1000 },
    );
  });

  it('a worksheet cut short anywhere: the same rows up to the cut, then refused as saxes refuses it', () => {
    fc.assert(
      fc.property(written, fc.double({ min: 0, max: 1, noNaN: true }), ({ rows, seed, prefix, dimension, declaration, pieceBytes }, where) => {
        const text = worksheetXml(rows, new Writer(seed, prefix), { prefix, dimension, declaration });
        const xml = new TextEncoder().encode(text);
        const cut = xml.subarray(0, Math.floor(where * new TextEncoder().encode(text.slice(0, text.lastIndexOf('>'))).length));
        const scanner = byScanner(cut, pieceBytes);
        expect(scanner.error).not.toBeNull();
        expect(scanner, JSON.stringify(new TextDecoder().decode(cut))).toEqual(bySaxes(cut));
      }),
      { numRuns: 500 },
    );
  });

  it('a worksheet with one character taken out or put in: what saxes reads, the scanner reads the same', () => {
    const damage = fc.record({ at: fc.double({ min: 0, max: 1, noNaN: true }), insert: fc.option(fc.constantFrom('<', '>', '&', '"', "'", '/', '=', ']', ' ', 'x', ':'), { nil: null }) });
    fc.assert(
      fc.property(written, damage, ({ rows, seed, prefix, dimension, declaration, pieceBytes }, { at, insert }) => {
        const text = worksheetXml(rows, new Writer(seed, prefix), { prefix, dimension, declaration });
        const k = Math.floor(at * text.length);
        const damaged = insert === null ? text.slice(0, k) + text.slice(k + 1) : text.slice(0, k) + insert + text.slice(k);
        const xml = new TextEncoder().encode(damaged);
        const oracle = bySaxes(xml);
        if (oracle.error === 'not well-formed') return;
        expect(byScanner(xml, pieceBytes), JSON.stringify(damaged)).toEqual(oracle);
      }),
      // Most damage makes the XML not well-formed (saxes refuses it, and nothing is compared): about 1 in 15 is read.
      { numRuns: 5000 },
    );
  });

  it('the same shared strings: plain, rich-text runs, phonetic guides left out, in any chunks', () => {
    const item = fc.record({ runs: fc.array(text, { minLength: 1, maxLength: 3 }), rich: fc.boolean(), phonetic: fc.option(text, { nil: null }) });
    const sst = fc.record({ items: fc.array(item, { maxLength: 6 }), seed: fc.integer(), prefix: fc.constantFrom('', 'x:'), pieceBytes: fc.integer({ min: 1, max: 64 }) });
    fc.assert(
      fc.property(sst, ({ items, seed, prefix, pieceBytes }) => {
        const w = new Writer(seed, prefix);
        const si = items.map(({ runs, rich, phonetic }) => {
          const body = rich || runs.length > 1 ? runs.map((t) => w.element('r', [], w.element('rPr', [], w.element('b', [], '')) + w.element('t', [], w.text(t)))).join('') : w.element('t', [['xml:space', 'preserve']], w.text(runs[0]!));
          return w.misc() + w.element('si', [], body + (phonetic !== null ? w.element('rPh', [['sb', '0'], ['eb', '1']], w.element('t', [], w.text(phonetic))) : ''));
        });
        const ns: Array<[string, string]> = [[prefix ? `xmlns:${prefix.slice(0, -1)}` : 'xmlns', MAIN], ['count', String(items.length)]];
        const xmlText = `<?xml version="1.0" encoding="UTF-8"?>\n${w.element('sst', ns, si.join(''))}`;
        const xml = new TextEncoder().encode(xmlText);
        const reader = new SharedStringsReader();
        const scanner = new XmlScanner(reader);
        for (let i = 0; i < xml.length; i += pieceBytes) scanner.push(xml.slice(i, i + pieceBytes));
        scanner.end();
        expect(reader.strings, JSON.stringify(xmlText)).toEqual(saxesSharedStrings(xml));
      }),
      { numRuns: 1000 },
    );
  });
});
