/**
 * Piece workers that fail never fail a file that can be read without them (piece-pool.ts): one
 * that cannot start (a browser without nested workers, a blocked blob: URL, also when it is
 * started again after a big read) leaves its pieces to the others or to the ingest worker itself;
 * one that stops while parsing is replaced and its pieces parsed again. The file's numbers are
 * those of one pass, counted here by hand. Workers are stand-ins that parse as piece.worker.ts
 * does (the same function) unless told to fail.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { readAndParsePiece } from '../core/ingest/pieces/parse-piece';
import type { PiecePool } from '../core/ingest/pieces/piece-types';
import type { SniffSample } from '../core/formats/format-module';
import type { IngestSummary } from '../core/ingest/ingest-files';
import { withSampleKept } from '../core/ingest/pieces/sample-once';
import { CdrSession } from '../core/session/cdr-session';
import { createPiecePool } from './piece-pool';
import { PIECE_WORKER_READY, type GivenBack, type PieceRequest } from './piece-protocol';

/** 16 calls (all rows used) of 4 trunks; SIP CODE "503" on 4 rows, "603" on 2. */
const FILE = { name: 'basic.csv', blob: new Blob([readFileSync(path.resolve(import.meta.dirname, '../../fixtures/cdr/vicidial-carrier-log/basic.csv'))]) };
/** The file (2,642 bytes) in 8 pieces: at 400 bytes 7, made a multiple of the 2 workers, of 331 bytes each (evenPieceBytes); no line is longer (170 bytes at most), so each holds a line end. */
const PIECE_BYTES = 400;

type Behaviour = 'parses' | 'never starts' | 'stops on its first piece';

/** A piece worker stand-in: says it runs and parses each piece (as piece.worker.ts), or fails as told. */
class StandInWorker extends EventTarget {
  readonly kept: { sample: SniffSample | null } = { sample: null };
  pieces = 0;
  constructor(private readonly behaviour: Behaviour) {
    super();
    setTimeout(() => (behaviour === 'never starts' ? this.fail('script blocked') : this.post(PIECE_WORKER_READY)), 0);
  }
  postMessage(request: PieceRequest | GivenBack): void {
    // A merged piece's buffers, moved back (PiecePool.giveBack): piece.worker.ts drops them.
    if ('givenBack' in request) return;
    this.pieces++;
    if (this.behaviour !== 'parses') {
      setTimeout(() => this.fail('out of memory'), 0);
      return;
    }
    const job = withSampleKept(this.kept, request.job);
    // The result reaches the pool as a copy, as a message does.
    void readAndParsePiece(job).then((result) => this.post({ id: request.id, result: structuredClone(result) }));
  }
  terminate(): void {}
  private post(data: unknown): void {
    this.dispatchEvent(new MessageEvent('message', { data }));
  }
  private fail(message: string): void {
    this.dispatchEvent(Object.assign(new Event('error', { cancelable: true }), { message }));
  }
}

/** A pool of 2 stand-ins; the n-th worker started (from 1) behaves as `behaviourOf(n)` says. */
function poolOf(behaviourOf: (n: number) => Behaviour | 'throws', releaseAfterBytes?: number) {
  const started: StandInWorker[] = [];
  const pool = createPiecePool(2, {
    releaseAfterBytes,
    startWorker: () => {
      const behaviour = behaviourOf(started.length + 1);
      if (behaviour === 'throws') {
        started.push(new StandInWorker('never starts'));
        throw new DOMException('Refused by the content security policy', 'SecurityError');
      }
      const worker = new StandInWorker(behaviour);
      started.push(worker);
      return worker as unknown as Worker;
    },
  });
  return { pool, started };
}

async function read(pool: PiecePool): Promise<IngestSummary> {
  return new CdrSession().read([FILE], { pool, pieceBytes: PIECE_BYTES });
}

/** What the page shows of a read, less how it was parsed. */
function numbers(summary: IngestSummary) {
  const file = summary.files[0]!;
  const codeCount = (code: string) => summary.trunks.reduce((n, t) => n + (t.byCode.find((c) => c.code === code)?.count ?? 0), 0);
  return {
    error: file.error,
    rows: file.rows,
    calls: summary.calls,
    attempts: Object.fromEntries(summary.trunks.map((t) => [t.name, t.attempts])),
    sip503: codeCount('503'),
    sip603: codeCount('603'),
  };
}

