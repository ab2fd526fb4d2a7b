/**
 * Test helpers, imported by *.test.ts only: a small .xlsx written part by part (the XML a test
 * reads is the XML the test wrote), zipped with the repo's own test ZIP writer. Every part can be
 * replaced or left out, for the workbooks Excel never writes.
 */
import { buildZip, type TestZipEntry } from '../zip/zip-test-support';

export interface TestSheet {
  name: string;
  /** The worksheet part's XML, whole (see worksheet()). */
  xml: string;
  state?: 'hidden' | 'veryHidden';
  /** A chart sheet instead of a worksheet. */
  chart?: boolean;
}

export interface TestWorkbook {
  sheets: TestSheet[];
  /** xl/sharedStrings.xml: the strings (each one `<si><t>`), or the part's XML; absent: no part. */
  sharedStrings?: readonly string[] | string;
  /** xl/styles.xml's XML; absent: no part. */
  styles?: string;
  date1904?: boolean;
  /** Parts to leave out of the archive (by path). */
  omit?: readonly string[];
  /** Parts to write as given instead (by path), or to add. */
  parts?: Readonly<Record<string, string | Uint8Array>>;
  /** The ZIP method of every part (8, deflate, by default). */
  method?: number;
}

export const escapeXml = (text: string) => text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

const MAIN = 'xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"';
const REL = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships';

/** A worksheet part: `rows` is the XML inside sheetData (`<row r="1"><c …/></row>…`). */
export function worksheet(rows: string, options: { dimension?: string } = {}): string {
  const dimension = options.dimension ? `<dimension ref="${options.dimension}"/>` : '';
  return `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<worksheet ${MAIN} xmlns:r="${REL}">${dimension}<sheetViews><sheetView workbookViewId="0"/></sheetViews><sheetData>${rows}</sheetData><pageMargins left="0.7" right="0.7" top="0.75" bottom="0.75" header="0.3" footer="0.3"/></worksheet>`;
}

/** A styles part whose cellXfs are these number formats, in order (a cell's s="k" is the k-th); `custom`: numFmts defined. */
export function styles(cellFormatIds: readonly number[], custom: Readonly<Record<number, string>> = {}): string {
  const numFmts = Object.entries(custom);
  return (
    `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<styleSheet ${MAIN}>` +
    (numFmts.length ? `<numFmts count="${numFmts.length}">${numFmts.map(([id, code]) => `<numFmt numFmtId="${id}" formatCode="${escapeXml(code)}"/>`).join('')}</numFmts>` : '') +
    '<fonts count="1"><font><sz val="11"/><name val="Calibri"/></font></fonts><fills count="1"><fill><patternFill patternType="none"/></fill></fills>' +
    '<borders count="1"><border><left/><right/><top/><bottom/><diagonal/></border></borders>' +
    // cellStyleXfs come first and are not cell formats: a reader that counted them would be off by one.
    '<cellStyleXfs count="1"><xf numFmtId="22" fontId="0" fillId="0" borderId="0"/></cellStyleXfs>' +
    `<cellXfs count="${cellFormatIds.length}">${cellFormatIds.map((id) => `<xf numFmtId="${id}" fontId="0" fillId="0" borderId="0" xfId="0"${id ? ' applyNumberFormat="1"' : ''}/>`).join('')}</cellXfs>` +
    '</styleSheet>'
  );
}

/** The workbook's parts, by path, as Excel lays them out. */
export function workbookParts(book: TestWorkbook): Record<string, string | Uint8Array> {
  const parts: Record<string, string | Uint8Array> = {};
  const sheetPath = (k: number, s: TestSheet) => `${s.chart ? 'chartsheets' : 'worksheets'}/sheet${k + 1}.xml`;
  parts['[Content_Types].xml'] =
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/></Types>';
  parts['_rels/.rels'] = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="${REL}/officeDocument" Target="xl/workbook.xml"/></Relationships>`;
  parts['xl/workbook.xml'] =
    `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<workbook ${MAIN} xmlns:r="${REL}"><workbookPr${book.date1904 ? ' date1904="1"' : ''} defaultThemeVersion="166925"/><sheets>` +
    book.sheets.map((s, k) => `<sheet name="${escapeXml(s.name)}" sheetId="${k + 1}"${s.state ? ` state="${s.state}"` : ''} r:id="rId${k + 1}"/>`).join('') +
    '</sheets></workbook>';
  const rels = book.sheets.map((s, k) => `<Relationship Id="rId${k + 1}" Type="${REL}/${s.chart ? 'chartsheet' : 'worksheet'}" Target="${sheetPath(k, s)}"/>`);
  const n = book.sheets.length;
  if (book.styles !== undefined) rels.push(`<Relationship Id="rId${n + 1}" Type="${REL}/styles" Target="styles.xml"/>`);
  if (book.sharedStrings !== undefined) rels.push(`<Relationship Id="rId${n + 2}" Type="${REL}/sharedStrings" Target="sharedStrings.xml"/>`);
  parts['xl/_rels/workbook.xml.rels'] = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">${rels.join('')}</Relationships>`;
  book.sheets.forEach((s, k) => (parts[`xl/${sheetPath(k, s)}`] = s.xml));
  if (book.styles !== undefined) parts['xl/styles.xml'] = book.styles;
  if (book.sharedStrings !== undefined) {
    const ss = book.sharedStrings;
    parts['xl/sharedStrings.xml'] =
      typeof ss === 'string'
        ? ss
        : `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<sst ${MAIN} count="${ss.length}" uniqueCount="${ss.length}">${ss.map((t) => `<si><t xml:space="preserve">${escapeXml(t)}</t></si>`).join('')}</sst>`;
  }
  const kept = Object.entries(parts).filter(([path]) => !(book.omit ?? []).includes(path));
  return { ...Object.fromEntries(kept), ...book.parts };
}

/** The workbook as .xlsx bytes. */
export async function buildXlsx(book: TestWorkbook): Promise<Uint8Array<ArrayBuffer>> {
  const entries: TestZipEntry[] = Object.entries(workbookParts(book)).map(([path, data]) => ({ path, data, method: book.method ?? 8 }));
  return buildZip(entries);
}
