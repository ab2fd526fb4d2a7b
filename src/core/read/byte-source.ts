/**
 * Bytes of a file in fixed slices (never the whole file at once), transparently gunzipped (or, for
 * a ZIP entry, inflated) with the platform's DecompressionStream (browsers, workers and Node ≥ 18
 * all have it; 'deflate-raw' Chromium ≥ 103 and Node ≥ 20). Progress is counted in bytes of the
 * original file, so it is right for .gz and .zip too.
 */
import { takeHead } from './blob-head';
import { intoReader } from './stream-fill';

/** Slice size for reading: large enough to amortize calls, small enough to keep memory flat. */
export const READ_SLICE_BYTES = 1 << 20; // 1 MiB

export interface ByteProgress {
  /** Bytes of the original (possibly compressed) file read so far. */
  bytesRead: number;
  totalBytes: number;
}

const GZIP_MAGIC_0 = 0x1f;
const GZIP_MAGIC_1 = 0x8b;

/** How the file's text is compressed: a .gz, or a ZIP entry's deflate (read by zip-entry.ts); null: not at all. */
export type Compression = 'gzip' | 'deflate' | null;

export function sniffCompression(head: Uint8Array): Compression {
  return head.length >= 2 && head[0] === GZIP_MAGIC_0 && head[1] === GZIP_MAGIC_1 ? 'gzip' : null;
}

/**
 * Raw slices of a Blob: the first `firstSliceBytes` long, the others `sliceBytes`. The first is read
 * on its own (the sniff reads no more before it knows the format); the rest as one stream, each
 * slice read into a buffer of its own (kept by whoever takes it). Why one stream: in Chromium every
 * read of a slice of a File costs the browser process a few ms on its own, whatever its size, and
 * waits for its own round trip with nothing read ahead: the 38.5 MB of the 1M-call Master.csv.gz in
 * 1 MiB slices took 230 ms of CPU over all processes and 187 ms, as one stream 110 and 68 (headless
 * Chromium, bench/blob-read "lead ab 1 MiB" against "lead whole min 1 MiB", 15 alternated passes).
 */
export async function* blobSlices(
  blob: Blob,
  sliceBytes: number,
  onProgress: (p: ByteProgress) => void,
  signal?: AbortSignal,
  firstSliceBytes = sliceBytes,
): AsyncGenerator<Uint8Array> {
  if (blob.size === 0) return;
  signal?.throwIfAborted();
  const firstEnd = Math.min(blob.size, firstSliceBytes);
  const first = (await takeHead(blob, firstEnd)) ?? new Uint8Array(await blob.slice(0, firstEnd).arrayBuffer());
  onProgress({ bytesRead: firstEnd, totalBytes: blob.size });
  yield first;
  if (firstEnd >= blob.size) return;
  const rest = intoReader(blob.slice(firstEnd).stream());
  try {
    let done = false;
    for (let offset = firstEnd; offset < blob.size && !done; ) {
      signal?.throwIfAborted();
      const read = await rest.fill(new Uint8Array(Math.min(sliceBytes, blob.size - offset)), 0, false);
      done = read.done;
      // A stream that ends before the file's size (the file shrank on disk) ends the slices there.
      if (read.filled === 0) break;
      offset += read.filled;
      onProgress({ bytesRead: offset, totalBytes: blob.size });
      yield read.buffer.subarray(0, read.filled);
    }
  } finally {
    rest.cancel();
  }
}

/**
 * Decompress a stream of slices: gzip (a .gz) or raw deflate (a ZIP entry); output re-cut to at most
 * `sliceBytes` per chunk. When its reader stops early (a cancelled read, a bad member, the
 * consumer's break) the input is ended too, so its own cleanup runs (blobSlices closes the file's
 * stream) rather than waiting, suspended, for the GC. `inputStepBytes`: the input is fed in steps
 * of at most this many bytes: a transform stream may inflate a whole input chunk before its reader
 * sees any of it, so this bounds what one step can make (deflate's limit is 1,032:1: a 64 KiB step,
 * ~66 MB) before a reader that counts the output (a ZIP entry's declared size) can stop it.
 */
export async function* decompress(
  input: AsyncIterable<Uint8Array>,
  format: 'gzip' | 'deflate-raw',
  sliceBytes: number,
  signal?: AbortSignal,
  inputStepBytes = Infinity,
): AsyncGenerator<Uint8Array> {
  const iterator = (inputStepBytes === Infinity ? input : recutAll(input, inputStepBytes))[Symbol.asyncIterator]();
  let cancelled = false;
  const source = new ReadableStream<Uint8Array>({
    async pull(controller) {
      const next = await iterator.next();
      // A pull under way when the reader stopped: its slice has nowhere to go.
      if (cancelled) return;
      if (next.done) controller.close();
      else controller.enqueue(next.value);
    },
    async cancel() {
      cancelled = true;
      await iterator.return?.(undefined);
    },
  });
  const reader = source.pipeThrough(new DecompressionStream(format) as unknown as ReadableWritablePair<Uint8Array, Uint8Array>).getReader();
  try {
    for (;;) {
      signal?.throwIfAborted();
      const { done, value } = await reader.read();
      if (done) return;
      yield* recut(value, sliceBytes);
    }
  } finally {
    // Cancelling the inflated side cancels the pipe into it, and so the source above. A reader
    // already errored answers with its error, which the read has thrown already.
    await reader.cancel().catch(() => undefined);
  }
}

/** Gunzip a stream of slices (decompress, for a .gz). */
export function gunzip(input: AsyncIterable<Uint8Array>, sliceBytes: number, signal?: AbortSignal): AsyncGenerator<Uint8Array> {
  return decompress(input, 'gzip', sliceBytes, signal);
}

async function* recutAll(input: AsyncIterable<Uint8Array>, size: number): AsyncGenerator<Uint8Array> {
  for await (const chunk of input) yield* recut(chunk, size);
}

/** Cut a chunk into pieces of at most `size` bytes (keeps small-slice tests honest after gunzip). */
export function* recut(chunk: Uint8Array, size: number): Generator<Uint8Array> {
  if (chunk.length <= size) {
    yield chunk;
    return;
  }
  for (let i = 0; i < chunk.length; i += size) yield chunk.subarray(i, Math.min(chunk.length, i + size));
}

/** The chunks as one array (the chunk itself when there is only one). */
export function concatBytes(chunks: readonly Uint8Array[], total = chunks.reduce((n, c) => n + c.length, 0)): Uint8Array {
  if (chunks.length === 1) return chunks[0]!;
  const out = new Uint8Array(total);
  let offset = 0;
  for (const c of chunks) {
    out.set(c, offset);
    offset += c.length;
  }
  return out;
}
