/**
 * Each leaf from a code and its reason phrase, in every format that carries both, on files
 * written here by hand (no generator): per case one trunk whose carrier refuses 4 calls with that
 * code and phrase and answers 2. Four refusals that say why are a finding of their own (the
 * carrier's words, rules/stated.ts needs 3), so each trunk's verdict is the leaf its words name.
 *
 * The formats, each in its own columns:
 * - Kamailio acc (dSIPRouter CSV export): `sip_code`, `sip_reason`; the trunk is the destination
 *   gateway group, named with the address its calls went to ("gwgroup 3 (sip.t402.example)").
 * - VICIdial Carrier Log Report: `SIP CODE`, `SIP HANGUP REASON`, `DIAL STATUS`; the trunk is the
 *   SIP peer in `CHANNEL` ("SIP/t402-00000a01" → t402).
 * - FreeSWITCH, a cdr_csv template that logs `${sip_term_status}` and `${sip_hangup_phrase}` beside
 *   `${hangup_cause}` and `${sip_gateway_name}`, exported with its header line, which the FreeSWITCH
 *   reader reads its columns by (the stock templates carry neither code nor phrase; the file card
 *   then says what to add).
 * - A carrier portal's CSV with a code and a reason column.
 * - Asterisk Master.csv (18 columns: loguniqueid, loguserfield) from a site that stores
 *   `${HANGUPCAUSE(${HANGUPCAUSE_KEYS()},tech)}` in the userfield ("SIP 403 Payment Required"); the
 *   trunk is the SIP peer in `dstchannel`, dialled from phone SIP/100.
 */
import { describe, expect, it } from 'vitest';
import { ingestFiles } from '../ingest/ingest-files';
import { diagnoseTrunks } from './evidence';
import type { VerdictId } from './tree';
import type { TrunkDiagnosis } from './types';

interface Case {
  /** The trunk's name in the file (letters and digits). */
  trunk: string;
  code: number;
  phrase: string;
  /** FreeSWITCH's hangup_cause for that SIP reply (sofia's sip-to-Q.850 table). */
  cause: string;
  leaf: VerdictId;
}

const CASES: readonly Case[] = [
  { trunk: 'flowfunds', code: 403, phrase: 'Insufficient funds remaining - support@flowroute.com', cause: 'CALL_REJECTED', leaf: 'out-of-funds' },
  { trunk: 't402', code: 402, phrase: 'Payment Required', cause: 'CALL_REJECTED', leaf: 'out-of-funds' },
  { trunk: 'telnyxd39', code: 403, phrase: 'International daily spent limit reached D39', cause: 'CALL_REJECTED', leaf: 'out-of-funds' },
  { trunk: 'atis', code: 603, phrase: 'Network Blocked', cause: 'CALL_REJECTED', leaf: 'caller-id-blocked' },
  { trunk: 't607', code: 607, phrase: 'Unwanted', cause: 'CALL_REJECTED', leaf: 'caller-id-blocked' },
  { trunk: 't608', code: 608, phrase: 'Rejected', cause: 'CALL_REJECTED', leaf: 'caller-id-blocked' },
  { trunk: 't436', code: 436, phrase: 'Bad Identity Info', cause: 'INTERWORKING', leaf: 'caller-id-blocked' },
  { trunk: 't437', code: 437, phrase: 'Unsupported Credential', cause: 'INTERWORKING', leaf: 'caller-id-blocked' },
  { trunk: 't438', code: 438, phrase: 'Invalid Identity Header', cause: 'INTERWORKING', leaf: 'caller-id-blocked' },
  { trunk: 'telnyxd35', code: 403, phrase: 'Caller Origination Number is Invalid D35', cause: 'CALL_REJECTED', leaf: 'caller-id-blocked' },
  { trunk: 'telnyxd54', code: 403, phrase: 'Restricted origination number D54', cause: 'CALL_REJECTED', leaf: 'caller-id-blocked' },
  { trunk: 'flowintl', code: 403, phrase: 'International Calling Disabled - support@flowroute.com', cause: 'CALL_REJECTED', leaf: 'no-route' },
  { trunk: 'telnyxpe2', code: 503, phrase: 'No Routes Found PE2', cause: 'NORMAL_TEMPORARY_FAILURE', leaf: 'no-route' },
  { trunk: 'telnyxd58', code: 403, phrase: 'Restricted destination number D58', cause: 'CALL_REJECTED', leaf: 'destination-blocked' },
  { trunk: 'telnyxp05', code: 503, phrase: 'CPS Limit Reached P05', cause: 'NORMAL_TEMPORARY_FAILURE', leaf: 'cps-limit' },
  { trunk: 'twilio', code: 480, phrase: 'CPS Limit Exceeded', cause: 'NO_USER_RESPONSE', leaf: 'cps-limit' },
  { trunk: 'telnyxd1', code: 403, phrase: 'User channel limit exceeded D1', cause: 'CALL_REJECTED', leaf: 'channel-cap' },
  { trunk: 'commio', code: 503, phrase: 'Channel Limit Reached', cause: 'NORMAL_TEMPORARY_FAILURE', leaf: 'channel-cap' },
  { trunk: 'flowacl', code: 403, phrase: 'Tech Prefix and IP not in ACL - support@flowroute.com', cause: 'CALL_REJECTED', leaf: 'auth-or-disabled-trunk' },
  { trunk: 'telnyxd16', code: 403, phrase: 'Connection is disabled D16', cause: 'CALL_REJECTED', leaf: 'auth-or-disabled-trunk' },
];

