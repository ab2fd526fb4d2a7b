/**
 * Piece workers started again after a big read (piece-pool.ts release()) start cold: the
 * warm-up's compiled code went with the old ones. Headless Chromium, 2 busy cores, a 100k-call
 * Master.csv dropped 2 s after a 1M-call one: first chart 1.2–3.4 s with the workers started again
 * cold, 1.0–1.3 s with them kept (3 alternated runs). So once the page has been quiet for a while
 * after such a read, the new workers parse the warm-up's pieces again (a day of each common format,
 * as many rows per worker as the warm-up gave each), their answers dropped. One piece at a time, and
 * only while the page asks nothing: on 2 cores a re-warm on every worker at once took the cores from
 * the dashboard's answers (4M-call Master.csv, brush right after the read: median 59 → 124 ms). The
 * next drop stops it and waits for at most that one piece.
 */
import type { PieceJob, PiecePool } from '../core/ingest/pieces/piece-types';
import type { WarmUpPiece } from './warm-up';

/** Copies of a day's rows in one piece: ~3,600 rows, a few ms to parse warm. */
export const REWARM_COPIES = 4;
/** Pieces of each format per worker: ~22,000 rows, as the warm-up's 50 copies gave each of 2 workers. */
export const REWARM_PIECES_PER_WORKER = 6;

/** The jobs of a re-warm of `size` workers: per format, REWARM_PIECES_PER_WORKER pieces per worker. */
export function* rewarmJobs(pieces: readonly WarmUpPiece[], size: number): Generator<PieceJob> {
  for (const { job, rows } of pieces) {
    for (let k = 0; k < REWARM_PIECES_PER_WORKER * size; k++) {
      // A new buffer per piece: its bytes are transferred to the worker.
      const bytes = new Uint8Array(rows.length * REWARM_COPIES);
      for (let c = 0; c < REWARM_COPIES; c++) bytes.set(rows, c * rows.length);
      yield { ...job, index: 1 + k, source: { kind: 'bytes', bytes } };
    }
  }
}

/**
 * Parse the warm-up's pieces on `pool`'s workers (a released slot starts its worker; the pool gives
 * each piece to the worker that parsed least), one at a time, each after `quiet` resolves (the page
 * has asked nothing for a while), until done or `signal` aborts. Returns how many pieces were parsed.
 */
export async function rewarm(pool: PiecePool, pieces: readonly WarmUpPiece[], signal: AbortSignal, quiet: () => Promise<void> = async () => {}): Promise<number> {
  const jobs = rewarmJobs(pieces, pool.size);
  let parsed = 0;
  for (;;) {
    await quiet();
    // No worker left (none could start again): the pieces would be parsed in the ingest worker itself.
    if (signal.aborted || pool.size === 0) return parsed;
    const next = jobs.next();
    if (next.done) return parsed;
    const result = await pool.parse(next.value);
    pool.giveBack?.(result);
    parsed++;
  }
}
