import { describe, expect, it } from 'vitest';
import { handCpsDiagnosis } from '../../core/diagnosis/test-specs';
import { verdictTexts } from './walks-to-share';

// The hand-made CPS-limited trunk, as prefix 7 over a window 12:00–16:00.
const d = handCpsDiagnosis({ trunk: 'prefix 7', period: { fromMs: Date.UTC(2026, 10, 16, 12), toMs: Date.UTC(2026, 10, 16, 16), wholeFile: false } });

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
