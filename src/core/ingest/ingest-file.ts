/**
 * One file → its calls in the drop's CallStore and its report, streamed through the ingest
 * pipeline (see ingestBlob): open → detect → parse → merge → summary. Raw text is never kept beyond
 * the row being parsed. Runs unchanged in the worker, the page and Node. Errors are values: a bad
 * file yields a result with `error` set, never a throw (except cancellation, which rejects with
 * the AbortSignal's reason).
 */
import { CallStore } from '../analysis/call-store';
import type { OnCallsMerged } from '../analysis/span-counts';
import type { TrunkTally } from '../analysis/trunk-summary';
import type { ColumnMapping, FileDateOrder, FormatCapabilities, FormatFamily, FormatModule, ParserInit, ProvenDateOrder, RowParser, SniffSample } from '../formats/format-module';
import { detectFormat, FORMATS } from '../formats/registry';
import type { CallRecord } from '../model/call-record';
import { formatCount } from '../model/format-count';
import type { ByteProgress, Compression } from '../read/byte-source';
import type { TextEncodingName } from '../read/text-encoding';
import type { ZipEntry } from '../read/zip/zip-directory';
import { storedCrcDamage, ZipEntryDamage } from '../read/zip/zip-entry';
import { WorkbookDamage } from '../read/xlsx/workbook-errors';
import type { WorkbookSheet } from '../read/xlsx/workbook-text';
import type { CallDeduper } from './call-deduper';
import { concludeFile } from './file-conclusions';
import { readingAlone, type DateOrderReading, type DropDateOrder } from './drop-date-order';
import { sampleStarts, scanStartOrder, startFieldOf } from './date-order-scan';
import { FarBehindWatch, markClockFolds } from './find-clock-folds';
import type { RepeatedHour } from '../analysis/clock-fold';
import { openBlob, type OpenedFile } from './open-file';
import { ParseRows } from './parse-rows';
import { mergeCalls, type MergeTarget } from './pieces/merge-piece';
import type { PiecePool } from './pieces/piece-types';
import { pieceBytesFor, readInPieces, type PieceFeed } from './pieces/read-in-pieces';
import { RowAccounting, type RowCounts, type SkipGroup } from './row-accounting';
import { emptyTraffic, internalCallsIn, type FileTraffic } from './traffic';
import { rowOf } from '../read/row';
import { withOwnTexts } from '../analysis/own-text';
import { customTemplateHint } from '../formats/freeswitch/custom-template-hint';

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
  /** The drop's calls: the file's are merged into it (a store of its own when absent). */
  store?: CallStore;
  /** The store's calls counted per trunk: the file's are added to it (with `store`). */
  tally?: TrunkTally;
  /**
   * Read a splittable file in pieces parsed by `pool` (in parallel). Files smaller than one piece
   * (`pieceBytes`, default pieceBytesFor the file), and formats that are not splittable, are read in one pass.
   */
  pool?: PiecePool;
  pieceBytes?: number;
  /**
   * After each merge (a piece, or a batch of one pass), the calls just appended in `store`: work
   * on them done while the rest of the file is parsed (CdrSession classifies them for the first
   * trunk table) instead of after the read.
   */
  onCallsMerged?: OnCallsMerged;
  /** The blob is this entry of a ZIP archive (OpenOptions.zipEntry). */
  zipEntry?: ZipEntry;
  /**
   * The file is read with others (ingest-files.ts): rows whose day/month order it cannot tell wait
   * in its parser (ParserInit.awaitDateOrder), and once it is read, a file whose dates read both
   * ways is handed here, to be settled when every file of the drop is read (drop-date-order.ts).
   */
  onDateOrder?: (file: DatedFileHandle) => void;
}

