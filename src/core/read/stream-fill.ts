/**
 * A byte stream read into buffers given: a BYOB reader where the stream is a byte stream (the
 * stream writes straight into the buffer), else its chunks copied. Used for a plain file read as
 * one stream (pieces/file-pieces.ts) and for the rest of a file after its sniff (byte-source.ts).
 */

/** Bytes in a buffer of their own kind (never shared), as a BYOB read moves them. */
export type Bytes = Uint8Array<ArrayBuffer>;

export interface IntoReader {
  /**
   * Fills `buffer` from `filled` to its end, or as far as the stream goes. Answers the buffer (a BYOB
   * read moves it: the one given is detached), how far it is filled, and whether the stream ended.
   */
  fill(buffer: Bytes, filled: number, done: boolean): Promise<{ buffer: Bytes; filled: number; done: boolean }>;
  /** Nothing more is read: the stream is cancelled (its source stops reading ahead). */
  cancel(): void;
}

export function intoReader(stream: ReadableStream<Uint8Array>): IntoReader {
  let byob: ReadableStreamBYOBReader | null = null;
  try {
    byob = stream.getReader({ mode: 'byob' });
  } catch {
    // Not a byte stream (an older browser): its chunks are copied.
  }
  return byob ? byobFill(byob) : copyingFill(stream.getReader());
}

function byobFill(reader: ReadableStreamBYOBReader): IntoReader {
  return {
    async fill(buffer, filled, done) {
      let bytes = buffer;
      while (!done && filled < bytes.length) {
        const size = bytes.length;
        const read = await readAtLeast(reader, new Uint8Array(bytes.buffer, filled, size - filled));
        done = read.done;
        if (!read.value) break; // cancelled: nothing more comes
        bytes = new Uint8Array(read.value.buffer, 0, size);
        filled += read.value.length;
      }
      return { buffer: bytes, filled, done };
    },
    cancel: () => void reader.cancel().catch(() => {}),
  };
}

function copyingFill(reader: ReadableStreamDefaultReader<Uint8Array>): IntoReader {
  let rest: Uint8Array = new Uint8Array(0);
  return {
    async fill(buffer, filled, done) {
      while (!done && filled < buffer.length) {
        if (rest.length === 0) {
          const read = await reader.read();
          if (read.done) return { buffer, filled, done: true };
          rest = read.value;
        }
        const n = Math.min(rest.length, buffer.length - filled);
        buffer.set(rest.subarray(0, n), filled);
        rest = rest.subarray(n);
        filled += n;
      }
      return { buffer, filled, done };
    },
    cancel: () => void reader.cancel().catch(() => {}),
  };
}

/**
 * A BYOB read that answers once the whole view is filled or the stream ends (`min`), not with each
 * 64 KiB chunk of a Blob's stream: a 4 MiB buffer is one read, not ~60 (the reading thread's CPU
 * for the 1M-call Master.csv 80 → 60 and 70 → 60 ms in two runs, headless Chromium,
 * bench/blob-read). An engine without the option answers chunk by chunk, which fill() loops over.
 * TypeScript's DOM types lack the option.
 */
function readAtLeast(reader: ReadableStreamBYOBReader, view: Bytes): Promise<ReadableStreamReadResult<Bytes>> {
  const read = reader.read.bind(reader) as (view: Bytes, options: { min: number }) => Promise<ReadableStreamReadResult<Bytes>>;
  return read(view, { min: view.byteLength });
}
