/**
 * Consistency per caller ID and per dialled number: a block refuses the same caller ID or the
 * same number every time, whatever else the trunk does. No shared prefix is needed, and the
 * comparison is with the trunk's own refusal rate (a trunk that also runs out of funds or hits a
 * CPS limit still shows a caller ID refused 16 of 16 times far above its rest).
 *   caller IDs: ≥ CALLER_MIN_ATTEMPTS attempts, refused on ≥ KEY_ALWAYS_SHARE of them, and the
 *               rest of the trunk refused at most 1 / FAR_ABOVE_FACTOR of that share;
 *   numbers:    dialled ≥ NUMBER_MIN_ATTEMPTS times and refused every time, at least
 *               NUMBERS_MIN_KEYS such numbers (or one dialled ≥ KEY_MIN_ATTEMPTS times) and
 *               NUMBERS_OVER_CHANCE × what chance makes
 *               (a number dialled k times on a trunk refusing a share p is refused k times with
 *               probability p^k), ≥ MIN_REJECTS calls on them.
 * With SIP codes these are 603-family (or 503: no-route) findings; in a file of dispositions a
 * refusal only "looks" like one (BUSY / NO ANSWER at once, see looksRefused): an inconclusive that
 * names the concentration and says what to log.
 */
import { runToEnd } from '../../analysis/run-to-end';
import { callerIdOf, counted, destinationOf, is503, looksRefused, pct, rate, samples, windowOf, type TrunkContext } from '../context';
import type { ProblemId } from '../tree';
import type { Finding } from '../types';
import { formatCount } from '../../model/format-count';
import { noSipCodesAdvice } from '../logging-advice';
import { NumberIds } from '../../analysis/number-ids';
import {
  CALLER_MIN_ATTEMPTS,
  FAR_ABOVE_FACTOR,
  KEY_ALWAYS_SHARE,
  KEY_MIN_ATTEMPTS,
  KEYS_MAX_TRAFFIC,
  MIN_REJECTS,
  NUMBER_MIN_ATTEMPTS,
  NUMBERS_MIN_KEYS,
  NUMBERS_OVER_CHANCE,
  REFUSED_LOOKING_MS,
} from './thresholds';

const LIST_MAX = 5;

/** Per key id (first sight order): its digits, attempts, refusals, 503s and one call of it. */
interface KeyCounts {
  ids: NumberIds;
  digits: Float64Array;
  attempts: Uint32Array;
  refused: Uint32Array;
  c503: Uint32Array;
  call: Uint32Array;
}

/** Count calls [from, to) of the trunk's into `keys`; returns how many of them look refused. */
function countKeys(ctx: TrunkContext, digits: Float64Array, lengths: Uint8Array, exclude: ((i: number) => boolean) | undefined, keys: KeyCounts, from: number, to: number): number {
  const { store, calls } = ctx;
  let refused = 0;
  for (let j = from; j < to; j++) {
    const i = calls[j]!;
    if (lengths[i] === 0 || exclude?.(i)) continue;
    const d = digits[i]!;
    const id = keys.ids.idOf(d);
    keys.digits[id] = d;
    if (keys.attempts[id] === 0) keys.call[id] = i;
    keys.attempts[id]!++;
    if (looksRefused(ctx, i, REFUSED_LOOKING_MS)) {
      keys.refused[id]!++;
      refused++;
      if (is503(store, i)) keys.c503[id]!++;
    }
  }
  return refused;
}

interface KeyRow {
  key: string;
  attempts: number;
  refused: number;
  c503: number;
}

/** Calls counted between two steps of consistencySteps: a few ms (~0.2 µs each in Node). */
const CALLS_PER_STEP = 1 << 15;

export function consistencyRule(ctx: TrunkContext, dimension: 'callerIds' | 'numbers', exclude?: (i: number) => boolean): Finding | null {
  return runToEnd(consistencySteps(ctx, dimension, exclude));
}

/**
 * consistencyRule with a step (null) after every `callsPerStep` calls counted: a trunk's numbers
 * are a pass over every call of it (~30–110 ms at a million calls), which the worker's diagnosis
 * must not run at once while a brush waits.
 */