/** One call of a case: the k-th of 6 (0–3 refused with the case's words, 4–5 answered after 30 s). */
interface Row {
  c: Case;
  /** Position of the case in CASES, and of the call in the case. */
  ci: number;
  k: number;
  refused: boolean;
  /** `2026-11-16 10:MM:SS`, one call every 10 s. */
  start: string;
  answer: string;
  end: string;
  /** Destination 1312555 + 4 digits, caller ID 13125550100 + case. */
  dest: string;
  cid: string;
}

const two = (n: number) => String(n).padStart(2, '0');
const clock = (sec: number) => `2026-11-16 ${two(10 + Math.floor(sec / 3600))}:${two(Math.floor(sec / 60) % 60)}:${two(sec % 60)}`;

const ROWS: readonly Row[] = CASES.flatMap((c, ci) =>
  Array.from({ length: 6 }, (_, k) => {
    const sec = (ci * 6 + k) * 10;
    const refused = k < 4;
    return {
      c,
      ci,
      k,
      refused,
      start: clock(sec),
      answer: refused ? '' : clock(sec + 5),
      end: clock(sec + (refused ? 1 : 35)),
      dest: `1312555${String(1000 + ci * 6 + k)}`,
      cid: `131255501${two(ci)}`,
    };
  }),
);

