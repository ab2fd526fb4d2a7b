/**
 * An Excel workbook (.xlsx) is read as the CSV its first worksheet gives, through the same detection
 * and parsers as a CSV file. Every workbook here is written part by part in the test
 * (xlsx-test-support.ts): the XML read is the XML on the page.
 */
import { describe, expect, it } from 'vitest';
import type { CallRecord } from '../model/call-record';
import { parseWallTime } from '../model/wall-time';
import { buildZip } from '../read/zip/zip-test-support';
import { buildXlsx, escapeXml, styles, worksheet, type TestWorkbook } from '../read/xlsx/xlsx-test-support';
import { CallStore } from '../analysis/call-store';
import { ingestBlob } from './ingest-file';
import { inProcessPool } from './pieces/in-process-pool';
import { openBlob } from './open-file';

async function ingest(bytes: Uint8Array | string, fileName: string, sliceBytes?: number) {
  const records: CallRecord[] = [];
  const result = await ingestBlob(new Blob([bytes as BlobPart]), { fileName, sliceBytes }, (r) => records.push(r));
  return { result, records };
}

/** The CSV text a workbook's sheet gives (what the readers read), or the reason it gives none. */
async function sheetText(book: TestWorkbook, sliceBytes?: number): Promise<string> {
  const open = await openBlob(new Blob([await buildXlsx(book)]), { fileName: 'Book1.xlsx', onBytes: () => {}, sliceBytes });
  if ('unopened' in open) return `unopened: ${open.unopened.error}`;
  const chunks = [...open.opened.first];
  for (let next = await open.opened.rest?.next(); next && !next.done; next = await open.opened.rest?.next()) chunks.push(next.value);
  return new TextDecoder().decode(Buffer.concat(chunks));
}

const GENERAL_AND_DATE = styles([0, 22]); // s="1": built-in 22, m/d/yyyy h:mm (minutes shown, seconds stored)

/**
 * A Master.csv (17 columns: loguniqueid, no userfield) of four calls, two trunks. As Excel saves it
 * in a workbook: texts in shared strings, numbers (a phone number, durations, the uniqueid) as
 * numbers, times as date serials styled m/d/yyyy h:mm.
 */
const MASTER_ROWS: string[][] = [
  ['', '1500', '15551234567', 'from-internal', '"Desk" <1500>', 'SIP/1500-00000001', 'SIP/carrierA-00000002', 'Dial', 'SIP/carrierA/15551234567,60', '2015-03-24 15:44:02', '2015-03-24 15:44:09', '2015-03-24 15:45:10', '68', '61', 'ANSWERED', 'DOCUMENTATION', '1427211842.1'],
  ['', '1500', '15551234568', 'from-internal', '"Desk" <1500>', 'SIP/1500-00000003', 'SIP/carrierA-00000004', 'Dial', 'SIP/carrierA/15551234568,60', '2015-03-24 15:44:31', '', '2015-03-24 15:44:33', '2', '0', 'FAILED', 'DOCUMENTATION', '1427211871.5'],
  ['', '1501', '15551234569', 'from-internal', '"Lab" <1501>', 'SIP/1501-00000005', 'SIP/carrierB-00000006', 'Dial', 'SIP/carrierB/15551234569,60', '2015-03-24 15:45:59', '', '2015-03-24 15:46:04', '5', '0', 'BUSY', 'DOCUMENTATION', '1427211959.9'],
  ['', '1501', '15551234570', 'from-internal', '"Lab" <1501>', 'SIP/1501-00000007', 'SIP/carrierB-00000008', 'Dial', 'SIP/carrierB/15551234570,60', '2015-03-24 23:59:59', '', '2015-03-25 00:00:29', '30', '0', 'NO ANSWER', 'DOCUMENTATION', '1427241599.12'],
];

const masterCsv = (rows: string[][]) => `${rows.map((r) => r.map((f) => (f === '' || /^\d/.test(f) && !f.includes(' ') ? f : `"${f.replace(/"/g, '""')}"`)).join(',')).join('\n')}\n`;