/** A file read whose day/month order the drop settles (IngestOptions.onDateOrder). */
export interface DatedFileHandle {
  dates: FileDateOrder;
  /**
   * Reads the rows that waited in `told`'s order, merges their calls into the store (counted in
   * `tally`, the drop's now) and updates the file's result; a file told nothing need not be settled.
   */
  settle(told: DropDateOrder, tally: TrunkTally): void;
}

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
   * Raw trunk name in the file's records → final name (RowParser.trunkAliases). Empty when the
   * format names trunks directly. The caller applies it to the store (CallStore.renameTrunks).
   */
  trunkAliases: Map<string, string>;
  /** Names this file gives to trunks of the other files in the drop (RowParser.companionTrunkNames). */
  companionTrunkNames: Map<string, string>;
  /** What a companion file would add (drop the dr_gateways dump to name gateway groups), or what the file could not settle (its dates' order); null when nothing. */
  companionHint: string | null;
  /** How the day/month order of dates that read both ways (`03/04/2015`) was settled; null: no date depended on it. */
  dateOrder: DateOrderReading | null;
  /** Records cut because a line was absurdly long (binary data inside a text file). */
  overlongLines: number;
  /**
   * Records whose quote never closed (CSV with quoted newlines): read up to their own line end so
   * the rows after them are not swallowed. `firstLines`: up to 10 line numbers.
   */
  unclosedQuotes: { count: number; firstLines: number[] };
  /** The file's calls by direction (stored ones after de-duplication; internal ones skipped) and auth challenges. */
  traffic: FileTraffic;
  /**
   * Hours the file shows twice, the clock gone back (daylight saving time ended): their calls of
   * the second pass are marked in the store (find-clock-folds.ts). Empty: none.
   */
  repeatedHours: RepeatedHour[];
  /** How many pieces the file was parsed in, in parallel; 0 when it was read in one pass. */
  pieces: number;
  /** An Excel workbook: the sheet read (as the CSV it gives) and how many others were not; null for any other file. */
  sheet: WorkbookSheet | null;
  /** Why the file could not be read (fully), naming the file and line; null when it was. */
  error: string | null;
}

/**
 * One file through the pipeline: open (compression, encoding, sniff sample, byte chunks) → detect
 * (the format and its parser) → parse (ParseRows: in pieces on the pool, or the whole file as one
 * big piece here) → merge (mergeCalls: into the store, de-duplicated) → summary (the file's row
 * accounting, trunks and what its parser concludes).
 */
export async function ingestBlob(blob: Blob, options: IngestOptions, onRecord?: (record: CallRecord) => void): Promise<FileIngestResult> {
  const { signal, fileName } = options;
  const firstRow = options.store?.length ?? 0;
  const file: FileState = {
    result: emptyResult(fileName, blob.size),
    firstRow,
    target: {
      store: options.store ?? new CallStore(),
      deduper: options.deduper,
      accounting: new RowAccounting(),
      trunkCounts: new Map(),
      traffic: emptyTraffic(),
      tally: options.tally ?? new Map(),
      onCallsMerged: options.onCallsMerged,
      folds: new FarBehindWatch(firstRow),
    },
    parser: null,
    piecesCapabilities: null,
    dates: null,
    reading: null,
    lastLine: 0,
    rowsReading: () => 0,
  };
  const { result } = file;
  const progress = (p: ByteProgress): void => options.onProgress?.({ ...p, rowsRead: file.target.accounting.read + file.rowsReading() });
  try {
    const open = await openBlob(blob, { fileName, sliceBytes: options.sliceBytes, signal, onBytes: progress, zipEntry: options.zipEntry });
    if ('unopened' in open) {
      result.compression = open.unopened.compression;
      result.error = open.unopened.error ?? readErrorMessage(fileName, open.unopened.damage, open.unopened.compression, 0);
      return summarize(file);
    }
    const opened = open.opened;
    result.compression = opened.compression;
    result.encoding = opened.encoding;
    result.sheet = opened.sheet;

    const detected = detectFormat(opened.sample, options.formats ?? FORMATS);
    if (!detected) {
      result.delimiter = opened.sample.delimiter;
      result.error = notRecognizedMessage(fileName, opened.sample.rows);
      return summarize(file);
    }
    const { module, detection } = detected;
    result.format = { id: module.id, label: module.label, family: module.family, variant: detection.variant ?? null, score: detection.score };
    result.delimiter = module.syntax === 'delimited' ? opened.sample.delimiter : null;
    const init: ParserInit = { fileName, delimiter: opened.sample.delimiter, sample: opened.sample, mappingOverrides: options.mappingOverrides, awaitDateOrder: options.onDateOrder !== undefined };
    const provenDateOrder = await dateOrderBeforeRows(blob, opened, module, init, options);
    if (provenDateOrder) init.provenDateOrder = provenDateOrder;
    const parser = module.createParser(init);
    file.parser = parser;

    const pool = options.pool;
    const { textBytes } = opened;
    const pieceBytes = Math.max(1, options.pieceBytes ?? pieceBytesFor(textBytes));
    // Estimated now, from the first bytes: reading in pieces hands those buffers to the pool (a text
    // that is all in them, an archive entry or a .gz that declares more than it holds, is one piece).
    const lines = Math.min(estimatedLines(opened.first, textBytes), Math.ceil(textBytes / MIN_CALL_ROW_BYTES));
    const reserve = () => reserveForFile(file.target, lines, opened.textBytesKnown);
    if (pool && pool.size > 0 && splitsAtLineFeeds(module, opened.encoding) && textBytes >= pieceBytes) {
      await readPieces(blob, opened, { pool, pieceBytes, module, init, file, signal, onProgress: progress, reserve });
    } else {
      reserve();
      await readOnePass(opened, { module, parser, file, signal, onRecord, expectedCalls: Math.ceil(textBytes / 128) });
    }
  } catch (e) {
    if (signal?.aborted) throw signal.reason;
    result.error = readErrorMessage(fileName, e, result.compression, file.lastLine);
  }
  const summary = summarize(file);
  const { parser, dates } = file;
  if (options.onDateOrder && parser && dates) options.onDateOrder({ dates, settle: (told, tally) => settleLate(file, parser, told, tally, onRecord) });
  return summary;
}

