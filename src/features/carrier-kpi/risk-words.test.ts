import { describe, expect, it } from 'vitest';
import { DEFAULT_KPI_THRESHOLDS, judgeKpi, type KpiRow } from '../../core/analysis/kpi-thresholds';
import { riskWords } from './risk-words';

/**
 * 100 attempts on one trunk: `policy` of them refused, `c603` of those with a bare 603; every other
 * one answered and talked 2 minutes (nothing else flagged).
 */
function refusedTrunk(policy: number, c603: number, shows603 = true): KpiRow {
  const answered = 100 - policy;
  return { key: 'carrierI', attempts: 100, answered, talkCalls: answered, talkSec: 120 * answered, shortAnswered: [0, 0, 0, 0, 0, 0, 0], c503: 0, c603, capacity: 0, policy, shows603 };
}

const words = (row: KpiRow) => riskWords(judgeKpi(row, DEFAULT_KPI_THRESHOLDS));

describe('riskWords: a refusal names the codes that made it', () => {
  it('every attempt refused with 403 (no 603): not read as a 603 block', () => {
    expect(words(refusedTrunk(100, 0))).toEqual(['refuse: 403, 607, 608 and kin (no 603) on 100 % of attempts']);
  });

  it('only bare 603s: says 603', () => {
    expect(words(refusedTrunk(40, 40))).toEqual(['refuse: 603 on 40 % of attempts']);
  });

  it('a mix: the family share, and the bare 603s apart (30 of 100 refused, 12 of them 603)', () => {
    expect(words(refusedTrunk(30, 12))).toEqual(['refuse: 603 and kin (403, 607, 608…) on 30 % of attempts (603 itself on 12 %)']);
  });

  it('calls that cannot show a 603: the family, no claim about which code', () => {
    expect(words(refusedTrunk(30, 0, false))).toEqual(['refuse: 603 and kin on 30 % of attempts']);
  });

  it('under the limit (2 %): nothing said', () => {
    expect(words(refusedTrunk(2, 2))).toEqual([]);
  });
});
