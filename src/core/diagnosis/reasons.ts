/**
 * What carriers say when they refuse a call, as data (like tree.ts): the reason phrases real
 * carriers send and the codes whose meaning alone names a leaf. A call's code and phrase are the
 * strongest evidence a file can hold — "403 Insufficient funds remaining" is a balance whatever
 * the pattern around it — so the rules look every rejected call up here (once per distinct code
 * and phrase, see ReasonLookup) before they look at shapes in time, destinations or caller IDs.
 *
 * Sources, each entry naming its own: carriers' published response-code pages (Telnyx D, P, PE
 * and TM codes from support.telnyx.com "Telnyx SIP Response Codes", where D11/D14 (an invalid
 * number) and D53 (caller ID = destination) name no leaf; Twilio 32xxx errors, DIDWW call-log
 * codes, Commio, Vonage, Bandwidth, VoiceHost), a real
 * Flowroute customer's Kamailio acc dump (../shared/samples/kamailio_acc), RFC 3261 (402),
 * RFC 8197 (607 Unwanted), RFC 8688 (608 Rejected), RFC 8224 (436/437/438, STIR/SHAKEN identity
 * that fails; not 428, which asks for a signature the call did not carry: no caller ID is judged)
 * and ATIS-1000099 (603 "Network Blocked", the 603+ of 2025–2026).
 */
import type { ProblemId } from './tree';

/** The leaves a code or phrase can name by itself. */
export type ReasonCause = Extract<
  ProblemId,
  'out-of-funds' | 'caller-id-blocked' | 'no-route' | 'cps-limit' | 'channel-cap' | 'auth-or-disabled-trunk' | 'destination-blocked'
>;

export interface ReasonPhrase {
  cause: ReasonCause;
  /** Matched against the reason text, case-insensitive. */
  pattern: RegExp;
  /** Only with these codes (a phrase that means something else on another code); any code when absent. */
  codes?: readonly number[];
  /** Who sends it, where it is documented. */
  source: string;
  /** One phrase as the carrier writes it (tests feed these back through every format). */
  example: string;
}

/**
 * Most specific first: the first entry that matches decides. Limits come before "forbidden"
 * because carriers send their CPS and channel limits as 403 too (Telnyx D1/D2/D3/D22).
 */
