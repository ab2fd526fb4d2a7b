/**
 * Piece parsing on Node worker threads (cliThreadCount: one per core but one): the CLI reads a
 * big file as fast as the browser does. close() ends them so the process can exit.
 */
import { createRequire } from 'node:module';
import { availableParallelism } from 'node:os';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import type * as Esbuild from 'esbuild';
import { transferablesOf, withPieceBytes } from '../core/ingest/pieces/parse-piece';
import { rereadable } from '../core/ingest/pieces/piece-range';
import type { SniffSample } from '../core/formats/format-module';
import { inProcessPool } from '../core/ingest/pieces/in-process-pool';
import type { PieceJob, PiecePool, PieceResult } from '../core/ingest/pieces/piece-types';
import { withSampleOnce } from '../core/ingest/pieces/sample-once';
import { pieceWorkerCount } from '../core/ingest/pieces/worker-count';

export interface ClosablePool extends PiecePool {
  /** Every thread has loaded its code or failed to (a benchmark waits for it, so it times parsing, not loading). */
  ready(): Promise<void>;
  /** Pieces answered by a thread, and pieces parsed here instead (no thread left, or one died holding them): a pool that fell back is told apart by its counts, not only by its speed. */
  readonly piecesOnThreads: number;
  readonly piecesHere: number;
  /** Ends the threads. A piece waiting on a thread is rejected, as is any asked for later: none waits for ever. */
  close(): Promise<void>;
}

interface Asked {
  job: PieceJob;
  resolve: (r: PieceResult) => void;
  reject: (e: Error) => void;
}

interface Slot {
  worker: Worker;
  pending: Map<number, Asked>;
  loaded: Promise<void>;
  lastSent: { sample: SniffSample | null };
}

/**
 * Threads the CLI starts by default on a machine of `cores`: one per core but one, at most
 * MAX_PIECE_WORKERS (worker-count.ts), at least one. The main thread merges every piece and needs
 * a core of its own: on 2 cores one thread read the 1M-call Master.csv (296 MB) in 3.8 s end to
 * end where two took 4.0–4.1, and 350k calls (102 MB) in 2.0–2.3 s where two took 2.3–2.5, each
 * with 20–50 MB less memory. The browser's piece workers stay one per core: its merge runs in
 * the ingest worker beside them, measured apart (README).
 */
export function cliThreadCount(cores: number): number {
  return pieceWorkerCount(cores - 1);
}

/**
 * `threads` as asked (the bench's scaling table asks for 1…N); by default cliThreadCount.
 * `threadEntry`: a JavaScript build of piece-thread.ts (the device kit's bundle); by default
 * piece-thread.ts bundled in memory (bundledWorker).
 *
 * A thread that fails (an uncaught error, out of memory, exits) is dropped and the pieces it held
 * are parsed again here from the file, as the browser's pool does: a dead thread costs speed, not
 * the file's answer, and never leaves a piece waiting for ever.
 */
