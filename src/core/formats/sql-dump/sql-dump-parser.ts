/**
 * The RowParser of every SQL-dump format: the shared SQL tokenizer (src/core/read/sql) turns the
 * dump into tuples, each tuple is matched to its table, and the table's rows go through the row
 * parser of the family that owns that table (Asterisk's cdr columns, VICIdial's carrier log,
 * FreeSWITCH's templates), fed exactly as that family's own export would be: a header row made of
 * the SQL column names (or the family's header) first, then each tuple in the family's column
 * order. So trunk, outcome and date rules live in one place per family.
 */
import type { CallDirection } from '../../model/call-record';
import type { FormatCapabilities, HeldRecord, ParserInit, RowOutcome, RowParser } from '../format-module';
import { SqlInsertTokenizer } from '../../read/sql/sql-insert-tokenizer';
import { rowOf, type Row } from '../../read/row';
import { sqlRows } from '../../read/sql/auto-tokenizer';

/** How one family reads the rows of one kind of table. */
export interface TableReader {
  /** What the table is, for the file card: "Asterisk cdr table". */
  what: string;
  /** Does a table of this name and these columns hold this reader's rows? */
  accepts(name: string, columns: readonly string[] | null): boolean;
  /** The family's parser for this table, the header row to prime it with, and the tuple → row map. */
  open(init: ParserInit, columns: readonly string[] | null): OpenTable | { skip: string };
}

export interface OpenTable {
  parser: RowParser;
  /** Fed to the parser once, before the first tuple (it must take it for a header). */
  header: string[] | null;
  /** Tuple width the table declares (null: any). */
  width: number | null;
  /** A tuple → the row the family's parser reads. */
  project(fields: readonly string[]): string[];
  /** The call's direction from a column of the table, when it has one the family's rows lack. */
  direction?(fields: readonly string[]): CallDirection;
}

type TableState = OpenTable | { skip: string };

const NO_CAPABILITIES: FormatCapabilities = { sipCodes: false, separates503From603: false, hasEndTimes: false, hasTrunk: false };

export function createSqlDumpParser(init: ParserInit, readers: readonly TableReader[]): RowParser {
  const tokenizer = new SqlInsertTokenizer();
  const rows = sqlRows(tokenizer);
  const tables = new Map<string, TableState>();

  const open = (name: string, columns: readonly string[] | null, line: number): TableState => {
    const reader = readers.find((r) => r.accepts(name, columns));
    if (!reader) return { skip: `table ${name}: not call records this format reads` };
    const opened = reader.open(init, columns);
    if ('skip' in opened) return opened;
    if (opened.header) opened.parser.parse(rowOf(opened.header), line);
    return opened;
  };

  return {
    tokenizer: rows,
    parse(row: Row, line: number): RowOutcome {
      const fields = row.fields();
      const table = tokenizer.currentTable;
      if (!table) return { kind: 'skip', reason: 'SQL row outside a table' };
      if (!tokenizer.tupleComplete) return { kind: 'skip', reason: 'truncated row: the dump ends inside it' };
      const key = `${table.name.toLowerCase()}\u0000${table.columns?.join('\u0000') ?? ''}`;
      let state = tables.get(key);
      if (!state) {
        state = open(table.name, table.columns, line);
        tables.set(key, state);
      }
      if ('skip' in state) return { kind: 'skip', reason: state.skip };
      if (state.width !== null && fields.length !== state.width) {
        const side = fields.length < state.width ? 'few' : 'many';
        return { kind: 'skip', reason: `too ${side} values (${fields.length} of ${state.width} columns of ${table.name})` };
      }
      const outcome = state.parser.parse(rowOf(state.project(fields.map(sqlValue))), line);
      if (outcome.kind === 'record' && state.direction) {
        // The table's own column wins where it says something; otherwise the row reader's reading stays.
        const stated = state.direction(fields);
        if (stated !== 'unknown') outcome.record.direction = stated;
      }
      return outcome;
    },
    finish(): HeldRecord[] {
      return parsersOf(tables).flatMap((p) => p.finish?.() ?? []);
    },
    capabilities(): FormatCapabilities {
      const all = parsersOf(tables).map((p) => p.capabilities());
      if (all.length === 0) return NO_CAPABILITIES;
      return {
        sipCodes: all.some((c) => c.sipCodes),
        separates503From603: all.some((c) => c.separates503From603),
        hasEndTimes: all.some((c) => c.hasEndTimes),
        hasTrunk: all.some((c) => c.hasTrunk),
      };
    },
    companionHint(): string | null {
      for (const p of parsersOf(tables)) {
        const hint = p.companionHint?.() ?? null;
        if (hint !== null) return hint;
      }
      return null;
    },
    trunkAliases(): ReadonlyMap<string, string> {
      const aliases = new Map<string, string>();
      for (const p of parsersOf(tables)) for (const [from, to] of p.trunkAliases?.() ?? []) aliases.set(from, to);
      return aliases;
    },
  };
}

/** `2024-05-01 12:00:00+00`: a timestamptz as pg_dump writes it (the dumping session's zone). */
const ZONED_TIME = /^(\d{4}-\d\d-\d\d[ T]\d\d:\d\d:\d\d(?:\.\d{1,9})?)[+-]\d\d(?::?\d\d)?$/;

/**
 * A value as the family readers expect a text export to write it: MySQL's zero date (an
 * unanswered call's answer time in `NOT NULL` datetime columns) is no time at all, and a
 * timestamptz keeps its wall-clock digits (CDR times are shown as written; the offset is dropped).
 */
function sqlValue(value: string): string {
  if (value.length < 19 || value.length > 35 || value.charCodeAt(4) !== 45 /* - */) return value;
  if (value.startsWith('0000-00-00')) return '';
  const zoned = ZONED_TIME.exec(value);
  return zoned ? zoned[1]! : value;
}

function parsersOf(tables: ReadonlyMap<string, TableState>): RowParser[] {
  return [...tables.values()].flatMap((t) => ('skip' in t ? [] : [t.parser]));
}

/** Lower-cased column name → index, for readers that pick columns by name. */
export function columnIndex(columns: readonly string[]): Map<string, number> {
  const index = new Map<string, number>();
  columns.forEach((c, i) => {
    const key = c.trim().toLowerCase();
    if (!index.has(key)) index.set(key, i);
  });
  return index;
}

/** A projector that lays the named columns out in `order` (first name found of each alternative). */
export function projectByName(columns: readonly string[], order: readonly (readonly string[])[]): (fields: readonly string[]) => string[] {
  const index = columnIndex(columns);
  const picks = order.map((names) => names.map((n) => index.get(n)).find((i) => i !== undefined) ?? -1);
  return (fields) => picks.map((i) => (i < 0 ? '' : (fields[i] ?? '')));
}
