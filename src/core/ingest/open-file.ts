/**
 * The open stage of the ingest pipeline: a blob (a file, or one entry of a ZIP archive) → its
 * compression, its text encoding, the sniff sample (the first decoded text, split into rows) and
 * its bytes as chunks: the first ones, already read for the sample, and the rest still to read.
 * An Excel workbook's text is the CSV its first sheet gives (read/xlsx). Nothing here knows
 * formats or rows.
 */
import type { SniffSample } from '../formats/format-module';
import { blobSlices, concatBytes, decompress, gunzip, READ_SLICE_BYTES, sniffCompression, type ByteProgress, type Compression } from '../read/byte-source';
import { buildSniffSample, SNIFF_CHARS } from '../read/sniff';
import { binaryReason, detectEncoding, knownBinaryFormat, type TextEncodingName } from '../read/text-encoding';
import { isZipHead, readZipContents, type ZipEntry } from '../read/zip/zip-directory';
import { INFLATE_STEP_BYTES } from '../read/zip/entry-bytes';
import { checkedEntryBytes, DEFLATED, entryData, entryProblem } from '../read/zip/zip-entry';
import { openWorkbook, type WorkbookSheet } from '../read/xlsx/workbook-text';

/** A .gz of CDR text is usually 5–10× smaller: enough to decide whether pieces are worth it. */
const GZIP_RATIO_GUESS = 4;
/** A sheet's XML is about 3 bytes per byte of the CSV it gives (`<c r="M2"><v>23</v></c>` for "23,"): a guess, for sizing only. */
const SHEET_XML_PER_TEXT_BYTE = 3;

export interface OpenOptions {
  fileName: string;
  sliceBytes?: number;
  signal?: AbortSignal;
  /** Bytes of the blob read so far (a .gz counts its compressed bytes). */
  onBytes: (progress: ByteProgress) => void;
  /**
   * The blob is this entry of a ZIP archive: its local header, its data, and whatever follows up
   * to the next entry (archive-inputs.ts). Its data is read (inflated, counted, checked) as a file's.
   */
  zipEntry?: ZipEntry;
}

export interface OpenedFile {
  compression: Compression;
  encoding: TextEncodingName;
  sample: SniffSample;
  /** The bytes (decompressed) read for the sample, in order; the rows start with them. */
  first: Uint8Array[];
  /** The bytes after `first`; null when `first` holds the whole file (or reading broke off). */
  rest: AsyncIterator<Uint8Array> | null;
  /** A read error (damaged .gz) inside the first bytes: what came before it is in `first`. */
  damage: unknown;
  /**
   * Where the text lies as it is in a blob, for piece workers that read their ranges themselves: the
   * file, or a stored ZIP entry's data (from `start` of the blob opened); null when it is decompressed.
   * `crc32`: a stored entry's checksum, which `rest` checks once read to its end; pieces read ranges
   * instead, so their reader checks it (null: a plain file, or an entry already read whole in `first`).
   */
  plain: { blob: Blob; start: number; crc32: number | null } | null;
  /** Bytes of text: exact (`textBytesKnown`) for a plain file or a ZIP entry, a guess for a .gz or a workbook's sheet. */
  textBytes: number;
  textBytesKnown: boolean;
  /** The text is this sheet of an Excel workbook, as CSV; null for any other file. */
  sheet: WorkbookSheet | null;
}

/**
 * Why a file cannot be opened as text: `error` as the user reads it, or (null) a read error in
 * `damage` that the caller words with the line it reached; `compression` as far as it was seen.
 */
export interface UnopenedFile {
  compression: Compression;
  error: string | null;
  damage: unknown;
}

