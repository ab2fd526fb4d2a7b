/**
 * One count, one way of writing it: a trunk of 1,440 attempts reads "1,440" in the trunk table, in
 * the walk, in the carrier ticket, in Copy as text and in a shared link's walk, never "1440" in some
 * of them. Every place a person reads the count, from the same diagnosis of the same calls.
 */
import { describe, expect, it } from 'vitest';
import { analyzeDashboard } from '../../core/analysis/analyze-dashboard';
import { at, query, storeOf, type CallSpec } from '../../core/analysis/test-helpers';
import { diagnoseTrunks } from '../../core/diagnosis/evidence';
import { walkViewOf } from '../../core/diagnosis/walk-view';
import { formatCount } from '../../lib/format';
import { sharedWalkView } from './shared-walk';
import { summaryText } from './summary-text';
import { verdictTexts } from './walks-to-share';

/** One call every 10 s from `from` to `to` (exclusive): 360 an hour. */
function every10s(from: string, to: string, spec: Omit<CallSpec, 'start'>): CallSpec[] {
  const out: CallSpec[] = [];
  for (let t = at(from); t < at(to); t += 10_000) out.push({ ...spec, start: t });
  return out;
}

/** Trunk G: answered 10:00–12:00 (2 h × 360 = 720 calls), every call 503 from 12:00 to 14:00 (720): 1,440 attempts, 720 of them 503. */
const carrierG = [
  ...every10s('10:00', '12:00', { trunk: 'G', sip: 200, seconds: 30, destination: '13125550100' }),
  ...every10s('12:00', '14:00', { trunk: 'G', sip: 503, seconds: 0, destination: '13125550100' }),
];
const CAPS = { sipCodes: true, separates503From603: true, hasEndTimes: true, hasTrunk: true };

describe('a count of 1,440 reads 1,440 everywhere', () => {
  const store = storeOf(carrierG);
  const data = analyzeDashboard(store, query());
  const row = data.trunks.find((t) => t.trunk === 'G')!;
  const [d] = diagnoseTrunks(store, { files: [{ capabilities: CAPS, trunks: [{ name: 'G' }] }] });

  it('the table row counts 1,440 attempts, 720 of them 503, and writes 1,440', () => {
    expect(row.attempts).toBe(1440);
    expect(row.rate503).toMatchObject({ n: 720, d: 1440 });
    // The trunk table's attempts cell and its rates' "(n)" are written by formatCount.
    expect(formatCount(row.attempts)).toBe('1,440');
    expect(d!.attempts).toBe(1440);
  });

  it('the walk and its ticket', () => {
    const view = walkViewOf(d!, 'G', {});
    const walk = view.walk.steps.flatMap((s) => s.evidence).join('\n');
    expect(walk).toContain('503: 720 of 1,440 (50 %); 603: 0 of 1,440 (0 %).');
    expect(walk).toContain('720 calls ended 503 (50 % of attempts).');
    expect(walk).not.toContain('1440');
    expect(view.ticket).toContain('In it, 1,440 attempts on this trunk; rejected with 503: 50 % (720 of 1,440).');
    expect(view.ticket).not.toContain('1440');
  });

  it('Copy as text: the table row, the evidence and the ticket', () => {
    const text = summaryText({
      files: ['g.csv'],
      span: data.span,
      window: data.window,
      trunks: [row],
      verdicts: verdictTexts([d!], ['G'], () => ''),
      displayName: () => '',
      privacy: 'full',
    });
    expect(text).toContain('G: 1,440 attempts\n  503: 50 % (720 of 1,440)');
    expect(text).toContain('    In it, 1,440 attempts on this trunk; rejected with 503: 50 % (720 of 1,440).');
    expect(text).not.toContain('1440');
  });

  it("a shared link's walk, replayed on the link's table row", () => {
    const view = sharedWalkView({ trunk: 'G', verdict: d!.verdict, overrides: {} }, data, true, {});
    const walk = view.walk.steps.flatMap((s) => s.evidence).join('\n');
    expect(walk).toContain('503: 720 of 1,440 (50 %); 603: 0 of 1,440 (0 %).');
    expect(walk).not.toContain('1440');
  });
});
