/**
 * Per-trunk counts right after ingest: attempts, outcome classes, codes, and how many codes are
 * real vs mapped vs inferred. The dashboard's richer analysis builds on the same store.
 */
import type { OutcomeClass } from '../model/call-record';
import type { CallStore} from './call-store';
import { OUTCOMES } from './call-store';
import { codeKey } from './code-key';

export interface TrunkSummary {
  name: string;
  attempts: number;
  byOutcome: Record<OutcomeClass, number>;
  /** Count per code label (see codeKey), most frequent first. */
  byCode: Array<{ code: string; count: number }>;
  /** How the final codes are known: stated by the file, mapped from a cause, inferred from a disposition. */
  codeProvenance: { sip: number; q850: number; disposition: number; none: number };
  firstStartMs: number;
  lastStartMs: number;
}

export function summarizeTrunks(store: CallStore): TrunkSummary[] {
  const byTrunk = new Map<number, { s: TrunkSummary; codes: Map<string, number> }>();
  for (let i = 0; i < store.length; i++) {
    const t = store.trunk[i]!;
    let entry = byTrunk.get(t);
    if (!entry) {
      const byOutcome = Object.fromEntries(OUTCOMES.map((o) => [o, 0])) as Record<OutcomeClass, number>;
      entry = {
        s: {
          name: store.trunks.get(t),
          attempts: 0,
          byOutcome,
          byCode: [],
          codeProvenance: { sip: 0, q850: 0, disposition: 0, none: 0 },
          firstStartMs: Number.POSITIVE_INFINITY,
          lastStartMs: Number.NEGATIVE_INFINITY,
        },
        codes: new Map(),
      };
      byTrunk.set(t, entry);
    }
    const { s, codes } = entry;
    s.attempts++;
    const outcome = store.outcomeOf(i);
    s.byOutcome[outcome]++;
    const source = store.sourceOf(i);
    s.codeProvenance[source ?? 'none']++;
    const sip = store.sipCode[i]!;
    const key = codeKey(sip === 0 ? null : sip, source, store.q850Of(i), outcome, store.reasons.get(store.reason[i]!));
    codes.set(key, (codes.get(key) ?? 0) + 1);
    const start = store.startMs[i]!;
    if (start < s.firstStartMs) s.firstStartMs = start;
    if (start > s.lastStartMs) s.lastStartMs = start;
  }
  const out: TrunkSummary[] = [];
  for (const { s, codes } of byTrunk.values()) {
    s.byCode = [...codes.entries()].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0])).map(([code, count]) => ({ code, count }));
    out.push(s);
  }
  // Worst first: most capacity + policy rejections per attempt, then most attempts.
  const rejectRate = (s: TrunkSummary) => (s.byOutcome.capacity + s.byOutcome.policy) / s.attempts;
  return out.sort((a, b) => rejectRate(b) - rejectRate(a) || b.attempts - a.attempts || a.name.localeCompare(b.name));
}
