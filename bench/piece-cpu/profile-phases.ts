/** A worker's CPU profile split by phase: each sample counted for the outermost phase function on its stack. */
import type { CpuProfile, CpuProfileNode } from '../lib/cdp';

/** Functions that begin a phase (their names as the bundle keeps them). */
const PHASES: Record<string, string> = {
  withPieceBytes: 'read the bytes',
  parsePiece: 'parse',
  postMessage: 'postMessage',
  '(garbage collector)': 'GC',
  '(program)': '(program)',
  '(idle)': '(idle)',
};

export function phaseShares(profile: CpuProfile): Record<string, number> {
  const parent = new Map<number, CpuProfileNode>();
  const byId = new Map<number, CpuProfileNode>();
  for (const n of profile.nodes) {
    byId.set(n.id, n);
    for (const c of n.children ?? []) parent.set(c, n);
  }
  const phaseOf = new Map<number, string>();
  const find = (node: CpuProfileNode): string => {
    const known = phaseOf.get(node.id);
    if (known) return known;
    const up = parent.get(node.id);
    const outer = up ? find(up) : 'other';
    const phase = outer !== 'other' ? outer : (PHASES[node.callFrame.functionName] ?? 'other');
    phaseOf.set(node.id, phase);
    return phase;
  };
  const out: Record<string, number> = {};
  const samples = profile.samples ?? [];
  const deltas = profile.timeDeltas ?? [];
  for (let i = 0; i < samples.length; i++) {
    const node = byId.get(samples[i]!);
    if (!node) continue;
    // A sample's time is the gap to the next one.
    const ms = (deltas[i + 1] ?? 0) / 1000;
    const phase = find(node);
    out[phase] = (out[phase] ?? 0) + ms;
  }
  return out;
}
