/**
 * Kamailio acc table exported as CSV with its header (`SELECT * FROM acc` through a client's CSV
 * export), on a dSIPRouter proxy between the dialer and its carriers (formats.md §5.1–5.5): the
 * kamctl acc columns id, method, from_tag, to_tag, callid, sip_code, sip_reason, time, then
 * dSIPRouter's db_extra columns src_ip, dst_ouser, dst_user, dst_domain, src_user, src_domain,
 * cdr_id, calltype, src_gwgroupid, dst_gwgroupid (the real dump's layout, testing/sql/v0.79).
 * Rows are transactions, inserted when they end (acc.c takes `time` then), in that order:
 *   - one INVITE row per attempt when its final reply is relayed (failed_transaction_flag accounts
 *     ≥300 as well): `time` = the answer of an answered call, the rejection of a failed one — the
 *     INVITE's own start is not in the table. sip_code/sip_reason = the carrier's reply (a 487 is the
 *     dialer's CANCEL being honoured; CANCELs themselves are not reported);
 *   - one BYE row when an answered call ends (200 OK to the BYE): `time` = the hangup.
 * src_user = the caller ID, dst_ouser/dst_user = the number as dialled, dst_domain = the carrier
 * gateway's address, dst_gwgroupid = the carrier's gateway group (trunk i → group i + 1),
 * src_gwgroupid = the dialer's endpoint group; cdr_id counts answered calls (0 on failures).
 * Values are plain, quoted only when they hold a comma or a quote; LF line ends.
 *
 * With `digestAuth` (kamailioAccWriterWith) the proxy challenges the dialer first, as dSIPRouter
 * does for endpoints that register: a share of calls gets a 407 (one or two, the second in the same
 * second) answered by the retry with credentials on the same call id, whose final reply is the
 * carrier's (answered, or the carrier's refusal: a retry that fails). Challenge rows are the proxy's
 * own: dst_domain = the proxy, calltype and gateway groups empty. Beside them, phones with a wrong
 * password are challenged on call ids of their own and never retry: rows that reach no carrier.
 * Which calls are challenged is a hash of the call's sequence, not a PRNG draw, so the simulated
 * day is the same with or without it.
 *
 * With `inviteTime` the site logs the INVITE's own time in an extra column, `invite_time` (an AVP
 * set in request_route, accounted with db_extra): on every INVITE row, challenges included; empty
 * on BYE rows.
 */
import type { ScenarioSpec, SimulatedCall } from '../scenario';
import { carrierAddress } from './freeswitch-cdr-csv-opencdrrate';
import { csvField, endMsOf, hex8, mix32, TimeOrderedRows, uuidOf, wallText, type ScenarioWriter } from './writer';

const HEADER =
  'id,method,from_tag,to_tag,callid,sip_code,sip_reason,time,src_ip,dst_ouser,dst_user,dst_domain,src_user,src_domain,cdr_id,calltype,src_gwgroupid,dst_gwgroupid\n';

const DIALER_IP = '10.10.10.15';
const CALL_ID_SALT = 0x27d4eb2f;

/** dSIPRouter gateway group of trunk `i` (carrier groups 1…n; the dialer's endpoint group after them). */
export function gatewayGroupOf(trunkIndex: number): number {
  return trunkIndex + 1;
}

export interface DigestAuth {
  /** Share of calls challenged (407) before the retry that reaches the carrier. */
  challenged: number;
  /** Share of the challenged calls challenged twice (two 407 rows in the same second). */
  twice: number;
  /** Extra call ids per call from phones whose credentials fail: challenged, never retried. */
  neverRetried: number;
}

export interface KamailioAccOptions {
  digestAuth?: DigestAuth;
  inviteTime?: boolean;
}

/** Stateful (ids, cdr ids, rows held until due); header() starts a new file. */
export const kamailioAccWriter: ScenarioWriter = createWriter({});

/** The same writer with the proxy's digest challenges (see the file comment). */
export function kamailioAccWriterWith(options: KamailioAccOptions): ScenarioWriter {
  return createWriter(options);
}

