/**
 * The RowParser every module in this folder shares: a module maps its row layout to a CdrRow
 * (or returns a header/skip outcome itself); this core decides the date order, converts, holds
 * back rows whose D/M order is not known yet (returned as 'merged', emitted by finish()), and
 * tracks what the file turned out to state (capabilities).
 */
import type { CallRecord } from '../../model/call-record';
import type { FileDateOrder, FormatCapabilities, HeldRecord, ParserInit, RowOutcome, RowParser } from '../format-module';
import type { DateOrder } from '../../model/wall-time';
import { plainCdrRow, type CdrRow, type RawTime, type RawTimes } from './cdr-row';
import { DateOrderResolver, DEFAULT_DATE_ORDER } from './date-order';
import { dateOrderHint, misreadRowsHint } from '../shared/date-order-hint';
import { convertRow, SKIP_BAD_START } from './record';
import { absorbSeconds, secondsHint, SecondsFromUniqueid } from './seconds-from-uniqueid';
import { ChannelTrunks } from './trunk';
import type { Row } from '../../read/row';
import type { CallValues } from '../../analysis/call-columns';

export interface MappedRow {
  kind: 'row';
  row: CdrRow;
  times: RawTimes;
}

export type MapResult = MappedRow | RowOutcome;

/** Rows held back waiting for the date order; beyond this the default order is used. */
export const MAX_HELD_ROWS = 20_000;

export interface CoreConfig {
  map(row: Row, line: number): MapResult;
  /**
   * Writes the row's call into `values` from its bytes when the module can (master-columns.ts),
   * answering true; false: map() reads the row. `channels`: the parser's memo of channel trunks.
   */
  write?(row: Row, values: CallValues, channels: ChannelTrunks): boolean;
  /**
   * The skip map() and convertRow would give the row, when the module tells it from the row's
   * bytes (master-columns.ts: a Local channel's leg); null: map() reads the row. Asked after
   * write(), of the rows parsed into columns. `channels`: the parser's memo of channel trunks.
   */
  skip?(row: Row, channels: ChannelTrunks): RowOutcome | null;
  /** False when the layout has no trunk notion at all (spreadsheet subsets). */
  hasTrunk(): boolean;
  /** RowParser.startField: the field of the start time, once the first row is mapped; null: not known. */
  startField?(): number | null;
}

/** What parse() answers for a call written into its CallValues (one object: it carries nothing). */
const WRITTEN: RowOutcome = Object.freeze({ kind: 'values' });

