/**
 * SIP codes, Q.850 causes, FreeSWITCH cause names and Asterisk dispositions → one outcome class.
 * Sources (see ../shared/docs/formats.md §7): RFC 3398 §8.2.6.1 (ISUP→SIP), FreeSWITCH
 * mod_sofia.c `hangup_cause_to_sip`, switch_types.h cause numbers, Asterisk main/cdr.c dispositions.
 * Rule: never invent precision. Q.850 21 (CALL_REJECTED) is "403 or 603" → sipCode null; a
 * disposition FAILED is "503-like" → sipCode null, outcome capacity.
 */
import type { CodeSource, OutcomeClass } from './call-record';

export interface CodeVerdict {
  sipCode: number | null;
  codeSource: CodeSource;
  outcome: OutcomeClass;
}

const CAPACITY_SIP = new Set([502, 503, 504, 580]);
const POLICY_SIP = new Set([401, 402, 403, 407, 603, 607, 608]);
const NUMBER_SIP = new Set([404, 410, 484, 485, 604]);
const USER_SIP = new Set([408, 480, 486, 487, 600]);

/** Outcome class of a final SIP response code. */
export function classifySipCode(code: number): OutcomeClass {
  if (code >= 200 && code < 300) return 'answered';
  if (CAPACITY_SIP.has(code)) return 'capacity';
  if (POLICY_SIP.has(code)) return 'policy';
  if (NUMBER_SIP.has(code)) return 'number';
  if (USER_SIP.has(code)) return 'user';
  if (code >= 300 && code < 700) return 'other';
  return 'unknown';
}

/** Q.850 cause → the SIP code an RFC 3398 / FreeSWITCH gateway sends, or null when ambiguous. */
const CAUSE_TO_SIP: ReadonlyMap<number, number | null> = new Map<number, number | null>([
  [1, 404], [2, 404], [3, 404], [17, 486], [18, 408], [19, 480], [20, 480],
  [21, null], // CALL_REJECTED: 403 (Asterisk, RFC 3398 default) or 603 (FreeSWITCH, location=user)
  [22, 410], [23, 410], [25, 483], [26, 404], [27, 502], [28, 484], [29, 501], [31, 480],
  [34, 503], [38, 503], [41, 503], [42, 503], [44, 503], [47, 503], [58, 503], [63, 405],
  [52, 403], [54, 403], [55, 403], [57, 403], [87, 403],
  [65, 488], [70, 488], [88, 488], [69, 501], [79, 501], [102, 504], [111, 500], [127, 500],
  [487, 487], // FreeSWITCH ORIGINATOR_CANCEL keeps the SIP number
]);

/** Outcome of an unanswered call ending with this Q.850 (or FreeSWITCH-extended) cause. */
export function classifyCause(cause: number): CodeVerdict {
  if (cause === 16) {
    // NORMAL_CLEARING without an answer: the caller hung up while it rang.
    return { sipCode: 487, codeSource: 'q850', outcome: 'user' };
  }
  if (cause === 21) return { sipCode: null, codeSource: 'q850', outcome: 'policy' };
  // RECOVERY_ON_TIMER_EXPIRE: FreeSWITCH writes it for a 408 (and a 504) from the far end; it is a
  // timeout, not a capacity rejection, and the file cannot say which code it was.
  if (cause === 102) return { sipCode: null, codeSource: 'q850', outcome: 'user' };
  const mapped = CAUSE_TO_SIP.get(cause);
  if (mapped !== undefined && mapped !== null) {
    return { sipCode: mapped, codeSource: 'q850', outcome: classifySipCode(mapped) };
  }
  const extra = FREESWITCH_EXTENDED_TO_SIP.get(cause);
  if (extra) return { sipCode: extra.sip, codeSource: 'q850', outcome: extra.outcome };
  return { sipCode: null, codeSource: 'q850', outcome: cause === 0 ? 'unknown' : 'other' };
}

