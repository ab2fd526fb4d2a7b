/**
 * SQL dumps of CDR tables (phpMyAdmin, mysqldump, pg_dump; INSERT or COPY): one module per family
 * so the file card and the capabilities name the family, all reading through one SQL tokenizer
 * (src/core/read/sql, shared with Kamailio's acc dumps) and the family's own row parser
 * (sql-dump-parser.ts). Detected from the tables in the dump's first text, never from its name.
 */
import type { Detection, FormatFamily, FormatModule, SniffSample } from '../format-module';
import { FORMAT_LABELS, type FormatId } from '../format-labels';
import { dumpOverview } from '../../read/sql/sql-tables';
import { createSqlDumpParser, type TableReader } from './sql-dump-parser';
import { ASTERISK_CDR_TABLE, FREESWITCH_CDR_TABLE, VICIDIAL_CARRIER_LOG_TABLE, VICIDIAL_LOG_TABLE } from './table-readers';

/** Rows of a table we read in the first text: as sure as a known header. */
const SCORE_ROWS = 0.95;
/** Only its CREATE TABLE so far (rows may follow), or only a table we name but cannot read. */
const SCORE_CREATED = 0.85;

function detectTables(sample: SniffSample, readers: readonly TableReader[], readable: readonly TableReader[]): Detection | null {
  const overview = dumpOverview(sample.text);
  if (!overview) return null;
  let best: Detection | null = null;
  for (const table of overview.tables) {
    const reader = readers.find((r) => r.accepts(table.name, table.columns));
    if (!reader) continue;
    const score = table.rows > 0 && readable.includes(reader) ? SCORE_ROWS : SCORE_CREATED;
    if (best && best.score >= score) continue;
    const width = table.columns ? `, ${table.columns.length} columns` : '';
    best = { score, variant: `${overview.writer}, table ${table.name} (${reader.what}${width})` };
  }
  return best;
}

function sqlDumpModule(id: FormatId, family: FormatFamily, readers: readonly TableReader[], readable = readers): FormatModule {
  return {
    id,
    label: FORMAT_LABELS[id],
    family,
    syntax: 'sql-insert',
    detect: (sample) => {
      try {
        return detectTables(sample, readers, readable);
      } catch {
        return null;
      }
    },
    fileNameHint: (name) => /\.sql(\.gz)?$/i.test(name),
    createParser: (init) => createSqlDumpParser(init, readers),
  };
}

export const asteriskCdrSql = sqlDumpModule('asterisk-cdr-sql', 'asterisk', [ASTERISK_CDR_TABLE]);
export const vicidialSql = sqlDumpModule(
  'vicidial-sql',
  'vicidial',
  [VICIDIAL_CARRIER_LOG_TABLE, VICIDIAL_LOG_TABLE],
  [VICIDIAL_CARRIER_LOG_TABLE],
);
export const freeswitchCdrSql = sqlDumpModule('freeswitch-cdr-sql', 'freeswitch', [FREESWITCH_CDR_TABLE]);
