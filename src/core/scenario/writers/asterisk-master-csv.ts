/**
 * Asterisk cdr_csv Master.csv as `make samples` configures it (formats.md §1.1): no header, 18 columns
 * (loguniqueid, loguserfield), strings quoted, integers bare, an unanswered call's answer time an
 * empty unquoted field, LF line ends. cdr_csv appends a row when the CDR is finalized, i.e. at
 * hangup, so rows come in end-time order. The dialer originates `Local/<number>@from-dialer`, whose
 * `;2` half runs Dial(PJSIP/<number>@<trunk>): that row (channel Local…;2, dstchannel
 * PJSIP/<trunk>-%08x) is the one naming the trunk. Dispositions as chan_pjsip produces them
 * (§7.6): a 503 is FAILED, a 603 is NO ANSWER — exactly the information loss an operator faces.
 * With `hangupCauseInUserfield`, the site stores HANGUPCAUSE(…,tech) in userfield and the SIP
 * code survives.
 */
import type { ScenarioSpec, SimulatedCall } from '../scenario';
import { endMsOf, hex8, TimeOrderedRows, wallText, type ScenarioWriter } from './writer';

/**
 * CDR disposition of a Dial() to a chan_pjsip trunk that ended with this final response
 * (formats.md §7.6): the response becomes a cause (hangup_sip2cause, §7.3), the cause a dial-end
 * status (main/dial.c ast_hangup_cause_to_dial_status: 17 BUSY, 34 CONGESTION, 3/20 CHANUNAVAIL,
 * anything else NOANSWER), the status a disposition (main/cdr.c dial_status_to_disposition:
 * CONGESTION and CHANUNAVAIL → FAILED with the default congestion=no).
 */
export function pjsipDisposition(sip: number): string {
  if (sip >= 200 && sip < 300) return 'ANSWERED';
  switch (sip) {
    case 486: // cause 17
    case 600: // cause 17
      return 'BUSY';
    case 503: // cause 34
    case 420: // cause 3 → CHANUNAVAIL
      return 'FAILED';
    // 5xx with their own cause: 500 → 38, 502 → 27, 504 → 102: dial status NOANSWER.
    case 500:
    case 502:
    case 504:
      return 'NO ANSWER';
    default:
      // Any other 5xx is cause 34 (CONGESTION); 4xx/6xx: 480 → 19, 408 → 18, 403/603 → 21,
      // 404 → 1, 484 → 28, 488 → 58, 487 (our own CANCEL) → 16: all NOANSWER.
      return sip >= 500 && sip < 600 ? 'FAILED' : 'NO ANSWER';
  }
}

const q = (s: string) => `"${s.replace(/"/g, '""')}"`;

export function asteriskMasterCsvWriter(options: { hangupCauseInUserfield: boolean }): ScenarioWriter {
  const held = new TimeOrderedRows();
  return {
    formatId: 'asterisk-cdr-csv',
    fileName: 'Master.csv',
    carries: { sipCodes: options.hangupCauseInUserfield, callerId: true, endTimes: true, trunk: true },
    header: () => {
      held.clear();
      return '';
    },
    row(call: SimulatedCall, spec: ScenarioSpec): string {
      const trunk = spec.trunks[call.trunkIndex]!;
      const number = call.countryCode + call.nationalNumber;
      const end = endMsOf(call);
      const answer = call.answered ? wallText(call.startMs + call.ringSec * 1000) : null;
      const userfield = options.hangupCauseInUserfield ? `SIP ${call.sipCode} ${call.reason}` : '';
      const due = held.takeUntil(call.startMs);
      held.push(
        end,
        [
          q(''),
          q(call.callerId),
          q(number),
          q('from-dialer'),
          q(`"Campaign" <${call.callerId}>`),
          q(`Local/${number}@from-dialer-${hex8(call.sequence * 2)};2`),
          q(`PJSIP/${trunk.name}-${hex8(call.sequence * 2 + 1)}`),
          q('Dial'),
          q(`PJSIP/${number}@${trunk.name},60,tT`),
          q(wallText(call.startMs)),
          answer === null ? '' : q(answer),
          q(wallText(end)),
          String(call.ringSec + call.talkSec),
          String(call.talkSec),
          q(pjsipDisposition(call.sipCode)),
          q('DOCUMENTATION'),
          q(call.uniqueId),
          q(userfield),
        ].join(',') + '\n',
      );
      return due;
    },
    finish: () => held.takeAll(),
  };
}
