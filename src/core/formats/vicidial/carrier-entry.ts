/**
 * One vicidial_carrier_log entry → CallRecord, shared by the Carrier Log Report download and the
 * Export Calls Report carrier variant.
 *
 * Times (bin/FastAGI_log.pl, "call_log" END stage): the row is inserted by the `h` extension AGI
 * with `call_date='$now_date'`, the time the AGI request arrived, i.e. when the call ENDED (local
 * server time). `dial_time` = ${DIALEDTIME} (Dial() start to hangup: ring + talk) and
 * `answered_time` = ${ANSWEREDTIME} (talk). So end = CALL DATE, start = end − DIAL TIME,
 * answer = end − ANSWERED TIME. The uniqueid's epoch (channel creation, true UTC) is used only to
 * tell D/M from M/D when a spreadsheet rewrote CALL DATE as `1/5/2024 9:00`.
 */
import type { CallRecord } from '../../model/call-record';
import { parseOrderFreeWallTime, parseWallTime } from '../../model/wall-time';
import type { RowOutcome } from '../format-module';
import { classifyCarrierEntry, finalSipCode } from './outcome';
import { parseUInt, uniqueIdEpoch } from './shape';
import { dialledCall, type DialledCall } from './trunk';

/**
 * Texts as written; a time or number a Row reader already read from the row's bytes comes as a
 * number (CALL DATE: Row.wallTime's wall ms; the counts: Row.wholeNumber's value).
 */
export interface CarrierEntry {
  uniqueid: string;
  callDate: string | number;
  hangupCause: string | number;
  dialStatus: string;
  channel: string;
  dialTime: string | number;
  answeredTime: string | number;
  sipCode: string;
  sipReason: string;
  phone: string;
  /** Export variant: vicidial_dial_log channel `Local/<prefix><number>@<context>` (no suffix). */
  dialLogChannel?: string;
  /** Export variant: vicidial_dial_log SIP code/reason (Asterisk ≤11 stored them there first). */
  dialLogSipCode?: string;
  dialLogSipReason?: string;
  callerId?: string;
  /** The lead's phone_code (country code) when the row states it (Export Calls Report). */
  phoneCode?: string;
  /** What the channel tells, when the parser read it and the phone from the row's bytes (dialledFromBytes); else `channel` and `phone` are read. */
  dialled?: DialledCall | null;
}

/** Placeholder when neither channel names a trunk (never '' for a used record). */
export const UNKNOWN_TRUNK = '(no trunk in channel)';

export function carrierEntryOutcome(entry: CarrierEntry, label: { date: string; times: string }): RowOutcome {
  const endMs = parseCallDate(entry.callDate, entry.uniqueid);
  if (Number.isNaN(endMs)) return { kind: 'skip', reason: `bad ${label.date} (not a date)` };
  const dialSec = uintOf(entry.dialTime);
  const answeredSec = uintOf(entry.answeredTime);
  if (Number.isNaN(dialSec) || Number.isNaN(answeredSec)) {
    return { kind: 'skip', reason: `bad ${label.times} (not a number)` };
  }
  const hangupCause = uintOf(entry.hangupCause);
  let sipCode = entry.sipCode;
  let sipReason = entry.sipReason;
  if (entry.dialLogSipCode !== undefined && finalSipCode(sipCode) === null && finalSipCode(entry.dialLogSipCode) !== null) {
    sipCode = entry.dialLogSipCode;
    sipReason = entry.dialLogSipReason ?? '';
  }
  const verdict = classifyCarrierEntry({
    sipCode,
    sipReason,
    hangupCause: Number.isNaN(hangupCause) ? 0 : hangupCause,
    dialStatus: entry.dialStatus,
    answeredSec,
  });
  const dialled = entry.dialled ?? dialledCall(entry.channel, entry.phone.trim(), entry.dialLogChannel, entry.phoneCode);
  // Every CallRecord field written out (no `...emptyRecord()` spread): one object per row.
  const record: CallRecord = {
    startMs: endMs - dialSec * 1000,
    answerMs: verdict.answered ? endMs - Math.min(answeredSec, dialSec) * 1000 : null,
    endMs,
    trunk: dialled.trunk ?? UNKNOWN_TRUNK,
    sipCode: verdict.sipCode,
    codeSource: verdict.codeSource,
    outcome: verdict.outcome,
    reason: verdict.reason,
    q850: verdict.q850,
    destination: dialled.destination,
    callerId: entry.callerId ?? '',
    durationSec: dialSec,
    talkSec: answeredSec,
    callId: trustedCallId(entry.uniqueid),
    // The carrier log lists the calls the dialer placed on its carriers: each one went out.
    direction: 'outbound',
  };
  return { kind: 'record', record };
}

function uintOf(value: string | number): number {
  return typeof value === 'number' ? value : parseUInt(value);
}

/**
 * The uniqueid, unless a spreadsheet turned it into a number and dropped the `.sequence` part:
 * "1714572001" no longer tells apart the calls started in that second, and the cross-file
 * deduper would merge a burst of same-second 503s on one trunk into one call.
 */
function trustedCallId(uniqueid: string): string {
  const id = uniqueid.trim();
  // /\.\d+$/ as a loop (once per row): digits at the end, a dot before them.
  let i = id.length - 1;
  while (i >= 0 && isDigitAt(id, i)) i--;
  return i >= 0 && i < id.length - 1 && id.charCodeAt(i) === 46 ? id : '';
}

function isDigitAt(text: string, i: number): boolean {
  const c = text.charCodeAt(i);
  return c >= 48 && c <= 57;
}

/**
 * CALL DATE as written (`2024-05-01 09:00:48`), or re-typed by a spreadsheet. For `x/y/yyyy`
 * the reading closest to the uniqueid's epoch wins (the file's local offset is at most ±14 h).
 */
export function parseCallDate(text: string | number, uniqueid: string): number {
  if (typeof text === 'number') return text; // the order-free reading, already made from the bytes
  const orderFree = parseOrderFreeWallTime(text); // what the report writes: one parse, not two
  if (orderFree !== null) return orderFree;
  const mdy = parseWallTime(text, 'mdy');
  const dmy = parseWallTime(text, 'dmy');
  if (Number.isNaN(mdy) || Number.isNaN(dmy) || mdy === dmy) return Number.isNaN(mdy) ? dmy : mdy;
  const epoch = uniqueIdEpoch(uniqueid);
  if (epoch === null) return mdy;
  const at = epoch * 1000;
  return Math.abs(dmy - at) < Math.abs(mdy - at) ? dmy : mdy;
}
