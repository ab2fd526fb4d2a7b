/** Background noise never produces a verdict: a healthy trunk with ~1 % 503 and 603 stays healthy. */
import { describe, expect, it } from 'vitest';
import { at, storeOf, type CallSpec } from '../analysis/test-helpers';
import { Random } from '../scenario/random';
import { diagnoseTrunks } from './evidence';

const CAPS = { sipCodes: true, separates503From603: true, hasEndTimes: true, hasTrunk: true };

function noisyDay(noise: number, seed: number): CallSpec[] {
  const rng = new Random(seed);
  const calls: CallSpec[] = [];
  const callers = ['13125550101', '13125550118', '13125550123', '13125550142'];
  const areas = ['212', '312', '415', '305', '44', '63', '1876'];
  for (let s = 0; s < 4 * 3600; s += 3) {
    const u = rng.next();
    const sip = u < noise ? 503 : u < 2 * noise ? 603 : u < 0.5 ? 200 : u < 0.7 ? 480 : 487;
    calls.push({
      trunk: 'healthy',
      start: at('09:00') + s * 1000 + rng.int(0, 2999),
      sip,
      seconds: sip === 200 ? rng.int(20, 300) : sip >= 500 ? 0 : rng.int(10, 30),
      destination: `${rng.pick(areas)}55501${String(rng.int(10, 99))}`,
      callerId: rng.pick(callers),
    });
  }
  return calls;
}

describe('background noise', () => {
  it.each([0.002, 0.005, 0.01])('%s of 503 and of 603, spread evenly → healthy', (noise) => {
    for (const seed of [1, 2, 3]) {
      const [d] = diagnoseTrunks(storeOf(noisyDay(noise, seed)), { files: [{ capabilities: CAPS, trunks: [{ name: 'healthy' }] }] });
      expect(d!.verdict, `${noise} seed ${seed}: ${d!.evidence?.summary ?? ''}`).toBe('healthy');
      expect(d!.findings.filter((f) => f.leaf !== 'user-side')).toEqual([]);
    }
  });
});
