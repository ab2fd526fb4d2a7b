/**
 * Simulate a dialer day second by second. Each trunk gets Poisson arrivals following a call-centre
 * day curve; its carrier answers according to the trunk's problem (scenario.ts) or, otherwise,
 * the ordinary mix of a predictive dialer (answered, no answer, dialer abandon, busy, …) with a
 * background of 0.3 % 503 and 0.2 % 603 that a healthy trunk also shows.
 */
import { runToEnd } from '../analysis/run-to-end';
import { Random } from './random';
import type { ScenarioSpec, SimulatedCall, TrunkPlan } from './scenario';

/** Relative dialing intensity per hour of the day (peaks mid-morning and afternoon, lunch dip). */
const HOUR_PROFILE = [0, 0, 0, 0, 0, 0, 0, 0.2, 0.7, 0.9, 1, 1, 0.6, 0.8, 1, 1, 0.95, 0.8, 0.5, 0.35, 0.2, 0, 0, 0];

interface OrdinaryOutcome {
  sip: number;
  reason: string;
  p: number;
}

/** The ordinary mix when the carrier takes the call (the rest, ~44 %, is answered). */
const ORDINARY: readonly OrdinaryOutcome[] = [
  { sip: 480, reason: 'Temporarily Unavailable', p: 0.2 },
  { sip: 487, reason: 'Request Terminated', p: 0.2 },
  { sip: 486, reason: 'Busy Here', p: 0.12 },
  { sip: 404, reason: 'Not Found', p: 0.04 },
  { sip: 408, reason: 'Request Timeout', p: 0.02 },
  { sip: 484, reason: 'Address Incomplete', p: 0.01 },
  { sip: 488, reason: 'Not Acceptable Here', p: 0.004 },
  { sip: 503, reason: 'Service Unavailable', p: 0.003 },
  { sip: 603, reason: 'Decline', p: 0.002 },
];

/** Asterisk hangup_sip2cause (formats.md §7.3); 487 is our own cancel, so normal clearing. */
export const SIP_TO_ASTERISK_CAUSE: Readonly<Record<number, number>> = {
  200: 16, 403: 21, 404: 1, 408: 18, 480: 19, 484: 28, 486: 17, 487: 16, 488: 58, 500: 38, 503: 34, 603: 21,
};

const DESTINATIONS: ReadonlyArray<{ cc: string; areas: readonly string[]; nationalDigits: number; p: number }> = [
  { cc: '1', areas: ['212', '312', '415', '305', '713', '404', '602', '206', '617', '702', '214', '303', '786', '904'], nationalDigits: 10, p: 0.85 },
  { cc: '44', areas: ['20', '161', '121', '7700'], nationalDigits: 10, p: 0.04 },
  { cc: '52', areas: ['55', '33', '81'], nationalDigits: 10, p: 0.03 },
  { cc: '63', areas: ['2', '917', '918'], nationalDigits: 10, p: 0.03 },
  { cc: '1', areas: ['876'], nationalDigits: 10, p: 0.02 },
  { cc: '1', areas: ['809'], nationalDigits: 10, p: 0.02 },
  { cc: '61', areas: ['2', '3', '4'], nationalDigits: 9, p: 0.01 },
];

/** Local-presence caller IDs the campaign rotates through. */
export const CALLER_ID_POOL: readonly string[] = [
  '13125550101', '13125550118', '13125550123', '13125550142', '13125550155', '13125550164',
  '13125550177', '13125550189', '13125550190', '13125550196', '13125550102', '13125550131',
];

/** A min-heap of call end times, to know a trunk's concurrent calls at each second. */
class EndTimes {
  private readonly heap: number[] = [];
  get size(): number {
    return this.heap.length;
  }
  push(v: number): void {
    const h = this.heap;
    h.push(v);
    let i = h.length - 1;
    while (i > 0) {
      const parent = (i - 1) >> 1;
      if (h[parent]! <= v) break;
      h[i] = h[parent]!;
      i = parent;
    }
    h[i] = v;
  }
  /** Drop calls that ended at or before `t`. */
  expire(t: number): void {
    const h = this.heap;
    while (h.length > 0 && h[0]! <= t) {
      const last = h.pop()!;
      if (h.length === 0) break;
      let i = 0;
      for (;;) {
        const l = 2 * i + 1;
        if (l >= h.length) break;
        const r = l + 1;
        const c = r < h.length && h[r]! < h[l]! ? r : l;
        if (h[c]! >= last) break;
        h[i] = h[c]!;
        i = c;
      }
      h[i] = last;
    }
  }
}

