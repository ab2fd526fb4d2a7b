/**
 * Where each row of a store goes when it is sealed (CallStore.seal): the attempts (every call not
 * inbound, with a start) in start order, then the inbound calls in start order, then the calls
 * without a start, ties in their present order. As destinations (row i moves to row to[i]): the
 * form the columns are moved in (permute-columns.ts), so no inverse of an order is made.
 * Fast path: starts in whole seconds (most CDRs: Asterisk, VICIdial) over a span of few enough
 * seconds are a counting sort, two sequential passes that write each row's destination in turn;
 * otherwise the start order (sort-order.ts) split by direction and inverted.
 */
import { releaseNow } from './release-buffer';
import { ascendingOrder } from './sort-order';

export interface SealMoves {
  /** Per row its row once sealed; null when every row already is where it goes. */
  to: Uint32Array | null;
  /** How many leading rows are attempts with a start. */
  attempts: number;
}

const MS_PER_SECOND = 1000;
/** The largest time a Date holds, in ms from the epoch either way. */
const MAX_DATE_MS = 8.64e15;
/**
 * Seconds of span per lane the counting sort takes at least (two lanes of 4 bytes each: 1 MB),
 * and at most half a bucket per row beyond that (the seal's memory stays within 16 bytes per row).
 */
const MIN_COUNTING_SECONDS = 1 << 17;

/**
 * The seal's destinations for rows [0, n) given their start (NaN: none) and whether each is
 * inbound (`direction[i] === inbound`). `keyRoom`: 8 bytes per row the start sort may use for its
 * keys (the caller's scratch, reused after).
 */
export function sealMoves(startMs: Float64Array, direction: Uint8Array, inbound: number, n: number, keyRoom: ArrayBuffer): SealMoves {
  if (inSealedOrder(startMs, direction, inbound, n)) return { to: null, attempts: n };
  const starts = scanStarts(startMs, direction, inbound, n);
  const seconds = (starts.max - starts.min) / MS_PER_SECOND + 1;
  if (starts.wholeSeconds && seconds <= Math.max(MIN_COUNTING_SECONDS, n / 2)) {
    return { to: countingMoves(startMs, direction, inbound, n, starts, keyRoom), attempts: starts.attempts };
  }
  return sortedMoves(startMs, direction, inbound, n, keyRoom);
}

/**
 * Every row an attempt and the starts ascending: nothing to move. Stops at the first row out of
 * order (its own loop: a comparison with the previous start that is false as often as true cost
 * more than the rest of scanStarts' loop).
 */
function inSealedOrder(startMs: Float64Array, direction: Uint8Array, inbound: number, n: number): boolean {
  let previous = Number.NEGATIVE_INFINITY;
  for (let i = 0; i < n; i++) {
    const v = startMs[i]!;
    if (Number.isNaN(v) || direction[i] === inbound || v < previous) return false;
    previous = v;
  }
  return true;
}

interface StartScan {
  /** Every start (NaN aside) a whole number of seconds, within the dates' range. */
  wholeSeconds: boolean;
  min: number;
  max: number;
  /** Rows that are attempts with a start. */
  attempts: number;
}

function scanStarts(startMs: Float64Array, direction: Uint8Array, inbound: number, n: number): StartScan {
  let wholeSeconds = true;
  let min = Number.POSITIVE_INFINITY;
  let max = Number.NEGATIVE_INFINITY;
  let attempts = 0;
  for (let i = 0; i < n; i++) {
    const v = startMs[i]!;
    if (Number.isNaN(v)) continue;
    if (v < min) min = v;
    if (v > max) max = v;
    // Exact for any date (|v| ≤ 8.64e15 < 2^53): v / 1000 is an integer exactly when v is a multiple of 1000.
    if (Math.floor(v / MS_PER_SECOND) * MS_PER_SECOND !== v) wholeSeconds = false;
    if (direction[i] !== inbound) attempts++;
  }
  // Past the dates' range doubles are too coarse for that test (2^60 passes it), and a bucket could be a fraction.
  return { wholeSeconds: wholeSeconds && min >= -MAX_DATE_MS && max <= MAX_DATE_MS, min, max, attempts };
}

/**
 * A counting sort by (lane, second): the attempts' seconds, then the inbound calls'; a row's
 * destination is its bucket's next place, so ties keep their order. Rows without a start follow.
 * Each row's bucket is kept in `keyRoom` (4 bytes per row) between the count and the placing.
 */
function countingMoves(startMs: Float64Array, direction: Uint8Array, inbound: number, n: number, scan: StartScan, keyRoom: ArrayBuffer): Uint32Array {
  const { min } = scan;
  const seconds = (scan.max - min) / MS_PER_SECOND + 1;
  const noStart = 2 * seconds;
  const next = new Uint32Array(noStart + 1);
  const buckets = new Uint32Array(keyRoom, 0, n);
  for (let i = 0; i < n; i++) {
    const v = startMs[i]!;
    const bucket = Number.isNaN(v) ? noStart : (v - min) / MS_PER_SECOND + (direction[i] === inbound ? seconds : 0);
    buckets[i] = bucket;
    next[bucket]!++;
  }
  // Counts → each bucket's first place.
  let place = 0;
  for (let b = 0; b < next.length; b++) {
    const count = next[b]!;
    next[b] = place;
    place += count;
  }
  const to = new Uint32Array(n);
  for (let i = 0; i < n; i++) to[i] = next[buckets[i]!]!++;
  releaseNow(next);
  return to;
}

/** Any starts: the stable start order, attempts then inbound then no start, inverted into destinations. */
function sortedMoves(startMs: Float64Array, direction: Uint8Array, inbound: number, n: number, keyRoom: ArrayBuffer): SealMoves {
  const byStart = ascendingOrder(startMs, n, keyRoom);
  const to = new Uint32Array(n);
  let place = 0;
  for (let k = 0; k < byStart.length; k++) if (direction[byStart[k]!] !== inbound) to[byStart[k]!] = place++;
  const attempts = place;
  for (let k = 0; k < byStart.length; k++) if (direction[byStart[k]!] === inbound) to[byStart[k]!] = place++;
  releaseNow(byStart);
  for (let i = 0; i < n; i++) if (Number.isNaN(startMs[i]!)) to[i] = place++;
  return { to, attempts };
}
