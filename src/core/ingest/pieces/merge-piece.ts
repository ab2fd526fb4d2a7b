/**
 * A parsed piece into the drop's CallStore, in file order: each call is offered to the deduper
 * (a duplicate is reclassified from used to skipped, as in one pass), its trunk and reason are
 * re-interned, and the piece's row accounting joins the file's with its lines shifted.
 */
import { DIRECTIONS, type CallStore } from '../../analysis/call-store';
import { DUPLICATE_REASON, type CallDeduper } from '../call-deduper';
import type { RowAccounting } from '../row-accounting';
import { countDirection, type FileTraffic } from '../traffic';
import type { PieceResult } from './piece-types';

export interface MergeTarget {
  store: CallStore;
  deduper: CallDeduper | undefined;
  accounting: RowAccounting;
  /** Used calls per raw trunk name (before the file's aliases), as ingest-file counts them. */
  trunkCounts: Map<string, number>;
  /** The file's stored calls by direction, as ingest-file counts them. */
  traffic: FileTraffic;
}

/** Merge `piece`, whose first line is line `lineOffset + 1` of the file. */
export function mergePiece(piece: PieceResult, target: MergeTarget, lineOffset: number): void {
  const { store, deduper, accounting, trunkCounts, traffic } = target;
  accounting.absorb(piece.rows, piece.skipped, lineOffset);
  const c = piece.calls;
  const trunk = c.arrays.trunk;
  const direction = c.arrays.direction;
  const trunkNames = c.texts.trunk;
  const perTrunk = new Uint32Array(trunkNames.length);
  // The calls that are not duplicates, in order: the store appends them column by column.
  const kept = new Uint32Array(c.length);
  let keptCount = 0;
  for (let i = 0; i < c.length; i++) {
    const key = piece.dedupeKeys[i]!;
    if (deduper && !Number.isNaN(key) && !deduper.offerKey(key)) {
      const line = piece.lines[i]!;
      accounting.reclassifyUsedAsSkipped(DUPLICATE_REASON, line === 0 ? 0 : line + lineOffset);
      continue;
    }
    kept[keptCount++] = i;
    countDirection(traffic, DIRECTIONS[direction[i]!] ?? 'unknown');
    const t = trunk[i]!;
    if (t < perTrunk.length) perTrunk[t] = perTrunk[t]! + 1;
  }
  store.appendRows(c, kept.subarray(0, keptCount));
  for (let t = 0; t < perTrunk.length; t++) {
    const n = perTrunk[t]!;
    if (n > 0) trunkCounts.set(trunkNames[t]!, (trunkCounts.get(trunkNames[t]!) ?? 0) + n);
  }
}
