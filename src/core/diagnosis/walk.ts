/**
 * The flowchart walked for one trunk: at each question the data's suggested answer (from the
 * verdict and the findings), the operator's override if any, and the evidence for every branch.
 * Pure: the walk UI, the share link (overrides travel with it) and tests use the same function.
 */
import type { CodeCount } from '../analysis/dashboard-types';
import { formatCount } from '../model/format-count';
import { formatPercent } from '../model/format-percent';
import { MIN_ATTEMPTS } from './rules/thresholds';
import { LEAVES, QUESTIONS, type Leaf, type LeafId, type Question } from './tree';
import type { Finding, TrunkDiagnosis } from './types';

/** Question id → index of the chosen branch (the operator's answers). */
export type WalkOverrides = Readonly<Record<string, number>>;

export interface WalkStep {
  question: Question;
  /** The branch the data supports (null when no branch has evidence: the operator decides). */
  suggested: number | null;
  /** The branch followed: the override when there is one, else the suggestion (else the first). */
  chosen: number;
  overridden: boolean;
  /** Evidence per branch (same order as question.branches); '' when the data says nothing. */
  evidence: string[];
}

export interface Walk {
  steps: WalkStep[];
  leaf: Leaf;
  /** The finding behind the leaf reached, when the data has one. */
  finding: Finding | null;
}

const QUESTION_BY_ID = new Map(QUESTIONS.map((q) => [q.id, q]));
const leafOf = (to: string): LeafId | null => (to.startsWith('leaf:') ? (to.slice(5) as LeafId) : null);

/**
 * What a walk reads of a diagnosis: the verdict, the findings and the rates. A shared link carries
 * the verdict and the rates but no findings, so it walks with an empty list rather than a made-up
 * diagnosis.
 */
export type WalkInput = Pick<TrunkDiagnosis, 'verdict' | 'attempts' | 'rate503' | 'rate603' | 'knows603' | 'evidence' | 'findings'> &
  Partial<Pick<TrunkDiagnosis, 'rejectCodes'>>;

export function walkTrunk(d: WalkInput, overrides: WalkOverrides = {}): Walk {
  const findings = [d.evidence, ...d.findings].filter((f): f is Finding => f !== null);
  const findingFor = (leaf: LeafId) => findings.find((f) => f.leaf === leaf) ?? null;
  const steps: WalkStep[] = [];
  let node = QUESTION_BY_ID.get('start');
  for (let guard = 0; node && guard < 10; guard++) {
    const question = node;
    const evidence = question.branches.map((b) => branchEvidence(question.id, b.to, d, findingFor));
    const suggested = suggest(question, d, findingFor);
    const override = overrides[question.id];
    const valid = override !== undefined && override >= 0 && override < question.branches.length;
    const chosen = valid ? override : (suggested ?? 0);
    steps.push({ question, suggested, chosen, overridden: valid && override !== suggested, evidence });
    const to = question.branches[chosen]!.to;
    const leaf = leafOf(to);
    if (leaf) return { steps, leaf: LEAVES[leaf], finding: findingFor(leaf) };
    node = QUESTION_BY_ID.get(to);
  }
  return { steps, leaf: LEAVES.inconclusive, finding: null };
}

/** The branch the verdict (or, after an override, the best finding) points to. */
function suggest(q: Question, d: WalkInput, findingFor: (l: LeafId) => Finding | null): number | null {
  const index = (pred: (to: string) => boolean) => {
    const i = q.branches.findIndex((b) => pred(b.to));
    return i >= 0 ? i : null;
  };
  const verdictFamily = LEAVES[d.verdict].family;
  switch (q.id) {
    case 'start':
      if (d.verdict === 'healthy') return index((to) => to === 'leaf:healthy');
      if (d.verdict === 'auth-or-disabled-trunk') return index((to) => to === 'leaf:auth-or-disabled-trunk');
      // Too few attempts to call it either way: not "yes, it fails" (a trunk with 0 of 1 rejected).
      if (d.verdict === 'inconclusive' && d.attempts < MIN_ATTEMPTS) return index((to) => to === 'leaf:inconclusive');
      return index((to) => to === 'code');
    case 'code':
      if (d.verdict === 'inconclusive') return index((to) => to === 'leaf:inconclusive');
      if (verdictFamily === '503') return index((to) => to === 'capacity');
      if (verdictFamily === '603') return index((to) => to === 'policy');
      return null;
    default: {
      // Among this question's leaves, the one the data has the strongest finding for.
      let best: number | null = null;
      let bestExplains = -1;
      q.branches.forEach((b, i) => {
        const leaf = leafOf(b.to);
        const f = leaf ? findingFor(leaf) : null;
        if (leaf === d.verdict) {
          best = i;
          bestExplains = Number.POSITIVE_INFINITY;
        } else if (f && f.explains > bestExplains) {
          best = i;
          bestExplains = f.explains;
        }
      });
      return best;
    }
  }
}

