/**
 * Before the first drop, the ingest worker runs the real pipeline once per common format over a
 * small generated day — pieces parsed on the piece workers, merged, sealed, what it prepares after
 * a read, the trunk table and the dashboard's answer for the worst trunk — and drops what it read. A first 100k-call file then
 * runs compiled code: cold, the piece workers spent about three times their warm time per row on
 * it, and the worker's first answers three times theirs.
 *
 * The calls read here are in a session of their own, never the page's, and nothing of them is
 * posted: the page shows no file and no number from them. Each step is short and the steps yield
 * to the worker's messages, so a drop (or the sample day) that comes meanwhile aborts it at once.
 */
import type { DashboardQuery } from '../core/analysis/dashboard-types';
import type { PiecePool } from '../core/ingest/pieces/piece-types';
import { SAMPLE_DAY, type ScenarioSpec } from '../core/scenario/scenario';
import { CdrSession } from '../core/session/cdr-session';
import { writeScenarioText, type ScenarioWriter } from '../core/scenario/writers/writer';
import { asteriskMasterCsvWriter } from '../core/scenario/writers/asterisk-master-csv';
import { vicidialCarrierLogWriter } from '../core/scenario/writers/vicidial-carrier-log';
import { freeswitchCdrCsvWriter } from '../core/scenario/writers/freeswitch-cdr-csv';

/**
 * Two hours of the sample day around carrier-f's policy change, ~900 calls with every trunk's
 * problem: each piece worker compiles its per-row code on them. Measured on the 100k-call bench
 * files (CPU of all the renderer's threads, V8's compiler threads included, from the drop to the
 * first chart): ~900 calls per format saved 0.2–0.4 s per file for ~0.45 s of warm-up; three
 * times as many saved up to 0.07 s more for ~0.35 s more warm-up. The simulation walks every
 * second of its span, so the span is kept short rather than the rate low.
 */
export const WARM_UP_DAY: ScenarioSpec = { ...SAMPLE_DAY, fromSecond: 12 * 3600, toSecond: 14 * 3600, scale: 0.1 };

/** The formats most drops are: a file in one of these then parses warm. */
export const WARM_UP_WRITERS: readonly ScenarioWriter[] = [asteriskMasterCsvWriter({ hangupCauseInUserfield: false }), vicidialCarrierLogWriter, freeswitchCdrCsvWriter];

/** Pieces per piece worker: a first piece and later ones (which start from the header and the file's sample). */
const PIECES_PER_WORKER = 2;

/**
 * The dashboard's first two questions as the page asks them (use-dashboard.ts): the trunk table,
 * then the worst trunk's panels. Their row limits do not change which code runs.
 */
const TABLE_QUERY: DashboardQuery = { window: null, trunks: [], bucketMs: null, topN: 12, trunkLimit: 200 };
const panelsQuery = (trunk: string): DashboardQuery => ({ ...TABLE_QUERY, trunks: [trunk], spanSeries: true, trunkSeries: true, kpi: true });

/** What the warm-up read of each format's day: that it went through the path a drop takes (tests). */
export interface WarmUpFile {
  formatId: string | null;
  calls: number;
  pieces: number;
  error: string | null;
}

/** Let the worker's queued messages (a drop) run before the next step. */
const yieldToMessages = () => new Promise<void>((resolve) => setTimeout(resolve, 0));

/**
 * Run the warm-up on `pool`; rejects with the signal's reason as soon as `signal` aborts (the
 * caller's drop goes first). Nothing it read is kept once it settles.
 */
export async function warmUp(pool: PiecePool, signal: AbortSignal, writers: readonly ScenarioWriter[] = WARM_UP_WRITERS): Promise<WarmUpFile[]> {
  const read: WarmUpFile[] = [];
  for (const writer of writers) {
    signal.throwIfAborted();
    const blob = new Blob([writeScenarioText(WARM_UP_DAY, writer)]);
    await yieldToMessages();
    signal.throwIfAborted();
    const session = new CdrSession();
    const pieceBytes = Math.max(1, Math.ceil(blob.size / (PIECES_PER_WORKER * Math.max(1, pool.size))));
    const summary = await session.read([{ name: writer.fileName, blob }], { pool, pieceBytes, signal });
    const file = summary.files[0];
    read.push({ formatId: file?.format?.id ?? null, calls: summary.calls, pieces: file?.pieces ?? 0, error: file?.error ?? null });
    await yieldToMessages();
    signal.throwIfAborted();
    session.prepare();
    await yieldToMessages();
    signal.throwIfAborted();
    const worst = session.table(TABLE_QUERY).trunks[0]?.trunk;
    await yieldToMessages();
    signal.throwIfAborted();
    if (worst !== undefined) session.query(panelsQuery(worst));
    await yieldToMessages();
  }
  signal.throwIfAborted(); // a drop during the last step: the page must never hear 'warm' after it
  return read;
}
