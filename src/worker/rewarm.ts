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
import { WARM_UP_COPIES, type WarmUpPiece } from './warm-up';

/** Copies of a day's rows in one piece: ~3,600 rows, a few ms to parse warm. */
export const REWARM_COPIES = 4;
/** Pieces per worker of a format whose day the warm-up read WARM_UP_COPIES times: ~22,000 rows, as those 50 copies gave each of 2 workers. */
export const REWARM_PIECES_PER_WORKER = 6;

/**
 * Pieces per worker of a format whose day the warm-up read `copies` times: in proportion, so a
 * re-warmed worker parses as many of its rows as the warm-up gave it (Master.csv's 150 copies: 18
 * pieces). Re-warmed with 6 Master.csv pieces, the tokenizer's chunk loop reached only Maglev, as
 * after a warm-up of 50 copies (warm-up.ts MASTER_CSV_WARM_UP_COPIES): a 1M-call Master.csv dropped
 * again after one read 1,028 → 1,000 ms median to its table (headless Chromium, the second and third
 * drops of 8 pages each way).
 */
export function rewarmPiecesPerWorker(copies: number): number {
  return Math.max(1, Math.round((REWARM_PIECES_PER_WORKER * copies) / WARM_UP_COPIES));
}

/** The jobs of a re-warm of `size` workers: per format, rewarmPiecesPerWorker pieces per worker. */
export function* rewarmJobs(pieces: readonly WarmUpPiece[], size: number): Generator<PieceJob> {
  for (const { job, rows, copies } of pieces) {
    for (let k = 0; k < rewarmPiecesPerWorker(copies) * size; k++) {
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
