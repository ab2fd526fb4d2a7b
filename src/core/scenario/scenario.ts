/**
 * A dialer day, simulated: trunks with the problems of diagnosis.md (one each), attempts second by
 * second, and what each carrier answers. Deterministic for a seed. The same calls are written as
 * each format family (./writers) for the sample day, the tests and the benchmark.
 */

/** The verdict ids of the diagnosis flowchart that a simulated trunk can exhibit. */
export type TrunkProblem =
  | 'healthy'
  | 'cps-limit'
  | 'channel-cap'
  | 'out-of-funds'
  | 'no-route'
  | 'destination-blocked'
  | 'caller-id-blocked'
  | 'carrier-policy-change'
  | 'auth-or-disabled-trunk';

export interface TrunkPlan {
  /** Carrier peer name, as an Asterisk/Kamailio/FreeSWITCH config would call it. */
  name: string;
  /** VICIdial dial prefix routing to this carrier (dialplan entry). */
  dialPrefix: string;
  problem: TrunkProblem;
  /** Mean attempts per second on this trunk at the busiest hour. */
  peakCps: number;
  /** cps-limit: the carrier's limit (attempts in one second above it get 503). */
  cpsLimit?: number;
  /** cps-limit: how much higher the dialer bursts (multiplier during bursts). */
  burstFactor?: number;
  /** channel-cap: concurrent calls the account allows. */
  channelCap?: number;
  /** out-of-funds, carrier-policy-change: second of the day the problem starts. */
  onsetSecond?: number;
  /** no-route / destination-blocked: destination prefixes (international digits) affected. */
  prefixes?: string[];
  /** caller-id-blocked: caller IDs refused. */
  callerIds?: string[];
  /**
   * The carrier's refusal for this trunk's problem, as it writes it: a code and reason phrase
   * ("403 Insufficient funds remaining", "608 Rejected", "480 CPS limit exceeded"). Default: the
   * textbook 503 / 603 / 403 Forbidden of the problem.
   */
  rejectWith?: { sip: number; reason: string };
  /** A second problem on the same trunk: from this second of the day on every call fails 503 (out of funds). */
  fundsOutAt?: number;
  /** Failover: a call this trunk's carrier rejects with 503 is tried again on the trunk of this name 1–4 s after the refusal. */
  failoverTo?: string;
  /** A healthy trunk with a hard list: this share of calls (fraction) ends busy (486) or unanswered (480) besides the ordinary mix. */
  busyShare?: number;
}

export interface ScenarioSpec {
  seed: number;
  /** The day, `YYYY-MM-DD`. */
  date: string;
  /** Dialing hours, seconds since midnight (wall clock). */
  fromSecond: number;
  toSecond: number;
  trunks: TrunkPlan[];
  /** Multiply every trunk's rate (1 = the sample day; larger for the benchmark). */
  scale: number;
  /** Consecutive days dialled the same way (default 1); onsets repeat each day. */
  days?: number;
}

/** One simulated attempt: the truth, before a format writes (and loses) parts of it. */
export interface SimulatedCall {
  startMs: number;
  /** Seconds from start to answer (ring time), or to the final response when unanswered. */
  ringSec: number;
  talkSec: number;
  answered: boolean;
  trunkIndex: number;
  sipCode: number;
  reason: string;
  /** Q.850 cause Asterisk would set (hangup_sip2cause). */
  q850: number;
  /** Country code + national number, digits only. */
  countryCode: string;
  nationalNumber: string;
  callerId: string;
  /** Asterisk-style uniqueid `epoch.sequence`. */
  uniqueId: string;
  /** Sequence number over the day (0-based). */
  sequence: number;
}

/** 2026-11-16, a Monday: ten carriers, nine problems of the flowchart and one healthy trunk. */
export const SAMPLE_DAY: ScenarioSpec = {
  seed: 20261116,
  date: '2026-11-16',
  fromSecond: 8 * 3600,
  toSecond: 20 * 3600,
  scale: 1,
  trunks: [
    { name: 'carrier-a', dialPrefix: '9', problem: 'healthy', peakCps: 0.3 },
    { name: 'carrier-b', dialPrefix: '8', problem: 'cps-limit', peakCps: 0.25, cpsLimit: 3, burstFactor: 16 },
    { name: 'carrier-c', dialPrefix: '7', problem: 'channel-cap', peakCps: 0.3, channelCap: 12 },
    { name: 'carrier-d', dialPrefix: '6', problem: 'destination-blocked', peakCps: 0.15, prefixes: ['1876', '1809'] },
    { name: 'carrier-e', dialPrefix: '5', problem: 'caller-id-blocked', peakCps: 0.15, callerIds: ['13125550142', '13125550177'] },
    { name: 'carrier-f', dialPrefix: '4', problem: 'carrier-policy-change', peakCps: 0.15, onsetSecond: 13 * 3600 + 10 * 60 },
    { name: 'carrier-g', dialPrefix: '3', problem: 'out-of-funds', peakCps: 0.12, onsetSecond: 15 * 3600 + 42 * 60 },
    { name: 'carrier-h', dialPrefix: '2', problem: 'no-route', peakCps: 0.12, prefixes: ['44', '63'] },
    { name: 'carrier-i', dialPrefix: '77', problem: 'auth-or-disabled-trunk', peakCps: 0.03 },
    { name: 'carrier-j', dialPrefix: '55', problem: 'healthy', peakCps: 0.1 },
  ],
};
