/**
 * acc rows → calls (formats.md §5.1–5.4). Rows are SIP transactions, not calls; the INVITE rows of
 * one call id fold into ONE attempt with the call's final outcome (acc-attempt.ts):
 * - An INVITE row carries the final code of one transaction (sip_code, sip_reason). Kamailio writes
 *   the row when the final reply is sent (`acc_env.ts` is taken then: kamailio src/modules/acc/acc.c
 *   core2strar), so `time` is the answer time of an answered call and the rejection time of a
 *   failed one.
 * - 401/407 rows are digest challenges: the proxy asking the caller for credentials (auth module
 *   www_challenge / proxy_challenge). The caller retries with the same call id, so the challenge and
 *   the retry are one attempt whose outcome is the retry's; a challenge is never a rejection of its
 *   own. Two challenge rows of one call (407 twice in the same second) are two transactions of that
 *   call, not duplicates. A call that is only challenged (never retried) never left the proxy: an
 *   internal call. Challenges are counted per file (challengeCounts).
 * - 1xx rows (early_media accounting) fold into their call; a call with no final reply is a skip.
 * - A final reply from ANOTHER destination gateway than the attempt's own final reply is the proxy
 *   failing over to the next gateway (drouting / dispatcher in failure_route, accounted per branch):
 *   an attempt of its own on that trunk. The gateway is the row's gateway group or gateway column,
 *   else its dst_domain (the address the branch was sent to), as for the call's trunk.
 * - Start times (acc-attempt.ts finalTimes): a row's `time` is its final reply's, so the INVITE's
 *   own time shows only through the call's other rows. A digest challenge is sent the moment the
 *   INVITE arrives and the retry follows at once, so a challenged call's first attempt starts at
 *   its first challenge. A failover branch is sent from failure_route while the previous branch's
 *   final reply is handled (drouting next_routing / dispatcher ds_next_dst, then t_relay), so it
 *   starts at that reply. Any other attempt is stamped at its final reply (startIsFinalReply).
 * - A BYE row with the same callid ends the call's answered attempt (its first BYE).
 * - A reply to the gateway of an answered attempt, at or after the answer, is a re-INVITE: a skip.
 * A call is held until no row of it can follow: SETTLE_MS of file time after its last row (either
 * way: exports may be newest first), an answered one until its BYE; it is then released with the
 * row being read (RowOutcome 'merged' released), the rest by finish(). Holding every call to the
 * end cost twice the parse time in garbage collection (300,000 calls). Rows without a call id
 * cannot fold and are records at once. Direction and trunk: acc-direction.ts.
 */
import type { HeldRecord, RowOutcome } from '../format-module';
import type { CallDirection, CallRecord } from '../../model/call-record';
import { internalCallReason } from '../../model/direction';
import { parseWallTime } from '../../model/wall-time';
import type { AccColumns } from './acc-columns';
import { addRow, countRow, finalTimes, newAttempt, stageOf, type AccRow, type Attempt } from './acc-attempt';
import { decideRoute, RouteReader } from './acc-direction';
import { GatewayAddresses } from './gateway-addresses';
import { NO_TRUNK_COLUMN } from '../format-module';

/** Methods of RFC 3261 and its extensions: each names its own skip reason; any other word shares one, so a file cannot make a skip group per row. */
const SIP_METHODS: ReadonlySet<string> = new Set(['ACK', 'BYE', 'CANCEL', 'INFO', 'INVITE', 'MESSAGE', 'NOTIFY', 'OPTIONS', 'PRACK', 'PUBLISH', 'REFER', 'REGISTER', 'SUBSCRIBE', 'UPDATE']);
export const UNKNOWN_METHOD_REASON = 'other SIP method: not a call attempt';

/** Placeholder trunk for acc tables without any gateway / destination host column. */
export { NO_TRUNK_COLUMN };

