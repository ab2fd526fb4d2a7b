/**
 * A piece's parse columns are given back as soon as they are copied out (ParseRows.takeCalls:
 * CallStore.release and its line and key columns). Node 20 has no ArrayBuffer transfer, so these
 * tests install one that detaches as Chromium's does: a column read after its release reads as
 * empty, and the calls would move.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { CallStore } from '../../analysis/call-store';
import { releaseNow } from '../../analysis/release-buffer';
import { at, call, callColumnsOf, installDetachingTransfer } from '../../analysis/test-helpers';
import { FORMATS } from '../../formats/registry';
import { ingestFiles } from '../ingest-files';
import { inProcessPool } from './in-process-pool';
import { transferablesOf } from './parse-piece';
import type { PiecePool, PieceResult } from './piece-types';

const FIXTURE = path.resolve(import.meta.dirname, '../../../../fixtures/cdr/asterisk-cdr-csv/basic.csv');

let uninstall: () => void = () => {};
beforeEach(() => {
  uninstall = installDetachingTransfer();
});
afterEach(() => uninstall());


describe('a piece whose parse columns are released once copied out', () => {
  it.each([
    ['plain (ranges the pool reads)', false],
    ['gzip (bytes cut from the stream)', true],
  ])('%s: the same calls and rows as one pass', async (_, gzip) => {
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
    expect(callColumnsOf(pieces.store)).toEqual(callColumnsOf(onePass.store));
    expect(pieces.summary.trunks).toEqual(onePass.summary.trunks);
  });
});

describe('a merged piece given back to its pool', () => {
  it('is given back once, after its merge: its buffers detached at once, the calls and rows are those of one pass', async () => {
    const text = readFileSync(FIXTURE);
    const blob = new Blob([text]);
    const onePass = await ingestFiles([{ name: 'Master.csv', blob }]);
    const inProcess = inProcessPool(FORMATS);
    const parsed: PieceResult[] = [];
    const givenBack: PieceResult[] = [];
    const pool: PiecePool = {
      size: 2,
      parse: async (job) => {
        const result = await inProcess.parse(job);
        parsed.push(result);
        return result;
      },
      giveBack: (result) => {
        givenBack.push(result);
        // As postMessage's transfer leaves them: every view of them reads as empty.
        for (const buffer of transferablesOf(result)) releaseNow(buffer);
      },
    };
    const pieces = await ingestFiles([{ name: 'Master.csv', blob }], { pool, pieceBytes: 300 });
    expect(parsed.length).toBeGreaterThan(3);
    expect(givenBack).toEqual(parsed);
    expect(pieces.summary.files[0]!.rows).toEqual(onePass.summary.files[0]!.rows);
    expect(callColumnsOf(pieces.store)).toEqual(callColumnsOf(onePass.store));
    expect(pieces.summary.trunks).toEqual(onePass.summary.trunks);
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
