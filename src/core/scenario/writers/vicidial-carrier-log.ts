/**
 * The VICIdial Carrier Log Report download (AST_carrier_log_report.php, formats.md §3.3): every field
 * double-quoted, header row, LF. The carrier is reached through a Local channel whose number starts
 * with the carrier's dial prefix and the phone code: `Local/<prefix><phone_code><phone>@default-…;2`.
 */
import type { ScenarioSpec, SimulatedCall } from '../scenario';
import { hex8, wallText, type ScenarioWriter } from './writer';

const HEADER =
  '"UNIQUE ID","CALL DATE","SERVER IP","LEAD ID","HANGUP CAUSE","DIAL STATUS","CHANNEL","DIAL TIME","ANSWERED TIME","SIP CODE","SIP HANGUP REASON","PHONE NUMBER"\n';

/**
 * Asterisk ${DIALSTATUS} after a Dial() to a chan_pjsip trunk ended with this final response
 * (formats.md §7.6): the response becomes a cause (hangup_sip2cause, §7.3) and app_dial's
 * handle_cause() counts it: 17 busy, 34 congestion, 19 (NO_ANSWER) and 16 nothing (the dial timed
 * out: NOANSWER), every other cause "no channel" → CHANUNAVAIL. 487 is our own CANCEL: VICIdial hung
 * up the call it gave up on, so CANCEL.
 */
export function dialStatusFor(sip: number): string {
  if (sip >= 200 && sip < 300) return 'ANSWER';
  switch (sip) {
    case 486: // cause 17
    case 600: // cause 17
      return 'BUSY';
    case 480: // cause 19
      return 'NOANSWER';
    case 487:
      return 'CANCEL';
    case 500: // cause 38
    case 502: // cause 27
    case 504: // cause 102
      return 'CHANUNAVAIL';
    default:
      // Any other 5xx (503 included) is cause 34; 403/603 (21), 404 (1), 408 (18), 484 (28) and 488 (58) are "no channel".
      return sip >= 500 && sip < 600 ? 'CONGESTION' : 'CHANUNAVAIL';
  }
}

export const vicidialCarrierLogWriter: ScenarioWriter = {
  formatId: 'vicidial-carrier-log',
  fileName: 'AST_carrier_log_report_20261116-201500.csv',
  // No caller ID column: the report joins only the phone number (formats.md §3.3).
  carries: { sipCodes: true, callerId: false, endTimes: true, trunk: true },
  header: () => HEADER,
  row(call: SimulatedCall, spec: ScenarioSpec): string {
    const trunk = spec.trunks[call.trunkIndex]!;
    const channel = `Local/${trunk.dialPrefix}${call.countryCode}${call.nationalNumber}@default-${hex8(call.sequence * 2 + 1)};2`;
    // CALL DATE is written by the h extension at hangup (FastAGI_log.pl: call_date = now): the end.
    const endMs = call.startMs + (call.ringSec + call.talkSec) * 1000;
    const fields = [
      call.uniqueId,
      wallText(endMs),
      '10.10.10.15',
      String(1_000_000 + call.sequence),
      String(call.q850),
      dialStatusFor(call.sipCode),
      channel,
      String(call.ringSec + call.talkSec),
      String(call.talkSec),
      String(call.sipCode),
      call.reason,
      call.nationalNumber,
    ];
    return `"${fields.join('","')}"\n`;
  },
};
