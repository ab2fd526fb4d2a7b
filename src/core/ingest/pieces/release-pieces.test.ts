/**
 * A piece's columns are handed over as views of the arrays they were written into (ParseRows.takeCalls),
 * and a merged piece's buffers are given back to its pool. Node 20 has no ArrayBuffer transfer, so
 * these tests install one that detaches as Chromium's does: a column read after its release reads
 * as empty, and the calls would move.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { releaseNow } from '../../analysis/release-buffer';
import { callColumnsOf, installDetachingTransfer } from '../../analysis/test-helpers';
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


describe('a piece whose columns are handed over as views', () => {
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
