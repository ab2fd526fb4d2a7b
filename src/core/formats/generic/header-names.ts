/**
 * Header name → candidate column roles, for "any CSV/TSV with a header" (formats.md §6).
 * Synonyms come from real carrier/PBX exports:
 *   DIDWW call logs (https://doc.didww.com/user-panel/call-logs.html): `Date/Time Start (UTC)`,
 *     `Date/Time Connect (UTC)`, `Date/Time End (UTC)`, `Source`, `DID`, `Destination`, `Duration (secs)`,
 *     `Disconnect Code (SIP)`, `Disconnect Response`;
 *   Invade outbound CDR (invade.atlassian.net …/2980085774): `Time Start (UTC)`, `CLI`, `Disconnect Code`,
 *     `Disconnect Reason`, `Trunk Name`;
 *   Sinch voice CDR (developers.sinch.com/docs/voice-rest-api-cdr): `CallId`, `CallTime`, `Result`, `Reason`,
 *     `Duration`, `AnswerTime`, `From`, `To`;
 *   Twilio Call resource (formats.md §6): `sid`, `start_time`, `end_time`, `status`, `from`, `to`, `duration`;
 *   FreeSWITCH channel variables (formats.md §4.2): `sip_term_status`, `sip_invite_failure_status`,
 *     `sip_hangup_phrase`, `sip_gateway_name`, `hangup_cause`, `start_stamp`, `caller_id_number`, …;
 *   Asterisk/FreePBX CDR columns (formats.md §1–2), VICIdial carrier log report (§3.3), Kamailio acc (§5);
 *   Yeastar P-Series CDR export (help.yeastar.com "Call Detail Record (CDR) Overview"): `Time`, `Call From`,
 *     `Call To`, `Call Duration`, `Talk Duration`, `Status`, `Source Trunk`, `Destination Trunk`,
 *     `Communication Type`, `Outbound Caller ID`.
 * Matching is case/space/punctuation-insensitive: names are split into lowercase word tokens
 * (camelCase split too), unit/zone words like "(UTC)" or "(secs)" are dropped, and the rest is joined
 * into a key. Exact keys score high; word rules catch the long tail with a lower score.
 */
import type { ColumnRole } from '../format-module';

export interface RoleCandidate {
  role: ColumnRole;
  score: number;
}

/** Words that say how a value is written, not what it is: "Duration (secs)", "Time Start (UTC)". */
const NOISE = new Set(['utc', 'gmt', 'local', 'secs', 'sec', 'seconds', 's', 'in', 'the', 'of', 'hh', 'mm', 'ss', 'yyyy', 'dd']);

/** Characters of a header cell read as its name: longer cells are data or garbage, not a column name. */
export const MAX_HEADER_NAME_LENGTH = 200;

/** Lowercase word tokens of a header name: `Date/Time Start (UTC)` → [date, time, start]. */
export function headerTokens(name: string): string[] {
  // A column name is short; the camel-case split below is quadratic on a long capital run.
  return name
    .slice(0, MAX_HEADER_NAME_LENGTH)
    .replace(/^\uFEFF/, '')
    .replace(/([a-z0-9])([A-Z])/g, '$1 $2') // CallTime → Call Time
    .replace(/([A-Z]+)([A-Z][a-z])/g, '$1 $2') // SIPCode → SIP Code
    .toLowerCase()
    .split(/[^a-z0-9]+/)
    .filter((t) => t !== '' && !NOISE.has(t));
}

/** The matching key: tokens joined, e.g. `Disconnect Code (SIP)` → `disconnectcodesip`. */
export function headerKey(name: string): string {
  return headerTokens(name).join('');
}

type Synonyms = Record<string, number>;

