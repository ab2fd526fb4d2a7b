/**
 * The carrier ticket for a trunk's verdict: the leaf's `tellCarrier` text (tree.ts) with the
 * evidence's numbers filled in, the period the numbers count (the brushed window, or the whole
 * export: the same numbers as the trunk table for that period), the codes the trunk was rejected
 * with in it, then the sample calls. null when there is nothing to ask the carrier (healthy,
 * inconclusive, or a leaf that is ours to fix).
 */
import type { Ratio } from '../analysis/dashboard-types';
import { formatCount } from '../model/format-count';
import { formatPercent } from '../model/format-percent';
import { wallTime } from './context';
import { KEY_ALWAYS_SHARE, REST_MAX_SHARE } from './rules/thresholds';
import { LEAVES } from './tree';
import type { EvidenceValue, Finding, TrunkDiagnosis } from './types';

const isRatio = (v: EvidenceValue | undefined): v is Ratio => typeof v === 'object' && v !== null && !Array.isArray(v);
/** A count from a finding's numbers as a person reads it ("1,440"); a text value as it is. */
const countText = (v: EvidenceValue | undefined): string => (typeof v === 'number' ? formatCount(v) : String(v ?? ''));
/** "86 % (171 of 200)": the rate as the trunk table writes it, then its counts (as Copy as text does). */
const pctOf = (r: Ratio) => `${formatPercent(r.n, r.d)} (${formatCount(r.n)} of ${formatCount(r.d)})`;

/** Rejection codes named in the ticket, most frequent first (a 403 trunk speaks of its 403s). */
const TICKET_CODES = 3;

export function ticketText(d: TrunkDiagnosis): string | null {
  const e = d.evidence;
  const leaf = LEAVES[d.verdict];
  if (!e || !leaf.tellCarrier) return null;
  const n = e.numbers;
  // A finding from the carrier's own words says what they answered, on how many calls and where,
  // unless its calls show the leaf's pattern too: the leaf's sentence claims one (a knee, a
  // plateau, "every time", "the others are fine") such a finding need not have (3 × "403 Invalid
  // Caller ID" on 3 of a caller ID's 10 calls, beside 503s on every other one).
  const template = n.stated === undefined || showsPattern(n) ? leaf.tellCarrier : `${statedClaim(n)} ${leaf.askCarrier}`;
  const list = (v: EvidenceValue | undefined) => (Array.isArray(v) ? v.join(', ') : String(v ?? ''));
  const first = e.window ? wallTime(e.window.fromMs) : (e.samples[0]?.time ?? '');
  const values: Record<string, string> = {
    knee: typeof n.limitCps === 'number' ? String(n.limitCps) : typeof n.kneeCps === 'number' ? String(n.kneeCps - 1) : '',
    plateau: countText(n.plateau),
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
  lines.push(`In it, ${formatCount(d.attempts)} attempts on this trunk; ${codesText(d)}.`);
  if (e.window && (e.window.fromMs > p.fromMs || e.window.toMs < p.toMs)) {
    lines.push(`The calls in question: ${wallTime(e.window.fromMs)} to ${wallTime(e.window.toMs)}.`);
  }
  if (e.samples.length) {
    lines.push('Examples (start time as in our CDR, destination, caller ID, response):');
    for (const s of e.samples) lines.push(`  ${s.time}  ${s.destination || '-'}  ${s.callerId || '-'}  ${s.code}${s.callId ? `  Call-ID ${s.callId}` : ''}`);
  }
  return lines.join('\n');
}

/**
 * The calls of a finding from the carrier's words show what its leaf's sentence says: the caller
 * IDs or destinations refused (nearly) every time, each tried more than once, while other ones
 * exist and stay normal (KEY_ALWAYS_SHARE, REST_MAX_SHARE, as the concentration rules), or (nearly)
 * every attempt failing from the onset (out of funds: `after`). A CPS knee or a channel plateau is
 * never in such a finding.
 */
function showsPattern(n: Finding['numbers']): boolean {
  const { keysRefused, elsewhere, keysTriedOnce } = n;
  if (isRatio(keysRefused) && isRatio(elsewhere)) {
    // "Every time" needs each key tried more than once, and "the others are fine" other keys at all.
    const repeated = keysTriedOnce === 0;
    return repeated && elsewhere.d > 0 && keysRefused.n >= KEY_ALWAYS_SHARE * keysRefused.d && elsewhere.n <= REST_MAX_SHARE * elsewhere.d;
  }
  return isRatio(n.after);
}

/** What the carrier answered, on how many of the trunk's attempts, and on which caller IDs or destinations (stated.ts). */
function statedClaim(n: Finding['numbers']): string {
  const phrases = Array.isArray(n.phrases) ? n.phrases.map((p) => `"${p}"`).join(', ') : '';
  const where = Array.isArray(n.callerIds) ? ' on calls presenting {callerIds}' : Array.isArray(n.prefixes) ? ' on calls to {prefixes}' : n.onset !== undefined ? ' from {onset} on' : '';
  return `You answered ${phrases} on ${countText(n.stated)} of our ${countText(n.attempts)} attempts on this trunk${where}.`;
}

/** "403: 100 % (1,024 of 1,024)" per rejection code of the period; the 503 / 603 rates when none. */
function codesText(d: TrunkDiagnosis): string {
  const shown = d.rejectCodes.slice(0, TICKET_CODES).map((c) => `${c.code}: ${pctOf({ n: c.count, d: d.attempts })}`);
  if (shown.length > 0) return `rejected with ${shown.join(', ')}`;
  return `503: ${pctOf(d.rate503)}, 603: ${d.knows603 ? pctOf(d.rate603) : 'n/a (the file cannot tell a 603)'}`;
}