/** The rows as a sheet: each text once in the shared strings, numbers as numbers, times as serials (days since 1899-12-30) in style 1. */
function masterWorkbook(rows: string[][]): TestWorkbook {
  const strings: string[] = [];
  const cell = (text: string, ref: string): string => {
    if (text === '') return '';
    const time = /^(\d{4})-(\d\d)-(\d\d) (\d\d):(\d\d):(\d\d)$/.exec(text);
    if (time) {
      const [, y, mo, d, h, mi, s] = time.map(Number) as [number, number, number, number, number, number, number];
      return `<c r="${ref}" s="1"><v>${(Date.UTC(y, mo - 1, d, h, mi, s) - Date.UTC(1899, 11, 30)) / 86_400_000}</v></c>`;
    }
    if (/^\d+(\.\d+)?$/.test(text)) return `<c r="${ref}"><v>${Number(text)}</v></c>`;
    if (!strings.includes(text)) strings.push(text);
    return `<c r="${ref}" t="s"><v>${strings.indexOf(text)}</v></c>`;
  };
  const letters = 'ABCDEFGHIJKLMNOPQ';
  const xml = rows.map((r, k) => `<row r="${k + 1}">${r.map((f, c) => cell(f, `${letters[c]}${k + 1}`)).join('')}</row>`).join('');
  return { sheets: [{ name: 'Master', xml: worksheet(xml, { dimension: `A1:Q${rows.length}` }) }], sharedStrings: strings, styles: GENERAL_AND_DATE };
}

describe('an .xlsx of a Master.csv', () => {
  it('gives the calls the CSV gives: trunks, dispositions, numbers and start times to the second', async () => {
    const csv = await ingest(masterCsv(MASTER_ROWS), 'Master.csv');
    const xlsx = await ingest(await buildXlsx(masterWorkbook(MASTER_ROWS)), 'Master.xlsx');
    expect(csv.result.error).toBeNull();
    expect(xlsx.result.error).toBeNull();
    expect(xlsx.result.format?.id).toBe('asterisk-cdr-csv');
    expect(xlsx.result.sheet).toEqual({ name: 'Master', otherSheets: 0 });
    expect(xlsx.result.rows).toEqual({ read: 4, used: 4, skipped: 0, headerLines: 0 });
    expect(xlsx.result.trunks).toEqual([
      { name: 'carrierA', calls: 2 },
      { name: 'carrierB', calls: 2 },
    ]);
    // By hand: the rows' own starts, the phone number as digits, the uniqueid as written.
    expect(xlsx.records.map((r) => [r.startMs, r.trunk, r.reason, r.destination, r.callId])).toEqual([
      [parseWallTime('2015-03-24 15:44:02'), 'carrierA', 'ANSWERED', '15551234567', '1427211842.1'],
      [parseWallTime('2015-03-24 15:44:31'), 'carrierA', 'FAILED', '15551234568', '1427211871.5'],
      [parseWallTime('2015-03-24 15:45:59'), 'carrierB', 'BUSY', '15551234569', '1427211959.9'],
      [parseWallTime('2015-03-24 23:59:59'), 'carrierB', 'NO ANSWER', '15551234570', '1427241599.12'],
    ]);
    expect(xlsx.records).toEqual(csv.records);
    expect(xlsx.result.trunks).toEqual(csv.result.trunks);
  });

  it('reads the same read in 1-byte to 7-byte slices (tags, entities and UTF-8 cut everywhere)', async () => {
    const whole = await ingest(await buildXlsx(masterWorkbook(MASTER_ROWS)), 'Master.xlsx');
    expect(whole.records).toHaveLength(4);
    for (const sliceBytes of [1, 7]) {
      const sliced = await ingest(await buildXlsx(masterWorkbook(MASTER_ROWS)), 'Master.xlsx', sliceBytes);
      expect(sliced.records).toEqual(whole.records);
    }
  });

  it('a long sheet streams: 3,000 calls as the CSV of them, read while the sheet pauses for its text', async () => {
    const rows = Array.from({ length: 3000 }, (_, k) => {
      const row = [...MASTER_ROWS[k % 4]!];
      const second = 1427211842 + k;
      row[9] = new Date(second * 1000).toISOString().slice(0, 19).replace('T', ' ');
      row[10] = '';
      row[11] = row[9];
      // A uniqueid's digits after the dot never end in 0 here: stored as a number (as Excel stores it
      // when it opens the CSV) 1427211852.10 is 1427211852.1, in the workbook itself.
      row[16] = `${second}.${2 * k + 1}`;
      // Each call its own long channel name, so that the CSV passes many times the sheet's pause size.
      row[5] = `SIP/1500-${String(k).padStart(8, '0')}${'x'.repeat(200)}`;
      return row;
    });
    const csv = await ingest(masterCsv(rows), 'Master.csv');
    const xlsx = await ingest(await buildXlsx(masterWorkbook(rows)), 'Master.xlsx');
    expect(xlsx.result.rows).toEqual({ read: 3000, used: 3000, skipped: 0, headerLines: 0 });
    expect(xlsx.records).toEqual(csv.records);
    // Parsed in pieces on a pool, as the CSV text is (the sheet's CSV made here, one stream, as a .gz's text is).
    const store = new CallStore();
    const pieces = await ingestBlob(new Blob([await buildXlsx(masterWorkbook(rows))]), { fileName: 'Master.xlsx', pool: inProcessPool(), pieceBytes: 64 << 10, store });
    expect(pieces.pieces).toBeGreaterThan(1);
    expect([pieces.error, pieces.rows, pieces.trunks]).toEqual([null, xlsx.result.rows, xlsx.result.trunks]);
    expect(Array.from({ length: store.length }, (_, i) => store.startMs[i])).toEqual(csv.records.map((r) => r.startMs));
  }, 30_000);
});