export function* consistencySteps(ctx: TrunkContext, dimension: 'callerIds' | 'numbers', exclude?: (i: number) => boolean, callsPerStep = CALLS_PER_STEP): Generator<null, Finding | null> {
  const { store } = ctx;
  const digits = dimension === 'callerIds' ? store.callerDigits : store.destDigits;
  const lengths = dimension === 'callerIds' ? store.callerLength : store.destLength;
  // Counted per key id in typed arrays (a trunk's calls may hold a million distinct numbers: a
  // Map of row objects cost a third of its diagnosis), keyed by the stored digits (a caller ID or
  // a number of one trunk has no leading-zero twin). Ids follow first sight, as a Map's order.
  // Sized for up to 65,536 keys and grown past that: a table for every call a distinct key would
  // reserve ~100 MB at 4M calls for the handful of caller IDs or the few thousand numbers most trunks
  // dial (a rehash while growing costs about a tenth of this rule's time where keys are that many).
  const ids = new NumberIds(Math.min(ctx.calls.length, 1 << 16));
  const size = ctx.calls.length;
  const keyDigits = new Float64Array(size);
  const keyAttempts = new Uint32Array(size);
  const keyRefused = new Uint32Array(size);
  const key503 = new Uint32Array(size);
  // A call of each key, its text read from it when the key is listed (the store holds digits only).
  const keyCall = new Uint32Array(size);
  const counts: KeyCounts = { ids, digits: keyDigits, attempts: keyAttempts, refused: keyRefused, c503: key503, call: keyCall };
  let refusedAll = 0;
  for (let from = 0; from < size; from += callsPerStep) {
    if (from > 0) yield null;
    refusedAll += countKeys(ctx, digits, lengths, exclude, counts, from, Math.min(size, from + callsPerStep));
  }
  const keyText = dimension === 'callerIds' ? callerIdOf : destinationOf;
  const rowOf = (id: number): [number, KeyRow] => [keyDigits[id]!, { key: keyText(store, keyCall[id]!), attempts: keyAttempts[id]!, refused: keyRefused[id]!, c503: key503[id]! }];
  const attempts = ctx.stats.attempts;
  const p = attempts > 0 ? refusedAll / attempts : 0;
  const bad: Array<[number, KeyRow]> = [];
  if (dimension === 'callerIds') {
    for (let id = 0; id < ids.size; id++) if (keyAttempts[id]! >= CALLER_MIN_ATTEMPTS && keyRefused[id]! >= KEY_ALWAYS_SHARE * keyAttempts[id]!) bad.push(rowOf(id));
  } else {
    let chance = 0;
    for (let id = 0; id < ids.size; id++) {
      const n = keyAttempts[id]!;
      if (n < NUMBER_MIN_ATTEMPTS) continue;
      chance += p ** n;
      if (keyRefused[id] === n) bad.push(rowOf(id));
    }
    // Fewer numbers than NUMBERS_MIN_KEYS count where one of them was dialled as often as a prefix
    // or caller ID must be (KEY_MIN_ATTEMPTS): one number refused 20 of 20 times is a block, as a
    // prefix refused 20 of 20 times is.
    const redialled = bad.some(([, r]) => r.attempts >= KEY_MIN_ATTEMPTS);
    if ((bad.length < NUMBERS_MIN_KEYS && !redialled) || bad.length < NUMBERS_OVER_CHANCE * chance) return null;
  }
  if (bad.length === 0) return null;
  const badAttempts = bad.reduce((n, [, r]) => n + r.attempts, 0);
  const badRefused = bad.reduce((n, [, r]) => n + r.refused, 0);
  const rest = { n: refusedAll - badRefused, d: attempts - badAttempts };
  const share = badRefused / badAttempts;
  if (badRefused < MIN_REJECTS || badAttempts > KEYS_MAX_TRAFFIC * attempts || rate(rest) > share / FAR_ABOVE_FACTOR) return null;

  const badDigits = new Set(bad.map(([d]) => d));
  const pick = (i: number) => badDigits.has(digits[i]!) && !exclude?.(i) && looksRefused(ctx, i, REFUSED_LOOKING_MS);
  bad.sort((a, b) => b[1].refused - a[1].refused || a[1].key.localeCompare(b[1].key));
  const keys = bad.map(([, r]) => r.key);
  const listed = bad
    .slice(0, LIST_MAX)
    .map(([, r]) => `${r.key}: ${formatCount(r.refused)} of ${formatCount(r.attempts)}`)
    .join('; ');
  const more = bad.length > LIST_MAX ? `; ${formatCount(bad.length - LIST_MAX)} more` : '';
  const c503 = bad.reduce((n, [, r]) => n + r.c503, 0);
  const what = dimension === 'callerIds' ? counted(bad.length, 'caller ID', 'caller IDs') : counted(bad.length, 'number dialled more than once', 'numbers dialled more than once');
  const one = bad.length === 1;
  const base = {
    numbers: { [dimension === 'callerIds' ? 'callerIds' : 'prefixes']: keys.slice(0, 20), keys: bad.length, refused: { n: badRefused, d: badAttempts }, rest, c503 },
    window: windowOf(ctx, pick),
    samples: samples(ctx, pick),
    explains: badRefused,
  };
  const restText = `while the rest of the trunk is refused on ${pct(rest)}`;
  if (!ctx.caps.separates503From603) {
    // Only a 503-like FAILED is a code here; refusals that look like a 603 are BUSY / NO ANSWER at once.
    if (c503 >= badRefused / 2) {
      if (dimension === 'callerIds') return null;
      return { leaf: 'no-route', confidence: 'medium', summary: `${what} ${one ? 'fails' : 'fail'} every time (${listed}${more}) ${restText}.`, ...base, caveats: ['The file gives dispositions, not SIP codes: FAILED/CONGESTION is counted as 503-like.'] };
    }
    const candidates: ProblemId[] = dimension === 'callerIds' ? ['caller-id-blocked'] : ['destination-blocked'];
    return {
      leaf: 'inconclusive',
      confidence: 'medium',
      summary: `${what} ${one ? 'ends' : 'end'} BUSY / NO ANSWER (or FAILED) within ${REFUSED_LOOKING_MS / 1000} s nearly every time (${listed}${more}) ${restText}: the way a 603 Decline shows in this file, but the file cannot show the code.`,
      ...base,
      candidates,
      missing: [noSipCodesAdvice(ctx.families)],
    };
  }
  const leaf: ProblemId = dimension === 'callerIds' ? 'caller-id-blocked' : c503 >= badRefused / 2 ? 'no-route' : 'destination-blocked';
  return {
    leaf,
    confidence: share >= 0.95 && bad.length <= 20 ? 'high' : 'medium',
    summary: `${what} ${one ? 'is' : 'are'} refused (nearly) every time — ${listed}${more} — ${restText}.`,
    ...base,
  };
}