/** Counted by hand in the file: every row a call; the trunks from the dial prefix or the SIP peer. */
const BY_HAND = {
  error: null,
  rows: { read: 16, used: 16, skipped: 0, headerLines: 1 },
  calls: 16,
  attempts: { 'prefix 9': 8, 'prefix 8': 5, northtel: 2, 'Local/default': 1 },
  sip503: 4,
  sip603: 2,
};

describe('piece pool: a worker that fails', () => {
  it('reads the file as one pass does, in pieces on working stand-ins', async () => {
    const onePass = await new CdrSession().read([FILE]);
    expect(onePass.files[0]!.pieces).toBe(0);
    expect(numbers(onePass)).toEqual(BY_HAND);
    const summary = await read(poolOf(() => 'parses').pool);
    expect(summary.files[0]!.pieces).toBe(8);
    expect(numbers(summary)).toEqual(BY_HAND);
  });

  it.each(['never starts', 'throws'] as const)('that %s at all: the pool is empty and the file is read in one pass', async (failure) => {
    const { pool, started } = poolOf(() => failure);
    await pool.ready;
    expect(started).toHaveLength(2);
    expect(pool.size).toBe(0);
    const summary = await read(pool);
    expect(summary.files[0]!.pieces).toBe(0);
    expect(numbers(summary)).toEqual(BY_HAND);
  });

  it('that does not start again after a big read: the next file is read whole, its pieces parsed by the ingest worker', async () => {
    // Workers 1 and 2 parse the first file; their restarts (3 and on) never start.
    const { pool, started } = poolOf((n) => (n <= 2 ? 'parses' : 'never starts'), 100);
    await pool.ready;
    expect(numbers(await read(pool))).toEqual(BY_HAND);
    // Each parsed more than 100 bytes (a piece or more).
    expect(pool.release()).toBe(2);
    const next = await read(pool);
    expect(started.length).toBeGreaterThan(2);
    expect(started.slice(2).every((w) => w.pieces === 0)).toBe(true);
    expect(next.files[0]!.pieces).toBe(8);
    expect(numbers(next)).toEqual(BY_HAND);
    expect(pool.size).toBe(0);
    // And the file after that, in one pass.
    const third = await read(pool);
    expect(third.files[0]!.pieces).toBe(0);
    expect(numbers(third)).toEqual(BY_HAND);
  });

  it('that cannot be made again after a big read while the other can: that one takes every piece', async () => {
    // The first restart (worker 3) is refused at once; the second (4) runs.
    const { pool, started } = poolOf((n) => (n === 3 ? 'throws' : 'parses'), 100);
    await pool.ready;
    await read(pool);
    expect(pool.release()).toBe(2);
    const next = await read(pool);
    expect(numbers(next)).toEqual(BY_HAND);
    expect(next.files[0]!.pieces).toBe(8);
    expect(started.map((w) => w.pieces)).toEqual([4, 4, 0, 8]);
    expect(pool.size).toBe(1);
  });

  it('that stops while parsing: it is replaced, and its pieces are parsed again on the others', async () => {
    // Worker 2 stops on the first piece it is given; its replacement (3) parses.
    const { pool, started } = poolOf((n) => (n === 2 ? 'stops on its first piece' : 'parses'));
    const summary = await read(pool);
    expect(numbers(summary)).toEqual(BY_HAND);
    expect(summary.files[0]!.pieces).toBe(8);
    expect(started).toHaveLength(3);
    expect(started[1]!.pieces).toBeGreaterThan(0);
    expect(started[2]!.pieces).toBeGreaterThan(0);
    expect(pool.size).toBe(2);
  });

  it('a piece that stops two workers fails the file where reading stopped, every row before it counted', async () => {
    // Every worker after the first stops on its first piece: the second piece stops workers 2 and 3.
    const { pool } = poolOf((n) => (n === 1 ? 'parses' : 'stops on its first piece'));
    const summary = await read(pool);
    const file = summary.files[0]!;
    expect(file.error).toMatch(/^basic\.csv: reading stopped after line \d+: piece \d could not be parsed \(a piece worker stopped \(out of memory\)\)\.$/);
    // The header and the rows of the pieces before the failed one: none lost, none skipped.
    const lastLine = Number(/after line (\d+)/.exec(file.error ?? '')![1]);
    expect(file.rows.read).toBe(lastLine - 1);
    expect(file.rows.read).toBeLessThan(16);
    expect(file.rows.used + file.rows.skipped).toBe(file.rows.read);
    expect(summary.calls).toBe(file.rows.used);
  });
});