/** An attempt due in the current second: a fresh one, or a failover retry of `retryOf`. */
interface Pending {
  offsetMs: number;
  trunkIndex: number;
  retryOf?: SimulatedCall;
}

interface TrunkState {
  plan: TrunkPlan;
  active: EndTimes;
  burstUntil: number;
}

/** Calls of the day in start order, one callback per attempt. Returns how many were made. */
export function simulateDay(spec: ScenarioSpec, onCall: (call: SimulatedCall) => void): number {
  return runToEnd(simulationSteps(spec, onCall));
}

/** simulateDay in steps, one per simulated second: the ingest worker's warm-up makes its day between messages. */
export function* simulationSteps(spec: ScenarioSpec, onCall: (call: SimulatedCall) => void): Generator<null, number> {
  const rng = new Random(spec.seed);
  const firstDayMs = Date.parse(`${spec.date}T00:00:00Z`);
  const states: TrunkState[] = spec.trunks.map((plan) => ({ plan, active: new EndTimes(), burstUntil: -1 }));
  const byName = new Map(spec.trunks.map((t, i) => [t.name, i]));
  let sequence = 0;
  const pending: Pending[] = [];
  /** Failover retries by the wall second they are dialled in. */
  const retries = new Map<number, Pending[]>();
  for (let day = 0; day < (spec.days ?? 1); day++) {
    const dayStartMs = firstDayMs + day * 86_400_000;
    for (let second = spec.fromSecond; second < spec.toSecond; second++) {
      const hour = Math.floor(second / 3600);
      const intensity = HOUR_PROFILE[hour] ?? 0;
      pending.length = 0;
      for (const [trunkIndex, state] of states.entries()) {
        const { plan } = state;
        let rate = plan.peakCps * intensity * spec.scale;
        if (plan.problem === 'cps-limit') {
          // The predictive dialer ramps in bursts: a few per hour, 5–40 s each.
          if (second > state.burstUntil && rng.chance(0.002)) state.burstUntil = second + rng.int(5, 40);
          if (second <= state.burstUntil) rate *= plan.burstFactor ?? 5;
        }
        const n = rng.poisson(rate);
        for (let k = 0; k < n; k++) pending.push({ offsetMs: rng.int(0, 999), trunkIndex });
      }
      const wallSecond = dayStartMs / 1000 + second;
      const due = retries.get(wallSecond);
      if (due) {
        pending.push(...due);
        retries.delete(wallSecond);
      }
      pending.sort((a, b) => a.offsetMs - b.offsetMs || a.trunkIndex - b.trunkIndex);
      const attemptsThisSecond = new Array<number>(states.length).fill(0);
      for (const { offsetMs, trunkIndex, retryOf } of pending) {
        const state = states[trunkIndex]!;
        const startMs = dayStartMs + second * 1000 + offsetMs;
        state.active.expire(startMs);
        const nth = ++attemptsThisSecond[trunkIndex]!;
        const call = decide(rng, spec, state, startMs, second, nth, trunkIndex, sequence, retryOf);
        hold(state, call, startMs);
        onCall(call);
        sequence++;
        const to = state.plan.failoverTo === undefined || retryOf ? undefined : byName.get(state.plan.failoverTo);
        if (to !== undefined && call.sipCode === 503) {
          // The dialer's route fails over: the same number and caller ID on the next trunk, 1–4 s
          // after the refusal (a retry past the day's dialing hours is not made).
          const retryMs = startMs + call.ringSec * 1000 + rng.int(1000, 4000);
          const at = Math.floor(retryMs / 1000);
          let list = retries.get(at);
          if (!list) retries.set(at, (list = []));
          list.push({ offsetMs: retryMs - at * 1000, trunkIndex: to, retryOf: call });
        }
      }
      yield null;
    }
  }
  return sequence;
}

/** A call occupies a channel from the INVITE until it ends; an instant reject barely does, a capped one not at all. */
function hold(state: TrunkState, call: SimulatedCall, startMs: number): void {
  if (call.sipCode === (state.plan.rejectWith?.sip ?? 503) && state.plan.problem === 'channel-cap') return;
  if (call.ringSec + call.talkSec >= 1) state.active.push(startMs + (call.ringSec + call.talkSec) * 1000);
}

