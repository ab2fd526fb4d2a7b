/**
 * A read that stops before the file's end (a cancel, a failed piece, a file that is not text)
 * cancels the file's stream then: left to the collector, the stream stays open and its source
 * may keep reading ahead. Each test fails without the cleanup it covers.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { FORMATS } from '../formats/registry';
import { ingestFiles } from './ingest-files';
import { inProcessPool } from './pieces/in-process-pool';
import type { PiecePool } from './pieces/piece-types';

const FIXTURE = path.resolve(import.meta.dirname, '../../../fixtures/cdr/asterisk-cdr-csv/basic.csv');

/** A Blob whose stream (and its slices' streams) count when their reader is cancelled: the file's read stopped. */
class WatchedBlob extends Blob {
  constructor(
    parts: BlobPart[],
    readonly cancels = { count: 0 },
  ) {
    super(parts);
  }
  override slice(start?: number, end?: number): Blob {
    return new WatchedBlob([super.slice(start, end)], this.cancels);
  }
  override stream(): ReadableStream<Uint8Array<ArrayBuffer>> {
    const stream = super.stream();
    const getReader = stream.getReader.bind(stream) as (options?: { mode: 'byob' }) => ReadableStreamBYOBReader | ReadableStreamDefaultReader;
    Object.assign(stream, {
      getReader: (options?: { mode: 'byob' }) => {
        const reader = getReader(options);
        const cancel = reader.cancel.bind(reader);
        reader.cancel = (reason?: unknown) => {
          this.cancels.count++;
          return cancel(reason);
        };
        return reader;
      },
    });
    return stream;
  }
}

describe('a read that stops early ends the file stream at once (not when collected)', () => {
  const inProcess = inProcessPool(FORMATS);
  it('cancels the file stream when a piece fails, and the file says where reading stopped', async () => {
    const blob = new WatchedBlob([readFileSync(FIXTURE)]);
    const pool: PiecePool = { size: 1, parse: async (job) => (job.index === 1 ? { ...(await inProcess.parse(job)), error: 'broken on purpose' } : inProcess.parse(job)) };
    const read = await ingestFiles([{ name: 'Master.csv', blob }], { pool, pieceBytes: 300 });
    expect(read.summary.files[0]!.error).toMatch(/piece 2 could not be parsed \(broken on purpose\)/);
    expect(blob.cancels.count).toBe(1);
  });

  it('cancels the file stream when the read is cancelled', async () => {
    const blob = new WatchedBlob([readFileSync(FIXTURE)]);
    const stop = new AbortController();
    const pool: PiecePool = {
      size: 1,
      parse: async (job) => {
        if (job.index === 2) stop.abort();
        return inProcess.parse(job);
      },
    };
    await expect(ingestFiles([{ name: 'Master.csv', blob }], { pool, pieceBytes: 300, signal: stop.signal })).rejects.toThrow();
    expect(blob.cancels.count).toBe(1);
  });

  it('in one pass: cancels the file stream when the read is cancelled', async () => {
    // Read well past its sniff (the file's first 64 KiB), in slices of 4 KiB.
    const blob = new WatchedBlob([Buffer.concat(Array.from({ length: 200 }, () => readFileSync(FIXTURE)))]);
    const stop = new AbortController();
    let progress = 0;
    const read = ingestFiles([{ name: 'Master.csv', blob }], {
      sliceBytes: 4096,
      signal: stop.signal,
      onProgress: () => {
        if (++progress === 30) stop.abort();
      },
    });
    await expect(read).rejects.toThrow();
    expect(progress).toBe(30);
    expect(blob.cancels.count).toBe(1);
  });

  it('merges no piece after the read has stopped (the pool threw on piece 4, with pieces 1–3 still being parsed)', async () => {
    let merges = 0;
    const later = (job: Parameters<PiecePool['parse']>[0]) => new Promise<void>((resolve) => setTimeout(resolve, 5)).then(() => inProcess.parse(job));
    const pool: PiecePool = {
      size: 2,
      parse: (job) => {
        if (job.index === 3) throw new Error('no worker to take it');
        return later(job);
      },
    };
    // Not sealed: a late merge would add its calls to the store the caller now holds (and to the deduper).
    const read = await ingestFiles([{ name: 'Master.csv', blob: new Blob([readFileSync(FIXTURE)]) }], { pool, pieceBytes: 300, sealLater: true, onCallsMerged: () => merges++ });
    expect(read.summary.files[0]!.error).toBe('Master.csv: reading stopped: no worker to take it.');
    expect([merges, read.store.length, read.summary.calls]).toEqual([0, 0, 0]);
    // The 3 pieces' results come 5 ms later: none is merged.
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect([merges, read.store.length]).toEqual([0, 0]);
  });

  it('a file that is not text: its stream is cancelled once the sniff has seen enough', async () => {
    // A zip archive's signature, then 1 MB: the sniff reads its first 64 KiB and names it (an archive with no end record: damaged).
    const blob = new WatchedBlob([new Uint8Array([0x50, 0x4b, 0x03, 0x04]), new Uint8Array(1 << 20).fill(0x41)]);
    const read = await ingestFiles([{ name: 'export.zip', blob }], { sliceBytes: 4096 });
    expect(read.summary.files[0]!.error).toMatch(/^export\.zip is a damaged ZIP archive/);
    expect(blob.cancels.count).toBe(1);
  });
});
