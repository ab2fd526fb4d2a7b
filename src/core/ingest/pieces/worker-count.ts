/**
 * How many pieces are parsed at once: one worker (browser) or thread (CLI) per core, at most
 * MAX_PIECE_WORKERS. Each holds its heap and up to three pieces (4–8 MiB) with their parsed columns while
 * a file is read (PIECES_IN_FLIGHT_PER_WORKER; README: memory); beyond this the merge in one thread is the limit, so more
 * workers on a many-core machine would only add memory.
 */
export const MAX_PIECE_WORKERS = 6;

/** Workers for a machine reporting `cores` (navigator.hardwareConcurrency, os.availableParallelism(); 0 or absent: 1). */
export function pieceWorkerCount(cores: number | undefined): number {
  return Math.max(1, Math.min(MAX_PIECE_WORKERS, Math.floor(cores ?? 1) || 1));
}
