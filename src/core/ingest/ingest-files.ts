/**
 * Several files dropped together → one CallStore. Files are read one after another (each streamed),
 * share one deduper so a call present in two exports counts once, and report progress over the
 * total size of the drop. A session adds files later (`continueFrom`): the new files go into the
 * same store through the same deduper, exactly as if they had been dropped with the first ones.
 * Once every file is read and its trunks named, the store is sealed (CallStore.seal(): in the
 * order the analysis reads, read-only), here or by the caller (sealLater); adding files unseals it
 * and seals it again.
 */
import { escapeControls } from '../model/visible-text';
import { CallStore } from '../analysis/call-store';
import type { OnCallsMerged } from '../analysis/span-counts';
import { renumberTally, summarizeTally, tallySpan, tallyTrunks, type TrunkSummary, type TrunkTally } from '../analysis/trunk-summary';
import type { ColumnMapping, FormatModule } from '../formats/format-module';
import { CallDeduper } from './call-deduper';
import { settleDropDateOrders, type DatedFile } from './drop-date-order';
import { ingestBlob, type DatedFileHandle, type FileIngestResult } from './ingest-file';
import type { PiecePool } from './pieces/piece-types';
import type { ZipEntry } from '../read/zip/zip-directory';

export interface IngestInput {
  name: string;
  blob: Blob;
  /** The blob is this entry of a ZIP archive (archive-inputs.ts: an archive is opened into one input per file). */
  zipEntry?: ZipEntry;
}

export interface DropProgress {
  fileIndex: number;
  fileCount: number;
  fileName: string;
  bytesRead: number;
  totalBytes: number;
  rowsRead: number;
}

export interface IngestSummary {
  files: FileIngestResult[];
  /** Calls kept (after de-duplication) over all files. */
  calls: number;
  trunks: TrunkSummary[];
  /** First and last call start (wall ms), null when no call was read. */
  span: { firstMs: number; lastMs: number } | null;
}

export interface IngestFilesOptions {
  signal?: AbortSignal;
  onProgress?: (p: DropProgress) => void;
  sliceBytes?: number;
  formats?: readonly FormatModule[];
  mappingOverrides?: Readonly<Record<string, ColumnMapping>>;
  /** Parse big splittable files in pieces on this pool (Web Workers in the browser). */
  pool?: PiecePool;
  /** Piece size (tests use tiny pieces to cut everywhere); default PIECE_BYTES. */
  pieceBytes?: number;
  /**
   * Add the inputs to these files' calls instead of starting empty. `store` and `deduper` are
   * written to: when the read fails or is cancelled they hold part of the new files (the store unsealed).
   */
  continueFrom?: IngestedFiles;
  /**
   * Leave the store unsealed: the caller seals it, with fileOfCall alongside, before reading it
   * (CdrSession: the worker posts what was read first, and seals while the page paints it).
   */
  sealLater?: boolean;
  /** After each merge into the store (IngestOptions.onCallsMerged). */
  onCallsMerged?: OnCallsMerged;
}

/** What ingestFiles built: the calls (sealed unless sealLater), the deduper that saw them, and which file each call came from. */
export interface IngestedFiles {
  summary: IngestSummary;
  store: CallStore;
  deduper: CallDeduper;
  /**
   * Per row of the store: the index (in summary.files) of the file the call was read from; empty
   * when the session holds one file (every call is file 0's). Sealed alongside the store's columns.
   */
  fileOfCall: Uint16Array;
  /** The store's calls counted per trunk, as the merges added them (the summary's trunks and span). */
  tally: TrunkTally;
}

/** Files a session can tell apart in fileOfCall. */
export const MAX_SESSION_FILES = 0xffff;

