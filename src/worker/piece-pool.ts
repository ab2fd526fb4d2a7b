/// <reference types="vite/client" />
/**
 * Piece workers for the ingest worker: one per core (at most 6: worker-count.ts), created when the
 * ingest worker starts, each fed the next piece when it has the fewest in flight. The bytes of a
 * piece are transferred, not copied. A worker gets pieces only once its script runs; until then
 * they wait for it.
 *
 * After a big read (release()), a worker that parsed more than RELEASE_AFTER_BYTES since it started
 * is ended, its heap with it, and started again when the next piece comes: a 1 GB file left each
 * one ~35 MB of committed heap, held for as long as the page stayed open. Its script is in memory
 * (built into this worker's own script, started from a blob: URL), so a new one asks nothing of
 * the network; it starts cold (the warm-up's compiled code is gone), so the ingest worker gives
 * it the warm-up's pieces once the page is quiet (rewarm.ts).
 *
 * Failures never fail a file that can be read without them:
 * - A worker that fails before its script runs (a browser without nested workers, a blocked blob:
 *   URL) would fail again if restarted: its slot is dropped, the pieces waiting for it go to the
 *   other workers, and with none left they are parsed right here (the same parsePiece: the answer
 *   of one pass). The pool's size then counts the workers left; at 0 files are read in one pass.
 * - A worker that stops while parsing (out of memory) is replaced, and each piece it held is
 *   parsed once more on the others, read again from the file (a .gz's piece cannot be: its bytes
 *   went with the worker). A piece that stops a second worker fails the file, which
 *   then reports where reading stopped: it is not parsed here, where it would stop the ingest
 *   worker and every file held.
 */
import type { SniffSample } from '../core/formats/format-module';
import { inProcessPool } from '../core/ingest/pieces/in-process-pool';
import type { PieceJob, PiecePool, PieceResult } from '../core/ingest/pieces/piece-types';
import { transferablesOf } from '../core/ingest/pieces/parse-piece';
import { rereadable } from '../core/ingest/pieces/piece-range';
import { withSampleOnce } from '../core/ingest/pieces/sample-once';
import { pieceWorkerCount } from '../core/ingest/pieces/worker-count';
import { PIECE_WORKER_READY, type GivenBack, type PieceRequest, type PieceResponse } from './piece-protocol';
import PieceWorker from './piece.worker.ts?worker&inline';

/**
 * Bytes a worker parses before release() ends it: more than the warm-up's (~14 MB per worker) and
 * a 100k-call file's, whose workers stay warm for the next file; a 1M-call file's (~150 MB each) do not.
 */
export const RELEASE_AFTER_BYTES = 64 << 20;

/** A piece asked of the pool, until its result comes. */
interface Asked {
  id: number;
  job: PieceJob;
  resolve: (r: PieceResult) => void;
  reject: (e: Error) => void;
  /** A worker stopped while it held this piece already (a second one fails it). */
  stoppedOne: boolean;
}

interface Slot {
  worker: Worker;
  /** Its script runs (it said so): pieces are posted to it; until then they wait in `waiting`. */
  running: boolean;
  waiting: Asked[];
  /** Pieces posted to the worker, by id. */
  posted: Map<number, Asked>;
  /** The file sample this worker was sent last (sent once per file, sample-once.ts). */
  lastSent: { sample: SniffSample | null };
  /** Bytes of the pieces given to this worker since it started. */
  bytes: number;
  /** Settles once the worker runs (true) or failed before it did (false). */
  started: Promise<boolean>;
}

export interface WorkerPiecePool extends PiecePool {
  /** Resolves once every piece worker started with the pool runs or has failed to (nothing left to fetch). */
  readonly ready: Promise<void>;
  /** A merged result's buffers moved to a live piece worker, whose collector frees them (PiecePool.giveBack). */
  giveBack(result: PieceResult): void;
  /**
   * A read is over: the idle workers that parsed more than `releaseAfterBytes` are ended (started
   * again with the next piece). Returns how many were.
   */
  release(): number;
}

export interface PiecePoolOptions {
  /** A new piece worker named `name` (tests give a stand-in). */
  startWorker?: (name: string) => Worker;
  /** RELEASE_AFTER_BYTES unless a test asks for less. */
  releaseAfterBytes?: number;
}

const bytesOf = (job: PieceJob): number => (job.source.kind === 'bytes' ? job.source.bytes.length : job.source.end - job.source.start);

