/**
 * A piece's buffers are given back as soon as they are done with (releaseNow): its bytes once
 * parsed where they are the thread's own, its parse columns once copied out, its result once
 * merged. Node 20 has no ArrayBuffer transfer, so these tests install one that detaches as
 * Chromium's does: a buffer read after its release reads as empty, and the calls would move.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { CALL_COLUMN_LIST } from '../../analysis/call-columns';
import { CallStore } from '../../analysis/call-store';
import { at, call, installDetachingTransfer } from '../../analysis/test-helpers';
import { FORMATS } from '../../formats/registry';
import { ingestFiles } from '../ingest-files';
import { inProcessPool } from './in-process-pool';
import { readAndParsePiece } from './parse-piece';
import type { PieceJob, PiecePool, PieceResult } from './piece-types';

const FIXTURE = path.resolve(import.meta.dirname, '../../../../fixtures/cdr/asterisk-cdr-csv/basic.csv');

let uninstall: () => void = () => {};
beforeEach(() => {
  uninstall = installDetachingTransfer();
});
afterEach(() => uninstall());

/** Every call's columns, texts as texts (interned ids may differ between two reads). */
function callsOf(store: CallStore): string[] {
  const { arrays, texts } = store.snapshot();
  return Array.from({ length: store.length }, (_, i) =>
    CALL_COLUMN_LIST.map(([name, column]) => {
      const value = arrays[name][i]!;
      if (column.kind === 'interned') return texts[name][value];
      if (column.kind === 'kept') return value === 0 ? null : texts[name][value - 1];
      return value;
    }).join('|'),
  );
}

describe('a piece released as soon as it is done with', () => {
  it.each([
    ['plain (ranges the pool reads)', false],
    ['gzip (bytes cut from the stream)', true],
  ])('%s: the same calls and rows as one pass, and every merged result given back', async (_, gzip) => {
    const text = readFileSync(FIXTURE);
    const blob = new Blob([gzip ? gzipSync(text) : text]);
    const onePass = await ingestFiles([{ name: 'Master.csv', blob }]);
    const inProcess = inProcessPool(FORMATS);
    const results: PieceResult[] = [];
    const pool: PiecePool = {
      size: 2,
      parse: async (job) => {
        const result = await inProcess.parse(job);
        results.push(result);
        return result;
      },
    };
    const pieces = await ingestFiles([{ name: 'Master.csv', blob }], { pool, pieceBytes: 300 });
    // basic.csv: 10 lines of ~300 bytes, no header: 10 rows read, in more than one piece.
    expect(onePass.summary.files[0]!.rows.read).toBe(10);
    expect(results.length).toBeGreaterThan(3);
    expect(pieces.summary.files[0]!.rows).toEqual(onePass.summary.files[0]!.rows);
    expect(callsOf(pieces.store)).toEqual(callsOf(onePass.store));
    expect(pieces.summary.trunks).toEqual(onePass.summary.trunks);
    for (const r of results) {
      expect(r.lines.buffer.byteLength).toBe(0);
      expect(r.dedupeKeys.buffer.byteLength).toBe(0);
      expect(r.calls.arrays.startMs.buffer.byteLength).toBe(0);
    }
  });

  it('its bytes are given back when they are the thread’s own: a range read here, or bytes transferred to it', async () => {
    const text = readFileSync(FIXTURE);
    let read: ArrayBuffer | null = null;
    // The range's bytes as the piece reads them, kept here to look at after.
    class WatchedBlob extends Blob {
      override slice(start?: number, end?: number): Blob {
        return new WatchedBlob([super.slice(start, end)]);
      }
      override async arrayBuffer(): Promise<ArrayBuffer> {
        read = await super.arrayBuffer();
        return read;
      }
    }
    const job = (source: PieceJob['source']): PieceJob => ({
      index: 0,
      source,
      encoding: 'utf-8',
      formatId: 'asterisk-cdr-csv',
      fileName: 'Master.csv',
      delimiter: ',',
      sample: { text: text.toString(), rows: [], delimiter: ',' } as unknown as PieceJob['sample'],
      primeHeader: null,
    });
    const blob = new WatchedBlob([text]);
    const fromRange = await readAndParsePiece(job({ kind: 'range', blob, start: 0, end: text.length }));
    expect(fromRange.error).toBeNull();
    expect(fromRange.rows.read).toBe(10);
    expect(read!.byteLength).toBe(0);

    const lent = new Uint8Array(text);
    const notOwned = await readAndParsePiece(job({ kind: 'bytes', bytes: lent }));
    expect(notOwned.rows.read).toBe(10);
    expect(lent.length).toBe(text.length);
    const owned = await readAndParsePiece(job({ kind: 'bytes', bytes: lent }), FORMATS, true);
    expect(owned.rows.read).toBe(10);
    expect(lent.length).toBe(0);
    // The calls came out whole either way.
    expect(Array.from(owned.calls.arrays.startMs)).toEqual(Array.from(notOwned.calls.arrays.startMs));
  });
});

describe('CallStore.release', () => {
  it('leaves a store with no calls and no room, whose interned texts keep their ids, that takes calls again', () => {
    const store = new CallStore(4);
    store.add(call({ trunk: 'A', start: at('10:00'), sip: 503 }));
    store.add(call({ trunk: 'B', start: at('10:01'), sip: 603 }));
    const columns = store.startMs;
    store.release();
    expect(store.length).toBe(0);
    expect(columns.length).toBe(0);
    expect(store.byteSize()).toBe(new CallStore(0).byteSize());
    store.add(call({ trunk: 'B', start: at('10:02'), sip: 486 }));
    expect(store.length).toBe(1);
    expect(store.trunks.get(store.trunk[0]!)).toBe('B');
    expect(store.trunk[0]).toBe(1);
    expect(store.sipCode[0]).toBe(486);
    expect(store.startMs[0]).toBe(at('10:02'));
  });
});
