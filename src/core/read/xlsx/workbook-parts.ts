/**
 * The parts of a workbook read before its sheet (ECMA-376 Part 1): the sheets in workbook order and
 * the date system (18.2.27 workbook, 18.2.28 workbookPr), where each sheet's part is (the
 * workbook's relationships, Part 2 OPC), which cell formats are dates (18.8 styles: cellXfs ›
 * xf numFmtId, numFmts › numFmt formatCode) and the shared strings (18.4.9 sst › si: t, or the
 * runs r › t; a phonetic guide rPh is not the cell's text). Each is streamed through the scanner,
 * as the sheet is; each has limits, so a hostile part ends in a message, not in memory.
 */
import { formatCount } from '../../model/format-count';
import { builtinDateKind, customDateKind, type DateKind } from './cell-text';
import { MAX_CELL_CHARS } from './sheet-csv';
import { WorkbookError } from './workbook-errors';
import { XmlScanner, type XmlHandler, type XmlTag } from './xml-scanner';
import { TextCollector, unescapeCellText } from './xml-text';

/** Shared strings of more than this many characters in all are refused (~0.5 GB as strings). */
export const MAX_SHARED_TEXT_CHARS = 256 << 20;
/** More shared strings than this are refused, however short (each is a string and a slot: ~0.5 GB; a 1M-row sheet of 16 distinct texts a row has as many). */
export const MAX_SHARED_STRINGS = 1 << 24;
/** Entries kept of a list a workbook makes long only to fill memory (sheets, relationships, formats). */
const MAX_LISTED = 1 << 16;
/** A sheet's name as read (Excel allows 31 characters). */
const MAX_SHEET_NAME = 100;
/**
 * What each entry of those lists keeps is bounded too: one tag may be 64 KB (MAX_TAG_BYTES), and
 * 65,536 entries each keeping a value of 60,000 characters are 4 GB held from a workbook of a few
 * MB (deflate packs the repeated tags over 600 to 1). A relationship id longer than this is no
 * writer's ("rId7"): it is not kept, and a sheet that names one has no part.
 */
const MAX_ID_BYTES = 255;
/** A number format's code is at most 255 characters in Excel; a longer one is read as no date. */
const MAX_FORMAT_CODE = 255;

/** Feeds a part's bytes through the scanner to `handler`, to its end. UTF-16 parts (a BOM) are read as UTF-8. */
export async function scanPart(bytes: AsyncIterable<Uint8Array>, handler: XmlHandler): Promise<void> {
  const scanner = new XmlScanner(handler);
  for await (const chunk of asUtf8(bytes)) scanner.push(chunk);
  scanner.end();
}

/**
 * The bytes as UTF-8: a part that starts with a UTF-16 byte order mark (allowed, never written by
 * Excel) is decoded and encoded again; any other is passed as it is.
 */
export async function* asUtf8(bytes: AsyncIterable<Uint8Array>): AsyncGenerator<Uint8Array> {
  let decoder: TextDecoder | null = null;
  let first = true;
  const encoder = new TextEncoder();
  for await (const chunk of bytes) {
    if (first && chunk.length >= 2) {
      first = false;
      if (chunk[0] === 0xff && chunk[1] === 0xfe) decoder = new TextDecoder('utf-16le');
      else if (chunk[0] === 0xfe && chunk[1] === 0xff) decoder = new TextDecoder('utf-16be');
    }
    if (decoder) {
      const text = decoder.decode(chunk, { stream: true });
      if (text) yield encoder.encode(text);
    } else yield chunk;
  }
  if (decoder) {
    const tail = decoder.decode();
    if (tail) yield encoder.encode(tail);
  }
}

export interface SheetListing {
  /** Untrusted text: shown as a file name is. */
  name: string;
  /** Its relationship (r:id), which says where its part is. */
  relationship: string;
  hidden: boolean;
}

/** xl/workbook.xml: its sheets in workbook order (the first MAX_LISTED), how many in all, and the date system. */
export class WorkbookReader implements XmlHandler {
  readonly sheets: SheetListing[] = [];
  sheetCount = 0;
  date1904 = false;
  private inSheets = false;

  open(tag: XmlTag): void {
    if (tag.is('workbookPr')) {
      const v = tag.attr('date1904');
      this.date1904 = v === '1' || v === 'true';
    } else if (tag.is('sheets')) this.inSheets = true;
    else if (this.inSheets && tag.is('sheet')) {
      this.sheetCount++;
      if (this.sheets.length >= MAX_LISTED) return;
      const state = tag.attr('state');
      this.sheets.push({ name: ownPrefix(tag.attr('name') ?? '', MAX_SHEET_NAME), relationship: shortAttr(tag, 'id', MAX_ID_BYTES) ?? '', hidden: state === 'hidden' || state === 'veryHidden' });
    }
  }

  close(tag: XmlTag): void {
    if (tag.is('sheets')) this.inSheets = false;
  }

  text(): void {}
}

/** The relationship types a workbook is read by (the last word of each type's URI, transitional or strict). */
const PART_KINDS = ['worksheet', 'chartsheet', 'styles', 'sharedStrings'] as const;
export type PartKind = (typeof PART_KINDS)[number] | 'other';

export interface Relationship {
  /** The part's path in the archive (its entry's own), the target resolved against the workbook's folder (xl/). */
  path: string;
  kind: PartKind;
}

/** xl/_rels/workbook.xml.rels: each relationship to a part the archive holds. */
export class RelationshipsReader implements XmlHandler {
  readonly byId = new Map<string, Relationship>();

