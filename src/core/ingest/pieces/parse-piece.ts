/**
 * One piece of a splittable file → its calls in columns, its row accounting (lines relative to
 * the piece) and its parser's file-wide evidence. Synchronous, and the same answer whatever was
 * parsed before (only the last piece's parse objects are kept, for V8: lastPiece): runs in a piece
 * worker, or in-process (Node, tests). Never throws: a piece that cannot be parsed comes back with `error`.
 */
import { CALL_COLUMN_LIST, type KeptColumnName, type NumberArray } from '../../analysis/call-columns';
import { CallStore, type ColumnsSnapshot } from '../../analysis/call-store';
import { packedCount, type KeptRoom } from '../../analysis/kept-texts';
import { countPiece } from '../../analysis/piece-counts';
import type { PieceClassified } from '../../analysis/span-counts';
import type { FormatModule, RowParser } from '../../formats/format-module';
import { FORMATS } from '../../formats/registry';
import { forgetWords } from '../../formats/shared/byte-words';
import { NO_CAPABILITIES, ParseRows } from '../parse-rows';
import type { PieceJob, PieceResult } from './piece-types';
import { rowOf } from '../../read/row';
import { alignedBytes } from './piece-range';
import { SpareColumns } from './spare-columns';

/**
 * The job with its bytes: a range of the file read and its cuts moved to line ends (piece-range.ts),
 * or the bytes as they came. Read whole: a range read as a stream and parsed chunk by chunk (one
 * piece at a time per worker) was no faster in Chromium and left the piece workers' committed heaps
 * larger at 4M calls (the commit that added this says by how much).
 */
export async function withPieceBytes(job: PieceJob): Promise<PieceJob & { source: { kind: 'bytes'; bytes: Uint8Array } }> {
  const source = job.source;
  if (source.kind === 'bytes') return { ...job, source };
  const aligned = await alignedBytes(source);
  return { ...job, source: { kind: 'bytes', bytes: aligned.bytes }, startsInsideLine: aligned.startsInsideLine, endsInsideLine: aligned.endsInsideLine };
}

/**
 * Read and parse a piece (its bytes are read here only for a piece read again after the worker it
 * went to stopped: read-in-pieces.ts sends the others' bytes). Never rejects: a piece that cannot be
 * read or parsed comes back with `error`.
 */
export async function readAndParsePiece(job: PieceJob, formats: readonly FormatModule[] = FORMATS): Promise<PieceResult> {
  let read: Awaited<ReturnType<typeof withPieceBytes>>;
  try {
    read = await withPieceBytes(job);
  } catch (e) {
    return failedPiece(job.index, `the file could not be read (${e instanceof Error ? e.message : String(e)})`);
  }
  // A piece inside one line (a line longer than the piece: its cuts moved to the same line end) holds nothing.
  const result = read.source.bytes.length === 0 ? emptyPiece(job.index) : parsePiece(read, read.source.bytes, formats);
  if (job.source.kind === 'bytes' && job.source.handBack) result.spentBytes = job.source.bytes.buffer as ArrayBuffer;
  return result;
}

/**
 * The parse objects of the last piece parsed on this thread, its bytes let go, held until the next
 * piece is parsed. Why: V8 keeps an object's hidden class (map) only while something reaches it,
 * and the class a constructor's fields build is reached from its parent's transitions weakly, so
 * with no tokenizer, parser or column writer alive between pieces each major GC dropped their maps
 * and threw away the code optimised for them (the tokenizer's scan, MasterColumns.write, routeRow
 * and ~15 more, each piece after a GC), and the next piece learned their field types again.
 */
const lastPiece: { parse: ParseRows | null } = { parse: null };

/**
 * The buffers of this thread's merged pieces, moved back to it (keepSpareColumns): a piece's
 * columns are made in them. A piece's columns are ~1 MB per 4 MiB of Master.csv; room for a few
 * of the biggest pieces' (8 MiB: MAX_PIECE_BYTES, read-in-pieces.ts).
 */
const spareColumns = new SpareColumns(8 << 20);

/** Buffers of a piece's columns that nothing reads any more (merged), for the next pieces parsed on this thread. */
export function keepSpareColumns(buffers: readonly ArrayBuffer[]): void {
  spareColumns.giveBack(buffers);
}

/** Calls per byte of the last piece parsed on this thread that had calls (expectedCalls). */
let lastCallsPerByte: number | null = null;
/** Kept texts (call ids) per byte of that piece, the most of any kept-text column (expectedKeptTexts). */
let lastKeptPerByte: KeptRoom | null = null;

