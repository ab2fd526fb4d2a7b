/**
 * Failover: a number rejected on one trunk (capacity or policy: 503 / 603 and kin) and dialled
 * again on ANOTHER trunk within FAILOVER_WINDOW_MS of the rejection. Both are attempts, each on its
 * own trunk; per trunk the dashboard shows how many of its rejections were retried elsewhere and
 * how those retries ended. A rejection is settled by the next call to the same number in the
 * window: on another trunk it is a failover, on the same trunk it is not (the dialler retried there).
 *
 * A retry stamped at its final reply (CallStore.startIsFinalReply: a Kamailio acc row, written
 * when the final reply is sent) shows up late by its ring time when it rang: its INVITE inside the
 * window means its reply inside the window plus the ring. Such a retry that ended after ringing
 * (answered; busy, no answer, cancelled) gets RING_ALLOWANCE_MS more; a refusal comes at once and
 * gets none, nor does any call whose start is its INVITE.
 *
 * One pass over the calls in start order, once per store: rejected numbers get dense ids
 * (NumberIds, on the stored leading digits; the digit count must match too) and each keeps only
 * its newest unsettled rejection, and only while a retry could still come (LONGEST_WAIT_MS after
 * it): the table holds the last minute's rejections and a few thousand more, not every number
 * rejected that day, so its look-ups stay in the CPU's cache (1M-call Master.csv, 309,551
 * rejections of as many numbers: ~40 → ~20 ms CPU). What is kept is the links alone (8 bytes per
 * rejection retried elsewhere), not a retry position per call: most calls are no rejection
 * retried elsewhere.
 */
import type { CallIndex } from './analysis-cache';
import { DIRECTIONS, OUTCOMES, type CallStore } from './call-store';
import { KIND_OUTCOME, O_ANSWERED, O_CAPACITY, O_POLICY } from './code-classes';
import { NumberIds } from './number-ids';
import { releaseNow } from './release-buffer';
import { lowerBound } from './sort-order';

/** Longest gap between a rejection (its end, else its start) and the retry's start. */
export const FAILOVER_WINDOW_MS = 10_000;
/** Start times are often whole seconds: a retry may show the same second as the rejection's end. */
const CLOCK_SLACK_MS = 1_000;
/**
 * The longest ring time allowed for a retry stamped at its final reply: a common no-answer
 * timeout (carriers end an unanswered call after 30–60 s; a dialer's own dial timeout, VICIdial's
 * typically 26 s, is shorter).
 */
export const RING_ALLOWANCE_MS = 60_000;

/** The longest a rejection (from its end, else its start) can wait for its retry: past this no later call is one. */
const LONGEST_WAIT_MS = FAILOVER_WINDOW_MS + RING_ALLOWANCE_MS;
/**
 * The waiting rejections are swept of those past LONGEST_WAIT_MS once this many numbers have an
 * id (or twice as many as the last sweep kept): a pass over a table that fits the cache, every
 * few thousand rejections.
 */
const SWEEP_AT = 4096;

export interface FailoverCounts {
  /** Rejections (capacity or policy) of the trunk whose number was retried on another trunk. */
  retriedElsewhere: number;
  /** How those retries ended. */
  answered: number;
  rejectedAgain: number;
  other: number;
}

export interface TrunkFailover extends FailoverCounts {
  trunk: string;
}

export function emptyFailover(): FailoverCounts {
  return { retriedElsewhere: 0, answered: 0, rejectedAgain: 0, other: 0 };
}

const INBOUND = DIRECTIONS.indexOf('inbound');
const INTERNAL = DIRECTIONS.indexOf('internal');
/** The called side's outcomes (busy, no answer, cancelled): they follow ringing, as an answer does. */
const O_CALLED_SIDE = OUTCOMES.indexOf('user');

