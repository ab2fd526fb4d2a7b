/** The 503 side of the chart: cps-limit, channel-cap, out-of-funds (by onset or reason phrase). */
import { counted, is503, pct, rate, samples, wallTime, windowOf, type TrunkContext } from '../context';
import { KNEE_MIN_ATTEMPTS } from '../../analysis/cps';
import { secondKeyOf } from '../../analysis/clock-fold';
import type { Ratio } from '../../analysis/dashboard-types';
import type { Finding } from '../types';
import { formatCount } from '../../model/format-count';
import { callOnset, onsetOf } from './onset-split';
import { MIN_RANG_CALLS, RING_HELD_MS, BELOW_CLEAN, FUNDS_AFTER_SHARE, FUNDS_MAX_BEFORE, FUNDS_MAX_BEFORE_OTHER, KNEE_CLEAN_BELOW, KNEE_MIN_SHARE, MIN_REJECTS, PLATEAU_MIN_SHARE } from './thresholds';

const DISPOSITION_CAVEAT = 'The file gives dispositions, not SIP codes: FAILED/CONGESTION is counted as 503-like.';

function caveats(ctx: TrunkContext): string[] | undefined {
  return ctx.disposition503 ? [DISPOSITION_CAVEAT] : undefined;
}

/**
 * The trunk's answered calls that the file stamps at their final reply (a Kamailio acc row with no
 * earlier row or INVITE time to start from), when they are at least half of them: each counts in
 * the second it was answered, its ring time after its INVITE, so per-second counts are not the rate
 * the carrier saw and a burst's accepted calls leave its second. Null otherwise.
 */
export function replyStamped(ctx: TrunkContext): Ratio | null {
  const { store } = ctx;
  const stamped = { n: 0, d: 0 };
  for (const i of ctx.calls) {
    if (store.outcomeOf(i) !== 'answered') continue;
    stamped.d++;
    stamped.n += store.startIsFinalReply[i]!;
  }
  return stamped.d > 0 && stamped.n * 2 >= stamped.d ? stamped : null;
}

export function cpsRule(ctx: TrunkContext): Finding | null {
  const knee = ctx.data.cps.knee;
  if (!knee || knee.atOrAbove.n < MIN_REJECTS || rate(knee.atOrAbove) < KNEE_MIN_SHARE) return null;
  // Seconds in which the trunk started ≥ knee attempts: the 503s inside them are the evidence. A
  // second of an hour the file shows twice is one per pass, as the CPS panel counts it (clock-fold.ts).
  const { store, calls } = ctx;
  const busy = new Set<number>();
  const perSecond = new Map<number, number>();
  const secondOf = (i: number) => secondKeyOf(store.startMs[i]!, store.clockFold[i]!);
  for (const i of calls) {
    const s = secondOf(i);
    perSecond.set(s, (perSecond.get(s) ?? 0) + 1);
  }
  for (const [s, n] of perSecond) if (n >= knee.cps) busy.add(s);
  const inBurst = (i: number) => is503(store, i) && busy.has(secondOf(i));
  const high = rate(knee.below) <= KNEE_CLEAN_BELOW && knee.atOrAbove.n >= 3 * MIN_REJECTS && !ctx.disposition503;
  return {
    leaf: 'cps-limit',
    confidence: high ? 'high' : 'medium',
    summary: `503 on ${pct(knee.atOrAbove)} of attempts started in seconds with ≥ ${knee.cps} attempts, ${pct(knee.below)} below: the carrier's limit is about ${knee.limit} CPS (peak ${ctx.data.cps.peak}).`,
    numbers: { kneeCps: knee.cps, limitCps: knee.limit, atOrAbove: knee.atOrAbove, below: knee.below, peakCps: ctx.data.cps.peak, p99Cps: ctx.data.cps.p99, busySeconds: busy.size },
    window: windowOf(ctx, inBurst),
    samples: samples(ctx, inBurst),
    explains: knee.atOrAbove.n,
    caveats: caveats(ctx),
  };
}

