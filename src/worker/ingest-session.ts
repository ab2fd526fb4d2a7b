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
 * The same bytes asked for twice (under any name) are read once, and the answer says so. A ZIP
 * archive asked for is its files (archive-inputs.ts), each a file of the session with an id of its
 * own (the archive's id, "/", its place in the archive), less those the page left out. The calls
 * and the questions asked of them are the core's CdrSession (as in the CLI); this adds the page's
 * file ids, the fingerprints and the ingest ids.
 */
import type { ColumnMapping } from '../core/formats/format-module';
import type { DropProgress, IngestInput } from '../core/ingest/ingest-files';
import { archiveInputs } from '../core/ingest/archive-inputs';
import type { ZipEntry } from '../core/read/zip/zip-directory';
import type { PiecePool } from '../core/ingest/pieces/piece-types';
import { CdrSession } from '../core/session/cdr-session';
import { fingerprintBlob, sameContent, sameFingerprint, type FileFingerprint } from '../core/read/file-fingerprint';
import type { SessionSummary } from './protocol';

export interface SessionInput {
  id: string;
  name: string;
  blob: Blob;
  /** An archive's files not to read (their ids: `${archive id}/${index}`). */
  leaveOut?: readonly string[];
}

/** Between an archive's id and the place of one of its files in it, in the file's id. */
export const ARCHIVE_ID_SEPARATOR = '/';

/** A file to read: one asked for, or one file of an archive asked for. */
interface SessionFile {
  id: string;
  name: string;
  blob: Blob;
  zipEntry?: ZipEntry;
  /** The id of the file asked for: the archive's, for a file in one. */
  droppedId: string;
}

interface HeldFile extends SessionFile {
  /**
   * Read when the file is first asked for, beside its read: only a comparison with another file
   * waits for it. The first file of a drop is compared with none, and its read no longer waits
   * ~2–12 ms (two slices of the file, traced in Chromium workers) before the first piece is cut.
   */
  fingerprint: Promise<FileFingerprint>;
}

interface Held {
  ingestId: number;
  files: HeldFile[];
  mappingsKey: string;
  calls: CdrSession;
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
  /** The files of each archive asked for last, by its id: its directory is read once while it stays asked for. */
  private archives = new Map<string, Promise<IngestInput[] | null>>();

  /** The calls held, and under which ingestId; null before the first read or after a failed add. */
  get current(): { ingestId: number; calls: CdrSession; summary: SessionSummary } | null {
    const h = this.held;
    return h ? { ingestId: h.ingestId, calls: h.calls, summary: summaryOf(h, []) } : null;
  }

  /** The index of file `fileId` in the session's files (as CdrSession counts them); null when it is not held. */
  fileIndexOf(fileId: string): number | null {
    const i = this.held ? this.held.files.findIndex((f) => f.id === fileId) : -1;
    return i >= 0 ? i : null;
  }

  clear(): void {
    this.held = null;
  }

  /** Hold exactly `wanted` (same bytes once); the new state is named `ingestId` when it changed. */
  async apply(ingestId: number, wanted: readonly SessionInput[], mappings: Record<string, ColumnMapping>, options: ApplyOptions = {}): Promise<SessionSummary> {
    const before = this.held;
    const { files, alreadyLoaded } = await this.distinct(await this.openArchives(wanted));
    const mappingsKey = JSON.stringify(mappings);
    const ids = files.map((f) => f.id);
    const sameSetup = before !== null && before.mappingsKey === mappingsKey;
    if (sameSetup && sameIds(before.files, ids)) return summaryOf(before, alreadyLoaded);

    const appends = sameSetup && before.files.length < files.length && before.files.every((f, i) => f.id === ids[i]);
    try {
      if (appends) {
        const added = files.slice(before.files.length);
        // A file that cannot be read at all fails here, before the held calls are touched.
        await fingerprintsOf(added);
        // The held calls are written to from here on: until the add completes they are no session.
        this.held = null;
        await before.calls.add(added.map(toInput), readOptions(mappings, options));
        this.held = { ingestId, files, mappingsKey, calls: before.calls };
      } else {
        if (before) await this.checkUnchanged(files, before);
        const calls = new CdrSession();
        await calls.read(files.map(toInput), readOptions(mappings, options));
        await fingerprintsOf(files);
        this.held = { ingestId, files, mappingsKey, calls };
      }
    } catch (e) {
      const aborted = options.signal?.aborted === true;
      const message = aborted ? 'Reading was cancelled.' : e instanceof Error ? e.message : String(e);
      throw new SessionError(message, this.held === before, aborted);
    }
    return summaryOf(this.held, alreadyLoaded);
  }

  /** The files to read: each archive's files in its place (those not left out), every other file as it is. */
  private async openArchives(wanted: readonly SessionInput[]): Promise<SessionFile[]> {
    const opened = new Map<string, Promise<IngestInput[] | null>>();
    const files: SessionFile[] = [];
    for (const input of wanted) {
      const opening = this.archives.get(input.id) ?? opened.get(input.id) ?? archiveInputs(input);
      opened.set(input.id, opening);
      const entries = await opening;
      if (!entries) {
        files.push({ id: input.id, name: input.name, blob: input.blob, droppedId: input.id });
        continue;
      }
      for (const entry of entries) {
        const id = `${input.id}${ARCHIVE_ID_SEPARATOR}${entry.zipEntry!.index}`;
        if (!input.leaveOut?.includes(id)) files.push({ id, name: entry.name, blob: entry.blob, zipEntry: entry.zipEntry, droppedId: input.id });
      }
    }
    this.archives = opened;
    return files;
  }

  /** The wanted files, each distinct content once (the first asked for, or the one held, wins). */
  private async distinct(wanted: readonly SessionFile[]): Promise<{ files: HeldFile[]; alreadyLoaded: SessionSummary['alreadyLoaded'] }> {
    const heldById = new Map((this.held?.files ?? []).map((f) => [f.id, f]));
    const files: HeldFile[] = [];
    const alreadyLoaded: SessionSummary['alreadyLoaded'] = [];
    for (const input of wanted) {
      const known = heldById.get(input.id);
      const fingerprint = known?.fingerprint ?? fingerprintBlob(input.blob);
      // Awaited by a comparison or after the read (fingerprintsOf); a failure left unawaited until then is not reported twice.
      fingerprint.catch(() => undefined);
      let same: HeldFile | undefined;
      for (const f of files) {
        if (sameFingerprint(await f.fingerprint, await fingerprint) && (await sameContent(f.blob, input.blob))) {
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
      if (!now || !sameFingerprint(now, await f.fingerprint)) {
        throw new Error(`${f.name} has changed on disk (or was moved) since it was read, so it cannot be read again. Remove it, or add the file again.`);
      }
    }
  }
}

/** The files' fingerprints, read: a file that could not be read for one fails the request as it did before its read. */
async function fingerprintsOf(files: readonly HeldFile[]): Promise<void> {
  await Promise.all(files.map((f) => f.fingerprint));
}

function readOptions(mappings: Record<string, ColumnMapping>, options: ApplyOptions) {
  return { signal: options.signal, pool: options.pool, onProgress: options.onProgress, mappingOverrides: mappings };
}

function toInput(f: SessionFile): IngestInput {
  return { name: f.name, blob: f.blob, zipEntry: f.zipEntry };
}

function sameIds(files: readonly HeldFile[], ids: readonly string[]): boolean {
  return files.length === ids.length && files.every((f, i) => f.id === ids[i]);
}

function summaryOf(held: Held, alreadyLoaded: SessionSummary['alreadyLoaded']): SessionSummary {
  const summary = held.calls.summary ?? { files: [], calls: 0, trunks: [], span: null };
  return {
    ...summary,
    files: summary.files.map((f, i) => ({ ...f, fileId: held.files[i]?.id ?? '', droppedId: held.files[i]?.droppedId ?? '' })),
    ingestId: held.ingestId,
    alreadyLoaded,
  };
}