export const REASON_PHRASES: readonly ReasonPhrase[] = [
  // Balance. Flowroute, Commio ("503 Funds Required"), DIDWW (402), Telnyx D19, Twilio 86002.
  { cause: 'out-of-funds', pattern: /insufficient (funds|balance|credit)|funds required|out of (balance|funds|credit)|no (calling )?credit|not enough (credit|funds|balance)|low balance|balance (too low|is low|exhausted)|payment required|account blocked \(billing\)|\bD19\b/i, source: 'Flowroute (Kamailio acc sample), Commio, DIDWW, Telnyx D19, Twilio 86002', example: 'Insufficient funds remaining - support@flowroute.com' },
  // Not "outgoing call barred": that is Q.850 cause 52's text, which gateways send for a missing
  // tariff, a channel limit or a disabled account as much as for a balance (Kazoo, connexo).
  { cause: 'out-of-funds', pattern: /account (is )?suspended|suspended (account|for (non-?payment|billing))/i, source: 'Commio ("account is suspended due to depletion of funds")', example: 'Account Suspended' },
  // A spending cap reached is the balance's leaf too (Telnyx D39, before "international" names a route).
  { cause: 'out-of-funds', pattern: /spen[dt] limit (reached|exceeded)|\bD39\b/i, source: 'Telnyx D39 ("403 International daily spent limit reached D39")', example: 'International daily spent limit reached D39' },
  // Concurrent-call limits, whatever the code (403 at Telnyx, 503 at Commio, 480/486 elsewhere).
  { cause: 'channel-cap', pattern: /channel limit|concurrent(-| )?call(s)? (limit|exceed)|call limit exceeded|too many (concurrent|simultaneous|active) calls|max(imum)? (concurrent )?channels|\bD(1|2|3|4|5|22|56)\b/i, source: 'Telnyx D1/D2/D3/D22 ("403 User channel limit exceeded D1"), D4/D5/D56 ("486 User Busy D5": channel billing over its limit), Commio ("503 Channel Limit Reached")', example: 'User channel limit exceeded D1' },
  // A price cap on the destination, not a rate of calls: before the CPS entry's "rate limit".
  { cause: 'no-route', pattern: /max(imum)? destination rate|\bD24\b/i, source: 'Telnyx D24 ("403 Maximum destination rate limit exceeded D24": the rate per minute is above the profile\'s maximum)', example: 'Maximum destination rate limit exceeded D24' },
  // Repeated calls to one international number within 60 s (toll-fraud protection): the destination
  // refused for now, not a rate of calls per second.
  { cause: 'destination-blocked', pattern: /international destination rate limit|\bD9\b/i, source: 'Telnyx D9 ("403 International destination rate limit reached D9": the same international number called several times within 60 s)', example: 'International destination rate limit reached D9' },
  // Calls-per-second limits. Twilio 32013, VoiceHost (503 on CPS), carriers' "rate limit".
  { cause: 'cps-limit', pattern: /\bcps\b|calls? per second|call rate|rate limit|too many (calls|requests)|throttl|\bP(05|15)\b/i, source: 'Twilio 32013 ("CPS limit exceeded"), VoiceHost (503 when the CPS limit is hit), Telnyx P05 ("503 CPS Limit Reached")', example: 'CPS Limit Exceeded' },
  // Caller ID. Flowroute, Telnyx D35/D36, Twilio 32204, Vonage ("Caller ID not allowed"), 603+ (ATIS-1000099).
  { cause: 'caller-id-blocked', pattern: /network blocked/i, source: 'ATIS-1000099 603+ (analytics-based blocking; the Reason header carries a location and a redress contact)', example: 'Network Blocked' },
  // Telnyx's origination-number refusals: D46 (do-not-originate registry), D49 (no valid LRN), D51 (unverified), D52/D54 (restricted by reputation).
  { cause: 'caller-id-blocked', pattern: /do-not-originate|(restricted|unverified|invalid) (caller )?origination number|originator number is invalid|\bD(46|49|51|52|54)\b/i, source: 'Telnyx D46/D49/D51/D52/D54 ("403 Restricted origination number D54")', example: 'Restricted origination number D54' },
  // "calling" only as in "calling number/party": "International Calling Blocked" is a route.
  { cause: 'caller-id-blocked', pattern: /(caller|origination|calling(?=[ -]?(id|number|party|line)))[ -]?(id|number|party|line)?.{0,20}(invalid|not (verified|allowed|permitted|authori[sz]ed)|unverified|unauthori[sz]ed|blocked)|from'? (phone )?number.{0,6}not verified|invalid (caller|calling|ani|cli|from)|\b(ani|cli)\b.{0,12}(invalid|not allowed|blocked)|\bspam\b|robocall|unwanted|\bD3[56]\b/i, source: 'Flowroute ("403 Invalid Caller ID"), Telnyx D35/D36 ("403 Caller Origination Number is Invalid D35"), Twilio 32204 ("From phone number not verified"), Vonage', example: 'Invalid Caller ID' },
  // A destination or prefix the carrier refuses on purpose (fraud prevention, a restricted number).
  { cause: 'destination-blocked', pattern: /restricted destination|forbidden prefix|\bD(41|58)\b/i, source: 'Telnyx D41 ("403 Forbidden D41": a prefix known for toll fraud), D58 ("403 Restricted destination number D58")', example: 'Restricted destination number D58' },
  // Destinations the account may not reach: international permission, rate deck, service plan.
  { cause: 'no-route', pattern: /international|not allowed for service plan|destination (not allowed|not permitted|blocked|barred)|no route|route not (available|found)|no (available )?routes?\b|not provisioned|max ?peak cost|rate per minute|geo(graphic)?[- ]permission|country (not allowed|blocked|disabled)|no rates? found|whitelisted countr|\bD1[23]\b|\bD4[08]\b|\bPE[1-6]\b|\bTM1\b/i, source: 'Flowroute ("403 International Calling Disabled"), Telnyx D12/D13/D40/D48, PE1–PE6 ("503 No Routes Found"), TM1 ("403 No Rates Found"), Commio ("503 Route Not Available"), Jola ("603 MaxPeak Cost Exceeded")', example: 'International Calling Disabled - support@flowroute.com' },
  // The trunk itself refused: IP ACL, tech prefix, credentials, disabled connection.
  { cause: 'auth-or-disabled-trunk', pattern: /not in acl|\bacl\b|tech prefix|ip (address )?not (allowed|authori[sz]ed|recogni[sz]ed)|unknown (ip|source|trunk)|unauthori[sz]ed|authentication|credentials|(trunk|connection|account|profile) (is )?(disabled|inactive|not active)|insufficient permissions|\bD1[05-8]\b|\bD2[5-9]\b|\bD(7|38)\b|\bR1[4-8]\b/i, source: 'Flowroute ("403 Tech Prefix and IP not in ACL"), Telnyx D10/D15–D18/D25–D29/D7/D38, R14–R18 (the authentication username), Twilio 32200 ("Insufficient permissions"), Commio ("403 Forbidden": IP not set up as a trunk)', example: 'Tech Prefix and IP not in ACL - support@flowroute.com' },
];

/** Codes whose meaning alone names a leaf (any phrase, or none). */
export const CODE_MEANINGS: ReadonlyMap<number, { cause: ReasonCause; source: string }> = new Map([
  [402, { cause: 'out-of-funds', source: 'RFC 3261 402 Payment Required (DIDWW: balance too low)' }],
  [607, { cause: 'caller-id-blocked', source: 'RFC 8197 607 Unwanted (the called party marked the caller as unwanted)' }],
  [608, { cause: 'caller-id-blocked', source: 'RFC 8688 608 Rejected (an intermediary, an analytics engine, rejected the call)' }],
  [436, { cause: 'caller-id-blocked', source: 'RFC 8224 436 Bad Identity Info (STIR/SHAKEN)' }],
  [437, { cause: 'caller-id-blocked', source: 'RFC 8224 437 Unsupported Credential (STIR/SHAKEN)' }],
  [438, { cause: 'caller-id-blocked', source: 'RFC 8224 438 Invalid Identity Header (STIR/SHAKEN)' }],
] as const);

/**
 * The codes on which a phrase is a refusal: the carrier's final answer to our INVITE. A 200's
 * "OK", a 487's "Request Terminated" or a 480's "Temporarily Unavailable" say nothing about the
 * carrier; a CPS or channel limit is sent as 403, 480, 486, 500 or 503 depending on the carrier.
 */
const REFUSAL_CODES = new Set([401, 402, 403, 404, 407, 480, 486, 488, 500, 502, 503, 504, 603, 604, 606, 607, 608]);

/**
 * A code's own name (RFC 3261 and kin) says nothing beyond the code: a 401 "Unauthorized" is the
 * digest challenge every authenticated call gets first, not a carrier's reason.
 */
const CODE_NAME = /^(sip )?(\d{3} )?(unauthori[sz]ed|forbidden|not found|proxy authentication required|temporarily unavailable|busy here|not acceptable( here)?|(server )?internal( server)? error|bad gateway|service unavailable|server time-?out|decline|does not exist anywhere|request terminated)\.?$/i;

/** The leaf a final code and its reason phrase name, or null when they name none. */
export function reasonCause(sipCode: number, phrase: string): ReasonCause | null {
  const byCode = CODE_MEANINGS.get(sipCode);
  if (byCode) return byCode.cause;
  if (phrase === '' || (sipCode !== 0 && !REFUSAL_CODES.has(sipCode)) || CODE_NAME.test(phrase.trim())) return null;
  for (const entry of REASON_PHRASES) {
    if (entry.codes && !entry.codes.includes(sipCode)) continue;
    if (entry.pattern.test(phrase)) return entry.cause;
  }
  return null;
}

const CAUSE_IDS: readonly ReasonCause[] = ['out-of-funds', 'caller-id-blocked', 'no-route', 'cps-limit', 'channel-cap', 'auth-or-disabled-trunk', 'destination-blocked'];
const NONE = 255;

/**
 * reasonCause per (code, reason id) of a store, looked up once per distinct pair (a day has a
 * few dozen) — no regex per call.
 */
export class ReasonLookup {
  private readonly memo = new Map<number, number>();
  constructor(private readonly phraseOf: (reasonId: number) => string) {}

  cause(sipCode: number, reasonId: number): ReasonCause | null {
    const key = sipCode * 0x10000 + reasonId;
    let c = this.memo.get(key);
    if (c === undefined) {
      const found = reasonCause(sipCode, this.phraseOf(reasonId));
      c = found === null ? NONE : CAUSE_IDS.indexOf(found);
      this.memo.set(key, c);
    }
    return c === NONE ? null : CAUSE_IDS[c]!;
  }
}
