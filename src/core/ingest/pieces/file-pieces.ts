/**
 * A plain file's pieces, read as one stream from its first byte to its last and cut at line ends
 * here, each piece's bytes read straight into a buffer of its own (sent on to a worker). Why one
 * stream: in Chromium every read of a slice of a File costs the browser process a few ms on its
 * own, whatever its size; a 296 MB Master.csv read by the piece workers in 4 MiB slices
 * (`slice().arrayBuffer()`) cost ~800 ms of CPU over all processes, one stream read into 4 MiB
 * buffers ~530 (headless Chromium, bench/blob-read).
 *
 * A piece ends at the last line end before its planned end (an LF, or a CR not followed by an LF),
 * so pieces stay about as planned and the last ends with the file. A line longer than a piece
 * makes its piece grow up to `maxBytes`, past which the cut stays inside the line: the piece before
 * ends inside it (its tokenizer reports it overlong), the piece after starts inside it (and drops
 * its part), as one pass reads a line past its limit.
 */

import { intoReader, type Bytes, type IntoReader } from '../../read/stream-fill';
import { SpareBuffers } from './spare-buffers';

const LF = 0x0a;
const CR = 0x0d;

export interface FilePiece {
  bytes: Uint8Array;
  /** Where the piece's bytes are in the file. */
  start: number;
  end: number;
  startsInsideLine: boolean;
  endsInsideLine: boolean;
}

/**
 * Pieces of a file's stream (`Blob.stream()`) ending near each of `plannedEnds` (increasing, the last
 * one the file's size), each read into a buffer from `buffers` (one used again once its piece is parsed).
 *
 * No read asks for a byte past the file's size: the last piece ends when its bytes reach it, not when
 * a read finds the stream's end. A BYOB read still waiting for bytes when a byte stream closes stays
 * pending until the stream's source answers it (the Streams spec leaves that to the source): in
 * headless Chromium a read of one byte more than a 1M-call Master.csv held never settled in about
 * one drop in 30, and the file stayed "reading" forever.
 */
export async function* filePieces(stream: ReadableStream<Uint8Array>, plannedEnds: readonly number[], maxBytes: number, buffers = new SpareBuffers(0)): AsyncGenerator<FilePiece> {
  // An empty file has no piece (and Node's stream of an empty Blob never ends a BYOB read).
  if (plannedEnds.length === 0) return;
  const source = intoReader(stream);
  const fileBytes = plannedEnds[plannedEnds.length - 1]!;
  try {
    yield* cutPieces(source, plannedEnds, fileBytes, maxBytes, buffers);
  } finally {
    // Ended, stopped early or failed: the stream reads nothing more ahead.
    source.cancel();
  }
}

async function* cutPieces(source: IntoReader, plannedEnds: readonly number[], fileBytes: number, maxBytes: number, buffers: SpareBuffers): AsyncGenerator<FilePiece> {
  let start = 0;
  let carry: Bytes = new Uint8Array(0);
  let startsInsideLine = false;
  let done = false;
  /** The planned end of the next piece (one a grown piece went past is skipped). */
  let next = 0;
  while (!done || carry.length > 0) {
    while (next < plannedEnds.length - 1 && plannedEnds[next]! <= start) next++;
    const planned = plannedEnds[Math.min(next, plannedEnds.length - 1)]!;
    next++;
    let buffer: Bytes = buffers.take(Math.max(1, planned - start, carry.length));
    buffer.set(carry);
    let filled = carry.length;
    let cut: number;
    for (;;) {
      ({ buffer, filled, done } = await source.fill(buffer, filled, done));
      // The file's last byte is in: its stream is not read again (a shorter stream ends early, done by itself).
      if (start + filled >= fileBytes) done = true;
      cut = done ? filled : lastLineEnd(buffer, filled);
      if (done || cut > 0 || filled >= maxBytes) break;
      buffer = grown(buffer, filled, Math.min(maxBytes, 2 * buffer.length, fileBytes - start));
    }
    const endsInsideLine = cut === 0 && filled > 0;
    if (endsInsideLine) cut = filled;
    // Copied before the piece goes: its buffer is moved to a worker, and read into again when it comes back.
    carry = buffer.slice(cut, filled);
    const piece: FilePiece = { bytes: buffer.subarray(0, cut), start, end: start + cut, startsInsideLine, endsInsideLine };
    start += cut;
    startsInsideLine = endsInsideLine;
    if (cut > 0) yield piece;
  }
}

/**
 * Just past the last line end in `bytes[0, filled)` whose end is known, or 0: a CR as the last byte
 * may be the first half of a CRLF. Only the bytes after the last LF are searched for a CR.
 */
export function lastLineEnd(bytes: Uint8Array, filled: number): number {
  if (filled === 0) return 0;
  const lf = bytes.lastIndexOf(LF, filled - 1);
  const cr = bytes.subarray(lf + 1, filled - 1).lastIndexOf(CR);
  return cr >= 0 ? lf + 1 + cr + 1 : lf + 1;
}

function grown(buffer: Bytes, filled: number, size: number): Bytes {
  const bigger = new Uint8Array(size);
  bigger.set(buffer.subarray(0, filled));
  return bigger;
}