/**
 * The order the drop settled for a file read earlier: the rows that waited for it are read in it
 * (a second finish()), their calls merged into the store after the calls of the files read since,
 * and the file's result summarized again with them.
 */
function settleLate(file: FileState, parser: RowParser, told: DropDateOrder, tally: TrunkTally, onRecord: ((record: CallRecord) => void) | undefined): void {
  file.reading = told.reading;
  file.target.tally = tally;
  // Other files' calls lie between: the late calls are read for repeated hours on their own (summarize).
  file.target.folds = undefined;
  const from = file.target.store.length;
  try {
    parser.settleDateOrder?.(told.reading.order, told.note);
    const parse = new ParseRows({ parser, delimiter: ',', quotedNewlines: false, encoding: 'utf-8', onRecord });
    parse.releaseHeld();
    const calls = parse.takeCalls();
    if (calls.calls.length > 0) mergeCalls(withOwnTexts(calls), file.target, 0);
    file.target.accounting.absorb(parse.accounting.counts(), parse.accounting.skipGroups(), 0);
  } catch (e) {
    // A parser must not throw here; if one does, the rows that waited are lost, and the card says so.
    file.result.error ??= `${file.result.fileName}: the rows read before their date order was known could not be read (${errorText(e)}).`;
  }
  summarize(file, from);
}

/**
 * The day/month order the file's start times prove, before its rows are parsed (date-order-scan.ts):
 * the sample's proof, or, when its starts all read both ways, the first proof in the start column
 * of the whole file, read from its first byte once more (only as far as that proof). undefined: none
 * (no start reads both ways, both orders are proven, or no start in the file reads one way only).
 */
async function dateOrderBeforeRows(blob: Blob, opened: OpenedFile, module: FormatModule, init: ParserInit, options: IngestOptions): Promise<ProvenDateOrder | undefined> {
  const startField = startFieldOf(module, init, opened.sample);
  if (startField === null) return undefined;
  const sample = sampleStarts(opened.sample.rows, startField);
  if (sample.kind !== 'open') return sample.kind === 'proven' ? sample.proven : undefined;
  const { signal } = options;
  // The whole text in the first bytes is scanned where it is (and left for the parse); else the file is opened again.
  let source = opened;
  if (opened.rest !== null) {
    const again = await openBlob(blob, { fileName: options.fileName, sliceBytes: options.sliceBytes, signal, onBytes: () => {}, zipEntry: options.zipEntry });
    if ('unopened' in again) return undefined;
    source = again.opened;
  }
  const chunks = bytesOf(source);
  try {
    const scanned = await scanStartOrder(chunks, { startField, delimiter: opened.sample.delimiter, quotedNewlines: module.quotedNewlines ?? false, encoding: opened.encoding, signal });
    return scanned.proven ?? undefined;
  } catch (e) {
    if (signal?.aborted) throw e;
    // A read that broke (a damaged .gz) proves nothing: the parse meets the damage and says so.
    return undefined;
  } finally {
    await chunks.return?.(undefined);
    // A scan stopped before it read anything never started bytesOf: the file opened again is closed here.
    if (source !== opened) await source.rest?.return?.(undefined);
  }
}

