/**
 * acc rows → calls (formats.md §5.1–5.4). Rows are SIP transactions, not calls:
 * - An INVITE row carries the final code of one attempt (sip_code, sip_reason). Kamailio writes the
 *   row when the final reply is sent (`acc_env.ts` is taken then: kamailio src/modules/acc/acc.c
 *   core2strar), so `time` is the answer time of an answered call and the rejection time of a
 *   failed one; the ringing before it is not in the file.
 * - A BYE row with the same callid ends an answered call: answered INVITEs are held back until the
 *   end of the file and emitted by finish() with the end time of their first BYE.
 * - OpenSIPS CDR rows (do_accounting "cdr") state duration / setuptime / created themselves:
 *   created = dialog creation (the INVITE), time = answer, duration = talk seconds (inference from the
 *   OpenSIPS acc README §1.4 "CDRs accounting"); those are emitted at once.
 * - A failed INVITE for a call id that was already answered is a re-INVITE, not an attempt; failures
 *   before the answer (401 challenge, serial forking to another carrier) are attempts of their own.
 */
import type { RowOutcome } from '../format-module';
import { emptyRecord, type CallRecord } from '../../model/call-record';
import { fromSipCode } from '../../model/causes';
import { parseWallTime } from '../../model/wall-time';
import type { AccColumns } from './acc-columns';
import { gwGroupTrunk } from './gateway-names';
import { NO_TRUNK_COLUMN } from '../format-module';

/** Placeholder trunk for acc tables without any gateway / destination host column. */
export { NO_TRUNK_COLUMN };

/** Cap on remembered call ids (answered / orphan BYEs): a bound on memory for huge files. */
const MAX_REMEMBERED = 500_000;

interface Held {
  record: CallRecord;
  ended: boolean;
}

export class AccCalls {
  private readonly held = new Map<string, Held>();
  private readonly answered = new Set<string>();
  private readonly orphanByes = new Map<string, number>();
  hasEndTimes = false;
  hasTrunk = false;

  /** One data row whose columns are `cols`. `get` returns a cleaned field value. */
  row(cols: AccColumns, get: (index: number) => string): RowOutcome {
    const method = get(cols.method).toUpperCase();
    if (method === '') return { kind: 'skip', reason: 'no SIP method' };
    if (!/^[A-Z]{2,16}$/.test(method)) return { kind: 'skip', reason: 'unreadable SIP method' };
    const callId = get(cols.callId);
    const timeText = get(cols.time);
    const timeMs = parseWallTime(timeText);
    if (method === 'BYE') return this.bye(callId, timeMs);
    if (method !== 'INVITE') return { kind: 'skip', reason: `${method}: not a call attempt` };

    const codeText = get(cols.sipCode);
    if (!/^\d{3}$/.test(codeText)) return { kind: 'skip', reason: 'INVITE without a 3-digit sip_code' };
    const code = Number(codeText);
    if (code < 200) return { kind: 'skip', reason: 'INVITE 1xx: early-media accounting, not a final result' };
    if (Number.isNaN(timeMs)) return { kind: 'skip', reason: 'bad time' };
    if (callId !== '' && this.answered.has(callId)) return { kind: 'skip', reason: 're-INVITE: the call id was already answered' };

    const trunk = this.trunk(cols, get);
    if (trunk === null) return { kind: 'skip', reason: `no trunk: ${trunkColumnsText(cols)} empty` };

    const record = emptyRecord();
    const verdict = fromSipCode(code);
    record.startMs = timeMs;
    record.trunk = trunk;
    record.sipCode = verdict.sipCode;
    record.codeSource = verdict.codeSource;
    record.outcome = verdict.outcome;
    record.reason = get(cols.sipReason);
    record.callId = callId;
    record.destination = destinationOf(cols, get);
    record.callerId = cols.callerId >= 0 ? get(cols.callerId) : '';

    const cdr = openSipsTimes(cols, get, timeMs);
    const answered = code < 300;
    if (!answered) {
      if (cdr && cdr.setupSec !== null) {
        record.startMs = cdr.createdMs ?? timeMs - cdr.setupSec * 1000;
        record.endMs = timeMs;
        record.durationSec = cdr.setupSec;
        this.hasEndTimes = true;
      }
      return { kind: 'record', record };
    }

    record.answerMs = timeMs;
    if (callId !== '') this.remember(this.answered, callId);
    if (cdr && cdr.talkSec !== null) {
      // An OpenSIPS CDR: complete as written.
      const setup = cdr.setupSec ?? 0;
      record.startMs = cdr.createdMs ?? timeMs - setup * 1000;
      record.talkSec = cdr.talkSec;
      record.endMs = timeMs + Math.round(cdr.talkSec * 1000);
      record.durationSec = setup + cdr.talkSec;
      this.hasEndTimes = true;
      return { kind: 'record', record };
    }
    const byeMs = callId === '' ? undefined : this.orphanByes.get(callId);
    if (byeMs !== undefined) {
      // The BYE came first (an export sorted newest first): complete now.
      this.orphanByes.delete(callId);
      end(record, byeMs);
      this.hasEndTimes = true;
      return { kind: 'record', record };
    }
    if (callId === '') return { kind: 'record', record };
    this.held.set(callId, { record, ended: false });
    return { kind: 'merged' };
  }

