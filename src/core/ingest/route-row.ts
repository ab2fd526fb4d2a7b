/**
 * One tokenized row through a format's parser into the row accounting; used by the parse stage
 * (parse-rows.ts) only, whether it reads a whole file or one piece.
 */
import type { CallValues } from '../analysis/call-columns';
import type { CallRecord } from '../model/call-record';
import { INTERNAL_CALL_REASON } from '../model/direction';
import type { HeldRecord, RowOutcome, RowParser } from '../formats/format-module';
import type { Row } from '../read/row';
import type { RowAccounting } from './row-accounting';

/**
 * Hands a record on with the line of its first row and the rows of the file it stands for (one, or
 * a held record's HeldRecord.rows): a duplicate turns them all into skipped rows at that line.
 * `countsAsRow` is false for records a parser held back (their rows were counted when read).
 */
export type DeliverRecord = (record: CallRecord, line: number, countsAsRow: boolean, rows: number) => void;

export const UNWRITTEN_CALL = 'unreadable row (the parser wrote its call nowhere)';

/** Hands on the call a parser wrote into `values` (its row counted as used). */
export type DeliverValues = (values: CallValues, line: number) => void;

/** `values`: where the parser may write a call's columns itself (then deliverValues gets them); null: records only. */
export function routeRow(parser: RowParser, row: Row, line: number, accounting: RowAccounting, deliver: DeliverRecord, values: CallValues | null = null, deliverValues: DeliverValues | null = null): void {
  let outcome: RowOutcome;
  const rowsBefore = values?.store.length ?? 0;
  try {
    outcome = values !== null ? parser.parse(row, line, values) : parser.parse(row, line);
  } catch (e) {
    // A parser must not throw on bad input; if one does, the row is skipped, not the file, and a
    // call it began writing into the store is taken back (half a call, with no line or key).
    if (values !== null && values.store.length > rowsBefore) values.store.length = rowsBefore;
    outcome = { kind: 'skip', reason: `unreadable row (${e instanceof Error ? e.message : String(e)})` };
  }
  switch (outcome.kind) {
    case 'record':
      if (outcome.record.direction === 'internal') accounting.skip(INTERNAL_CALL_REASON, line);
      else deliver(outcome.record, line, true, 1);
      break;
    case 'values':
      // Only a parser given `values` writes there; one that answers so anyway has written nothing.
      if (values === null || deliverValues === null) accounting.skip(UNWRITTEN_CALL, line);
      else {
        accounting.use();
        deliverValues(values, line);
      }
      break;
    case 'header':
      accounting.header();
      break;
    case 'merged':
      accounting.use();
      if (outcome.released) for (const held of outcome.released) deliverHeld(held, accounting, deliver);
      break;
    case 'skip':
      accounting.skip(outcome.reason, line);
      break;
  }
}

/**
 * The records a parser held back until the end of its rows (their rows were counted as used when
 * read): an internal one turns that row into a skip, the rest are delivered; rows the parser found
 * not to be used after all (lateSkips) become skips with its reasons.
 */
export function releaseHeld(parser: RowParser, accounting: RowAccounting, deliver: DeliverRecord): void {
  for (const held of parser.finish?.() ?? []) deliverHeld(held, accounting, deliver);
  for (const group of parser.lateSkips?.() ?? []) accounting.reclassifyManyUsedAsSkipped(group.reason, group.count, group.firstLines);
}

/**
 * An internal record held back is a row held alone (a date order not known yet): a parser that
 * folds rows into calls skips its own internal calls (Kamailio: lateSkips, one reason per call).
 */
function deliverHeld(held: HeldRecord, accounting: RowAccounting, deliver: DeliverRecord): void {
  if (held.record.direction === 'internal') accounting.reclassifyUsedAsSkipped(INTERNAL_CALL_REASON, held.firstLine);
  else deliver(held.record, held.firstLine, false, held.rows);
}
