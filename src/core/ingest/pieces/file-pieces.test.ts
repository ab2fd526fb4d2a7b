import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { filePieces, lastLineEnd, type FilePiece } from './file-pieces';
import { lineEndAfter } from './line-cutter';

const bytes = (s: string) => new TextEncoder().encode(s);
const text = (b: Uint8Array) => new TextDecoder().decode(b);

/** The stream of a Blob (a byte stream: read with a BYOB reader). */
const byteStream = (s: string): ReadableStream<Uint8Array> => new Blob([s]).stream();

/** A stream that is no byte stream, in chunks of the given sizes (cycled): read by copying its chunks. */
function chunkedStream(s: string, chunkSizes: readonly number[]): ReadableStream<Uint8Array> {
  const all = bytes(s);
  let at = 0;
  let k = 0;
  return new ReadableStream<Uint8Array>({
    pull(controller) {
      if (at >= all.length) return controller.close();
      const n = chunkSizes[k++ % chunkSizes.length]!;
      controller.enqueue(all.slice(at, (at += n)));
    },
  });
}

/**
 * A byte stream whose source closes without answering a read still waiting for more bytes (it
 * never calls byobRequest.respond(0)): as the Streams spec allows, and as Chromium's stream of a
 * File sometimes did, such a read never settles.
 */
function closesWithoutAnswering(s: string, chunkBytes: number): ReadableStream<Uint8Array> {
  const all = bytes(s);
  let at = 0;
  return new ReadableStream({
    type: 'bytes',
    pull(controller) {
      if (at >= all.length) return controller.close();
      controller.enqueue(all.slice(at, (at += chunkBytes)));
    },
  });
}

/** Whether `promise` settles within a few turns of the event loop. */
async function settles(promise: Promise<unknown>): Promise<boolean> {
  let settled = false;
  void promise.then(() => (settled = true), () => (settled = true));
  for (let k = 0; k < 5 && !settled; k++) await new Promise((r) => setTimeout(r, 0));
  return settled;
}

async function piecesOf(stream: ReadableStream<Uint8Array>, plannedEnds: number[], maxBytes: number): Promise<FilePiece[]> {
  const out: FilePiece[] = [];
  // Each piece's bytes copied: the buffer is the piece's own, as if moved to a worker.
  for await (const piece of filePieces(stream, plannedEnds, maxBytes)) out.push({ ...piece, bytes: piece.bytes.slice() });
  return out;
}

/** The straightforward way: just past the last line end in bytes[0, filled) known to be one (lineEndAfter from the start, repeatedly). */
function lastLineEndByScan(b: Uint8Array, filled: number): number {
  let last = 0;
  for (let at = 0; ; ) {
    const end = lineEndAfter(b.subarray(0, filled), at);
    if (end < 0) return last;
    last = at = end;
  }
}

