/**
 * One attempt of an acc call, as its rows fold into it (acc-calls.ts): the record takes its code,
 * reason and parties from the deciding row; an OpenSIPS CDR row states its own times. The start is
 * the earliest of: a row of the attempt that is not a challenge, the moment the file shows its
 * INVITE was sent (`sentMs`, set by acc-calls.ts: the call's digest challenge for its first
 * attempt, the previous branch's final reply for a failover branch), and the INVITE's time where an
 * extra column logs it (`inviteMs`, acc-columns.ts). Where none is earlier than the final reply,
 * the record says its start is the final reply (startIsFinalReply).
 */
import { emptyRecord, type CallRecord } from '../../model/call-record';
import { fromSipCode } from '../../model/causes';
import { parseWallTime } from '../../model/wall-time';
import type { HeldRecord } from '../format-module';
import type { AccColumns } from './acc-columns';
import type { AccRoute } from './acc-direction';

export type Stage = 'provisional' | 'challenge' | 'failed' | 'answered';

export function stageOf(code: number): Stage {
  if (code < 200) return 'provisional';
  if (code === 401 || code === 407) return 'challenge';
  return code < 300 ? 'answered' : 'failed';
}

/** The row's facts an attempt needs, read once per row. */
export interface AccRow {
  cols: AccColumns;
  get: (index: number) => string;
  code: number;
  stage: Stage;
  timeMs: number;
  route: AccRoute;
  line: number;
}

/**
 * An attempt is handed to the ingest as it is (a HeldRecord): `rows` counts every row folded into it
 * (its INVITE rows, and the call's BYE for the answered one), `firstLine` is the first of them.
 */
export interface Attempt extends HeldRecord {
  record: CallRecord;
  /** Route and columns of the deciding row. */
  route: AccRoute;
  cols: AccColumns;
  stage: Stage;
  decidingMs: number;
  /** Earliest row time that is not a challenge (NaN while none). */
  startMs: number;
  /** When the file shows the attempt's INVITE was sent, from the call's other rows (NaN: it does not). */
  sentMs: number;
  /** The deciding row's INVITE time column (NaN: none, or empty). */
  inviteMs: number;
  /** The record's times come from an OpenSIPS CDR row: complete as written. */
  cdr: boolean;
  rows: number;
  firstLine: number;
  /** Line of the attempt's second row (0 while it has one). */
  secondLine: number;
}

export function newAttempt(row: AccRow): Attempt {
  const attempt: Attempt = {
    record: emptyRecord(),
    route: row.route,
    cols: row.cols,
    stage: row.stage,
    decidingMs: row.timeMs,
    startMs: row.stage === 'challenge' ? Number.NaN : row.timeMs,
    sentMs: Number.NaN,
    inviteMs: Number.NaN,
    cdr: false,
    rows: 1,
    firstLine: row.line,
    secondLine: 0,
  };
  decide(attempt, row);
  return attempt;
}

/** Fold one more row into the attempt. */
export function addRow(attempt: Attempt, row: AccRow): void {
  countRow(attempt, row.line);
  if (row.stage !== 'challenge' && !(attempt.startMs <= row.timeMs)) attempt.startMs = row.timeMs;
  if (outranks(row, attempt)) decide(attempt, row);
}

export function countRow(attempt: Attempt, line: number): void {
  attempt.rows++;
  if (attempt.secondLine === 0) attempt.secondLine = line;
}

const RANK: Record<Stage, number> = { provisional: 0, challenge: 1, failed: 2, answered: 3 };

/** Answered beats failed beats challenged beats provisional; among failures the latest (later row on a tie). */
function outranks(row: AccRow, attempt: Attempt): boolean {
  if (RANK[row.stage] !== RANK[attempt.stage]) return RANK[row.stage] > RANK[attempt.stage];
  return row.stage !== 'answered' && row.timeMs >= attempt.decidingMs;
}

