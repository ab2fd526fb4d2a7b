/**
 * Piece parsing on Node worker threads, one per core: the CLI reads a big file as fast as the
 * browser does. close() ends them so the process can exit.
 */
import { availableParallelism } from 'node:os';
import { Worker } from 'node:worker_threads';
import { pieceBytes } from '../core/ingest/pieces/parse-piece';
import type { SniffSample } from '../core/formats/format-module';
import type { PieceJob, PiecePool, PieceResult } from '../core/ingest/pieces/piece-types';
import { withSampleOnce } from '../core/ingest/pieces/sample-once';
import { pieceWorkerCount } from '../core/ingest/pieces/worker-count';

export interface ClosablePool extends PiecePool {
  /** Every thread has loaded its code (a benchmark waits for it, so it times parsing, not loading). */
  ready(): Promise<void>;
  close(): Promise<void>;
}

/**
 * `threads` as asked (the bench's scaling table asks for 1…N); by default one per core, at most MAX_PIECE_WORKERS (worker-count.ts).
 * `threadEntry`: a JavaScript build of piece-thread.ts (the device kit's bundle); by default the
 * TypeScript source is run through tsx.
 */
export function createThreadPool(threads = pieceWorkerCount(availableParallelism()), threadEntry?: URL): ClosablePool {
  const size = Math.max(1, Math.floor(threads));
  let nextId = 1;
  const slots = Array.from({ length: size }, () => {
    const worker = threadEntry ? new Worker(threadEntry) : tsxWorker();
    const pending = new Map<number, { resolve: (r: PieceResult) => void; reject: (e: Error) => void }>();
    let markLoaded = () => {};
    const loaded = new Promise<void>((resolve, reject) => {
      markLoaded = resolve;
      worker.once('error', reject);
    });
    worker.on('message', (message: { ready: true } | { id: number; result: PieceResult }) => {
      if ('ready' in message) return markLoaded();
      pending.get(message.id)?.resolve(message.result);
      pending.delete(message.id);
    });
    worker.on('error', (e) => {
      for (const p of pending.values()) p.reject(e);
      pending.clear();
    });
    return { worker, pending, loaded, lastSent: { sample: null as SniffSample | null } };
  });
  return {
    size,
    async parse(job: PieceJob): Promise<PieceResult> {
      // Node cannot send a file-backed Blob (fs.openAsBlob) to a thread: the range is read here
      // (a file read, cheap next to parsing) and its bytes are transferred.
      const bytes = await pieceBytes(job);
      const slot = slots.reduce((a, b) => (b.pending.size < a.pending.size ? b : a));
      const id = nextId++;
      return new Promise((resolve, reject) => {
        slot.pending.set(id, { resolve, reject });
        slot.worker.postMessage({ id, job: withSampleOnce(slot.lastSent, { ...job, source: { kind: 'bytes', bytes } }) }, [bytes.buffer as ArrayBuffer]);
      });
    },
    async ready() {
      await Promise.all(slots.map((s) => s.loaded));
    },
    async close() {
      await Promise.all(slots.map((s) => s.worker.terminate()));
    },
  };
}

/**
 * A thread running piece-thread.ts from its TypeScript source: a thread's entry file is loaded
 * before any --import hook, so it starts from a line of JavaScript that imports it through tsx.
 */
function tsxWorker(): Worker {
  const entry = new URL('./piece-thread.ts', import.meta.url).href;
  return new Worker(`import('tsx/esm/api').then((tsx) => tsx.tsImport(${JSON.stringify(entry)}, ${JSON.stringify(import.meta.url)}))`, { eval: true });
}
