/**
 * One file → normalized call records, streamed: fixed byte slices → gunzip (if .gz) → text
 * decoding → format detection on the first text → rows → the format's parser → `onRecord`.
 * Raw text is never kept beyond the row being parsed. Runs unchanged in the worker, the page and
 * Node. Errors are values: a bad file yields a result with `error` set, never a throw (except
 * cancellation, which rejects with the AbortSignal's reason).
 */
import type { CallRecord } from '../model/call-record';
import type { CallStore } from '../analysis/call-store';
import type { ColumnMapping, FormatCapabilities, FormatFamily, FormatModule, ParserInit, RowParser, RowTokenizer, SniffSample } from '../formats/format-module';
import { detectFormat, FORMATS } from '../formats/registry';
import { blobSlices, concatBytes, gunzip, READ_SLICE_BYTES, sniffCompression, type ByteProgress, type Compression } from '../read/byte-source';
import { DelimitedTokenizer } from '../read/delimited-tokenizer';
import { buildSniffSample, SNIFF_CHARS } from '../read/sniff';
import { binaryReason, detectEncoding, knownBinaryFormat, type TextEncodingName } from '../read/text-encoding';
import type { CallDeduper} from './call-deduper';
import { DUPLICATE_REASON } from './call-deduper';
import { RowAccounting, type RowCounts, type SkipGroup } from './row-accounting';
import { releaseHeld, routeRow } from './route-row';
import { countDirection, emptyTraffic, internalCallsIn, type FileTraffic } from './traffic';
import type { PiecePool } from './pieces/piece-types';
import { PIECE_BYTES, readInPieces, type PieceFeed } from './pieces/read-in-pieces';

/** Per file we list at most this many trunks (a mis-mapped column could yield thousands). */
export const MAX_TRUNKS_LISTED = 200;

export interface IngestOptions {
  fileName: string;
  sliceBytes?: number;
  signal?: AbortSignal;
  onProgress?: (progress: IngestProgress) => void;
  formats?: readonly FormatModule[];
  mappingOverrides?: Readonly<Record<string, ColumnMapping>>;
  /** Shared across the files of one drop so a call present in two files counts once. */
  deduper?: CallDeduper;
  /**
   * Read a splittable file in pieces parsed by `pool` (in parallel). Its calls then go straight
   * into `store` in columns, not through onRecord. Files smaller than one piece, and formats that
   * are not splittable, are read in one pass as usual.
   */
  pieces?: { pool: PiecePool; store: CallStore; pieceBytes?: number };
}

/** A .gz of CDR text is usually 5–10× smaller: enough to decide whether pieces are worth it. */
const GZIP_RATIO_GUESS = 4;

export interface IngestProgress extends ByteProgress {
  rowsRead: number;
}

export interface DetectedFormatInfo {
  id: string;
  label: string;
  family: FormatFamily;
  variant: string | null;
  score: number;
}

export interface FileIngestResult {
  fileName: string;
  byteSize: number;
  compression: Compression;
  encoding: TextEncodingName | null;
  delimiter: string | null;
  format: DetectedFormatInfo | null;
  rows: RowCounts;
  skipped: SkipGroup[];
  capabilities: FormatCapabilities | null;
  mapping: ColumnMapping | null;
  /** Trunks with their used-record counts, most calls first (at most MAX_TRUNKS_LISTED), aliases applied. */
  trunks: Array<{ name: string; calls: number }>;
  /**
   * Raw trunk name in the records delivered to onRecord → final name (RowParser.trunkAliases).
   * Empty when the format names trunks directly. The caller applies it to what it stored.
   */
  trunkAliases: Map<string, string>;
  /** Names this file gives to trunks of the other files in the drop (RowParser.companionTrunkNames). */
  companionTrunkNames: Map<string, string>;
  /** What a companion file would add (drop the dr_gateways dump to name gateway groups); null when nothing. */
  companionHint: string | null;
  /** Records cut because a line was absurdly long (binary data inside a text file). */
  overlongLines: number;
  /**
   * Records whose quote never closed (CSV with quoted newlines): read up to their own line end so
   * the rows after them are not swallowed. `firstLines`: up to 10 line numbers.
   */
  unclosedQuotes: { count: number; firstLines: number[] };
  /** The file's calls by direction (stored ones after de-duplication; internal ones skipped) and auth challenges. */
  traffic: FileTraffic;
  /** How many pieces the file was parsed in, in parallel; 0 when it was read in one pass. */
  pieces: number;
  /** Why the file could not be read (fully), naming the file and line; null when it was. */
  error: string | null;
}

