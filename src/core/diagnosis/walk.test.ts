import { describe, expect, it } from 'vitest';
import { walkTrunk } from './walk';
import type { Finding, TrunkDiagnosis } from './types';

const finding = (leaf: Finding['leaf'], explains: number, summary: string): Finding => ({ leaf, confidence: 'high', summary, numbers: {}, window: null, samples: [], explains });

/** Carrier B of the sample day, by hand: 1,741 of 14,561 attempts ended 503 above a CPS knee. */
const cpsTrunk: TrunkDiagnosis = {
  trunk: 'prefix 8',
  period: { fromMs: Date.UTC(2026, 10, 16, 8), toMs: Date.UTC(2026, 10, 16, 20), wholeFile: true },
  attempts: 14561,
  knows603: true,
  rejectCodes: [{ code: '503', count: 1741 }],
  codes: { '503': 1741 },
  rate503: { n: 1741, d: 14561 },
  rate603: { n: 15, d: 14561 },
  verdict: 'cps-limit',
  confidence: 'high',
  title: 'Calls per second above the carrier limit',
  fix: 'Lower the CPS',
  evidence: finding('cps-limit', 1709, '503s start at 4 CPS: 1,709 of 4,232 at or above, 32 of 10,329 below.'),
  findings: [finding('channel-cap', 40, 'A weak plateau at 30.')],
};

describe('walkTrunk', () => {
  it('follows the data: fails beyond background → 503 → too fast → cps-limit, with the evidence', () => {
    const w = walkTrunk(cpsTrunk);
    expect(w.steps.map((s) => [s.question.id, s.question.branches[s.chosen]!.to, s.overridden])).toEqual([
      ['start', 'code', false],
      ['code', 'capacity', false],
      ['capacity', 'leaf:cps-limit', false],
    ]);
    expect(w.leaf.id).toBe('cps-limit');
    expect(w.finding?.summary).toContain('1,709 of 4,232');
    expect(w.steps[0]!.evidence[2]).toBe('503: 1,741 of 14,561 (12 %); 603: 15 of 14,561 (0.10 %).');
  });

  it('an override changes the path from there on, and is marked', () => {
    // "My channels are the limit": pick the channel-cap branch at the 503 question.
    const w = walkTrunk(cpsTrunk, { capacity: 1 });
    expect(w.leaf.id).toBe('channel-cap');
    expect(w.steps[2]).toMatchObject({ chosen: 1, suggested: 0, overridden: true });
    expect(w.finding?.summary).toBe('A weak plateau at 30.');
    // Overriding the code to 603 walks the policy question, where no 603 finding exists.
    const policy = walkTrunk(cpsTrunk, { code: 1 });
    expect(policy.steps.map((s) => s.question.id)).toEqual(['start', 'code', 'policy']);
    expect(policy.steps[2]!.suggested).toBeNull();
  });

  it('a healthy trunk stops at the first question; an out-of-range override is ignored', () => {
    const healthy: TrunkDiagnosis = { ...cpsTrunk, verdict: 'healthy', evidence: null, findings: [], rate503: { n: 3, d: 1000 }, rate603: { n: 2, d: 1000 }, attempts: 1000 };
    const w = walkTrunk(healthy, { start: 99 });
    expect(w.leaf.id).toBe('healthy');
    expect(w.steps).toHaveLength(1);
    expect(w.steps[0]!.overridden).toBe(false);
  });
});

describe('a file stamped at the final reply (Kamailio acc without an INVITE time)', () => {
  it('walks to inconclusive, and the CPS branch says why it shows no knee', () => {
    const stamped: TrunkDiagnosis = {
      ...cpsTrunk,
      verdict: 'inconclusive',
      confidence: 'low',
      evidence: { ...finding('inconclusive', 167, 'Rejections beyond background …'), numbers: { answeredStampedAtReply: { n: 709, d: 709 } } },
      findings: [],
    };
    const w = walkTrunk(stamped);
    expect(w.steps.map((s) => s.question.branches[s.chosen]!.to)).toEqual(['code', 'leaf:inconclusive']);
    // "It is a 503": the capacity question, whose CPS branch names the limitation; no branch is suggested.
    const asked = walkTrunk(stamped, { code: 0 });
    expect(asked.steps[2]!.question.id).toBe('capacity');
    expect(asked.steps[2]!.suggested).toBeNull();
    expect(asked.steps[2]!.evidence[0]).toBe(
      'No knee can be told: this file stamps attempts at their final reply (709 of 709 answered calls at their answer), so calls per second are not the rate the carrier saw.',
    );
    // Any other inconclusive leaves the branch empty.
    expect(walkTrunk({ ...stamped, evidence: finding('inconclusive', 167, 'x') }, { code: 0 }).steps[2]!.evidence[0]).toBe('');
  });
});

describe('603 where the calls cannot show one', () => {
  it('the walk says n/a, never 0 %', () => {
    const blind: TrunkDiagnosis = { ...cpsTrunk, knows603: false, rate603: { n: 0, d: 14561 } };
    expect(walkTrunk(blind).steps[0]!.evidence[2]).toBe('503: 1,741 of 14,561 (12 %); 603: n/a (these calls cannot show a 603).');
  });
});

describe('rejections other than 503 and 603 on the first step', () => {
  // Flowroute in the dSIPRouter sample, by hand: 64 attempts, 24 ended 403 (16 "Invalid Caller ID",
  // 4 "Insufficient funds", 3 "International Calling Disabled", 1 more), none 503 or 603.
  const flowroute: TrunkDiagnosis = {
    ...cpsTrunk,
    attempts: 64,
    rejectCodes: [{ code: '403', count: 24 }],
    rate503: { n: 0, d: 64 },
    rate603: { n: 0, d: 64 },
    verdict: 'caller-id-blocked',
    evidence: finding('caller-id-blocked', 16, '6702: 16 of 16.'),
    findings: [],
  };

  it('"yes, it fails" shows the table\'s Rejected total and its codes, not only 503 0 and 603 0', () => {
    expect(walkTrunk(flowroute).steps[0]!.evidence[2]).toBe('503: 0 of 64 (0 %); 603: 0 of 64 (0 %); all rejections: 24 of 64 (38 %), 403 × 24.');
  });

  it('more than three other codes: the first three and an ellipsis; nothing added when 503 + 603 are all of them', () => {
    const many = { ...flowroute, rejectCodes: [{ code: '403', count: 5 }, { code: '402', count: 4 }, { code: '480', count: 3 }, { code: '500', count: 2 }, { code: '503', count: 1 }], rate503: { n: 1, d: 64 } };
    expect(walkTrunk(many).steps[0]!.evidence[2]).toBe('503: 1 of 64 (1.6 %); 603: 0 of 64 (0 %); all rejections: 15 of 64 (23 %), 403 × 5, 402 × 4, 480 × 3, ….');
    expect(walkTrunk({ ...flowroute, rejectCodes: [{ code: '503', count: 2 }], rate503: { n: 2, d: 64 } }).steps[0]!.evidence[2]).toBe('503: 2 of 64 (3.1 %); 603: 0 of 64 (0 %).');
  });
});