const csvText = (s: string) => (/[",]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s);

const KAMAILIO =
  'id,method,from_tag,to_tag,callid,sip_code,sip_reason,time,src_ip,dst_ouser,dst_user,dst_domain,src_user,src_domain,cdr_id,calltype,src_gwgroupid,dst_gwgroupid\n' +
  ROWS.map((r, i) => {
    const code = r.refused ? r.c.code : 200;
    const phrase = r.refused ? r.c.phrase : 'OK';
    // The INVITE row's time is its final reply; an answered call has its BYE row 30 s later.
    const invite = `${i + 1},INVITE,f${i},t${i},call-${i}@pbx,${code},${csvText(phrase)},${r.refused ? r.end : r.answer},10.0.0.5,${r.dest},${r.dest},sip.${r.c.trunk}.example,${r.cid},pbx.example,${r.refused ? 0 : i},outbound,90,${r.ci + 1}`;
    const bye = r.refused ? '' : `\n${ROWS.length + i + 1},BYE,f${i},t${i},call-${i}@pbx,200,OK,${r.end},10.0.0.5,${r.dest},${r.dest},sip.${r.c.trunk}.example,${r.cid},pbx.example,${i},,90,${r.ci + 1}`;
    return invite + bye;
  }).join('\n') +
  '\n';

const VICIDIAL =
  '"UNIQUE ID","CALL DATE","SERVER IP","LEAD ID","HANGUP CAUSE","DIAL STATUS","CHANNEL","DIAL TIME","ANSWERED TIME","SIP CODE","SIP HANGUP REASON","PHONE NUMBER"\n' +
  ROWS.map((r, i) => {
    // CALL DATE is when the carrier log row is written (the hangup); DIAL TIME and ANSWERED TIME in seconds.
    const status = r.refused ? (r.c.code >= 500 ? 'CONGESTION' : 'CHANUNAVAIL') : 'ANSWER';
    const q850 = r.refused ? (r.c.code >= 500 ? '34' : '21') : '16';
    const fields = [`1794823200.${i}`, r.end, '10.0.0.15', String(100000 + i), q850, status, `SIP/${r.c.trunk}-0000${(0xa00 + i).toString(16)}`, r.refused ? '1' : '35', r.refused ? '0' : '30', String(r.refused ? r.c.code : 200), r.refused ? r.c.phrase : 'OK', r.dest.slice(1)];
    return fields.map((f) => `"${f.replace(/"/g, '""')}"`).join(',');
  }).join('\n') +
  '\n';

const FREESWITCH =
  'uuid|start_stamp|answer_stamp|end_stamp|caller_id_number|destination_number|sip_gateway_name|hangup_cause|sip_term_status|sip_hangup_phrase|duration|billsec\n' +
  ROWS.map((r, i) =>
    [`5b1d7a3e-${String(i).padStart(4, '0')}`, r.start, r.answer, r.end, r.cid, r.dest, r.c.trunk, r.refused ? r.c.cause : 'NORMAL_CLEARING', String(r.refused ? r.c.code : 200), r.refused ? r.c.phrase : 'OK', r.refused ? '1' : '35', r.refused ? '0' : '30'].join('|'),
  ).join('\n') +
  '\n';

const PORTAL =
  'Time Start (UTC),Trunk Name,CLI,Destination,Duration (secs),Disconnect Code,Disconnect Reason\n' +
  ROWS.map((r) => [r.start, r.c.trunk, r.cid, r.dest, r.refused ? '0' : '30', String(r.refused ? r.c.code : 200), csvText(r.refused ? r.c.phrase : 'OK')].join(',')).join('\n') +
  '\n';

const q = (s: string) => `"${s.replace(/"/g, '""')}"`;
const ASTERISK =
  ROWS.map((r, i) => {
    const uniq = `1794823200.${i}`;
    const fields = [
      '', r.cid, r.dest, 'from-internal', `"Agent" <${r.cid}>`, `SIP/100-${(0x100 + i).toString(16).padStart(8, '0')}`, `SIP/${r.c.trunk}-${(0x200 + i).toString(16).padStart(8, '0')}`,
      'Dial', `SIP/${r.c.trunk}/${r.dest},60`, r.start, r.answer, r.end,
    ];
    const tail = [r.refused ? 'FAILED' : 'ANSWERED', 'DOCUMENTATION', uniq, r.refused ? `SIP ${r.c.code} ${r.c.phrase}` : 'SIP 200 OK'];
    return [...fields.map(q), r.refused ? '1' : '35', r.refused ? '0' : '30', ...tail.map(q)].join(',');
  }).join('\n') + '\n';

const FORMATS = [
  { label: 'Kamailio acc (sip_code, sip_reason)', text: KAMAILIO, format: 'kamailio-acc', name: (c: Case, ci: number) => `gwgroup ${ci + 1} (sip.${c.trunk}.example)` },
  { label: 'VICIdial carrier log (SIP CODE, SIP HANGUP REASON)', text: VICIDIAL, format: 'vicidial-carrier-log', name: (c: Case) => c.trunk },
  { label: 'FreeSWITCH cdr_csv with sip_term_status and sip_hangup_phrase', text: FREESWITCH, format: 'freeswitch-cdr-csv', name: (c: Case) => c.trunk },
  { label: 'carrier portal CSV (Disconnect Code, Disconnect Reason)', text: PORTAL, format: 'generic-csv', name: (c: Case) => c.trunk },
  { label: 'Asterisk Master.csv with HANGUPCAUSE(…,tech) in userfield', text: ASTERISK, format: 'asterisk-cdr-csv', name: (c: Case) => c.trunk },
];

describe.each(FORMATS)('$label', ({ text, format, name }) => {
  const result = (async () => {
    const { summary, store } = await ingestFiles([{ name: 'calls.csv', blob: new Blob([text]) }]);
    return { file: summary.files[0]!, diagnoses: new Map(diagnoseTrunks(store, { files: summary.files }).map((d) => [d.trunk, d])) };
  })();

  it(`is read as ${format}: every call an attempt (${ROWS.length} calls, ${CASES.length} trunks)`, async () => {
    const { file, diagnoses } = await result;
    expect(file.format?.id).toBe(format);
    expect(file.rows.skipped).toBe(0);
    expect(file.capabilities?.sipCodes).toBe(true);
    expect(diagnoses.size).toBe(CASES.length);
  });

  it.each(CASES.map((c, ci) => ({ c, ci, label: `${c.code} "${c.phrase}"` })))('$label → $c.leaf', async ({ c, ci }) => {
    const d: TrunkDiagnosis | undefined = (await result).diagnoses.get(name(c, ci));
    expect(d, name(c, ci)).toBeDefined();
    expect(d!.attempts).toBe(6);
    expect(d!.verdict, d!.evidence?.summary).toBe(c.leaf);
    // The carrier's words are the evidence: 4 of the 6 attempts, quoted with their code.
    expect(d!.evidence!.numbers).toMatchObject({ stated: 4, attempts: 6, phrases: [`${c.code} ${c.phrase}`] });
  });
});
