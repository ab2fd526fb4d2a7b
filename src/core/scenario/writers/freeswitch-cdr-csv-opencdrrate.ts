/**
 * FreeSWITCH mod_cdr_csv with the `opencdrrate` template (conf/vanilla/autoload_configs/
 * cdr_csv.conf.xml, formats.md §4.1):
 *   "${uuid}","${signal_bond}","${direction}","${ani}","${destination_number}","${answer_stamp}",
 *   "${end_stamp}","${billsec}","${accountcode}","${userfield}","${network_addr}",
 *   "${regex('${original_caller_id_name}'|^.)}","${sip_gateway_name}"
 * A rating template: no start_stamp, no duration, no hangup cause. No header, values quoted and
 * unescaped, LF, one row per leg at hangup (end-time order). As in freeswitch-cdr-csv.ts the dialer
 * originates each call through the carrier's gateway, so the written leg is the gateway leg:
 * direction `outbound`, sip_gateway_name = the trunk, network_addr = the carrier's address,
 * signal_bond = the agent leg it was bridged to (answered calls only). The regex expands to `true`
 * (the campaign sets a caller ID name). userfield is empty: nothing in a stock dialplan sets it.
 * What survives: trunk, caller ID (ani), destination, answer and end times, billsec — and for an
 * unanswered call nothing about why it failed.
 */
import type { ScenarioSpec, SimulatedCall } from '../scenario';
import { AGENT_UUID_SALT, LEG_UUID_SALT } from './freeswitch-cdr-csv';
import { endMsOf, TimeOrderedRows, uuidOf, wallText, type ScenarioWriter } from './writer';

/** A documentation-range address per carrier (RFC 5737 203.0.113.0/24). */
export function carrierAddress(trunkIndex: number): string {
  return `203.0.113.${10 + trunkIndex}`;
}

/** Stateful (rows held until due); header() starts a new file, so one instance serves every write. */
export const freeswitchOpencdrrateWriter: ScenarioWriter = createWriter();

function createWriter(): ScenarioWriter {
  const held = new TimeOrderedRows();
  return {
    formatId: 'freeswitch-cdr-csv-opencdrrate',
    fileName: 'Master.csv',
    carries: { sipCodes: false, callerId: true, endTimes: true, trunk: true },
    header: () => {
      held.clear();
      return '';
    },
    row(call: SimulatedCall, spec: ScenarioSpec): string {
      const trunk = spec.trunks[call.trunkIndex]!;
      const end = endMsOf(call);
      const fields = [
        uuidOf(call.sequence, LEG_UUID_SALT),
        call.answered ? uuidOf(call.sequence, AGENT_UUID_SALT) : '',
        'outbound',
        call.callerId,
        call.countryCode + call.nationalNumber,
        call.answered ? wallText(call.startMs + call.ringSec * 1000) : '',
        wallText(end),
        String(call.talkSec),
        '',
        '',
        carrierAddress(call.trunkIndex),
        'true',
        trunk.name,
      ];
      const due = held.takeUntil(call.startMs);
      held.push(end, `"${fields.join('","')}"\n`);
      return due;
    },
    finish: () => held.takeAll(),
  };
}
