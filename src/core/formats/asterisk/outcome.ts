/**
 * A CDR row's result: the Asterisk disposition (main/cdr.c ast_cdr_disp2str; formats.md §1.4),
 * unless the site stored something more precise, which then wins:
 *  - HANGUPCAUSE(<chan>,tech) text "SIP 503 Service Unavailable" in userfield or an extra column
 *    (chan_pjsip `SIP %d %s`, formats.md §1.8) → the SIP code, source 'sip';
 *  - a numeric SIP code column (sipcode, sip_code …) → source 'sip';
 *  - a Q.850 cause column (hangupcause) → classifyCause, source 'q850'.
 * An ANSWERED row stays answered whatever an earlier attempt left in HANGUPCAUSE.
 */
import type { CodeSource, OutcomeClass } from '../../model/call-record';
import { classifyCause, classifyDisposition, classifySipCode, FREESWITCH_CAUSES, parseHangupCauseTech, upperCased } from '../../model/causes';
import { ownText } from '../../analysis/own-text';
import type { CdrRow } from './cdr-row';

export interface RowResult {
  sipCode: number | null;
  codeSource: CodeSource | null;
  outcome: OutcomeClass;
  reason: string;
  q850: number | null;
}

export const CONGESTION_REASON = 'FAILED (Congestion() in dialplan)';

const CAUSE_NAMES = new Map<number, string>([...FREESWITCH_CAUSES].map(([name, n]) => [n, name]));

function sipFromColumn(text: string): number | null {
  if (text === '') return null; // the column is absent in most layouts: skip the regex
  const m = /^(?:sip:)?([1-6]\d\d)$/i.exec(text);
  return m && m[1] !== undefined ? Number(m[1]) : null;
}

function causeFromColumn(text: string): number | null {
  if (text === '') return null;
  if (/^\d{1,3}$/.test(text)) return Number(text);
  return FREESWITCH_CAUSES.get(text.toUpperCase()) ?? null;
}

/**
 * The row's result, or a skip reason when nothing in it can be classified. Runs once per row: the
 * results are written out as literals (no spreads) and the disposition is classified only when
 * nothing more precise decided.
 */
export function classifyRow(row: CdrRow): RowResult | { skip: string } {
  if (row.causeTech === '' && row.userfield === '' && row.sipCode === '' && row.hangupCause === '') {
    const plain = plainDispositionResult(row.disposition);
    if (plain !== null && !(plain.outcome === 'capacity' && /^congestion$/i.test(row.lastapp))) return plain;
  }
  const disposition = upperCased(row.disposition);
  const tech = parseHangupCauseTech(row.causeTech) ?? parseHangupCauseTech(row.userfield);
  const techCode = tech?.sipCode ?? sipFromColumn(row.causeTech);
  const sip = techCode ?? sipFromColumn(row.sipCode);
  const sipReason = tech?.reason || row.sipReason;
  const q850 = causeFromColumn(row.hangupCause);

  if (disposition === 'ANSWERED') {
    const okCode = sip !== null && sip >= 200 && sip < 300 ? sip : null;
    return {
      sipCode: okCode,
      codeSource: okCode !== null ? 'sip' : 'disposition',
      outcome: 'answered',
      reason: okCode !== null && sipReason ? sipReason : 'ANSWERED',
      q850,
    };
  }
  const causeName = q850 !== null && q850 !== 0 ? (CAUSE_NAMES.get(q850) ?? `cause ${q850}`) : '';
  if (sip !== null) {
    return { sipCode: sip, codeSource: 'sip', outcome: classifySipCode(sip), reason: sipReason || causeName || row.disposition || `SIP ${sip}`, q850 };
  }
  if (q850 !== null && q850 !== 0) {
    const verdict = classifyCause(q850);
    return { sipCode: verdict.sipCode, codeSource: verdict.codeSource, outcome: verdict.outcome, reason: causeName, q850 };
  }
  const byDisposition = classifyDisposition(disposition);
  if (byDisposition) {
    const congestion = (disposition === 'FAILED' || disposition === 'CONGESTION') && /^congestion$/i.test(row.lastapp);
    return {
      sipCode: byDisposition.sipCode,
      codeSource: byDisposition.codeSource,
      outcome: byDisposition.outcome,
      reason: congestion ? CONGESTION_REASON : disposition,
      q850,
    };
  }
  if (disposition === '') return { skip: 'no disposition' };
  return { skip: `unknown disposition "${row.disposition.slice(0, 20)}"` };
}

/**
 * What classifyRow gives a row that states nothing but its disposition, written as Asterisk writes
 * it (`BUSY`, not ` busy`): one frozen result per disposition, shared by every such row (most rows
 * of a Master.csv), with the reason text the same string each time. null for any other text. At
 * most one entry per disposition classifyDisposition knows: only its exact spellings are kept. A
 * list compared text by text, not a Map: a row's disposition is a new string, and hashing it for a
 * Map look-up was half of the classification's CPU (1M Master.csv rows in pieces, profile share of
 * classifyRow and this function 2.8 % with a Map, 1.4 % with the list).
 */
export function plainDispositionResult(disposition: string): RowResult | null {
  for (const result of PLAIN_RESULTS) if (result.reason === disposition) return result;
  const verdict = classifyDisposition(disposition);
  if (verdict === null || upperCased(disposition.trim()) !== disposition) return null;
  const result: RowResult = Object.freeze({ sipCode: verdict.sipCode, codeSource: verdict.codeSource, outcome: verdict.outcome, reason: ownText(disposition), q850: null });
  PLAIN_RESULTS.push(result);
  return result;
}

const PLAIN_RESULTS: RowResult[] = [];