export function createThreadPool(threads = cliThreadCount(availableParallelism()), threadEntry?: URL): ClosablePool {
  const size = Math.max(1, Math.floor(threads));
  const here = inProcessPool();
  let onThreads = 0;
  let onHere = 0;
  const parseHere = (job: PieceJob): Promise<PieceResult> => {
    onHere++;
    return here.parse(job);
  };
  let nextId = 1;
  let closing = false;
  const slots: Slot[] = [];
  /** The thread each result came from (its buffers go back there: giveBack). */
  const parsedBy = new WeakMap<PieceResult, Slot>();

  const start = (): Slot => {
    const worker = threadEntry ? new Worker(threadEntry) : bundledWorker();
    let markLoaded = () => {};
    const slot: Slot = { worker, pending: new Map(), loaded: new Promise<void>((resolve) => (markLoaded = resolve)), lastSent: { sample: null } };
    const drop = (why: string): void => {
      markLoaded();
      const k = slots.indexOf(slot);
      if (k < 0 || closing) return;
      slots.splice(k, 1);
      void worker.terminate();
      const held = [...slot.pending.values()];
      slot.pending.clear();
      // A range of the file is read and parsed again on this thread; bytes already handed over
      // (a decompressed piece) went with the thread.
      const stopped = new Error(`a piece thread stopped (${why})`);
      for (const asked of held) {
        const again = rereadable(asked.job);
        if (again) parseHere(again).then(asked.resolve, asked.reject);
        else asked.reject(stopped);
      }
    };
    worker.on('message', (message: { ready: true } | { id: number; result: PieceResult }) => {
      if ('ready' in message) return markLoaded();
      onThreads++;
      parsedBy.set(message.result, slot);
      slot.pending.get(message.id)?.resolve(message.result);
      slot.pending.delete(message.id);
    });
    worker.on('error', (e) => drop(e.message));
    worker.on('exit', (code) => drop(`exit code ${code}`));
    return slot;
  };
  /**
   * The threads start with the first piece (or ready()), not with the pool: a file too small to be
   * cut never waits for them. Making the bundle and starting two threads before reading a 30 kB
   * file made the whole CLI run take 1.03 s rather than 0.87.
   */
  let started = false;
  const startAll = (): void => {
    if (started || closing) return;
    started = true;
    for (let k = 0; k < size; k++) slots.push(start());
  };

  return {
    get size() {
      return started ? Math.max(1, slots.length) : size;
    },
    get piecesOnThreads() {
      return onThreads;
    },
    get piecesHere() {
      return onHere;
    },
    async parse(job: PieceJob): Promise<PieceResult> {
      if (closing) throw new Error(POOL_CLOSED);
      startAll();
      // Node cannot send a file-backed Blob (fs.openAsBlob) to a thread: the range is read here
      // (a file read, cheap next to parsing), its cuts moved to line ends, and its bytes are transferred.
      const read = await withPieceBytes(job);
      if (closing) throw new Error(POOL_CLOSED);
      if (slots.length === 0) return parseHere(job);
      const slot = slots.reduce((a, b) => (b.pending.size < a.pending.size ? b : a));
      const id = nextId++;
      return new Promise((resolve, reject) => {
        slot.pending.set(id, { job, resolve, reject });
        slot.worker.postMessage({ id, job: withSampleOnce(slot.lastSent, read) }, [read.source.bytes.buffer as ArrayBuffer]);
      });
    },
    giveBack(result: PieceResult): void {
      // To the thread that made them, for its next pieces' columns (spare-columns.ts). Left here
      // they were freed only by this thread's collector, which their ~10 MB of external memory a
      // piece made run every few pieces (a 1M-call Master.csv: ~40 mark-compacts, ~280 ms of GC on
      // the merging thread; ~60 ms with the buffers given back).
      const slot = parsedBy.get(result);
      if (!slot || !slots.includes(slot)) return;
      const buffers = transferablesOf(result);
      try {
        slot.worker.postMessage({ givenBack: buffers }, buffers);
      } catch {
        // Not movable (a buffer already detached): the collector here frees it.
      }
    },
    async ready() {
      startAll();
      await Promise.all(slots.map((s) => s.loaded));
    },
    async close() {
      closing = true;
      const closed = new Error(POOL_CLOSED);
      for (const slot of slots) {
        for (const asked of slot.pending.values()) asked.reject(closed);
        slot.pending.clear();
      }
      await Promise.all(slots.map((s) => s.worker.terminate()));
    },
  };
}

const POOL_CLOSED = 'the piece pool was closed';

/** piece-thread.ts with all it imports as one script, made once per process (pieceThreadBundle). */
let pieceThreadScript: string | null | undefined;

/**
 * piece-thread.ts bundled with esbuild into one script, in memory (made once, ~60 ms); null where
 * esbuild cannot bundle it. A thread loads it in ~50 ms. Through tsx, which resolves and compiles
 * each TypeScript module in each thread, two threads took ~420 ms and ~0.9 s of CPU to load, and
 * the CLI read a 30 MB Master.csv slower with them than in one pass.
 */
export function pieceThreadBundle(): string | null {
  if (pieceThreadScript === undefined) {
    try {
      // Loaded here, not imported at the top: a bundle of this module (the device kit's, which
      // brings piece-thread.ts built) runs where esbuild is not installed, and bundling esbuild
      // itself breaks it (its ESM bundle cannot require 'fs').
      const { buildSync } = createRequire(import.meta.url)('esbuild') as typeof Esbuild;
      const entry = fileURLToPath(new URL('./piece-thread.ts', import.meta.url));
      pieceThreadScript = buildSync({ entryPoints: [entry], bundle: true, format: 'cjs', platform: 'node', target: 'node20', write: false, logLevel: 'silent' }).outputFiles[0]?.text ?? null;
    } catch {
      pieceThreadScript = null;
    }
  }
  return pieceThreadScript;
}

/** A thread running the bundle (pieceThreadBundle), or piece-thread.ts through tsx where there is none. */
function bundledWorker(): Worker {
  const script = pieceThreadBundle();
  return script ? new Worker(script, { eval: true }) : tsxWorker();
}

/**
 * A thread running piece-thread.ts from its TypeScript source: a thread's entry file is loaded
 * before any --import hook, so it starts from a line of JavaScript that imports it through tsx.
 */
function tsxWorker(): Worker {
  const entry = new URL('./piece-thread.ts', import.meta.url).href;
  return new Worker(`import('tsx/esm/api').then((tsx) => tsx.tsImport(${JSON.stringify(entry)}, ${JSON.stringify(import.meta.url)}))`, { eval: true });
}
