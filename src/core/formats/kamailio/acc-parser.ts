/**
 * RowParser for `kamailio-acc`: acc / missed_calls exports as CSV/TSV (with a header, or headerless
 * in a known column order) and as SQL dumps (MySQL/MariaDB INSERTs, pg_dump INSERT/COPY).
 *
 * The parser brings its own tokenizer (`parser.tokenizer`, an AutoTokenizer): the ingest feeds it
 * the decoded text; it decides SQL vs delimited from the first characters. In SQL mode the parser
 * reads `tokenizer.sql.currentTable` during each parse() call (same call stack as the sink), so
 * each tuple is mapped by the column names of its own table, and rows of other tables are skips
 * ("table <name>: not call accounting"), except dr_gateways / dr_gw_lists rows, which name the
 * gateway groups (gatewayGroups()).
 */
import type { FormatCapabilities, HeldRecord, ParserInit, RowOutcome, RowParser } from '../format-module';
import { headerlessColumns, isAccHeader, normalizeName, resolveAccColumns, type AccColumns } from './acc-columns';
import { AccCalls } from './acc-calls';
import { AutoTokenizer } from '../../read/sql/auto-tokenizer';
import { GatewayGroupNames } from './gateway-names';
import { gatewayTableOf, readGatewayRow } from './gateway-rows';
import type { Row } from '../../read/row';

export interface AccParser extends RowParser {
  readonly tokenizer: AutoTokenizer;
  /** Gateway group id → carrier name, from dr_gateways / dr_gw_lists rows in the same file. */
  gatewayGroups(): Map<string, string>;
}

/** acc / missed_calls, and the date-rotated copies some sites keep (acc_20240101, acc_2024_01). */
const ACC_TABLE = /^(acc|missed_calls)(_?\d{4}(_?\d{2}){0,2})?$/i;

export function isAccTable(name: string): boolean {
  return ACC_TABLE.test(name);
}

/** Shown on the file card while gateway groups are only numbered. */
export const DR_GATEWAYS_HINT =
  'Gateway groups are only numbered in this file. Drop the dr_gateways table dump (mysqldump kamailio dr_gateways, or its CSV export) together with it to see carrier names next to "gwgroup N".';

const NOT_ACC_ROW = 'not an acc row (no header naming method, callid, sip_code, time before it; not a known column order)';

interface TableMap {
  cols: AccColumns | null;
}

export function createAccParser(init: ParserInit): AccParser {
  const tokenizer = new AutoTokenizer(init.delimiter);
  const calls = new AccCalls();
  const names = new GatewayGroupNames();
  const tabMode = init.delimiter === '\t';
  let csvCols: AccColumns | null = null;
  const tableMaps = new Map<string, TableMap>();

  const parseFields = (cols: AccColumns, fields: readonly string[], line: number): RowOutcome => {
    if (fields.length < cols.count) {
      return { kind: 'skip', reason: `too few columns (${fields.length} of ${cols.count}): truncated row?` };
    }
    if (fields.length > cols.count && fields.slice(cols.count).some((f) => f.trim() !== '')) {
      return { kind: 'skip', reason: `too many columns (${fields.length} of ${cols.count})` };
    }
    const get = (i: number): string => (i < 0 ? '' : clean(fields[i] ?? '', tabMode && !tokenizer.isSql));
    return calls.row(cols, get, line);
  };

  const parseSql = (fields: readonly string[], line: number): RowOutcome => {
    const sql = tokenizer.sql!;
    const table = sql.currentTable;
    if (!table) return { kind: 'skip', reason: 'SQL row outside a table' };
    const gatewayTable = gatewayTableOf(table.name);
    if (gatewayTable) {
      if (!sql.tupleComplete) return { kind: 'skip', reason: 'truncated row: the dump ends inside it' };
      return readGatewayRow(gatewayTable, table.columns, fields, names);
    }
    if (!isAccTable(table.name)) return { kind: 'skip', reason: `table ${table.name}: not call accounting` };
    if (!sql.tupleComplete) return { kind: 'skip', reason: 'truncated row: the dump ends inside it' };
    const key = table.columns ? `${table.name}\u0000${table.columns.join('\u0000')}` : `${table.name}\u0000#${fields.length}`;
    let map = tableMaps.get(key);
    if (!map) {
      const names = table.columns ?? headerlessColumns(fields)?.columns ?? null;
      map = { cols: names ? resolveAccColumns(names) : null };
      // A data-only dump whose first tuple is odd: try again on the next tuple of that shape.
      if (map.cols || table.columns) tableMaps.set(key, map);
    }
    if (!map.cols) {
      return {
        kind: 'skip',
        reason: table.columns
          ? `table ${table.name}: no method, callid, sip_code and time columns`
          : `table ${table.name}: columns unknown (no CREATE TABLE) and the values do not fit acc`,
      };
    }
    return parseFields(map.cols, fields, line);
  };

  const parseCsv = (fields: readonly string[], line: number): RowOutcome => {
    if (csvCols) {
      // A header repeated inside the file (exports appended to one another).
      const first = fields[csvCols.method];
      if (first !== undefined && normalizeName(first) === 'method' && isAccHeader(fields)) return { kind: 'header' };
      return parseFields(csvCols, fields, line);
    }
    if (isAccHeader(fields)) {
      csvCols = resolveAccColumns(fields);
      return { kind: 'header' };
    }
    const layout = headerlessColumns(fields.map((f) => clean(f, tabMode)));
    if (layout) {
      csvCols = resolveAccColumns(layout.columns);
      if (csvCols) return parseFields(csvCols, fields, line);
    }
    return { kind: 'skip', reason: NOT_ACC_ROW };
  };

  return {
    tokenizer,
    parse(row: Row, line: number): RowOutcome {
      const fields = row.fields();
      return tokenizer.isSql ? parseSql(fields, line) : parseCsv(fields, line);
    },
    finish(): HeldRecord[] {
      return calls.finish();
    },
    lateSkips: () => calls.lateSkips(),
    challengeCounts: () => calls.challengeCounts(),
    // Groups the file does not name (no dr_gateways rows in it) are labelled by their addresses.
    trunkAliases(): ReadonlyMap<string, string> {
      const named = names.groups();
      const labels = calls.groupLabels();
      for (const trunk of labels.keys()) if (named.has(trunk.slice('gwgroup '.length))) labels.delete(trunk);
      return labels;
    },
    companionHint(): string | null {
      if (names.size > 0 || !calls.hasGroupTrunks) return null;
      return DR_GATEWAYS_HINT;
    },
    capabilities(): FormatCapabilities {
      return { sipCodes: true, separates503From603: true, hasEndTimes: calls.hasEndTimes, hasTrunk: calls.hasTrunk };
    },
    gatewayGroups(): Map<string, string> {
      return names.groups();
    },
  };
}

/**
 * Trim, read SQL NULL spellings as empty, and (for `mysql -B` TSV output) undo the client's
 * backslash escapes \t \n \\ \0.
 */
function clean(raw: string, mysqlBatch: boolean): string {
  let v = raw.trim();
  if (v === 'NULL' || v === '\\N') return '';
  if (mysqlBatch && v.includes('\\')) {
    v = v.replace(/\\([tn0\\])/g, (_, c: string) => (c === 't' ? '\t' : c === 'n' ? '\n' : c === '0' ? '\0' : '\\'));
  }
  return v;
}
