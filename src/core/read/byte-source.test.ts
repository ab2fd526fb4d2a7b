import { describe, expect, it } from 'vitest';
import { blobSlices, READ_SLICE_BYTES } from './byte-source';
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
});

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
