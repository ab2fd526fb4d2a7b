import { describe, expect, it } from 'vitest';
import { at, storeOf, type CallSpec } from '../../analysis/test-helpers';
import type { TrunkStats } from '../../analysis/dashboard-types';
import type { TrunkContext } from '../context';
import { consistencyRule, consistencySteps } from './consistency';

/**
 * Trunk A, 40 calls a minute apart: five numbers dialled 3 times each and refused every time
 * (603), then 25 numbers dialled once and answered. Refused share p = 15/40; chance of a number
 * dialled 3 times refused 3 times: p^3 ≈ 0.053, so 5 such numbers are far over chance (5 × 0.053 ≈ 0.26).
 */
function blockedNumbers(): TrunkContext {
  const specs: CallSpec[] = [];
  for (let k = 0; k < 15; k++) specs.push({ trunk: 'A', start: at('10:00') + k * 60_000, sip: 603, seconds: 0, destination: `1876555000${k % 5}` });
  for (let k = 0; k < 25; k++) specs.push({ trunk: 'A', start: at('10:15') + k * 60_000, destination: `13125551${String(k).padStart(3, '0')}` });
  const store = storeOf(specs);
  store.seal();
  // Only what the rule reads: the calls, their store, the file's capabilities and the trunk's attempts.
  const read: Pick<TrunkContext, 'store' | 'calls' | 'caps' | 'families' | 'stats'> = {
    store,
    calls: Uint32Array.from({ length: store.attempts }, (_, i) => i),
    caps: { sipCodes: true, separates503From603: true, hasEndTimes: true, hasTrunk: true },
    families: [],
    stats: { attempts: 40 } as TrunkStats,
  };
  return read as TrunkContext;
}

describe('consistencySteps', () => {
  it('finds the numbers refused every time, the same whatever the step size, pausing after each step of calls', () => {
    const ctx = blockedNumbers();
    const whole = consistencyRule(ctx, 'numbers');
    expect(whole?.leaf).toBe('destination-blocked');
    expect(whole?.numbers).toMatchObject({ keys: 5, refused: { n: 15, d: 15 }, rest: { n: 0, d: 25 }, c503: 0 });
    for (const [perStep, pauses] of [
      [1, 39],
      [7, 5],
      [40, 0],
      [1000, 0],
    ] as const) {
      const steps = consistencySteps(ctx, 'numbers', undefined, perStep);
      let paused = 0;
      let step = steps.next();
      for (; !step.done; step = steps.next()) paused++;
      expect(paused, `${perStep} calls per step`).toBe(pauses);
      expect(step.value).toEqual(whole);
    }
  });

  it('leaves out the calls `exclude` names in every step', () => {
    const ctx = blockedNumbers();
    // Without the first number's 3 refusals: 4 keys, 12 refused of 12; the rest is the trunk's 40 attempts less those 12.
    const first = ctx.store.destDigits[0]!;
    const exclude = (i: number) => ctx.store.destDigits[i] === first;
    const steps = consistencySteps(ctx, 'numbers', exclude, 5);
    let step = steps.next();
    while (!step.done) step = steps.next();
    expect(step.value?.numbers).toMatchObject({ keys: 4, refused: { n: 12, d: 12 }, rest: { n: 0, d: 28 } });
    expect(step.value).toEqual(consistencyRule(ctx, 'numbers', exclude));
  });
});
