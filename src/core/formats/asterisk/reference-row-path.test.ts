/**
 * The Asterisk cdr_csv row path as it was before the per-row speed work (commit 6371db9), frozen
 * here as the reference for cdr-csv.differential.test.ts: straightforward (spreads, regexes, split,
 * every timestamp parsed in both orders) and meant to stay that way. Only leaf helpers whose code
 * the speed work did not touch are imported (clean, wholeSeconds, epochFromUniqueid,
 * numberFromClid, isExtensionLike, parseWallTime, classifyCause, fromSipCode); everything the work
 * rewrote is copied. A *.test.ts file so it stays out of the core build; it carries one self-test.
 */
import { describe, expect, it } from 'vitest';
import { emptyRecord, type CallRecord, type CodeSource, type OutcomeClass } from '../../model/call-record';
import { classifyCause, FREESWITCH_CAUSES, fromSipCode, type CodeVerdict } from '../../model/causes';
import { parseWallTime, type DateOrder } from '../../model/wall-time';
import type { FormatCapabilities, RowOutcome } from '../format-module';
import { isExtensionLike } from '../shared/channel';
import { lineTrunkFromChannel, lineTrunkFromDial } from './tdm-gsm-trunk';
import type { CallDirection } from '../../model/call-record';
import { clean, emptyCdrRow, epochFromUniqueid, numberFromClid, wholeSeconds, type CdrRow, type RawTimes } from './cdr-row';

// --- shared/channel.ts -------------------------------------------------------------------------

interface ChannelInfo {
  tech: string;
  peer: string;
}
const SIP_LIKE = /^(SIP|PJSIP)\/(.+)-[0-9a-fA-F]{8}(?:;\d)?$/;
const IAX2 = /^(IAX2|OOH323)\/(.+)-\d+$/;
const OTHER = /^(Local|DAHDI|Motif|SIP|PJSIP|IAX2)\/(.+?)(?:-[0-9a-fA-F]{4,8})?(?:;\d)?$/i;

export function parseChannel(channel: string): ChannelInfo | null {
  const text = channel.trim();
  if (text === '' || text === 'NULL') return null;
  const m = SIP_LIKE.exec(text) ?? IAX2.exec(text) ?? OTHER.exec(text);
  if (!m || m[1] === undefined || m[2] === undefined) return null;
  let peer = m[2];
  if (m[1] === 'IAX2') peer = peer.replace(/^[^@]*@/, '');
  return { tech: m[1].toUpperCase(), peer };
}

export function trunkFromChannel(channel: string): string | null {
  const info = parseChannel(channel);
  if (!info) return null;
  if (info.tech === 'LOCAL' || info.tech === 'DAHDI' || info.tech === 'MOTIF') {
    return info.tech === 'MOTIF' ? `Motif/${info.peer.replace(/^.*@/, '')}` : null;
  }
  if (isExtensionLike(info.peer)) return null;
  return info.peer;
}

// --- model/causes.ts -----------------------------------------------------------------------------

export function classifyDisposition(disposition: string): CodeVerdict | null {
  switch (disposition.trim().toUpperCase()) {
    case 'ANSWERED':
      return { sipCode: null, codeSource: 'disposition', outcome: 'answered' };
    case 'FAILED':
    case 'CONGESTION':
      return { sipCode: null, codeSource: 'disposition', outcome: 'capacity' };
    case 'BUSY':
    case 'NO ANSWER':
    case 'NOANSWER':
    case 'CANCEL':
      return { sipCode: null, codeSource: 'disposition', outcome: 'user' };
    case 'UNKNOWN':
      return { sipCode: null, codeSource: 'disposition', outcome: 'unknown' };
    default:
      return null;
  }
}

const HANGUPCAUSE_TECH = /\b(?:SIP|PJSIP)\s+([1-6]\d\d)(?:\s+(.*))?$/;

export function parseHangupCauseTech(text: string): { sipCode: number; reason: string } | null {
  const m = HANGUPCAUSE_TECH.exec(text.trim());
  if (!m || m[1] === undefined) return null;
  return { sipCode: Number(m[1]), reason: (m[2] ?? '').trim() };
}

// --- asterisk/trunk.ts ---------------------------------------------------------------------------