/** A piece through the parse stage (ParseRows), as one pass reads the whole file. */
export function parsePiece(job: PieceJob, bytes: Uint8Array, formats: readonly FormatModule[] = FORMATS): PieceResult {
  let parse: ParseRows | null = null;
  let parser: RowParser | null = null;
  let error: string | null = null;
  try {
    const module = formats.find((f) => f.id === job.formatId);
    if (!module) throw new Error(`unknown format ${job.formatId}`);
    const active = module.createParser({ fileName: job.fileName, delimiter: job.delimiter, sample: job.sample, mappingOverrides: job.mappingOverrides, provenDateOrder: job.provenDateOrder });
    parser = active;
    if (job.primeHeader && job.index > 0) {
      try {
        active.parse(rowOf(job.primeHeader), 0);
      } catch {
        // The header was read once already for piece 0; a failure here changes nothing counted.
      }
    }
    parse = new ParseRows({
      parser: active,
      delimiter: job.delimiter,
      quotedNewlines: module.quotedNewlines ?? false,
      encoding: job.encoding,
      // Only the file's first byte may be a byte order mark; elsewhere U+FEFF is text, as in one pass.
      midFile: job.index > 0,
      startsInsideLine: job.startsInsideLine,
      expectedCalls: expectedCalls(bytes.length),
      arrays: spareColumns.take,
      expectedKeptTexts: expectedKeptTexts(bytes.length),
      // Not copied only to be dropped: ~6 of the 1M-call Master.csv's 38 pieces come after its store keeps no more call ids.
      keptFull: job.keptFull,
    });
    parse.push(bytes, true);
    parse.end(job.endsInsideLine);
  } catch (e) {
    error = e instanceof Error ? e.message : String(e);
  }
  if (!parse) return failedPiece(job.index, error ?? 'not parsed');
  const parsed = parse.takeColumns();
  const kept = keptPerByte(parsed.calls, bytes.length, job.keptFull ?? []);
  // Here, on the piece's thread, while its rows are in cache: the merge only adds up its tables.
  const { tally, classified } = countPiece(parsed.calls);
  const result: PieceResult = {
    index: job.index,
    ...parsed,
    tally,
    classified,
    rows: parse.accounting.counts(),
    skipped: parse.accounting.skipGroups(),
    lineCount: parse.lineCount,
    overlongLines: parse.tokenizerReport().overlongLines,
    capabilities: parse.capabilities(),
    evidence: safely(() => parser?.fileEvidence?.()) ?? null,
    error,
  };
  parse.releaseInput();
  forgetWords();
  lastPiece.parse = parse;
  if (parsed.calls.length > 0) {
    lastCallsPerByte = parsed.calls.length / bytes.length;
    if (kept) lastKeptPerByte = kept;
  }
  return result;
}

/**
 * The calls to make room for in a piece of `byteLength` bytes: as many per byte as the last piece
 * parsed on this thread had (a file's pieces are alike), an eighth more to spare; a call per 128
 * bytes (shorter than any format's call) before the first. Room made and never written was half
 * of a Master.csv piece's columns (1.9 MB made per 4 MiB piece for 0.8 MB of calls), made, zeroed
 * and released per piece. A piece with more calls grows its columns (a copy), as any store does.
 */
function expectedCalls(byteLength: number): number {
  return Math.ceil(lastCallsPerByte === null ? byteLength / 128 : byteLength * lastCallsPerByte * 1.125);
}

/**
 * The kept texts to make room for in a piece of `byteLength` bytes, as expectedCalls: as many per
 * byte as the last piece of this thread kept, an eighth more; a pack's usual start before the first
 * (it grows by doubling, a copy each time: the call ids of a 4 MiB Master.csv piece grew it ten times).
 */
function expectedKeptTexts(byteLength: number): KeptRoom | undefined {
  if (lastKeptPerByte === null) return undefined;
  return { units: Math.ceil(byteLength * lastKeptPerByte.units * 1.125), texts: Math.ceil(byteLength * lastKeptPerByte.texts * 1.125) };
}

/**
 * The piece's kept texts per byte (expectedKeptTexts), the most of its kept-text columns that kept
 * any (not `full`: they kept none, the file's next pieces may); null when every one was full.
 */
function keptPerByte(calls: ColumnsSnapshot, byteLength: number, full: readonly KeptColumnName[]): KeptRoom | null {
  let measured = false;
  let units = 0;
  let texts = 0;
  for (const [name, column] of CALL_COLUMN_LIST) {
    if (column.kind !== 'kept' || full.includes(name as KeptColumnName)) continue;
    const packed = calls.texts[name as KeptColumnName];
    measured = true;
    units = Math.max(units, packed.units.length);
    texts = Math.max(texts, packedCount(packed));
  }
  return measured ? { units: units / byteLength, texts: texts / byteLength } : null;
}

function safely<T>(f: () => T): T | undefined {
  try {
    return f();
  } catch {
    return undefined;
  }
}

/** The buffers of a result, for postMessage's transfer list. */
export function transferablesOf(result: PieceResult): ArrayBuffer[] {
  const packed = CALL_COLUMN_LIST.flatMap(([name, column]) => (column.kind === 'kept' ? [result.calls.texts[name as KeptColumnName]] : []));
  const arrays: NumberArray[] = [...Object.values(result.calls.arrays), ...packed.flatMap((p) => [p.units, p.ends]), result.lines, result.dedupeKeys];
  return [...arrays, ...classifiedArrays(result.classified)].map((a) => a.buffer as ArrayBuffer);
}

function classifiedArrays(classified: PieceClassified | null): ArrayBufferView[] {
  if (!classified) return [];
  const { code, kind, tables } = classified;
  return [code, kind, tables.cells, tables.talkSum, tables.talkCalls, tables.short, tables.inbound, tables.firstRow, ...(tables.bins ? [tables.bins.counts] : [])];
}

/** What a thread posts with a piece's result: its columns' buffers and, when asked for, the piece's bytes' buffer (kept out of transferablesOf: it goes back to the reading side, not with the columns). */
export function answerTransferables(result: PieceResult): ArrayBuffer[] {
  const columns = transferablesOf(result);
  return result.spentBytes ? [...columns, result.spentBytes] : columns;
}

/** A piece that could not be read or parsed: nothing in it, and why. */
export function failedPiece(index: number, error: string): PieceResult {
  return { ...emptyPiece(index), error };
}

/** A piece with nothing in it. */
function emptyPiece(index: number): PieceResult {
  return {
    index,
    calls: new CallStore(0).snapshot(),
    lines: new Uint32Array(0),
    dedupeKeys: new Float64Array(0),
    tally: new Map(),
    directions: [],
    classified: null,
    rows: { read: 0, used: 0, skipped: 0, headerLines: 0 },
    skipped: [],
    lineCount: 0,
    overlongLines: 0,
    capabilities: NO_CAPABILITIES,
    evidence: null,
    error: null,
  };
}
