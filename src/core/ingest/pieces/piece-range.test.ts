import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { alignedBytes, seekBytesFor } from './piece-range';
import { evenPieceBytes, FIRST_PIECE_BYTES, MAX_PIECE_BYTES, PIECE_BYTES, pieceBytesFor, pieceEnds } from './read-in-pieces';

/** The text cut every `pieceBytes` and each piece's cuts moved to line ends, as its worker reads it: the non-empty pieces. */
async function ranges(text: string, pieceBytes: number): Promise<string[]> {
  return (await pieces(text, pieceBytes)).filter((p) => p.text !== '').map((p) => p.text);
}

async function pieces(text: string, pieceBytes: number): Promise<Array<{ text: string; startsInsideLine: boolean; endsInsideLine: boolean }>> {
  const blob = new Blob([text]);
  const out = [];
  for (let start = 0; start < blob.size; start += pieceBytes) {
    const piece = await alignedBytes({ kind: 'range', blob, start, end: Math.min(blob.size, start + pieceBytes), seekBytes: seekBytesFor(pieceBytes) });
    out.push({ text: new TextDecoder().decode(piece.bytes), startsInsideLine: piece.startsInsideLine, endsInsideLine: piece.endsInsideLine });
  }
  return out;
}

describe('alignedBytes', () => {
  it('moves each cut just past the first line feed at or after it (a piece whose cuts meet is empty)', async () => {
    // Cuts at 2, 4, 6, 8 move to 2, 5, 9, 9: 'a\n', 'bb\n', 'ccc\n', '', 'd'.
    expect(await pieces('a\nbb\nccc\nd', 2)).toEqual(['a\n', 'bb\n', 'ccc\n', '', 'd'].map((text) => ({ text, startsInsideLine: false, endsInsideLine: false })));
    // Cuts at 3 and 6 move to 5 and 7.
    expect(await ranges('aaaa\nb\nc\n', 3)).toEqual(['aaaa\n', 'b\n', 'c\n']);
  });

  it('leaves a cut with no line end within its seek inside the line (binary junk): the pieces on both sides say so', async () => {
    const junk = 'x'.repeat(1_250_000);
    // Cuts every 50,000 bytes, each looking seekBytesFor(50,000) = 1 MiB + 64 KiB + 1 = 1,114,113 bytes
    // on (the tokenizer's limit on a record and one read): those at 50,000 and 100,000 find no line
    // end before 1,164,112 / 1,214,112 and stay; the one at 150,000 reaches the file's end, where the last line ends.
    expect(seekBytesFor(50_000)).toBe(1_114_113);
    const parts = await pieces(junk, 50_000);
    expect(parts.map((p) => p.text.length)).toEqual([50_000, 50_000, 1_150_000, ...new Array<number>(22).fill(0)]);
    expect(parts.slice(0, 3).map((p) => [p.startsInsideLine, p.endsInsideLine])).toEqual([
      [false, true],
      [true, true],
      [true, false],
    ]);
    expect(parts.map((p) => p.text).join('')).toBe(junk);
    // A line end within the seek is found, however far past the cut.
    expect(await ranges(`${'x'.repeat(60_000)}\nrest`, 10_000)).toEqual([`${'x'.repeat(60_000)}\n`, 'rest']);
  });

  it('ends a piece at a CR not followed by an LF (CR-only and mixed files), never inside a CRLF', async () => {
    expect(await ranges('a\rbb\rccc\rd', 2)).toEqual(['a\r', 'bb\r', 'ccc\r', 'd']);
    expect(await ranges('a\r\nbb\r\nc', 2)).toEqual(['a\r\n', 'bb\r\n', 'c']);
    expect(await ranges('ab\r', 1)).toEqual(['ab\r']);
  });

  it('property: against a plain line split (LF, CRLF or a CR alone end a line), the pieces are the file, each of whole lines', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(fc.constantFrom('a', 'é', ',', '"', '\n', '\r', '\r\n'), { maxLength: 300 }), fc.integer({ min: 1, max: 40 }), async (parts, size) => {
        const text = parts.join('');
        const bytes = new TextEncoder().encode(text);
        // Byte offsets where the oracle's lines end (the file's end included).
        const lineEnds = new Set([0, bytes.length]);
        for (let i = 0; i < bytes.length; i++) {
          const crlf = bytes[i] === 0x0d && bytes[i + 1] === 0x0a;
          if (bytes[i] === 0x0a || (bytes[i] === 0x0d && !crlf)) lineEnds.add(i + 1);
        }
        const got = await pieces(text, size);
        expect(got.map((p) => p.text).join('')).toBe(text);
        let at = 0;
        for (const p of got) {
          expect(p.startsInsideLine || p.endsInsideLine).toBe(false);
          at += new TextEncoder().encode(p.text).length;
          expect(lineEnds.has(at)).toBe(true);
        }
      }),
      { numRuns: 300 },
    );
  });

  it('property: a line end out of reach (a short seek) leaves cuts inside lines, and both pieces beside such a cut say so', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(fc.constantFrom('a', 'b', '\n', '\r', '\r\n'), { maxLength: 200 }), fc.integer({ min: 1, max: 20 }), fc.integer({ min: 1, max: 12 }), async (parts, size, seekBytes) => {
        const text = parts.join('');
        const blob = new Blob([text]);
        const got = [];
        for (let start = 0; start < blob.size; start += size) {
          got.push(await alignedBytes({ kind: 'range', blob, start, end: Math.min(blob.size, start + size), seekBytes }));
        }
        expect(got.map((p) => new TextDecoder().decode(p.bytes)).join('')).toBe(text);
        const full = got.filter((p) => p.bytes.length > 0);
        full.slice(0, -1).forEach((p, i) => expect(full[i + 1]!.startsInsideLine).toBe(p.endsInsideLine));
        if (full.length > 0) expect([full[0]!.startsInsideLine, full[full.length - 1]!.endsInsideLine]).toEqual([false, false]);
      }),
      { numRuns: 300 },
    );
  });

  it('reads in proportion to the piece: a 1-byte piece reads hundreds of bytes, not 64 KiB', async () => {
    const text = '123456789\n'.repeat(10_000);
    let read = 0;
    class CountingBlob extends Blob {
      override slice(start?: number, end?: number): Blob {
        read += (end ?? this.size) - (start ?? 0);
        return super.slice(start, end);
      }
    }
    const blob = new CountingBlob([text]);
    const piece = await alignedBytes({ kind: 'range', blob, start: 50_005, end: 50_006, seekBytes: seekBytesFor(1) });
    // The cut at 50,005 moves past the line end at 50,009 (to 50,010), as does the one at 50,006: empty.
    expect(piece.bytes.length).toBe(0);
    expect(read).toBeLessThan(1000);
  });
});