export async function ingestBlob(blob: Blob, options: IngestOptions, onRecord: (record: CallRecord) => void): Promise<FileIngestResult> {
  const sliceBytes = Math.max(1, options.sliceBytes ?? READ_SLICE_BYTES);
  const { signal, fileName } = options;
  const accounting = new RowAccounting();
  const trunkCounts = new Map<string, number>();
  const result: FileIngestResult = {
    fileName,
    byteSize: blob.size,
    compression: null,
    encoding: null,
    delimiter: null,
    format: null,
    rows: accounting.counts(),
    skipped: [],
    capabilities: null,
    mapping: null,
    trunks: [],
    trunkAliases: new Map(),
    companionTrunkNames: new Map(),
    companionHint: null,
    overlongLines: 0,
    unclosedQuotes: { count: 0, firstLines: [] },
    traffic: emptyTraffic(),
    pieces: 0,
    error: null,
  };
  let lastLine = 0;
  let parser: RowParser | null = null;
  let tokenizer: RowTokenizer | null = null;
  /** Set when the file was read in pieces: what the pieces' parsers saw, together. */
  let piecesCapabilities: FormatCapabilities | null = null;
  const finishResult = (): FileIngestResult => {
    result.rows = accounting.counts();
    result.skipped = accounting.skipGroups();
    result.traffic.internal = internalCallsIn(result.skipped);
    if (parser) {
      result.capabilities = piecesCapabilities ?? parser.capabilities();
      result.mapping = parser.mapping?.() ?? null;
      const challenges = parser.challengeCounts?.();
      if (challenges) Object.assign(result.traffic, challenges);
      result.companionHint = parser.companionHint?.() ?? null;
    }
    if (tokenizer instanceof DelimitedTokenizer) {
      result.overlongLines = tokenizer.overlongCount;
      result.unclosedQuotes = { count: tokenizer.unclosedQuoteCount, firstLines: [...tokenizer.unclosedQuotes] };
    }
    let aliases: ReadonlyMap<string, string> = new Map();
    try {
      aliases = parser?.trunkAliases?.() ?? aliases;
      result.companionTrunkNames = new Map(parser?.companionTrunkNames?.() ?? []);
    } catch {
      // Naming is a refinement; raw names stay if it fails.
    }
    const finalCounts = new Map<string, number>();
    for (const [name, calls] of trunkCounts) {
      const finalName = aliases.get(name) ?? name;
      if (finalName !== name) result.trunkAliases.set(name, finalName);
      finalCounts.set(finalName, (finalCounts.get(finalName) ?? 0) + calls);
    }
    result.trunks = [...finalCounts.entries()]
      .sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]))
      .slice(0, MAX_TRUNKS_LISTED)
      .map(([name, calls]) => ({ name, calls }));
    return result;
  };

  if (blob.size === 0) {
    result.error = `${fileName} is empty (0 bytes). Expected a CDR export: Master.csv, a VICIdial carrier log, a FreePBX CDR report, a Kamailio acc export, or any CSV with a header.`;
    return finishResult();
  }

  const deliver = (record: CallRecord, line: number, countsAsRow: boolean): void => {
    if (options.deduper && !options.deduper.offer(record)) {
      if (countsAsRow) accounting.skip(DUPLICATE_REASON, line);
      else accounting.reclassifyUsedAsSkipped(DUPLICATE_REASON, line);
      return;
    }
    if (countsAsRow) accounting.use();
    countDirection(result.traffic, record.direction);
    trunkCounts.set(record.trunk, (trunkCounts.get(record.trunk) ?? 0) + 1);
    onRecord(record);
  };

  const sink = (fields: string[], line: number): void => {
    lastLine = line;
    routeRow(parser!, fields, line, accounting, deliver);
  };

  const progress = (p: ByteProgress): void => options.onProgress?.({ ...p, rowsRead: accounting.read });
  const rawSlices = blobSlices(blob, sliceBytes, progress, signal);

  try {
    // Look at the first bytes: compression, then encoding.
    const first = await rawSlices.next();
    if (first.done) throw new Error('no data');
    let head = first.value;
    while (head.length < 4 && blob.size > head.length) {
      const more = await rawSlices.next();
      if (more.done) break;
      head = concatBytes([head, more.value]);
    }
    result.compression = sniffCompression(head);
    const bytes: AsyncIterator<Uint8Array> =
      result.compression === 'gzip' ? gunzip(prepend(head, rawSlices), sliceBytes, signal) : prepend(head, rawSlices);

    // Gather enough text to detect the format.
    const firstChunks: Uint8Array[] = [];
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
      firstChunks.push(next.value);
      firstBytes += next.value.length;
    }
    const sniffBytes = concatBytes(firstChunks, firstBytes);
    if (sniffBytes.length === 0) {
      result.error = damage
        ? readErrorMessage(fileName, damage, result.compression, 0)
        : `${fileName} is empty after decompression. Expected a CDR export inside the .gz file.`;
      return finishResult();
    }
    const known = knownBinaryFormat(sniffBytes);
    if (known) {
      result.error = `${fileName} is ${known}.`;
      return finishResult();
    }
    const guess = detectEncoding(sniffBytes);
    const binary = binaryReason(sniffBytes, guess.encoding);
    if (binary) {
      result.error = `${fileName} cannot be read: ${binary}. Expected a CDR export as text (CSV, TSV, or an SQL dump), optionally .gz.`;
      return finishResult();
    }
    result.encoding = guess.encoding;
    // The sniff text is decoded on its own; the rows are decoded slice by slice below so that the
    // first slices cross the same seams as the rest of the file.
    const sample = buildSniffSample(fileName, new TextDecoder(guess.encoding).decode(sniffBytes, { stream: true }));
    const detected = detectFormat(sample, options.formats ?? FORMATS);
    if (!detected) {
      result.delimiter = sample.delimiter;
      result.error = notRecognizedMessage(fileName, sample.rows);
      return finishResult();
    }
    const { module, detection } = detected;
    result.format = { id: module.id, label: module.label, family: module.family, variant: detection.variant ?? null, score: detection.score };
    result.delimiter = module.syntax === 'delimited' ? sample.delimiter : null;
    const init: ParserInit = { fileName, delimiter: sample.delimiter, sample, mappingOverrides: options.mappingOverrides };
    parser = module.createParser(init);
    const pieces = options.pieces;
    const pieceBytes = Math.max(1, pieces?.pieceBytes ?? PIECE_BYTES);
    const textBytes = result.compression === 'gzip' ? blob.size * GZIP_RATIO_GUESS : blob.size;
    if (pieces && pieces.pool.size > 0 && splitsAtLineFeeds(module, guess.encoding) && textBytes >= pieceBytes) {
      // A plain file is cut into byte ranges the piece workers read themselves; a .gz is
      // decompressed here (one stream) and its pieces' bytes are sent along.
      const plain = result.compression === null;
      const feed: PieceFeed = plain ? { kind: 'file', blob } : { kind: 'stream', first: firstChunks, rest: done ? null : bytes };
      const run = await readInPieces(feed, {
        pool: pieces.pool,
        job: { encoding: guess.encoding, formatId: module.id, fileName, delimiter: sample.delimiter, sample, mappingOverrides: options.mappingOverrides, primeHeader: headerRowOf(module, init, sample) },
        pieceBytes,
        target: { store: pieces.store, deduper: options.deduper, accounting, trunkCounts, traffic: result.traffic },
        fileParser: parser,
        signal,
        onMerged: (line, bytesDone) => {
          lastLine = line;
          // A stream's progress comes from reading the .gz itself (blobSlices).
          if (plain) progress({ bytesRead: bytesDone, totalBytes: blob.size });
        },
      });
      firstChunks.length = 0;
      piecesCapabilities = run.capabilities;
      result.overlongLines = run.overlongLines;
      result.pieces = run.pieces;
      const problem = damage ?? run.damage;
      if (problem) result.error = readErrorMessage(fileName, problem, result.compression, lastLine);
      return finishResult();
    }
    tokenizer = parser.tokenizer ?? new DelimitedTokenizer({ delimiter: sample.delimiter, quotedNewlines: module.quotedNewlines ?? false });

    const decoder = new TextDecoder(guess.encoding);
    for (const chunk of firstChunks) tokenizer.push(decoder.decode(chunk, { stream: true }), sink);
    firstChunks.length = 0;
    if (!done) {
      for (;;) {
        signal?.throwIfAborted();
        const next = await bytes.next();
        if (next.done) break;
        tokenizer.push(decoder.decode(next.value, { stream: true }), sink);
      }
    }
    const tail = decoder.decode();
    if (tail) tokenizer.push(tail, sink);
    tokenizer.end(sink);
    releaseHeld(parser, accounting, deliver);
    if (damage) result.error = readErrorMessage(fileName, damage, result.compression, lastLine);
  } catch (e) {
    if (signal?.aborted) throw signal.reason;
    result.error = readErrorMessage(fileName, e, result.compression, lastLine);
  }
  return finishResult();
}

