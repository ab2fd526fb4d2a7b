/**
 * Messages between the page and the ingest worker. Only plain data crosses: File objects in,
 * progress and aggregates out. Never raw rows.
 */
import type { ColumnMapping } from '../core/formats/format-module';
import type { DropProgress, IngestSummary } from '../core/ingest/ingest-files';
import type { DashboardData, DashboardQuery, TimeWindow } from '../core/analysis/dashboard-types';
import type { TrunkDiagnosis } from '../core/diagnosis/types';

export type ToWorker =
  | { type: 'ingest'; id: number; files: File[]; mappingOverrides: Record<string, ColumnMapping> }
  /** Generate the sample day in the worker and read it exactly like a dropped file. */
  | { type: 'ingest-sample'; id: number }
  | { type: 'cancel'; id: number }
  /** Aggregates for the dashboard over the calls of ingest `ingestId` (the last one read). */
  | { type: 'query'; id: number; ingestId: number; query: DashboardQuery }
  /**
   * The flowchart verdict and evidence for these trunks of the calls of `ingestId` (the ones on
   * screen), counting the calls in `window` (the brushed one; null = the whole file).
   */
  | { type: 'diagnose'; id: number; ingestId: number; trunks: string[]; window: TimeWindow | null };

export type FromWorker =
  /** The worker and its piece workers are loaded: from here on the app fetches nothing. */
  | { type: 'workers-ready' }
  | { type: 'progress'; id: number; progress: DropProgress }
  /** `ingestId` names the calls now held by the worker, for later queries. */
  | { type: 'result'; id: number; summary: IngestSummary }
  | { type: 'cancelled'; id: number }
  | { type: 'failed'; id: number; message: string }
  | { type: 'dashboard'; id: number; data: DashboardData; elapsedMs: number }
  | { type: 'diagnosis'; id: number; trunks: TrunkDiagnosis[] };
