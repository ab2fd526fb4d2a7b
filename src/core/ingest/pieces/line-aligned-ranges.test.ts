import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { lineAlignedRanges } from './read-in-pieces';

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
