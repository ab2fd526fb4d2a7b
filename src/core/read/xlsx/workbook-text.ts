/**
 * An Excel workbook (.xlsx, .xlsm: a ZIP archive holding xl/workbook.xml) read as the CSV text its
 * first worksheet would give (sheet-csv.ts), for the readers every CSV goes through: detection and
 * parsing do not know it was a workbook. The first worksheet is the first in workbook order that
 * is not hidden (the tab Excel opens on; a hidden one only when all are), chart sheets never.
 *
 * Cost: the sheet is streamed (its XML never whole in memory, its CSV made as it is read); its
 * shared strings are held as strings for the whole read (all of xl/sharedStrings.xml's text,
 * at most MAX_SHARED_TEXT_CHARS characters), since any row may refer to any of them.
 */
import { escapeControls } from '../../model/visible-text';
import type { ByteProgress } from '../byte-source';
import { entryBytes } from '../zip/entry-bytes';
import type { ZipEntry } from '../zip/zip-directory';
import { rowName } from './cell-text';
import { SheetCsv } from './sheet-csv';
import { SheetRows, type SharedStrings, type SheetStyles } from './sheet-rows';
import { asUtf8, RelationshipsReader, scanPart, SharedStringsReader, StylesReader, WorkbookReader, type PartKind } from './workbook-parts';
import { WorkbookDamage, WorkbookError, XmlError } from './workbook-errors';
import { XmlScanner, type XmlHandler } from './xml-scanner';

const WORKBOOK_PART = 'xl/workbook.xml';
const RELATIONSHIPS_PART = 'xl/_rels/workbook.xml.rels';

/** Which sheet of the workbook was read. */
export interface WorkbookSheet {
  /** The sheet's name (its tab), control characters escaped: untrusted text. */
  name: string;
  /** The workbook's other sheets, not read. */
  otherSheets: number;
}

export interface OpenedWorkbook {
  sheet: WorkbookSheet;
  /** The sheet's XML in bytes (uncompressed): its CSV text is about a third of it. */
  sheetXmlBytes: number;
  /** The CSV text (UTF-8), made as it is read; a WorkbookDamage where the sheet goes wrong. */
  csv: AsyncGenerator<Uint8Array>;
}

export interface WorkbookOptions {
  sliceBytes?: number;
  signal?: AbortSignal;
  /** Bytes of the workbook read so far: the sheet's compressed bytes, in proportion to the workbook's size. */
  onBytes?: (progress: ByteProgress) => void;
}

/** Whether the archive's entries are a workbook's: it holds xl/workbook.xml. */
export function isWorkbook(entries: readonly ZipEntry[]): boolean {
  return entries.some((e) => e.path.toLowerCase() === WORKBOOK_PART);
}

