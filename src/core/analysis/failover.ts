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
 * its newest unsettled rejection. What is kept is the links alone (8 bytes per rejection retried
 * elsewhere), not a retry position per call: most calls are no rejection retried elsewhere.
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
  const ids = new NumberIds(1024);
  let pending = new Int32Array(1024).fill(-1);
  const { start, trunk, kind } = index;
  // The rejected numbers' low bits, one bit each (~1 bit per call: 128 KB at a million calls): a
  // number whose bit is clear was never rejected, and is passed by without a probe of the table
  // (which holds every rejected number: MBs at a million calls, a cache miss per look-up).
  const rejectedBits = new Uint32Array(Math.max(1, 2 ** Math.ceil(Math.log2(Math.max(32, n))) / 32));
  const bitMask = rejectedBits.length * 32 - 1;
  // A position is the call's row in the (sealed) store.
  for (let p = 0; p < n; p++) {
    const length = store.destLength[p]!;
    const direction = store.direction[p]!;
    if (length === 0 || direction === INBOUND || direction === INTERNAL) continue;
    const outcome = kind[p]! & KIND_OUTCOME;
    const rejected = outcome === O_CAPACITY || outcome === O_POLICY;
    const digits = store.destDigits[p]!;
    // Whole digits below 10^15: their low 32 bits (ToUint32) are exact, the bit a pure function of the number.
    const bit = (digits >>> 0) & bitMask;
    const word = bit >>> 5;
    const flag = 1 << (bit & 31);
    if (rejected) rejectedBits[word]! |= flag;
    else if ((rejectedBits[word]! & flag) === 0) continue;
    // Only rejections wait for a retry, so only their numbers get an id: a number never rejected
    // has nothing pending. The table stays the size of the rejected numbers, not of every number dialled.
    const id = rejected ? ids.idOf(digits) : ids.find(digits);
    if (id < 0) continue;
    if (id >= pending.length) {
      const grown = new Int32Array(pending.length * 2).fill(-1);
      grown.set(pending);
      releaseNow(pending);
      pending = grown;
    }
    const q = pending[id]!;
    if (q >= 0) {
      const end = store.endMs[q]!;
      const rejectedAt = end > start[q]! ? end : start[q]!;
      const rang = store.startIsFinalReply[p] === 1 && (outcome === O_ANSWERED || outcome === O_CALLED_SIDE);
      const windowMs = rang ? FAILOVER_WINDOW_MS + RING_ALLOWANCE_MS : FAILOVER_WINDOW_MS;
      const inTime = start[p]! - rejectedAt <= windowMs && start[p]! + CLOCK_SLACK_MS >= rejectedAt;
      if (inTime && trunk[q] !== trunk[p] && store.destLength[q] === length) links.add(q, p);
    }
    pending[id] = rejected ? p : -1;
  }
  // The look-up tables and the links as found are temporaries (tens of MB at 4M calls): given back now.
  ids.release();
  releaseNow(pending);
  releaseNow(rejectedBits);
  return links.sorted();
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
    // Each rejection is settled once, so the positions are distinct: any sort is the order.
    const order = Array.from({ length: m }, (_, j) => j).sort((a, b) => this.rejection[a]! - this.rejection[b]!);
    const rejection = new Uint32Array(m);
    const retry = new Uint32Array(m);
    order.forEach((j, k) => {
      rejection[k] = this.rejection[j]!;
      retry[k] = this.retry[j]!;
    });
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
