/**
 * The VICIdial carrier-entry path (carrier-entry.ts, outcome.ts, trunk.ts, shape.ts parseUInt) as
 * it was before the per-row speed work (commit cc83a7d), frozen as the reference for
 * carrier-entry.differential.test.ts: spreads, regexes, every CALL DATE parsed in both orders.
 * Channel parsing and the HANGUPCAUSE/disposition helpers come from the Asterisk reference copy;
 * leaf helpers the work did not touch are imported. A *.test.ts file so it stays out of the core
 * build; it carries one self-test.
 */
import { describe, expect, it } from 'vitest';
import { emptyRecord, type CallRecord, type CodeSource, type OutcomeClass } from '../../model/call-record';
import { classifyCause, FREESWITCH_CAUSES, fromSipCode, type CodeVerdict } from '../../model/causes';
import { parseWallTime } from '../../model/wall-time';
import type { RowOutcome } from '../format-module';
import { classifyDisposition, parseChannel, parseHangupCauseTech, trunkFromChannel } from '../asterisk/reference-row-path.test';
import type { CarrierEntry } from './carrier-entry';
import { isCountryCode } from './prefix-evidence';
import { uniqueIdEpoch } from './shape';

function parseUInt(text: string): number {
  const t = text.trim();
  if (t === '') return 0;
  return /^\d+$/.test(t) ? Number(t) : Number.NaN;
}

// --- outcome.ts ----------------------------------------------------------------------------------

interface OutcomeResult {
  answered: boolean;
  sipCode: number | null;
  codeSource: CodeSource | null;
  outcome: OutcomeClass;
  reason: string;
  q850: number | null;
}

const CAUSE_NAMES: ReadonlyMap<number, string> = new Map([...FREESWITCH_CAUSES].filter(([, n]) => n > 0 && n < 128).map(([name, n]) => [n, name]));

function finalSipCode(text: string): number | null {
  const t = text.trim();
  if (!/^\d{3}$/.test(t)) return null;
  const code = Number(t);
  return code >= 200 && code < 700 ? code : null;
}

function dialStatusVerdict(dialStatus: string): CodeVerdict | null {
  switch (dialStatus.trim().toUpperCase()) {
    case 'ANSWER':
      return classifyDisposition('ANSWERED');
    case 'CONGESTION':
    case 'BUSY':
    case 'NOANSWER':
    case 'CANCEL':
      return classifyDisposition(dialStatus);
    case 'CHANUNAVAIL':
      return classifyDisposition('FAILED');
    case 'DONTCALL':
    case 'TORTURE':
    case 'INVALIDARGS':
      return { sipCode: null, codeSource: 'disposition', outcome: 'other' };
    default:
      return null;
  }
}

function classifyCarrierEntry(input: { sipCode: string; sipReason: string; hangupCause: number; dialStatus: string; answeredSec: number }): OutcomeResult {
  const dialStatus = input.dialStatus.trim().toUpperCase();
  const phrase = input.sipReason.trim();
  const q850 = input.hangupCause > 0 ? input.hangupCause : null;
  let code = finalSipCode(input.sipCode);
  let reasonText = phrase;
  if (code === null) {
    const tech = parseHangupCauseTech(phrase);
    if (tech && tech.sipCode >= 200) {
      code = tech.sipCode;
      reasonText = tech.reason;
    }
  }
  const fallbackReason = (q850 !== null ? (CAUSE_NAMES.get(q850) ?? null) : null) ?? (dialStatus || (q850 !== null ? `cause ${q850}` : ''));
  const answered = input.answeredSec > 0 || dialStatus === 'ANSWER' || (code !== null && code < 300);
  if (answered) {
    const sip = code !== null && code < 300 ? code : null;
    return { answered, sipCode: sip, codeSource: sip !== null ? 'sip' : 'disposition', outcome: 'answered', reason: (sip !== null ? reasonText : '') || 'ANSWER', q850 };
  }
  if (code !== null) return { answered, ...fromSipCode(code), reason: reasonText || fallbackReason, q850 };
  const byStatus = dialStatusVerdict(dialStatus);
  if (q850 !== null) {
    const v = classifyCause(q850);
    const vague = v.sipCode === null && (v.outcome === 'other' || v.outcome === 'unknown');
    if (!(vague && byStatus)) return { answered, ...v, reason: fallbackReason, q850 };
  }
  if (byStatus) return { answered, ...byStatus, reason: dialStatus, q850 };
  return { answered, sipCode: null, codeSource: null, outcome: 'unknown', reason: fallbackReason, q850 };
}

// --- trunk.ts ------------------------------------------------------------------------------------

const LOCAL = /^Local\/([^@]*)@(.+?)(?:-[0-9a-fA-F]{8})?(?:;[12])?$/i;

function vicidialTrunk(channel: string, phone: string): string | null {
  const text = channel.trim();
  if (text === '') return null;
  const local = LOCAL.exec(text);
  if (local) {
    const lead = dialledBeforePhone(local[1] ?? '', phone.trim());
    return lead ? `prefix ${lead}` : `Local/${local[2] ?? ''}`;
  }
  const peer = trunkFromChannel(text);
  if (peer) return peer;
  const info = parseChannel(text);
  if (!info) return null;
  if (info.tech === 'DAHDI') return `DAHDI/${info.peer.split('/')[0] ?? info.peer}`;
  return null;
}