export async function ingestFiles(inputs: readonly IngestInput[], options: IngestFilesOptions = {}): Promise<IngestedFiles> {
  const before = options.continueFrom;
  const store = before?.store ?? new CallStore();
  const deduper = before?.deduper ?? new CallDeduper();
  let tally = before?.tally ?? tallyTrunks(store, store.length);
  const totalBytes = inputs.reduce((n, f) => n + f.blob.size, 0);
  const files: FileIngestResult[] = [...(before?.summary.files ?? [])];
  if (files.length + inputs.length > MAX_SESSION_FILES) throw new Error(`at most ${MAX_SESSION_FILES} files can be read together`);
  const heldCalls = store.length;
  /** The store's rows of each file read now (`file`: its index in `files`); a file settled late has two. */
  const callRanges: Array<{ file: number; from: number; to: number }> = [];
  /** The files whose dates read both ways, with their index in `files`: the drop settles their order. */
  const dated: Array<DatedFileHandle & { file: number; fileName: string }> = [];
  store.unseal();
  let bytesBefore = 0;
  let rowsBefore = 0;
  for (const [fileIndex, input] of inputs.entries()) {
    const from = store.length;
    // A name is untrusted text (any path inside a .zip is one): its controls and direction overrides
    // are escapes from here on, in the file card, the messages, the progress and a share link alike.
    const fileName = escapeControls(input.name);
    const result = await ingestBlob(
      input.blob,
      {
        fileName,
        signal: options.signal,
        sliceBytes: options.sliceBytes,
        formats: options.formats,
        mappingOverrides: options.mappingOverrides,
        deduper,
        store,
        tally,
        pool: options.pool,
        pieceBytes: options.pieceBytes,
        onCallsMerged: options.onCallsMerged,
        zipEntry: input.zipEntry,
        onDateOrder: (handle) => dated.push({ ...handle, file: files.length, fileName }),
        onProgress: (p) =>
          options.onProgress?.({
            fileIndex,
            fileCount: inputs.length,
            fileName,
            bytesRead: bytesBefore + p.bytesRead,
            totalBytes,
            rowsRead: rowsBefore + p.rowsRead,
          }),
      },
    );
    tally = renamed(tally, store.renameTrunks(result.trunkAliases));
    callRanges.push({ file: files.length, from, to: store.length });
    files.push(result);
    bytesBefore += input.blob.size;
    rowsBefore += result.rows.read;
  }
  // Every file read: the day/month order of each file whose dates read both ways, from the drop.
  const earlier = (before?.summary.files ?? []).flatMap(provenEarlier);
  settleDropDateOrders(dated, earlier).forEach((told, k) => {
    if (told === null) return;
    const { file, settle } = dated[k]!;
    const from = store.length;
    settle(told, tally);
    if (store.length > from) callRanges.push({ file, from, to: store.length });
    tally = renamed(tally, store.renameTrunks(files[file]!.trunkAliases));
  });
  tally = renamed(tally, applyCompanionNames(files, store));
  // Kept only for files added later: the keys alone, half the table's bytes, until then.
  deduper.pack();
  // One file: every call is its own, and the column would be 2 bytes per call of zeros (8 MB at 4M calls).
  const fileOfCall = new Uint16Array(files.length === 1 ? 0 : store.length);
  if (fileOfCall.length > 0) {
    // Held calls of a session of one file (its column empty) stay zeros: file 0's.
    if (before) fileOfCall.set(before.fileOfCall.subarray(0, heldCalls));
    for (const { file, from, to } of callRanges) fileOfCall.fill(file, from, to);
  }
  if (!options.sealLater) store.seal([fileOfCall]);
  return { summary: { files, calls: store.length, trunks: summarizeTally(tally, store), span: tallySpan(tally) }, store, deduper, fileOfCall, tally };
}

/** A file of the session read before, as a proof of its day/month order for the files added now. */
function provenEarlier(f: FileIngestResult): DatedFile[] {
  const reading = f.dateOrder;
  if (reading?.basis !== 'file') return [];
  return [{ fileName: f.fileName, dates: { proven: reading.order, proof: reading.proof, unsure: null, readAtOnce: null } }];
}

/** The tally under the store's trunk ids after a rename (`remap`: CallStore.renameTrunks'). */
function renamed(tally: TrunkTally, remap: readonly number[] | null): TrunkTally {
  return remap ? renumberTally(tally, remap) : tally;
}

/**
 * Names one file gives to another's trunks (dr_gateways → acc gateway groups), applied to all. A
 * companion names a trunk by its raw name; a file that already labelled that raw name itself
 * (trunkAliases: "gwgroup 3" → "gwgroup 3 (34.210.91.112)") gets the companion's name on its label,
 * and no longer needs its companion hint.
 */
function applyCompanionNames(files: FileIngestResult[], store: CallStore): readonly number[] | null {
  const names = new Map<string, string>();
  for (const f of files) for (const [raw, name] of f.companionTrunkNames) names.set(raw, name);
  if (names.size === 0) return null;
  for (const f of files) {
    for (const [raw, label] of f.trunkAliases) {
      const name = names.get(raw);
      if (name !== undefined && !names.has(label)) names.set(label, name);
    }
    f.companionHint = null;
  }
  const remap = store.renameTrunks(names);
  for (const f of files) {
    const merged = new Map<string, number>();
    for (const t of f.trunks) {
      const name = names.get(t.name) ?? t.name;
      merged.set(name, (merged.get(name) ?? 0) + t.calls);
    }
    f.trunks = [...merged].map(([name, calls]) => ({ name, calls })).sort((a, b) => b.calls - a.calls || a.name.localeCompare(b.name));
  }
  return remap;
}