describe('cells as Save As CSV writes them', () => {
  it('keeps each cell at its column (A1, C1: B1 is an empty field) and each row at its line (a missing row is a blank line)', async () => {
    const xml = worksheet('<row r="1"><c r="A1" t="inlineStr"><is><t>a</t></is></c><c r="C1" t="inlineStr"><is><t>c</t></is></c></row><row r="3"><c r="B3"><v>2</v></c></row>');
    // Row 3 (B3 only) is padded to row 1's three columns.
    expect(await sheetText({ sheets: [{ name: 'S', xml }] })).toBe('a,,c\n\n,2,\n');
  });

  it('reads r, t and s written with character numbers as XML reads them (r="&#x42;2" is B2, s="&#49;" is 1)', async () => {
    const xml = worksheet('<row r="&#50;"><c r="&#x42;2" t="&#105;nlineStr"><is><t>b</t></is></c><c r="C&#50;" s="&#49;"><v>42087.5</v></c></row>');
    // Row 2 only: line 1 is blank; B2 and C2 (a date in style 1).
    expect(await sheetText({ sheets: [{ name: 'S', xml }], styles: GENERAL_AND_DATE })).toBe('\n,b,2015-03-24 12:00:00\n');
  });

  it('reads a tab or a line end inside an attribute as XML does, as a space (a style of TAB 1 is style 1, a sheet name Calls TAB Today is "Calls Today")', async () => {
    const xml = worksheet('<row r="1"><c r="A1" s="\t1"><v>42087.5</v></c><c r="B1" s="1\r\n"><v>42087.5</v></c></row>');
    const book: TestWorkbook = { sheets: [{ name: 'Calls\tToday', xml }], styles: GENERAL_AND_DATE };
    // Both cells in style 1 (a date), as " 1" and "1 " are.
    expect(await sheetText(book)).toBe('2015-03-24 12:00:00,2015-03-24 12:00:00\n');
    const open = await openBlob(new Blob([await buildXlsx(book)]), { fileName: 'Book1.xlsx', onBytes: () => {} });
    expect('opened' in open && open.opened.sheet?.name).toBe('Calls Today');
  });

  it('pads rows to the used range (<dimension>), as Excel does', async () => {
    const xml = worksheet('<row r="1"><c r="A1"><v>1</v></c></row><row r="2"><c r="B2"><v>2</v></c></row>', { dimension: 'A1:D2' });
    expect(await sheetText({ sheets: [{ name: 'S', xml }] })).toBe('1,,,\n,2,,\n');
  });

  it('without a used range, pads rows to the widest row so far (a header of 4 columns, a row of 2 values)', async () => {
    const header = ['Start', 'Trunk', 'Code', 'Note'].map((t, c) => `<c r="${'ABCD'[c]}1" t="inlineStr"><is><t>${t}</t></is></c>`).join('');
    const xml = worksheet(`<row r="1">${header}</row><row r="2"><c r="B2"><v>5</v></c></row>`);
    expect(await sheetText({ sheets: [{ name: 'S', xml }] })).toBe('Start,Trunk,Code,Note\n,5,,\n');
  });

  it('reads shared strings (plain, rich-text runs, phonetic guide left out) and inline strings alike', async () => {
    const sharedStrings =
      '<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">' +
      '<si><t>carrierA</t></si>' +
      '<si><r><rPr><b/></rPr><t>carr</t></r><r><t xml:space="preserve">ier B</t></r><rPh sb="0" eb="1"><t>KANA</t></rPh></si>' +
      '<si><t>line_x000D_\nbreak, "quoted"</t></si>' +
      '</sst>';
    const shared = '<row r="1"><c r="A1" t="s"><v>0</v></c><c r="B1" t="s"><v>1</v></c><c r="C1" t="s"><v>2</v></c></row>';
    const inline =
      '<row r="1"><c r="A1" t="inlineStr"><is><t>carrierA</t></is></c>' +
      '<c r="B1" t="inlineStr"><is><r><t>carr</t></r><r><t>ier B</t></r><rPh><t>KANA</t></rPh></is></c>' +
      '<c r="C1" t="inlineStr"><is><t>line_x000D_\nbreak, &quot;quoted&quot;</t></is></c></row>';
    // The cell's line break (_x000D_ and a line feed: one CR LF) is a space: its row stays one line.
    const expected = 'carrierA,carrier B,"line break, ""quoted"""\n';
    expect(await sheetText({ sheets: [{ name: 'S', xml: worksheet(shared) }], sharedStrings })).toBe(expected);
    expect(await sheetText({ sheets: [{ name: 'S', xml: worksheet(inline) }] })).toBe(expected);
  });

  it('reads a CR LF or a lone CR written in text as one line break, as XML reads it (a CR itself is _x000D_), in any slices: a space on the row\'s one line', async () => {
    const xml = worksheet('<row r="1"><c r="A1" t="inlineStr"><is><t>a\r\nb\rc</t></is></c><c r="B1" t="s"><v>0</v></c><c r="C1" t="inlineStr"><is><t>d<![CDATA[\r]]>\ne</t></is></c></row>');
    const sharedStrings = '<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><si><t>x\r\ny</t></si></sst>';
    // A1 "a", break, "b", break, "c"; B1 "x", break, "y"; C1: the CR in CDATA is a break of its own, the LF after it
    // another. Each break is one space (a cell's line breaks: sheet-rows.ts), two for C1's two.
    const expected = 'a b c,x y,d  e\n';
    for (const sliceBytes of [undefined, 1]) expect(await sheetText({ sheets: [{ name: 'S', xml }], sharedStrings }, sliceBytes)).toBe(expected);
  });

  it('numbers as digits, booleans, errors, formulas by their cached value, ISO dates', async () => {
    const xml = worksheet(
      '<row r="1"><c r="A1"><v>15551234567</v></c><c r="B1"><v>0.30000000000000004</v></c><c r="C1" t="b"><v>1</v></c><c r="D1" t="e"><v>#N/A</v></c>' +
        '<c r="E1"><f>B1*10</f><v>3</v></c><c r="F1" t="str"><f>"x"&amp;"y"</f><v>xy</v></c><c r="G1" t="d"><v>2015-03-24T15:44:02</v></c><c r="H1"><f>NOW()</f></c></row>',
    );
    expect(await sheetText({ sheets: [{ name: 'S', xml }] })).toBe('15551234567,0.3,TRUE,#N/A,3,xy,2015-03-24 15:44:02\n');
  });

  it('dates by their style: built-in and custom formats, seconds kept; the 1904 date system', async () => {
    // s=1: 22 (m/d/yyyy h:mm), s=2: custom "h:mm" (a time), s=3: "0.00" (a number), s=4: [h]:mm:ss.
    const book = (date1904: boolean): TestWorkbook => ({
      date1904,
      styles: styles([0, 22, 164, 165, 46], { 164: 'h:mm', 165: '0.00' }),
      sheets: [{ name: 'S', xml: worksheet('<row r="1"><c r="A1" s="1"><v>42087.5</v></c><c r="B1" s="2"><v>0.0625</v></c><c r="C1" s="3"><v>42087.5</v></c><c r="D1" s="4"><v>1.25</v></c><c r="E1"><v>42087.5</v></c></row>') }],
    });
    expect(await sheetText(book(false))).toBe('2015-03-24 12:00:00,01:30:00,42087.5,30:00:00,42087.5\n');
    // 1904-01-01 is 1,462 days after 1899-12-30: 2015-03-24 + 1,462 days = 2019-03-25.
    expect(await sheetText(book(true))).toBe('2019-03-25 12:00:00,01:30:00,42087.5,30:00:00,42087.5\n');
  });
});

