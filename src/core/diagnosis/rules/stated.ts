/**
 * What the carrier said: rejections whose code or reason phrase names a leaf by itself
 * (reasons.ts) — "403 Insufficient funds remaining", "403 Invalid Caller ID", "608 Rejected".
 * One finding per named leaf, with the phrases, the caller IDs or destinations they fall on and
 * the time they span. The words are the evidence; the shapes (knee, onset, concentration) only
 * add to it, so a few calls that say so are a finding even where no pattern could show.
 */
import type { Ratio } from '../../analysis/dashboard-types';
import { callerIdOf, destinationOf, isReject, pct, samples, wallTime, windowOf, type TrunkContext } from '../context';
import type { ReasonCause } from '../reasons';
import type { Finding } from '../types';
import { formatCount } from '../../model/format-count';
import { FUNDS_AFTER_SHARE, MIN_REJECTS, STATED_MIN } from './thresholds';

/** Up to this many phrases, caller IDs or prefixes named in a summary. */
const LIST_MAX = 5;

interface Tally {
  calls: number;
  /** "403 Insufficient funds remaining - support@flowroute.com" → calls */
  phrases: Map<string, number>;
  first: number;
}

/** The leaf a call's final code and phrase name (null when none, or when the call was answered). */
export function statedCause(ctx: TrunkContext, i: number): ReasonCause | null {
  const { store } = ctx;
  if (store.outcomeOf(i) === 'answered') return null;
  return ctx.reasons.cause(store.sipCode[i]!, store.reason[i]!);
}

export function statedRules(ctx: TrunkContext): Finding[] {
  const { store } = ctx;
  const tallies = new Map<ReasonCause, Tally>();
  for (const i of ctx.calls) {
    const cause = statedCause(ctx, i);
    if (!cause) continue;
    let t = tallies.get(cause);
    if (!t) tallies.set(cause, (t = { calls: 0, phrases: new Map(), first: store.startMs[i]! }));
    t.calls++;
    const sip = store.sipCode[i]!;
    const text = `${sip === 0 ? '' : `${sip} `}${store.reasons.get(store.reason[i]!)}`.trim();
    t.phrases.set(text, (t.phrases.get(text) ?? 0) + 1);
  }
  const out: Finding[] = [];
  for (const [cause, t] of tallies) {
    if (t.calls < STATED_MIN) continue;
    out.push(statedFinding(ctx, cause, t));
  }
  return out;
}

function statedFinding(ctx: TrunkContext, cause: ReasonCause, t: Tally): Finding {
  const pick = (i: number) => statedCause(ctx, i) === cause;
  const phrases = [...t.phrases].sort((a, b) => b[1] - a[1]);
  const said = phrases
    .slice(0, LIST_MAX)
    .map(([text, n]) => `"${text}" × ${formatCount(n)}`)
    .join(', ');
  const window = windowOf(ctx, pick);
  const numbers: Finding['numbers'] = { stated: t.calls, phrases: phrases.map(([text]) => text), attempts: ctx.stats.attempts };
  let where = '';
  if (cause === 'caller-id-blocked') {
    const keys = keyTable(ctx, pick, (i) => callerIdOf(ctx.store, i), 'caller');
    numbers.callerIds = keys.list.map((k) => k.key);
    Object.assign(numbers, keys.shares);
    where = ` Caller IDs: ${keys.list.map((k) => `${k.key || '(none)'}: ${pct({ n: k.hits, d: k.attempts })} of its attempts`).join('; ')}.`;
  } else if (cause === 'no-route' || cause === 'destination-blocked') {
    const keys = keyTable(ctx, pick, (i) => destinationOf(ctx.store, i), 'destination');
    numbers.prefixes = keys.list.map((k) => k.key);
    Object.assign(numbers, keys.shares);
    where = ` Destinations: ${keys.list.map((k) => `${k.key || '(none)'}: ${pct({ n: k.hits, d: k.attempts })}`).join('; ')}.`;
  } else if (cause === 'out-of-funds') {
    numbers.onset = wallTime(t.first);
    // Everything from the first such call on says so: an onset (the period before it is then
    // diagnosed on its own, see evidence.ts beforeOnset).
    const before = { n: 0, d: 0 };
    const after = { n: 0, d: 0 };
    for (const i of ctx.calls) {
      const side = ctx.store.startMs[i]! < t.first ? before : after;
      side.d++;
      if (pick(i)) side.n++;
    }
    if (after.n >= FUNDS_AFTER_SHARE * after.d) {
      numbers.before = before;
      numbers.after = after;
    }
  }
  const span = window ? ` First ${wallTime(window.fromMs)}, last ${wallTime(window.toMs - 1000)}.` : '';
  return {
    leaf: cause,
    confidence: t.calls >= MIN_REJECTS ? 'high' : 'medium',
    summary: `The carrier says so on ${formatCount(t.calls)} of ${formatCount(ctx.stats.attempts)} attempts: ${said}.${where}${span}`,
    numbers,
    window,
    samples: samples(ctx, pick),
    explains: t.calls,
  };
}

/**
 * The caller IDs (or destination numbers) the stated calls fall on, most first, with each key's
 * own attempts on the trunk: "6702: 16 of 16". Keys are compared as text; only the few keys of
 * stated calls are counted, so this is one pass with a small map. `shares`: how the pattern of
 * the leaf holds (its ticket says "every time" and "the others are fine" only where it does):
 * `keysRefused`, the stated calls over all attempts on their keys; `elsewhere`, the rejections
 * over the attempts on every other key; `keys`, how many keys the stated calls fall on, and
 * `keysTriedOnce`, how many of them the trunk tried once only.
 */
function keyTable(
  ctx: TrunkContext,
  pick: (i: number) => boolean,
  keyOf: (i: number) => string,
  kind: 'caller' | 'destination',
): { list: Array<{ key: string; hits: number; attempts: number }>; shares: { keysRefused: Ratio; elsewhere: Ratio; keys: number; keysTriedOnce: number } } {
  const { store } = ctx;
  const digits = kind === 'caller' ? store.callerDigits : store.destDigits;
  const hits = new Map<number, { key: string; hits: number; attempts: number }>();
  for (const i of ctx.calls) {
    if (!pick(i)) continue;
    const d = digits[i]!;
    let row = hits.get(d);
    if (!row) hits.set(d, (row = { key: keyOf(i), hits: 0, attempts: 0 }));
    row.hits++;
  }
  // Attempts per key over all the trunk's calls (the digits are the key: a number's leading-zero
  // twin would share a row, which caller IDs and dialled numbers of one trunk do not have).
  const keysRefused = { n: 0, d: 0 };
  const elsewhere = { n: 0, d: 0 };
  for (const i of ctx.calls) {
    const row = hits.get(digits[i]!);
    if (row) {
      row.attempts++;
      keysRefused.d++;
      if (pick(i)) keysRefused.n++;
    } else {
      elsewhere.d++;
      if (isReject(store, i)) elsewhere.n++;
    }
  }
  const list = [...hits.values()].sort((a, b) => b.hits - a.hits || a.key.localeCompare(b.key)).slice(0, LIST_MAX);
  let keysTriedOnce = 0;
  for (const row of hits.values()) if (row.attempts === 1) keysTriedOnce++;
  return { list, shares: { keysRefused, elsewhere, keys: hits.size, keysTriedOnce } };
}
