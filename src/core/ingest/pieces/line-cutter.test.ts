import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { SpareBuffers } from './spare-buffers';
import { LineCutter, lineEndAfter } from './line-cutter';

const bytes = (s: string) => new TextEncoder().encode(s);
const text = (b: Uint8Array | null) => (b ? new TextDecoder().decode(b) : null);

describe('LineCutter', () => {
  it('cuts at the first line feed at or after the target size', () => {
    const cutter = new LineCutter(2);
    expect(cutter.push(bytes('a\nbb\nccc\nd')).map(text)).toEqual(['a\n', 'bb\n', 'ccc\n']);
    expect(text(cutter.flush())).toBe('d');
    expect(cutter.flush()).toBeNull();
  });

  it('holds a line until its line feed arrives, across pushes', () => {
    const cutter = new LineCutter(4);
    expect(cutter.push(bytes('abcdef'))).toEqual([]);
    expect(cutter.push(bytes('gh\r\nij')).map(text)).toEqual(['abcdefgh\r\n']);
    expect(text(cutter.flush())).toBe('ij');
  });

  it('cuts a line with no line feed at maxBytes (binary junk cannot grow without bound)', () => {
    const cutter = new LineCutter(2, 8);
    expect(cutter.push(bytes('0123456'))).toEqual([]);
    expect(cutter.push(bytes('789')).map(text)).toEqual(['0123456789']);
  });

  it('cuts at a CR that is no CRLF (CR-only files); a CR at the end of what it holds waits for the next byte', () => {
    const cutter = new LineCutter(2);
    expect(cutter.push(bytes('a\rbb\rc')).map(text)).toEqual(['a\r', 'bb\r']);
    expect(cutter.push(bytes('cc\r')).map(text)).toEqual([]);
    expect(cutter.push(bytes('\nd')).map(text)).toEqual(['ccc\r\n']);
    expect(text(cutter.flush())).toBe('d');
  });

  it('gathers a piece into a buffer handed back for it, not a fresh one', () => {
    const spares = new SpareBuffers(2);
    const cutter = new LineCutter(4, 100, spares);
    const [first] = cutter.push(bytes('aaaa\nbb'));
    expect(text(first!)).toBe('aaaa\n');
    const buffer = first!.buffer as ArrayBuffer;
    spares.giveBack(buffer);
    const [second] = cutter.push(bytes('bb\ncc'));
    expect(text(second!)).toBe('bbbb\n');
    expect(second!.buffer).toBe(buffer);
    expect(text(cutter.flush())).toBe('cc');
  });

  it('after damage gives back only complete lines', () => {
    const cutter = new LineCutter(100);
    cutter.push(bytes('one\ntwo\nthr'));
    expect(text(cutter.flushCompleteLines())).toBe('one\ntwo\n');
  });

  it('property: pieces put back together are the input; every piece but the last ends with a line end (with each piece buffer handed back for the next, or not)', () => {
    fc.assert(
      fc.property(
        fc.array(fc.constantFrom('a', 'é', '\n', '\r', ',', '"'), { maxLength: 300 }),
        fc.array(fc.integer({ min: 1, max: 40 }), { minLength: 1, maxLength: 20 }),
        fc.integer({ min: 1, max: 50 }),
        fc.boolean(),
        (chars, cuts, target, handBack) => {
          const input = bytes(chars.join(''));
          const spares = new SpareBuffers(handBack ? 3 : 0);
          const cutter = new LineCutter(target, 1 << 20, spares);
          const pieces: Uint8Array[] = [];
          let at = 0;
          for (let k = 0; at < input.length; k++) {
            const n = cuts[k % cuts.length]!;
            for (const piece of cutter.push(input.slice(at, at + n))) {
              // Each piece owns its buffer: what a worker gets moved to it.
              expect(piece.byteOffset).toBe(0);
              // Copied out, then its buffer is given back and written over by later pieces (as once parsed).
              pieces.push(piece.slice());
              spares.giveBack(piece.buffer as ArrayBuffer);
            }
            at += n;
          }
          // Each piece ends at a line end: an LF, or a CR whose next byte (the next piece's first) is no LF.
          pieces.forEach((p, i) => {
            const lastByte = p[p.length - 1];
            const next = i + 1 < pieces.length ? pieces[i + 1]![0] : input[Buffer.concat(pieces.slice(0, i + 1)).length];
            expect(lastByte === 0x0a || (lastByte === 0x0d && next !== 0x0a)).toBe(true);
          });
          const last = cutter.flush();
          if (last) pieces.push(last);
          expect(Buffer.concat(pieces).equals(Buffer.from(input))).toBe(true);
        },
      ),
      { numRuns: 300 },
    );
  });
});

/** lineEndAfter the straightforward way: byte by byte from `from`. */
function lineEndAfterByLoop(b: Uint8Array, from: number): number {
  for (let i = from; i < b.length; i++) {
    if (b[i] === 0x0a) return i + 1;
    if (b[i] === 0x0d) {
      if (i + 1 >= b.length) return -1;
      return b[i + 1] === 0x0a ? i + 2 : i + 1;
    }
  }
  return -1;
}

describe('lineEndAfter', () => {
  it('ends the line at an LF, a CRLF after its LF, a lone CR; not at a CR as the last byte', () => {
    expect(lineEndAfter(bytes('ab\ncd'), 0)).toBe(3);
    expect(lineEndAfter(bytes('ab\r\ncd'), 0)).toBe(4);
    expect(lineEndAfter(bytes('ab\rcd\n'), 0)).toBe(3);
    expect(lineEndAfter(bytes('ab\ncd\r'), 3)).toBe(-1);
    expect(lineEndAfter(bytes('abcd'), 0)).toBe(-1);
  });

  it('property: the same index as a byte-by-byte walk', () => {
    const someBytes = fc.array(fc.constantFrom(0x0a, 0x0d, 0x61, 0x2c), { maxLength: 40 }).map((a) => Uint8Array.from(a));
    fc.assert(
      fc.property(someBytes, fc.nat(45), (b, from) => {
        expect(lineEndAfter(b, from)).toBe(lineEndAfterByLoop(b, from));
      }),
      { numRuns: 2000 },
    );
  });
});
