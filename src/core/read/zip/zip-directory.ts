/**
 * The entries of a ZIP archive, from its central directory, found from the end of the Blob: the End
 * of Central Directory record (and ZIP64's locator and record, where the archive needs them) in one
 * slice of its last ~64 KiB, then the directory itself. The archive is never loaded whole; each
 * entry's data is read later, on its own (zip-entry.ts). PKWARE APPNOTE.TXT 6.3.10: 4.3.12 central
 * directory header, 4.3.14–4.3.16 ZIP64 end records, 4.3.16 end of central directory record,
 * 4.5.3 ZIP64 extended information.
 */
import { formatCount } from '../../model/format-count';
import { decodeEntryName, isFolderEntry, isHiddenEntry } from './zip-names';

/** One entry of the archive as its central directory describes it (the directory is trusted over the local headers, as unzip does). */
export interface ZipEntry {
  /** Its place in the central directory, from 0: names it apart from an entry of the same path. */
  index: number;
  /** Untrusted text: shown as any file name is. */
  path: string;
  /** General purpose bit flags (bit 0: encrypted, bit 11: UTF-8 name). */
  flags: number;
  /** Compression method: 0 stored, 8 deflate (the only two read). */
  method: number;
  crc32: number;
  compressedSize: number;
  uncompressedSize: number;
  /** Where its local header starts in the archive. */
  localHeaderOffset: number;
  /** Where its bytes must end: the next entry's local header, or the central directory. */
  regionEnd: number;
}

export const LOCAL_HEADER_SIGNATURE = 0x04034b50;
export const LOCAL_HEADER_BYTES = 30;
const END_SIGNATURE = 0x06054b50;
const END_BYTES = 22;
const MAX_COMMENT_BYTES = 0xffff;
const ZIP64_LOCATOR_SIGNATURE = 0x07064b50;
const ZIP64_LOCATOR_BYTES = 20;
const ZIP64_END_SIGNATURE = 0x06064b50;
const ZIP64_END_BYTES = 56;
const CENTRAL_SIGNATURE = 0x02014b50;
const CENTRAL_BYTES = 46;
const ZIP64_EXTRA_ID = 0x0001;
/** A 32-bit size or offset of this value (16-bit count: 0xFFFF) is in the ZIP64 records instead. */
const MAX32 = 0xffffffff;
const MAX16 = 0xffff;

/**
 * At most this many files are read from one archive: each is a file of the drop, with its own card,
 * and an archive of thousands of tiny entries is more likely a trap than a month of CDR exports.
 */
export const MAX_ARCHIVE_FILES = 1000;
/** A central directory bigger than this is not read (1,000 entries with long paths take ~100 KB). */
export const MAX_DIRECTORY_BYTES = 16 << 20;

/**
 * The archive's files to read; or, for an Excel workbook (an .xlsx is a ZIP archive holding
 * xl/workbook.xml), all its entries, the workbook's parts (read as one file: xlsx/workbook-text.ts);
 * or why none are read (text that follows the archive's name: "is …").
 */
export type ZipContents = { files: ZipEntry[] } | { workbook: ZipEntry[] } | { problem: string };

/** The first bytes of a ZIP archive: a local file header, an empty archive's end record, or a split archive's marker. */
export function isZipHead(head: Uint8Array): boolean {
  if (head.length < 4 || head[0] !== 0x50 || head[1] !== 0x4b) return false;
  return (head[2] === 3 && head[3] === 4) || (head[2] === 5 && head[3] === 6) || (head[2] === 7 && head[3] === 8);
}

/** The files of the archive worth reading (not folders, not macOS's or hidden files), the parts of a workbook, or why there are none. */
export async function readZipContents(blob: Blob): Promise<ZipContents> {
  const directory = await readZipDirectory(blob);
  if ('problem' in directory) return directory;
  const { entries } = directory;
  // By its content, whatever its name: a workbook renamed .zip is still one.
  if (entries.some((e) => e.path.toLowerCase() === 'xl/workbook.xml')) return { workbook: entries };
  if (entries.some((e) => e.path.toLowerCase() === 'xl/workbook.bin')) {
    return { problem: 'is an Excel binary workbook (.xlsb), which is not read: open it in Excel and save it as an Excel Workbook (.xlsx) or as CSV, and drop that' };
  }
  const files = entries.filter((e) => !isFolderEntry(e.path) && !isHiddenEntry(e.path));
  if (files.length === 0) {
    return {
      problem:
        entries.length === 0
          ? 'is an empty ZIP archive: it holds no files'
          : `is a ZIP archive with no files to read: its ${formatCount(entries.length)} entr${entries.length === 1 ? 'y is a folder or a hidden file' : 'ies are folders or hidden files'} (macOS's __MACOSX, .DS_Store)`,
    };
  }
  if (files.length > MAX_ARCHIVE_FILES) {
    return { problem: `is a ZIP archive of ${formatCount(files.length)} files: at most ${formatCount(MAX_ARCHIVE_FILES)} are read from one archive. Unzip it and drop the CDR files (a few hundred at a time)` };
  }
  return { files };
}

