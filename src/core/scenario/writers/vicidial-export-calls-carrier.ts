/**
 * The VICIdial "Export Calls Report" carrier variant (www/vicidial/call_report_export_carrier.php,
 * formats.md §3.4), STANDARD fields with the header row (the form's defaults), as downloaded
 * (NEW_EXPORT_CALL_REPORT_<YYYYMMDD-HHMMSS>.txt):
 *   - tab-delimited, every line (header included) ends `\r\n`; each data line goes through PHP
 *     addslashes(), so the dial log's `"V…" <cid>` arrives as `\"V…\" <cid>`;
 *   - 35 vicidial_log + vicidial_list columns (call_date … lead_id), then list_name,
 *     list_description, status_name, then the carrier block: vicidial_carrier_log.* (12) and
 *     vicidial_dial_log.* (12; the header names 11 and ends with an empty label where the data has
 *     the dial log uniqueid).
 * What each column holds for an auto-dialled call:
 *   - vicidial_log (bin/AST_VDauto_dial.pl): call_date = when the call was placed, status B for a
 *     busy, DC for a disconnected number, NA for the rest unanswered, the agent's disposition when
 *     answered; user VDAD unless an agent took the call;
 *   - carrier log (bin/FastAGI_log.pl, h extension): call_date = the hangup, dial_time =
 *     ${DIALEDTIME} (ring + talk), answered_time = ${ANSWEREDTIME}, hangup_cause = ${HANGUPCAUSE},
 *     dialstatus = ${DIALSTATUS}, sip_hangup_cause/reason split from HANGUPCAUSE(…,tech), channel =
 *     the Local channel half that ran the carrier dialplan `Local/<prefix><phone_code><phone>@default-%08x;2`;
 *   - dial log (AST_VDauto_dial.pl ~2389): call_date = placement, extension = the VDAD transfer
 *     exten 8368, channel = `Local/<prefix><phone_code><phone>@default`, timeout = the campaign
 *     dial timeout in ms, outbound_cid = `"<caller code>" <campaign CID>`.
 * The carrier is chosen by the dial prefix (its carrier dialplan entry), so the file names trunks
 * by prefix; the lead's phone_code lets the reader split prefix from country code exactly.
 * The caller code is VICIdial's `V<MMDDhhmmss><lead_id, 10 digits>` and joins carrier log and dial log.
 */
import type { ScenarioSpec, SimulatedCall } from '../scenario';
import { dialStatusFor } from './vicidial-carrier-log';
import { endMsOf, hex8, mix32, wallText, type ScenarioWriter } from './writer';

const LEAD_COLUMNS = [
  'call_date', 'phone_number_dialed', 'status', 'user', 'campaign_id', 'vendor_lead_code', 'source_id', 'list_id',
  'gmt_offset_now', 'phone_code', 'phone_number', 'title', 'first_name', 'middle_initial', 'last_name', 'address1',
  'address2', 'address3', 'city', 'state', 'province', 'postal_code', 'country_code', 'gender', 'date_of_birth',
  'alt_phone', 'email', 'security_phrase', 'comments', 'length_in_sec', 'user_group', 'alt_dial', 'rank', 'owner',
  'lead_id', 'list_name', 'list_description', 'status_name',
];

const CARRIER_COLUMNS = [
  'uniqueid', 'call_date', 'server_ip', 'lead_id', 'hangup_cause', 'dialstatus', 'channel', 'dial_time',
  'answered_time', 'sip_hangup_cause', 'sip_hangup_reason', 'caller_code',
].map((c) => `carrier log ${c}`);

const DIAL_COLUMNS = [
  'caller_code', 'lead_id', 'server_ip', 'call_date', 'extension', 'channel', 'context', 'timeout', 'outbound_cid',
  'sip_hangup_cause', 'sip_hangup_reason',
].map((c) => `dial log ${c}`);

/** The header exactly as the PHP echoes it: the last label is empty (data has the dial log uniqueid there). */
const HEADER = [...LEAD_COLUMNS, ...CARRIER_COLUMNS, ...DIAL_COLUMNS, ''].join('\t') + '\r\n';

const SERVER_IP = '10.10.10.15';
const CAMPAIGN = 'OUTBOUND1';
const LIST_ID = '1001';
const LIST_NAME = 'November leads';
const LIST_DESCRIPTION = 'Purchased list Q4';
const VDAD_EXTEN = '8368';
const DIAL_TIMEOUT_MS = '60000';

const FIRST_NAMES = ['Maria', 'James', 'Linda', 'Robert', 'Patricia', 'Michael', 'Jennifer', 'David', 'Susan', 'Carlos', 'Aisha', 'Wei'];
const LAST_NAMES = ['Lopez', "O'Brien", 'Nguyen', 'Kowalski', 'Smith', 'Johnson', 'Garcia', 'Brown', 'Davis', 'Okafor', 'Chen', 'Miller'];

