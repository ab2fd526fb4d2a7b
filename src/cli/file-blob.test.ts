/**
 * openFileBlob against a Blob of the same bytes in memory (the oracle): every way the core reads a
 * file (its size, slices, a BYOB stream into its own buffers, a default reader, arrayBuffer, text)
 * gives the same bytes; and a file changed after it was opened fails its read, as openAsBlob's does.
 */
import { appendFileSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { intoReader } from '../core/read/stream-fill';
import { openFileBlob } from './file-blob';

const dir = mkdtempSync(join(tmpdir(), 'trunk-triage-file-blob-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** A little over 1 MiB (a default reader's chunk) of bytes that are not text (every value), with multi-byte characters at the start. */
function fileBytes(): Uint8Array<ArrayBuffer> {
  const bytes = new Uint8Array((1 << 20) + 12_345);
  for (let i = 0; i < bytes.length; i++) bytes[i] = (i * 131 + (i >>> 9)) & 0xff;
  bytes.set(new TextEncoder().encode('é€,'), 0);
  return bytes;
}

/** The whole stream read as the core reads a file (stream-fill.ts), into buffers of `bufferBytes`. */
async function readAll(stream: ReadableStream<Uint8Array>, bufferBytes: number): Promise<Uint8Array> {
  const reader = intoReader(stream);
  const parts: Uint8Array[] = [];
  let buffer = new Uint8Array(bufferBytes);
  for (let done = false; !done; ) {
    const read = await reader.fill(buffer, 0, false);
    parts.push(read.buffer.slice(0, read.filled));
    buffer = read.buffer;
    done = read.done || read.filled === 0;
  }
  return Buffer.concat(parts);
}

/** Same bytes (a Buffer comparison: expect().toEqual walks a megabyte element by element). */
function same(a: Uint8Array, b: Uint8Array): boolean {
  return Buffer.from(a.buffer, a.byteOffset, a.byteLength).equals(Buffer.from(b.buffer, b.byteOffset, b.byteLength));
}

async function defaultReaderBytes(stream: ReadableStream<Uint8Array>): Promise<Uint8Array> {
  const reader = stream.getReader();
  const parts: Uint8Array[] = [];
  for (;;) {
    const { value, done } = await reader.read();
    if (done) break;
    parts.push(value.slice());
  }
  expect(parts.length).toBeGreaterThan(1);
  return Buffer.concat(parts);
}

describe('openFileBlob', () => {
  const bytes = fileBytes();
  const path = join(dir, 'Master.csv');
  writeFileSync(path, bytes);
  const oracle = new Blob([bytes]);

  it('reads the same bytes as a Blob of them: whole, streamed (BYOB and default readers) and as text', async () => {
    const blob = await openFileBlob(path);
    expect(blob.size).toBe(bytes.length);
    expect(same(new Uint8Array(await blob.arrayBuffer()), bytes)).toBe(true);
    expect(same(await readAll(blob.stream(), 8 << 20), bytes)).toBe(true);
    expect(same(await readAll(blob.stream(), 65_537), bytes)).toBe(true);
    expect(same(await defaultReaderBytes(blob.stream()), bytes)).toBe(true);
    expect(await blob.slice(0, 6).text()).toBe(await oracle.slice(0, 6).text());
    expect(await blob.slice(0, 6).text()).toBe('é€,');
  });

  it('slices as Blob.slice does: negative positions from the end, clamped, empty when reversed, slices of slices', async () => {
    const blob = await openFileBlob(path);
    const n = bytes.length;
    const cases: Array<[number | undefined, number | undefined]> = [[undefined, undefined], [0, 10], [5, 2], [-10, undefined], [-10, -3], [n - 3, n + 50], [-n - 5, 4], [1 << 19, (1 << 19) + 100_000], [n, n]];
    for (const [start, end] of cases) {
      const mine = blob.slice(start, end);
      const theirs = oracle.slice(start, end);
      expect(mine.size, `slice(${start}, ${end})`).toBe(theirs.size);
      const expected = new Uint8Array(await theirs.arrayBuffer());
      expect(same(new Uint8Array(await mine.arrayBuffer()), expected), `slice(${start}, ${end})`).toBe(true);
      expect(same(await readAll(mine.stream(), 4096), expected), `slice(${start}, ${end}) streamed`).toBe(true);
    }
    const inner = blob.slice(100, 5000).slice(-50, -10);
    expect(same(new Uint8Array(await inner.arrayBuffer()), bytes.slice(5000 - 50, 5000 - 10))).toBe(true);
    expect(inner.size).toBe(40);
  });

  it('fails a read of a file changed after it was opened (NotReadableError, as openAsBlob), the bytes read before it kept by the reader', async () => {
    const changing = join(dir, 'changing.csv');
    writeFileSync(changing, bytes);
    const blob = await openFileBlob(changing);
    const reader = blob.stream().getReader({ mode: 'byob' });
    const first = await reader.read(new Uint8Array(1000));
    expect(first.value?.length).toBe(1000);
    appendFileSync(changing, 'a row written since\n');
    await expect(reader.read(new Uint8Array(1000))).rejects.toMatchObject({ name: 'NotReadableError' });
    await expect(blob.arrayBuffer()).rejects.toMatchObject({ name: 'NotReadableError' });
  });
});
