/**
 * The files of a session and their calls, as the ingest worker holds them. The page says which
 * files it wants, in order; the session reads as little as it can to hold exactly those:
 *
 * - files appended to the ones held are read alone, into the same store through the same deduper
 *   (what ingestFiles gives when all of them are dropped at once);
 * - anything else (a file removed, the order or a column mapping changed) reads the wanted files
 *   again into a fresh store, so de-duplication, trunk aliases and companion names are exactly
 *   those of one drop of the remaining files; the held calls stay until the new ones are complete.
 *
 * The same bytes asked for twice (under any name) are read once, and the answer says so.
 */
import { CallStore } from '../core/analysis/call-store';
import type { ColumnMapping } from '../core/formats/format-module';
import { ingestFiles, type DropProgress, type IngestedFiles } from '../core/ingest/ingest-files';
import type { PiecePool } from '../core/ingest/pieces/piece-types';
import { fingerprintBlob, sameContent, sameFingerprint, type FileFingerprint } from './file-fingerprint';
import type { SessionSummary } from './protocol';

export interface SessionInput {
  id: string;
  name: string;
  blob: Blob;
}

interface HeldFile extends SessionInput {
  fingerprint: FileFingerprint;
}

interface Held {
  ingestId: number;
  files: HeldFile[];
  mappingsKey: string;
  built: IngestedFiles;
  /** storeOfFile's copies, made when first asked for. */
  fileStores: Map<string, CallStore>;
}

export interface ApplyOptions {
  signal?: AbortSignal;
  pool?: PiecePool;
  onProgress?: (p: DropProgress) => void;
}

/** A request that did not complete; `sessionKept`: the calls held before it are still held. */
export class SessionError extends Error {
  constructor(
    message: string,
    readonly sessionKept: boolean,
    readonly aborted: boolean,
  ) {
    super(message);
    this.name = 'SessionError';
  }
}

export class IngestSession {
  private held: Held | null = null;

  /** The calls held, and under which ingestId; null before the first read or after a failed add. */
  get current(): { ingestId: number; store: CallStore; summary: SessionSummary } | null {
    const h = this.held;
    return h ? { ingestId: h.ingestId, store: h.built.store, summary: summaryOf(h, []) } : null;
  }

  /** Rows of the held store that are the calls of file `fileId`, ascending; null when it is not held. */
  rowsOf(fileId: string): Uint32Array | null {
    const h = this.held;
    const file = h ? h.files.findIndex((f) => f.id === fileId) : -1;
    if (!h || file < 0) return null;
    const { fileOfCall } = h.built;
    let count = 0;
    for (let i = 0; i < fileOfCall.length; i++) if (fileOfCall[i] === file) count++;
    const rows = new Uint32Array(count);
    let j = 0;
    for (let i = 0; i < fileOfCall.length; i++) if (fileOfCall[i] === file) rows[j++] = i;
    return rows;
  }

  /**
   * The calls of file `fileId` alone, as a store of their own (a copy, made once per session
   * state): what a query restricted to one file analyzes. A call the file shares with a file
   * added before it is that earlier file's (as in the file cards' duplicate rows). Null when the
   * file is not held.
   */
  storeOfFile(fileId: string): CallStore | null {
    const h = this.held;
    const cached = h?.fileStores.get(fileId);
    if (cached) return cached;
    const rows = this.rowsOf(fileId);
    if (!h || !rows) return null;
    const part = new CallStore(Math.max(1, rows.length));
    // Views of the held columns, read at once: a copy of every column would hold the session's calls twice.
    part.appendRows(h.built.store.snapshot(true), rows);
    h.fileStores.set(fileId, part);
    return part;
  }

  clear(): void {
    this.held = null;
  }

