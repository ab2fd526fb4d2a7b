/**
 * What the link and "Copy as text" carry of the selected trunks' diagnoses: the verdict, the
 * evidence sentence and the answers the sender changed (by the trunk's shown name), and the
 * verdicts in words.
 */
import type { SharedWalk } from '../../core/share';
import { ticketText } from '../../core/diagnosis/ticket';
import type { TrunkDiagnosis } from '../../core/diagnosis/types';
import type { WalkOverrides } from '../../core/diagnosis/walk';
import type { VerdictText } from './summary-text';

export function walksToShare(diagnoses: readonly TrunkDiagnosis[], selected: readonly string[], overrides: ReadonlyMap<string, WalkOverrides>, displayName: (trunk: string) => string): SharedWalk[] {
  return diagnoses
    .filter((d) => selected.includes(d.trunk))
    .map((d) => ({
      trunk: displayName(d.trunk) || d.trunk,
      verdict: d.verdict,
      overrides: Object.fromEntries(Object.entries(overrides.get(d.trunk) ?? {}).map(([q, b]) => [q, String(b)])),
      ...(d.evidence ? { evidence: d.evidence.summary } : {}),
    }));
}

/** The verdicts in words, each over the period it was diagnosed in, its ticket under the trunk's shown name (as the walk's). */
export function verdictTexts(diagnoses: readonly TrunkDiagnosis[], selected: readonly string[], displayName: (trunk: string) => string): VerdictText[] {
  return diagnoses
    .filter((d) => selected.includes(d.trunk))
    .map((d) => ({
      trunk: d.trunk,
      verdict: d.verdict,
      confidence: d.confidence,
      title: d.title,
      evidence: d.evidence?.summary ?? null,
      fix: d.fix,
      ticket: ticketText({ ...d, trunk: displayName(d.trunk) || d.trunk }),
      wholeFile: d.period.wholeFile,
    }));
}
