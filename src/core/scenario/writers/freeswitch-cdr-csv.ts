/**
 * FreeSWITCH mod_cdr_csv Master.csv with the vanilla default `example` template (formats.md §4.1):
 *   "${caller_id_name}","${caller_id_number}","${destination_number}","${context}","${start_stamp}",
 *   "${answer_stamp}","${end_stamp}","${duration}","${billsec}","${hangup_cause}","${uuid}",
 *   "${bleg_uuid}","${accountcode}","${read_codec}","${write_codec}"
 * No header, every value quoted and never escaped, LF; one row per leg at hangup (end-time order).
 * The dialer originates each call through the carrier's gateway
 * (`originate {origination_caller_id_number=<cid>}sofia/gateway/<trunk>/<number> &park()`): that
 * leg has no originator, so the default `legs=a` writes it. An answered call is bridged to an agent
 * (bleg_uuid); an unanswered one has no answer_stamp (`""`) and no codecs.
 * hangup_cause is FreeSWITCH's cause NAME for the carrier's final response
 * (mod_sofia sofia_glue_sip_cause_to_freeswitch, formats.md §7.5): 503 → NORMAL_TEMPORARY_FAILURE,
 * 603 and 403 → CALL_REJECTED alike (so the file cannot separate a 603 from a 403), 486 →
 * USER_BUSY, 480 → NO_USER_RESPONSE, 408 → RECOVERY_ON_TIMER_EXPIRE, 404 → UNALLOCATED_NUMBER;
 * 487 (the dialer cancelled) → ORIGINATOR_CANCEL; an answered call ends NORMAL_CLEARING.
 * The template names no gateway: the trunk is lost.
 */
import type { ScenarioSpec, SimulatedCall } from '../scenario';
import { endMsOf, TimeOrderedRows, uuidOf, wallText, type ScenarioWriter } from './writer';

/** formats.md §7.5, SIP → cause name (sofia_glue_sip_cause_to_freeswitch). */
export function freeswitchCauseFor(sip: number): string {
  if (sip >= 200 && sip < 300) return 'NORMAL_CLEARING';
  switch (sip) {
    case 401:
    case 402:
    case 403:
    case 407:
    case 603:
    case 608:
      return 'CALL_REJECTED';
    case 607:
      return 'UNWANTED';
    case 404:
      return 'UNALLOCATED_NUMBER';
    case 485:
    case 604:
      return 'NO_ROUTE_DESTINATION';
    case 408:
    case 504:
      return 'RECOVERY_ON_TIMER_EXPIRE';
    case 410:
      return 'NUMBER_CHANGED';
    case 413:
    case 414:
    case 416:
    case 420:
    case 421:
    case 423:
    case 505:
    case 513:
      return 'INTERWORKING';
    case 480:
      return 'NO_USER_RESPONSE';
    case 400:
    case 481:
    case 500:
    case 503:
      return 'NORMAL_TEMPORARY_FAILURE';
    case 486:
    case 600:
      return 'USER_BUSY';
    case 484:
      return 'INVALID_NUMBER_FORMAT';
    case 488:
    case 606:
      return 'INCOMPATIBLE_DESTINATION';
    case 502:
      return 'NETWORK_OUT_OF_ORDER';
    case 405:
      return 'SERVICE_UNAVAILABLE';
    case 406:
    case 415:
    case 501:
      return 'SERVICE_NOT_IMPLEMENTED';
    case 482:
    case 483:
      return 'EXCHANGE_ROUTING_ERROR';
    case 487:
      return 'ORIGINATOR_CANCEL';
    default:
      return 'NORMAL_UNSPECIFIED';
  }
}

/** Salts for the uuids of the gateway leg and of the agent leg it is bridged to. */
export const LEG_UUID_SALT = 0x5f3759df;
export const AGENT_UUID_SALT = 0x1b873593;

/** Stateful (rows held until due); header() starts a new file, so one instance serves every write. */
export const freeswitchCdrCsvWriter: ScenarioWriter = createWriter();

function createWriter(): ScenarioWriter {
  const held = new TimeOrderedRows();
  return {
    formatId: 'freeswitch-cdr-csv',
    fileName: 'Master.csv',
    carries: { sipCodes: false, callerId: true, endTimes: true, trunk: false },
    header: () => {
      held.clear();
      return '';
    },
    row(call: SimulatedCall, spec: ScenarioSpec): string {
      void spec;
      const end = endMsOf(call);
      const codec = call.answered ? 'PCMU' : '';
      const fields = [
        'Campaign',
        call.callerId,
        call.countryCode + call.nationalNumber,
        'default',
        wallText(call.startMs),
        call.answered ? wallText(call.startMs + call.ringSec * 1000) : '',
        wallText(end),
        String(call.ringSec + call.talkSec),
        String(call.talkSec),
        freeswitchCauseFor(call.sipCode),
        uuidOf(call.sequence, LEG_UUID_SALT),
        call.answered ? uuidOf(call.sequence, AGENT_UUID_SALT) : '',
        '',
        codec,
        codec,
      ];
      const due = held.takeUntil(call.startMs);
      held.push(end, `"${fields.join('","')}"\n`);
      return due;
    },
    finish: () => held.takeAll(),
  };
}