describe('how the parts are encoded', () => {
  it('a part in UTF-16 (with its byte order mark) or with a UTF-8 one reads as one in UTF-8', async () => {
    const sst = '<?xml version="1.0" encoding="UTF-16"?><sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><si><t>Zürich 1</t></si></sst>';
    const utf16 = new Uint8Array(2 + sst.length * 2);
    utf16.set([0xff, 0xfe]);
    for (let i = 0; i < sst.length; i++) new DataView(utf16.buffer).setUint16(2 + i * 2, sst.charCodeAt(i), true);
    const sheet = worksheet('<row r="1"><c r="A1" t="s"><v>0</v></c><c r="B1"><v>7</v></c></row>');
    const withBom = new Uint8Array([0xef, 0xbb, 0xbf, ...new TextEncoder().encode(sheet)]);
    const book: TestWorkbook = { sheets: [{ name: 'S', xml: sheet }], sharedStrings: [], parts: { 'xl/sharedStrings.xml': utf16, 'xl/worksheets/sheet1.xml': withBom } };
    expect(await sheetText(book)).toBe('Zürich 1,7\n');
  });
});

describe('which sheet', () => {
  const sheet = (name: string, text: string) => ({ name, xml: worksheet(`<row r="1"><c r="A1" t="inlineStr"><is><t>${escapeXml(text)}</t></is></c></row>`) });

  it('the first worksheet in workbook order that is not hidden, and how many others there are', async () => {
    const book: TestWorkbook = { sheets: [{ name: 'Chart', xml: '<chartsheet/>', chart: true }, { ...sheet('Old', 'old'), state: 'hidden' }, sheet('Calls', 'calls'), sheet('Notes', 'notes')] };
    expect(await sheetText(book)).toBe('calls\n');
    const open = await openBlob(new Blob([await buildXlsx(book)]), { fileName: 'Book1.xlsx', onBytes: () => {} });
    expect('opened' in open && open.opened.sheet).toEqual({ name: 'Calls', otherSheets: 3 });
  });

  it('a workbook by its content, whatever its name; its sheet name shown with its controls escaped', async () => {
    const { result } = await ingest(await buildXlsx({ sheets: [sheet('\u202eevil\u001b[2J', 'x')] }), 'export.zip');
    expect(result.sheet).toEqual({ name: '\\u202eevil\\x1b[2J', otherSheets: 0 });
  });
});