export function channelRule(ctx: TrunkContext): Finding | null {
  const c = ctx.data.concurrency;
  const p = c.available ? c.plateau : null;
  if (!p || p.atPlateau.n < MIN_REJECTS || rate(p.atPlateau) < PLATEAU_MIN_SHARE || !ringTimeCounted(ctx)) return null;
  const pick = (i: number) => is503(ctx.store, i);
  const rated = burstOnly(ctx);
  if (rated) {
    return {
      leaf: 'inconclusive',
      confidence: 'low',
      summary: `503 on ${pct(p.atPlateau)} of attempts started with ${formatCount(p.level)} calls up, but only in seconds busier than the trunk's ordinary ${counted(rated.ordinaryCps, 'attempt', 'attempts')} a second: ${pct(rated.busier)} there, ${pct(rated.ordinary)} in the ordinary seconds. A CPS limit refuses the same calls: it takes the first few of each burst, and the calls it refuses start with those few up, at the burst's peak. A channel cap cannot be told from it here.`,
      numbers: { plateau: p.level, atPlateau: p.atPlateau, ordinaryCps: rated.ordinaryCps, ordinarySeconds: rated.ordinary, busierSeconds: rated.busier },
      window: windowOf(ctx, pick),
      samples: samples(ctx, pick),
      explains: rated.busier.n,
      candidates: ['cps-limit', 'channel-cap'],
      missing: [
        `Attempts outside the bursts: a CPS knee needs ${KNEE_MIN_ATTEMPTS} attempts in the seconds under it (this trunk has ${formatCount(rated.ordinary.d)}), and a channel cap would refuse calls in ordinary seconds too; or ask the carrier for the CPS and channel limits on the account.`,
      ],
      caveats: caveats(ctx),
    };
  }
  const high = rate(p.atPlateau) >= 0.8 && rate(p.below) <= BELOW_CLEAN && !ctx.disposition503;
  // Whole-second times: the level just under the cap shows saturated too; said, and kept out of "below".
  const near = p.near ? `${pct(p.near)} at ${p.near.fromLevel === p.level - 1 ? formatCount(p.near.fromLevel) : `${formatCount(p.near.fromLevel)}–${formatCount(p.level - 1)}`} (whole-second times blur the cap), ` : '';
  return {
    leaf: 'channel-cap',
    confidence: high ? 'high' : 'medium',
    summary: `503 on ${pct(p.atPlateau)} of attempts started with ${formatCount(p.level)} calls up (a level held ${Math.round(p.seconds / 60)} min and never exceeded), ${near}${pct(p.below)} below it; CPS knee: ${ctx.data.cps.knee ? ctx.data.cps.knee.cps : 'none'}.`,
    numbers: { plateau: p.level, plateauSeconds: Math.round(p.seconds), atPlateau: p.atPlateau, below: p.below, peakConcurrent: c.peak, ...(p.near ? { nearPlateau: { n: p.near.n, d: p.near.d } } : {}) },
    window: windowOf(ctx, pick),
    samples: samples(ctx, pick),
    explains: p.atPlateau.n,
    caveats: caveats(ctx),
  };
}

/**
 * The diagnosis.md test for a channel cap, "CPS at those moments is ordinary", where it fails: the
 * trunk's 503s (nearly) all in seconds with more attempts than its median second, none (≤
 * BELOW_CLEAN) among ≥ MIN_REJECTS attempts of seconds at or under the median. Bursts over a cap
 * and bursts over a CPS limit then look alike: the carrier takes a few of each burst and refuses
 * the rest, and the refused calls start at the level the burst reached (concurrency.ts), which
 * is the plateau. null where the 503s come in ordinary seconds too, or the seconds are not the
 * INVITEs' (stamped at the final reply, HH:MM: no per-second counts).
 */
function burstOnly(ctx: TrunkContext): { ordinaryCps: number; ordinary: Ratio; busier: Ratio } | null {
  const { levels } = ctx.data.cps;
  if (levels.length === 0 || replyStamped(ctx)) return null;
  const seconds = levels.reduce((n, l) => n + l.seconds, 0);
  let seen = 0;
  let ordinaryCps = 0;
  for (const l of levels) {
    seen += l.seconds;
    ordinaryCps = l.cps;
    if (seen * 2 >= seconds) break;
  }
  const ordinary: Ratio = { n: 0, d: 0 };
  const busier: Ratio = { n: 0, d: 0 };
  for (const l of levels) {
    const side = l.cps <= ordinaryCps ? ordinary : busier;
    side.n += l.c503;
    side.d += l.attempts;
  }
  if (ordinary.d < MIN_REJECTS || busier.n < MIN_REJECTS || rate(ordinary) > BELOW_CLEAN) return null;
  return { ordinaryCps, ordinary, busier };
}

