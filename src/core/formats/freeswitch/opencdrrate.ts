/**
 * FreeSWITCH mod_cdr_csv with the `opencdrrate` template (signalwire/freeswitch
 * conf/vanilla/autoload_configs/cdr_csv.conf.xml; formats.md §4.1):
 *   "${uuid}","${signal_bond}","${direction}","${ani}","${destination_number}","${answer_stamp}",
 *   "${end_stamp}","${billsec}","${accountcode}","${userfield}","${network_addr}",
 *   "${regex('${original_caller_id_name}'|^.)}","${sip_gateway_name}"
 * A rating template: no start_stamp, no duration, no hangup_cause. It does name the gateway (on legs
 * sent through one: B-legs, so `legs=b`/`ab`). `${regex(x|^.)}` expands to `true`/`false`
 * (mod_commands.c regex_function without a substitution), a handy signature.
 * Without a cause, an unanswered row is outcome 'unknown' unless userfield holds
 * HANGUPCAUSE-style text ("SIP 503 Service Unavailable").
 */
import { emptyRecord, type CallRecord } from '../../model/call-record';
import { fromSipCode, parseHangupCauseTech } from '../../model/causes';
import { parseWallTime } from '../../model/wall-time';
import { scoreFor } from './detect-score';
import type { Detection, FormatCapabilities, FormatModule, RowOutcome, RowParser, SniffSample } from '../format-module';
import { FORMAT_LABELS } from '../format-labels';
import type { Row } from '../../read/row';

export const FREESWITCH_OPENCDRRATE_ID = 'freeswitch-cdr-csv-opencdrrate';

const COLUMNS = 13;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const COL = { uuid: 0, direction: 2, ani: 3, destination: 4, answer: 5, end: 6, billsec: 7, userfield: 9, regex: 11, gateway: 12 };

export const REASON_NO_GATEWAY = 'no sip_gateway_name: not a gateway leg';

const get = (fields: readonly string[], i: number): string => (fields[i] ?? '').trim();

function looksRight(fields: readonly string[]): boolean {
  if (fields.length !== COLUMNS) return false;
  if (!UUID.test(get(fields, COL.uuid))) return false;
  if (!/^(inbound|outbound)$/.test(get(fields, COL.direction))) return false;
  if (!/^(true|false)$/.test(get(fields, COL.regex))) return false;
  if (!/^\d+$/.test(get(fields, COL.billsec))) return false;
  return !Number.isNaN(parseWallTime(get(fields, COL.end)));
}

export function detectOpencdrrate(sample: SniffSample): Detection | null {
  const rows = sample.rows.filter((r) => !(r.length === 1 && (r[0] ?? '').trim() === ''));
  let ok = 0;
  let considered = 0;
  rows.forEach((row, i) => {
    if (looksRight(row)) {
      ok++;
      considered++;
    } else if (!(i === rows.length - 1 && rows.length > 1)) {
      considered++; // the last sampled row may be cut by the sniff window
    }
  });
  const score = scoreFor(ok, ok / considered);
  return score === null ? null : { score, variant: 'opencdrrate' };
}

type Read = { ok: true; record: CallRecord; sipStated: boolean } | { ok: false; reason: string };

export function readOpencdrrateRow(fields: readonly string[]): Read {
  if (fields.length < COLUMNS) return { ok: false, reason: `too few columns (${fields.length} of ${COLUMNS}): truncated row?` };
  if (fields.length > COLUMNS) return { ok: false, reason: `too many columns (${fields.length} of ${COLUMNS})` };
  const endMs = parseWallTime(get(fields, COL.end));
  if (Number.isNaN(endMs)) return { ok: false, reason: 'bad end time' };
  const answerText = get(fields, COL.answer);
  const answerMs = answerText === '' ? null : parseWallTime(answerText);
  if (answerMs !== null && Number.isNaN(answerMs)) return { ok: false, reason: 'bad answer time' };
  const billsecText = get(fields, COL.billsec);
  if (!/^\d*$/.test(billsecText)) return { ok: false, reason: 'billsec is not a number' };
  const billsec = billsecText === '' ? null : Number(billsecText);
  const trunk = get(fields, COL.gateway);
  if (trunk === '') return { ok: false, reason: REASON_NO_GATEWAY };

  const record: CallRecord = {
    ...emptyRecord(),
    // No start_stamp in this template: the attempt is placed at its answer, else at its end.
    startMs: answerMs ?? endMs,
    answerMs,
    endMs,
    trunk,
    destination: get(fields, COL.destination),
    callerId: get(fields, COL.ani),
    durationSec: null,
    talkSec: billsec,
    callId: get(fields, COL.uuid),
    // `${sip_gateway_name}` is set when a call is routed out through that gateway (the channel
    // variables catalog: "If your call is outbound, and Leg B is routed via a gateway"), on the
    // caller's leg too — whose own `${direction}` is `inbound`: the gateway, not that column, says it.
    direction: 'outbound',
  };
  const tech = parseHangupCauseTech(get(fields, COL.userfield));
  let sipStated = false;
  if (answerMs !== null || (billsec ?? 0) > 0) {
    record.outcome = 'answered';
  } else if (tech) {
    const verdict = fromSipCode(tech.sipCode);
    record.sipCode = verdict.sipCode;
    record.codeSource = verdict.codeSource;
    record.outcome = verdict.outcome;
    record.reason = tech.reason;
    sipStated = true;
  } else {
    record.reason = 'not answered (the opencdrrate template has no hangup cause)';
  }
  return { ok: true, record, sipStated };
}

function createParser(): RowParser {
  let sawSip = false;
  return {
    parse(row: Row): RowOutcome {
      const fields = row.fields();
      const read = readOpencdrrateRow(fields);
      if (!read.ok) return { kind: 'skip', reason: read.reason };
      if (read.sipStated) sawSip = true;
      return { kind: 'record', record: read.record };
    },
    capabilities(): FormatCapabilities {
      return { sipCodes: sawSip, separates503From603: sawSip, hasEndTimes: true, hasTrunk: true };
    },
  };
}

export const freeswitchCdrCsvOpencdrrate: FormatModule = {
  id: FREESWITCH_OPENCDRRATE_ID,
  label: FORMAT_LABELS['freeswitch-cdr-csv-opencdrrate'],
  family: 'freeswitch',
  syntax: 'delimited',
  splittable: true,
  quotedNewlines: false,
  detect(sample) {
    try {
      return detectOpencdrrate(sample);
    } catch {
      return null;
    }
  },
  fileNameHint: (fileName) => /(^|[\\/])Master\.csv(\.\d{4}(-\d{2}){5})?$/i.test(fileName),
  createParser,
};