/** This row decides the attempt's outcome (so far). */
function decide(attempt: Attempt, row: AccRow): void {
  const { cols, get, stage, timeMs } = row;
  const record = attempt.record;
  const verdict = fromSipCode(row.code);
  record.sipCode = verdict.sipCode;
  record.codeSource = verdict.codeSource;
  record.outcome = verdict.outcome;
  record.reason = get(cols.sipReason);
  record.callId = get(cols.callId);
  record.destination = destinationOf(cols, get);
  record.callerId = cols.callerId >= 0 ? get(cols.callerId) : '';
  record.startMs = timeMs;
  record.answerMs = stage === 'answered' ? timeMs : null;
  record.endMs = null;
  record.durationSec = null;
  record.talkSec = null;
  attempt.stage = stage;
  attempt.decidingMs = timeMs;
  attempt.route = row.route;
  attempt.cols = cols;
  attempt.cdr = false;
  attempt.inviteMs = cols.inviteTime >= 0 ? parseWallTime(get(cols.inviteTime)) : Number.NaN;
  const cdr = openSipsTimes(cols, get, timeMs);
  if (!cdr) return;
  if (stage === 'answered' && cdr.talkSec !== null) {
    const setup = cdr.setupSec ?? 0;
    record.startMs = cdr.createdMs ?? timeMs - setup * 1000;
    record.talkSec = cdr.talkSec;
    record.endMs = timeMs + Math.round(cdr.talkSec * 1000);
    record.durationSec = setup + cdr.talkSec;
    attempt.cdr = true;
  } else if (stage !== 'answered' && cdr.setupSec !== null) {
    record.startMs = cdr.createdMs ?? timeMs - cdr.setupSec * 1000;
    record.endMs = timeMs;
    record.durationSec = cdr.setupSec;
    attempt.cdr = true;
  }
}

/** The record's times once all rows are in: start, and the end from the call's first BYE. */
export function finalTimes(attempt: Attempt, byeMs: number): void {
  const record = attempt.record;
  if (attempt.cdr) {
    record.startIsFinalReply = false;
    return;
  }
  const { decidingMs } = attempt;
  const rowsMs = Number.isNaN(attempt.startMs) ? decidingMs : Math.min(attempt.startMs, decidingMs);
  const sentMs = inviteSent(attempt);
  record.startMs = sentMs <= rowsMs ? sentMs : rowsMs;
  record.startIsFinalReply = Number.isNaN(sentMs) && rowsMs === decidingMs;
  if (record.startMs !== decidingMs) record.identityMs = decidingMs;
  if (attempt.stage !== 'answered' || Number.isNaN(byeMs)) return;
  const answer = record.answerMs ?? record.startMs;
  record.endMs = Math.max(byeMs, answer);
  record.talkSec = Math.round((record.endMs - answer) / 1000);
  record.durationSec = Math.round((record.endMs - record.startMs) / 1000);
}

/**
 * How long before its final reply an INVITE can have been sent: tm's max_inv_lifetime (180 s by
 * default), after which Kamailio ends the transaction itself.
 */
const MAX_INVITE_LIFETIME_MS = 180_000;

/**
 * The earliest time the file shows the attempt's INVITE was sent; NaN when it shows none. A time
 * after the final reply (a re-INVITE's challenge), or an INVITE time column further before it than
 * an INVITE can live (another clock: epoch seconds beside a local `time`), says nothing about it.
 */
function inviteSent(attempt: Attempt): number {
  const { decidingMs, sentMs, inviteMs } = attempt;
  let best = sentMs <= decidingMs ? sentMs : Number.NaN;
  const inviteFits = inviteMs <= decidingMs && decidingMs - inviteMs <= MAX_INVITE_LIFETIME_MS;
  if (inviteFits && !(best <= inviteMs)) best = inviteMs;
  return best;
}

/** dSIPRouter routes Flowroute calls with a tech prefix `16723617*<number>` (dr_gateways pri_prefix). */
const TECH_PREFIX = /^\d{3,}\*(?=\+?\d)/;

function destinationOf(cols: AccColumns, get: (index: number) => string): string {
  for (const i of cols.destination) {
    const v = get(i);
    if (v !== '') return v.replace(TECH_PREFIX, '');
  }
  return '';
}

interface CdrTimes {
  createdMs: number | null;
  setupSec: number | null;
  talkSec: number | null;
}

/** OpenSIPS duration / ms_duration / setuptime / created, when the row states them. */
function openSipsTimes(cols: AccColumns, get: (index: number) => string, timeMs: number): CdrTimes | null {
  if (cols.duration < 0 && cols.setupTime < 0 && cols.created < 0) return null;
  const num = (i: number): number | null => {
    if (i < 0) return null;
    const t = get(i);
    return /^\d+(\.\d+)?$/.test(t) ? Number(t) : null;
  };
  const createdRaw = cols.created >= 0 && cols.created !== cols.time ? parseWallTime(get(cols.created)) : Number.NaN;
  const createdMs = Number.isNaN(createdRaw) || createdRaw > timeMs ? null : createdRaw;
  const ms = num(cols.msDuration);
  let talkSec = ms !== null ? ms / 1000 : num(cols.duration);
  let setupSec = num(cols.setupTime);
  // A plain transaction row of an OpenSIPS table has zeros and no creation time: not a CDR.
  if (talkSec === 0 && createdMs === null) talkSec = null;
  if (setupSec === 0 && createdMs === null) setupSec = null;
  if (talkSec === null && setupSec === null && createdMs === null) return null;
  return { createdMs, setupSec: setupSec ?? (createdMs !== null ? (timeMs - createdMs) / 1000 : null), talkSec };
}