/** `init.awaitDateOrder`: rows the file cannot order wait at finish() for settleDateOrder() (format-module.ts). */
export function createCdrParser(config: CoreConfig, init?: ParserInit): RowParser {
  const dates = new DateOrderResolver(init?.provenDateOrder);
  const held: Array<MappedRow & { line: number }> = [];
  const channels = new ChannelTrunks();
  let sawSip = false;
  let sawCause = false;
  /** Rows past MAX_HELD_ROWS read in the default order while the order was still unknown (generic/parser.ts has the same). */
  let unheld: { rows: number; firstLine: number; start: string | null } | null = null;
  /** What the file card says about the date order, set at finish(); null: nothing. */
  let orderHint: string | null = null;
  /** The order the drop settled (settleDateOrder), for the rows held; null: not told. */
  let settled: DateOrder | null = null;
  /** The file's dates as finish() found them (dateOrder()); null before finish(). */
  let found: FileDateOrder | null = null;
  /** The file was read in pieces, whose evidence this parser absorbed (it parses no row itself). */
  let readInPieces = false;
  /** Starts written without seconds, and those given theirs by the uniqueid (the file card's note). */
  const seconds = new SecondsFromUniqueid();

  const note = (record: CallRecord): void => {
    if (record.codeSource === 'sip' && record.sipCode !== null) sawSip = true;
    if (record.q850 !== null) sawCause = true;
  };

  return {
    parse(row, line, values) {
      if (values !== undefined) {
        if (config.write?.(row, values, channels) === true) return WRITTEN;
        const skipped = config.skip?.(row, channels);
        if (skipped) return skipped;
      }
      const mapped = config.map(row, line);
      if (mapped.kind !== 'row') return mapped;
      const choice = dates.chooseForRow(mapped.times.start, mapped.row.uniqueid);
      if (!choice) return { kind: 'skip', reason: SKIP_BAD_START };
      const outcome = convertRow(mapped.row, mapped.times, choice.order, channels, dates.startMs, seconds.restore);
      if (outcome.kind !== 'record') return outcome;
      note(outcome.record);
      if (!choice.settled && held.length >= MAX_HELD_ROWS) {
        unheld ??= { rows: 0, firstLine: line, start: rawStart(mapped.times.start) };
        unheld.rows++;
      }
      if (!choice.settled && held.length < MAX_HELD_ROWS) {
        // A mapped row may read the tokenizer's row lazily and be read again for the next row
        // (cdr-csv.ts): kept, it needs copies of its own.
        held.push({ kind: 'row', row: plainCdrRow(mapped.row), times: { ...mapped.times }, line });
        return { kind: 'merged' };
      }
      return outcome;
    },
    finish() {
      const decided = dates.decided();
      const guessed = held.length > 0 ? rawStart(held[0]!.times.start) : (unheld?.start ?? null);
      found ??= { proven: decided, proof: dates.proof(), unsure: guessed?.trim() ?? null, readAtOnce: unheld?.start ? { rows: unheld.rows, firstLine: unheld.firstLine, start: unheld.start } : null };
      // Read with other files: rows the file cannot order wait for the order one of them proves.
      if (decided === null && settled === null && init?.awaitDateOrder && held.length > 0) return [];
      if (settled === null) {
        if (decided === null && guessed !== null) orderHint = dateOrderHint(guessed);
        else if (decided !== null && decided !== DEFAULT_DATE_ORDER && unheld?.start) orderHint = misreadRowsHint(unheld.rows, unheld.firstLine, unheld.start);
      }
      const order = decided ?? settled ?? DEFAULT_DATE_ORDER;
      const records: HeldRecord[] = [];
      for (const h of held) {
        // Counted when first read (parse()): read again in the decided order, not counted twice.
        const outcome = convertRow(h.row, h.times, order, channels, undefined, seconds.restoreQuietly);
        if (outcome.kind === 'record') records.push({ record: outcome.record, firstLine: h.line, rows: 1 });
      }
      held.length = 0;
      return records;
    },
    dateOrder(): FileDateOrder | null {
      // Read in pieces, each piece read its rows in the order its own rows proved, or month first:
      // none waits for the drop (unsure: null); the file proves what its pieces prove together.
      const dated = found ?? (readInPieces ? { proven: dates.decided(), proof: dates.proof(), unsure: null, readAtOnce: null } : null);
      return dated && (dated.proven !== null || dated.unsure !== null) ? dated : null;
    },
    settleDateOrder(order, note) {
      settled = order;
      orderHint = note;
    },
    companionHint(): string | null {
      const notes = [orderHint, secondsHint(seconds.tally)].filter((n): n is string => n !== null);
      return notes.length > 0 ? notes.join(' ') : null;
    },
    // A file read in pieces: each piece's starts without seconds and date order evidence, added up in the file's parser.
    fileEvidence: () => ({ seconds: { ...seconds.tally }, dates: dates.evidence() }),
    absorbFileEvidence(evidence: unknown): void {
      absorbSeconds(seconds.tally, evidence);
      if (typeof evidence === 'object' && evidence !== null && 'dates' in evidence) dates.absorb(evidence.dates);
      readInPieces = true;
    },
    startField: () => config.startField?.() ?? null,
    capabilities(): FormatCapabilities {
      return {
        sipCodes: sawSip,
        separates503From603: sawSip || sawCause,
        hasEndTimes: true,
        hasTrunk: config.hasTrunk(),
      };
    },
  };
}

/** A start as written, for the hint (a start already read as a number needs no order). */
function rawStart(start: RawTime): string | null {
  return typeof start === 'string' ? start : null;
}
