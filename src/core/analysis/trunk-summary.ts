/**
 * Per-trunk counts right after ingest: attempts, outcome classes, codes, and how many codes are
 * real vs mapped vs inferred. The dashboard's richer analysis builds on the same store.
 */
import type { OutcomeClass } from '../model/call-record';
import type { CallStore} from './call-store';
import { CODE_SOURCES, OTHER_TRUNKS_NAME, OUTCOMES } from './call-store';
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
  // Codes are counted per (source, SIP code, cause, outcome, reason id) as one number, and each
  // distinct combination gets its label once: codeKey per call was a tenth of the merge's time.
  const byTrunk = new Map<number, { s: TrunkSummary; codes: Map<number, number> }>();
  for (let i = 0; i < store.length; i++) {
    const t = store.trunk[i]!;
    let entry = byTrunk.get(t);
    if (!entry) {
      const byOutcome = Object.fromEntries(OUTCOMES.map((o) => [o, 0])) as Record<OutcomeClass, number>;
      entry = {
        s: {
          name: t < store.trunks.values.length ? store.trunks.get(t) : OTHER_TRUNKS_NAME,
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
    s.codeProvenance[store.sourceOf(i) ?? 'none']++;
    const combo = (((store.reason[i]! * 0x10000 + store.q850[i]!) * 0x10000 + store.sipCode[i]!) * 8 + store.outcome[i]!) * 4 + store.codeSource[i]!;
    codes.set(combo, (codes.get(combo) ?? 0) + 1);
    const start = store.startMs[i]!;
    if (start < s.firstStartMs) s.firstStartMs = start;
    if (start > s.lastStartMs) s.lastStartMs = start;
  }
  const out: TrunkSummary[] = [];
  const labels = new Map<number, string>();
  const labelOf = (combo: number): string => {
    let label = labels.get(combo);
    if (label === undefined) {
      const source = CODE_SOURCES[combo % 4] ?? null;
      const outcome = OUTCOMES[Math.floor(combo / 4) % 8] ?? 'unknown';
      const sip = Math.floor(combo / 32) % 0x10000;
      const q850 = Math.floor(combo / (32 * 0x10000)) % 0x10000;
      const reason = Math.floor(combo / (32 * 0x10000 * 0x10000));
      label = codeKey(sip === 0 ? null : sip, source, q850 === 0xffff ? null : q850, outcome, store.reasons.get(reason));
      labels.set(combo, label);
    }
    return label;
  };
  for (const { s, codes } of byTrunk.values()) {
    const byLabel = new Map<string, number>();
    for (const [combo, count] of codes) {
      const label = labelOf(combo);
      byLabel.set(label, (byLabel.get(label) ?? 0) + count);
    }
    s.byCode = [...byLabel.entries()].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0])).map(([code, count]) => ({ code, count }));
    out.push(s);
  }
  // Worst first: most capacity + policy rejections per attempt, then most attempts.
  const rejectRate = (s: TrunkSummary) => (s.byOutcome.capacity + s.byOutcome.policy) / s.attempts;
  return out.sort((a, b) => rejectRate(b) - rejectRate(a) || b.attempts - a.attempts || a.name.localeCompare(b.name));
}
