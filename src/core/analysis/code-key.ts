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
  if (source === 'disposition') return dispositionLabel(reason) || outcome;
  if (sipCode !== null) return String(sipCode);
  return outcome;
}

/**
 * A disposition's label: upper case, cut before a parenthesis (`FAILED (cause 34)` → `FAILED`) —
 * what `.replace(/\s*\(.*$/, '')` did, by scanning: the reason is a file's text and that pattern is
 * quadratic on a long run of spaces. As there, `.` stops at a line end, so only a "(" after the last
 * line terminator starts the cut.
 */
export function dispositionLabel(reason: string): string {
  const text = reason.trim().toUpperCase();
  let lineStart = 0;
  for (let i = text.length - 1; i >= 0; i--) {
    const c = text.charCodeAt(i);
    if (c === 10 || c === 13 || c === 0x2028 || c === 0x2029) {
      lineStart = i + 1;
      break;
    }
  }
  const open = text.indexOf('(', lineStart);
  return open < 0 ? text : text.slice(0, open).trimEnd();
}
