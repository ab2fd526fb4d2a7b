/**
 * Test helpers, imported by *.test.ts only (no Node imports: this file is inside the src/core
 * typecheck fence, so tests read bytes themselves with readFileSync(fixtureUrl(...))).
 */
import { ingestBlob, type FileIngestResult } from '../../ingest/ingest-file';
import type { CallRecord } from '../../model/call-record';
import type { FormatModule, RowParser } from '../format-module';
import { kamailioAcc, kamailioDrGateways } from '.';

export function fixtureUrl(formatId: string, name: string): URL {
  return new URL(`../../../../fixtures/cdr/${formatId}/${name}`, import.meta.url);
}

export interface Ingested {
  records: CallRecord[];
  result: FileIngestResult;
  /** The parser the ingest used (captured by wrapping the module). */
  parser: RowParser | null;
  /** Skip reason → count. */
  skips: Record<string, number>;
}

/** Run the real ingest over `bytes` with only this family's modules (or `formats`). */
export async function ingest(
  bytes: Uint8Array | string,
  options: { sliceBytes?: number; fileName?: string; formats?: readonly FormatModule[] } = {},
): Promise<Ingested> {
  let parser: RowParser | null = null;
  const wrap = (m: FormatModule): FormatModule => ({
    ...m,
    createParser: (init) => {
      parser = m.createParser(init);
      return parser;
    },
  });
  const formats = (options.formats ?? [kamailioAcc, kamailioDrGateways]).map(wrap);
  const records: CallRecord[] = [];
  const result = await ingestBlob(
    new Blob([bytes as BlobPart]),
    { fileName: options.fileName ?? 'unknown', sliceBytes: options.sliceBytes, formats },
    (r) => records.push(r),
  );
  const skips: Record<string, number> = {};
  for (const g of result.skipped) skips[g.reason] = g.count;
  return { records, result, parser, skips };
}

/** Wall ms for a `YYYY-MM-DD HH:MM:SS` as written (month 1-based). */
export function wall(y: number, mo: number, d: number, h: number, mi: number, s = 0, ms = 0): number {
  return Date.UTC(y, mo - 1, d, h, mi, s, ms);
}

export function byCallId(records: readonly CallRecord[], callId: string): CallRecord[] {
  return records.filter((r) => r.callId === callId);
}

export function one(records: readonly CallRecord[], callId: string): CallRecord {
  const found = byCallId(records, callId);
  if (found.length !== 1) throw new Error(`expected one record for ${callId}, got ${found.length}`);
  return found[0]!;
}

/** "code reason" → count, for per-code assertions. */
export function codeCounts(records: readonly CallRecord[]): Record<string, number> {
  const out: Record<string, number> = {};
  for (const r of records) {
    const key = `${r.sipCode ?? '-'} ${r.reason}`;
    out[key] = (out[key] ?? 0) + 1;
  }
  return out;
}
