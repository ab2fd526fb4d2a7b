import { describe, expect, it } from 'vitest';
import type { TrunkStats } from '../../core/analysis/dashboard-types';
import { summaryText, type VerdictText } from './summary-text';

const T0 = Date.parse('2026-11-16T08:00:00Z');
const H = 3_600_000;
const stats: TrunkStats = {
  trunk: 'prefix 8',
  attempts: 14561,
  answered: 5142,
  asr: { n: 5142, d: 14561 },
  ner: { n: 11000, d: 14561 },
  seer: { n: 9000, d: 14561 },
  acdSec: 61.6,
  rate503: { n: 1741, d: 14561, provenance: { sip: 1741, q850: 0, disposition: 0 } },
  rate603: { n: 15, d: 14561, provenance: { sip: 15, q850: 0, disposition: 0 } },
  ambiguous403or603: 0,
  byOutcome: { answered: 5142, capacity: 1741, policy: 15, number: 651, user: 6655, other: 357, unknown: 0 },
  byCode: [],
  provenance: { sip: 14561, q850: 0, disposition: 0, none: 0 },
  trend: [],
};
const verdict: VerdictText = {
  trunk: 'prefix 8',
  verdict: 'cps-limit',
  confidence: 'high',
  title: 'Calls per second above the carrier limit',
  evidence: '503 on 1,709 of 4,232 (40 %) of attempts started in seconds with ≥ 4 attempts.',
  fix: 'Lower the CPS / dial level.',
  ticket: 'Trunk prefix 8: What CPS limit is configured on our account?\nExamples:\n  2026-11-16 08:06:13  12122475129  13125550189  503  Call-ID 1794812345.396',
  wholeFile: false,
};
const base = { files: ['NEW_EXPORT_CALL_REPORT_20261116-201500.txt'], span: { fromMs: T0, toMs: T0 + 12 * H }, trunks: [stats], verdicts: [verdict], displayName: (t: string) => (t === 'prefix 8' ? 'Carrier B' : t) };

describe('Copy as text', () => {
  it('writes each rate with its numerator and denominator, the window, verdict, evidence and ticket', () => {
    const text = summaryText({ ...base, window: { fromMs: T0 + 4 * H, toMs: T0 + 8 * H }, privacy: 'full' });
    const lines = text.split('\n');
    expect(lines[0]).toBe('Trunk Triage — window 2026-11-16 12:00:00 to 2026-11-16 16:00:00 (times as written in the file)');
    expect(lines[1]).toBe('From: NEW_EXPORT_CALL_REPORT_20261116-201500.txt');
    expect(text).toContain('Carrier B (prefix 8): 14,561 attempts');
    // 1741 / 14561 = 11.96 % → "12 %"; 15 / 14561 = 0.103 % → "0.10 %"; 5142 / 14561 = 35.3 %
    expect(text).toContain('503: 12 % (1,741 of 14,561) · 603: 0.10 % (15 of 14,561) · ASR 35 % (5,142 of 14,561)');
    expect(text).toContain('ACD 62 s');
    expect(text).toContain('Verdict: Calls per second above the carrier limit (cps-limit, high confidence; diagnosis over this window)');
    expect(text).toContain('  Evidence: 503 on 1,709 of 4,232');
    expect(text).toContain('    2026-11-16 08:06:13  12122475129  13125550189  503  Call-ID 1794812345.396');
  });

  it('says "whole span" when no window was chosen, and masks phone numbers unless full caller IDs were chosen', () => {
    const text = summaryText({ ...base, window: base.span, privacy: 'masked' });
    expect(text.split('\n')[0]).toContain('whole span 2026-11-16 08:00:00 to 2026-11-16 20:00:00');
    expect(summaryText({ ...base, verdicts: [{ ...verdict, wholeFile: true }], window: base.span, privacy: 'full' })).toContain('high confidence; diagnosis over the whole span)');
    expect(text).toContain('    2026-11-16 08:06:13  1212247••••  1312555••••  503  Call-ID 1794812345.396');
    // File names and Call-IDs are not masked; no other run of 8 digits is left.
    expect(text.split('\n')[1]).toBe('From: NEW_EXPORT_CALL_REPORT_20261116-201500.txt');
    expect(text.replace(/Call-ID \S+|From: .*/g, '')).not.toMatch(/\d{8}/);
    // Counts and dates are not phone numbers: they stay.
    expect(text).toContain('(1,741 of 14,561)');
  });

  it('a trunk without a verdict yet still gets its numbers', () => {
    const text = summaryText({ ...base, verdicts: [], window: base.span, privacy: 'full' });
    expect(text).toContain('Carrier B (prefix 8): 14,561 attempts');
    expect(text).not.toContain('Verdict');
  });
});