describe('rows read = used + skipped, at the sheet rows’ own line numbers', () => {
  it('a bad row in sheet row 5 (rows 3 and 4 absent) is skipped as line 5', async () => {
    const rows = [MASTER_ROWS[0]!, MASTER_ROWS[1]!];
    const book = masterWorkbook(rows);
    const bad = '<row r="5"><c r="A5" t="inlineStr"><is><t>not a call</t></is></c></row>';
    book.sheets[0]!.xml = book.sheets[0]!.xml.replace('</sheetData>', `${bad}</sheetData>`);
    const { result } = await ingest(await buildXlsx(book), 'Master.xlsx');
    expect(result.rows).toEqual({ read: 3, used: 2, skipped: 1, headerLines: 0 });
    expect(result.skipped.map((g) => [g.count, g.firstLines])).toEqual([[1, [5]]]);
  });
});

describe('a line break inside a cell (Alt+Enter)', () => {
  it('keeps its row one line: 4 calls read as 4 (not as 5 lines, 2 of them broken); a bad row in sheet row 6 is line 6', async () => {
    // Call 2's caller ID on two lines of its cell, as Excel stores it: a line feed in the shared string.
    const rows = MASTER_ROWS.map((r, k) => (k === 1 ? r.map((f, c) => (c === 4 ? '"Desk\nfront" <1500>' : f)) : r));
    const book = masterWorkbook(rows);
    const bad = '<row r="6"><c r="A6" t="inlineStr"><is><t>not\na call</t></is></c></row>';
    book.sheets[0]!.xml = book.sheets[0]!.xml.replace('</sheetData>', `${bad}</sheetData>`);
    const { result, records } = await ingest(await buildXlsx(book), 'Master.xlsx');
    expect(result.rows).toEqual({ read: 5, used: 4, skipped: 1, headerLines: 0 });
    expect(result.skipped.map((g) => [g.count, g.firstLines])).toEqual([[1, [6]]]);
    expect(result.trunks).toEqual([
      { name: 'carrierA', calls: 2 },
      { name: 'carrierB', calls: 2 },
    ]);
    expect(records.map((r) => r.destination)).toEqual(['15551234567', '15551234568', '15551234569', '15551234570']);
  });
});

