/**
 * A range of a plain file read where it is parsed, its cuts moved to line ends there: a cut at byte
 * b moves just past the first line end at or after b - 1 (an LF, or a CR not followed by an LF).
 * The pieces on both sides of a cut move it alike, from the same bytes, so the pieces cover the
 * file once, in order, each of whole lines. Pieces are read as one stream where they are cut
 * (file-pieces.ts); a range is what a piece is read again from after the worker it went to stopped
 * (its cuts are line ends already: a reach of one byte keeps them), and what bench/piece-cpu reads.
 *
 * A cut with no line end within `seekBytes` after it (binary junk, an endless field) stays where it
 * is, inside the line: the piece before ends inside it (its tokenizer reports the line overlong),
 * the piece after starts inside it (and drops its part), as one pass reads a line past its limit.
 * A piece whose cuts meet (a line longer than the piece) is empty.
 */
import { DEFAULT_MAX_RECORD_BYTES } from '../../read/delimited-tokenizer';
import { lineEndAfter } from './line-cutter';
import type { PieceJob } from './piece-types';

/** The source of a piece of a plain file: its cuts before they move to line ends. */
export interface RangeSource {
  kind: 'range';
  blob: Blob;
  start: number;
  end: number;
  /** How far past a cut its line end is looked for; the same for every piece of a file. */
  seekBytes: number;
}

/**
 * The job with a source that can be read again, where a worker that stopped took its bytes: its
 * range; null when there is none (a .gz's piece).
 */
export function rereadable(job: PieceJob): PieceJob | null {
  const { source } = job;
  if (source.kind === 'range') return job;
  return source.again ? { ...job, source: source.again } : null;
}

/** The most bytes one read past a cut takes while its line end is looked for. */
export const SEEK_BYTES = 64 * 1024;

/** The least read past a piece's end: a few usual CDR lines, so a tiny piece's cuts are found in its own read. */
const NEAR_MIN_BYTES = 512;

/**
 * How far past a cut a line end is looked for: 3 pieces, and never less than the tokenizer's limit
 * on a record and one read more: a line one pass reads whole must not be cut here, however small
 * the pieces (evenPieceBytes shrinks them to a file's size over the workers: 4 MB on 24 threads).
 */
export function seekBytesFor(pieceBytes: number): number {
  return Math.max(pieceBytes * 3, DEFAULT_MAX_RECORD_BYTES + SEEK_BYTES) + 1;
}

export interface AlignedBytes {
  bytes: Uint8Array;
  /** The piece starts inside a line too long to find its end (the previous piece ends inside it). */
  startsInsideLine: boolean;
  /** The piece ends inside such a line. */
  endsInsideLine: boolean;
}

/** Bytes of the file read from `from`. */
interface Read {
  from: number;
  bytes: Uint8Array;
}

/**
 * The piece's bytes between its cuts moved to line ends: one read in the usual case, from the byte
 * before its start (a line end there is the start's) to a little past its end: twice the piece,
 * at least NEAR_MIN_BYTES and at most SEEK_BYTES. In proportion to the piece, so tiny pieces (the
 * tests cut files into 1-byte pieces, one job per byte) cost the file once plus its lines, not a
 * 64 KiB read each.
 */
export async function alignedBytes(source: RangeSource): Promise<AlignedBytes> {
  const { blob, start, end, seekBytes } = source;
  const from = Math.max(0, start - 1);
  // One byte more than the margin: a CR there may be half of a CRLF.
  const to = Math.min(blob.size, end + Math.min(SEEK_BYTES, Math.max(NEAR_MIN_BYTES, 2 * (end - start))) + 1);
  const near: Read = { from, bytes: await bytesOf(blob, from, to) };
  const first = await cutAt(blob, start, seekBytes, near);
  const last = await cutAt(blob, end, seekBytes, near);
  if (last.at <= first.at) return { bytes: new Uint8Array(0), startsInsideLine: first.inside, endsInsideLine: last.inside };
  const bytes = holds(near, first.at, last.at) ? near.bytes.subarray(first.at - near.from, last.at - near.from) : await bytesOf(blob, first.at, last.at);
  return { bytes, startsInsideLine: first.inside, endsInsideLine: last.inside };
}

/**
 * Where cut `b` moves: just past the first line end at or after b - 1 that ends within `seekBytes`
 * of it; the file's end when the file ends first; else b itself, inside a line. The answer depends
 * only on the file, b and seekBytes (the pieces on both sides of a cut must agree), not on `near`:
 * the bytes already read are searched first, then reads of growing size (up to SEEK_BYTES) follow,
 * so a line end a few bytes on costs a few bytes.
 */
export async function cutAt(blob: Blob, b: number, seekBytes: number, near?: Read): Promise<{ at: number; inside: boolean }> {
  const size = blob.size;
  if (b <= 0) return { at: 0, inside: false };
  if (b >= size) return { at: size, inside: false };
  const limit = Math.min(size, b - 1 + seekBytes);
  let span = NEAR_MIN_BYTES;
  for (let from = b - 1; from < limit; ) {
    // Search [from, to) in a window of one byte more: a CR at its edge is known to be (or not be) half of a CRLF.
    let to = nearEnd(near, from, limit, size);
    let window: Uint8Array;
    if (near && to > from) {
      window = near.bytes.subarray(from - near.from, Math.min(size, to + 1) - near.from);
    } else {
      to = Math.min(limit, from + span);
      span = Math.min(SEEK_BYTES, span * 2);
      window = await bytesOf(blob, from, Math.min(size, to + 1));
    }
    const cut = lineEndAfter(window, 0);
    if (cut >= 0 && cut <= to - from) return { at: from + cut, inside: false };
    from = to;
  }
  // No line end within reach: the rest of a file that ends first is its last line (a CR as its last byte ends it too).
  if (limit === size) return { at: size, inside: false };
  return { at: b, inside: true };
}

/** How far from `from` the bytes already read can be searched (with the byte after); `from` when they cannot. */
function nearEnd(near: Read | undefined, from: number, limit: number, size: number): number {
  if (!near || from < near.from) return from;
  const readTo = near.from + near.bytes.length;
  return Math.min(limit, readTo === size ? size : readTo - 1);
}

function holds(read: Read, from: number, to: number): boolean {
  return from >= read.from && to <= read.from + read.bytes.length;
}

async function bytesOf(blob: Blob, from: number, to: number): Promise<Uint8Array> {
  return new Uint8Array(await blob.slice(from, to).arrayBuffer());
}
