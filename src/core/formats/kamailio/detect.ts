/**
 * Detection from content (formats.md §5). Scores:
 * - SQL dump with an `acc` / `missed_calls` CREATE TABLE, INSERT or COPY: 0.96
 * - CSV/TSV header naming method, callid, sip_code and time: 0.97
 * - headerless rows in a known acc column order, validated (method, 3-digit code, time): 0.85
 *   (0.8 when fewer than 3 rows could be checked)
 * - SQL dump of a Kamailio database without acc in the sniffed text (acc may come later): 0.3
 * - dr_gateways / dr_gw_lists dump or header (companion file): 0.95; headerless dr_gateways with
 *   `gwgroup:N` descriptions: 0.85. A dump holding acc as well is left to kamailio-acc (0.5).
 */
import type { Detection, SniffSample } from '../format-module';
import { headerlessColumns, normalizeName, resolveAccColumns } from './acc-columns';
import { looksLikeSqlDump } from '../../read/sql/auto-tokenizer';
import { isDrGatewaysHeader, isDrGwListsHeader } from './gateway-rows';

const TABLE_REF = String.raw`(?:INSERT\s+(?:IGNORE\s+)?INTO|REPLACE\s+INTO|CREATE\s+TABLE(?:\s+IF\s+NOT\s+EXISTS)?|COPY)\s+(?:[\`"]?\w+[\`"]?\.)?[\`"]?`;
const ACC_SQL = new RegExp(`${TABLE_REF}(acc|missed_calls)(?:_?\\d{4}(?:_?\\d{2}){0,2})?[\`"]?[\\s(]`, 'i');
const GATEWAYS_SQL = new RegExp(`${TABLE_REF}(dr_gateways|dr_gw_lists)[\`"]?[\\s(]`, 'i');
const KAMAILIO_SQL = new RegExp(`${TABLE_REF}(version|subscriber|location|acc_cdrs|dialog|dispatcher|dr_rules|address|trusted|uacreg|domain)[\`"]?[\\s(]`, 'i');

export function detectAcc(sample: SniffSample): Detection | null {
  const text = sample.text;
  if (looksLikeSqlDump(text)) {
    const m = ACC_SQL.exec(text);
    if (m) {
      const table = m[1]!.toLowerCase();
      const flavour = /`?ms_duration`?|`?setuptime`?/i.test(text) ? 'OpenSIPS' : /dst_gwgroupid/i.test(text) ? 'dSIPRouter' : 'Kamailio';
      return { score: 0.96, variant: `SQL dump, ${flavour} ${table}` };
    }
    if (KAMAILIO_SQL.test(text) && !GATEWAYS_SQL.test(text)) {
      return { score: 0.3, variant: 'SQL dump of a Kamailio database (no acc table in its first part)' };
    }
    return null;
  }
  const rows = sample.rows.filter((r) => !(r.length === 1 && r[0]!.trim() === ''));
  for (const row of rows.slice(0, 3)) {
    const cols = resolveAccColumns(row);
    if (!cols) continue;
    const names = row.map(normalizeName);
    const flavour = cols.duration >= 0 || cols.setupTime >= 0 ? 'OpenSIPS acc' : names.includes('dst_gwgroupid') ? 'dSIPRouter acc' : 'Kamailio acc';
    return { score: 0.97, variant: `${flavour}, header, ${row.length} columns` };
  }
  const checked = rows.slice(0, 20);
  if (checked.length === 0) return null;
  let fit = 0;
  let name = '';
  for (const row of checked) {
    const layout = headerlessColumns(row.map((f) => f.trim()));
    if (layout) {
      fit++;
      name ||= layout.name;
    }
  }
  if (fit / checked.length < 0.8) return null;
  return { score: checked.length >= 3 ? 0.85 : 0.8, variant: `${name}, no header` };
}

export function detectDrGateways(sample: SniffSample): Detection | null {
  const text = sample.text;
  if (looksLikeSqlDump(text)) {
    const m = GATEWAYS_SQL.exec(text);
    if (!m) return null;
    if (ACC_SQL.test(text)) return { score: 0.5, variant: 'SQL dump with acc too (read as kamailio-acc)' };
    return { score: 0.95, variant: `SQL dump, ${m[1]!.toLowerCase()}` };
  }
  const rows = sample.rows;
  for (const row of rows.slice(0, 3)) {
    if (isDrGatewaysHeader(row)) return { score: 0.95, variant: 'dr_gateways, header' };
    if (isDrGwListsHeader(row)) return { score: 0.95, variant: 'dr_gw_lists, header' };
  }
  const checked = rows.slice(0, 20).filter((r) => r.length === 7);
  if (checked.length === 0 || checked.length < rows.slice(0, 20).length * 0.8) return null;
  const named = checked.filter((r) => /^\d+$/.test(r[0]!.trim()) && /gwgroup:\d+/.test(r[6]!)).length;
  return named / checked.length >= 0.8 ? { score: 0.85, variant: 'dr_gateways, no header' } : null;
}

export function accFileNameHint(fileName: string): boolean {
  return /(^|[^a-z])(acc|missed_calls)([^a-z]|$)/i.test(fileName);
}

export function drGatewaysFileNameHint(fileName: string): boolean {
  return /dr_gateways|dr_gw_lists/i.test(fileName);
}