export async function openBlob(blob: Blob, options: OpenOptions): Promise<{ opened: OpenedFile } | { unopened: UnopenedFile }> {
  const { fileName, signal, zipEntry } = options;
  const sliceBytes = Math.max(1, options.sliceBytes ?? READ_SLICE_BYTES);
  if (blob.size === 0) return notOpened(emptyText(fileName));
  // A ZIP entry: its data, after its local header. Progress still counts the blob's bytes.
  let data = blob;
  let dataStart = 0;
  if (zipEntry) {
    const problem = entryProblem(zipEntry);
    if (problem) return notOpened(`${fileName} ${problem}.`);
    const found = await entryData(blob, zipEntry);
    if ('problem' in found) return notOpened(`${fileName} ${found.problem}.`);
    ({ data, start: dataStart } = found);
    if (data.size === 0) return notOpened(emptyText(fileName));
  }
  const onBytes = dataStart === 0 ? options.onBytes : (p: ByteProgress) => options.onBytes({ bytesRead: dataStart + p.bytesRead, totalBytes: blob.size });
  // The first slice is the sniff's: a big file is then cut into pieces that read their own bytes,
  // and a 1 MiB first read (~4.5 ms in a Chromium worker, against ~1.2 for 64 KiB) came before the
  // first piece was sent.
  const rawSlices = blobSlices(data, sliceBytes, onBytes, signal, Math.min(sliceBytes, SNIFF_CHARS));
  const inflated = zipEntry?.method === DEFLATED;
  const layer: AsyncIterator<Uint8Array> = zipEntry
    ? checkedEntryBytes(inflated ? decompress(rawSlices, 'deflate-raw', sliceBytes, signal, INFLATE_STEP_BYTES) : rawSlices, zipEntry)
    : rawSlices;
  const declared = zipEntry?.uncompressedSize ?? data.size;
  return openText(layer, {
    options,
    sliceBytes,
    compression: inflated ? 'deflate' : null,
    plain: { blob: data, start: dataStart, crc32: zipEntry ? zipEntry.crc32 : null },
    textBytes: declared,
    sheet: null,
    // An archive dropped as it is was opened into its entries (archive-inputs.ts) unless it cannot be:
    // its directory says why, or it is a workbook, read as its sheet. One inside a .gz or inside
    // another archive is not opened.
    archive: zipEntry ? null : blob,
  });
}

const notOpened = (error: string): { unopened: UnopenedFile } => ({ unopened: { compression: null, damage: null, error } });
const emptyText = (fileName: string) =>
  `${fileName} is empty (0 bytes). Expected a CDR export: Master.csv, a VICIdial carrier log, a FreePBX CDR report, a Kamailio acc export, or any CSV with a header.`;

/** Where the text of a file comes from, and what is known of it before its first bytes are read. */
interface TextSource {
  options: OpenOptions;
  sliceBytes: number;
  compression: Compression;
  /** The text as it lies in a blob (OpenedFile.plain) when it is not decompressed; `crc32` for a stored ZIP entry. */
  plain: { blob: Blob; start: number; crc32: number | null } | null;
  /** Bytes of text: exact unless gzipped (or a sheet's CSV, guessed from its XML). */
  textBytes: number;
  sheet: WorkbookSheet | null;
  /** The file itself, when it may be a ZIP archive to look into (an Excel workbook); null when not. */
  archive: Blob | null;
}

