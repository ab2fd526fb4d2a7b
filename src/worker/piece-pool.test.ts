/**
 * The piece pool's workers after a read: one that parsed more than RELEASE_AFTER_BYTES is ended
 * (its heap goes with it) and a new one starts with the next piece; one that parsed less (the
 * warm-up, a small file) or has pieces in flight is kept. Workers here are stand-ins that answer
 * each piece with an empty result, as a piece worker posts one.
 */
import { describe, expect, it } from 'vitest';
import { failedPiece } from '../core/ingest/pieces/parse-piece';
import type { PieceJob } from '../core/ingest/pieces/piece-types';
import { createPiecePool, RELEASE_AFTER_BYTES } from './piece-pool';
import { PIECE_WORKER_READY, type GivenBack, type PieceRequest } from './piece-protocol';

/** A piece worker stand-in: ready at once, answers every piece (or holds them while `holding`). */
class FakeWorker extends EventTarget {
  terminated = false;
  holding = false;
  readonly held: PieceRequest[] = [];
  /** The buffers given back to this worker (PiecePool.giveBack), as moved to it. */
  readonly givenBack: ArrayBuffer[][] = [];
  /** The buffers the given-back messages carried (the worker keeps those). */
  readonly carried: ArrayBuffer[][] = [];
  constructor(readonly name: string) {
    super();
    queueMicrotask(() => this.post(PIECE_WORKER_READY));
  }
  postMessage(request: PieceRequest | GivenBack, transfer: ArrayBuffer[] = []): void {
    if (this.terminated) throw new Error(`${this.name} was sent a piece after it was ended`);
    if ('givenBack' in request) {
      this.givenBack.push(transfer);
      this.carried.push(request.givenBack);
    } else if (this.holding) this.held.push(request);
    else this.answer(request);
  }
  answer(request: PieceRequest): void {
    queueMicrotask(() => this.post({ id: request.id, result: { ...failedPiece(request.job.index, 'stand-in'), error: null } }));
  }
  terminate(): void {
    this.terminated = true;
  }
  private post(data: unknown): void {
    this.dispatchEvent(new MessageEvent('message', { data }));
  }
}

/** A job for a piece of `bytes` bytes (a range of the file; the stand-ins never read it). */
function job(index: number, bytes: number): PieceJob {
  return {
    index,
    source: { kind: 'range', blob: new Blob([]), start: 0, end: bytes, seekBytes: 1 },
    encoding: 'utf-8',
    formatId: 'asterisk-master-csv',
    fileName: 'Master.csv',
    delimiter: ',',
    sample: { text: '', rows: [], delimiter: ',' } as unknown as PieceJob['sample'],
    primeHeader: null,
  };
}

function poolOf(cores: number) {
  const started: FakeWorker[] = [];
  const pool = createPiecePool(cores, {
    startWorker: (name) => {
      const worker = new FakeWorker(name);
      started.push(worker);
      return worker as unknown as Worker;
    },
  });
  return { pool, started };
}

const MiB = 1 << 20;

describe('piece pool: how many workers', () => {
  it('starts 6 on a machine of 64 cores (navigator.hardwareConcurrency), 2 on 2, 1 when it says 0', async () => {
    const sizes: number[][] = [];
    for (const cores of [64, 2, 0]) {
      const { pool, started } = poolOf(cores);
      await pool.ready;
      sizes.push([pool.size, started.length]);
    }
    expect(sizes).toEqual([
      [6, 6],
      [2, 2],
      [1, 1],
    ]);
  });
});

describe('piece pool: workers released after a big read', () => {
  it('ends each worker that parsed more than the limit, and starts a new one with the next piece', async () => {
    const { pool, started } = poolOf(2);
    await pool.ready;
    expect(started).toHaveLength(2);
    // 40 pieces of 4 MiB, shared out: 80 MiB each, over the 64 MiB limit.
    expect(RELEASE_AFTER_BYTES).toBe(64 * MiB);
    await Promise.all(Array.from({ length: 40 }, (_, i) => pool.parse(job(i, 4 * MiB))));
    expect(pool.release()).toBe(2);
    expect(started.map((w) => w.terminated)).toEqual([true, true]);
    expect(pool.size).toBe(2);
    // The next file: its pieces go to new workers.
    const next = await pool.parse(job(0, 4 * MiB));
    expect(next.error).toBeNull();
    expect(started).toHaveLength(3);
    expect(started[2]!.terminated).toBe(false);
    await pool.parse(job(1, 4 * MiB));
    expect(started).toHaveLength(4);
    // They have parsed 4 MiB each since they started: kept.
    expect(pool.release()).toBe(0);
  });

  it('keeps a worker that parsed less than the limit (the warm-up, a small file), and one with pieces in flight', async () => {
    const { pool, started } = poolOf(2);
    await pool.ready;
    // 30 MiB in all, 15 each: a 100k-call file.
    await Promise.all(Array.from({ length: 30 }, (_, i) => pool.parse(job(i, MiB))));
    expect(pool.release()).toBe(0);
    // 100 MiB more each; the second worker still has a piece it has not answered.
    await Promise.all(Array.from({ length: 50 }, (_, i) => pool.parse(job(i, 4 * MiB))));
    started[1]!.holding = true;
    const answered = pool.parse(job(0, 4 * MiB));
    const held = pool.parse(job(1, 4 * MiB));
    expect(started[1]!.held).toHaveLength(1);
    await answered;
    expect(pool.release()).toBe(1);
    expect(started.map((w) => w.terminated)).toEqual([true, false]);
    started[1]!.answer(started[1]!.held[0]!);
    await held;
    expect(pool.release()).toBe(1);
    expect(started.map((w) => w.terminated)).toEqual([true, true]);
  });
});

describe('piece pool: merged pieces given back', () => {
  it("moves a merged result's buffers (columns, lines, keys, call ids) to a live piece worker, transferred, not copied", async () => {
    const { pool, started } = poolOf(2);
    await pool.ready;
    const result = await pool.parse(job(0, MiB));
    pool.giveBack(result);
    const moved = started.flatMap((w) => w.givenBack);
    expect(moved).toHaveLength(1);
    // Every column of the schema, its line numbers, its de-duplication keys and its call ids' packed units and ends: one buffer each.
    const ids = result.calls.texts.callIdIndex;
    const buffers = [...Object.values(result.calls.arrays), result.lines, result.dedupeKeys, ids.units, ids.ends].map((a) => a.buffer);
    expect(moved[0]).toHaveLength(buffers.length);
    expect(new Set(moved[0])).toEqual(new Set(buffers));
  });

  it('gives each result back to the worker that parsed it, the buffers in the message as well as moved', async () => {
    const { pool, started } = poolOf(2);
    await pool.ready;
    // The two pieces go one to each worker (the fewest in flight), answered by it.
    const results = await Promise.all([pool.parse(job(0, MiB)), pool.parse(job(1, MiB))]);
    for (const result of results.reverse()) pool.giveBack(result);
    expect(started.map((w) => w.givenBack.length)).toEqual([1, 1]);
    for (const w of started) expect(w.carried).toEqual(w.givenBack);
    expect(started[0]!.givenBack[0]).toContain(results[1]!.lines.buffer);
    expect(started[1]!.givenBack[0]).toContain(results[0]!.lines.buffer);
  });
});
