/**
 * The warm-up runs the path a dropped file takes (its formats recognized, read in pieces on the
 * pool) and leaves nothing behind: a file read after it, or after a warm-up its drop aborted,
 * gives exactly the answers it gives on a pool that never warmed up.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { DashboardQuery } from '../core/analysis/dashboard-types';
import { readAndParsePiece } from '../core/ingest/pieces/parse-piece';
import type { PieceJob, PiecePool, PieceResult } from '../core/ingest/pieces/piece-types';
import { withSampleKept, withSampleOnce } from '../core/ingest/pieces/sample-once';
import { SMALL_SPEC } from '../core/scenario/writers/round-trip';
import { writeScenarioText } from '../core/scenario/writers/writer';
import { asteriskMasterCsvWriter } from '../core/scenario/writers/asterisk-master-csv';
import { freeswitchCdrCsvWriter } from '../core/scenario/writers/freeswitch-cdr-csv';
import { vicidialExportCallsCarrierWriter } from '../core/scenario/writers/vicidial-export-calls-carrier';
import { CdrSession } from '../core/session/cdr-session';
import { SETTLE_COPIES, warmUp, WARM_UP_FORMATS, withCopies } from './warm-up';

/**
 * Two "workers" as piece-pool.ts drives them: each sent a file's sample once and keeping it for
 * the jobs that come without (sample-once.ts), answering after a turn of the event loop.
 */
function workerLikePool(onJob: (job: PieceJob) => void = () => {}): PiecePool {
  const slots = Array.from({ length: 2 }, () => ({ sent: { sample: null }, kept: { sample: null }, pending: 0 }));
  return {
    size: slots.length,
    async parse(job: PieceJob): Promise<PieceResult> {
      onJob(job);
      const slot = slots.reduce((a, b) => (b.pending < a.pending ? b : a));
      slot.pending++;
      const sent = withSampleOnce(slot.sent, job);
      await new Promise((resolve) => setTimeout(resolve, 0));
      try {
        return await readAndParsePiece(withSampleKept(slot.kept, sent));
      } finally {
        slot.pending--;
      }
    },
  };
}

const FIXTURES = path.resolve(import.meta.dirname, '../../fixtures/cdr');

/** Files a user may drop: two formats the warm-up reads (another day of them) and one it does not. */
const DROPS = [
  { name: 'Master.csv', blob: new Blob([writeScenarioText(SMALL_SPEC, asteriskMasterCsvWriter({ hangupCauseInUserfield: false }))]) },
  { name: 'Master-fs.csv', blob: new Blob([writeScenarioText(SMALL_SPEC, freeswitchCdrCsvWriter)]) },
  { name: 'export.txt', blob: new Blob([writeScenarioText(SMALL_SPEC, vicidialExportCallsCarrierWriter)]) },
  { name: 'basic.csv', blob: new Blob([readFileSync(path.join(FIXTURES, 'asterisk-cdr-csv', 'basic.csv'))]) },
];

const TABLE: DashboardQuery = { window: null, trunks: [], bucketMs: null, topN: 12, trunkLimit: 200 };

/** Everything the page is told about a drop: its summary, the trunk table, the worst trunk's panels. */
async function answersOf(pool: PiecePool): Promise<string> {
  const session = new CdrSession();
  // Pieces of ~2 KB: every file is cut many times, on both "workers".
  const summary = await session.read(DROPS, { pool, pieceBytes: 2048 });
  const table = session.table(TABLE);
  const worst = table.trunks[0]?.trunk ?? '';
  const panels = session.query({ ...TABLE, trunks: [worst], spanSeries: true, trunkSeries: true, kpi: true });
  return JSON.stringify({ summary, table, panels }, (_, v: unknown) => (v instanceof Map ? [...v] : v));
}

describe('warm-up', () => {
  it("reads each common format as that format, in pieces on the pool: the day's rows its copies' times, its calls once", async () => {
    const once = await warmUp(workerLikePool(), new AbortController().signal, withCopies(WARM_UP_FORMATS, 1));
    // Each job's format and size as it is asked (its bytes go to the "worker" after that).
    const runs: { formatId: string; bytes: number }[] = [];
    const onJob = (job: PieceJob) => {
      const bytes = job.source.kind === 'bytes' ? job.source.bytes.length : job.source.end - job.source.start;
      const last = runs.at(-1);
      if (last?.formatId === job.formatId) last.bytes += bytes;
      else runs.push({ formatId: job.formatId, bytes });
    };
    const read = await warmUp(workerLikePool(onJob), new AbortController().signal);
    expect(read.map((f) => f.formatId)).toEqual(WARM_UP_FORMATS.map((f) => f.writer.formatId));
    // Two pieces per worker or more for one copy: the pieces path of a big file, not the one pass of a small one.
    for (const f of once) expect(f.pieces).toBeGreaterThanOrEqual(4);
    for (const [k, file] of read.entries()) {
      const one = once[k]!;
      expect(file.error).toBeNull();
      expect(file.pieces).toBeGreaterThan(4);
      expect(one.rowsRead).toBeGreaterThan(500);
      // The copies after the first are duplicates of its calls.
      expect(file.rowsRead).toBe(WARM_UP_FORMATS[k]!.copies * one.rowsRead);
      expect(file.calls).toBe(one.calls);
    }
    // Then each format again, SETTLE_COPIES copies: the same formats in the same order, fewer bytes.
    const formats = WARM_UP_FORMATS.map((f) => f.writer.formatId);
    expect(runs.map((r) => r.formatId)).toEqual([...formats, ...formats]);
    for (let k = 0; k < formats.length; k++) {
      const [first, again] = [runs[k]!.bytes, runs[k + formats.length]!.bytes];
      // The header once, the day's rows its copies' times, then SETTLE_COPIES times: bytes in that ratio but for the header.
      expect(Math.abs(again / first - SETTLE_COPIES / WARM_UP_FORMATS[k]!.copies)).toBeLessThan(0.01);
    }
  });

  it('leaves the answers to a later drop exactly as on a pool that never warmed up', async () => {
    const cold = await answersOf(workerLikePool());
    const pool = workerLikePool();
    await warmUp(pool, new AbortController().signal, withCopies(WARM_UP_FORMATS, 2));
    expect(await answersOf(pool)).toBe(cold);
  });

  it('stops for a drop that comes during it, whose answers are those of a pool that never warmed up', async () => {
    const cold = await answersOf(workerLikePool());
    const controller = new AbortController();
    const reason = new DOMException('A file comes first', 'AbortError');
    let jobs = 0;
    // The drop comes while the second format's pieces are in flight.
    const pool = workerLikePool(() => {
      if (++jobs === 6) controller.abort(reason);
    });
    const warming = warmUp(pool, controller.signal, withCopies(WARM_UP_FORMATS, 2));
    await expect(warming).rejects.toBe(reason);
    expect(jobs).toBeLessThan(12);
    expect(await answersOf(pool)).toBe(cold);
  });
});