/** Cap on remembered call ids (orphan BYEs, ended calls): a bound on memory for huge files. */
const MAX_REMEMBERED = 500_000;
/** File time after a call's last row from which no more rows of it are expected (retries come within seconds). */
const SETTLE_MS = 10 * 60_000;
/** Rows between two looks for settled calls. */
const SWEEP_EVERY = 1024;

/** Rows of a call counted as used when read and found at the end not to be an attempt. */
export interface LateSkip {
  reason: string;
  count: number;
  firstLines: number[];
}

/** Reasons for calls that are not trunk attempts; the first row of such a call carries it. */
export const CHALLENGE_ONLY_REASON = internalCallReason('digest challenge (401/407) never retried, the proxy asking its own phone for credentials');
export const NO_CALLTYPE_REASON = internalCallReason('calltype empty, the proxy routed it to a local user or domain, not to or from a carrier');
/** The other rows of such a call (challenge, retry, BYE): one reason per call keeps the call count. */
export const OTHER_ROW_REASON = 'another row of a call that is not a trunk attempt (its challenge, retry or BYE)';
export const PROVISIONAL_ONLY_REASON = 'INVITE 1xx only: the call has no final reply in the file';

const MERGED: RowOutcome = Object.freeze({ kind: 'merged' });

/** All rows of one call id. */
interface Call {
  /** The first attempt, then one per other destination gateway the proxy failed over to. */
  attempts: Attempt[];
  /** A calltype written on any row (challenge rows have none in dSIPRouter); null: no column. */
  callType: string | null;
  challenged: boolean;
  /** The call's earliest challenge row (NaN while none): its first INVITE's arrival. */
  challengeMs: number;
  /** The call's first BYE (NaN while none). */
  byeMs: number;
  /** Time of the call's latest row in file order. */
  lastMs: number;
}

export class AccCalls {
  /** Calls whose rows may still come, in the order of their first row. */
  private readonly calls = new Map<string, Call>();
  /** Answered calls past SETTLE_MS whose BYE has not come yet. */
  private readonly awaitingBye = new Map<string, Call>();
  /**
   * Calls released with their BYE in the last SETTLE_MS, by call id → release time (a second BYE
   * then is a repeat, not an orphan); older ones are forgotten at each sweep.
   */
  private readonly ended = new Map<string, number>();
  private readonly orphanByes = new Map<string, number>();
  private rowsSinceSweep = 0;
  private scratch: AccRow | null = null;
  private readonly routes = new RouteReader();
  private readonly lateSkipGroups = new Map<string, LateSkip>();
  private readonly addresses = new GatewayAddresses();
  private challenges = 0;
  private answeredAfterChallenge = 0;
  hasEndTimes = false;
  hasTrunk = false;
  /** Some call's trunk is a numbered gateway group ("gwgroup 3"). */
  hasGroupTrunks = false;

