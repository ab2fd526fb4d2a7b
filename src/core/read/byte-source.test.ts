import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { blobSlices, gunzip, READ_SLICE_BYTES } from './byte-source';
import { openBlob } from '../ingest/open-file';
import { SNIFF_CHARS } from './sniff';

async function slices(blob: Blob, sliceBytes: number, first?: number): Promise<{ lengths: number[]; progress: number[] }> {
  const progress: number[] = [];
  const lengths: number[] = [];
  for await (const s of blobSlices(blob, sliceBytes, (p) => progress.push(p.bytesRead), undefined, first)) lengths.push(s.length);
  return { lengths, progress };
}

describe('blobSlices', () => {
  it('cuts 10 bytes into slices of 4, or a first of 3 and then 4s; progress counts the bytes read', async () => {
    const blob = new Blob(['0123456789']);
    expect(await slices(blob, 4)).toEqual({ lengths: [4, 4, 2], progress: [4, 8, 10] });
    expect(await slices(blob, 4, 3)).toEqual({ lengths: [3, 4, 3], progress: [3, 7, 10] });
    expect(await slices(blob, 4, 20)).toEqual({ lengths: [10], progress: [10] });
  });

  it('property: the slices are the blob cut at the first slice and then every sliceBytes, as slice() by slice() cuts it', async () => {
    await fc.assert(
      fc.asyncProperty(fc.uint8Array({ maxLength: 3000 }), fc.integer({ min: 1, max: 700 }), fc.integer({ min: 1, max: 900 }), async (bytes, sliceBytes, first) => {
        const blob = new Blob([bytes]);
        const got: Uint8Array[] = [];
        for await (const s of blobSlices(blob, sliceBytes, () => {}, undefined, first)) got.push(s.slice());
        // The straightforward way: each slice read on its own.
        const want: Uint8Array[] = [];
        for (let at = 0; at < bytes.length; ) {
          const end = Math.min(bytes.length, at + (at === 0 ? first : sliceBytes));
          want.push(new Uint8Array(await blob.slice(at, end).arrayBuffer()));
          at = end;
        }
        expect(got).toEqual(want);
      }),
      { numRuns: 200 },
    );
  });

  it('ends where a file that shrank on disk ends, and passes on a read error (a damaged read) after the slices before it', async () => {
    const shrunk = new ShortStream(['0123456789'], 6);
    expect(await slices(shrunk, 4, 2)).toEqual({ lengths: [2, 4], progress: [2, 6] });
    const broken = new ShortStream(['0123456789'], 6, new Error('NotReadableError: the file changed on disk'));
    const lengths: number[] = [];
    await expect(async () => {
      for await (const s of blobSlices(broken, 4, () => {}, undefined, 2)) lengths.push(s.length);
    }).rejects.toThrow('the file changed on disk');
    expect(lengths).toEqual([2, 4]);
  });
});

/** A blob whose stream (of everything after its first bytes) stops after `goodBytes` of the blob: it ends there, or fails with `error`. */
class ShortStream extends Blob {
  constructor(
    parts: BlobPart[],
    private readonly goodBytes: number,
    private readonly error: Error | null = null,
    private readonly from = 0,
  ) {
    super(parts);
  }

  override slice(start?: number, end?: number): Blob {
    return new ShortStream([super.slice(start, end)], this.goodBytes, this.error, this.from + (start ?? 0));
  }

  override stream(): ReadableStream<Uint8Array<ArrayBuffer>> {
    const goodLength = Math.max(0, this.goodBytes - this.from);
    const error = this.error;
    return new ReadableStream({
      type: 'bytes',
      start: async (controller: ReadableByteStreamController) => {
        const bytes = new Uint8Array(await this.arrayBuffer()).subarray(0, goodLength);
        if (bytes.length > 0) controller.enqueue(bytes.slice());
        if (error) controller.error(error);
        else controller.close();
      },
    });
  }
}

describe('openBlob', () => {
  it('reads only the sniff’s 64 KiB before it knows the format, not a whole 1 MiB slice', async () => {
    const line = 'a,b,c\n';
    const blob = new Blob([line.repeat(Math.ceil((3 * READ_SLICE_BYTES) / line.length))]);
    const read: number[] = [];
    const open = await openBlob(blob, { fileName: 'big.csv', onBytes: (p) => read.push(p.bytesRead) });
    expect('opened' in open).toBe(true);
    expect(read).toEqual([SNIFF_CHARS]);
  });
});

describe('gunzip', () => {
  /** A gzip member's header (no name, no time), then stored deflate blocks of `size` zero bytes for as long as it is read. */
  function storedGzip(size: number, counter: { blocks: number; closed: boolean }): AsyncIterable<Uint8Array> {
    const block = new Uint8Array(5 + size);
    block.set([0, size & 0xff, size >> 8, ~size & 0xff, (~size >> 8) & 0xff]);
    return (async function* () {
      try {
        yield new Uint8Array([0x1f, 0x8b, 8, 0, 0, 0, 0, 0, 0, 0xff]);
        for (;;) {
          counter.blocks++;
          yield block.slice();
        }
      } finally {
        counter.closed = true;
      }
    })();
  }

  it('stops reading a .gz when its reader stops: the input ends (its finally closes the file’s stream) and no block is read after', async () => {
    const counter = { blocks: 0, closed: false };
    let bytes = 0;
    for await (const chunk of gunzip(storedGzip(1024, counter), 4096)) {
      bytes += chunk.length;
      if (bytes >= 3 * 1024) break;
    }
    for (let turn = 0; turn < 20 && !counter.closed; turn++) await new Promise((resolve) => setTimeout(resolve, 0));
    expect(counter.closed).toBe(true);
    const blocks = counter.blocks;
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(counter.blocks).toBe(blocks);
  });
});
