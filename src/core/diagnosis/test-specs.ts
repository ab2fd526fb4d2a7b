/**
 * Small simulated days for the diagnosis tests (imported by *.test.ts and the CLI test only):
 * two hours at full intensity, one trunk per cause of the flowchart plus a healthy one, onsets at
 * 11:00. Core-only (no Node, no vitest).
 */
import type { ScenarioSpec, TrunkPlan, TrunkProblem } from '../scenario/scenario';
import type { Finding, TrunkDiagnosis } from './types';

export const DIAGNOSIS_TRUNKS: readonly TrunkPlan[] = [
  { name: 'carrier-a', dialPrefix: '9', problem: 'healthy', peakCps: 0.3 },
  { name: 'carrier-b', dialPrefix: '8', problem: 'cps-limit', peakCps: 0.25, cpsLimit: 3, burstFactor: 16 },
  { name: 'carrier-c', dialPrefix: '7', problem: 'channel-cap', peakCps: 0.3, channelCap: 12 },
  { name: 'carrier-d', dialPrefix: '6', problem: 'destination-blocked', peakCps: 0.15, prefixes: ['1876', '1809'] },
  { name: 'carrier-e', dialPrefix: '5', problem: 'caller-id-blocked', peakCps: 0.15, callerIds: ['13125550142', '13125550177'] },
  { name: 'carrier-f', dialPrefix: '4', problem: 'carrier-policy-change', peakCps: 0.15, onsetSecond: 11 * 3600 },
  { name: 'carrier-g', dialPrefix: '3', problem: 'out-of-funds', peakCps: 0.12, onsetSecond: 11 * 3600 },
  { name: 'carrier-h', dialPrefix: '2', problem: 'no-route', peakCps: 0.12, prefixes: ['44', '63'] },
  { name: 'carrier-i', dialPrefix: '77', problem: 'auth-or-disabled-trunk', peakCps: 0.03 },
];

/** All causes side by side: 10:00–12:00, ~13 000 attempts. */
export const DIAGNOSIS_SPEC: ScenarioSpec = {
  seed: 11,
  date: '2026-11-16',
  fromSecond: 10 * 3600,
  toSecond: 12 * 3600,
  scale: 1,
  trunks: [...DIAGNOSIS_TRUNKS],
};

/** One cause alone (for formats that lose the trunk: every call lands on one trunk). */
export function singleTrunkSpec(problem: TrunkProblem): ScenarioSpec {
  const plan = DIAGNOSIS_TRUNKS.find((t) => t.problem === problem)!;
  return { ...DIAGNOSIS_SPEC, trunks: [{ ...plan, peakCps: Math.max(plan.peakCps, 0.15) }] };
}

/** A finding by hand, high confidence, no window or samples. */
export const handFinding = (leaf: Finding['leaf'], numbers: Finding['numbers'], summary: string): Finding => ({ leaf, confidence: 'high', summary, numbers, window: null, samples: [], explains: 10 });

/**
 * A CPS-limited trunk's diagnosis by hand (the walk and ticket tests): 100 attempts, 20 × 503 that
 * start at 4 CPS (its ticket asks about "more than 3"), over 08:00–20:00 of the whole file.
 */
export function handCpsDiagnosis(more: Partial<TrunkDiagnosis> = {}): TrunkDiagnosis {
  return {
    trunk: 'prefix 8',
    period: { fromMs: Date.UTC(2026, 10, 16, 8), toMs: Date.UTC(2026, 10, 16, 20), wholeFile: true },
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
    evidence: handFinding('cps-limit', { kneeCps: 4 }, '503s start at 4 CPS.'),
    findings: [],
    ...more,
  };
}
