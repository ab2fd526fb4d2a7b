/**
 * Kamailio / OpenSIPS accounting family (formats.md §5).
 *
 * - `kamailioAcc` (`kamailio-acc`): acc / missed_calls as CSV/TSV or SQL dump. Its parser brings its
 *   own tokenizer (RowParser.tokenizer): SQL or delimited is decided from the first characters.
 * - `kamailioDrGateways` (`kamailio-dr-gateways`): companion dr_gateways / dr_gw_lists file naming
 *   gateway groups; no calls. After ingesting it, read `gatewayGroupsOf(parser)` and relabel acc
 *   trunks with `nameTrunk(trunk, groups)` ("gwgroup 1" → "gwgroup 1 (Twilio)").
 * - `kamailioAccSyslog` (`kamailio-acc-syslog`): `ACC: transaction answered: …` syslog lines.
 */
import type { FormatModule, RowParser } from '../format-module';
import { createAccParser } from './acc-parser';
import { accFileNameHint, detectAcc, detectDrGateways, drGatewaysFileNameHint } from './detect';
import { createDrGatewaysParser } from './dr-gateways-parser';
import { gatewayTrunkDisplayNames } from './gateway-names';
import { FORMAT_LABELS } from '../format-labels';

export const kamailioAcc: FormatModule = {
  id: 'kamailio-acc',
  label: FORMAT_LABELS['kamailio-acc'],
  family: 'kamailio',
  syntax: 'sql-insert',
  detect: (sample) => {
    try {
      return detectAcc(sample);
    } catch {
      return null;
    }
  },
  fileNameHint: accFileNameHint,
  // An acc dump may also hold dr_gateways rows: they name the groups for the whole drop.
  createParser: (init) => withCompanionNames(createAccParser(init)),
};

export const kamailioDrGateways: FormatModule = {
  id: 'kamailio-dr-gateways',
  label: FORMAT_LABELS['kamailio-dr-gateways'],
  family: 'kamailio',
  syntax: 'sql-insert',
  detect: (sample) => {
    try {
      return detectDrGateways(sample);
    } catch {
      return null;
    }
  },
  fileNameHint: drGatewaysFileNameHint,
  createParser: (init) => withCompanionNames(createDrGatewaysParser(init)),
};

/** Expose the gateway-group names a parser collected as names for the trunks of the whole drop. */
function withCompanionNames<P extends RowParser>(parser: P): P {
  parser.companionTrunkNames = () => gatewayTrunkDisplayNames(gatewayGroupsOf(parser) ?? new Map());
  return parser;
}

/**
 * Gateway group names a parser of this family collected (a dr_gateways companion file, or the
 * dr_gateways rows inside an acc dump); null for parsers of other formats.
 */
export function gatewayGroupsOf(parser: RowParser): Map<string, string> | null {
  const candidate = parser as RowParser & { gatewayGroups?: unknown };
  return typeof candidate.gatewayGroups === 'function' ? (candidate.gatewayGroups as () => Map<string, string>)() : null;
}

export { kamailioAccSyslog, LineTokenizer, parseAccPairs } from './acc-syslog';
export { createAccParser, isAccTable, type AccParser } from './acc-parser';
export { createDrGatewaysParser, type DrGatewaysParser } from './dr-gateways-parser';
export { GatewayGroupNames, gatewayTrunkDisplayNames, gwGroupTrunk, nameTrunk, parseDescription } from './gateway-names';
export { NO_TRUNK_COLUMN } from './acc-calls';