/** Exact keys per role with their score (10 = unmistakable, lower = plausible but generic). */
const EXACT: Record<ColumnRole, Synonyms> = {
  start: {
    cdrstartedat: 10, callstartedat: 10, // 3CX v20 cdr_started_at (v18 time-start, Yeastar timestart: timestart below)
    datetimestart: 10, timestart: 10, starttime: 10, start: 10, startstamp: 10, starttimestamp: 10, startdate: 9,
    startdatetime: 10, startedat: 10, started: 9, calltime: 10, calldate: 10, calldatetime: 10, callstart: 10,
    callstarttime: 10, callstartdate: 10, invitetime: 9, begintime: 9, attempttime: 9, setuptime: 7,
    date: 8, datetime: 8, dateandtime: 8, timestamp: 8, time: 8, datecreated: 6, createdat: 6, created: 6,
  },
  answer: {
    cdransweredat: 10, timeanswered: 10, // 3CX v20 cdr_answered_at, v18 time-answered
    datetimeconnect: 10, timeconnect: 10, connecttime: 10, connecttimestamp: 10, connectedat: 10, connected: 7,
    connect: 8, answertime: 10, answerstamp: 10, answertimestamp: 10, answer: 9, answered: 7, answeredat: 10,
    answerdate: 9, answerdatetime: 10, timeanswer: 10, datetimeanswer: 10, pickuptime: 9,
    answeredtime: 7, // VICIdial "ANSWERED TIME" is seconds: value shape turns it into talk
  },
  end: {
    cdrendedat: 10, // 3CX v20 cdr_ended_at
    datetimeend: 10, timeend: 10, endtime: 10, end: 10, endstamp: 10, endtimestamp: 10, enddate: 9, enddatetime: 10,
    endedat: 10, ended: 8, hanguptime: 10, hangupstamp: 10, stoptime: 10, stop: 8, disconnecttime: 10,
    releasetime: 9, callend: 10, callendtime: 10, datetimedisconnect: 10,
  },
  trunk: {
    connection: 7, connectionid: 6, trunksid: 7, desttrunkname: 10, dsttrunkname: 10, dsttrunk: 9, dstrunk: 9, // Telnyx, Twilio, Yeastar
    trunk: 10, trunkname: 10, trunkid: 9, carrier: 10, carriername: 10, carrierid: 9, gateway: 10, gatewayname: 10,
    sipgatewayname: 10, gw: 8, gwname: 9, route: 8, routename: 9, provider: 9, providername: 9, vendor: 8,
    vendorname: 8, supplier: 8, suppliername: 8, peer: 7, peername: 8, endpoint: 7, outboundtrunk: 10,
    termcarrier: 9, terminationcarrier: 9, connectionname: 8, sipprovider: 9, dstgateway: 9, outboundroute: 8,
    dstgwgroupid: 6, // dSIPRouter acc extra: the carrier group id (formats.md §5.5)
    // Yeastar P-Series `Destination Trunk` (the trunk a call went out through) outranks its `Source
    // Trunk` (word rule, 7); both then name the trunk per side (provider-sides.ts).
    destinationtrunk: 10,
  },
  sipCode: {
    lastsipresponsenum: 9, // Twilio Voice Insights
    disconnectcodesip: 10, disconnectcode: 10, sipcode: 10, siptermstatus: 10, sipinvitefailurestatus: 9,
    siphangupcause: 9, // VICIdial `sip_hangup_cause` holds the SIP code (formats.md §3.1)
    sipresponse: 9, sipresponsecode: 10, responsecode: 10, sipstatus: 9, sipstatuscode: 10, statuscode: 9,
    sipresult: 8, code: 6, finalcode: 9, finalresponse: 9, lastresponsecode: 9, releasecode: 7,
    protospecifichangupcause: 8, lastbridgeprotospecifichangupcause: 7, sipfinalcode: 10, terminationcode: 7,
    hangupcode: 7, sipdisconnectcode: 10, sipterminationcode: 10,
  },
  reason: {
    reasonterminated: 8, sipresponsedescription: 9, terminationreasondetails: 6, // 3CX v18/v20, Bandwidth
    disconnectresponse: 10, disconnectreason: 10, reason: 9, sipreason: 10, siphangupphrase: 10,
    sipinvitefailurephrase: 9, siphangupreason: 10, reasonphrase: 10, sipreasonphrase: 10, responsetext: 9,
    responsereason: 9, responsephrase: 9, statustext: 8, statusreason: 8, releasereason: 8,
    hangupreason: 8, sipresponsetext: 9, responsemessage: 8, failurereason: 8, errorreason: 7,
  },
  cause: {
    hangupcause: 10, q850: 10, q850cause: 10, q850code: 10, cause: 9, causecode: 9, termcause: 8, siptermcause: 9,
    releasecause: 9, disconnectcause: 9, isdncause: 9, lastbridgehangupcause: 8, hangupcausecode: 10,
    causevalue: 8, endcause: 8, clearingcause: 8, hangupcauseq850: 10,
  },
  disposition: {
    terminationreason: 9, // 3CX v20 termination_reason: rejected, cancelled, …
    disposition: 10, status: 8, result: 8, callstatus: 9, callresult: 9, outcome: 8, dialstatus: 9, callstate: 7,
    state: 6, originatedisposition: 8, calldisposition: 10, finalstatus: 8, completionstatus: 8,
  },
  destination: {
    destinationparticipantphonenumber: 10, destinationdnnumber: 8, tono: 10, dialno: 9, callto: 10, calleeidnumber: 10, // 3CX, Yeastar, Kazoo
    destination: 10, dst: 10, dnis: 10, called: 9, callednumber: 10, calledparty: 10, calledpartynumber: 10, to: 9,
    tonumber: 10, destinationnumber: 10, dialednumber: 10, dialed: 9, number: 6, phonenumber: 7, callee: 9,
    calleenumber: 10, dstuser: 7, dstouser: 7, did: 6, destnumber: 10, dest: 9, cld: 9, bnumber: 9, dstnumber: 10,
    calledstationid: 8,
  },
  callerId: {
    sourceparticipantphonenumber: 10, sourcednnumber: 8, fromno: 10, callfrom: 10, // 3CX v20/v18, Yeastar
    cli: 10, ani: 10, callerid: 10, calleridnumber: 10, callingnumber: 10, calling: 9, callingparty: 10,
    callingpartynumber: 10, caller: 9, callernumber: 10, source: 8, from: 9, fromnumber: 10, src: 10, srcuser: 7,
    anumber: 9, cid: 8, clid: 6, callingstationid: 8, outboundcid: 7,
    // Yeastar P-Series `Outbound Caller ID`: "the number displayed on the callee's phone", what the
    // carrier sees; its `Call From` (callfrom, 10) is the extension. Above every other caller column.
    outboundcallerid: 11,
  },
  duration: {
    callduraction: 9, callsec: 9, // Yeastar's spelling, Telnyx call_sec
    duration: 10, callduration: 10, totalduration: 10, length: 7, calllength: 9, totaltime: 7, durationsec: 10,
  },
  talk: {
    billedsec: 10, billingseconds: 10, talkduraction: 9, // Telnyx, Kazoo, Yeastar
    billsec: 10, billsecs: 10, billduration: 10, billableseconds: 10, billable: 8, billabletime: 10,
    billedduration: 10, billedtime: 10, billingduration: 10, chargedduration: 9, talktime: 10, talk: 9,
    talkduration: 10, connectedduration: 9, conversationtime: 10, conversationduration: 10,
    answeredtime: 6, // VICIdial "ANSWERED TIME" (seconds)
  },
  direction: {
    // Twilio/SignalWire/Telnyx/Plivo/Vonage `direction`, Bandwidth `callDirection`, Kazoo `call_direction`,
    // Yeastar `type` / `calltype` (Inbound, Outbound, Internal), P-Series export `Communication Type`
    // (same words; an exact key, as `type` keeps the word rules off it: NOT_OURS).
    direction: 10, calldirection: 10, calltype: 7, communicationtype: 9, dir: 6, inout: 6,
  },
  callId: {
    callhistoryid: 7, historyid: 6, calllegid: 9, callsessionid: 8, // 3CX, Telnyx
    callid: 10, uuid: 10, uniqueid: 10, sid: 9, callsid: 10, sipcallid: 9, cdrid: 6, recordid: 5, acctid: 6,
    id: 4, guid: 8, calluuid: 10, callreference: 8, callref: 8, linkedid: 5,
  },
};