export function createPiecePool(cores: number, options: PiecePoolOptions = {}): WorkerPiecePool {
  const startWorker = options.startWorker ?? ((name: string) => new PieceWorker({ name }));
  const releaseAfterBytes = options.releaseAfterBytes ?? RELEASE_AFTER_BYTES;
  const count = pieceWorkerCount(cores);
  /** Where pieces are parsed once no worker is left: here, one at a time. */
  const here = inProcessPool();
  let nextId = 1;
  let started = 0;
  /** One per worker; null after release() until the next piece. A slot whose worker never ran is removed. */
  const slots: Array<Slot | null> = [];
  /** The worker each result came from (its buffers go back there: giveBack). */
  const parsedBy = new WeakMap<PieceResult, Slot>();

  /** A new worker, or null when it cannot be made at all. */
  const start = (): Slot | null => {
    let worker: Worker;
    try {
      worker = startWorker(`piece ${++started}`);
    } catch {
      return null;
    }
    let settle: (running: boolean) => void = () => {};
    const slot: Slot = { worker, running: false, waiting: [], posted: new Map(), lastSent: { sample: null }, bytes: 0, started: new Promise((resolve) => (settle = resolve)) };
    worker.addEventListener('message', (event: MessageEvent<PieceResponse | typeof PIECE_WORKER_READY>) => {
      if (event.data === PIECE_WORKER_READY) {
        slot.running = true;
        settle(true);
        for (const asked of slot.waiting.splice(0)) post(slot, asked);
        return;
      }
      const { id, result } = event.data;
      parsedBy.set(result, slot);
      slot.posted.get(id)?.resolve(result);
      slot.posted.delete(id);
    });
    worker.addEventListener('error', (event) => {
      event.preventDefault();
      worker.terminate();
      settle(false);
      const k = slots.indexOf(slot);
      if (k < 0) return; // released: it held nothing
      const held = [...slot.waiting, ...slot.posted.values()];
      slot.waiting.length = 0;
      slot.posted.clear();
      if (!slot.running) {
        slots.splice(k, 1);
        for (const asked of held) place(asked); // never posted: nothing of them is lost
        return;
      }
      slots[k] = null;
      const stopped = new Error(`a piece worker stopped (${event.message || 'out of memory?'})`);
      for (const asked of held) {
        const again = rereadable(asked.job);
        if (asked.stoppedOne || !again) asked.reject(stopped);
        else place({ ...asked, job: again, stoppedOne: true });
      }
    });
    return slot;
  };

  const post = (slot: Slot, asked: Asked): void => {
    slot.posted.set(asked.id, asked);
    const { job } = asked;
    slot.worker.postMessage({ id: asked.id, job: withSampleOnce(slot.lastSent, job) } satisfies PieceRequest, job.source.kind === 'bytes' ? [job.source.bytes.buffer as ArrayBuffer] : []);
  };

  /**
   * To the worker with the fewest pieces, of those the one that parsed the fewest bytes (pieces
   * that come one at a time are shared out too); a released slot holds none and starts one. Here
   * when no worker is left.
   */
  const place = (asked: Asked): void => {
    while (slots.length > 0) {
      let k = 0;
      for (let j = 1; j < slots.length; j++) if (lessBusy(slots[j], slots[k])) k = j;
      const slot = (slots[k] ??= start());
      if (!slot) {
        slots.splice(k, 1);
        continue;
      }
      slot.bytes += bytesOf(asked.job);
      if (slot.running) post(slot, asked);
      else slot.waiting.push(asked);
      return;
    }
    here.parse(asked.job).then(asked.resolve, asked.reject);
  };

  for (let k = 0; k < count; k++) {
    const slot = start();
    if (slot) slots.push(slot);
  }
  const ready = Promise.all(slots.map((s) => s?.started)).then(() => {});

  return {
    /** Workers that run or may still: pieces in flight per slot are bounded by it (read-in-pieces.ts). */
    get size() {
      return slots.length;
    },
    ready,
    parse: (job: PieceJob): Promise<PieceResult> => new Promise((resolve, reject) => place({ id: nextId++, job, resolve, reject, stoppedOne: false })),
    giveBack(result: PieceResult): void {
      // To the worker that made them, for its next pieces' columns (any live one once it is gone).
      const maker = parsedBy.get(result);
      const slot = maker && slots.includes(maker) ? maker : slots.find((s) => s?.running);
      const buffers = transferablesOf(result);
      try {
        slot?.worker.postMessage({ givenBack: buffers } satisfies GivenBack, buffers);
      } catch {
        // Not movable (a buffer already detached): the collector here frees it, as before.
      }
    },
    release(): number {
      let ended = 0;
      slots.forEach((slot, k) => {
        if (!slot || heldBy(slot) > 0 || slot.bytes <= releaseAfterBytes) return;
        slot.worker.terminate();
        slots[k] = null;
        ended++;
      });
      return ended;
    },
  };
}

/** Pieces a slot holds; -1 for a released one (no worker: the first choice). */
function heldBy(slot: Slot | null | undefined): number {
  return slot ? slot.waiting.length + slot.posted.size : -1;
}

function lessBusy(a: Slot | null | undefined, b: Slot | null | undefined): boolean {
  const held = heldBy(a) - heldBy(b);
  return held < 0 || (held === 0 && (a?.bytes ?? 0) < (b?.bytes ?? 0));
}
