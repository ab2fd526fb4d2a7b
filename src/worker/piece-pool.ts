/// <reference types="vite/client" />
/**
 * Piece workers for the ingest worker: one per core (at most MAX_PIECE_WORKERS), created when the
 * ingest worker starts, each fed the next piece when it has the fewest in flight. The bytes of a
 * piece are transferred, not copied. A worker that dies fails its pieces (the file then reports
 * where reading stopped) and is replaced.
 *
 * After a big read (release()), a worker that parsed more than RELEASE_AFTER_BYTES since it started
 * is ended, its heap with it, and started again when the next piece comes: a 1 GB file left each
 * one ~35 MB of committed heap, held for as long as the page stayed open. Its script is in memory
 * (built into this worker's own script, started from a blob: URL), so a new one asks nothing of
 * the network; it starts cold (the warm-up's compiled code is gone), which a file of that size
 * does not notice.
 */
import type { SniffSample } from '../core/formats/format-module';
import type { PieceJob, PiecePool, PieceResult } from '../core/ingest/pieces/piece-types';
import { withSampleOnce } from '../core/ingest/pieces/sample-once';
import { PIECE_WORKER_READY, type PieceRequest, type PieceResponse } from './piece-protocol';
import PieceWorker from './piece.worker.ts?worker&inline';

/** Beyond this, more workers only add memory: the reading side and the merge become the limit. */
const MAX_PIECE_WORKERS = 6;

/**
 * Bytes a worker parses before release() ends it: more than the warm-up's (~14 MB per worker) and
 * a 100k-call file's, whose workers stay warm for the next file; a 1M-call file's (~150 MB each) do not.
 */
export const RELEASE_AFTER_BYTES = 64 << 20;

interface Slot {
  worker: Worker;
  pending: Map<number, { resolve: (r: PieceResult) => void; reject: (e: Error) => void }>;
  /** The file sample this worker was sent last (sent once per file, sample-once.ts). */
  lastSent: { sample: SniffSample | null };
  /** Bytes of the pieces sent to this worker since it started. */
  bytes: number;
}

export interface WorkerPiecePool extends PiecePool {
  /** Resolves once every piece worker's script has loaded and runs (nothing left to fetch). */
  readonly ready: Promise<void>;
  /**
   * A read is over: the idle workers that parsed more than RELEASE_AFTER_BYTES are ended (started
   * again with the next piece). Returns how many were.
   */
  release(): number;
}

/** `startWorker`: a new piece worker (tests give a stand-in). */
export function createPiecePool(cores: number, startWorker: (name: string) => Worker = (name) => new PieceWorker({ name })): WorkerPiecePool {
  const count = Math.max(1, Math.min(MAX_PIECE_WORKERS, Math.floor(cores) || 1));
  let nextId = 1;
  /** Per slot its worker; null after release() until the next piece. */
  const slots: Array<Slot | null> = [];
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
    const worker = startWorker(`piece ${k + 1}`);
    const slot: Slot = { worker, pending: new Map(), lastSent: { sample: null }, bytes: 0 };
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
      if (slots[k] !== slot) return; // released meanwhile
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
      // A released slot (no worker) has nothing in flight: it is the first choice, and starts one.
      let k = 0;
      for (let j = 1; j < slots.length; j++) if ((slots[j]?.pending.size ?? -1) < (slots[k]?.pending.size ?? -1)) k = j;
      const slot = (slots[k] ??= start(k));
      slot.bytes += job.source.kind === 'bytes' ? job.source.bytes.length : job.source.end - job.source.start;
      const id = nextId++;
      return new Promise<PieceResult>((resolve, reject) => {
        slot.pending.set(id, { resolve, reject });
        slot.worker.postMessage({ id, job: withSampleOnce(slot.lastSent, job) } satisfies PieceRequest, job.source.kind === 'bytes' ? [job.source.bytes.buffer as ArrayBuffer] : []);
      });
    },
    release(): number {
      let ended = 0;
      slots.forEach((slot, k) => {
        if (!slot || slot.pending.size > 0 || slot.bytes <= RELEASE_AFTER_BYTES) return;
        slot.worker.terminate();
        slots[k] = null;
        ended++;
      });
      return ended;
    },
  };
}
