/**
 * Bytes of a file in fixed slices (never the whole file at once), transparently gunzipped with the
 * platform's DecompressionStream (browsers, workers and Node ≥ 18 all have it). Progress is counted
 * in bytes of the original file, so it is right for .gz too.
 */

/** Slice size for reading: large enough to amortize calls, small enough to keep memory flat. */
export const READ_SLICE_BYTES = 1 << 20; // 1 MiB

export interface ByteProgress {
  /** Bytes of the original (possibly compressed) file read so far. */
  bytesRead: number;
  totalBytes: number;
}

const GZIP_MAGIC_0 = 0x1f;
const GZIP_MAGIC_1 = 0x8b;

export type Compression = 'gzip' | null;

export function sniffCompression(head: Uint8Array): Compression {
  return head.length >= 2 && head[0] === GZIP_MAGIC_0 && head[1] === GZIP_MAGIC_1 ? 'gzip' : null;
}

/** Raw slices of a Blob: the first `firstSliceBytes` long, the others `sliceBytes`. */
export async function* blobSlices(
  blob: Blob,
  sliceBytes: number,
  onProgress: (p: ByteProgress) => void,
  signal?: AbortSignal,
  firstSliceBytes = sliceBytes,
): AsyncGenerator<Uint8Array> {
  for (let offset = 0; offset < blob.size; ) {
    signal?.throwIfAborted();
    const end = Math.min(blob.size, offset + (offset === 0 ? firstSliceBytes : sliceBytes));
    const bytes = new Uint8Array(await blob.slice(offset, end).arrayBuffer());
    onProgress({ bytesRead: end, totalBytes: blob.size });
    offset = end;
    yield bytes;
  }
}

/** Gunzip a stream of slices; output re-cut to at most `sliceBytes` per chunk. */
export async function* gunzip(input: AsyncIterable<Uint8Array>, sliceBytes: number, signal?: AbortSignal): AsyncGenerator<Uint8Array> {
  const iterator = input[Symbol.asyncIterator]();
  const source = new ReadableStream<Uint8Array>({
    async pull(controller) {
      const next = await iterator.next();
      if (next.done) controller.close();
      else controller.enqueue(next.value);
    },
  });
  const reader = source.pipeThrough(new DecompressionStream('gzip') as unknown as ReadableWritablePair<Uint8Array, Uint8Array>).getReader();
  try {
    for (;;) {
      signal?.throwIfAborted();
      const { done, value } = await reader.read();
      if (done) return;
      yield* recut(value, sliceBytes);
    }
  } finally {
    reader.releaseLock();
  }
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