/** Words that mark money, geography or labels: never a role of ours ("Country Name", "Rate"). */
const NOT_OURS = new Set(['country', 'network', 'price', 'rate', 'amount', 'cost', 'charged', 'currency', 'usd', 'eur', 'formatted', 'type', 'direction', 'codec']);

const has = (tokens: readonly string[], ...words: string[]) => words.some((w) => tokens.includes(w));
const TIMEY = ['time', 'date', 'stamp', 'datetime', 'timestamp', 'at'];

/** Candidate roles of one header name, best first. Name only: value shapes are weighed elsewhere. */
export function nameCandidates(name: string): RoleCandidate[] {
  const tokens = headerTokens(name);
  const key = tokens.join('');
  const out = new Map<ColumnRole, number>();
  const add = (role: ColumnRole, score: number) => {
    if ((out.get(role) ?? 0) < score) out.set(role, score);
  };
  for (const role of Object.keys(EXACT) as ColumnRole[]) {
    const score = EXACT[role][key];
    if (score !== undefined) add(role, score);
  }
  const ours = !tokens.some((t) => NOT_OURS.has(t));
  if (ours && key !== '') {
    // Word rules for the long tail ("Call Start Time", "Carrier Trunk", "SIP Response Status").
    if (has(tokens, 'start', 'begin', 'setup') && has(tokens, ...TIMEY)) add('start', 7);
    if (has(tokens, 'connect', 'connected', 'answer', 'answered') && has(tokens, ...TIMEY)) add('answer', 7);
    if (has(tokens, 'end', 'stop', 'hangup', 'disconnect', 'release') && has(tokens, ...TIMEY)) add('end', 7);
    if (has(tokens, 'trunk', 'carrier', 'gateway', 'provider')) add('trunk', 7);
    if (has(tokens, 'route') && !has(tokens, 'prefix')) add('trunk', 5);
    if (has(tokens, 'sip') && has(tokens, 'code', 'status', 'response')) add('sipCode', 8);
    if (has(tokens, 'cause')) add('cause', 6);
    if (has(tokens, 'reason', 'phrase')) add('reason', 6);
    // `sip_invite_failure_status` is a second SIP code column, not a disposition.
    if (has(tokens, 'disposition', 'status', 'result') && !has(tokens, 'sip')) add('disposition', 5);
    if (!has(tokens, 'name')) {
      if (has(tokens, 'caller', 'calling', 'ani', 'cli')) add('callerId', 6);
      if (has(tokens, 'called', 'destination', 'dnis', 'dialed')) add('destination', 6);
    }
    if (has(tokens, 'billsec', 'talk', 'billable', 'billed', 'conversation')) add('talk', 7);
    else if (has(tokens, 'duration')) add('duration', 5);
    if (has(tokens, 'call') && has(tokens, 'id', 'uuid')) add('callId', 7);
  }
  return [...out.entries()].map(([role, score]) => ({ role, score })).sort((a, b) => b.score - a.score);
}