/** Every entry of the central directory, or why it cannot be read. */
export async function readZipDirectory(blob: Blob): Promise<{ entries: ZipEntry[] } | { problem: string }> {
  const tailStart = Math.max(0, blob.size - (END_BYTES + MAX_COMMENT_BYTES + ZIP64_LOCATOR_BYTES));
  const tail = await bytesAt(blob, tailStart, blob.size);
  const at = findEndRecord(tail);
  if (at < 0) return damaged('its end-of-archive record is missing, so the file was probably cut short');
  const end = new DataView(tail.buffer, tail.byteOffset, tail.byteLength);
  let disk = end.getUint16(at + 4, true);
  let directoryDisk = end.getUint16(at + 6, true);
  let entriesOnDisk: number | null = end.getUint16(at + 8, true);
  let entryCount: number | null = end.getUint16(at + 10, true);
  let directoryBytes: number | null = end.getUint32(at + 12, true);
  let directoryStart: number | null = end.getUint32(at + 16, true);
  /** The directory ends before the end records. */
  let directoryLimit = tailStart + at;

  const locatorAt = at - ZIP64_LOCATOR_BYTES;
  if (locatorAt >= 0 && end.getUint32(locatorAt, true) === ZIP64_LOCATOR_SIGNATURE) {
    const recordStart = uint64(end, locatorAt + 8);
    if (recordStart === null || recordStart + ZIP64_END_BYTES > tailStart + locatorAt) return damaged('its ZIP64 end record lies outside the file');
    const record = await bytesAt(blob, recordStart, recordStart + ZIP64_END_BYTES);
    const r = new DataView(record.buffer, record.byteOffset, record.byteLength);
    if (record.length < ZIP64_END_BYTES || r.getUint32(0, true) !== ZIP64_END_SIGNATURE) return damaged('its ZIP64 end record is missing where its locator says');
    disk = r.getUint32(16, true);
    directoryDisk = r.getUint32(20, true);
    entriesOnDisk = uint64(r, 24);
    entryCount = uint64(r, 32);
    directoryBytes = uint64(r, 40);
    directoryStart = uint64(r, 48);
    directoryLimit = recordStart;
  } else if (entryCount === MAX16 || directoryBytes === MAX32 || directoryStart === MAX32) {
    return damaged('it says its sizes are in ZIP64 records, and it has none');
  }
  if (entriesOnDisk === null || entryCount === null || directoryBytes === null || directoryStart === null) return damaged('its end record gives sizes no file has');
  if (disk !== 0 || directoryDisk !== 0 || entriesOnDisk !== entryCount) {
    return { problem: 'is one part of a ZIP archive split across several files (.z01, .z02 …): join the parts with an archive tool, unzip them, and drop the CSV files' };
  }
  if (directoryStart + directoryBytes > directoryLimit) return damaged('its directory lies beyond the end of the file, so the file was probably cut short');
  if (directoryBytes > MAX_DIRECTORY_BYTES) {
    return { problem: `is a ZIP archive whose directory alone is ${formatCount(directoryBytes)} bytes, more than is read (${formatCount(MAX_DIRECTORY_BYTES)}): unzip it and drop the CDR files` };
  }
  if (entryCount * CENTRAL_BYTES > directoryBytes) return damaged('its directory is shorter than the entries it counts');
  const directory = directoryStart >= tailStart ? tail.subarray(directoryStart - tailStart, directoryStart - tailStart + directoryBytes) : await bytesAt(blob, directoryStart, directoryStart + directoryBytes);
  const entries = parseDirectory(directory, entryCount);
  if (!Array.isArray(entries)) return entries;
  return placeRegions(entries, directoryStart);
}

/** The end record: the last signature whose comment ends the file (or, failing that, fits in it: bytes appended after an archive). */
function findEndRecord(tail: Uint8Array): number {
  const view = new DataView(tail.buffer, tail.byteOffset, tail.byteLength);
  let fits = -1;
  for (let i = tail.length - END_BYTES; i >= 0; i--) {
    if (tail[i] !== 0x50 || view.getUint32(i, true) !== END_SIGNATURE) continue;
    const recordEnd = i + END_BYTES + view.getUint16(i + 20, true);
    if (recordEnd === tail.length) return i;
    if (recordEnd < tail.length && fits < 0) fits = i;
  }
  return fits;
}