  /** One data row whose columns are `cols`. `get` returns a cleaned field value. */
  row(cols: AccColumns, get: (index: number) => string, line = 0): RowOutcome {
    const method = get(cols.method).toUpperCase();
    if (method === '') return { kind: 'skip', reason: 'no SIP method' };
    if (!/^[A-Z]{2,16}$/.test(method)) return { kind: 'skip', reason: 'unreadable SIP method' };
    const callId = get(cols.callId);
    const timeMs = parseWallTime(get(cols.time));
    if (method === 'BYE') return this.bye(callId, timeMs, line);
    if (method !== 'INVITE') return { kind: 'skip', reason: SIP_METHODS.has(method) ? `${method}: not a call attempt` : UNKNOWN_METHOD_REASON };

    const codeText = get(cols.sipCode);
    if (!/^\d{3}$/.test(codeText)) return { kind: 'skip', reason: 'INVITE without a 3-digit sip_code' };
    if (Number.isNaN(timeMs)) return { kind: 'skip', reason: 'bad time' };
    if (cols.gwGroup >= 0 || cols.gateway >= 0 || cols.dstDomain >= 0) this.hasTrunk = true;
    const code = Number(codeText);
    // One scratch object for the row's facts: nothing keeps it (an attempt copies what it needs).
    const stage = stageOf(code);
    const route = this.routes.routeOf(cols, get);
    const row = (this.scratch ??= { cols, get, code, stage, timeMs, route, line });
    row.cols = cols;
    row.get = get;
    row.code = code;
    row.stage = stage;
    row.timeMs = timeMs;
    row.route = route;
    row.line = line;
    if (callId === '') return this.single(row);

    const call = this.calls.get(callId) ?? this.awaitingBye.get(callId);
    if (!call) {
      this.calls.set(callId, {
        attempts: [newAttempt(row)],
        callType: row.route.callType,
        challenged: row.stage === 'challenge',
        challengeMs: row.stage === 'challenge' ? timeMs : Number.NaN,
        byeMs: this.takeOrphanBye(callId, row),
        lastMs: timeMs,
      });
      return this.merged(timeMs);
    }
    const target = attemptFor(call, row);
    // After the answer, a reply on the same gateway belongs to a re-INVITE (a newest-first export
    // shows the challenge or failure before the answer later in the file: those fold).
    if (target?.stage === 'answered' && row.stage !== 'provisional' && row.timeMs >= target.decidingMs) {
      return { kind: 'skip', reason: 're-INVITE: the call id was already answered' };
    }
    if (target) addRow(target, row);
    else call.attempts.push(newAttempt(row));
    call.lastMs = timeMs;
    if (row.stage === 'challenge') {
      call.challenged = true;
      if (!(call.challengeMs <= timeMs)) call.challengeMs = timeMs;
    }
    const type = row.route.callType;
    if (type !== null && (call.callType === null || (call.callType === '' && type !== ''))) call.callType = type;
    if (Number.isNaN(call.byeMs)) call.byeMs = this.takeOrphanBye(callId, row);
    return this.merged(timeMs);
  }

  /** A merged row; every SWEEP_EVERY rows it carries the calls that no later row can change. */
  private merged(nowMs: number): RowOutcome {
    if (++this.rowsSinceSweep < SWEEP_EVERY) return MERGED;
    this.rowsSinceSweep = 0;
    this.forgetEnded(nowMs);
    let released: HeldRecord[] | undefined;
    for (const [callId, call] of this.calls) {
      if (Math.abs(nowMs - call.lastMs) <= SETTLE_MS) break;
      this.calls.delete(callId);
      if (Number.isNaN(call.byeMs) && call.attempts.some((a) => a.stage === 'answered')) {
        this.awaitingBye.set(callId, call);
        continue;
      }
      released ??= [];
      this.settleCall(call, released);
      this.rememberEnded(callId, call);
    }
    return released ? { kind: 'merged', released } : MERGED;
  }

  private rememberEnded(callId: string, call: Call): void {
    if (!Number.isNaN(call.byeMs) && this.ended.size < MAX_REMEMBERED) this.ended.set(callId, call.lastMs);
  }

  private forgetEnded(nowMs: number): void {
    for (const [callId, atMs] of this.ended) {
      if (Math.abs(nowMs - atMs) <= SETTLE_MS) break;
      this.ended.delete(callId);
    }
  }

  /** A BYE read before its answered INVITE (an export sorted newest first) ends it. */
  private takeOrphanBye(callId: string, row: AccRow): number {
    if (row.stage !== 'answered') return Number.NaN;
    const byeMs = this.orphanByes.get(callId);
    if (byeMs === undefined) return Number.NaN;
    this.orphanByes.delete(callId);
    return byeMs;
  }