/** An opened file's text bytes in order (its first ones left where they are); returned early, the rest of it is not read. */
async function* bytesOf(opened: OpenedFile): AsyncGenerator<Uint8Array> {
  try {
    yield* opened.first;
    if (!opened.rest) return;
    for (;;) {
      const next = await opened.rest.next();
      if (next.done) return;
      yield next.value;
    }
  } finally {
    await opened.rest?.return?.(undefined);
  }
}

/**
 * The store gets room for the file's calls before it is read: lines × 1.25 (rows vary in length;
 * room never written costs no memory). The de-duplication table is sized for the lines of a plain
 * file (its size is known; a .gz's is a guess, and the table's slots are all touched).
 */
const STORE_ROOM_PER_LINE = 1.25;
/**
 * No call row is shorter (a date and time alone is 19 bytes), so a file holds at most its size / 32
 * calls, whatever its first bytes say: a preamble of blank lines must not size the store by bytes.
 */
const MIN_CALL_ROW_BYTES = 32;

function reserveForFile(target: MergeTarget, lines: number, sizeKnown: boolean): void {
  // Sizing is only an optimisation: room the machine will not give is grown as rows come instead.
  try {
    target.store.reserve(target.store.length + lines * STORE_ROOM_PER_LINE);
    if (sizeKnown) target.deduper?.reserve(lines);
  } catch (e) {
    if (!(e instanceof RangeError)) throw e;
  }
}

/**
 * Lines of the file, estimated from the line ends (LF, else CR) in its first bytes; bytes, not
 * characters, so a UTF-16 file counts right too.
 */
export function estimatedLines(first: readonly Uint8Array[], textBytes: number): number {
  let bytes = 0;
  let lf = 0;
  let cr = 0;
  for (const chunk of first) {
    bytes += chunk.length;
    for (let i = chunk.indexOf(0x0a); i >= 0; i = chunk.indexOf(0x0a, i + 1)) lf++;
    if (lf === 0) for (let i = chunk.indexOf(0x0d); i >= 0; i = chunk.indexOf(0x0d, i + 1)) cr++;
  }
  const ends = lf > 0 ? lf : cr;
  if (bytes === 0) return 0;
  // A whole small file is in `first`: its own line ends, whatever the guess of its size.
  return Math.ceil((Math.max(textBytes, bytes) * Math.max(1, ends)) / bytes);
}

/** One file's state as it goes through the pipeline. */
interface FileState {
  result: FileIngestResult;
  target: MergeTarget;
  /** The file's parser (decides file-wide names); null until the format is known. */
  parser: RowParser | null;
  /** Set when the file was read in pieces: what the pieces' parsers saw, together. */
  piecesCapabilities: FormatCapabilities | null;
  /** The store's row the file's calls begin at (they are appended in file order). */
  firstRow: number;
  /** The last line read (for "reading stopped after line N"). */
  lastLine: number;
  /** Rows read by a parse not merged yet (one pass), for progress. */
  rowsReading: () => number;
  /** What the file's own dates say of their day/month order, once read (FileConclusions.dateOrder). */
  dates: FileDateOrder | null;
  /** The order the drop settled for it (settleLate); null: its own reading stands. */
  reading: DateOrderReading | null;
}

/**
 * A splittable file in pieces parsed on the pool: a plain file (or a stored ZIP entry's data) is cut
 * into byte ranges the piece workers read themselves; a .gz (a deflated ZIP entry) is decompressed
 * here (one stream) and its pieces' bytes sent along.
 */