/** Rejections retried on another trunk: `rejection[j]` (a start-order position, ascending) was retried by `retry[j]`. */
export interface FailoverLinks {
  count: number;
  rejection: Uint32Array;
  retry: Uint32Array;
}

/** The rejections retried on another trunk, each with the call that retried it. */
export function failoverRetries(store: CallStore, index: CallIndex): FailoverLinks {
  const n = index.n;
  const links = new Links();
  let waiting = new WaitingRejections(SWEEP_AT);
  const { start, trunk, kind } = index;
  // A position is the call's row in the (sealed) store.
  for (let p = 0; p < n; p++) {
    const length = store.destLength[p]!;
    const direction = store.direction[p]!;
    if (length === 0 || direction === INBOUND || direction === INTERNAL) continue;
    const outcome = kind[p]! & KIND_OUTCOME;
    const rejected = outcome === O_CAPACITY || outcome === O_POLICY;
    const digits = store.destDigits[p]!;
    if (!rejected && !waiting.mayHold(digits)) continue;
    // Only rejections wait for a retry, so only their numbers get an id: a number never rejected
    // has nothing pending.
    const id = rejected ? waiting.idOf(digits) : waiting.find(digits);
    if (id < 0) continue;
    const q = waiting.pending[id]!;
    if (q >= 0) {
      const rang = store.startIsFinalReply[p] === 1 && (outcome === O_ANSWERED || outcome === O_CALLED_SIDE);
      const windowMs = rang ? FAILOVER_WINDOW_MS + RING_ALLOWANCE_MS : FAILOVER_WINDOW_MS;
      const rejectedAt = rejectionTime(store, start, q);
      const inTime = start[p]! - rejectedAt <= windowMs && start[p]! + CLOCK_SLACK_MS >= rejectedAt;
      if (inTime && trunk[q] !== trunk[p] && store.destLength[q] === length) links.add(q, p);
    }
    waiting.pending[id] = rejected ? p : -1;
    if (waiting.full) waiting = waiting.sweep(store, start, start[p]!);
  }
  return links.sorted();
}

/** When rejection `q` came: its end, else its start. */
function rejectionTime(store: CallStore, start: Float64Array, q: number): number {
  const end = store.endMs[q]!;
  return end > start[q]! ? end : start[q]!;
}

/**
 * Per rejected number (its stored leading digits): the position of its newest rejection not yet
 * settled by a later call to it, or -1. Numbers get ids until the table is full; sweep() then
 * starts a new one with the rejections a later call can still be the retry of.
 */
class WaitingRejections {
  /** Per id: the waiting rejection's position, -1 once settled. */
  readonly pending: Int32Array;
  private readonly ids: NumberIds;
  /**
   * One bit per number (its low bits) that has an id: a number whose bit is clear has none, and
   * is passed by without a probe of the table.
   */
  private readonly bits: Uint32Array;
  private readonly bitMask: number;

  constructor(private readonly capacity: number) {
    this.pending = new Int32Array(capacity).fill(-1);
    this.ids = new NumberIds(capacity);
    // ~8 bits per number the table can hold: few false hits.
    this.bits = new Uint32Array(2 ** Math.ceil(Math.log2(capacity * 8)) / 32);
    this.bitMask = this.bits.length * 32 - 1;
  }

  /** The table holds as many numbers as it has room for: sweep() before the next rejection. */
  get full(): boolean {
    return this.ids.size >= this.capacity;
  }

  /** Whether `digits` may have an id (false: it has none). */
  mayHold(digits: number): boolean {
    // Whole digits below 10^15: their low 32 bits (ToUint32) are exact, the bit a pure function of the number.
    const bit = (digits >>> 0) & this.bitMask;
    return (this.bits[bit >>> 5]! & (1 << (bit & 31))) !== 0;
  }

  /** The id of `digits`, a new one (nothing pending) the first time. */
  idOf(digits: number): number {
    const bit = (digits >>> 0) & this.bitMask;
    this.bits[bit >>> 5]! |= 1 << (bit & 31);
    return this.ids.idOf(digits);
  }