  /** A row without a call id: an attempt on its own (nothing to fold it with). */
  private single(row: AccRow): RowOutcome {
    if (row.stage === 'provisional') return { kind: 'skip', reason: PROVISIONAL_ONLY_REASON };
    if (row.stage === 'challenge') {
      this.challenges++;
      return { kind: 'skip', reason: CHALLENGE_ONLY_REASON };
    }
    const attempt = newAttempt(row);
    const routed = decideRoute(row.route, row.route.callType);
    if (routed.direction === 'internal') return { kind: 'skip', reason: NO_CALLTYPE_REASON };
    if (routed.trunk === null) return { kind: 'skip', reason: noTrunkReason(row.cols) };
    return { kind: 'record', record: this.stored(attempt, routed.trunk, routed.direction, Number.NaN) };
  }

  private bye(callId: string, timeMs: number, line: number): RowOutcome {
    if (callId === '') return { kind: 'skip', reason: 'BYE without a call id' };
    if (Number.isNaN(timeMs)) return { kind: 'skip', reason: 'bad time' };
    const call = this.calls.get(callId);
    const awaiting = call ? undefined : this.awaitingBye.get(callId);
    const target = call ?? awaiting;
    if (target) {
      if (!Number.isNaN(target.byeMs)) return { kind: 'skip', reason: 'BYE repeated: the call was already ended' };
      target.byeMs = timeMs;
      target.lastMs = timeMs;
      countRow(target.attempts.find((a) => a.stage === 'answered') ?? target.attempts[0]!, line);
      if (!awaiting) return this.merged(timeMs);
      // The answered call that waited for its BYE is complete.
      this.awaitingBye.delete(callId);
      this.rememberEnded(callId, awaiting);
      const released: HeldRecord[] = [];
      this.settleCall(awaiting, released);
      return { kind: 'merged', released };
    }
    if (this.ended.has(callId)) return { kind: 'skip', reason: 'BYE repeated: the call was already ended' };
    // Newest first, a repeated BYE comes before the first one: the call ended at the earliest.
    const orphan = this.orphanByes.get(callId);
    if (orphan !== undefined) this.orphanByes.set(callId, Math.min(orphan, timeMs));
    else if (this.orphanByes.size < MAX_REMEMBERED) this.orphanByes.set(callId, timeMs);
    return { kind: 'skip', reason: 'BYE without an answered INVITE before it' };
  }

  /**
   * Every held call's attempts, in the order of their first row; attempts that are not a trunk's
   * (internal, no final reply, no trunk) become late skips (lateSkips()) instead.
   */
  finish(): HeldRecord[] {
    const out: HeldRecord[] = [];
    for (const call of this.calls.values()) this.settleCall(call, out);
    for (const call of this.awaitingBye.values()) this.settleCall(call, out);
    this.calls.clear();
    this.awaitingBye.clear();
    return out;
  }

  /**
   * A call's attempts into `out` (or late skips), and its challenge counted. An attempt is handed on
   * as it is (a HeldRecord: its record, first line and rows), so a duplicate of it turns every row
   * it folds into a skip at its first line.
   */
  private settleCall(call: Call, out: HeldRecord[]): void {
    if (call.challenged) {
      this.challenges++;
      if (call.attempts.some((a) => a.stage === 'answered')) this.answeredAfterChallenge++;
    }
    // In reply order: a branch sent at the previous one's refusal starts in the same ms, and the
    // analysis (a stable sort by start) must see the refusal before its retry.
    for (const attempt of inReplyOrder(call)) if (this.settle(call, attempt)) out.push(attempt);
  }

  /** The attempt's record completed (true), or its rows made late skips (false). */
  private settle(call: Call, attempt: Attempt): boolean {
    if (attempt.stage === 'provisional') return this.lateSkip(attempt, PROVISIONAL_ONLY_REASON);
    if (attempt.stage === 'challenge') return this.lateSkip(attempt, CHALLENGE_ONLY_REASON);
    const routed = decideRoute(attempt.route, call.callType);
    if (routed.direction === 'internal') return this.lateSkip(attempt, NO_CALLTYPE_REASON);
    if (routed.trunk === null) return this.lateSkip(attempt, noTrunkReason(attempt.cols));
    this.stored(attempt, routed.trunk, routed.direction, attempt.stage === 'answered' ? call.byeMs : Number.NaN);
    return true;
  }

