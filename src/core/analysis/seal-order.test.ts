import { describe, expect, it } from 'vitest';
import { Random } from '../scenario/random';
import { sealMoves } from './seal-order';

const INBOUND = 1;
const OUTBOUND = 0;
const at = (hhmmss: string) => Date.UTC(2026, 10, 16, ...(hhmmss.split(':').map(Number) as [number, number, number]));

/** The straightforward way: rows sorted by (attempt, inbound, no start), then start, then row; each row's place in that. */
function expectedMoves(starts: Float64Array, direction: Uint8Array): { to: number[]; attempts: number } {
  const group = (i: number) => (Number.isNaN(starts[i]!) ? 2 : direction[i] === INBOUND ? 1 : 0);
  const rows = Array.from(starts, (_, i) => i).sort((a, b) => group(a) - group(b) || (group(a) < 2 ? starts[a]! - starts[b]! : 0) || a - b);
  const to = new Array<number>(starts.length);
  rows.forEach((row, r) => (to[row] = r));
  return { to, attempts: rows.filter((i) => group(i) === 0).length };
}

function movesOf(starts: Float64Array, direction: Uint8Array): { to: number[] | null; attempts: number } {
  const moves = sealMoves(starts, direction, INBOUND, starts.length, new ArrayBuffer(starts.length * 8));
  return { to: moves.to && Array.from(moves.to), attempts: moves.attempts };
}

describe('sealMoves', () => {
  it('sends each row to its place: attempts by start (ties as they were), inbound by start, then no start', () => {
    const starts = Float64Array.of(at('10:05:00'), at('10:01:00'), Number.NaN, at('10:02:00'), at('10:00:00'), at('09:59:00'), at('10:02:00'));
    const direction = Uint8Array.of(OUTBOUND, INBOUND, OUTBOUND, OUTBOUND, OUTBOUND, INBOUND, OUTBOUND);
    // Attempts 10:00 (row 4), 10:02 (row 3, then row 6: the tie as added), 10:05 (row 0); inbound 09:59 (row 5), 10:01 (row 1); no start (row 2).
    expect(movesOf(starts, direction)).toEqual({ to: [3, 5, 6, 1, 0, 4, 2], attempts: 4 });
  });

  it('moves nothing when every row is an attempt and the starts ascend (ties too)', () => {
    const starts = Float64Array.of(at('10:00:00'), at('10:00:00'), at('10:00:01'), at('11:00:00'));
    expect(movesOf(starts, new Uint8Array(4))).toEqual({ to: null, attempts: 4 });
    expect(movesOf(new Float64Array(0), new Uint8Array(0))).toEqual({ to: null, attempts: 0 });
  });

  it('differential: the same places as a plain sort, for starts in whole seconds (the counting sort), in ms, and over a span too long to count', () => {
    const random = new Random(13);
    const day = at('00:00:00');
    for (let trial = 0; trial < 60; trial++) {
      const n = random.int(1, 3000);
      const kind = trial % 3;
      // Whole seconds over 12 h; ms over 12 h; whole seconds over ~4 years (more seconds than the counting sort takes).
      const spanSeconds = kind === 2 ? 4 * 365 * 86_400 : 12 * 3600;
      const starts = Float64Array.from({ length: n }, () => {
        if (random.next() < 0.05) return Number.NaN;
        // Near file order (a Master.csv is written in end order) with many ties.
        const second = random.int(0, spanSeconds);
        return day + second * 1000 + (kind === 1 ? random.int(0, 999) : 0);
      });
      const direction = Uint8Array.from({ length: n }, () => (random.next() < 0.2 ? INBOUND : random.next() < 0.1 ? 2 : OUTBOUND));
      expect(movesOf(starts, direction)).toEqual(expectedMoves(starts, direction));
    }
  });

  it('differential: negative, -0 and repeated starts, attempts only or inbound only', () => {
    const starts = Float64Array.of(0, -0, -5000, 3000, -5000, 0, 1000);
    for (const direction of [new Uint8Array(7), new Uint8Array(7).fill(INBOUND), Uint8Array.of(0, 1, 0, 1, 0, 1, 0)]) {
      expect(movesOf(starts, direction)).toEqual(expectedMoves(starts, direction));
    }
  });

  it('numbers past any date, which pass the whole-second test (doubles there are 256 apart), are sorted, not counted', () => {
    // 2^60 / 1000 rounds to an integer that × 1000 rounds back to 2^60; counted, 2^60 + 1024 would be bucket 1.024 (lost in a typed array).
    const starts = Float64Array.of(2 ** 60 + 2048, 2 ** 60, 2 ** 60 + 1024, Number.NaN);
    for (const v of starts.subarray(0, 3)) expect(Math.floor(v / 1000) * 1000).toBe(v);
    expect(movesOf(starts, new Uint8Array(4))).toEqual({ to: [2, 0, 1, 3], attempts: 3 });
  });
});