async function readPieces(
  blob: Blob,
  opened: OpenedFile,
  run: { pool: PiecePool; pieceBytes: number; module: FormatModule; init: ParserInit; file: FileState; signal: AbortSignal | undefined; onProgress: (p: ByteProgress) => void; reserve: () => void },
): Promise<void> {
  const { file, init } = run;
  const { result } = file;
  const { plain } = opened;
  const feed: PieceFeed = plain ? { kind: 'file', blob: plain.blob } : { kind: 'stream', first: opened.first, rest: opened.rest };
  const outcome = await readInPieces(feed, {
    pool: run.pool,
    job: { encoding: opened.encoding, formatId: run.module.id, fileName: init.fileName, delimiter: opened.sample.delimiter, sample: opened.sample, mappingOverrides: init.mappingOverrides, primeHeader: headerRowOf(run.module, init, opened.sample), provenDateOrder: init.provenDateOrder },
    pieceBytes: run.pieceBytes,
    target: file.target,
    fileParser: file.parser!,
    signal: run.signal,
    beforeFirstMerge: run.reserve,
    onMerged: (line, bytesDone) => {
      file.lastLine = line;
      // A stream's progress comes from reading the .gz itself (blobSlices).
      if (plain) run.onProgress({ bytesRead: plain.start + bytesDone, totalBytes: blob.size });
    },
  });
  opened.first.length = 0;
  file.piecesCapabilities = outcome.capabilities;
  result.overlongLines = outcome.overlongLines;
  result.pieces = outcome.pieces;
  // A stored ZIP entry's pieces were byte ranges: its CRC-32 is checked now, its rows kept as a deflated one's are.
  const problem = opened.damage ?? outcome.damage ?? (plain?.crc32 != null ? await storedCrcDamage(plain.blob, plain.crc32, run.signal) : null);
  if (problem) result.error = readErrorMessage(init.fileName, problem, opened.compression, file.lastLine);
}

/**
 * Calls a one-pass parse holds in columns before they are merged (memory stays flat); under the
 * 65,534 texts a column interns, so a batch never overflows where the store would not.
 */
const ONE_PASS_BATCH_CALLS = 1 << 15;

/**
 * The whole file as one big piece, streamed through the same parse stage and merge as a piece:
 * its calls merged in batches as they come, its rows accounted at the end (lines from 1).
 */
async function readOnePass(
  opened: OpenedFile,
  run: { module: FormatModule; parser: RowParser; file: FileState; signal: AbortSignal | undefined; onRecord: ((record: CallRecord) => void) | undefined; expectedCalls: number },
): Promise<void> {
  const { file, signal } = run;
  const parse = new ParseRows({
    parser: run.parser,
    delimiter: opened.sample.delimiter,
    quotedNewlines: run.module.quotedNewlines ?? false,
    encoding: opened.encoding,
    callsPerBatch: ONE_PASS_BATCH_CALLS,
    onCalls: (batch) => mergeCalls(withOwnTexts(batch), file.target, 0),
    onRecord: run.onRecord,
    expectedCalls: run.expectedCalls,
  });
  file.rowsReading = () => parse.accounting.read;
  let broke: unknown = null;
  try {
    for (const chunk of opened.first) parse.push(chunk);
    opened.first.length = 0;
    if (opened.rest) {
      for (;;) {
        signal?.throwIfAborted();
        const next = await opened.rest.next();
        if (next.done) break;
        parse.push(next.value);
      }
    }
    parse.end();
  } catch (e) {
    if (signal?.aborted) throw e;
    // What was read before the break still counts (rows and calls), as in pieces.
    broke = e;
  } finally {
    // Stopped early (a cancel, a parse that broke): the rest of the file is not read ahead for nothing.
    await opened.rest?.return?.(undefined);
    file.lastLine = parse.lastLine;
    file.rowsReading = () => 0;
    mergeCalls(withOwnTexts(parse.takeCalls()), file.target, 0);
    file.target.accounting.absorb(parse.accounting.counts(), parse.accounting.skipGroups(), 0);
    Object.assign(file.result, parse.tokenizerReport());
  }
  const problem = broke ?? opened.damage;
  if (problem) file.result.error = readErrorMessage(file.result.fileName, problem, opened.compression, file.lastLine);
}

/**
 * The summary stage: the file's rows, traffic, trunks (aliases applied) and its parser's conclusions.
 * `foldsFrom`: the store's row the calls not looked at for repeated hours begin at (a file settled
 * late: its calls that waited for the drop's date order, after the other files' calls).
 */