const TRUNK_TECHS = new Set(['SIP', 'PJSIP', 'IAX2', 'MOTIF', 'OOH323', 'H323']);
const INBOUND_CONTEXT = /pstn|trunk|from-did|inbound|incoming|from-sip-external|from-external|from-zaptel|from-dahdi|from-gsm|from-dongle|from-mobile/i;
const NO_TRUNK_COLUMN = '(no trunk column)';

interface DialTarget {
  tech: string;
  endpoint: string;
  number: string | null;
}
const DIAL_TARGET = /^(SIP|PJSIP|IAX2|OOH323)\/(.+)$/i;
const NUMBER = /^\+?\d{3,}$/;

export function parseDialTargets(lastdata: string): DialTarget[] {
  const first = lastdata.split(',')[0] ?? '';
  const targets: DialTarget[] = [];
  for (const part of first.split('&')) {
    const m = DIAL_TARGET.exec(part.trim());
    if (!m || m[1] === undefined || m[2] === undefined) continue;
    const tech = m[1].toUpperCase();
    const rest = m[2];
    const slash = rest.indexOf('/');
    const head = slash >= 0 ? rest.slice(0, slash) : rest;
    const tail = slash >= 0 ? rest.slice(slash + 1) : '';
    const at = head.lastIndexOf('@');
    const endpoint = (at >= 0 ? head.slice(at + 1) : head).trim();
    if (endpoint === '') continue;
    let number: string | null = null;
    if (tech === 'IAX2') {
      const exten = tail.split('@')[0] ?? '';
      number = NUMBER.test(exten) ? exten : null;
    } else if (at >= 0) {
      const user = head.slice(0, at);
      number = NUMBER.test(user) ? user : null;
    } else if (tech === 'SIP' && NUMBER.test(tail)) {
      number = tail;
    }
    targets.push({ tech, endpoint, number });
  }
  return targets;
}

type TrunkResolution =
  | { trunk: string; via: 'dstchannel' | 'trunk column' | 'lastdata' | 'channel'; target: DialTarget | null; inbound: boolean; direction: CallDirection }
  | { skip: string };

function channelTrunk(channel: string): string | null {
  const info = parseChannel(channel);
  if (!info || !TRUNK_TECHS.has(info.tech)) return null;
  return trunkFromChannel(channel);
}

function sameName(a: string, b: string): boolean {
  return a.toLowerCase() === b.toLowerCase();
}

