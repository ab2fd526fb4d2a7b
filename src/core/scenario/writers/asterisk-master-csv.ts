/**
 * Asterisk cdr_csv Master.csv as `make samples` configures it (formats.md §1.1): no header, 18 columns
 * (loguniqueid, loguserfield), strings quoted, integers bare, an unanswered call's answer time an
 * empty unquoted field. Dispositions as chan_pjsip produces them (§7.6): a 503 is FAILED, a 603 is
 * NO ANSWER — exactly the information loss an operator faces. With `hangupCauseInUserfield`, the
 * site stores HANGUPCAUSE(…,tech) in userfield and the SIP code survives.
 */
import type { ScenarioSpec, SimulatedCall } from '../scenario';
import { hex8, wallText, type ScenarioWriter } from './writer';

export function pjsipDisposition(sip: number): string {
  switch (sip) {
    case 200:
      return 'ANSWERED';
    case 486:
    case 600:
      return 'BUSY';
    case 503:
    case 500:
    case 502:
    case 504:
    case 488:
    case 484:
      return 'FAILED';
    default:
      return 'NO ANSWER'; // 480, 408, 487, 403, 404, 603: cause 19/18/16/21/1 → NOANSWER
  }
}

const q = (s: string) => `"${s.replace(/"/g, '""')}"`;

export function asteriskMasterCsvWriter(options: { hangupCauseInUserfield: boolean }): ScenarioWriter {
  return {
    formatId: 'asterisk-cdr-csv',
    fileName: 'Master.csv',
    header: () => '',
    row(call: SimulatedCall, spec: ScenarioSpec): string {
      const trunk = spec.trunks[call.trunkIndex]!;
      const number = call.countryCode + call.nationalNumber;
      const end = call.startMs + (call.ringSec + call.talkSec) * 1000;
      const answer = call.answered ? wallText(call.startMs + call.ringSec * 1000) : null;
      const userfield = options.hangupCauseInUserfield ? `SIP ${call.sipCode} ${call.reason}` : '';
      return (
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
        ].join(',') + '\n'
      );
    },
  };
}
