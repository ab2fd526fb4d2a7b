/**
 * RowParser for `kamailio-dr-gateways`: a companion file (dr_gateways / dr_gw_lists as SQL dump or
 * CSV) that names dSIPRouter gateway groups. It produces no calls: rows that name a group are
 * 'merged', the map is read with gatewayGroups() after the file (see index.ts).
 */
import type { FormatCapabilities, ParserInit, RowOutcome, RowParser } from '../format-module';
import { normalizeName } from './acc-columns';
import { AutoTokenizer } from '../../read/sql/auto-tokenizer';
import { GatewayGroupNames } from './gateway-names';
import { DR_GATEWAYS_COLUMNS, gatewayTableOf, isDrGatewaysHeader, isDrGwListsHeader, readGatewayRow, type GatewayTable } from './gateway-rows';
import type { Row } from '../../read/row';

export interface DrGatewaysParser extends RowParser {
  readonly tokenizer: AutoTokenizer;
  /** Gateway group id → carrier name. */
  gatewayGroups(): Map<string, string>;
  /** Gateway address (dr_gateways.address) → gateway group id. */
  gatewayAddresses(): Map<string, string>;
}

export function createDrGatewaysParser(init: ParserInit): DrGatewaysParser {
  const tokenizer = new AutoTokenizer(init.delimiter);
  const names = new GatewayGroupNames();
  let csv: { table: GatewayTable; columns: string[] } | null = null;

  const parseCsv = (fields: readonly string[]): RowOutcome => {
    if (isDrGatewaysHeader(fields) || isDrGwListsHeader(fields)) {
      csv = { table: isDrGatewaysHeader(fields) ? 'dr_gateways' : 'dr_gw_lists', columns: fields.map(normalizeName) };
      return { kind: 'header' };
    }
    if (!csv && fields.length === DR_GATEWAYS_COLUMNS.length) csv = { table: 'dr_gateways', columns: DR_GATEWAYS_COLUMNS };
    if (!csv) return { kind: 'skip', reason: 'not a dr_gateways row' };
    return readGatewayRow(csv.table, csv.columns, fields.map((f) => f.trim()), names);
  };

  return {
    tokenizer,
    parse(row: Row): RowOutcome {
      const fields = row.fields();
      if (!tokenizer.sql) return parseCsv(fields);
      const table = tokenizer.sql.currentTable;
      const gatewayTable = table ? gatewayTableOf(table.name) : null;
      if (!table || !gatewayTable) return { kind: 'skip', reason: `table ${table?.name ?? '?'}: not gateway names` };
      if (!tokenizer.sql.tupleComplete) return { kind: 'skip', reason: 'truncated row: the dump ends inside it' };
      return readGatewayRow(gatewayTable, table.columns, fields, names);
    },
    capabilities(): FormatCapabilities {
      return { sipCodes: false, separates503From603: false, hasEndTimes: false, hasTrunk: false };
    },
    gatewayGroups(): Map<string, string> {
      return names.groups();
    },
    gatewayAddresses(): Map<string, string> {
      return names.addresses();
    },
  };
}
