/**
 * The trunk table's row order: by the column sorted on, either way, and among trunks equal there
 * the one with the most attempts first, whichever the way. Reversing the whole order for "worst
 * first" put the fewest attempts first among equals: a file whose trunks all had no rejection
 * listed a trunk with only inbound calls (no attempt at all) first, above the trunk the panels
 * below were about.
 */
import type { TrunkStats } from '../../core/analysis/dashboard-types';
import { shows603 } from '../../core/analysis/call-measures';

export type SortKey = 'trunk' | 'attempts' | 'asr' | 'ner' | 'seer' | 'acd' | 'r503' | 'r603' | 'reject' | 'onset';

const rate = (n: number, d: number) => (d === 0 ? 0 : n / d);
const rejectShare = (t: TrunkStats) => rate(t.byOutcome.capacity + t.byOutcome.policy, t.attempts);

const SORTERS: Record<SortKey, (a: TrunkStats, b: TrunkStats, onsetOf: (t: string) => number) => number> = {
  trunk: (a, b) => a.trunk.localeCompare(b.trunk),
  attempts: (a, b) => a.attempts - b.attempts,
  asr: (a, b) => rate(a.asr.n, a.asr.d) - rate(b.asr.n, b.asr.d),
  ner: (a, b) => rate(a.ner.n, a.ner.d) - rate(b.ner.n, b.ner.d),
  seer: (a, b) => rate(a.seer.n, a.seer.d) - rate(b.seer.n, b.seer.d),
  acd: (a, b) => (a.acdSec ?? -1) - (b.acdSec ?? -1),
  r503: (a, b) => rate(a.rate503.n, a.rate503.d) - rate(b.rate503.n, b.rate503.d),
  // Trunks whose calls cannot show a 603 ("n/a") sort below every known rate.
  r603: (a, b) => (shows603(a) ? rate(a.rate603.n, a.rate603.d) : -1) - (shows603(b) ? rate(b.rate603.n, b.rate603.d) : -1),
  reject: (a, b) => rejectShare(a) - rejectShare(b),
  onset: (a, b, onsetOf) => onsetOf(a.trunk) - onsetOf(b.trunk),
};

/** `trunks` in the table's order for column `key` (`desc`: largest first); `onsetOf`: a trunk's first onset (Infinity: none). */
export function trunkRowOrder(trunks: readonly TrunkStats[], key: SortKey, desc: boolean, onsetOf: (trunk: string) => number): TrunkStats[] {
  const way = desc ? -1 : 1;
  return [...trunks].sort((a, b) => way * SORTERS[key](a, b, onsetOf) || b.attempts - a.attempts);
}
