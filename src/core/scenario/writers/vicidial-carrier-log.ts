/**
 * The VICIdial Carrier Log Report download (AST_carrier_log_report.php, formats.md §3.3): every field
 * double-quoted, header row, LF. The carrier is reached through a Local channel whose number starts
 * with the carrier's dial prefix and the phone code: `Local/<prefix><phone_code><phone>@default-…;2`.
 */
import type { ScenarioSpec, SimulatedCall } from '../scenario';
import { hex8, wallText, type ScenarioWriter } from './writer';

const HEADER =
  '"UNIQUE ID","CALL DATE","SERVER IP","LEAD ID","HANGUP CAUSE","DIAL STATUS","CHANNEL","DIAL TIME","ANSWERED TIME","SIP CODE","SIP HANGUP REASON","PHONE NUMBER"\n';

/** Asterisk DIALSTATUS under chan_pjsip for each final response (formats.md §7.6). */
export function dialStatusFor(sip: number): string {
  switch (sip) {
    case 200:
      return 'ANSWER';
    case 486:
    case 600:
      return 'BUSY';
    case 480:
    case 408:
      return 'NOANSWER';
    case 487:
      return 'CANCEL';
    case 503:
    case 500:
    case 502:
    case 504:
    case 488:
      return 'CONGESTION';
    default:
      return 'CHANUNAVAIL'; // 403, 603, 404, 484: app_dial counts cause 21/1/28 as "no channel"
  }
}

export const vicidialCarrierLogWriter: ScenarioWriter = {
  formatId: 'vicidial-carrier-log',
  fileName: 'AST_carrier_log_report_20261116-201500.csv',
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