const PROXY_DOMAIN = 'sbc.example.net';
const PHONE_IP = '10.10.10.40';
/** A hash of (sequence, salt) as a fraction in [0, 1). */
const share = (sequence: number, salt: number): number => mix32(sequence, salt) / 4294967296;

function createWriter({ digestAuth, inviteTime }: KamailioAccOptions): ScenarioWriter {
  const held = new TimeOrderedRows();
  let nextId = 1;
  let nextCdrId = 1;
  /** Held rows carry a `\u0000` where the id goes: ids are given in insert (= file) order. */
  const release = (text: string): string => {
    if (text === '') return text;
    let out = '';
    let from = 0;
    for (let at = text.indexOf('\u0000'); at >= 0; at = text.indexOf('\u0000', from)) {
      out += text.slice(from, at) + String(nextId++);
      from = at + 1;
    }
    return out + text.slice(from);
  };
  return {
    formatId: 'kamailio-acc',
    fileName: 'acc.csv',
    carries: { sipCodes: true, callerId: true, endTimes: true, trunk: true },
    header: () => {
      held.clear();
      nextId = 1;
      nextCdrId = 1;
      return inviteTime ? HEADER.replace('\n', ',invite_time\n') : HEADER;
    },
    row(call: SimulatedCall, spec: ScenarioSpec): string {
      const due = release(held.takeUntil(call.startMs));
      const number = call.countryCode + call.nationalNumber;
      const fromTag = hex8(mix32(call.sequence, 11));
      const toTag = `as${hex8(mix32(call.sequence, 12))}`;
      const callId = `${uuidOf(call.sequence, CALL_ID_SALT)}@${DIALER_IP}`;
      const cdrId = call.answered ? nextCdrId++ : 0;
      const tail = [
        DIALER_IP,
        number,
        number,
        carrierAddress(call.trunkIndex),
        call.callerId,
        DIALER_IP,
        String(cdrId),
        'outbound',
        String(gatewayGroupOf(spec.trunks.length)),
        String(gatewayGroupOf(call.trunkIndex)),
      ].join(',');
      const invite = inviteTime ? `,${wallText(call.startMs)}` : '';
      const line = (method: string, code: number, reason: string, atMs: number) =>
        `\u0000,${method},${fromTag},${toTag},${callId},${code},${csvField(reason)},${wallText(atMs)},${tail}${method === 'INVITE' ? invite : inviteTime ? ',' : ''}\n`;
      const finalMs = call.startMs + call.ringSec * 1000;
      if (digestAuth) {
        // The proxy's challenge: no carrier, no calltype, the proxy's own domain; a branch as to_tag.
        const challenge = (id: string, from: string, tag: string, user: string, salt: number) =>
          `\u0000,INVITE,${tag},z9hG4bK${hex8(mix32(call.sequence, salt))}.0,${id},407,Proxy Authentication Required,${wallText(call.startMs)},${from},${number},${number},${PROXY_DOMAIN},${user},${PROXY_DOMAIN},0,,,${invite}\n`;
        if (share(call.sequence, 21) < digestAuth.challenged) {
          held.push(call.startMs, challenge(callId, DIALER_IP, fromTag, call.callerId, 22));
          if (share(call.sequence, 23) < digestAuth.twice) held.push(call.startMs, challenge(callId, DIALER_IP, fromTag, call.callerId, 24));
        }
        if (share(call.sequence, 25) < digestAuth.neverRetried) {
          const id = `${uuidOf(call.sequence, CALL_ID_SALT + 1)}@${PHONE_IP}`;
          held.push(call.startMs, challenge(id, PHONE_IP, hex8(mix32(call.sequence, 26)), '2001', 27));
        }
      }
      held.push(finalMs, line('INVITE', call.sipCode, call.reason, finalMs));
      if (call.answered) held.push(endMsOf(call), line('BYE', 200, 'OK', endMsOf(call)));
      return due;
    },
    finish: () => release(held.takeAll()),
  };
}
