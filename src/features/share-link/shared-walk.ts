/**
 * The sender's walk replayed on the numbers a link carries: their verdict and the trunk's rates,
 * with no findings (the link carries the evidence sentence only, shown quoted beside the walk), so
 * no ticket: it quotes the file's calls. Where the leaf has one, the page says it is not in the link.
 */
import type { DashboardData } from '../../core/analysis/dashboard-types';
import { shows603 } from '../../core/analysis/call-measures';
import type { SharedWalk } from '../../core/share';
import { rejectionCodes, walkTrunk, type WalkOverrides } from '../../core/diagnosis/walk';
import { withheldTicketNote, type WalkView } from '../../core/diagnosis/walk-view';
import { leafFor } from '../../core/diagnosis/tree';

export function sharedWalkView(shared: SharedWalk, data: DashboardData, wholeFile: boolean, overrides: WalkOverrides): WalkView {
  const stats = data.trunks.find((t) => t.trunk === shared.trunk);
  const input = {
    verdict: shared.verdict,
    attempts: stats?.attempts ?? 0,
    rate503: stats?.rate503 ?? { n: 0, d: 0 },
    rate603: stats?.rate603 ?? { n: 0, d: 0 },
    knows603: stats ? shows603(stats) : false,
    evidence: null,
    findings: [],
    rejectCodes: stats ? rejectionCodes(stats.byCode) : [],
  };
  const walked = walkTrunk(input, overrides);
  // Worded for the trunk's calls as the sender's page words it (its SIP codes, how many attempts);
  // a trunk the link has no row for (past its trunk limit) is not one with no call: the chart's words.
  const walk = stats ? { ...walked, leaf: leafFor(walked.leaf, { sipCoded: stats.provenance.sip > 0, attempts: stats.attempts }) } : walked;
  return { name: shared.trunk, verdict: shared.verdict, confidence: null, period: { ...data.window, wholeFile }, attempts: input.attempts, summary: null, walk, ticket: null, ticketWithheld: withheldTicketNote(walk), alsoFound: [] };
}

/** The sender's overridden answers as the walk reads them (the link carries them as digit strings). */
export function sharedOverrides(shared: SharedWalk): WalkOverrides {
  return Object.fromEntries(Object.entries(shared.overrides).flatMap(([q, b]) => (/^\d+$/.test(b) ? [[q, Number(b)]] : [])));
}