function branchEvidence(questionId: string, to: string, d: WalkInput, findingFor: (l: LeafId) => Finding | null): string {
  const leaf = leafOf(to);
  if (leaf) {
    const f = findingFor(leaf);
    if (f) return f.summary;
    if (leaf === 'healthy' && d.verdict === 'healthy') return `503 ${formatPercent(d.rate503.n, d.rate503.d)}, 603 ${d.knows603 ? formatPercent(d.rate603.n, d.rate603.d) : 'n/a'} of ${formatCount(d.attempts)} attempts: background only.`;
    if (leaf === 'cps-limit') return noKneeToTell(findingFor('inconclusive'));
    return '';
  }
  const r603 = d.knows603 ? `603: ${formatCount(d.rate603.n)} of ${formatCount(d.rate603.d)} (${formatPercent(d.rate603.n, d.rate603.d)})` : '603: n/a (these calls cannot show a 603)';
  if (questionId === 'start' && to === 'code') return `503: ${formatCount(d.rate503.n)} of ${formatCount(d.rate503.d)} (${formatPercent(d.rate503.n, d.rate503.d)}); ${r603}${otherRejections(d)}.`;
  if (to === 'capacity') return `${formatCount(d.rate503.n)} calls ended 503 (${formatPercent(d.rate503.n, d.rate503.d)} of attempts).${statedWords(d, ['503', 'either'])}`;
  if (to === 'policy') return `${d.knows603 ? `${formatCount(d.rate603.n)} calls ended 603 (${formatPercent(d.rate603.n, d.rate603.d)} of attempts).` : 'n/a: these calls cannot show a 603.'}${statedWords(d, ['603'])}`;
  return '';
}

/** Why the CPS branch has no knee where the file's times cannot show one (attempts stamped at their final reply, evidence.ts). */
function noKneeToTell(inconclusive: Finding | null): string {
  const stamped = inconclusive?.numbers.answeredStampedAtReply;
  if (typeof stamped !== 'object' || stamped === null || !('n' in stamped)) return '';
  return `No knee can be told: this file stamps attempts at their final reply (${formatCount(stamped.n)} of ${formatCount(stamped.d)} answered calls at their answer), so calls per second are not the rate the carrier saw.`;
}

/** The rejections (capacity or policy outcome) per code label, as the ticket and the walk speak of them. */
export function rejectionCodes(byCode: readonly CodeCount[]): Array<{ code: string; count: number }> {
  return byCode.filter((c) => c.outcome === 'capacity' || c.outcome === 'policy').map((c) => ({ code: c.code, count: c.count }));
}

/** Codes shown on the first step besides 503 and 603 (the rest are summed in the total). */
const OTHER_CODES_SHOWN = 3;

/**
 * Rejections other than 503 and 603 (a 403 "Invalid Caller ID", a 402, a 480 from the carrier) on
 * the first step, with the table's "Rejected" total, so "yes, it fails" never stands on 0 and 0.
 */
function otherRejections(d: WalkInput): string {
  const codes = d.rejectCodes ?? [];
  const total = codes.reduce((n, c) => n + c.count, 0);
  if (total <= d.rate503.n + (d.knows603 ? d.rate603.n : 0)) return '';
  const others = codes.filter((c) => c.code !== '503' && c.code !== '603');
  const named = others.slice(0, OTHER_CODES_SHOWN).map((c) => `${c.code} × ${formatCount(c.count)}`);
  if (others.length > OTHER_CODES_SHOWN) named.push('…');
  return `; all rejections: ${formatCount(total)} of ${formatCount(d.attempts)} (${formatPercent(total, d.attempts)})${named.length ? `, ${named.join(', ')}` : ''}`;
}

/** What the carrier said (findings from codes and reason phrases, rules/stated.ts) on this side of the chart. */
function statedWords(d: WalkInput, families: readonly string[]): string {
  const said = [d.evidence, ...d.findings]
    .filter((f): f is Finding => f !== null && typeof f.numbers.stated === 'number' && families.includes(LEAVES[f.leaf].family))
    .map((f) => {
      const phrases = Array.isArray(f.numbers.phrases) ? f.numbers.phrases : [];
      return `${phrases.slice(0, 2).map((p) => `"${p}"`).join(', ')} on ${formatCount(Number(f.numbers.stated))} (${lowerFirst(LEAVES[f.leaf].title)})`;
    });
  return said.length ? ` The carrier says why: ${said.join('; ')}.` : '';
}

/** "Caller IDs blocked" → "caller IDs blocked": a title inside a sentence, its acronyms kept. */
function lowerFirst(title: string): string {
  return title.charAt(0).toLowerCase() + title.slice(1);
}
