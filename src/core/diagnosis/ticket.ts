/**
 * The carrier ticket for a trunk's verdict: the leaf's `tellCarrier` text (tree.ts) with the
 * evidence's numbers filled in, then the sample calls. null when there is nothing to ask the
 * carrier (healthy, inconclusive, or a leaf that is ours to fix).
 */
import type { Ratio } from '../analysis/dashboard-types';
import { wallTime } from './context';
import { LEAVES } from './tree';
import type { EvidenceValue, TrunkDiagnosis } from './types';

const isRatio = (v: EvidenceValue | undefined): v is Ratio => typeof v === 'object' && v !== null && !Array.isArray(v);
const pctOf = (r: Ratio) => (r.d > 0 ? `${((100 * r.n) / r.d).toFixed(1)} % (${r.n} of ${r.d})` : '–');

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
  // The window and the counts, so the carrier can look up the same calls on their side.
  const span = e.window ? `${wallTime(e.window.fromMs)} to ${wallTime(e.window.toMs)}` : 'the whole export';
  lines.push(`Window: ${span} (time as in our CDR). 503: ${pctOf(d.rate503)}, 603: ${pctOf(d.rate603)} of ${d.attempts} attempts on this trunk.`);
  if (e.samples.length) {
    lines.push('Examples (start time as in our CDR, destination, caller ID, response):');
    for (const s of e.samples) lines.push(`  ${s.time}  ${s.destination || '-'}  ${s.callerId || '-'}  ${s.code}${s.callId ? `  Call-ID ${s.callId}` : ''}`);
  }
  return lines.join('\n');
}