function dialledBeforePhone(exten: string, phone: string): string {
  const number = phone.replace(/^\+/, '');
  if (number === '' || exten.length <= number.length) return '';
  if (/X/.test(number)) {
    const tail = exten.slice(exten.length - number.length);
    for (let i = 0; i < number.length; i++) {
      const c = number[i];
      if (c !== 'X' && c !== tail[i]) return '';
    }
    return exten.slice(0, exten.length - number.length);
  }
  const at = exten.lastIndexOf(number);
  return at > 0 ? exten.slice(0, at) : '';
}

const NANP_NATIONAL = /^[2-9]\d{2}[2-9]\d{6}$/;

function destinationWithCountryCode(channel: string, phone: string, phoneCode?: string): string {
  const number = phone.trim().replace(/^\+/, '');
  if (number === '' || /X/.test(number)) return phone.trim();
  const code = phoneCode?.trim() ?? '';
  if (/^\d{1,3}$/.test(code)) return code + number;
  const local = LOCAL.exec(channel.trim());
  if (!local) return number;
  const lead = dialledBeforePhone(local[1] ?? '', number);
  if (lead === '') return number;
  if (lead.endsWith('1') && lead.length > 1 && NANP_NATIONAL.test(number)) return `1${number}`;
  for (let k = Math.min(3, lead.length - 1); k >= 1; k--) {
    const candidate = lead.slice(lead.length - k);
    if (isCountryCode(candidate)) return candidate + number;
  }
  return number;
}

// --- carrier-entry.ts ----------------------------------------------------------------------------

function parseCallDate(text: string, uniqueid: string): number {
  const mdy = parseWallTime(text, 'mdy');
  const dmy = parseWallTime(text, 'dmy');
  if (Number.isNaN(mdy) || Number.isNaN(dmy) || mdy === dmy) return Number.isNaN(mdy) ? dmy : mdy;
  const epoch = uniqueIdEpoch(uniqueid);
  if (epoch === null) return mdy;
  const at = epoch * 1000;
  return Math.abs(dmy - at) < Math.abs(mdy - at) ? dmy : mdy;
}

/** The pre-speed-work carrierEntryOutcome. */
export function referenceCarrierEntryOutcome(entry: CarrierEntry, label: { date: string; times: string }): RowOutcome {
  const endMs = parseCallDate(entry.callDate, entry.uniqueid);
  if (Number.isNaN(endMs)) return { kind: 'skip', reason: `bad ${label.date} (not a date)` };
  const dialSec = parseUInt(entry.dialTime);
  const answeredSec = parseUInt(entry.answeredTime);
  if (Number.isNaN(dialSec) || Number.isNaN(answeredSec)) return { kind: 'skip', reason: `bad ${label.times} (not a number)` };
  const hangupCause = parseUInt(entry.hangupCause);
  let sipCode = entry.sipCode;
  let sipReason = entry.sipReason;
  if (finalSipCode(sipCode) === null && entry.dialLogSipCode !== undefined && finalSipCode(entry.dialLogSipCode) !== null) {
    sipCode = entry.dialLogSipCode;
    sipReason = entry.dialLogSipReason ?? '';
  }
  const verdict = classifyCarrierEntry({ sipCode, sipReason, hangupCause: Number.isNaN(hangupCause) ? 0 : hangupCause, dialStatus: entry.dialStatus, answeredSec });
  const phone = entry.phone.trim();
  const trunk =
    vicidialTrunk(entry.channel, phone) ?? (entry.dialLogChannel !== undefined ? vicidialTrunk(entry.dialLogChannel, phone) : null) ?? '(no trunk in channel)';
  const id = entry.uniqueid.trim();
  const record: CallRecord = {
    ...emptyRecord(),
    startMs: endMs - dialSec * 1000,
    answerMs: verdict.answered ? endMs - Math.min(answeredSec, dialSec) * 1000 : null,
    endMs,
    trunk,
    sipCode: verdict.sipCode,
    codeSource: verdict.codeSource,
    outcome: verdict.outcome,
    reason: verdict.reason,
    q850: verdict.q850,
    destination: destinationWithCountryCode(entry.dialLogChannel ?? entry.channel, phone, entry.phoneCode),
    callerId: entry.callerId ?? '',
    durationSec: dialSec,
    talkSec: answeredSec,
    callId: /\.\d+$/.test(id) ? id : '',
    direction: 'outbound',
  };
  return { kind: 'record', record };
}

describe('reference carrier-entry path', () => {
  it('reads one carrier-log entry as the pre-speed-work code did', () => {
    const entry = { uniqueid: '1714572001.1', callDate: '2024-05-01 09:00:48', hangupCause: '34', dialStatus: 'CONGESTION', channel: 'Local/913125551212@default-00000001;2', dialTime: '3', answeredTime: '0', sipCode: '503', sipReason: 'Service Unavailable', phone: '3125551212' };
    expect(referenceCarrierEntryOutcome(entry, { date: 'CALL DATE', times: 'DIAL TIME' })).toMatchObject({
      kind: 'record',
      record: { trunk: 'prefix 91', sipCode: 503, outcome: 'capacity', destination: '13125551212', startMs: Date.UTC(2024, 4, 1, 9, 0, 45) },
    });
  });
});