/** FreeSWITCH causes ≥ 700 (switch_types.h) and how they end on SIP (mod_sofia.c). */
const FREESWITCH_EXTENDED_TO_SIP: ReadonlyMap<number, { sip: number | null; outcome: OutcomeClass }> = new Map([
  [806, { sip: 480, outcome: 'user' as OutcomeClass }], // USER_NOT_REGISTERED
  [807, { sip: 480, outcome: 'user' as OutcomeClass }], // PROGRESS_TIMEOUT
  [812, { sip: 480, outcome: 'user' as OutcomeClass }], // NO_PICKUP
  [808, { sip: 484, outcome: 'other' as OutcomeClass }], // INVALID_GATEWAY: local config
  [809, { sip: 503, outcome: 'capacity' as OutcomeClass }], // GATEWAY_DOWN: a 503 made locally
  [810, { sip: 484, outcome: 'other' as OutcomeClass }], // INVALID_URL
  [811, { sip: 502, outcome: 'other' as OutcomeClass }], // INVALID_PROFILE
  [815, { sip: 600, outcome: 'user' as OutcomeClass }], // BUSY_EVERYWHERE
  [816, { sip: 603, outcome: 'policy' as OutcomeClass }], // DECLINE
  [817, { sip: 604, outcome: 'number' as OutcomeClass }], // DOES_NOT_EXIST_ANYWHERE
  [818, { sip: 606, outcome: 'other' as OutcomeClass }], // NOT_ACCEPTABLE
  [819, { sip: 607, outcome: 'policy' as OutcomeClass }], // UNWANTED
  [825, { sip: 603, outcome: 'policy' as OutcomeClass }], // REJECT_ALL
]);

/** FreeSWITCH cause names (src/switch_channel.c CAUSE_CHART) → numbers (switch_types.h). */
export const FREESWITCH_CAUSES: ReadonlyMap<string, number> = new Map([
  ['UNSPECIFIED', 0], ['UNALLOCATED_NUMBER', 1], ['NO_ROUTE_TRANSIT_NET', 2], ['NO_ROUTE_DESTINATION', 3],
  ['CHANNEL_UNACCEPTABLE', 6], ['CALL_AWARDED_DELIVERED', 7], ['NORMAL_CLEARING', 16], ['USER_BUSY', 17],
  ['NO_USER_RESPONSE', 18], ['NO_ANSWER', 19], ['SUBSCRIBER_ABSENT', 20], ['CALL_REJECTED', 21],
  ['NUMBER_CHANGED', 22], ['REDIRECTION_TO_NEW_DESTINATION', 23], ['EXCHANGE_ROUTING_ERROR', 25],
  ['DESTINATION_OUT_OF_ORDER', 27], ['INVALID_NUMBER_FORMAT', 28], ['FACILITY_REJECTED', 29],
  ['RESPONSE_TO_STATUS_ENQUIRY', 30], ['NORMAL_UNSPECIFIED', 31], ['NORMAL_CIRCUIT_CONGESTION', 34],
  ['NETWORK_OUT_OF_ORDER', 38], ['NORMAL_TEMPORARY_FAILURE', 41], ['SWITCH_CONGESTION', 42],
  ['ACCESS_INFO_DISCARDED', 43], ['REQUESTED_CHAN_UNAVAIL', 44], ['PRE_EMPTED', 45],
  ['FACILITY_NOT_SUBSCRIBED', 50], ['OUTGOING_CALL_BARRED', 52], ['INCOMING_CALL_BARRED', 54],
  ['BEARERCAPABILITY_NOTAUTH', 57], ['BEARERCAPABILITY_NOTAVAIL', 58], ['SERVICE_UNAVAILABLE', 63],
  ['BEARERCAPABILITY_NOTIMPL', 65], ['CHAN_NOT_IMPLEMENTED', 66], ['FACILITY_NOT_IMPLEMENTED', 69],
  ['SERVICE_NOT_IMPLEMENTED', 79], ['INVALID_CALL_REFERENCE', 81], ['INCOMPATIBLE_DESTINATION', 88],
  ['INVALID_MSG_UNSPECIFIED', 95], ['MANDATORY_IE_MISSING', 96], ['MESSAGE_TYPE_NONEXIST', 97],
  ['WRONG_MESSAGE', 98], ['IE_NONEXIST', 99], ['INVALID_IE_CONTENTS', 100], ['WRONG_CALL_STATE', 101],
  ['RECOVERY_ON_TIMER_EXPIRE', 102], ['MANDATORY_IE_LENGTH_ERROR', 103], ['PROTOCOL_ERROR', 111],
  ['INTERWORKING', 127], ['SUCCESS', 142], ['ORIGINATOR_CANCEL', 487], ['CRASH', 700],
  ['SYSTEM_SHUTDOWN', 701], ['LOSE_RACE', 702], ['MANAGER_REQUEST', 703], ['BLIND_TRANSFER', 800],
  ['ATTENDED_TRANSFER', 801], ['ALLOTTED_TIMEOUT', 802], ['USER_CHALLENGE', 803], ['MEDIA_TIMEOUT', 804],
  ['PICKED_OFF', 805], ['USER_NOT_REGISTERED', 806], ['PROGRESS_TIMEOUT', 807], ['INVALID_GATEWAY', 808],
  ['GATEWAY_DOWN', 809], ['INVALID_URL', 810], ['INVALID_PROFILE', 811], ['NO_PICKUP', 812],
  ['SRTP_READ_ERROR', 813], ['BOWOUT', 814], ['BUSY_EVERYWHERE', 815], ['DECLINE', 816],
  ['DOES_NOT_EXIST_ANYWHERE', 817], ['NOT_ACCEPTABLE', 818], ['UNWANTED', 819], ['NO_IDENTITY', 820],
  ['BAD_IDENTITY_INFO', 821], ['UNSUPPORTED_CERTIFICATE', 822], ['INVALID_IDENTITY', 823],
  ['STALE_DATE', 824], ['REJECT_ALL', 825],
]);

