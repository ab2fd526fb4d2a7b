/**
 * Kamailio acc table exported as CSV with its header (`SELECT * FROM acc` through a client's CSV
 * export), on a dSIPRouter proxy between the dialer and its carriers (formats.md §5.1–5.5): the
 * kamctl acc columns id, method, from_tag, to_tag, callid, sip_code, sip_reason, time, then
 * dSIPRouter's db_extra columns src_ip, dst_ouser, dst_user, dst_domain, src_user, src_domain,
 * cdr_id, calltype, src_gwgroupid, dst_gwgroupid (the real dump's layout, testing/sql/v0.79).
 * Rows are transactions, inserted when they end (acc.c takes `time` then), in that order:
 *   - one INVITE row per attempt when its final reply is relayed (failed_transaction_flag accounts
 *     ≥300 as well): `time` = the answer of an answered call, the rejection of a failed one — the
 *     INVITE's own start is not in the table. sip_code/sip_reason = the carrier's reply (a 487 is the
 *     dialer's CANCEL being honoured; CANCELs themselves are not reported);
 *   - one BYE row when an answered call ends (200 OK to the BYE): `time` = the hangup.
 * src_user = the caller ID, dst_ouser/dst_user = the number as dialled, dst_domain = the carrier
 * gateway's address, dst_gwgroupid = the carrier's gateway group (trunk i → group i + 1),
 * src_gwgroupid = the dialer's endpoint group; cdr_id counts answered calls (0 on failures).
 * Values are plain, quoted only when they hold a comma or a quote; LF line ends.
 */
import type { ScenarioSpec, SimulatedCall } from '../scenario';
import { carrierAddress } from './freeswitch-cdr-csv-opencdrrate';
import { csvField, endMsOf, hex8, mix32, TimeOrderedRows, uuidOf, wallText, type ScenarioWriter } from './writer';

const HEADER =
  'id,method,from_tag,to_tag,callid,sip_code,sip_reason,time,src_ip,dst_ouser,dst_user,dst_domain,src_user,src_domain,cdr_id,calltype,src_gwgroupid,dst_gwgroupid\n';

const DIALER_IP = '10.10.10.15';
const CALL_ID_SALT = 0x27d4eb2f;

/** dSIPRouter gateway group of trunk `i` (carrier groups 1…n; the dialer's endpoint group after them). */
export function gatewayGroupOf(trunkIndex: number): number {
  return trunkIndex + 1;
}

/** Stateful (ids, cdr ids, rows held until due); header() starts a new file. */
export const kamailioAccWriter: ScenarioWriter = createWriter();

function createWriter(): ScenarioWriter {
  const held = new TimeOrderedRows();
  let nextId = 1;
  let nextCdrId = 1;
  /** Held rows carry a `\u0000` where the id goes: ids are given in insert (= file) order. */
  const release = (text: string): string => {
    if (text === '') return text;
    let out = '';
    let from = 0;
    for (let at = text.indexOf('\u0000'); at >= 0; at = text.indexOf('\u0000', from)) {
      out += text.slice(from, at) + String(nextId++);
      from = at + 1;
    }
    return out + text.slice(from);
  };
  return {
    formatId: 'kamailio-acc',
    fileName: 'acc.csv',
    carries: { sipCodes: true, callerId: true, endTimes: true, trunk: true },
    header: () => {
      held.clear();
      nextId = 1;
      nextCdrId = 1;
      return HEADER;
    },
    row(call: SimulatedCall, spec: ScenarioSpec): string {
      const due = release(held.takeUntil(call.startMs));
      const number = call.countryCode + call.nationalNumber;
      const fromTag = hex8(mix32(call.sequence, 11));
      const toTag = `as${hex8(mix32(call.sequence, 12))}`;
      const callId = `${uuidOf(call.sequence, CALL_ID_SALT)}@${DIALER_IP}`;
      const cdrId = call.answered ? nextCdrId++ : 0;
      const tail = [
        DIALER_IP,
        number,
        number,
        carrierAddress(call.trunkIndex),
        call.callerId,
        DIALER_IP,
        String(cdrId),
        'outbound',
        String(gatewayGroupOf(spec.trunks.length)),
        String(gatewayGroupOf(call.trunkIndex)),
      ].join(',');
      const line = (method: string, code: number, reason: string, atMs: number) =>
        `\u0000,${method},${fromTag},${toTag},${callId},${code},${csvField(reason)},${wallText(atMs)},${tail}\n`;
      const finalMs = call.startMs + call.ringSec * 1000;
      held.push(finalMs, line('INVITE', call.sipCode, call.reason, finalMs));
      if (call.answered) held.push(endMsOf(call), line('BYE', 200, 'OK', endMsOf(call)));
      return due;
    },
    finish: () => release(held.takeAll()),
  };
}