  /** The id of `digits`, -1 when it has none. */
  find(digits: number): number {
    return this.ids.find(digits);
  }

  /**
   * A table of the rejections still waiting at `nowMs` (the start of the call just read): one
   * whose time is more than LONGEST_WAIT_MS before it can be no later call's retry, as the
   * later calls start no earlier. Room for twice as many (at least SWEEP_AT).
   */
  sweep(store: CallStore, start: Float64Array, nowMs: number): WaitingRejections {
    const live: number[] = [];
    for (let id = 0; id < this.ids.size; id++) {
      const q = this.pending[id]!;
      if (q >= 0 && !(nowMs - rejectionTime(store, start, q) > LONGEST_WAIT_MS)) live.push(q);
    }
    const next = new WaitingRejections(Math.max(SWEEP_AT, 2 * live.length));
    for (const q of live) next.pending[next.idOf(store.destDigits[q]!)] = q;
    return next;
  }
}

/** Links as found (in retry order), growing by doubling; sorted() puts them in rejection order. */
class Links {
  private count = 0;
  private rejection: Uint32Array = new Uint32Array(256);
  private retry: Uint32Array = new Uint32Array(256);

  add(rejection: number, retry: number): void {
    if (this.count === this.rejection.length) {
      this.rejection = grown(this.rejection);
      this.retry = grown(this.retry);
    }
    this.rejection[this.count] = rejection;
    this.retry[this.count++] = retry;
  }

  sorted(): FailoverLinks {
    const m = this.count;
    // Each rejection is settled once, so the positions are distinct: sorted as numbers (the typed
    // array's own sort, without a comparator), each retry then goes where its rejection went.
    const rejection = this.rejection.slice(0, m).sort();
    const retry = new Uint32Array(m);
    for (let j = 0; j < m; j++) retry[lowerBound(rejection, m, this.rejection[j]!)] = this.retry[j]!;
    releaseNow(this.rejection);
    releaseNow(this.retry);
    // Empty again (the links as found are a temporary: a 4M-call file's are MBs).
    this.rejection = new Uint32Array(256);
    this.retry = new Uint32Array(256);
    this.count = 0;
    return { count: m, rejection, retry };
  }
}

function grown(array: Uint32Array): Uint32Array {
  const next = new Uint32Array(array.length * 2);
  next.set(array);
  releaseNow(array);
  return next;
}

/** Per trunk id: failover counts of the rejections that started in positions [lo, hi). */
export function failoverCounts(index: CallIndex, links: FailoverLinks, lo: number, hi: number): FailoverCounts[] {
  const out = Array.from({ length: index.trunkCount }, emptyFailover);
  const { rejection, retry } = links;
  for (let j = lowerBound(rejection, links.count, lo); j < links.count && rejection[j]! < hi; j++) {
    const p = rejection[j]!;
    const r = retry[j]!;
    const counts = out[index.trunk[p]!];
    if (!counts) continue;
    counts.retriedElsewhere++;
    const outcome = index.kind[r]! & KIND_OUTCOME;
    if (outcome === O_ANSWERED) counts.answered++;
    else if (outcome === O_CAPACITY || outcome === O_POLICY) counts.rejectedAgain++;
    else counts.other++;
  }
  return out;
}

/** The trunks with at least one rejection retried elsewhere, by name, most retried first. */
export function trunkFailovers(index: CallIndex, links: FailoverLinks, lo: number, hi: number): TrunkFailover[] {
  return failoverCounts(index, links, lo, hi)
    .map((c, t) => ({ trunk: index.trunkNames[t] ?? '', ...c }))
    .filter((f) => f.retriedElsewhere > 0)
    .sort((a, b) => b.retriedElsewhere - a.retriedElsewhere || a.trunk.localeCompare(b.trunk));
}
