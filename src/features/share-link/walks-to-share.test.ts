import { describe, expect, it } from 'vitest';
import type { Finding, TrunkDiagnosis } from '../../core/diagnosis/types';
import { verdictTexts } from './walks-to-share';

const evidence: Finding = { leaf: 'cps-limit', confidence: 'high', summary: '503s start at 4 CPS.', numbers: { kneeCps: 4 }, window: null, samples: [], explains: 20 };
const d: TrunkDiagnosis = {
  trunk: 'prefix 7',
  period: { fromMs: Date.UTC(2026, 10, 16, 12), toMs: Date.UTC(2026, 10, 16, 16), wholeFile: false },
  attempts: 100,
  knows603: true,
  rejectCodes: [{ code: '503', count: 20 }],
  codes: { '503': 20 },
  rate503: { n: 20, d: 100 },
  rate603: { n: 0, d: 100 },
  verdict: 'cps-limit',
  confidence: 'high',
  title: 'Calls per second above the carrier limit',
  fix: 'Lower the CPS',
  evidence,
  findings: [],
};

describe('verdictTexts (Copy as text)', () => {
  it("names the trunk in its ticket as the page shows it (the walk's ticket does too), and says the period diagnosed", () => {
    const [v] = verdictTexts([d], ['prefix 7'], (t) => (t === 'prefix 7' ? 'Carrier C' : t));
    expect(v?.ticket?.split('\n')[0]).toMatch(/^Trunk Carrier C: /);
    expect(v?.wholeFile).toBe(false);
    const [whole] = verdictTexts([{ ...d, period: { ...d.period, wholeFile: true } }], ['prefix 7'], () => '');
    expect(whole?.ticket?.split('\n')[0]).toMatch(/^Trunk prefix 7: /);
    expect(whole?.wholeFile).toBe(true);
  });
});