  private bye(callId: string, timeMs: number): RowOutcome {
    if (callId === '') return { kind: 'skip', reason: 'BYE without a call id' };
    if (Number.isNaN(timeMs)) return { kind: 'skip', reason: 'bad time' };
    const held = this.held.get(callId);
    if (held) {
      if (held.ended) return { kind: 'skip', reason: 'BYE repeated: the call was already ended' };
      end(held.record, timeMs);
      held.ended = true;
      this.hasEndTimes = true;
      return { kind: 'merged' };
    }
    if (!this.orphanByes.has(callId)) this.remember(this.orphanByes, callId, timeMs);
    return { kind: 'skip', reason: 'BYE without an answered INVITE before it' };
  }

  /** Held answered calls, in file order; those without a BYE keep a null end. */
  finish(): CallRecord[] {
    const out = [...this.held.values()].map((h) => h.record);
    this.held.clear();
    return out;
  }

  private remember<V>(store: Set<string> | Map<string, V>, key: string, value?: V): void {
    if (store.size >= MAX_REMEMBERED) return;
    if (store instanceof Set) store.add(key);
    else store.set(key, value as V);
  }

  private trunk(cols: AccColumns, get: (index: number) => string): string | null {
    const hasAny = cols.gwGroup >= 0 || cols.gateway >= 0 || cols.dstDomain >= 0;
    if (!hasAny) return NO_TRUNK_COLUMN;
    this.hasTrunk = true;
    const group = cols.gwGroup >= 0 ? get(cols.gwGroup) : '';
    if (group !== '' && group !== '0') return gwGroupTrunk(group);
    const gateway = cols.gateway >= 0 ? get(cols.gateway) : '';
    if (gateway !== '') return gateway;
    const domain = cols.dstDomain >= 0 ? get(cols.dstDomain) : '';
    return domain !== '' ? domain : null;
  }
}

function end(record: CallRecord, endMs: number): void {
  const talk = Math.max(0, Math.round((endMs - record.startMs) / 1000));
  record.endMs = Math.max(endMs, record.startMs);
  record.talkSec = talk;
  record.durationSec = talk;
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

function trunkColumnsText(cols: AccColumns): string {
  const names: string[] = [];
  if (cols.gwGroup >= 0) names.push('gateway group');
  if (cols.gateway >= 0) names.push('gateway');
  if (cols.dstDomain >= 0) names.push('destination domain');
  return names.join(', ');
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