/** The text of `layer`: gunzipped where it is a .gz, its first bytes gathered, its encoding and format sample. */
async function openText(layer: AsyncIterator<Uint8Array>, source: TextSource): Promise<{ opened: OpenedFile } | { unopened: UnopenedFile }> {
  const { options, sliceBytes } = source;
  const { fileName, signal, zipEntry } = options;
  let compression = source.compression;

  // Look at the first bytes: compression (a .gz, or a .gz inside a ZIP), then encoding.
  let head: Uint8Array;
  try {
    head = await leadingBytes(layer, 4);
  } catch (e) {
    if (signal?.aborted) throw e;
    await layer.return?.(undefined);
    return { unopened: { compression, damage: e, error: null } };
  }
  const gzipped = sniffCompression(head) === 'gzip';
  if (gzipped) compression = 'gzip';
  const bytes: AsyncIterator<Uint8Array> = gzipped ? gunzip(prepend(head, layer), sliceBytes, signal) : prepend(head, layer);

  // Gather enough text to detect the format.
  const first: Uint8Array[] = [];
  let firstBytes = 0;
  let done = false;
  // A damaged .gz can fail inside the first 64 KiB: read what came before the damage, then report.
  let damage: unknown = null;
  while (firstBytes < SNIFF_CHARS) {
    let next: IteratorResult<Uint8Array>;
    try {
      next = await bytes.next();
    } catch (e) {
      if (signal?.aborted) throw e;
      damage = e;
      done = true;
      break;
    }
    if (next.done) {
      done = true;
      break;
    }
    first.push(next.value);
    firstBytes += next.value.length;
  }
  const sniffBytes = concatBytes(first, firstBytes);
  const unopened = async (file: UnopenedFile): Promise<{ unopened: UnopenedFile }> => {
    // Not read further: the rest of the file stops now, not when collected.
    if (!done) await bytes.return?.(undefined);
    return { unopened: file };
  };
  if (sniffBytes.length === 0) {
    if (damage) return unopened({ compression, damage, error: null });
    if (source.sheet) return unopened({ compression, damage: null, error: `${fileName} is an Excel workbook whose sheet "${source.sheet.name}" is empty.` });
    return unopened({ compression, damage: null, error: `${fileName} is empty after decompression. Expected a CDR export inside the ${zipEntry ? 'archive' : '.gz file'}.` });
  }
  if (source.archive && compression === null && isZipHead(sniffBytes)) {
    if (!done) await bytes.return?.(undefined);
    done = true;
    const contents = await readZipContents(source.archive);
    if ('workbook' in contents) return openSheet(source.archive, contents.workbook, options, sliceBytes);
    return unopened({ compression, damage: null, error: `${fileName} ${'problem' in contents ? contents.problem : 'is a ZIP archive: unzip it and drop the CSV files'}.` });
  }
  // A workbook inside an archive: its parts would have to be inflated whole to be found (the name tells it from another archive).
  if (zipEntry && compression === null && isZipHead(sniffBytes) && /\.xls[xm]$/i.test(zipEntry.path)) {
    return unopened({ compression, damage: null, error: `${fileName} is an Excel workbook inside a ZIP archive: unzip the archive and drop the workbook itself.` });
  }
  const known = knownBinaryFormat(sniffBytes);
  if (known) return unopened({ compression, damage: null, error: `${fileName} is ${known}.` });
  const guess = detectEncoding(sniffBytes);
  const binary = binaryReason(sniffBytes, guess.encoding);
  if (binary) {
    return unopened({ compression, damage: null, error: `${fileName} cannot be read: ${binary}. Expected a CDR export as text (CSV, TSV, or an SQL dump), optionally .gz or .zip.` });
  }
  // The sniff text is decoded on its own; the rows are decoded chunk by chunk (the parse stage) so
  // that the first chunks cross the same seams as the rest of the file.
  const sample = buildSniffSample(fileName, new TextDecoder(guess.encoding).decode(sniffBytes, { stream: true }), done);
  const plain = compression === null && source.plain ? { ...source.plain, crc32: done ? null : source.plain.crc32 } : null;
  return {
    opened: {
      compression,
      encoding: guess.encoding,
      sample,
      first,
      rest: done ? null : bytes,
      damage,
      plain,
      textBytes: gzipped ? source.textBytes * GZIP_RATIO_GUESS : source.textBytes,
      textBytesKnown: !gzipped && !source.sheet,
      sheet: source.sheet,
    },
  };
}

/** A workbook's first worksheet, opened as the CSV text it gives (xlsx/workbook-text.ts). */
async function openSheet(archive: Blob, parts: readonly ZipEntry[], options: OpenOptions, sliceBytes: number): Promise<{ opened: OpenedFile } | { unopened: UnopenedFile }> {
  const workbook = await openWorkbook(archive, parts, { sliceBytes, signal: options.signal, onBytes: options.onBytes });
  if ('problem' in workbook) return notOpened(`${options.fileName} ${workbook.problem}.`);
  return openText(workbook.csv, {
    options,
    sliceBytes,
    compression: null,
    plain: null,
    textBytes: Math.ceil(workbook.sheetXmlBytes / SHEET_XML_PER_TEXT_BYTE),
    sheet: workbook.sheet,
    archive: null,
  });
}

/** At least `count` bytes from the start of `bytes` (fewer only where it ends), in one array. */
async function leadingBytes(bytes: AsyncIterator<Uint8Array>, count: number): Promise<Uint8Array> {
  let head: Uint8Array = new Uint8Array(0);
  while (head.length < count) {
    const next = await bytes.next();
    if (next.done) break;
    head = head.length === 0 ? next.value : concatBytes([head, next.value]);
  }
  return head;
}

async function* prepend(head: Uint8Array, rest: AsyncIterator<Uint8Array>): AsyncGenerator<Uint8Array> {
  try {
    yield head;
    for (;;) {
      const next = await rest.next();
      if (next.done) return;
      yield next.value;
    }
  } finally {
    // Its reader stopped early (a cancel, a file that is not text): the slices under it stop too.
    await rest.return?.(undefined);
  }
}
