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
 *
 * With `pbxLegs`, the file also holds the rows a real PBX writes beside the dialer's (pbxLegRows):
 * the `;1` half of each Local channel, and now and then a call in from the trunk to an agent, one
 * between two phones, a phone hung up before dialling, a voicemail left from a carrier's IP. They
 * are read the text way, not from bytes as the dialer's rows are; none of them is an attempt.
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

export function asteriskMasterCsvWriter(options: { hangupCauseInUserfield: boolean; pbxLegs?: boolean }): ScenarioWriter {
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
      if (options.pbxLegs) held.push(end, pbxLegRows(call, trunk.name, number, answer, end));
      return due;
    },
    finish: () => held.takeAll(),
  };
}

/**
 * The other rows of a real PBX's Master.csv around a dialer's call (as in the public samples:
 * formats.md §1.1): the Local channel's `;1` half (AppDial2, no dstchannel: a Local leg), and for
 * some calls one more row: a call in from the trunk to agent 8001 (every 5th), phone 8002 calling
 * 8003 (every 7th), phone 8004 hung up before dialling (every 11th), a voicemail left from the
 * carrier's IP in the public context (every 13th). Their uniqueids end in a letter: none is
 * another row's.
 */
function pbxLegRows(call: SimulatedCall, trunk: string, number: string, answer: string | null, end: number): string {
  const start = q(wallText(call.startMs));
  const times = [start, answer === null ? '' : q(answer), q(wallText(end)), String(call.ringSec + call.talkSec), String(call.talkSec)];
  const disposition = q(call.talkSec > 0 ? 'ANSWERED' : 'NO ANSWER');
  const id = (leg: string) => q(`${call.uniqueId}${leg}`);
  const seq = call.sequence;
  const row = (fields: string[]) => `${fields.join(',')}\n`;
  let rows = row([q(''), q(call.callerId), q(number), q('from-dialer'), q(`"Campaign" <${call.callerId}>`), q(`Local/${number}@from-dialer-${hex8(seq * 2)};1`), q(''), q('AppDial2'), q('(Outgoing Line)'), ...times, disposition, q('DOCUMENTATION'), id('a'), q('')]);
  if (seq % 5 === 1) {
    rows += row([q(''), q(number), q('8001'), q('from-trunk'), q(`"${number}" <${number}>`), q(`PJSIP/${trunk}-${hex8(seq * 4 + 2)}`), q(`PJSIP/8001-${hex8(seq * 4 + 3)}`), q('Dial'), q('PJSIP/8001,30,tr'), ...times, disposition, q('DOCUMENTATION'), id('b'), q('')]);
  } else if (seq % 7 === 2) {
    rows += row([q(''), q('8002'), q('8003'), q('from-internal'), q('"Agent Two" <8002>'), q(`PJSIP/8002-${hex8(seq * 4 + 2)}`), q(`PJSIP/8003-${hex8(seq * 4 + 3)}`), q('Dial'), q('PJSIP/8003,20'), ...times, disposition, q('DOCUMENTATION'), id('c'), q('')]);
  } else if (seq % 11 === 3) {
    rows += row([q(''), q('8004'), q('s'), q('from-internal'), q('"Agent Four" <8004>'), q(`PJSIP/8004-${hex8(seq * 4 + 2)}`), q(''), q('Hangup'), q(''), ...times, q('ANSWERED'), q('DOCUMENTATION'), id('d'), q('')]);
  } else if (seq % 13 === 4) {
    rows += row([q(''), q(number), q(number), q('public'), q(`"${number}" <${number}>`), q(`SIP/203.0.113.7-${hex8(seq * 4 + 2)}`), q(''), q('VoiceMail'), q('8001,u'), ...times, q('ANSWERED'), q('DOCUMENTATION'), id('e'), q('')]);
  }
  return rows;
}