function decide(
  rng: Random,
  spec: ScenarioSpec,
  state: TrunkState,
  startMs: number,
  second: number,
  nthThisSecond: number,
  trunkIndex: number,
  sequence: number,
  /** A failover retry: the same number and caller ID as this call. */
  same?: SimulatedCall,
): SimulatedCall {
  const { plan } = state;
  const dest = same ? { countryCode: same.countryCode, nationalNumber: same.nationalNumber } : pickDestination(rng);
  const callerId = same ? same.callerId : rng.pick(CALLER_ID_POOL);
  const international = dest.countryCode + dest.nationalNumber;
  let forced: { sip: number; reason: string } | null = null;
  const fundsOut = second >= (plan.fundsOutAt ?? Infinity);
  switch (fundsOut ? 'funds-out' : plan.problem) {
    case 'funds-out':
      forced = { sip: 503, reason: 'Service Unavailable' };
      break;
    case 'auth-or-disabled-trunk':
      forced = { sip: 403, reason: 'Forbidden' };
      break;
    case 'out-of-funds':
      if (second >= (plan.onsetSecond ?? Infinity)) forced = { sip: 503, reason: 'Service Unavailable' };
      break;
    case 'carrier-policy-change':
      if (second >= (plan.onsetSecond ?? Infinity) && rng.chance(0.85)) forced = { sip: 603, reason: 'Decline' };
      break;
    case 'cps-limit':
      if (nthThisSecond > (plan.cpsLimit ?? Infinity) && rng.chance(0.95)) forced = { sip: 503, reason: 'Service Unavailable' };
      break;
    case 'channel-cap':
      if (state.active.size >= (plan.channelCap ?? Infinity)) forced = { sip: 503, reason: 'Service Unavailable' };
      break;
    case 'no-route':
      if (plan.prefixes?.some((p) => international.startsWith(p))) forced = { sip: 503, reason: 'Service Unavailable' };
      break;
    case 'destination-blocked':
      if (plan.prefixes?.some((p) => international.startsWith(p))) forced = { sip: 603, reason: 'Decline' };
      break;
    case 'caller-id-blocked':
      if (plan.callerIds?.includes(callerId)) forced = { sip: 603, reason: 'Decline' };
      break;
    case 'healthy':
      break;
  }
  if (forced && plan.rejectWith && !fundsOut) forced = plan.rejectWith;
  if (!forced && plan.busyShare !== undefined && rng.chance(plan.busyShare)) forced = rng.chance(0.5) ? { sip: 486, reason: 'Busy Here' } : { sip: 480, reason: 'Temporarily Unavailable' };
  let sip = 200;
  let reason = 'OK';
  if (forced) {
    sip = forced.sip;
    reason = forced.reason;
  } else {
    let u = rng.next();
    for (const o of ORDINARY) {
      if (u < o.p) {
        sip = o.sip;
        reason = o.reason;
        break;
      }
      u -= o.p;
    }
  }
  const answered = sip === 200;
  const ringSec = ringTime(rng, sip);
  const talkSec = answered ? Math.max(1, Math.round(rng.exponential(95))) : 0;
  void spec;
  return {
    startMs,
    ringSec,
    talkSec,
    answered,
    trunkIndex,
    sipCode: sip,
    reason,
    q850: SIP_TO_ASTERISK_CAUSE[sip] ?? 127,
    countryCode: dest.countryCode,
    nationalNumber: dest.nationalNumber,
    callerId,
    uniqueId: `${Math.floor(startMs / 1000)}.${sequence}`,
    sequence,
  };
}

function ringTime(rng: Random, sip: number): number {
  switch (sip) {
    case 200:
      return rng.int(4, 22);
    case 480:
      return rng.int(25, 32);
    case 487:
      return rng.int(12, 26);
    case 486:
      return rng.int(1, 4);
    case 408:
      return 32;
    default:
      return rng.int(0, 1);
  }
}

function pickDestination(rng: Random): { countryCode: string; nationalNumber: string } {
  let u = rng.next();
  let choice = DESTINATIONS[0]!;
  for (const d of DESTINATIONS) {
    if (u < d.p) {
      choice = d;
      break;
    }
    u -= d.p;
  }
  const area = rng.pick(choice.areas);
  let rest = '';
  while (area.length + rest.length < choice.nationalDigits) rest += String(rng.int(area.length + rest.length === 3 && choice.cc === '1' ? 2 : 0, 9));
  return { countryCode: choice.cc, nationalNumber: area + rest };
}
