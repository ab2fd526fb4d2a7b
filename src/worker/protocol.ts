/**
 * Messages between the page and the ingest worker. Only plain data crosses: File objects in,
 * progress and aggregates out. Never raw rows.
 */
import type { ColumnMapping } from '../core/formats/format-module';
import type { DropProgress, IngestSummary } from '../core/ingest/ingest-files';
import type { FileIngestResult } from '../core/ingest/ingest-file';
import type { DashboardData, DashboardPanels, DashboardQuery, DashboardTop, TimeSeries, TimeWindow, TrunkTable } from '../core/analysis/dashboard-types';
import type { TrunkDiagnosis } from '../core/diagnosis/types';

/**
 * One file of a session, named by an id the page gives it (stable while it stays loaded). A ZIP
 * archive is read as its files (`leaveOut`: the ids of those taken out of the session).
 */
export type SessionFileInput = { id: string; file: File; leaveOut?: string[] } | { id: string; sample: true };

/**
 * A file of the session as read: its report, its id (the id it was asked for under; for a file in
 * an archive, the archive's id, "/" and its place in the archive), and the id of the file asked for.
 */
export type SessionFileResult = FileIngestResult & { fileId: string; droppedId: string };

/**
 * The calls the worker holds: every file of the session, in the order they were added, read as one
 * drop (a call in two files counts once). `ingestId` names this state: each change of the session
 * (a file added or removed, a mapping corrected) gets a new one, and queries name the one they mean.
 */
export interface SessionSummary extends IngestSummary {
  files: SessionFileResult[];
  ingestId: number;
  /** Files asked for that were already in the session (the same bytes): counted once, not read again. */
  alreadyLoaded: Array<{ fileName: string; sameAs: string }>;
}

export type ToWorker =
  /**
   * Warm the parsers and the analyses up while the page is idle (warm-up.ts). The page asks for it
   * when it expects a file; a page opened on a shared link only shows the link and never asks.
   */
  | { type: 'warm-up' }
  /**
   * Hold exactly these files, in this order (with these column mappings): the worker reads only
   * what it must (files appended to what it holds are read alone; anything else is read again).
   */
  | { type: 'session'; id: number; files: SessionFileInput[]; mappingOverrides: Record<string, ColumnMapping> }
  | { type: 'cancel'; id: number }
  /**
   * Aggregates for the dashboard over the calls of session `ingestId` (the one held); with
   * `fileId`, over that file's calls alone (a call it shares with a file added before it is that
   * file's, as in the file cards).
   */
  | { type: 'query'; id: number; ingestId: number; query: DashboardQuery; fileId?: string }
  /** Only the trunk table of that query (analyzeTrunkTable): what the page's first answer needs. */
  | { type: 'table'; id: number; ingestId: number; query: DashboardQuery; fileId?: string }
  /**
   * That query's answer in two messages (dashboard-types.ts DashboardTop, DashboardPanels): the page
   * asks for the top, then the panels, and draws the first screen while the worker makes the panels.
   */
  | { type: 'top'; id: number; ingestId: number; query: DashboardQuery; fileId?: string }
  | { type: 'panels'; id: number; ingestId: number; query: DashboardQuery; fileId?: string }
  /**
   * The flowchart verdict and evidence for these trunks of the calls of `ingestId` (the ones on
   * screen), counting the calls in `window` (the brushed one; null = the whole file).
   */
  | { type: 'diagnose'; id: number; ingestId: number; trunks: string[]; window: TimeWindow | null }
  /**
   * The page no longer wants the answer to question `id` (the diagnosis of a window or selection
   * it has left): the worker starts nothing more for it, and stops a diagnosis only it waited for.
   */
  | { type: 'forget'; id: number };

export type FromWorker =
  /** The worker and its piece workers are loaded: from here on the app fetches nothing. */
  | { type: 'workers-ready' }
  /**
   * The warm-up is done (warm-up.ts): a file dropped now runs compiled code. `ms`: its wall time;
   * `calls`: the generated calls it read (and dropped). Not sent when a request stopped it.
   */
  | { type: 'warm'; ms: number; calls: number }
  | { type: 'progress'; id: number; progress: DropProgress }
  | { type: 'result'; id: number; summary: SessionSummary }
  /** `sessionKept`: the session held before this request is still held (false: read it again). */
  | { type: 'cancelled'; id: number; sessionKept: boolean }
  | { type: 'failed'; id: number; message: string; sessionKept?: boolean }
  | { type: 'dashboard'; id: number; data: DashboardData; elapsedMs: number }
  | { type: 'table'; id: number; data: TrunkTable; elapsedMs: number }
  | { type: 'top'; id: number; data: DashboardTop; elapsedMs: number }
  /**
   * An answer made with a read (just before its result, where it is a sum of the read's counts) or
   * right after it, before the page asked for it (first-questions.ts): the whole-file trunk table,
   * then the worst trunk's first screen. The page's question with the same
   * query (in any field order) takes it instead of waiting behind the worker's next step. Before
   * the table, the worst trunk's timeline (its query's spanSeries), counted with it: the page draws
   * it with the table, until that query's top comes.
   */
  | { type: 'first-answer'; ingestId: number; query: DashboardQuery; part: 'timeline'; data: TimeSeries }
  | { type: 'first-answer'; ingestId: number; query: DashboardQuery; part: 'table'; data: TrunkTable }
  | { type: 'first-answer'; ingestId: number; query: DashboardQuery; part: 'top'; data: DashboardTop }
  | { type: 'panels'; id: number; data: DashboardPanels; elapsedMs: number }
  | { type: 'diagnosis'; id: number; trunks: TrunkDiagnosis[] };
