/**
 * Messages between the page and the ingest worker. Only plain data crosses: File objects in,
 * progress and aggregates out. Never raw rows.
 */
import type { ColumnMapping } from '../core/formats/format-module';
import type { DropProgress, IngestSummary } from '../core/ingest/ingest-files';

export type ToWorker =
  | { type: 'ingest'; id: number; files: File[]; mappingOverrides: Record<string, ColumnMapping> }
  /** Generate the sample day in the worker and read it exactly like a dropped file. */
  | { type: 'ingest-sample'; id: number }
  | { type: 'cancel'; id: number };

export type FromWorker =
  | { type: 'progress'; id: number; progress: DropProgress }
  | { type: 'result'; id: number; summary: IngestSummary }
  | { type: 'cancelled'; id: number }
  | { type: 'failed'; id: number; message: string };