function notRecognizedMessage(fileName: string, rows: string[][]): string {
  const first = rows[0]?.slice(0, 6).join(', ') ?? '';
  const preview = first.length > 120 ? `${first.slice(0, 117)}…` : first;
  return (
    `${fileName} is not a CDR format Trunk Triage knows` +
    (preview ? ` (line 1 starts: "${preview}")` : '') +
    '. Expected one of: Asterisk Master.csv (cdr_csv / cdr_custom), a FreePBX CDR report or cdr table export, ' +
    'a VICIdial carrier log report, a FreeSWITCH cdr-csv file, a Kamailio/OpenSIPS acc export, ' +
    'or any CSV/TSV whose header names a start time and a SIP code, cause or disposition column.'
  );
}

function readErrorMessage(fileName: string, e: unknown, compression: Compression, lastLine: number): string {
  const where = lastLine > 0 ? ` after line ${lastLine.toLocaleString('en-US')}` : '';
  if (compression === 'gzip') {
    return `${fileName}: the gzip data is truncated or damaged${where} (${errorText(e)}). Rows before that point were read; re-copy or re-download the file to get the rest.`;
  }
  return `${fileName}: reading stopped${where}: ${errorText(e)}.`;
}

function errorText(e: unknown): string {
  if (e instanceof Error) return e.message;
  return String(e);
}

async function* prepend(head: Uint8Array, rest: AsyncIterator<Uint8Array>): AsyncGenerator<Uint8Array> {
  yield head;
  for (;;) {
    const next = await rest.next();
    if (next.done) return;
    yield next.value;
  }
}

/**
 * Pieces are cut at line feeds (LineCutter): only for formats whose records never span lines, in
 * encodings where byte 0x0A is always a line feed (not UTF-16, where it is half of a character).
 */
function splitsAtLineFeeds(module: FormatModule, encoding: TextEncodingName): boolean {
  return module.splittable === true && module.syntax === 'delimited' && !module.quotedNewlines && (encoding === 'utf-8' || encoding === 'windows-1252');
}

/** The file's first row when its parser takes it for a header (re-fed to every later piece). */
function headerRowOf(module: FormatModule, init: ParserInit, sample: SniffSample): string[] | null {
  const first = sample.rows[0];
  if (!first) return null;
  try {
    return module.createParser(init).parse(first, 1).kind === 'header' ? first : null;
  } catch {
    return null;
  }
}