function summarize(file: FileState, foldsFrom = file.firstRow): FileIngestResult {
  const { result, target, parser } = file;
  result.rows = target.accounting.counts();
  result.skipped = target.accounting.skipGroups();
  result.traffic = target.traffic;
  result.traffic.internal = internalCallsIn(result.skipped);
  // In file order still (the seal sorts them later): where the clock went back shows here only.
  // The watch saw the file's rows as they were merged (FarBehindWatch); calls merged late are read whole.
  const watch = foldsFrom === file.firstRow ? target.folds : undefined;
  result.repeatedHours.push(...markClockFolds(target.store, foldsFrom, target.store.length, watch));
  let aliases: ReadonlyMap<string, string> = new Map();
  if (parser) {
    const conclusions = concludeFile(parser, file.piecesCapabilities);
    result.capabilities = conclusions.capabilities;
    result.mapping = conclusions.mapping;
    if (conclusions.challenges) Object.assign(result.traffic, conclusions.challenges);
    result.companionHint = conclusions.companionHint;
    file.dates = conclusions.dateOrder;
    result.dateOrder = file.reading ?? (file.dates ? readingAlone(file.dates) : null);
    result.companionTrunkNames = new Map(conclusions.companionTrunkNames);
    aliases = conclusions.trunkAliases;
  }
  const finalCounts = new Map<string, number>();
  for (const [name, calls] of target.trunkCounts) {
    const finalName = aliases.get(name) ?? name;
    if (finalName !== name) result.trunkAliases.set(name, finalName);
    finalCounts.set(finalName, (finalCounts.get(finalName) ?? 0) + calls);
  }
  result.trunks = [...finalCounts.entries()]
    .sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]))
    .slice(0, MAX_TRUNKS_LISTED)
    .map(([name, calls]) => ({ name, calls }));
  return result;
}

function emptyResult(fileName: string, byteSize: number): FileIngestResult {
  return {
    fileName,
    byteSize,
    compression: null,
    encoding: null,
    delimiter: null,
    format: null,
    rows: { read: 0, used: 0, skipped: 0, headerLines: 0 },
    skipped: [],
    capabilities: null,
    mapping: null,
    trunks: [],
    trunkAliases: new Map(),
    companionTrunkNames: new Map(),
    companionHint: null,
    dateOrder: null,
    overlongLines: 0,
    unclosedQuotes: { count: 0, firstLines: [] },
    traffic: emptyTraffic(),
    repeatedHours: [],
    pieces: 0,
    sheet: null,
    error: null,
  };
}

function notRecognizedMessage(fileName: string, rows: string[][]): string {
  const fsHint = customTemplateHint(rows);
  const first = rows[0]?.slice(0, 6).join(', ') ?? '';
  const preview = first.length > 120 ? `${first.slice(0, 117)}…` : first;
  return (
    `${fileName} is not a CDR format Trunk Triage knows` +
    (preview ? ` (line 1 starts: "${preview}")` : '') +
    '. Expected one of: Asterisk Master.csv (cdr_csv / cdr_custom), a FreePBX CDR report or cdr table export, ' +
    'a VICIdial carrier log report, a FreeSWITCH cdr-csv file, a Kamailio/OpenSIPS acc export, ' +
    'or any CSV/TSV whose header names a start time and a SIP code, cause or disposition column.' +
    // A FreeSWITCH custom template reads once it has a header: said, so the user need not guess.
    (fsHint ? ` ${fsHint}` : '')
  );
}

function readErrorMessage(fileName: string, e: unknown, compression: Compression, lastLine: number): string {
  const where = lastLine > 0 ? ` after line ${formatCount(lastLine)}` : '';
  if (e instanceof ZipEntryDamage || e instanceof WorkbookDamage) return `${fileName}: ${e.message}${where ? ` (the rows up to line ${formatCount(lastLine)} were read)` : ''}.`;
  if (compression === 'deflate') {
    return `${fileName}: the compressed data in the archive is truncated or damaged${where} (${errorText(e)}). Rows before that point were read; download the archive again to get the rest.`;
  }
  if (compression === 'gzip') {
    return `${fileName}: the gzip data is truncated or damaged${where} (${errorText(e)}). Rows before that point were read; re-copy or re-download the file to get the rest.`;
  }
  return `${fileName}: reading stopped${where}: ${errorText(e)}.`;
}

function errorText(e: unknown): string {
  if (e instanceof Error) return e.message;
  return String(e);
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
    return module.createParser(init).parse(rowOf(first), 1).kind === 'header' ? first : null;
  } catch {
    return null;
  }
}
