/** Self time per function from a V8 CPU profile, mapped back to the sources through the build's source maps. */
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import type { CpuProfile } from './cdp';
import { SourceMap } from './source-map';

export interface SelfTimeRow {
  function: string;
  /** Original source file:line (source map), or the script URL. */
  where: string;
  /** Original source line text, when known. */
  text: string | null;
  selfMs: number;
  /** Share of the profile's non-idle time. */
  share: number;
}

export interface ProfileSummary {
  /** JS, GC and attributed native time (shares are of this). */
  totalMs: number;
  idleMs: number;
  /** "(program)": native work V8 cannot attribute (on the page: Blink, layout, the event loop). */
  programMs: number;
  gcMs: number;
  top: SelfTimeRow[];
}

/** Several threads' profiles as one: self time per function summed (the piece workers together). */
export function summarizeProfiles(profiles: readonly CpuProfile[], distDir: string, topN = 10): ProfileSummary {
  const parts = profiles.map((p) => summarizeProfile(p, distDir, Number.POSITIVE_INFINITY));
  const rows = new Map<string, SelfTimeRow>();
  for (const part of parts) {
    for (const r of part.top) {
      const key = `${r.function}@${r.where}`;
      const row = rows.get(key) ?? { ...r, selfMs: 0 };
      row.selfMs += r.selfMs;
      rows.set(key, row);
    }
  }
  const sum = (f: (p: ProfileSummary) => number) => parts.reduce((a, p) => a + f(p), 0);
  const total = sum((p) => p.totalMs);
  const top = [...rows.values()].sort((a, b) => b.selfMs - a.selfMs).slice(0, topN);
  for (const r of top) r.share = total > 0 ? r.selfMs / total : 0;
  return { totalMs: total, idleMs: sum((p) => p.idleMs), programMs: sum((p) => p.programMs), gcMs: sum((p) => p.gcMs), top };
}

/** `distDir` is where the served scripts and their .map files are (URLs are mapped by basename). */
export function summarizeProfile(profile: CpuProfile, distDir: string, topN = 10): ProfileSummary {
  const maps = new Map<string, SourceMap | null>();
  const mapFor = (url: string): SourceMap | null => {
    if (!url) return null;
    if (maps.has(url)) return maps.get(url)!;
    let sm: SourceMap | null = null;
    try {
      const file = path.join(distDir, 'assets', path.basename(new URL(url).pathname) + '.map');
      if (existsSync(file)) sm = new SourceMap(JSON.parse(readFileSync(file, 'utf8')));
    } catch {
      sm = null;
    }
    maps.set(url, sm);
    return sm;
  };

  const byNode = new Map<number, number>();
  const samples = profile.samples ?? [];
  const deltas = profile.timeDeltas ?? [];
  // The interval after sample i is spent where sample i was taken.
  for (let i = 0; i < samples.length; i++) {
    const dt = (deltas[i + 1] ?? 0) / 1000;
    byNode.set(samples[i]!, (byNode.get(samples[i]!) ?? 0) + dt);
  }
  const rows = new Map<string, SelfTimeRow>();
  let total = 0;
  let idle = 0;
  let program = 0;
  let gc = 0;
  for (const node of profile.nodes) {
    const ms = byNode.get(node.id) ?? 0;
    if (ms === 0) continue;
    const cf = node.callFrame;
    if (cf.functionName === '(idle)' || cf.functionName === '(root)') {
      idle += ms;
      continue;
    }
    if (cf.functionName === '(program)') {
      program += ms;
      continue;
    }
    total += ms;
    if (cf.functionName === '(garbage collector)') gc += ms;
    const pos = cf.url ? mapFor(cf.url)?.lookup(cf.lineNumber, cf.columnNumber) : null;
    const name = pos?.name ?? (cf.functionName || '(anonymous)');
    const where = pos ? `${pos.source}:${pos.line}` : cf.url ? `${path.basename(cf.url)}:${cf.lineNumber + 1}:${cf.columnNumber + 1}` : '(native)';
    const key = `${name}@${where}`;
    const row = rows.get(key) ?? { function: name, where, text: pos?.text ?? null, selfMs: 0, share: 0 };
    row.selfMs += ms;
    rows.set(key, row);
  }
  const top = [...rows.values()].sort((a, b) => b.selfMs - a.selfMs).slice(0, topN);
  for (const r of top) r.share = total > 0 ? r.selfMs / total : 0;
  return { totalMs: total, idleMs: idle, programMs: program, gcMs: gc, top };
}