/** vicidial_list.country_code and gmt_offset_now by the lead's phone_code (and NANP area). */
function leadCountry(call: SimulatedCall): { country: string; gmt: string } {
  switch (call.countryCode) {
    case '1':
      if (call.nationalNumber.startsWith('876')) return { country: 'JAM', gmt: '-5.00' };
      if (call.nationalNumber.startsWith('809')) return { country: 'DOM', gmt: '-4.00' };
      return { country: 'USA', gmt: '-5.00' };
    case '44':
      return { country: 'GBR', gmt: '0.00' };
    case '52':
      return { country: 'MEX', gmt: '-6.00' };
    case '63':
      return { country: 'PHL', gmt: '8.00' };
    case '61':
      return { country: 'AUS', gmt: '11.00' };
    default:
      return { country: '', gmt: '0.00' };
  }
}

/** An agent's disposition for an answered call, and its status_name. */
const AGENT_STATUSES: ReadonlyArray<readonly [string, string, number]> = [
  ['SALE', 'Sale Made', 0.1],
  ['NI', 'Not Interested', 0.35],
  ['CALLBK', 'Call Back', 0.15],
  ['A', 'Answering Machine', 0.25],
  ['DNC', 'DO NOT CALL', 0.05],
  ['N', 'No Answer', 0.1],
];

function vicidialStatus(call: SimulatedCall): { status: string; name: string } {
  if (call.answered) {
    let u = mix32(call.sequence, 7) / 4294967296;
    for (const [status, name, p] of AGENT_STATUSES) {
      if (u < p) return { status, name };
      u -= p;
    }
    return { status: 'NI', name: 'Not Interested' };
  }
  // AST_VDauto_dial.pl: BUSY → B, DISCONNECT → DC, anything else → NA.
  if (call.sipCode === 486 || call.sipCode === 600) return { status: 'B', name: 'Busy Auto' };
  if (call.sipCode === 404 || call.sipCode === 484) return { status: 'DC', name: 'Disconnected Number' };
  return { status: 'NA', name: 'No Answer AutoDial' };
}

/** PHP addslashes(): backslash before `'`, `"`, `\` and NUL. */
function addslashes(text: string): string {
  return /['"\\\0]/.test(text) ? text.replace(/['"\\\0]/g, (c) => (c === '\0' ? '\\0' : `\\${c}`)) : text;
}

/** VICIdial's callerid / caller code: V + MMDDhhmmss of the placement + lead_id on 10 digits. */
function callerCode(startMs: number, leadId: number): string {
  const t = wallText(startMs);
  return `V${t.slice(5, 7)}${t.slice(8, 10)}${t.slice(11, 13)}${t.slice(14, 16)}${t.slice(17, 19)}${String(leadId).padStart(10, '0')}`;
}

export const vicidialExportCallsCarrierWriter: ScenarioWriter = {
  formatId: 'vicidial-export-calls-carrier',
  fileName: 'NEW_EXPORT_CALL_REPORT_20261116-201500.txt',
  carries: { sipCodes: true, callerId: true, endTimes: true, trunk: true },
  header: () => HEADER,
  row(call: SimulatedCall, spec: ScenarioSpec): string {
    const trunk = spec.trunks[call.trunkIndex]!;
    const leadId = 1_000_000 + call.sequence;
    const lead = String(leadId);
    const h = mix32(call.sequence, 3);
    const { country, gmt } = leadCountry(call);
    const us = country === 'USA';
    const { status, name } = vicidialStatus(call);
    const start = wallText(call.startMs);
    const code = callerCode(call.startMs, leadId);
    const dialled = `${trunk.dialPrefix}${call.countryCode}${call.nationalNumber}`;
    const agent = call.answered ? String(6001 + (h % 24)) : 'VDAD';
    const fields = [
      // vicidial_log + vicidial_list (35)
      start,
      call.nationalNumber,
      status,
      agent,
      CAMPAIGN,
      '',
      'VDCL',
      LIST_ID,
      gmt,
      call.countryCode,
      call.nationalNumber,
      '',
      FIRST_NAMES[h % FIRST_NAMES.length]!,
      '',
      LAST_NAMES[(h >>> 8) % LAST_NAMES.length]!,
      us ? `${100 + (h % 9800)} Main St` : '',
      '',
      '',
      us ? 'Chicago' : '',
      us ? 'IL' : '',
      '',
      us ? String(60601 + (h % 60)) : '',
      country,
      'U',
      '0000-00-00',
      '',
      '',
      '',
      '',
      String(call.answered ? call.talkSec : 0),
      call.answered ? 'AGENTS' : '',
      'MAIN',
      '0',
      '',
      lead,
      LIST_NAME,
      LIST_DESCRIPTION,
      name,
      // vicidial_carrier_log.* (12)
      call.uniqueId,
      wallText(endMsOf(call)),
      SERVER_IP,
      lead,
      String(call.q850),
      dialStatusFor(call.sipCode),
      `Local/${dialled}@default-${hex8(call.sequence * 2 + 1)};2`,
      String(call.ringSec + call.talkSec),
      String(call.talkSec),
      String(call.sipCode),
      call.reason,
      code,
      // vicidial_dial_log.* (12)
      code,
      lead,
      SERVER_IP,
      start,
      VDAD_EXTEN,
      `Local/${dialled}@default`,
      'default',
      DIAL_TIMEOUT_MS,
      `"${code}" <${call.callerId}>`,
      '0',
      '',
      call.uniqueId,
    ];
    return addslashes(fields.join('\t')) + '\r\n';
  },
};
