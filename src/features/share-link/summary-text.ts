/**
 * "Copy as text": the selected trunks' numbers and verdicts as plain text for a chat message or a
 * ticket. Every rate is written with its numerator and denominator, the window with its dates; the
 * carrier ticket text follows when the verdict has one. Caller IDs and other phone-number-like runs
 * (7+ digits) are masked like the link's unless the sender chose full caller IDs; Call-IDs and file
 * names are not.
 */
import type { Ratio, TimeWindow, TrunkStats } from '../../core/analysis/dashboard-types';
import { shows603 } from '../../core/analysis/call-measures';
import { maskNumber } from '../../core/share';
import { formatCount, formatPercent, formatWall } from '../../lib/format';

/** What the diagnosis says about one trunk, in words (the dashboard fills it from the worker's diagnosis). */
export interface VerdictText {
  /** The trunk as in the data (not the display name). */
  trunk: string;
  verdict: string;
  confidence: string;
  title: string;
  /** The sentence with the numbers behind the verdict; null when healthy. */
  evidence: string | null;
  fix: string;
  /** What to tell the carrier (ticket.ts); null when there is nothing to ask them. */
  ticket: string | null;
  /** The diagnosis counted the whole file, not only the window (DiagnosisPeriod.wholeFile). */
  wholeFile: boolean;
}

export interface SummaryInput {
  files: readonly string[];
  span: TimeWindow;
  /** The window the numbers are for (the span when none was chosen). */
  window: TimeWindow;
  /** The selected trunks' rows, as the table shows them. */
  trunks: readonly TrunkStats[];
  verdicts: readonly VerdictText[];
  displayName: (trunk: string) => string;
  privacy: 'masked' | 'full';
}

const rate = (r: Ratio) => `${formatPercent(r.n, r.d)} (${formatCount(r.n)} of ${formatCount(r.d)})`;

export function summaryText({ files, span, window, trunks, verdicts, displayName, privacy }: SummaryInput): string {
  const whole = window.fromMs <= span.fromMs && window.toMs >= span.toMs;
  const lines = [`Trunk Triage — ${whole ? 'whole span' : 'window'} ${formatWall(window.fromMs)} to ${formatWall(window.toMs)} (times as written in the file)`];
  for (const t of trunks) {
    const name = displayName(t.trunk) || t.trunk;
    lines.push('', `${name}${name !== t.trunk ? ` (${t.trunk})` : ''}: ${formatCount(t.attempts)} attempts`);
    lines.push(`  503: ${rate(t.rate503)} · 603: ${shows603(t) ? rate(t.rate603) : 'n/a'} · ASR ${rate(t.asr)} · NER ${rate(t.ner)} · SEER ${rate(t.seer)}${t.acdSec === null ? '' : ` · ACD ${Math.round(t.acdSec)} s`}`);
    const v = verdicts.find((x) => x.trunk === t.trunk);
    if (!v) continue;
    lines.push(`  Verdict: ${v.title} (${v.verdict}, ${v.confidence} confidence; diagnosis over ${v.wholeFile ? 'the whole span' : 'this window'})`);
    if (v.evidence) lines.push(`  Evidence: ${v.evidence}`);
    lines.push(`  Fix: ${v.fix}`);
    if (v.ticket) lines.push('  Tell the carrier:', ...v.ticket.split('\n').map((l) => `    ${l}`));
  }
  const text = lines.join('\n') + '\n';
  // File names travel unmasked in the link too; a Call-ID is no one's number and the carrier needs it.
  const masked = privacy === 'full' ? text : text.replace(/(Call-ID \S+)|\+?\d{7,}/g, (m, callId: string | undefined) => callId ?? maskNumber(m));
  return masked.replace('\n', `\nFrom: ${files.join(', ')}\n`);
}
