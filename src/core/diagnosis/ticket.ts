/**
 * The carrier ticket for a trunk's verdict: the leaf's `tellCarrier` text (tree.ts) with the
 * evidence's numbers filled in, the period the numbers count (the brushed window, or the whole
 * export: the same numbers as the trunk table for that period), the codes the trunk was rejected
 * with in it, then the sample calls. null when there is nothing to ask the carrier (healthy,
 * inconclusive, or a leaf that is ours to fix).
 */
import type { Ratio } from '../analysis/dashboard-types';
import { wallTime } from './context';
import { LEAVES } from './tree';
import type { EvidenceValue, TrunkDiagnosis } from './types';

const isRatio = (v: EvidenceValue | undefined): v is Ratio => typeof v === 'object' && v !== null && !Array.isArray(v);
const pctOf = (r: Ratio) => (r.d > 0 ? `${((100 * r.n) / r.d).toFixed(1)} % (${r.n} of ${r.d})` : '–');

/** Rejection codes named in the ticket, most frequent first (a 403 trunk speaks of its 403s). */
const TICKET_CODES = 3;

export function ticketText(d: TrunkDiagnosis): string | null {
  const e = d.evidence;
  const template = LEAVES[d.verdict].tellCarrier;
  if (!e || !template) return null;
  const n = e.numbers;
  const list = (v: EvidenceValue | undefined) => (Array.isArray(v) ? v.join(', ') : String(v ?? ''));
  const first = e.window ? wallTime(e.window.fromMs) : (e.samples[0]?.time ?? '');
  const values: Record<string, string> = {
    knee: typeof n.kneeCps === 'number' ? String(n.kneeCps - 1) : '',
    plateau: String(n.plateau ?? ''),
    onset: String(n.onset ?? e.samples[0]?.time ?? ''),
    code: String(n.code ?? e.samples[0]?.code ?? ''),
    prefixes: list(n.prefixes),
    callerIds: list(n.callerIds),
    rate: isRatio(n.after) ? pctOf(n.after) : '',
    before: isRatio(n.before) ? pctOf(n.before) : '',
    first,
  };
  const text = template.replace(/\{(\w+)\}/g, (_, k: string) => values[k] ?? '');
  const lines = [`Trunk ${d.trunk}: ${text}`];
  // The period and its counts, so the carrier can look up the same calls on their side.
  const p = d.period;
  const span = `${wallTime(p.fromMs)} to ${wallTime(p.toMs)}`;
  lines.push(p.wholeFile ? `Window: the whole export, ${span} (time as in our CDR).` : `Window: ${span} (time as in our CDR).`);
  lines.push(`In it, ${d.attempts} attempts on this trunk; ${codesText(d)}.`);
  if (e.window && (e.window.fromMs > p.fromMs || e.window.toMs < p.toMs)) {
    lines.push(`The calls in question: ${wallTime(e.window.fromMs)} to ${wallTime(e.window.toMs)}.`);
  }
  if (e.samples.length) {
    lines.push('Examples (start time as in our CDR, destination, caller ID, response):');
    for (const s of e.samples) lines.push(`  ${s.time}  ${s.destination || '-'}  ${s.callerId || '-'}  ${s.code}${s.callId ? `  Call-ID ${s.callId}` : ''}`);
  }
  return lines.join('\n');
}

/** "403: 100.0 % (1024 of 1024)" per rejection code of the period; the 503 / 603 rates when none. */
function codesText(d: TrunkDiagnosis): string {
  const shown = d.rejectCodes.slice(0, TICKET_CODES).map((c) => `${c.code}: ${pctOf({ n: c.count, d: d.attempts })}`);
  if (shown.length > 0) return `rejected with ${shown.join(', ')}`;
  return `503: ${pctOf(d.rate503)}, 603: ${d.knows603 ? pctOf(d.rate603) : 'n/a (the file cannot tell a 603)'}`;
}
