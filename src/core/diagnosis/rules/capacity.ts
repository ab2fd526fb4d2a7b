/** The 503 side of the chart: cps-limit, channel-cap, out-of-funds (by onset or reason phrase). */
import { is503, pct, rate, samples, wallTime, windowOf, type TrunkContext } from '../context';
import type { Finding } from '../types';
import { onsetOf } from './onset-split';
import { BELOW_CLEAN, FUNDS_AFTER_SHARE, FUNDS_MAX_BEFORE, KNEE_CLEAN_BELOW, KNEE_MIN_SHARE, MIN_REJECTS, PLATEAU_MIN_SHARE } from './thresholds';

const DISPOSITION_CAVEAT = 'The file gives dispositions, not SIP codes: FAILED/CONGESTION is counted as 503-like.';

function caveats(ctx: TrunkContext): string[] | undefined {
  return ctx.disposition503 ? [DISPOSITION_CAVEAT] : undefined;
}

export function cpsRule(ctx: TrunkContext): Finding | null {
  const knee = ctx.data.cps.knee;
  if (!knee || knee.atOrAbove.n < MIN_REJECTS || rate(knee.atOrAbove) < KNEE_MIN_SHARE) return null;
  // Seconds in which the trunk started ≥ knee attempts: the 503s inside them are the evidence.
  const { store, calls } = ctx;
  const busy = new Set<number>();
  const perSecond = new Map<number, number>();
  for (const i of calls) {
    const s = Math.floor(store.startMs[i]! / 1000);
    perSecond.set(s, (perSecond.get(s) ?? 0) + 1);
  }
  for (const [s, n] of perSecond) if (n >= knee.cps) busy.add(s);
  const inBurst = (i: number) => is503(store, i) && busy.has(Math.floor(store.startMs[i]! / 1000));
  const high = rate(knee.below) <= KNEE_CLEAN_BELOW && knee.atOrAbove.n >= 3 * MIN_REJECTS && !ctx.disposition503;
  return {
    leaf: 'cps-limit',
    confidence: high ? 'high' : 'medium',
    summary: `503 on ${pct(knee.atOrAbove)} of attempts started in seconds with ≥ ${knee.cps} attempts, ${pct(knee.below)} below: the carrier's limit is about ${knee.cps - 1} CPS (peak ${ctx.data.cps.peak}).`,
    numbers: { kneeCps: knee.cps, atOrAbove: knee.atOrAbove, below: knee.below, peakCps: ctx.data.cps.peak, p99Cps: ctx.data.cps.p99, busySeconds: busy.size },
    window: windowOf(ctx, inBurst),
    samples: samples(ctx, inBurst),
    explains: knee.atOrAbove.n,
    caveats: caveats(ctx),
  };
}

export function channelRule(ctx: TrunkContext): Finding | null {
  const c = ctx.data.concurrency;
  const p = c.available ? c.plateau : null;
  if (!p || p.atPlateau.n < MIN_REJECTS || rate(p.atPlateau) < PLATEAU_MIN_SHARE) return null;
  const high = rate(p.atPlateau) >= 0.8 && rate(p.below) <= BELOW_CLEAN && !ctx.disposition503;
  const pick = (i: number) => is503(ctx.store, i);
  return {
    leaf: 'channel-cap',
    confidence: high ? 'high' : 'medium',
    summary: `503 on ${pct(p.atPlateau)} of attempts started with ${p.level} calls up (a level held ${Math.round(p.seconds / 60)} min and never exceeded), ${pct(p.below)} below it; CPS knee: ${ctx.data.cps.knee ? ctx.data.cps.knee.cps : 'none'}.`,
    numbers: { plateau: p.level, plateauSeconds: Math.round(p.seconds), atPlateau: p.atPlateau, below: p.below, peakConcurrent: c.peak },
    window: windowOf(ctx, pick),
    samples: samples(ctx, pick),
    explains: p.atPlateau.n,
    caveats: caveats(ctx),
  };
}

/**
 * Out of funds by shape: a 503 onset after which (nearly) everything fails. (A carrier that says
 * so in words — "Insufficient funds", 402 — is found by the stated rules.)
 */
export function fundsRule(ctx: TrunkContext): Finding | null {
  const { store } = ctx;
  const onset = onsetOf(ctx, '503');
  if (!onset || rate(onset.after) < FUNDS_AFTER_SHARE || onset.after.n < MIN_REJECTS || rate(onset.before) > FUNDS_MAX_BEFORE) return null;
  const pick = (i: number) => store.startMs[i]! >= onset.atMs && is503(store, i);
  const high = rate(onset.before) <= BELOW_CLEAN && !ctx.disposition503;
  return {
    leaf: 'out-of-funds',
    confidence: high ? 'high' : 'medium',
    summary: `From ${wallTime(onset.atMs)} 503 on ${pct(onset.after)} of attempts (before: ${pct(onset.before)}), on every destination and caller ID.`,
    numbers: { onset: wallTime(onset.atMs), before: onset.before, after: onset.after },
    window: { fromMs: onset.atMs, toMs: ctx.data.span.toMs },
    samples: samples(ctx, pick),
    explains: onset.after.n,
    caveats: caveats(ctx),
  };
}
