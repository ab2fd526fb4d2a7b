/**
 * Rows of the drouting tables that name carriers (Kamailio drouting schema, as dumped by dSIPRouter:
 * dOpensource/dsiprouter testing/sql/v0.79/kamailio.sql):
 *   dr_gateways: gwid, type, address, strip, pri_prefix, attrs, description
 *   dr_gw_lists: id, gwlist, description
 * They produce no calls: a row that names a group is 'merged' (used as a name), others are skips.
 */
import type { RowOutcome } from '../format-module';
import { normalizeName } from './acc-columns';
import type { GatewayGroupNames } from './gateway-names';

export const DR_GATEWAYS_COLUMNS = ['gwid', 'type', 'address', 'strip', 'pri_prefix', 'attrs', 'description'];
export const DR_GW_LISTS_COLUMNS = ['id', 'gwlist', 'description'];

export type GatewayTable = 'dr_gateways' | 'dr_gw_lists';

export function gatewayTableOf(name: string): GatewayTable | null {
  const n = name.toLowerCase();
  return n === 'dr_gateways' || n === 'dr_gw_lists' ? n : null;
}

/** True when a header row is a dr_gateways export (gwid/address/description). */
export function isDrGatewaysHeader(row: readonly string[]): boolean {
  const names = row.map(normalizeName);
  return names.includes('gwid') && names.includes('address') && names.includes('description');
}

/** True when a header row is a dr_gw_lists export (id/gwlist/description). */
export function isDrGwListsHeader(row: readonly string[]): boolean {
  const names = row.map(normalizeName);
  return names.includes('gwlist') && names.includes('description');
}

/** Read one gateway-table row into `names`. `columns` null = the default column order. */
export function readGatewayRow(
  table: GatewayTable,
  columns: readonly string[] | null,
  fields: readonly string[],
  names: GatewayGroupNames,
): RowOutcome {
  const cols = (columns ?? (table === 'dr_gateways' ? DR_GATEWAYS_COLUMNS : DR_GW_LISTS_COLUMNS)).map(normalizeName);
  if (fields.length < cols.length) return { kind: 'skip', reason: `${table}: too few columns (${fields.length} of ${cols.length}): truncated row?` };
  const get = (name: string): string => {
    const i = cols.indexOf(name);
    return i >= 0 ? (fields[i] ?? '') : '';
  };
  if (table === 'dr_gateways') {
    return names.addGateway(get('description'), get('address'))
      ? { kind: 'merged' }
      : { kind: 'skip', reason: 'dr_gateways: description names no gwgroup' };
  }
  return names.addGroupList(get('id'), get('description'))
    ? { kind: 'merged' }
    : { kind: 'skip', reason: 'dr_gw_lists: id is not a number' };
}