function resolveTrunk(row: CdrRow): TrunkResolution {
  if (row.noTrunkColumns) return { trunk: row.trunk || NO_TRUNK_COLUMN, via: 'trunk column', target: null, inbound: false, direction: 'unknown' };
  const targets = parseDialTargets(row.lastdata);
  const callerNumbers = [row.src, row.cnum, numberFromClid(row.clid)].filter((n) => n !== '');
  const dst = channelTrunk(row.dstchannel);
  if (dst !== null) {
    const target = targets.find((t) => sameName(t.endpoint, dst)) ?? null;
    const deviceDial = target !== null && target.number === null;
    if (!deviceDial) return { trunk: dst, via: 'dstchannel', target, inbound: false, direction: 'outbound' };
  }
  const line = lineTrunkFromDial(row.lastdata);
  if (line !== null && (row.dstchannel === '' || lineTrunkFromChannel(row.dstchannel)?.tech === line.tech)) {
    return { trunk: line.trunk, via: 'lastdata', target: { tech: line.tech, endpoint: line.trunk, number: line.number }, inbound: false, direction: 'outbound' };
  }
  if (row.trunk !== '') {
    const target = targets.find((t) => sameName(t.endpoint, row.trunk)) ?? null;
    return { trunk: row.trunk, via: 'trunk column', target, inbound: false, direction: 'outbound' };
  }
  if (row.dstchannel === '') for (const t of targets) {
    if (t.number !== null && !isExtensionLike(t.endpoint)) return { trunk: t.endpoint, via: 'lastdata', target: t, inbound: false, direction: 'outbound' };
  }
  const info = parseChannel(row.channel);
  if (info && TRUNK_TECHS.has(info.tech)) {
    const own = callerNumbers.some((n) => sameName(n, info.peer));
    const peer = channelTrunk(row.channel) ?? (INBOUND_CONTEXT.test(row.dcontext) ? info.peer : null);
    const outgoingLeg = /^AppDial2?$/i.test(row.lastapp);
    if (peer !== null && (!own || outgoingLeg)) return { trunk: peer, via: 'channel', target: null, inbound: !outgoingLeg, direction: outgoingLeg ? 'outbound' : 'inbound' };
  }
  const inLine = lineTrunkFromChannel(row.channel);
  if (inLine !== null && (inLine.tech !== 'DAHDI' || INBOUND_CONTEXT.test(row.dcontext))) {
    const outgoingLeg = /^AppDial2?$/i.test(row.lastapp);
    return { trunk: inLine.trunk, via: 'channel', target: null, inbound: !outgoingLeg, direction: outgoingLeg ? 'outbound' : 'inbound' };
  }
  if (/^congestion$/i.test(row.lastapp.trim())) return { skip: 'dialplan Congestion(): no trunk was dialled' };
  if (/^Local\//i.test(row.channel) || /^Local\//i.test(row.dstchannel)) return { skip: 'Local channel leg with no trunk (the trunk leg has its own row)' };
  if ([row.channel, row.dstchannel, row.lastdata].some((c) => /^(DAHDI|Zap)\//i.test(c))) return { skip: 'internal call: a DAHDI phone (FXS port), no line dialled with a number' };
  if (parseChannel(row.dstchannel) !== null) return { skip: 'internal call: extension to extension' };
  return { skip: 'internal call: no trunk in channel, dstchannel or lastdata' };
}

function resolveDestination(row: CdrRow, target: DialTarget | null): string {
  const dst = row.dst;
  if (target?.number && (dst === '' || !/^\+?\d+$/.test(dst) || isExtensionLike(dst))) return target.number;
  return dst;
}

// --- asterisk/outcome.ts -------------------------------------------------------------------------

interface RowResult {
  sipCode: number | null;
  codeSource: CodeSource | null;
  outcome: OutcomeClass;
  reason: string;
  q850: number | null;
}
const CAUSE_NAMES = new Map<number, string>([...FREESWITCH_CAUSES].map(([name, n]) => [n, name]));

function sipFromColumn(text: string): number | null {
  const m = /^(?:sip:)?([1-6]\d\d)$/i.exec(text);
  return m && m[1] !== undefined ? Number(m[1]) : null;
}

function causeFromColumn(text: string): number | null {
  if (/^\d{1,3}$/.test(text)) return Number(text);
  return FREESWITCH_CAUSES.get(text.toUpperCase()) ?? null;
}

function classifyRow(row: CdrRow): RowResult | { skip: string } {
  const disposition = row.disposition.toUpperCase();
  const byDisposition = classifyDisposition(disposition);
  const tech = parseHangupCauseTech(row.causeTech) ?? parseHangupCauseTech(row.userfield);
  const techCode = tech?.sipCode ?? sipFromColumn(row.causeTech);
  const sip = techCode ?? sipFromColumn(row.sipCode);
  const sipReason = tech?.reason || row.sipReason;
  const q850 = causeFromColumn(row.hangupCause);
  if (disposition === 'ANSWERED') {
    const okCode = sip !== null && sip >= 200 && sip < 300 ? sip : null;
    return { sipCode: okCode, codeSource: okCode !== null ? 'sip' : 'disposition', outcome: 'answered', reason: okCode !== null && sipReason ? sipReason : 'ANSWERED', q850 };
  }
  const causeName = q850 !== null && q850 !== 0 ? (CAUSE_NAMES.get(q850) ?? `cause ${q850}`) : '';
  if (sip !== null) return { ...fromSipCode(sip), reason: sipReason || causeName || row.disposition || `SIP ${sip}`, q850 };
  if (q850 !== null && q850 !== 0) return { ...classifyCause(q850), reason: causeName, q850 };
  if (byDisposition) {
    const congestion = /^congestion$/i.test(row.lastapp) && (disposition === 'FAILED' || disposition === 'CONGESTION');
    return { ...byDisposition, reason: congestion ? 'FAILED (Congestion() in dialplan)' : disposition, q850 };
  }
  if (disposition === '') return { skip: 'no disposition' };
  return { skip: `unknown disposition "${row.disposition.slice(0, 20)}"` };
}

// --- asterisk/record.ts --------------------------------------------------------------------------

function isUnsetTime(text: string): boolean {
  return text === '' || /^0{4}-00-00/.test(text) || text === '0';
}

function convertRow(row: CdrRow, times: RawTimes, order: DateOrder): RowOutcome {
  const startMs = parseWallTime(times.start, order);
  if (Number.isNaN(startMs)) return { kind: 'skip', reason: 'bad start time' };
  const duration = wholeSeconds(row.duration);
  const billsec = wholeSeconds(row.billsec);
  if (Number.isNaN(duration) || Number.isNaN(billsec)) return { kind: 'skip', reason: 'bad duration or billsec (not a whole number)' };
  const trunk = resolveTrunk(row);
  if ('skip' in trunk) return { kind: 'skip', reason: trunk.skip };
  const classified = classifyRow(row);
  if ('skip' in classified) return { kind: 'skip', reason: classified.skip };
  const result: RowResult =
    trunk.inbound && classified.outcome !== 'answered'
      ? { sipCode: null, codeSource: 'disposition', outcome: 'unknown', reason: `inbound ${classified.reason}`, q850: classified.q850 }
      : classified;
  let endMs: number | null;
  let answerMs: number | null;
  if (times.end !== null) {
    const end = isUnsetTime(times.end) ? Number.NaN : parseWallTime(times.end, order);
    endMs = Number.isNaN(end) ? (duration !== null ? startMs + duration * 1000 : null) : end;
  } else {
    endMs = duration !== null ? startMs + duration * 1000 : null;
  }
  if (times.answer !== null) {
    const answer = isUnsetTime(times.answer) ? Number.NaN : parseWallTime(times.answer, order);
    answerMs = Number.isNaN(answer) ? null : answer;
  } else {
    answerMs = billsec !== null && billsec > 0 && endMs !== null ? endMs - billsec * 1000 : null;
  }
  return {
    kind: 'record',
    record: {
      ...emptyRecord(),
      startMs,
      answerMs,
      endMs,
      trunk: trunk.trunk,
      sipCode: result.sipCode,
      codeSource: result.codeSource,
      outcome: result.outcome,
      reason: result.reason,
      q850: result.q850,
      destination: resolveDestination(row, trunk.target),
      callerId: row.src || row.cnum || numberFromClid(row.clid),
      durationSec: duration ?? (endMs !== null ? Math.round((endMs - startMs) / 1000) : null),
      talkSec: billsec,
      callId: row.uniqueid,
      direction: trunk.direction,
    },
  };
}

// --- asterisk/date-order.ts ----------------------------------------------------------------------

const EPOCH_TOLERANCE_MS = 36 * 3600 * 1000;

class DateOrderResolver {
  private dmyProofs = 0;
  private mdyProofs = 0;
  private dmyVotes = 0;
  private mdyVotes = 0;

  decided(): DateOrder | null {
    if (this.dmyProofs > 0 && this.mdyProofs === 0) return 'dmy';
    if (this.mdyProofs > 0 && this.dmyProofs === 0) return 'mdy';
    if (this.dmyVotes > this.mdyVotes) return 'dmy';
    if (this.mdyVotes > this.dmyVotes) return 'mdy';
    return null;
  }

  choose(start: string, epochSec: number | null): { order: DateOrder; settled: boolean } | null {
    const dmy = parseWallTime(start, 'dmy');
    const mdy = parseWallTime(start, 'mdy');
    if (Number.isNaN(dmy) && Number.isNaN(mdy)) return null;
    if (dmy === mdy) return { order: this.decided() ?? 'mdy', settled: true };
    if (Number.isNaN(mdy)) {
      this.dmyProofs++;
      return { order: 'dmy', settled: true };
    }
    if (Number.isNaN(dmy)) {
      this.mdyProofs++;
      return { order: 'mdy', settled: true };
    }
    if (epochSec !== null) {
      const epochMs = epochSec * 1000;
      const dDmy = Math.abs(dmy - epochMs);
      const dMdy = Math.abs(mdy - epochMs);
      if (Math.min(dDmy, dMdy) <= EPOCH_TOLERANCE_MS) {
        const order: DateOrder = dDmy <= dMdy ? 'dmy' : 'mdy';
        if (order === 'dmy') this.dmyVotes++;
        else this.mdyVotes++;
        return { order, settled: true };
      }
    }
    const decided = this.decided();
    return decided ? { order: decided, settled: true } : { order: 'mdy', settled: false };
  }
}

// --- asterisk/cdr-csv.ts mapRow + parser-core.ts -------------------------------------------------

interface MappedRow {
  kind: 'row';
  row: CdrRow;
  times: RawTimes;
}

function optionalColumns(f: readonly string[]): { uniqueid: string; userfield: string; linkedid: string } {
  const n = f.length;
  const newColumns = n >= 19;
  const extras = n - 16 - (newColumns ? 3 : 0);
  const linkedid = newColumns ? clean(f[n - 2]) : '';
  if (extras >= 2) return { uniqueid: clean(f[16]), userfield: clean(f[17]), linkedid };
  if (extras === 1) {
    const only = clean(f[16]);
    const isUniqueid = /^(?:[\w.-]+-)?\d{9,10}\.\d+$/.test(only.trim());
    return isUniqueid ? { uniqueid: only, userfield: '', linkedid } : { uniqueid: '', userfield: only, linkedid };
  }
  return { uniqueid: '', userfield: '', linkedid };
}

function mapRow(f: readonly string[]): MappedRow | RowOutcome {
  if (f.length < 16) return { kind: 'skip', reason: `too few columns (${f.length} of at least 16): truncated row?` };
  if (f.length > 21) return { kind: 'skip', reason: `too many columns (${f.length}, at most 21): unquoted comma?` };
  if (clean(f[14]).toLowerCase() === 'disposition') return { kind: 'header' };
  const extra = optionalColumns(f);
  const row = {
    ...emptyCdrRow(),
    src: clean(f[1]),
    dst: clean(f[2]),
    dcontext: clean(f[3]),
    clid: clean(f[4]),
    channel: clean(f[5]),
    dstchannel: clean(f[6]),
    lastapp: clean(f[7]),
    lastdata: clean(f[8]),
    duration: clean(f[12]),
    billsec: clean(f[13]),
    disposition: clean(f[14]),
    uniqueid: extra.uniqueid || extra.linkedid,
    userfield: extra.userfield,
  };
  return { kind: 'row', row, times: { start: clean(f[9]), answer: clean(f[10]), end: clean(f[11]) } };
}

export interface ReferenceParser {
  parse(fields: readonly string[]): RowOutcome;
  finish(): CallRecord[];
  capabilities(): FormatCapabilities;
}

/** The pre-speed-work Asterisk Master.csv RowParser (asteriskCdrCsv.createParser()). */
export function referenceCdrCsvParser(): ReferenceParser {
  const dates = new DateOrderResolver();
  const held: MappedRow[] = [];
  let sawSip = false;
  let sawCause = false;
  return {
    parse(fields) {
      const mapped = mapRow(fields);
      if (mapped.kind !== 'row') return mapped;
      const choice = dates.choose(mapped.times.start, epochFromUniqueid(mapped.row.uniqueid));
      if (!choice) return { kind: 'skip', reason: 'bad start time' };
      const outcome = convertRow(mapped.row, mapped.times, choice.order);
      if (outcome.kind !== 'record') return outcome;
      if (outcome.record.codeSource === 'sip' && outcome.record.sipCode !== null) sawSip = true;
      if (outcome.record.q850 !== null) sawCause = true;
      if (!choice.settled && held.length < 20_000) {
        held.push(mapped);
        return { kind: 'merged' };
      }
      return outcome;
    },
    finish() {
      const order = dates.decided() ?? 'mdy';
      const records: CallRecord[] = [];
      for (const h of held) {
        const outcome = convertRow(h.row, h.times, order);
        if (outcome.kind === 'record') records.push(outcome.record);
      }
      held.length = 0;
      return records;
    },
    capabilities: () => ({ sipCodes: sawSip, separates503From603: sawSip || sawCause, hasEndTimes: true, hasTrunk: true }),
  };
}

describe('reference row path', () => {
  it('reads one Master.csv row as the pre-speed-work code did', () => {
    const p = referenceCdrCsvParser();
    const row = ['', '1001', '18005551212', 'from-internal', '"A" <1001>', 'SIP/1001-00000001', 'PJSIP/carrierA-00000002', 'Dial', 'PJSIP/18005551212@carrierA,60', '2024-03-01 10:00:00', '', '2024-03-01 10:00:05', '5', '0', 'FAILED', 'DOCUMENTATION', '1709287200.1', ''];
    expect(p.parse(row)).toMatchObject({ kind: 'record', record: { trunk: 'carrierA', outcome: 'capacity', startMs: Date.UTC(2024, 2, 1, 10), endMs: Date.UTC(2024, 2, 1, 10, 0, 5) } });
  });
});
