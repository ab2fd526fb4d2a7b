import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { evenPieceBytes, lineAlignedRanges } from './read-in-pieces';

async function ranges(text: string, pieceBytes: number): Promise<string[]> {
  const blob = new Blob([text]);
  const bytes = new Uint8Array(await blob.arrayBuffer());
  const out: string[] = [];
  for await (const r of lineAlignedRanges(blob, pieceBytes)) out.push(new TextDecoder().decode(bytes.subarray(r.start, r.end)));
  return out;
}

describe('lineAlignedRanges', () => {
  it('ends each range at the first line feed at or after the target size', async () => {
    expect(await ranges('a\nbb\nccc\nd', 2)).toEqual(['a\n', 'bb\n', 'ccc\n', 'd']);
    expect(await ranges('aaaa\nb\nc\n', 3)).toEqual(['aaaa\n', 'b\nc\n']);
  });

  it('cuts a line without a line feed at 4 × the target size (binary junk)', async () => {
    const junk = 'x'.repeat(100_000);
    const parts = await ranges(junk, 10_000);
    expect(parts.map((p) => p.length)).toEqual([75_536, 24_464]); // 10,000 + a 65,536-byte seek, then the rest
    expect(parts.join('')).toBe(junk);
  });

  it('ends a range at a CR not followed by an LF (CR-only and mixed files), never inside a CRLF', async () => {
    expect(await ranges('a\rbb\rccc\rd', 2)).toEqual(['a\r', 'bb\r', 'ccc\r', 'd']);
    expect(await ranges('a\r\nbb\r\nc', 2)).toEqual(['a\r\n', 'bb\r\n', 'c']);
    expect(await ranges('ab\r', 1)).toEqual(['ab\r']);
  });

  it('property: the ranges cover the file in order; all but the last end with a line end, never between CR and LF', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(fc.constantFrom('a', 'é', '\n', '\r', ','), { maxLength: 200 }), fc.integer({ min: 1, max: 30 }), async (chars, size) => {
        const text = chars.join('');
        const parts = await ranges(text, size);
        expect(parts.join('')).toBe(text);
        parts.slice(0, -1).forEach((p, i) => {
          expect(p.endsWith('\n') || (p.endsWith('\r') && !parts[i + 1]!.startsWith('\n'))).toBe(true);
        });
      }),
      { numRuns: 200 },
    );
  });
});

describe('evenPieceBytes', () => {
  it('cuts a file into a multiple of the workers of pieces of one size, each about the target', () => {
    // 30 MB (the bench's 100k-call Master.csv, 29,694,103 bytes) at 4 MiB: 7.08 → 8 pieces of 3,711,763 bytes, 4 per worker.
    expect(evenPieceBytes(29_694_103, 4 << 20, 2)).toBe(3_711_763);
    // 10 MiB at 4 MiB on 2 workers: 3 pieces → 4 of 2.5 MiB; on 3 workers: 3 pieces of 3.33 MiB, as they were counted.
    expect(evenPieceBytes(10 << 20, 4 << 20, 2)).toBe(2.5 * (1 << 20));
    expect(evenPieceBytes(10 << 20, 4 << 20, 3)).toBe(Math.ceil((10 << 20) / 3));
    // One worker, or none: the target size's count, evened out.
    expect(evenPieceBytes(100, 30, 1)).toBe(25);
    expect(evenPieceBytes(100, 30, 0)).toBe(25);
  });

  it('eight lines of 10 bytes at a 30-byte target on 2 workers: 4 ranges of 2 lines (cut at 30: 3 lines, 3, then 2 alone)', async () => {
    const text = '123456789\n'.repeat(8);
    expect((await ranges(text, 30)).map((p) => p.length)).toEqual([30, 30, 20]);
    expect((await ranges(text, evenPieceBytes(text.length, 30, 2))).map((p) => p.length)).toEqual([20, 20, 20, 20]);
  });
});