/**
 * Out of funds by shape: a 503 onset after which (nearly) everything fails. (A carrier that says
 * so in words — "Insufficient funds", 402 — is found by the stated rules.)
 */
export function fundsRule(ctx: TrunkContext): Finding | null {
  const { store } = ctx;
  const near = onsetOf(ctx, '503');
  const onset = near && rate(near.after) < FUNDS_AFTER_SHARE ? callOnset(ctx, near) : near;
  if (!onset || rate(onset.after) < FUNDS_AFTER_SHARE || onset.after.n < MIN_REJECTS) return null;
  // 503s before the onset may be another problem's (CPS bursts, a channel cap: the segment before
  // is diagnosed on its own); then the failures after it must not depend on the rate: calls
  // alone in their second fail as much as the rest, which a CPS limit never does.
  if (rate(onset.before) > FUNDS_MAX_BEFORE && (rate(onset.before) > FUNDS_MAX_BEFORE_OTHER || !failsAlone(ctx, onset.atMs))) return null;
  const pick = (i: number) => store.startMs[i]! >= onset.atMs && is503(store, i);
  const high = rate(onset.before) <= BELOW_CLEAN && !ctx.disposition503;
  return {
    leaf: 'out-of-funds',
    confidence: high ? 'high' : 'medium',
    summary: `From ${wallTime(onset.atMs)} 503 on ${pct(onset.after)} of attempts (before: ${pct(onset.before)}), on every destination and caller ID.`,
    numbers: { onset: wallTime(onset.atMs), before: onset.before, after: onset.after },
    // To this trunk's last failing call, not the file's end (another trunk's calls may run on for hours).
    window: { fromMs: onset.atMs, toMs: windowOf(ctx, pick)?.toMs ?? ctx.data.span.toMs },
    samples: samples(ctx, pick),
    explains: onset.after.n,
    caveats: caveats(ctx),
  };
}

/** From `fromMs` on, the calls alone in their second (of this trunk) fail 503 as often as "(nearly) all": not a rate limit. */
function failsAlone(ctx: TrunkContext, fromMs: number): boolean {
  const { store, calls } = ctx;
  const alone = { n: 0, d: 0 };
  for (let j = 0; j < calls.length; j++) {
    const i = calls[j]!;
    if (store.startMs[i]! < fromMs || !aloneInSecond(ctx, j)) continue;
    alone.d++;
    if (is503(store, i)) alone.n++;
  }
  return alone.d >= MIN_REJECTS && rate(alone) >= FUNDS_AFTER_SHARE;
}

/**
 * No other call of the trunk starts in the second of its `j`th call. Calls are in start order, so
 * those of one wall second sit side by side; in an hour the file shows twice the two passes' calls
 * of a wall second are mixed there, and only one of its own pass counts (clock-fold.ts).
 */
function aloneInSecond(ctx: TrunkContext, j: number): boolean {
  const { store, calls } = ctx;
  const i = calls[j]!;
  const wall = Math.floor(store.startMs[i]! / 1000);
  const key = secondKeyOf(store.startMs[i]!, store.clockFold[i]!);
  for (const step of [-1, 1]) {
    for (let d = j + step; d >= 0 && d < calls.length; d += step) {
      const other = calls[d]!;
      if (Math.floor(store.startMs[other]! / 1000) !== wall) break;
      if (secondKeyOf(store.startMs[other]!, store.clockFold[other]!) === key) return false;
    }
  }
  return true;
}

/**
 * Do the durations hold ring time? Calls that rang out or were cancelled while ringing (480, 487:
 * the called side's) last 10–30 s from the INVITE; a file whose durations are talk time only gives
 * them 0 s, and then the calls up at any moment are undercounted (a cap of 12 shows as 11 or 10).
 * True when the file has too few such calls to tell.
 */
function ringTimeCounted(ctx: TrunkContext): boolean {
  const { store } = ctx;
  let rang = 0;
  let held = 0;
  for (const i of ctx.calls) {
    if (store.outcomeOf(i) !== 'user') continue;
    const ms = store.endMs[i]! - store.startMs[i]!;
    if (Number.isNaN(ms)) continue;
    rang++;
    if (ms >= RING_HELD_MS) held++;
  }
  return rang < MIN_RANG_CALLS || held * 2 >= rang;
}
