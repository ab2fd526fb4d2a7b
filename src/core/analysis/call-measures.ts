/**
 * What a final result counts as in the standard ratios, defined once for every format: the same
 * call counts the same whether the file states its SIP code, maps it from a Q.850 / FreeSWITCH
 * cause (model/causes.ts) or only gives an Asterisk disposition. Decided per distinct code
 * combination (code-classes.ts), never per call.
 *
 * NER, network effectiveness ratio (ITU-T E.411 §6.3): the call reached the called side, which
 * answered, was busy, did not answer, or refused it. Delivered = answered, or a called-side
 * outcome (486/600 busy, 408/480 no answer, 487 the caller gave up while it rang — Q.850 16
 * without an answer is the same call), or a refusal by the called user (603 Decline, 607
 * Unwanted, Q.850 21 CALL_REJECTED, E.411's "terminal rejection"). A 403 from the carrier, a 503,
 * a 404 are network or number failures: not delivered.
 *
 * SEER, session establishment effectiveness ratio (RFC 6076 §4.8):
 *   (INVITEs answered 200, or answered 480 / 486 / 600 / 603) / (INVITEs − those answered 3xx).
 * From a cause: 17 → 486, 19/20/31 → 480, 816 → 603, 815 → 600 (the gateway's SIP code); Q.850
 * 21 is a 403 or a 603 and counts as the 603 it is in E.411. From a disposition: ANSWERED, BUSY
 * (486), NO ANSWER (480). 408 and 487 are not in RFC 6076's list.
 */
import type { OutcomeClass } from '../model/call-record';

/** The fields of a final result the ratios depend on (sipCode null: none stated or mapped). */
export interface FinalResult {
  outcome: OutcomeClass;
  sipCode: number | null;
  /** The Q.850 / FreeSWITCH cause when the code comes from one; null otherwise. */
  q850: number | null;
  /** The Asterisk disposition, upper case, when the code comes from one; '' otherwise. */
  disposition: string;
}

const CALL_REJECTED = 21;
const USER_REFUSALS = new Set([603, 607]);
const SEER_CODES = new Set([480, 486, 600, 603]);
const SEER_DISPOSITIONS = new Set(['ANSWERED', 'BUSY', 'NO ANSWER', 'NOANSWER']);

const ambiguousRejected = (r: FinalResult) => r.sipCode === null && r.q850 === CALL_REJECTED;

/** ITU-T E.411 NER numerator: the call was delivered to the called side. */
export function nerDelivered(r: FinalResult): boolean {
  if (r.outcome === 'answered' || r.outcome === 'user') return true;
  return (r.sipCode !== null && USER_REFUSALS.has(r.sipCode)) || ambiguousRejected(r);
}

/** RFC 6076 SEER numerator: answered, or a final 480 / 486 / 600 / 603 (see the header). */
export function seerEffective(r: FinalResult): boolean {
  if (r.outcome === 'answered') return true;
  if (r.sipCode !== null) return SEER_CODES.has(r.sipCode);
  return ambiguousRejected(r) || SEER_DISPOSITIONS.has(r.disposition);
}

/** RFC 6076 SEER leaves redirected INVITEs (a final 3xx) out of the denominator. */
export function seerRedirected(r: FinalResult): boolean {
  return r.sipCode !== null && r.sipCode >= 300 && r.sipCode < 400;
}

/**
 * Can these calls show a 603 at all? Only when some code is a stated SIP code, or a 603 was seen
 * (a FreeSWITCH DECLINE): dispositions (BUSY / NO ANSWER hide a 603) and plain Q.850 causes (21
 * is a 403 or a 603) cannot. Where false, the 603 rate is "n/a", never a reassuring 0 %.
 */
export function shows603(t: { provenance: { sip: number }; rate603: { n: number; d: number } }): boolean {
  // No attempts (a trunk seen only inbound): no rate at all, shown as "—" like every other rate.
  return t.provenance.sip > 0 || t.rate603.n > 0 || t.rate603.d === 0;
}