  /** Hold exactly `wanted` (same bytes once); the new state is named `ingestId` when it changed. */
  async apply(ingestId: number, wanted: readonly SessionInput[], mappings: Record<string, ColumnMapping>, options: ApplyOptions = {}): Promise<SessionSummary> {
    const before = this.held;
    const { files, alreadyLoaded } = await this.distinct(wanted);
    const mappingsKey = JSON.stringify(mappings);
    const ids = files.map((f) => f.id);
    const sameSetup = before !== null && before.mappingsKey === mappingsKey;
    if (sameSetup && sameIds(before.files, ids)) return summaryOf(before, alreadyLoaded);

    const appends = sameSetup && before.files.length < files.length && before.files.every((f, i) => f.id === ids[i]);
    try {
      if (appends) {
        const added = files.slice(before.files.length);
        // The held store is written to from here on: until the add completes it holds no session.
        this.held = null;
        const built = await ingestFiles(added.map(toInput), { ...ingestOptions(mappings, options), continueFrom: before.built });
        this.held = { ingestId, files, mappingsKey, built, fileStores: new Map() };
      } else {
        if (before) await this.checkUnchanged(files, before);
        const built = await ingestFiles(files.map(toInput), ingestOptions(mappings, options));
        this.held = { ingestId, files, mappingsKey, built, fileStores: new Map() };
      }
    } catch (e) {
      const aborted = options.signal?.aborted === true;
      const message = aborted ? 'Reading was cancelled.' : e instanceof Error ? e.message : String(e);
      throw new SessionError(message, this.held === before, aborted);
    }
    return summaryOf(this.held, alreadyLoaded);
  }

  /** The wanted files, each distinct content once (the first asked for, or the one held, wins). */
  private async distinct(wanted: readonly SessionInput[]): Promise<{ files: HeldFile[]; alreadyLoaded: SessionSummary['alreadyLoaded'] }> {
    const heldById = new Map((this.held?.files ?? []).map((f) => [f.id, f]));
    const files: HeldFile[] = [];
    const alreadyLoaded: SessionSummary['alreadyLoaded'] = [];
    for (const input of wanted) {
      const known = heldById.get(input.id);
      const fingerprint = known?.fingerprint ?? (await fingerprintBlob(input.blob));
      let same: HeldFile | undefined;
      for (const f of files) {
        if (sameFingerprint(f.fingerprint, fingerprint) && (await sameContent(f.blob, input.blob))) {
          same = f;
          break;
        }
      }
      if (same) alreadyLoaded.push({ fileName: input.name, sameAs: same.name });
      else files.push({ ...input, fingerprint });
    }
    return { files, alreadyLoaded };
  }

  /**
   * Before reading held files again: each must still be the file that was read. A File is a
   * reference to the disk; an export overwritten (or moved) since it was dropped would give other
   * calls, or none, under the old name.
   */
  private async checkUnchanged(files: readonly HeldFile[], held: Held): Promise<void> {
    const heldIds = new Set(held.files.map((f) => f.id));
    for (const f of files) {
      if (!heldIds.has(f.id)) continue;
      const now = await fingerprintBlob(f.blob).catch(() => null);
      if (!now || !sameFingerprint(now, f.fingerprint)) {
        throw new Error(`${f.name} has changed on disk (or was moved) since it was read, so it cannot be read again. Remove it, or add the file again.`);
      }
    }
  }
}

function ingestOptions(mappings: Record<string, ColumnMapping>, options: ApplyOptions) {
  return { signal: options.signal, pool: options.pool, onProgress: options.onProgress, mappingOverrides: mappings };
}

function toInput(f: SessionInput) {
  return { name: f.name, blob: f.blob };
}

function sameIds(files: readonly HeldFile[], ids: readonly string[]): boolean {
  return files.length === ids.length && files.every((f, i) => f.id === ids[i]);
}

function summaryOf(held: Held, alreadyLoaded: SessionSummary['alreadyLoaded']): SessionSummary {
  const { summary } = held.built;
  return {
    ...summary,
    files: summary.files.map((f, i) => ({ ...f, fileId: held.files[i]?.id ?? '' })),
    ingestId: held.ingestId,
    alreadyLoaded,
  };
}
