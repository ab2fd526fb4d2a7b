/**
 * CdrRow + times → CallRecord, or a skip with a stable reason. Times are wall clock as written
 * (cdr.conf / cdr_adaptive_odbc `usegmtime` decides local or GMT; the file does not say).
 * Formats without answer/end columns (FreePBX: calldate = start, formats.md §2.1) get
 * end = start + duration and answer = end − billsec when billsec > 0.
 * Inbound rows (the trunk is the calling channel) stay records so the trunk's concurrency counts
 * them, but an unanswered one gets outcome 'unknown' and the reason "inbound <disposition>".
 */
import { parseWallTime, type DateOrder } from '../../model/wall-time';
import type { RowOutcome } from '../format-module';
import { numberFromClid, wholeSeconds, type CdrRow, type RawTime, type RawTimes } from './cdr-row';
import { classifyRow, type RowResult } from './outcome';
import { isMinutesOnly, startWithSeconds } from './seconds-from-uniqueid';
import { resolveDestination, resolveTrunk, type ChannelTrunks } from './trunk';

export const SKIP_BAD_START = 'bad start time';
export const SKIP_BAD_SECONDS = 'bad duration or billsec (not a whole number)';

/** Asterisk writes an unset time as empty; some SQL exports as a zero date. */
function isUnsetTime(text: string): boolean {
  return text === '' || text.startsWith('0000-00-00') || text === '0';
}

/** A time's wall ms read in `order` (NaN: none); an unset answer or end reads as none. */
function wallMs(time: RawTime, order: DateOrder): number {
  if (typeof time === 'number') return time;
  return isUnsetTime(time) ? Number.NaN : parseWallTime(time, order);
}

/** `startMs`: the start already read in `order` (DateOrderResolver.startMs), so it is read once. */
function startWallMs(time: RawTime, order: DateOrder): number {
  return typeof time === 'number' ? time : parseWallTime(time, order);
}

/** A start written to the minute with its second from the row's uniqueid, or null (seconds-from-uniqueid.ts). */
export type RestoreSeconds = (startMs: number, text: RawTime, uniqueid: string) => number | null;

/** `restoreSeconds`: the parser's SecondsFromUniqueid (its file's clock offset, its count for the file card). */
export function convertRow(row: CdrRow, times: RawTimes, order: DateOrder, channels: ChannelTrunks, writtenStartMs = startWallMs(times.start, order), restoreSeconds: RestoreSeconds = startWithSeconds): RowOutcome {
  if (Number.isNaN(writtenStartMs)) return { kind: 'skip', reason: SKIP_BAD_START };
  // A start a spreadsheet cut to the minute gets its seconds back from the uniqueid where it can.
  const restored = restoreSeconds(writtenStartMs, times.start, row.uniqueid);
  const startMs = restored ?? writtenStartMs;
  const secondsRestored = restored !== null;
  const duration = wholeSeconds(row.duration);
  const billsec = wholeSeconds(row.billsec);
  if (Number.isNaN(duration) || Number.isNaN(billsec)) return { kind: 'skip', reason: SKIP_BAD_SECONDS };

  const trunk = resolveTrunk(row, channels);
  if ('skip' in trunk) return { kind: 'skip', reason: trunk.skip };
  const classified = classifyRow(row);
  if ('skip' in classified) return { kind: 'skip', reason: classified.skip };
  // An inbound row's disposition is the PBX's own leg towards a phone or queue member, not a
  // carrier's answer: a FAILED queue attempt on a call from trunk X is no 503 from X.
  const result: RowResult =
    trunk.inbound && classified.outcome !== 'answered'
      ? { sipCode: null, codeSource: 'disposition', outcome: 'unknown', reason: `inbound ${classified.reason}`, q850: classified.q850 }
      : classified;

  let endMs: number | null;
  let answerMs: number | null;
  // With its seconds restored, the start and the durations (whole seconds) give the end and the
  // answer more exactly than their own minutes do.
  const fromDurations = secondsRestored && duration !== null;
  if (times.end !== null && !(fromDurations && isMinutesOnly(times.end))) {
    const end = wallMs(times.end, order);
    endMs = Number.isNaN(end) ? (duration !== null ? startMs + duration * 1000 : null) : end;
  } else {
    endMs = duration !== null ? startMs + duration * 1000 : null;
  }
  if (times.answer !== null && !(fromDurations && isMinutesOnly(times.answer))) {
    const answer = wallMs(times.answer, order);
    answerMs = Number.isNaN(answer) ? null : answer;
  } else if (times.answer !== null && isUnsetTime(String(times.answer))) {
    answerMs = null;
  } else {
    answerMs = billsec !== null && billsec > 0 && endMs !== null ? endMs - billsec * 1000 : null;
  }

  return {
    kind: 'record',
    // Every CallRecord field written out (no `...emptyRecord()` spread): one object per row.
    record: {
      startMs,
      answerMs,
      endMs,
      trunk: trunk.trunk,
      sipCode: result.sipCode,
      codeSource: result.codeSource,
      outcome: result.outcome,
      reason: result.reason,
      q850: result.q850,
      destination: resolveDestination(row, trunk.number),
      // What the carrier was shown: FreePBX's outbound_cnum where the route set one, src the extension that dialled.
      callerId: (trunk.direction === 'outbound' ? row.outboundCnum : '') || row.src || row.cnum || numberFromClid(row.clid),
      durationSec: duration ?? (endMs !== null ? Math.round((endMs - startMs) / 1000) : null),
      talkSec: billsec,
      callId: row.uniqueid,
      direction: trunk.direction,
      // The call's legs for its de-duplication key (CallRecord.legA): '' where the layout has no such column.
      legA: row.channel,
      legB: row.dstchannel,
    },
  };
}