  private stored(attempt: Attempt, trunk: string, direction: CallDirection, byeMs: number): CallRecord {
    finalTimes(attempt, byeMs);
    const record = attempt.record;
    record.trunk = trunk;
    record.direction = direction;
    if (record.endMs !== null) this.hasEndTimes = true;
    if (trunk.startsWith('gwgroup ')) this.hasGroupTrunks = true;
    this.addresses.seen(trunk, direction, attempt.route);
    return record;
  }

  /** The attempt's first row gets `reason`; its other rows one shared reason, so counts stay per call. */
  private lateSkip(attempt: Attempt, reason: string): false {
    this.addLateSkip(reason, 1, attempt.firstLine);
    if (attempt.rows > 1) this.addLateSkip(OTHER_ROW_REASON, attempt.rows - 1, attempt.secondLine);
    return false;
  }

  private addLateSkip(reason: string, count: number, line: number): void {
    let group = this.lateSkipGroups.get(reason);
    if (!group) {
      group = { reason, count: 0, firstLines: [] };
      this.lateSkipGroups.set(reason, group);
    }
    group.count += count;
    if (group.firstLines.length < 5) group.firstLines.push(line);
  }

  /** After finish(): rows counted as used when read that belong to calls that are not attempts. */
  lateSkips(): LateSkip[] {
    return [...this.lateSkipGroups.values()];
  }

  /** Calls challenged (401/407) at least once, and how many of them the retry answered. */
  challengeCounts(): { authChallenges: number; answeredAfterChallenge: number } {
    return { authChallenges: this.challenges, answeredAfterChallenge: this.answeredAfterChallenge };
  }

  /** Gateway groups labelled with the addresses their calls used: "gwgroup 3" → "gwgroup 3 (34.210.91.112)". */
  groupLabels(): Map<string, string> {
    return this.addresses.labels();
  }
}

/**
 * The attempt a row of a known call folds into; null when it is a new attempt: a final reply from
 * a trunk that no attempt of the call has (AccRoute.branch: a gateway column, else dst_domain), while
 * the first attempt already has its final reply from another (the proxy failing over). Challenges,
 * 1xx rows and rows naming no branch fold into the first attempt.
 */
function attemptFor(call: Call, row: AccRow): Attempt | null {
  const first = call.attempts[0]!;
  const branch = row.route.branch;
  if (row.stage === 'challenge' || row.stage === 'provisional' || branch === null) return first;
  for (const attempt of call.attempts) if (attempt.route.branch === branch) return attempt;
  const firstHasBranchFinal = (first.stage === 'failed' || first.stage === 'answered') && first.route.branch !== null;
  return firstHasBranchFinal ? null : first;
}

/**
 * The call's attempts by final reply (rows may come in any order), each marked with when the
 * file shows its INVITE was sent: the first at the call's first challenge, each later branch at
 * the final reply of the branch before it.
 */
function inReplyOrder(call: Call): readonly Attempt[] {
  const { attempts } = call;
  if (attempts.length === 1) {
    attempts[0]!.sentMs = call.challengeMs;
    return attempts;
  }
  const byReply = [...attempts].sort((a, b) => a.decidingMs - b.decidingMs);
  let sentMs = call.challengeMs;
  for (const attempt of byReply) {
    attempt.sentMs = sentMs;
    sentMs = attempt.decidingMs;
  }
  return byReply;
}

function noTrunkReason(cols: AccColumns): string {
  const names: string[] = [];
  if (cols.gwGroup >= 0) names.push('gateway group');
  if (cols.gateway >= 0) names.push('gateway');
  if (cols.dstDomain >= 0) names.push('destination domain');
  return `no trunk: ${names.join(', ')} empty`;
}

