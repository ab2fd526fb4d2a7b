/**
 * The trunk table as CSV: one row per trunk, numbers as numbers. Each rate is three columns, its
 * numerator, its denominator and the percentage (header says %, two decimals), so a spreadsheet can
 * sum and re-divide; "since" is the full wall time.
 */
import type { Onset, OtherTrunks, Ratio, TrunkStats } from '../../core/analysis/dashboard-types';
import { formatWall, percentCell } from '../../lib/format';

export const TRUNK_CSV_COLUMNS = [
  'trunk',
  'name',
  'attempts',
  'answered',
  'sip_503_n',
  'sip_503_d',
  'sip_503_pct',
  'sip_603_n',
  'sip_603_d',
  'sip_603_pct',
  'rejected_n',
  'rejected_pct',
  'asr_n',
  'asr_d',
  'asr_pct',
  'ner_n',
  'ner_d',
  'ner_pct',
  'acd_s',
  'onset_kind',
  'onset_at',
] as const;

const ratioCells = (r: Ratio) => [r.n, r.d, percentCell(r.n, r.d)];

export function trunkCsvRows(trunks: readonly TrunkStats[], other: OtherTrunks | null | undefined, onsets: readonly Onset[], displayName: (t: string) => string): Array<Array<string | number>> {
  const first = new Map<string, Onset>();
  for (const o of onsets) if (!first.has(o.trunk) || o.atMs < first.get(o.trunk)!.atMs) first.set(o.trunk, o);
  const row = (t: TrunkStats, name: string): Array<string | number> => {
    const rejected = t.byOutcome.capacity + t.byOutcome.policy;
    const onset = first.get(t.trunk);
    return [
      t.trunk,
      name,
      t.attempts,
      t.answered,
      ...ratioCells(t.rate503),
      ...ratioCells(t.rate603),
      rejected,
      percentCell(rejected, t.attempts),
      ...ratioCells(t.asr),
      ...ratioCells(t.ner),
      t.acdSec === null ? '' : Math.round(t.acdSec * 10) / 10,
      onset?.kind ?? '',
      onset ? formatWall(onset.atMs) : '',
    ];
  };
  const rows = trunks.map((t) => row(t, displayName(t.trunk) || t.trunk));
  if (other && other.trunks > 0) rows.push(row(other.stats, `other (${other.trunks} trunks)`));
  return rows;
}
