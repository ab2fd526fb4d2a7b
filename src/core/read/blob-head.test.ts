import { describe, expect, it } from 'vitest';
import { archiveInputs } from '../ingest/archive-inputs';
import { blobSlices } from './byte-source';
import { HEAD_BYTES, readHead, takeHead } from './blob-head';

/** A Blob that records where each of its slices starts and ends. */
class CountingBlob extends Blob {
  readonly slices: Array<[number, number]> = [];
  override slice(start = 0, end = this.size, type?: string): Blob {
    this.slices.push([start, end]);
    return super.slice(start, end, type);
  }
}

const bytesOf = (n: number) => Uint8Array.from({ length: n }, (_, i) => (i * 7 + 3) % 251);

async function allSlices(blob: Blob, sliceBytes: number, firstSliceBytes: number): Promise<Uint8Array[]> {
  const out: Uint8Array[] = [];
  for await (const s of blobSlices(blob, sliceBytes, () => {}, undefined, firstSliceBytes)) out.push(s);
  return out;
}

describe('a file\'s head, read once for the archive check and the sniff', () => {
  it('the archive check reads the head; the sniff\'s first slice is taken from it, not read again', async () => {
    const file = new CountingBlob([bytesOf(200_000)]);
    expect(await archiveInputs({ name: 'Master.csv', blob: file })).toBeNull();
    const slices = await allSlices(file, 1 << 20, HEAD_BYTES);
    // One read from byte 0 (the head: 65,536 bytes), then the rest from where it ends.
    expect(file.slices).toEqual([[0, HEAD_BYTES], [HEAD_BYTES, 200_000]]);
    expect(slices.map((s) => s.length)).toEqual([HEAD_BYTES, 200_000 - HEAD_BYTES]);
    expect(Buffer.concat(slices)).toEqual(Buffer.from(bytesOf(200_000)));
  });

  it('gives the same bytes as reading without it, for a file shorter than the head, and only once', async () => {
    const file = new CountingBlob([bytesOf(1_000)]);
    await readHead(file);
    const first = await allSlices(file, 512, 300);
    expect(first.map((s) => s.length)).toEqual([300, 512, 188]);
    expect(Buffer.concat(first)).toEqual(Buffer.from(bytesOf(1_000)));
    // Taken: a second read reads the file itself.
    expect(takeHead(file, 10)).toBeNull();
    expect(Buffer.concat(await allSlices(file, 512, 300))).toEqual(Buffer.from(bytesOf(1_000)));
    expect(file.slices.filter(([start]) => start === 0)).toEqual([[0, 1_000], [0, 300]]);
  });

  it('hands each taker a buffer of its own, and nothing past the head', async () => {
    const file = new Blob([bytesOf(100_000)]);
    const head = await readHead(file);
    const taken = await takeHead(file, 100)!;
    taken[0] = 255;
    expect(head[0]).toBe(3);
    expect(takeHead(file, 100)).toBeNull();
    await readHead(file);
    expect(takeHead(file, HEAD_BYTES + 1)).toBeNull();
  });

  it('an archive lets its head go: its entries are read, not it', async () => {
    // "PK\\x03\\x04": a ZIP's first bytes; no central directory, so it is not an archive that opens.
    const zipLike = new CountingBlob([new Uint8Array([0x50, 0x4b, 3, 4, ...bytesOf(100)])]);
    expect(await archiveInputs({ name: 'x.zip', blob: zipLike })).toBeNull();
    expect(takeHead(zipLike, 4)).toBeNull();
  });
});