/** Asterisk CDR disposition (main/cdr.c ast_cdr_disp2str) → outcome; never a SIP code. */
export function classifyDisposition(disposition: string): CodeVerdict | null {
  switch (upperCased(disposition.trim())) {
    case 'ANSWERED':
      return DISPOSITION_ANSWERED;
    case 'FAILED': // 503 from the trunk (congestion=no, the default), also CHANUNAVAIL
    case 'CONGESTION': // 503 when cdr.conf congestion=yes
      return DISPOSITION_CAPACITY;
    case 'BUSY': // 486 — or a 603 under chan_sip: the file cannot tell
    case 'NO ANSWER': // no answer — or a 603/403 under chan_pjsip: the file cannot tell
    case 'NOANSWER':
    case 'CANCEL':
      return DISPOSITION_USER;
    case 'UNKNOWN':
      return DISPOSITION_UNKNOWN;
    default:
      return null;
  }
}

// classifyDisposition runs once per row: its verdicts are shared (frozen), not made per row.
const dispositionVerdict = (outcome: OutcomeClass): CodeVerdict => Object.freeze({ sipCode: null, codeSource: 'disposition', outcome });
const DISPOSITION_ANSWERED = dispositionVerdict('answered');
const DISPOSITION_CAPACITY = dispositionVerdict('capacity');
const DISPOSITION_USER = dispositionVerdict('user');
const DISPOSITION_UNKNOWN = dispositionVerdict('unknown');

/**
 * text.toUpperCase(), but the text itself when there is nothing to change (ASCII with no a–z):
 * dispositions are written in capitals, and a new string per row is garbage to collect.
 */
export function upperCased(text: string): string {
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c > 127 || (c >= 97 && c <= 122)) return text.toUpperCase();
  }
  return text;
}

const HANGUPCAUSE_TECH = /\b(?:SIP|PJSIP)\s+([1-6]\d\d)(?:\s+(.*))?$/;

/**
 * Asterisk `HANGUPCAUSE(<chan>,tech)` text as sites store it in userfield or an extra column:
 * chan_pjsip writes "SIP 503 Service Unavailable", chan_sip "SIP 503 Service Unavailable" too.
 */
export function parseHangupCauseTech(text: string): { sipCode: number; reason: string } | null {
  if (text === '') return null; // most rows store none: skip trim and regex
  const m = HANGUPCAUSE_TECH.exec(text.trim());
  if (!m || m[1] === undefined) return null;
  return { sipCode: Number(m[1]), reason: (m[2] ?? '').trim() };
}

/** A SIP code stated by the file (sip provenance). */
export function fromSipCode(code: number): CodeVerdict {
  return { sipCode: code, codeSource: 'sip', outcome: classifySipCode(code) };
}
