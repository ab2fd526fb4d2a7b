/**
 * The merge stage of the ingest pipeline, the only merge: parsed calls (a piece's, or one pass's
 * batches) into the drop's CallStore in file order, de-duplicated, with the piece's row accounting
 * joining the file's, its lines shifted.
 */
import { DIRECTIONS, type CallStore } from '../../analysis/call-store';
import type { OnCallsMerged, PieceClassified } from '../../analysis/span-counts';
import { addTally, tallyTrunks, type TrunkTally } from '../../analysis/trunk-summary';
import { DUPLICATE_REASON, type CallDeduper } from '../call-deduper';
import type { RowAccounting } from '../row-accounting';
import { countDirection, type FileTraffic } from '../traffic';
import { countDirections, type ParsedCalls } from '../parse-rows';
import type { FarBehindWatch } from '../find-clock-folds';
import type { PieceResult } from './piece-types';

export interface MergeTarget {
  store: CallStore;
  deduper: CallDeduper | undefined;
  accounting: RowAccounting;
  /** Used calls per raw trunk name (before the file's aliases), as ingest-file counts them. */
  trunkCounts: Map<string, number>;
  /** The file's stored calls by direction, as ingest-file counts them. */
  traffic: FileTraffic;
  /** The store's calls counted per trunk (the drop's: every file's, under the store's ids). */
  tally: TrunkTally;
  /** After each merge, the calls in the store (IngestOptions.onCallsMerged). */
  onCallsMerged?: OnCallsMerged;
  /** The file's rows read for a clock going back as they are merged (find-clock-folds.ts). */
  folds?: FarBehindWatch;
}

/** Merge `piece`, whose first line is line `lineOffset + 1` of the file: its rows, then its calls. */
export function mergePiece(piece: PieceResult, target: MergeTarget, lineOffset: number): void {
  target.accounting.absorb(piece.rows, piece.skipped, lineOffset);
  mergeCalls(piece, target, lineOffset);
}

/**
 * Calls parsed elsewhere (a piece, or a batch of one pass) into the store, in file order: each is
 * offered to the deduper (a duplicate's row is reclassified from used to skipped) and the rest
 * appended column by column; the piece's own counts (per trunk, per direction) are added, counted
 * again over the calls kept only when some were duplicates. The serial work per call is the
 * de-duplication look-up and the columns' copy. The rows themselves are accounted by the caller
 * (mergePiece, or one pass at its end).
 */
export function mergeCalls(parsed: ParsedCalls & { classified?: PieceClassified | null }, target: MergeTarget, lineOffset: number): void {
  const { store, deduper, accounting, trunkCounts, traffic } = target;
  const c = parsed.calls;
  const duplicates = deduper ? deduper.offerKeys(parsed.dedupeKeys, c.length) : [];
  const rowsOf = foldedRowsOf(parsed.foldedRows, duplicates.length);
  for (const i of duplicates) {
    // Every row of the call becomes a skipped row, reported at its first line.
    const line = parsed.lines[i]!;
    accounting.reclassifyUsedAsSkipped(DUPLICATE_REASON, line === 0 ? 0 : line + lineOffset, rowsOf?.get(i) ?? 1);
  }
  const rows = duplicates.length === 0 ? null : keptRows(c.length, duplicates);
  const tally = rows ? tallyTrunks(c.arrays, c.length, rows) : parsed.tally;
  const directions = rows ? countDirections(c.arrays.direction, c.length, rows) : parsed.directions;
  const from = store.length;
  const ids = store.appendRows(c, rows);
  target.folds?.follow(store.startMs, store.length);
  addTally(target.tally, tally, ids.trunk ?? [], ids.reason ?? []);
  directions.forEach((calls, d) => countDirection(traffic, DIRECTIONS[d]!, calls));
  const trunkNames = c.texts.trunk;
  for (const [t, count] of tally) {
    // A piece's trunk ids are all below the overflow id (a piece holds far fewer than 65,534 trunks).
    const name = trunkNames[t];
    if (name === undefined) continue;
    let calls = 0;
    for (const n of count.codes.values()) calls += n;
    trunkCounts.set(name, (trunkCounts.get(name) ?? 0) + calls);
  }
  // A piece's own counts hold every call of it: taken only when none was dropped here.
  const classified = rows === null ? parsed.classified : null;
  target.onCallsMerged?.(store, classified ? { classified, columns: c, from, trunkIds: ids.trunk ?? [], reasonIds: ids.reason ?? [] } : undefined);
}

/** The rows of the calls that fold several (ParsedCalls.foldedRows) by index; null when no duplicate needs it. */
function foldedRowsOf(folded: readonly number[] | undefined, duplicates: number): Map<number, number> | null {
  if (!folded || folded.length === 0 || duplicates === 0) return null;
  const rows = new Map<number, number>();
  for (let k = 0; k + 1 < folded.length; k += 2) rows.set(folded[k]!, folded[k + 1]!);
  return rows;
}

/** 0 … length - 1 without `duplicates` (ascending). */
function keptRows(length: number, duplicates: readonly number[]): Uint32Array {
  const rows = new Uint32Array(length - duplicates.length);
  let next = 0;
  let d = 0;
  for (let i = 0; i < length; i++) {
    if (i === duplicates[d]) d++;
    else rows[next++] = i;
  }
  return rows;
}
