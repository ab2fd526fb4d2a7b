/**
 * Piece workers for the ingest worker: one per core (at most MAX_PIECE_WORKERS), created when the
 * ingest worker starts (so their scripts are loaded with the page, never later), each fed the
 * next piece when it has the fewest in flight. The bytes of a piece are transferred, not copied.
 * A worker that dies fails its pieces (the file then reports where reading stopped) and is replaced.
 */
import type { SniffSample } from '../core/formats/format-module';
import type { PieceJob, PiecePool, PieceResult } from '../core/ingest/pieces/piece-types';
import { withSampleOnce } from '../core/ingest/pieces/sample-once';
import { PIECE_WORKER_READY, type PieceRequest, type PieceResponse } from './piece-protocol';

/** Beyond this, more workers only add memory: the reading side and the merge become the limit. */
const MAX_PIECE_WORKERS = 6;

interface Slot {
  worker: Worker;
  pending: Map<number, { resolve: (r: PieceResult) => void; reject: (e: Error) => void }>;
  /** The file sample this worker was sent last (sent once per file, sample-once.ts). */
  lastSent: { sample: SniffSample | null };
}

export interface WorkerPiecePool extends PiecePool {
  /** Resolves once every piece worker's script has loaded and runs (nothing left to fetch). */
  readonly ready: Promise<void>;
}

export function createPiecePool(cores: number): WorkerPiecePool {
  const count = Math.max(1, Math.min(MAX_PIECE_WORKERS, Math.floor(cores) || 1));
  let nextId = 1;
  const slots: Slot[] = [];
  /**
   * A worker that fails before its script runs (a browser without nested workers, a blocked
   * script) would fail again if restarted: the pool then gives up (size 0), and files are read
   * in one pass by the ingest worker instead of waiting on workers that never answer.
   */
  let unusable = false;

  let readyCount = 0;
  let markReady = () => {};
  const ready = new Promise<void>((resolve) => (markReady = resolve));

  const start = (k: number): Slot => {
    const worker = new Worker(new URL('./piece.worker.ts', import.meta.url), { type: 'module', name: `piece ${k + 1}` });
    const slot: Slot = { worker, pending: new Map(), lastSent: { sample: null } };
    let running = false;
    worker.addEventListener('message', (event: MessageEvent<PieceResponse | typeof PIECE_WORKER_READY>) => {
      if (event.data === PIECE_WORKER_READY) {
        running = true;
        if (++readyCount === count) markReady();
        return;
      }
      const { id, result } = event.data;
      slot.pending.get(id)?.resolve(result);
      slot.pending.delete(id);
    });
    worker.addEventListener('error', (event) => {
      event.preventDefault();
      const error = new Error(`a piece worker stopped (${event.message || 'out of memory?'})`);
      for (const p of slot.pending.values()) p.reject(error);
      slot.pending.clear();
      worker.terminate();
      if (running) {
        slots[k] = start(k);
      } else {
        unusable = true;
        markReady(); // nothing more will load
      }
    });
    return slot;
  };
  for (let k = 0; k < count; k++) slots.push(start(k));

  return {
    get size() {
      return unusable ? 0 : count;
    },
    ready,
    parse(job: PieceJob): Promise<PieceResult> {
      if (unusable) return Promise.reject(new Error('piece workers are not available in this browser'));
      const slot = slots.reduce((a, b) => (b.pending.size < a.pending.size ? b : a));
      const id = nextId++;
      return new Promise<PieceResult>((resolve, reject) => {
        slot.pending.set(id, { resolve, reject });
        slot.worker.postMessage({ id, job: withSampleOnce(slot.lastSent, job) } satisfies PieceRequest, job.source.kind === 'bytes' ? [job.source.bytes.buffer as ArrayBuffer] : []);
      });
    },
  };
}
