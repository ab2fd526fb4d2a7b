/**
 * One row's result from whatever the file states, most precise first (brief + formats.md §7–8):
 *   1. a SIP code column (`503`, `sip:503`, `503 Service Unavailable`) → fromSipCode, source 'sip';
 *   2. Asterisk HANGUPCAUSE tech text (`SIP 503 Service Unavailable`) in any unmapped/reason column
 *      → parseHangupCauseTech, source 'sip';
 *   3. a cause column (Q.850 number, or a FreeSWITCH name → FREESWITCH_CAUSES) → classifyCause, 'q850';
 *   4. a disposition/status word → 'disposition' (values.ts dispositionWord; Asterisk CDR headers use
 *      causes.ts classifyDisposition, where FAILED is 503-like); then a cause name in the status column;
 *   5. nothing → 'unknown'.
 * Values in the "wrong" column are still read by their shape (a user mapping a status column of
 * codes as disposition loses nothing). Whether the call was answered is decided by the parser.
 */
import type { CodeSource, OutcomeClass } from '../../model/call-record';
import { classifyCause, classifyDisposition, fromSipCode, parseHangupCauseTech, type CodeVerdict } from '../../model/causes';
import { causeName, clean, dispositionWord, parseCauseValue, parseSipCodeValue } from './values';

export interface OutcomeInput {
  sipCode: string;
  cause: string;
  disposition: string;
  reason: string;
  /** Cells that may hold HANGUPCAUSE tech text (unmapped columns and the reason column). */
  freeText: readonly string[];
  /** Header is an Asterisk CDR (disposition + dstchannel/lastapp/…): FAILED means 503-like. */
  asteriskDispositions: boolean;
}

export interface RowVerdict {
  sipCode: number | null;
  codeSource: CodeSource | null;
  outcome: OutcomeClass;
  reason: string;
  q850: number | null;
}

export function rowVerdict(input: OutcomeInput): RowVerdict {
  const sipText = clean(input.sipCode);
  const causeText = clean(input.cause);
  const dispositionText = clean(input.disposition);
  const reasonText = clean(input.reason);

  const cause = causeText === '' ? null : parseCauseValue(causeText);
  const q850 = cause?.cause ?? null;
  const withReason = (verdict: CodeVerdict, fallback: string): RowVerdict => ({
    ...verdict,
    reason: reasonText || fallback,
    q850,
  });
  const causeVerdict = (c: { cause: number; name: string }): RowVerdict => ({
    ...withReason(classifyCause(c.cause), c.name || causeName(c.cause)),
    q850: c.cause,
  });

  // 1. A stated SIP code, wherever a code-like column put it (a cause column's 1xx are causes).
  const codeCells: Array<[string, boolean]> = [[sipText, true], [dispositionText, true], [causeText, cause === null]];
  for (const [text, allowed] of codeCells) {
    if (text === '' || !allowed) continue;
    const sip = parseSipCodeValue(text);
    if (sip) return withReason(fromSipCode(sip.code), sip.phrase);
  }
  // 2. HANGUPCAUSE(…,tech) text stored by the site.
  for (const text of input.freeText) {
    if (!text.includes('SIP')) continue;
    const tech = parseHangupCauseTech(text);
    if (tech) return withReason(fromSipCode(tech.sipCode), tech.reason);
  }
  // 3. A cause column (number or name), or a cause NAME sitting in the code column.
  const stated = cause ?? causeByName(sipText);
  if (stated) return causeVerdict(stated);
  // 4. A disposition / status word. The status column's words come before cause names: Twilio's
  //    `no-answer` is a status, even though FreeSWITCH has a cause NO_ANSWER.
  for (const text of [dispositionText, sipText, causeText]) {
    if (text === '') continue;
    const verdict = dispositionVerdict(text, input.asteriskDispositions);
    if (verdict) return withReason(verdict, text);
  }
  const named = causeByName(dispositionText);
  if (named) return causeVerdict(named);
  // VICIdial writes 0 for "no SIP code": not a reason worth showing.
  const words = [dispositionText, sipText, causeText].find((t) => t !== '' && !/^\d+$/.test(t)) ?? '';
  return { sipCode: null, codeSource: null, outcome: 'unknown', reason: reasonText || words, q850 };
}

function dispositionVerdict(text: string, asterisk: boolean): CodeVerdict | null {
  if (asterisk) {
    const verdict = classifyDisposition(text);
    if (verdict) return verdict;
  }
  const outcome = dispositionWord(text);
  return outcome === null ? null : { sipCode: null, codeSource: 'disposition', outcome };
}

function causeByName(text: string): { cause: number; name: string } | null {
  return text === '' || /^\d/.test(text) ? null : parseCauseValue(text);
}
