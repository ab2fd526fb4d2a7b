import { describe, expect, it } from 'vitest';
import { OneAtATime } from './one-at-a-time';
import { readAndParsePiece } from './parse-piece';
import type { PieceJob } from './piece-types';

/** A promise and the functions that settle it. */
function deferred<T>() {
  let resolve: (value: T) => void = () => {};
  let reject: (error: Error) => void = () => {};
  const promise = new Promise<T>((res, rej) => {
    resolve = res;
    reject = rej;
  });
  return { promise, resolve, reject };
}

describe('OneAtATime', () => {
  it('starts each step once the one before it settles, in the order asked, and before what awaits that one runs', async () => {
    const log: string[] = [];
    const steps = [deferred<string>(), deferred<string>(), deferred<string>()];
    const turns = new OneAtATime();
    const done = steps.map((d, k) =>
      turns
        .run(() => {
          log.push(`start ${k}`);
          return d.promise;
        })
        .then((value) => log.push(`after ${value}`)),
    );
    expect(log).toEqual(['start 0']);
    // The third settles first: nothing moves until the first has.
    steps[2]!.resolve('c');
    steps[0]!.resolve('a');
    await done[0];
    expect(log).toEqual(['start 0', 'start 1', 'after a']);
    steps[1]!.resolve('b');
    await Promise.all(done);
    expect(log).toEqual(['start 0', 'start 1', 'after a', 'start 2', 'after b', 'after c']);
  });

  it('a step that fails fails its own caller only: the next one runs', async () => {
    const turns = new OneAtATime();
    const failing = turns.run(() => Promise.reject(new Error('no such file')));
    const next = turns.run(() => Promise.resolve(2));
    await expect(failing).rejects.toThrow('no such file');
    await expect(next).resolves.toBe(2);
  });
});

/** A Blob whose reads (slice → arrayBuffer) are logged by their first byte and come back only when the test says. */
class HeldBlob extends Blob {
  readonly reads: Array<{ from: number; release: () => void }> = [];

  override slice(start = 0, end = this.size): Blob {
    const part = super.slice(start, end);
    const reads = this.reads;
    return Object.assign(Object.create(part) as Blob, {
      arrayBuffer(): Promise<ArrayBuffer> {
        const gate = deferred<undefined>();
        reads.push({ from: start, release: () => gate.resolve(undefined) });
        return gate.promise.then(() => part.arrayBuffer());
      },
    });
  }
}

describe('readAndParsePiece', () => {
  it("reads a thread's pieces one at a time, in the order they came", async () => {
    const blob = new HeldBlob(['a\nbb\nccc\n']);
    const job = (index: number, start: number, end: number): PieceJob => ({
      index,
      source: { kind: 'range', blob, start, end, seekBytes: 64 },
      encoding: 'utf-8',
      formatId: 'no such format',
      fileName: 'x.csv',
      delimiter: ',',
      sample: { fileName: 'x.csv', text: '', delimiter: ',', rows: [] },
      primeHeader: null,
    });
    const results = [readAndParsePiece(job(0, 0, 2)), readAndParsePiece(job(1, 2, 5))];
    await Promise.resolve();
    // Piece 1's read waits for piece 0's.
    expect(blob.reads.map((r) => r.from)).toEqual([0]);
    blob.reads[0]!.release();
    await expect.poll(() => blob.reads.map((r) => r.from)).toEqual([0, 1]);
    blob.reads[1]!.release();
    // Read and parsed (the unknown format is the parse's error, not the read's).
    expect((await Promise.all(results)).map((r) => [r.index, r.error])).toEqual([
      [0, 'unknown format no such format'],
      [1, 'unknown format no such format'],
    ]);
  });
});