describe('filePieces: a plain file read as one stream, cut at line ends', () => {
  it('ends each piece at the last line end before its planned end, the last with the file', async () => {
    // Lines of 4 bytes ("aaa\n"): planned ends at 6 and 14 move back to 4 and 12.
    const pieces = await piecesOf(byteStream('aaa\nbbb\nccc\nddd\ne'), [6, 14, 17], 1000);
    expect(pieces.map((p) => [text(p.bytes), p.start, p.end])).toEqual([
      ['aaa\n', 0, 4],
      ['bbb\nccc\n', 4, 12],
      ['ddd\ne', 12, 17],
    ]);
  });

  it('cuts at a CR alone (old Mac files), never between a CR and its LF', async () => {
    // Planned end 4 falls after the CR of "b\r\n": a CR at the buffer's end may be half of a CRLF, so the cut is after "a\r".
    const pieces = await piecesOf(byteStream('a\rb\r\nc\rd'), [5, 8], 1000);
    expect(pieces.map((p) => text(p.bytes))).toEqual(['a\rb\r\n', 'c\rd']);
    const early = await piecesOf(byteStream('a\rb\r\nc\rd'), [4, 8], 1000);
    expect(early.map((p) => text(p.bytes))).toEqual(['a\r', 'b\r\nc\rd']);
  });

  it('grows a piece for a line longer than planned, and cuts inside a line only at maxBytes', async () => {
    const long = `${'x'.repeat(30)}\nyy\n`;
    expect((await piecesOf(byteStream(long), [4, 34], 1000)).map((p) => [p.bytes.length, p.endsInsideLine])).toEqual([
      [31, false],
      [3, false],
    ]);
    const pieces = await piecesOf(byteStream(long), [4, 34], 16);
    expect(pieces.map((p) => [p.bytes.length, p.startsInsideLine, p.endsInsideLine])).toEqual([
      [16, false, true],
      [18, true, false],
    ]);
  });

  it('never reads past the file: the last piece ends with its last byte, even where a read past it would never settle', async () => {
    const s = 'aaa\nbbb\nccc\nddd\ne';
    // The stream this test uses: a read of one byte more than it holds waits forever.
    const reader = closesWithoutAnswering(s, 4).getReader({ mode: 'byob' });
    const read = reader.read.bind(reader) as (view: Uint8Array, options: { min: number }) => Promise<unknown>;
    expect(await settles(read(new Uint8Array(s.length + 1), { min: s.length + 1 }))).toBe(false);

    const pieces = await piecesOf(closesWithoutAnswering(s, 4), [6, 14, 17], 1000);
    expect(pieces.map((p) => [text(p.bytes), p.start, p.end])).toEqual([
      ['aaa\n', 0, 4],
      ['bbb\nccc\n', 4, 12],
      ['ddd\ne', 12, 17],
    ]);
    // A line longer than its piece grows the piece up to the file's end, not past it.
    const long = `${'x'.repeat(30)}\nyy`;
    expect((await piecesOf(closesWithoutAnswering(long, 7), [4, 33], 1000)).map((p) => [p.bytes.length, p.endsInsideLine])).toEqual([
      [31, false],
      [2, false],
    ]);
    expect((await piecesOf(closesWithoutAnswering('x'.repeat(40), 7), [4, 40], 1000)).map((p) => p.bytes.length)).toEqual([40]);
  });

  it('gives nothing for an empty file', async () => {
    expect(await piecesOf(byteStream(''), [], 10)).toEqual([]);
  });

  it('lastLineEnd answers what scanning every line end from the start answers', () => {
    fc.assert(
      fc.property(fc.array(fc.constantFrom(0x0a, 0x0d, 0x61), { maxLength: 40 }), fc.nat(), (list, cut) => {
        const b = Uint8Array.from(list);
        const filled = list.length === 0 ? 0 : cut % (list.length + 1);
        expect(lastLineEnd(b, filled)).toBe(lastLineEndByScan(b, filled));
      }),
      { numRuns: 2000 },
    );
  });

  it('pieces hold every byte once, in order, each ending at a line end unless it says it does not (BYOB and copied chunks alike)', async () => {
    const line = fc.tuple(fc.string({ maxLength: 12 }), fc.constantFrom('\n', '\r\n', '\r', ''));
    await fc.assert(
      fc.asyncProperty(fc.array(line, { maxLength: 30 }), fc.integer({ min: 1, max: 20 }), fc.array(fc.integer({ min: 1, max: 9 }), { minLength: 1, maxLength: 5 }), fc.integer({ min: 1, max: 40 }), async (lines, step, chunks, maxBytes) => {
        const s = lines.map(([t, end]) => t + end).join('');
        const size = bytes(s).length;
        const planned: number[] = [];
        for (let end = step; end < size; end += step) planned.push(end);
        if (size > 0) planned.push(size);
        for (const stream of [byteStream(s), chunkedStream(s, chunks)]) {
          const pieces = await piecesOf(stream, planned, maxBytes);
          expect(text(concat(pieces.map((p) => p.bytes)))).toBe(s);
          pieces.forEach((p, k) => {
            expect(p.bytes.length).toBeGreaterThan(0);
            expect(p.end - p.start).toBe(p.bytes.length);
            expect(p.start).toBe(pieces[k - 1]?.end ?? 0);
            expect(p.startsInsideLine).toBe(pieces[k - 1]?.endsInsideLine ?? false);
            const all = bytes(s);
            if (p.endsInsideLine) expect(p.bytes.length).toBeGreaterThanOrEqual(maxBytes);
            // Just past a line end: the byte before is an LF, or a CR not followed by an LF (or the file ends).
            else if (p.end < size) expect(lineEndAfter(all, p.end - 1)).toBe(p.end);
          });
        }
      }),
      { numRuns: 300 },
    );
  });
});

function concat(parts: Uint8Array[]): Uint8Array {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let at = 0;
  for (const p of parts) out.set(p, (at += p.length) - p.length);
  return out;
}
