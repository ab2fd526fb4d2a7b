/**
 * What the walk panel draws for one trunk, and nothing more: the verdict and the period and count
 * it stands on, the walk (steps, leaf, finding) and the ticket at its end. The page builds it from
 * a diagnosis (live) or from what a link carries (shared); the panel never sees either type.
 */
import { isVerdictId, leafFor, LEAVES, type VerdictId } from './tree';
import { ticketText } from './ticket';
import type { Confidence, DiagnosisPeriod, Finding, TrunkDiagnosis } from './types';
import { walkTrunk, type Walk, type WalkOverrides } from './walk';

export interface WalkView {
  /** The trunk as the page names it (the operator's rename, if any). */
  name: string;
  verdict: VerdictId;
  /** null where this page did not judge it (a shared link carries the sender's verdict only). */
  confidence: Confidence | null;
  period: DiagnosisPeriod;
  attempts: number;
  /** The evidence sentence behind the verdict, when this page found one. */
  summary: string | null;
  walk: Walk;
  /** The carrier ticket for the leaf the walk reached; null when there is none here. */
  ticket: string | null;
  /**
   * Why there is no ticket, where it is not "nothing to ask the carrier": a shared link whose leaf
   * has a ticket carries none (it quotes the calls themselves), so the page says so.
   */
  ticketWithheld: string | null;
  /**
   * The trunk's other findings (a second cause, a side branch such as 404/484), each with its own
   * sentence and numbers; empty where the page has none (a shared link carries no findings).
   */
  alsoFound: ReadonlyArray<{ title: string; confidence: Confidence; summary: string }>;
}

/** A diagnosis walked with the operator's answers; the ticket follows the leaf reached. */
export function walkViewOf(d: TrunkDiagnosis, name: string, overrides: WalkOverrides): WalkView {
  const walked = walkTrunk(d, overrides);
  const walk = { ...walked, leaf: leafFor(walked.leaf, { sipCoded: d.sipCoded === true, attempts: d.attempts }) };
  const leaf = walk.leaf.id;
  const ticket = isVerdictId(leaf) ? ticketText({ ...d, trunk: name, verdict: leaf, evidence: walk.finding }) : null;
  const alsoFound = [d.evidence, ...d.findings]
    .filter((f): f is Finding => f !== null && f.leaf !== leaf && f !== walk.finding)
    .map((f) => ({ title: LEAVES[f.leaf].title, confidence: f.confidence, summary: f.summary }));
  return { name, verdict: d.verdict, confidence: d.confidence, period: d.period, attempts: d.attempts, summary: d.evidence?.summary ?? null, walk, ticket, ticketWithheld: null, alsoFound };
}

/** What a shared view says in place of a ticket for a leaf that has one (WalkView.ticketWithheld). */
export const TICKET_NOT_IN_LINK = 'The carrier ticket is not in this link: it quotes the calls themselves (numbers, times, call ids). Whoever sent the link can copy it from their page.';

/** TICKET_NOT_IN_LINK where the leaf a walk reached has a ticket to send, else null. */
export function withheldTicketNote(walk: Walk): string | null {
  return LEAVES[walk.leaf.id].tellCarrier ? TICKET_NOT_IN_LINK : null;
}
