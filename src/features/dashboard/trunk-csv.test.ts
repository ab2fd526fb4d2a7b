import { describe, expect, it } from 'vitest';
import type { TrunkStats } from '../../core/analysis/dashboard-types';
import { exportFileName } from '../../components/charts/chart-card';
import { decodeShare, encodeShare } from '../../core/share';
import { smallView } from '../../core/share/test-views';
import { TRUNK_CSV_COLUMNS, trunkCsvRows } from './trunk-csv';

const stats: TrunkStats = {
  trunk: 'prefix 3',
  attempts: 4201,
  answered: 1193,
  asr: { n: 1193, d: 4201 },
  ner: { n: 2900, d: 4201 },
  seer: { n: 2500, d: 4201 },
  acdSec: 61.64,
  rate503: { n: 1252, d: 4201, provenance: { sip: 1252, q850: 0, disposition: 0 } },
  rate603: { n: 4, d: 4201, provenance: { sip: 4, q850: 0, disposition: 0 } },
  ambiguous403or603: 0,
  byOutcome: { answered: 1193, capacity: 1252, policy: 4, number: 100, user: 1600, other: 52, unknown: 0 },
  byCode: [],
  provenance: { sip: 4201, q850: 0, disposition: 0, none: 0 },
  trend: [],
};

describe('the trunk table as CSV', () => {
  it('writes counts, numerators, denominators and percentages as numbers', () => {
    const onsets = [{ trunk: 'prefix 3', kind: '503' as const, atMs: Date.parse('2026-11-16T13:45:00Z'), before: { n: 0, d: 10 }, after: { n: 5, d: 10 } }];
    const [row] = trunkCsvRows([stats], null, onsets, () => 'Carrier G');
    const cell = Object.fromEntries(TRUNK_CSV_COLUMNS.map((c, i) => [c, row![i]]));
    // 1252 / 4201 = 29.802 % → 29.8; 4 / 4201 = 0.0952 % → 0.1; (1252 + 4) / 4201 = 29.898 % → 29.9
    expect(cell).toMatchObject({ trunk: 'prefix 3', name: 'Carrier G', attempts: 4201, sip_503_n: 1252, sip_503_d: 4201, sip_503_pct: 29.8, sip_603_pct: 0.1, rejected_n: 1256, rejected_pct: 29.9, asr_pct: 28.4, acd_s: 61.6 });
    expect(cell.onset_at).toBe('2026-11-16 13:45:00');
    expect(row!.length).toBe(TRUNK_CSV_COLUMNS.length);
  });

  it('a shared link\'s trunk named with U+202E and ESC is exported as the shared view shows it, escaped (its onset still found)', async () => {
    const view = smallView();
    const name = 'sip\u202eA\u001b[2J'; // 9 characters
    view.data.trunks[0]!.trunk = name;
    view.data.onsets = [{ trunk: name, kind: '503', atMs: Date.parse('2026-11-16T08:30:00Z'), before: { n: 0, d: 4 }, after: { n: 2, d: 5 } }];
    const opened = await decodeShare(await encodeShare(view));
    if (!opened.ok) throw new Error(opened.error.message);
    const { data } = opened.value;
    // The shared page's CSV: its own data, the sender's names as they are (shared-dashboard.tsx senderName).
    const [row] = trunkCsvRows(data.trunks, data.otherTrunks, data.onsets, (t) => t);
    const cell = Object.fromEntries(TRUNK_CSV_COLUMNS.map((c, i) => [c, row![i]]));
    // 3 + 6 ("\\u202e") + 1 + 4 ("\\x1b") + 3 = 17 characters.
    expect([cell.trunk, cell.name, String(cell.name).length]).toEqual(['sip\\u202eA\\x1b[2J', 'sip\\u202eA\\x1b[2J', 17]);
    expect(cell.onset_at).toBe('2026-11-16 08:30:00');
  });

  it('leaves a rate without attempts empty, and sums the capped trunks in an "other" row', () => {
    const none = { ...stats, trunk: 'idle', attempts: 0, rate503: { n: 0, d: 0, provenance: stats.rate503.provenance }, acdSec: null };
    const rows = trunkCsvRows([none], { trunks: 3, stats }, [], (t) => t);
    expect(rows[0]![TRUNK_CSV_COLUMNS.indexOf('sip_503_pct')]).toBe('');
    expect(rows[0]![TRUNK_CSV_COLUMNS.indexOf('acd_s')]).toBe('');
    expect(rows[1]![1]).toBe('other (3 trunks)');
  });
});

describe('export file names', () => {
  const day = (iso: string) => Date.parse(`${iso}Z`);
  it('carry the subject and the date (two dates over days; a window ending at midnight ends the day before)', () => {
    expect(exportFileName('attempts-over-time', { subject: 'Carrier G', window: { fromMs: day('2026-11-16T08:00:00'), toMs: day('2026-11-16T20:00:00') } })).toBe('attempts-over-time_carrier-g_2026-11-16');
    expect(exportFileName('cps', { subject: '3 trunks', window: { fromMs: day('2026-11-16T00:00:00'), toMs: day('2026-11-19T00:00:00') } })).toBe('cps_3-trunks_2026-11-16_2026-11-18');
    expect(exportFileName('cps', null)).toBe('cps');
  });
});
