/**
 * The label a final result is counted under, honest about precision:
 *   "503"      the file states SIP 503
 *   "≈503"     mapped from a Q.850 / FreeSWITCH cause (503-like)
 *   "403/603"  Q.850 21 CALL_REJECTED: cannot be split without the reason phrase
 *   "FAILED"   an Asterisk disposition, no code known
 */
import type { CodeSource, OutcomeClass } from '../model/call-record';

export function codeKey(sipCode: number | null, source: CodeSource | null, q850: number | null, outcome: OutcomeClass, reason: string): string {
  if (source === 'sip' && sipCode !== null) return String(sipCode);
  if (source === 'q850') {
    if (sipCode !== null) return `≈${sipCode}`;
    if (q850 === 21) return '403/603';
    return q850 !== null ? `Q.850 ${q850}` : outcome;
  }
  if (source === 'disposition') return reason.trim().toUpperCase().replace(/\s*\(.*$/, '') || outcome;
  if (sipCode !== null) return String(sipCode);
  return outcome;
}