  /** `partPath`: the archive's own path of a part (looked up as OPC does, ignoring case), null when it holds none. */
  constructor(
    private readonly folder: string,
    private readonly partPath: (path: string) => string | null,
  ) {}

  open(tag: XmlTag): void {
    if (!tag.is('Relationship') || this.byId.size >= MAX_LISTED || tag.attr('TargetMode') === 'External') return;
    const id = shortAttr(tag, 'Id', MAX_ID_BYTES);
    const target = tag.attr('Target');
    if (id === null || target === null) return;
    // The entry's path, not the target's text: what is kept per relationship is an id and a kind.
    const path = this.partPath(resolvePartPath(this.folder, target));
    if (path === null) return;
    const type = tag.attr('Type') ?? '';
    this.byId.set(id, { path, kind: PART_KINDS.find((k) => type.endsWith(`/${k}`)) ?? 'other' });
  }

  close(): void {}
  text(): void {}
}

/** A relationship's target as an archive path: relative to `folder` ("worksheets/sheet1.xml" → "xl/worksheets/sheet1.xml"), or from the root ("/xl/…"). */
export function resolvePartPath(folder: string, target: string): string {
  const parts = target.startsWith('/') ? [] : folder.split('/').filter(Boolean);
  for (const part of target.split('/')) {
    if (part === '..') parts.pop();
    else if (part !== '.' && part !== '') parts.push(part);
  }
  return parts.join('/');
}

/** xl/styles.xml: per cell format (cellXfs, a cell's `s`), how a number in it is a date, or null. */
export class StylesReader implements XmlHandler {
  /** Per number format the workbook defines: how a number in it is a date (its code is not kept: MAX_ID_BYTES' note). */
  private readonly formats = new Map<number, DateKind | null>();
  private readonly formatIds: number[] = [];
  private inCellFormats = false;

  open(tag: XmlTag): void {
    if (tag.is('numFmt')) {
      const id = Number(tag.attr('numFmtId'));
      if (Number.isInteger(id) && this.formats.size < MAX_LISTED) {
        const code = tag.attr('formatCode') ?? '';
        this.formats.set(id, code.length > MAX_FORMAT_CODE ? null : customDateKind(code));
      }
    } else if (tag.is('cellXfs')) this.inCellFormats = true;
    else if (this.inCellFormats && tag.is('xf')) {
      if (this.formatIds.length >= MAX_LISTED) throw new WorkbookError(`has more than ${formatCount(MAX_LISTED)} cell formats, more than Excel allows`);
      this.formatIds.push(Number(tag.attr('numFmtId') ?? 0));
    }
  }

  close(tag: XmlTag): void {
    if (tag.is('cellXfs')) this.inCellFormats = false;
  }

  text(): void {}

  dateKinds(): Array<DateKind | null> {
    return this.formatIds.map((id) => {
      // A format the workbook defines, even under a built-in's number, is read from its code.
      const defined = this.formats.get(id);
      return defined !== undefined ? defined : Number.isInteger(id) ? builtinDateKind(id) : null;
    });
  }
}

/** xl/sharedStrings.xml: the strings cells of type `s` refer to by number. */
export class SharedStringsReader implements XmlHandler {
  readonly strings: string[] = [];
  private chars = 0;
  private inItem = false;
  private inText = false;
  private phonetic = 0;
  private readonly text_ = new TextCollector(MAX_CELL_CHARS, (limit) => `has a string (number ${formatCount(this.strings.length)}, from 0) of more than ${limit} characters, the most a cell can hold`);

  open(tag: XmlTag): void {
    if (tag.is('si')) {
      this.inItem = true;
      this.phonetic = 0;
      this.text_.clear();
    } else if (!this.inItem) return;
    else if (tag.is('rPh')) this.phonetic++;
    else if (this.phonetic === 0 && tag.is('t')) this.inText = true;
  }

  close(tag: XmlTag): void {
    if (!this.inItem) return;
    if (tag.is('t')) this.inText = false;
    else if (tag.is('rPh')) this.phonetic--;
    else if (tag.is('si')) {
      this.inItem = false;
      const text = unescapeCellText(this.text_.take());
      this.chars += text.length;
      if (this.strings.length >= MAX_SHARED_STRINGS) throw new WorkbookError(`holds more than ${formatCount(MAX_SHARED_STRINGS)} strings, more than is read: save the sheet as CSV instead`);
      if (this.chars > MAX_SHARED_TEXT_CHARS) throw new WorkbookError(`holds more than ${formatCount(MAX_SHARED_TEXT_CHARS)} characters of text, more than is read: save the sheet as CSV instead`);
      this.strings.push(text);
    }
  }

  text(bytes: Uint8Array, start: number, end: number, cdata: boolean): void {
    if (this.inText) this.text_.append(bytes, start, end, cdata);
  }
}

/** The attribute's value when written in at most `maxBytes` bytes; null when the tag has none, or a longer one. */
function shortAttr(tag: XmlTag, name: string, maxBytes: number): string | null {
  const i = tag.find(name);
  return i < 0 || tag.valueEnd(i) - tag.valueStart(i) > maxBytes ? null : tag.attr(name);
}

/**
 * The first `max` characters of `text`, as a string of their own: V8 makes a longer slice a view
 * of its parent, which it keeps alive (a name clipped to 100 characters held its 64 KB).
 */
function ownPrefix(text: string, max: number): string {
  return text.length <= max ? text : text.slice(0, max).split('').join('');
}