function parseDirectory(directory: Uint8Array, entryCount: number): ZipEntry[] | { problem: string } {
  const view = new DataView(directory.buffer, directory.byteOffset, directory.byteLength);
  const entries: ZipEntry[] = [];
  let p = 0;
  for (let index = 0; index < entryCount; index++) {
    if (p + CENTRAL_BYTES > directory.length || view.getUint32(p, true) !== CENTRAL_SIGNATURE) return damaged(`its directory is damaged at entry ${formatCount(index + 1)}`);
    const flags = view.getUint16(p + 8, true);
    const method = view.getUint16(p + 10, true);
    const crc32 = view.getUint32(p + 16, true);
    let compressedSize: number | null = view.getUint32(p + 20, true);
    let uncompressedSize: number | null = view.getUint32(p + 24, true);
    const nameAt = p + CENTRAL_BYTES;
    const extraAt = nameAt + view.getUint16(p + 28, true);
    const extraEnd = extraAt + view.getUint16(p + 30, true);
    const next = extraEnd + view.getUint16(p + 32, true);
    let diskStart: number | null = view.getUint16(p + 34, true);
    let localHeaderOffset: number | null = view.getUint32(p + 42, true);
    if (next > directory.length) return damaged(`its directory is damaged at entry ${formatCount(index + 1)}`);
    /** Whether the ZIP64 field lacked bytes for a value (a value too large to be a size is another fault). */
    let short = false;
    if (uncompressedSize === MAX32 || compressedSize === MAX32 || localHeaderOffset === MAX32 || diskStart === MAX16) {
      // 4.5.3: only the fields whose 32-bit (16-bit) value is all ones are in the extra field, in this order.
      const zip64 = extraField(view, extraAt, extraEnd, ZIP64_EXTRA_ID);
      if (!zip64) return damaged(`entry ${formatCount(index + 1)} says its sizes are in a ZIP64 field, and it has none`);
      let q = zip64.start;
      const take = (bytes: 8 | 4): number | null => {
        if (q + bytes > zip64.end) {
          short = true;
          return null;
        }
        const v = bytes === 8 ? uint64(view, q) : view.getUint32(q, true);
        q += bytes;
        return v;
      };
      if (uncompressedSize === MAX32) uncompressedSize = take(8);
      if (compressedSize === MAX32) compressedSize = take(8);
      if (localHeaderOffset === MAX32) localHeaderOffset = take(8);
      if (diskStart === MAX16) diskStart = take(4);
    }
    if (uncompressedSize === null || compressedSize === null || localHeaderOffset === null || diskStart === null) {
      return damaged(short ? `entry ${formatCount(index + 1)}'s ZIP64 field is too short for its sizes` : `entry ${formatCount(index + 1)}'s ZIP64 field gives a size or place past what any file holds`);
    }
    if (diskStart !== 0) return { problem: 'is one part of a ZIP archive split across several files (.z01, .z02 …): join the parts with an archive tool, unzip them, and drop the CSV files' };
    const path = decodeEntryName(directory.subarray(nameAt, extraAt), flags);
    entries.push({ index, path, flags, method, crc32, compressedSize, uncompressedSize, localHeaderOffset, regionEnd: 0 });
    p = next;
  }
  return entries;
}

/**
 * Each entry's bytes end where the next one's start (or at the directory). Entries that share or
 * overlap their bytes are refused: no archiver writes them, and a "zip bomb" uses them to make a
 * small file stand for many large ones.
 */
function placeRegions(entries: ZipEntry[], directoryStart: number): { entries: ZipEntry[] } | { problem: string } {
  const starts = entries.map((e) => e.localHeaderOffset).sort((a, b) => a - b);
  for (let i = 1; i < starts.length; i++) if (starts[i] === starts[i - 1]) return damaged('two of its entries point at the same data');
  for (const e of entries) {
    if (e.localHeaderOffset + LOCAL_HEADER_BYTES > directoryStart) return damaged(`${quoted(e.path)} starts beyond the end of the archive's data`);
    let lo = 0;
    let hi = starts.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (starts[mid]! <= e.localHeaderOffset) lo = mid + 1;
      else hi = mid;
    }
    e.regionEnd = starts[lo] ?? directoryStart;
  }
  return { entries };
}

function extraField(view: DataView, start: number, end: number, id: number): { start: number; end: number } | null {
  for (let p = start; p + 4 <= end; ) {
    const size = view.getUint16(p + 2, true);
    if (view.getUint16(p, true) === id) return { start: p + 4, end: Math.min(end, p + 4 + size) };
    p += 4 + size;
  }
  return null;
}

/** A little-endian 64-bit count, or null past 2^53 (no Blob is that big). */
function uint64(view: DataView, at: number): number | null {
  const lo = view.getUint32(at, true);
  const hi = view.getUint32(at + 4, true);
  return hi > 0x1fffff ? null : hi * 2 ** 32 + lo;
}

async function bytesAt(blob: Blob, start: number, end: number): Promise<Uint8Array> {
  return new Uint8Array(await blob.slice(start, end).arrayBuffer());
}

/** An entry's path inside a sentence (clipped: a path may be 64 KB long). */
function quoted(path: string): string {
  return `"${path.length > 120 ? `${path.slice(0, 119)}…` : path}"`;
}

function damaged(why: string): { problem: string } {
  return { problem: `is a damaged ZIP archive: ${why}. Download it again, or open it with an archive tool and drop the CSV files inside` };
}
