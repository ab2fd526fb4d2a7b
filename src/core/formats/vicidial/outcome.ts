/**
 * Outcome of one carrier-log entry (formats.md §3.1, §7). Precedence:
 * 1. answered: ANSWERED TIME > 0 (${ANSWEREDTIME}), DIAL STATUS ANSWER, or a 2xx SIP code;
 * 2. the SIP code the carrier sent (`sip_hangup_cause`, parsed by bin/FastAGI_log.pl from
 *    `HANGUPCAUSE(…,tech)` = "SIP 503 Service Unavailable") → source 'sip';
 * 3. the Q.850 cause (`hangup_cause` = ${HANGUPCAUSE}) → classifyCause, source 'q850'. This is all an
 *    Asterisk ≤11 server has when nothing filled sip_hangup_cause (it stays 0);
 * 4. the Asterisk ${DIALSTATUS} → classifyDisposition, source 'disposition'.
 * 1xx codes are not final answers (the call ended before one came) and 999 is VICIdial's own
 * "DUPLICATE" marker in vicidial_dial_log, so neither counts as a SIP code.
 */
import type { CodeSource, OutcomeClass } from '../../model/call-record';
import { dialStatusName } from './shape';
import { classifyCause, classifyDisposition, classifySipCode, FREESWITCH_CAUSES, parseHangupCauseTech, type CodeVerdict } from '../../model/causes';

export interface OutcomeInput {
  sipCode: string;
  sipReason: string;
  hangupCause: number;
  dialStatus: string;
  answeredSec: number;
}

export interface OutcomeResult {
  answered: boolean;
  sipCode: number | null;
  codeSource: CodeSource | null;
  outcome: OutcomeClass;
  reason: string;
  q850: number | null;
}

/** Q.850 names for the numbers (the standard names, as FreeSWITCH spells them). */
const CAUSE_NAMES: ReadonlyMap<number, string> = new Map(
  [...FREESWITCH_CAUSES].filter(([, n]) => n > 0 && n < 128).map(([name, n]) => [n, name]),
);

export function causeName(cause: number): string | null {
  return CAUSE_NAMES.get(cause) ?? null;
}

/** A final SIP response code stated by the file, or null. */
export function finalSipCode(text: string): number | null {
  const t = text.trim();
  if (t.length !== 3 || !isDigit(t, 0) || !isDigit(t, 1) || !isDigit(t, 2)) return null; // /^\d{3}$/, once per row
  const code = Number(t);
  return code >= 200 && code < 700 ? code : null;
}

function isDigit(text: string, i: number): boolean {
  const c = text.charCodeAt(i);
  return c >= 48 && c <= 57;
}

/** Asterisk ${DIALSTATUS} → verdict; the CDR disposition names differ, so translate first. */
export function dialStatusVerdict(dialStatus: string): CodeVerdict | null {
  switch (dialStatus.trim().toUpperCase()) {
    case 'ANSWER':
      return classifyDisposition('ANSWERED');
    case 'CONGESTION': // the 503 path: chan_sip/chan_pjsip queue CONGESTION on 5xx (formats.md §7.6)
    case 'BUSY':
    case 'NOANSWER':
    case 'CANCEL':
      return classifyDisposition(dialStatus);
    case 'CHANUNAVAIL': // Asterisk's CDR turns it into FAILED (formats.md §1.4): unreachable peer or refusal
      return classifyDisposition('FAILED');
    case 'DONTCALL': // privacy manager / local argument errors: not the carrier's doing
    case 'TORTURE':
    case 'INVALIDARGS':
      return { sipCode: null, codeSource: 'disposition', outcome: 'other' };
    default:
      return null;
  }
}

/** The reason of a row whose SIP phrase says nothing: the cause's name, else the dial status, else the cause's number. */
function fallbackReason(q850: number | null, dialStatus: string): string {
  return (q850 !== null ? causeName(q850) : null) ?? (dialStatus || (q850 !== null ? `cause ${q850}` : ''));
}

export function classifyCarrierEntry(input: OutcomeInput): OutcomeResult {
  const dialStatus = dialStatusName(input.dialStatus);
  const phrase = input.sipReason.trim();
  const q850 = input.hangupCause > 0 ? input.hangupCause : null;
  let code = finalSipCode(input.sipCode);
  let reasonText = phrase;
  if (code === null) {
    // A site that stored the whole tech text instead of splitting it.
    const tech = parseHangupCauseTech(phrase);
    if (tech && tech.sipCode >= 200) {
      code = tech.sipCode;
      reasonText = tech.reason;
    }
  }
  const answered = input.answeredSec > 0 || dialStatus === 'ANSWER' || (code !== null && code < 300);
  if (answered) {
    const sip = code !== null && code < 300 ? code : null;
    return {
      answered,
      sipCode: sip,
      codeSource: sip !== null ? 'sip' : 'disposition',
      outcome: 'answered',
      reason: (sip !== null ? reasonText : '') || 'ANSWER',
      q850,
    };
  }
  // Results written out as literals, not spreads: this runs once per row.
  if (code !== null) {
    return { answered, sipCode: code, codeSource: 'sip', outcome: classifySipCode(code), reason: reasonText || fallbackReason(q850, dialStatus), q850 };
  }
  const byStatus = dialStatusVerdict(dialStatus);
  if (q850 !== null) {
    const v = classifyCause(q850);
    const vague = v.sipCode === null && (v.outcome === 'other' || v.outcome === 'unknown');
    if (!(vague && byStatus)) return { answered, sipCode: v.sipCode, codeSource: v.codeSource, outcome: v.outcome, reason: fallbackReason(q850, dialStatus), q850 };
  }
  if (byStatus) return { answered, sipCode: byStatus.sipCode, codeSource: byStatus.codeSource, outcome: byStatus.outcome, reason: dialStatus, q850 };
  return { answered, sipCode: null, codeSource: null, outcome: 'unknown', reason: fallbackReason(q850, dialStatus), q850 };
}
