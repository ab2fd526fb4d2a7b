/**
 * Piece workers started again after a big read parse the warm-up's pieces again (rewarm.ts): the
 * pieces the warm-up keeps are real later pieces of each format (every row a call, none skipped),
 * each worker gets as many as the rule says, one piece at a time and only while the page is quiet, and
 * a drop stops it.
 */
import { describe, expect, it } from 'vitest';
import { failedPiece, readAndParsePiece } from '../core/ingest/pieces/parse-piece';
import type { PieceJob, PiecePool, PieceResult } from '../core/ingest/pieces/piece-types';
import { inProcessPool } from '../core/ingest/pieces/in-process-pool';
import { rewarm, rewarmJobs, REWARM_COPIES, REWARM_PIECES_PER_WORKER } from './rewarm';
import { MASTER_CSV_WARM_UP_COPIES, WARM_UP_COPIES } from './warm-up';
import { warmUp, WARM_UP_FORMATS, withCopies, type WarmUpPiece } from './warm-up';

/**
 * The warm-up over 2 copies of its day, no analysis rounds: what it keeps for a re-warm, each piece
 * then said to be of a day read `copies` times over (WARM_UP_COPIES unless given).
 */
async function keptPieces(copies: (formatId: string) => number = () => WARM_UP_COPIES): Promise<{ pieces: WarmUpPiece[]; dayRows: number[] }> {
  const read = await warmUp(inProcessPool(), new AbortController().signal, withCopies(WARM_UP_FORMATS, 2), 0);
  return { pieces: read.map((f) => ({ ...f.piece!, copies: copies(f.piece!.job.formatId) })), dayRows: read.map((f) => f.rowsRead / 2) };
}

/** A pool of `size` stand-ins that answer after a turn of the event loop, counting what they get. */
function countingPool(size: number, onJob: (job: PieceJob) => void = () => {}) {
  let inFlight = 0;
  const seen = { jobs: [] as PieceJob[], mostInFlight: 0 };
  const pool: PiecePool = {
    size,
    async parse(job: PieceJob): Promise<PieceResult> {
      seen.jobs.push(job);
      seen.mostInFlight = Math.max(seen.mostInFlight, ++inFlight);
      onJob(job);
      await new Promise((resolve) => setTimeout(resolve, 0));
      inFlight--;
      return { ...failedPiece(job.index, 'stand-in'), error: null };
    },
  };
  return { pool, seen };
}

describe('re-warm of piece workers started again', () => {
  it("keeps a later piece of each format's day: its rows parse as that format, every one a call but the Master.csv's PBX legs", async () => {
    const { pieces, dayRows } = await keptPieces();
    expect(pieces.map((p) => p.job.formatId)).toEqual(WARM_UP_FORMATS.map((f) => f.writer.formatId));
    for (const [k, piece] of pieces.entries()) {
      expect(piece.job.index).toBeGreaterThan(0);
      const job = rewarmJobs([piece], 1).next().value as PieceJob;
      const result = await readAndParsePiece(job);
      expect(result.error).toBeNull();
      expect(dayRows[k]).toBeGreaterThan(500);
      const read = REWARM_COPIES * dayRows[k]!;
      expect(result.rows.read).toBe(read);
      expect(result.rows.used + result.rows.skipped).toBe(read);
      if (piece.job.formatId === 'asterisk-cdr-csv') {
        // The day's Master.csv holds the rows a PBX writes beside the dialer's (pbxLegs): each call's Local `;1` half and some phone-to-phone calls are skipped, as in any drop.
        expect(result.rows.skipped).toBeGreaterThan(read / 3);
        expect(result.rows.used).toBeGreaterThan(read / 3);
      } else expect(result.rows.skipped).toBe(0);
    }
  });

  it('gives 3 workers 6 pieces each of each format, one piece at a time', async () => {
    const { pieces } = await keptPieces();
    const { pool, seen } = countingPool(3);
    const parsed = await rewarm(pool, pieces, new AbortController().signal);
    expect(REWARM_PIECES_PER_WORKER).toBe(6);
    expect(parsed).toBe(3 * 6 * 3);
    expect(seen.jobs).toHaveLength(54);
    expect(seen.mostInFlight).toBe(1);
    for (const piece of pieces) expect(seen.jobs.filter((j) => j.formatId === piece.job.formatId)).toHaveLength(18);
  });

  it("gives each worker pieces in proportion to the copies its format's day was read with: Master.csv's 150, 3 times 6", async () => {
    const { pieces } = await keptPieces((formatId) => (formatId === 'asterisk-cdr-csv' ? MASTER_CSV_WARM_UP_COPIES : WARM_UP_COPIES));
    const { pool, seen } = countingPool(2);
    expect(MASTER_CSV_WARM_UP_COPIES).toBe(150);
    expect(await rewarm(pool, pieces, new AbortController().signal)).toBe(2 * 18 + 2 * 6 + 2 * 6);
    expect(seen.jobs.filter((j) => j.formatId === 'asterisk-cdr-csv')).toHaveLength(36);
    for (const formatId of ['vicidial-carrier-log', 'freeswitch-cdr-csv']) expect(seen.jobs.filter((j) => j.formatId === formatId)).toHaveLength(12);
  });

  it('stops for a drop: no piece is sent after it, those in flight finish', async () => {
    const { pieces } = await keptPieces();
    const controller = new AbortController();
    const { pool, seen } = countingPool(2, () => {
      if (seen.jobs.length === 5) controller.abort();
    });
    const parsed = await rewarm(pool, pieces, controller.signal);
    // The 5th piece was in flight when the drop came: it finishes, nothing follows it.
    expect(seen.jobs).toHaveLength(5);
    expect(parsed).toBe(5);
  });

  it('sends each piece only once the page is quiet: while it asks, nothing goes out', async () => {
    const { pieces } = await keptPieces();
    const { pool, seen } = countingPool(2);
    let release: () => void = () => {};
    let quietCalls = 0;
    // Quiet at once for the first 3 pieces; then the page asks, and it stays busy until released.
    const quiet = () => (++quietCalls <= 3 ? Promise.resolve() : new Promise<void>((resolve) => (release = resolve)));
    const done = rewarm(pool, pieces, new AbortController().signal, quiet);
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(seen.jobs).toHaveLength(3);
    release();
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(seen.jobs).toHaveLength(4);
    // Quiet again for good: the rest goes out, 2 workers × 6 pieces × 3 formats in all.
    quietCalls = -1000;
    release();
    expect(await done).toBe(2 * 6 * 3);
  });

  it('stops when no worker is left (none could start again): the ingest worker does not parse them itself', async () => {
    const { pieces } = await keptPieces();
    let size = 2;
    const { pool, seen } = countingPool(2, () => {
      if (seen.jobs.length === 3) size = 0;
    });
    const parsed = await rewarm(
      {
        get size() {
          return size;
        },
        parse: (job) => pool.parse(job),
      },
      pieces,
      new AbortController().signal,
    );
    expect(parsed).toBe(3);
  });
});
