/**
 * A shared link's walk reads as the sender's: the same leaf, worded for the same calls (how many
 * attempts, whether they state SIP codes). The link's walk used the leaf as the chart words it in
 * general, so a trunk of 3 attempts read "Too few attempts for a verdict" on the sender's page and
 * "Something is off … log the SIP code" on the receiver's.
 */
import { describe, expect, it } from 'vitest';
import { analyzeDashboard } from '../../core/analysis/analyze-dashboard';
import { at, query, storeOf, type CallSpec } from '../../core/analysis/test-helpers';
import { diagnoseTrunks } from '../../core/diagnosis/evidence';
import { walkViewOf } from '../../core/diagnosis/walk-view';
import { sharedWalkView } from './shared-walk';

const CAPS = { sipCodes: true, separates503From603: true, hasEndTimes: true, hasTrunk: true };

function bothWalks(specs: CallSpec[]) {
  const store = storeOf(specs);
  const data = analyzeDashboard(store, query());
  const [d] = diagnoseTrunks(store, { files: [{ capabilities: CAPS, trunks: [{ name: 'T' }] }] });
  const live = walkViewOf(d!, 'T', {}).walk.leaf;
  const shared = sharedWalkView({ trunk: 'T', verdict: d!.verdict, overrides: {} }, data, true, {}).walk.leaf;
  return { d: d!, live, shared };
}

describe("a shared walk's leaf reads as the sender's", () => {
  it('3 attempts (503, 200, 603): too few for a verdict, on both pages', () => {
    const { d, live, shared } = bothWalks([
      { trunk: 'T', start: at('10:00:00'), sip: 503 },
      { trunk: 'T', start: at('10:00:01'), sip: 200 },
      { trunk: 'T', start: at('10:00:02'), sip: 603 },
    ]);
    expect(d.verdict).toBe('inconclusive');
    expect(live.fix).toBe('Look again with more calls: a longer export or a wider window.');
    expect({ meaning: shared.meaning, fix: shared.fix, check: shared.check }).toEqual({ meaning: live.meaning, fix: live.fix, check: live.check });
  });

  it('49 attempts with SIP codes, 9 of them 503 to one number: "get what the file is missing", not "log the SIP code", on both pages', () => {
    const specs: CallSpec[] = Array.from({ length: 49 }, (_, i) => {
      const refused = i % 5 === 0 && i <= 40;
      return { trunk: 'T', start: at('10:00') + i * 60_000, sip: refused ? 503 : 200, destination: refused ? '4420795550' : `1312555${String(i).padStart(3, '0')}` };
    });
    const { d, live, shared } = bothWalks(specs);
    expect(d.verdict).toBe('inconclusive');
    expect(d.attempts).toBe(49);
    expect(live.fix).toBe('Get what the file is missing (listed with the finding) and look again.');
    expect({ meaning: shared.meaning, fix: shared.fix, check: shared.check }).toEqual({ meaning: live.meaning, fix: live.fix, check: live.check });
  });

  it('a walk whose trunk has no row in the link (past its trunk limit) is not told "no call was sent to this trunk"', () => {
    const { d, live } = bothWalks([
      { trunk: 'T', start: at('10:00:00'), sip: 503 },
      { trunk: 'T', start: at('10:00:01'), sip: 200 },
    ]);
    const data = analyzeDashboard(storeOf([{ trunk: 'other', start: at('10:00:00'), sip: 200 }]), query());
    const shared = sharedWalkView({ trunk: 'T', verdict: d.verdict, overrides: {} }, data, true, {}).walk.leaf;
    expect(live.meaning).toMatch(/^Too few attempts/);
    expect(shared.meaning).not.toMatch(/^No call was sent/);
    expect(shared.meaning).toBe('Something is off, but the file lacks what would tell the causes apart (see what is missing).');
  });
});

