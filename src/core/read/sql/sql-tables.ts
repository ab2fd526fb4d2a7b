/**
 * What tables an SQL dump's first text holds, for detection: the tables that have rows (INSERT or
 * COPY, with the columns the statement or its CREATE TABLE names) and the tables only created.
 * The whole sniff text goes through the same tokenizer the parsers use, so detection and reading
 * never disagree about a dump's syntax. The last answer is kept: several format modules ask about
 * the same sample in a row.
 */
import { looksLikeSqlDump } from './auto-tokenizer';
import { SqlInsertTokenizer } from './sql-insert-tokenizer';

export interface DumpTable {
  /** Table name without schema or quotes, as written. */
  name: string;
  /** Column names in tuple order; null when neither an INSERT column list nor a CREATE TABLE says. */
  columns: string[] | null;
  /** Rows of it in the sniffed text (0: only its CREATE TABLE was seen). */
  rows: number;
}

export interface DumpOverview {
  /** Which program wrote the dump, from its opening comment. */
  writer: 'phpMyAdmin' | 'mysqldump' | 'pg_dump' | 'SQL dump';
  tables: DumpTable[];
}

let last: { text: string; overview: DumpOverview | null } | null = null;

/** The tables of a dump, or null when the text is not an SQL dump. */
export function dumpOverview(text: string): DumpOverview | null {
  if (last?.text === text) return last.overview;
  const overview = looksLikeSqlDump(text) ? readOverview(text) : null;
  last = { text, overview };
  return overview;
}

function readOverview(text: string): DumpOverview {
  const tokenizer = new SqlInsertTokenizer();
  const byName = new Map<string, DumpTable>();
  const sink = (): void => {
    const table = tokenizer.currentTable;
    if (!table) return;
    const key = table.name.toLowerCase();
    const seen = byName.get(key);
    if (seen) {
      seen.rows++;
      seen.columns ??= table.columns;
    } else byName.set(key, { name: table.name, columns: table.columns, rows: 1 });
  };
  tokenizer.push(text, sink);
  tokenizer.end(sink);
  for (const [key, columns] of tokenizer.tableColumns) {
    if (!byName.has(key)) byName.set(key, { name: key, columns, rows: 0 });
  }
  return { writer: writerOf(text), tables: [...byName.values()] };
}

function writerOf(text: string): DumpOverview['writer'] {
  const head = text.slice(0, 400);
  if (/--\s*phpMyAdmin SQL Dump/i.test(head)) return 'phpMyAdmin';
  if (/--\s*(MySQL|MariaDB) dump/i.test(head)) return 'mysqldump';
  if (/--\s*PostgreSQL database dump/i.test(head)) return 'pg_dump';
  return 'SQL dump';
}