describe('pieceBytesFor', () => {
  it('keeps 4 MiB pieces up to 128 MiB, then grows them to a 32nd of the file, at most 8 MiB', () => {
    expect([PIECE_BYTES, MAX_PIECE_BYTES]).toEqual([4 << 20, 8 << 20]);
    expect(pieceBytesFor(0)).toBe(4 << 20);
    expect(pieceBytesFor(29_694_103)).toBe(4 << 20); // the bench's 100k-call Master.csv: 8 pieces, as before
    expect(pieceBytesFor(128 << 20)).toBe(4 << 20);
    expect(pieceBytesFor(160 << 20)).toBe(5 << 20);
    // The bench's 1M-call Master.csv (296,028,672 bytes): 8 MiB, evened out into 36 pieces on 2 workers (with the 2 first of 1 MiB: 38, not 74).
    expect(pieceBytesFor(296_028_672)).toBe(8 << 20);
    expect(Math.ceil(296_028_672 / evenPieceBytes(296_028_672, pieceBytesFor(296_028_672), 2))).toBe(36);
    expect(pieceBytesFor(4 * 2 ** 30)).toBe(8 << 20);
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

describe('pieceEnds', () => {
  it('the 30 MB Master.csv at 4 MiB on 2 workers: a 1 MiB piece each, then the other 27,596,951 bytes in 8 of 3,449,619 (the last one byte short)', () => {
    expect(FIRST_PIECE_BYTES).toBe(1_048_576);
    const ends = pieceEnds(29_694_103, 4 << 20, 2);
    expect(ends.slice(0, 3)).toEqual([1_048_576, 2_097_152, 2_097_152 + 3_449_619]);
    expect(ends.length).toBe(10);
    expect(ends.at(-2)).toBe(2_097_152 + 7 * 3_449_619);
    expect(ends.at(-1)).toBe(29_694_103);
  });

  it('pieces no bigger than a first piece are cut evenly, as before: 100 bytes at 30 on 2 workers are 4 of 25', () => {
    expect(pieceEnds(100, 30, 2)).toEqual([25, 50, 75, 100]);
    expect(pieceEnds(2 * FIRST_PIECE_BYTES, 4 << 20, 2)).toEqual([FIRST_PIECE_BYTES, 2 * FIRST_PIECE_BYTES]);
  });

  it('ends rise to the file\'s size, and each worker gets as many pieces (of files of 1 MiB or more, in pieces of 64 KiB or more)', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1 << 20, max: 50_000_000 }), fc.integer({ min: 64 << 10, max: 8 << 20 }), fc.integer({ min: 0, max: 8 }), (fileBytes, pieceBytes, workers) => {
        const ends = pieceEnds(fileBytes, pieceBytes, workers);
        expect(ends.at(-1)).toBe(fileBytes);
        ends.forEach((end, k) => expect(end).toBeGreaterThan(k === 0 ? 0 : ends[k - 1]!));
        expect(ends.length % Math.max(1, workers)).toBe(0);
      }),
    );
  });
});