/** The workbook's first worksheet as CSV text, or why it cannot be read (a phrase after the file's name: "is …"). */
export async function openWorkbook(archive: Blob, entries: readonly ZipEntry[], options: WorkbookOptions = {}): Promise<OpenedWorkbook | { problem: string }> {
  // Part names are case-insensitive (OPC, ECMA-376 Part 2, 6.2.2.3).
  const byPath = new Map<string, ZipEntry>();
  for (const e of entries) if (!byPath.has(e.path.toLowerCase())) byPath.set(e.path.toLowerCase(), e);
  const part = (path: string) => byPath.get(path.toLowerCase()) ?? null;
  const read = async (path: string, handler: XmlHandler): Promise<string | null> => {
    const entry = part(path);
    if (!entry) return null;
    try {
      const opened = await entryBytes(archive, entry, { sliceBytes: options.sliceBytes, signal: options.signal });
      if ('problem' in opened) return `is an Excel workbook whose part ${shownPath(path)} ${opened.problem}`;
      await scanPart(opened.bytes, handler);
      return null;
    } catch (e) {
      if (options.signal?.aborted) throw e;
      return `is an Excel workbook whose part ${shownPath(path)} ${whatWentWrong(e)}. Open it in Excel and save it again, or save the sheet as CSV`;
    }
  };

  const workbook = new WorkbookReader();
  const workbookProblem = await read(WORKBOOK_PART, workbook);
  if (workbookProblem) return { problem: workbookProblem };
  if (!part(RELATIONSHIPS_PART)) return { problem: `is an Excel workbook without the list of its parts (${RELATIONSHIPS_PART}), so its sheets cannot be found: it is damaged. Open it in Excel and save it again, or save the sheet as CSV` };
  const relationships = new RelationshipsReader('xl', (path) => part(path)?.path ?? null);
  const relationshipsProblem = await read(RELATIONSHIPS_PART, relationships);
  if (relationshipsProblem) return { problem: relationshipsProblem };

  const worksheets = workbook.sheets.flatMap((sheet) => {
    const target = relationships.byId.get(sheet.relationship);
    return target && target.kind === 'worksheet' ? [{ sheet, target }] : [];
  });
  const chosen = worksheets.find((w) => !w.sheet.hidden) ?? worksheets[0];
  if (!chosen) {
    return {
      problem:
        workbook.sheetCount === 0
          ? 'is an Excel workbook with no sheets'
          : `is an Excel workbook with no worksheet to read (its ${workbook.sheetCount === 1 ? 'sheet is a chart or its part is missing' : `${workbook.sheetCount} sheets are charts or their parts are missing`}). Save the sheet with the calls as CSV`,
    };
  }

  const partOf = (kind: PartKind, fallback: string): string | null => {
    for (const r of relationships.byId.values()) if (r.kind === kind) return r.path;
    return part(fallback) ? fallback : null;
  };
  const stylesPath = partOf('styles', 'xl/styles.xml');
  const styles = new StylesReader();
  if (stylesPath) {
    const stylesProblem = await read(stylesPath, styles);
    if (stylesProblem) return { problem: stylesProblem };
  }
  const stringsPath = partOf('sharedStrings', 'xl/sharedStrings.xml');
  let strings: SharedStrings = null;
  if (stringsPath) {
    const reader = new SharedStringsReader();
    const stringsProblem = await read(stringsPath, reader);
    if (stringsProblem) return { problem: stringsProblem };
    strings = reader.strings;
  }

  const sheetEntry = part(chosen.target.path)!;
  const name = escapeControls(chosen.sheet.name);
  const where = `its sheet "${name}" (${shownPath(chosen.target.path)})`;
  const onBytes = options.onBytes;
  const opened = await entryBytes(archive, sheetEntry, {
    sliceBytes: options.sliceBytes,
    signal: options.signal,
    onBytes: onBytes && ((p) => onBytes({ bytesRead: Math.round((p.bytesRead / Math.max(1, p.totalBytes)) * archive.size), totalBytes: archive.size })),
  });
  if ('problem' in opened) return { problem: `is an Excel workbook whose sheet part ${shownPath(chosen.target.path)} ${opened.problem}` };
  const sheetStyles: SheetStyles = { dateKinds: styles.dateKinds(), date1904: workbook.date1904 };
  return {
    sheet: { name, otherSheets: workbook.sheetCount - 1 },
    sheetXmlBytes: sheetEntry.uncompressedSize,
    csv: sheetCsvBytes(opened.bytes, new SheetCsv(new SheetRows(sheetStyles, strings)), where, options.signal),
  };
}

/** The sheet's CSV text as UTF-8 bytes, as its XML comes; what stops it is a WorkbookDamage naming the sheet and the row. */
async function* sheetCsvBytes(xml: AsyncGenerator<Uint8Array>, sheet: SheetCsv, where: string, signal: AbortSignal | undefined): AsyncGenerator<Uint8Array> {
  const encoder = new TextEncoder();
  const scanner = new XmlScanner(sheet);
  try {
    for await (const chunk of asUtf8(xml)) {
      // A few KB of XML can stand for MBs of text (long shared strings): taken each time the sheet pauses.
      for (let paused = scanner.push(chunk); ; paused = scanner.resume()) {
        const text = sheet.rows.take();
        if (text) yield encoder.encode(text);
        if (!paused) break;
      }
    }
    scanner.end();
  } catch (e) {
    if (signal?.aborted) throw e;
    // The rows before the one that failed were made: they are read, as a damaged .gz's are.
    const before = sheet.rows.take();
    if (before) yield encoder.encode(before);
    const at = sheet.rows.row > 0 ? ` (at ${rowName(sheet.rows.row)})` : '';
    throw new WorkbookDamage(e instanceof WorkbookError ? `${where} ${e.message}` : `${where} ${whatWentWrong(e)}${at}`);
  } finally {
    await xml.return(undefined);
  }
  const tail = sheet.rows.take();
  if (tail) yield encoder.encode(tail);
}

/** A part's path inside a message: the archive names it (untrusted text, as a sheet's name is), its controls escaped. */
const shownPath = (path: string) => escapeControls(path);

/** What went wrong reading a part, after its name: "is not well-formed XML: it has …", "has …", "is damaged: …". */
function whatWentWrong(e: unknown): string {
  if (e instanceof XmlError) return `is not well-formed XML: it ${e.message}`;
  if (e instanceof WorkbookError) return e.message;
  return `is damaged: ${e instanceof Error ? e.message : String(e)}`;
}