describe('a hostile or damaged workbook: a message naming the file (and the row), never a crash or a freeze', () => {
  const errorOf = async (book: TestWorkbook) => (await ingest(await buildXlsx(book), 'Book1.xlsx')).result;

  it('a row of 16,385 cells (past column XFD), and a cell referenced past it', async () => {
    const wide = await errorOf({ sheets: [{ name: 'S', xml: worksheet(`<row r="1">${'<c><v>1</v></c>'.repeat(16_385)}</row>`) }] });
    expect(wide.error).toBe('Book1.xlsx: its sheet "S" (xl/worksheets/sheet1.xml) has more than 16,384 columns in row 1 (past column XFD, the last a sheet has).');
    const far = await errorOf({ sheets: [{ name: 'S', xml: worksheet(`<row r="1"><c r="${'Z'.repeat(1000)}1"><v>1</v></c></row>`) }] });
    expect(far.error).toMatch(/^Book1\.xlsx: its sheet "S" .* has more than 16,384 columns in row 1/);
  });

  it('rows out of order, a row numbered 0, a cell reference with no column (its text shown with controls escaped)', async () => {
    const sheet = (rows: string) => ({ sheets: [{ name: 'S', xml: worksheet(rows) }] });
    expect((await errorOf(sheet('<row r="3"/><row r="2"/>'))).error).toBe('Book1.xlsx: its sheet "S" (xl/worksheets/sheet1.xml) has row 2 after row 3: its rows are out of order.');
    expect((await errorOf(sheet('<row r="0"/>'))).error).toBe('Book1.xlsx: its sheet "S" (xl/worksheets/sheet1.xml) has a row numbered "0" after its start: not a row number (rows are numbered from 1).');
    expect((await errorOf(sheet('<row r="1"><c r="\u001b[2J"><v>1</v></c></row>'))).error).toBe(
      'Book1.xlsx: its sheet "S" (xl/worksheets/sheet1.xml) has a cell in row 1 whose reference "\\x1b[2J" names no column.',
    );
  });

  it('a shared string longer than a cell can hold', async () => {
    const result = await errorOf({ sheets: [{ name: 'S', xml: worksheet('') }], sharedStrings: ['ok', 'x'.repeat(40_000)] });
    expect(result.error).toBe(
      'Book1.xlsx is an Excel workbook whose part xl/sharedStrings.xml has a string (number 1, from 0) of more than 32,767 characters, the most a cell can hold. Open it in Excel and save it again, or save the sheet as CSV.',
    );
  });

  it('a shared string cell with no shared strings, or past the last one: the rows before it are read', async () => {
    const rows = (cell: string) => masterWorkbook([MASTER_ROWS[0]!]).sheets[0]!.xml.replace('</sheetData>', `<row r="2">${cell}</row></sheetData>`);
    const past = masterWorkbook([MASTER_ROWS[0]!]);
    past.sheets[0]!.xml = rows('<c r="B2" t="s"><v>999</v></c>');
    const n = (past.sharedStrings as string[]).length;
    const result = await errorOf(past);
    expect(result.error).toBe(`Book1.xlsx: its sheet "Master" (xl/worksheets/sheet1.xml) has cell B2 refer to shared string 999, and the workbook has ${n} (numbered from 0) (the rows up to line 1 were read).`);
    expect(result.rows.used).toBe(1);
    const none = await errorOf({ sheets: [{ name: 'S', xml: worksheet('<row r="1"><c r="A1" t="s"><v>0</v></c></row>') }] });
    expect(none.error).toBe('Book1.xlsx: its sheet "S" (xl/worksheets/sheet1.xml) has cell A1 refer to shared string 0, and the workbook has no shared strings (xl/sharedStrings.xml).');
  });

  it('a sheet whose XML is not well-formed, and one cut short: named with the row reached', async () => {
    const book = masterWorkbook([MASTER_ROWS[0]!, MASTER_ROWS[1]!]);
    const broken = { ...book, sheets: [{ name: 'Master', xml: book.sheets[0]!.xml.replace('<row r="2">', '<row r="2"><c></row>') }] };
    expect((await errorOf(broken)).error).toBe(
      'Book1.xlsx: its sheet "Master" (xl/worksheets/sheet1.xml) is not well-formed XML: it has an end tag that does not match the element open (its elements are not nested) (at row 2) (the rows up to line 1 were read).',
    );
    const cut = { ...book, sheets: [{ name: 'Master', xml: book.sheets[0]!.xml.slice(0, book.sheets[0]!.xml.indexOf('<row r="2">') + 30) }] };
    expect((await errorOf(cut)).error).toMatch(/^Book1\.xlsx: its sheet "Master" \(xl\/worksheets\/sheet1\.xml\) is not well-formed XML: it ends inside a tag: it is cut short \(at row 2\) \(the rows up to line 1 were read\)\.$/);
  });

  it('a part named with U+202E and ESC (the archive names it, the rels point at it) is named with its controls escaped', async () => {
    const REL = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships';
    const rels = (sheet: string, styles: string) =>
      `<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="${REL}/worksheet" Target="${sheet}"/><Relationship Id="rId2" Type="${REL}/styles" Target="${styles}"/></Relationships>`;
    const sheet = '\u202elmx.1\u001b[2J.xml';
    const outOfOrder = await errorOf({
      sheets: [{ name: 'S', xml: worksheet('') }],
      omit: ['xl/worksheets/sheet1.xml'],
      parts: { 'xl/_rels/workbook.xml.rels': rels('worksheets/&#x202e;lmx.1&#x1b;[2J.xml', 'styles.xml'), [`xl/worksheets/${sheet}`]: worksheet('<row r="3"/><row r="2"/>'), 'xl/styles.xml': styles([0]) },
    });
    expect(outOfOrder.error).toBe('Book1.xlsx: its sheet "S" (xl/worksheets/\\u202elmx.1\\x1b[2J.xml) has row 2 after row 3: its rows are out of order.');
    const badStyles = await errorOf({
      sheets: [{ name: 'S', xml: worksheet('') }],
      parts: { 'xl/_rels/workbook.xml.rels': rels('worksheets/sheet1.xml', '&#x1b;[2Jstyles.xml'), 'xl/\u001b[2Jstyles.xml': '<styleSheet><cellXfs></styleSheet>' },
    });
    expect(badStyles.error).toMatch(/^Book1\.xlsx is an Excel workbook whose part xl\/\\x1b\[2Jstyles\.xml is not well-formed XML/);
  });

  it('a DOCTYPE (entity expansion) in the workbook part, and a workbook without its parts list', async () => {
    const bomb = await errorOf({ sheets: [{ name: 'S', xml: worksheet('') }], parts: { 'xl/workbook.xml': '<!DOCTYPE w [<!ENTITY a "aaaaaaaaaa">]><workbook>&a;</workbook>' } });
    expect(bomb.error).toMatch(/^Book1\.xlsx is an Excel workbook whose part xl\/workbook\.xml is not well-formed XML: it declares a document type \(<!DOCTYPE\)/);
    const noList = await errorOf({ sheets: [{ name: 'S', xml: worksheet('') }], omit: ['xl/_rels/workbook.xml.rels'] });
    expect(noList.error).toMatch(/^Book1\.xlsx is an Excel workbook without the list of its parts \(xl\/_rels\/workbook\.xml\.rels\)/);
  });

  it('a workbook with only a chart sheet, and one whose sheet is empty', async () => {
    expect((await errorOf({ sheets: [{ name: 'C', xml: '<chartsheet/>', chart: true }] })).error).toMatch(/^Book1\.xlsx is an Excel workbook with no worksheet to read/);
    expect((await errorOf({ sheets: [{ name: 'Empty', xml: worksheet('') }] })).error).toBe('Book1.xlsx is an Excel workbook whose sheet "Empty" is empty.');
  });

  it('an .xlsx with a password (an OLE compound file, as a .xls is) says to save it without one', async () => {
    const ole = new Uint8Array(512);
    ole.set([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]);
    expect((await ingest(ole, 'Book1.xlsx')).result.error).toBe(
      'Book1.xlsx is an old Excel .xls workbook, or an .xlsx with a password: save it as an Excel Workbook (.xlsx) without a password, or as CSV, and drop that.',
    );
  });

  it('a workbook inside an archive says to unzip the archive (it is not read from inside one)', async () => {
    const book = await buildXlsx({ sheets: [{ name: 'S', xml: worksheet('') }] });
    const zip = await buildZip([{ path: 'reports/Book1.xlsx', data: book, method: 0 }]);
    const { archiveInputs } = await import('./archive-inputs');
    const [entry] = (await archiveInputs({ name: 'reports.zip', blob: new Blob([zip]) }))!;
    const result = await ingestBlob(entry!.blob, { fileName: entry!.name, zipEntry: entry!.zipEntry });
    expect(result.error).toBe('reports.zip › reports/Book1.xlsx is an Excel workbook inside a ZIP archive: unzip the archive and drop the workbook itself.');
  });
});
