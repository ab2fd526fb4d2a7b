/**
 * The contract of parallel ingest: the reading side (ingest-file) cuts a splittable file into
 * pieces of whole lines (PieceJob; a plain file's pieces align their own cuts), a pool parses them anywhere (Web Workers in the browser, the
 * same function in-process in Node and in tests) and answers with columns (PieceResult), which
 * the reading side merges in file order. Only structured-cloneable data crosses.
 */
import type { KeptColumnName } from '../../analysis/call-columns';
import type { ColumnsSnapshot } from '../../analysis/call-store';
import type { PieceClassified } from '../../analysis/span-counts';
import type { TrunkTally } from '../../analysis/trunk-summary';
import type { ColumnMapping, FormatCapabilities, ProvenDateOrder, SniffSample } from '../../formats/format-module';
import type { TextEncodingName } from '../../read/text-encoding';
import type { RowCounts, SkipGroup } from '../row-accounting';
import type { RangeSource } from './piece-range';

export interface PieceJob {
  /** 0-based position in the file; piece 0 starts at the file's first byte. */
  index: number;
  source: PieceSource;
  encoding: TextEncodingName;
  formatId: string;
  fileName: string;
  delimiter: string;
  sample: SniffSample;
  mappingOverrides?: Readonly<Record<string, ColumnMapping>>;
  /**
   * The file's header row, fed to the parser of every piece but the first before its own rows
   * (its outcome discarded), so a parser that learns its layout from the header reads the piece
   * as it would read those rows in one pass. null when the file starts with data.
   */
  primeHeader: string[] | null;
  /**
   * The piece begins inside a line with no line end for so long that the previous piece was cut
   * in it (binary junk, an endless field): that piece reported the line overlong; this one drops
   * its part of the line, as one pass does. Bytes only: a range tells it from its own bytes.
   */
  startsInsideLine?: boolean;
  /** The piece ends inside such a line: its unfinished last record is that overlong line. Bytes only, as above. */
  endsInsideLine?: boolean;
  /**
   * Kept-text columns (call ids) whose list in the drop's store was full when the piece was sent:
   * the store keeps no more of them, so the piece sends none (a million call ids cloned into the
   * merging thread only to be dropped there).
   */
  keptFull?: readonly KeptColumnName[];
  /** The file's day/month order, found before its pieces were cut (ParserInit.provenDateOrder): every piece reads in it. */
  provenDateOrder?: ProvenDateOrder;
}

/**
 * Where a piece's bytes are: bytes the reading side cut from a stream at line ends (a plain file
 * read as one stream, or a gunzipped one), or a byte range of the file, read where it is parsed
 * (piece-range.ts: its cuts moved to line ends there).
 */
export type PieceSource = RangeSource | BytesSource;

export interface BytesSource {
  kind: 'bytes';
  bytes: Uint8Array;
  /**
   * Where a plain file's piece can be read again when the worker it went to stops (its bytes went
   * with it); kept where the job was asked, never sent (withSampleOnce). None for a .gz's piece.
   */
  again?: RangeSource;
  /**
   * The reading side reads a later piece into this buffer (spare-buffers.ts): the result hands it
   * back (PieceResult.spentBytes) once the piece is parsed.
   */
  handBack?: boolean;
}

/**
 * The calls of a piece in columns, as CallStore keeps them (call-columns.ts), cut to their
 * length; each text column's ids point into the piece's own texts of that column.
 */
export type PieceColumns = ColumnsSnapshot;

export interface PieceResult {
  index: number;
  calls: PieceColumns;
  /** Per call: the line of its first row in the piece (1-based; a held record's HeldRecord.firstLine). */
  lines: Uint32Array;
  /** Per call: the de-duplication key (CallDeduper), NaN when the call has no call id. */
  dedupeKeys: Float64Array;
  /** The piece's calls counted per trunk, under the piece's own trunk and reason ids. */
  tally: TrunkTally;
  /** The piece's calls per direction (ParsedCalls.directions). */
  directions: number[];
  /** The piece's attempts classified and counted for the first trunk table (piece-counts.ts countPiece); null: classified in the merge. */
  classified: PieceClassified | null;
  /** Rows of the piece; skip groups' line numbers are relative to the piece (line 1 = its first). */
  rows: RowCounts;
  skipped: SkipGroup[];
  /** Line ends consumed: the next piece's first line is this many lines further on. */
  lineCount: number;
  overlongLines: number;
  capabilities: FormatCapabilities;
  /** What the piece's parser learned that file-wide decisions need (RowParser.fileEvidence). */
  evidence: unknown;
  /** Set when the piece could not be parsed at all (a bug, not bad input: rows are skipped, not thrown). */
  error: string | null;
  /** The buffer of the piece's bytes when its job asked for it back (BytesSource.handBack): nothing reads it any more. */
  spentBytes?: ArrayBuffer;
}

/** Parses pieces somewhere; `size` is how many it parses at once. */
export interface PiecePool {
  readonly size: number;
  parse(job: PieceJob): Promise<PieceResult>;
  /**
   * `result` is merged and nothing reads its buffers any more: a pool whose results came by
   * postMessage moves them out again. A buffer that came by postMessage is freed only when the
   * receiving worker's collector runs (transfer(0) detaches it but frees nothing: release-buffer.ts),
   * and the merging worker allocates so little that it hardly ever runs: a 4M-call read held most
   * of its ~260 MB of merged pieces until the end.
   */
  giveBack?(result: PieceResult): void;
}
