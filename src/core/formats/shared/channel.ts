/**
 * Asterisk channel names → trunk (formats.md §1.5). chan_sip `SIP/<peer>-%08x`, chan_pjsip
 * `PJSIP/<endpoint>-%08x` (endpoint names may contain `-`, so the match is greedy up to the last
 * 8-hex suffix), IAX2 `IAX2/<peer>-<callno>`, Local `Local/<exten>@<context>-%08x;1|2` (not a trunk);
 * Grandstream UCM's outbound `PJSIP/<trunk>/<number>`.
 */
import { isDigitRun } from './digit-text';

export interface ChannelInfo {
  tech: string;
  /** Peer / endpoint / host part, e.g. "sipus1", "VIOrig", "172.19.45.122:5020". */
  peer: string;
}

const SIP_LIKE = /^(SIP|PJSIP)\/(.+)-[0-9a-fA-F]{8}(?:;\d)?$/;
const IAX2 = /^(IAX2|OOH323)\/(.+)-\d+$/;
/** Other technologies we know; anything else (Console/dsp, a custom tech) names no trunk. */
const OTHER = /^(Local|DAHDI|Motif|SIP|PJSIP|IAX2)\/(.+?)(?:-[0-9a-fA-F]{4,8})?(?:;\d)?$/i;
/** A SIP/PJSIP peer part `<trunk>/<number>`: the trunk, the number dialled through it after the slash. */
const SIP_TRUNK_DIALLED = /^([^/]+)\/\+?\d{3,}$/;

export function parseChannel(channel: string): ChannelInfo | null {
  const text = channel.trim();
  if (text === '' || text === 'NULL') return null;
  const sipLike = sipLikeChannel(text);
  if (sipLike !== null) return sipLike;
  const m = SIP_LIKE.exec(text) ?? IAX2.exec(text) ?? OTHER.exec(text);
  if (!m || m[1] === undefined || m[2] === undefined) return null;
  let peer = m[2];
  if (m[1] === 'IAX2') peer = peer.replace(/^[^@]*@/, '');
  // Grandstream UCM names an outbound leg `PJSIP/<trunk>/<number dialled>` (its CDR guide).
  const dialled = SIP_TRUNK_DIALLED.exec(peer);
  if (dialled && /^(?:PJ)?SIP$/i.test(m[1])) peer = dialled[1]!;
  if (peer === '') return null; // `IAX2/user@`: a login and no peer names nothing
  return { tech: m[1].toUpperCase(), peer };
}

const DASH = 45;
const SEMICOLON = 59;

/**
 * SIP_LIKE without a regex, for the channel names every outbound row carries (parseChannel runs
 * once or twice per row): `SIP/` or `PJSIP/`, a peer, `-` and 8 hex digits, optionally `;` and a
 * digit. Returns exactly what SIP_LIKE would capture, or null to let the regexes decide (any text
 * this does not recognise, including a peer holding a line terminator, which `.` does not match).
 */
function sipLikeChannel(text: string): ChannelInfo | null {
  let tech: string;
  if (text.startsWith('SIP/')) tech = 'SIP';
  else if (text.startsWith('PJSIP/')) tech = 'PJSIP';
  else return null;
  const peerStart = tech.length + 1;
  let end = text.length;
  if (end >= 2 && text.charCodeAt(end - 2) === SEMICOLON && isDigitCode(text.charCodeAt(end - 1))) end -= 2;
  const dash = end - 9;
  if (dash <= peerStart || text.charCodeAt(dash) !== DASH) return null;
  for (let i = dash + 1; i < end; i++) if (!isHexCode(text.charCodeAt(i))) return null;
  for (let i = peerStart; i < dash; i++) if (isLineTerminator(text.charCodeAt(i))) return null;
  return { tech, peer: text.slice(peerStart, dash) };
}

function isDigitCode(c: number): boolean {
  return c >= 48 && c <= 57;
}

function isHexCode(c: number): boolean {
  return isDigitCode(c) || (c >= 65 && c <= 70) || (c >= 97 && c <= 102);
}

function isLineTerminator(c: number): boolean {
  return c === 10 || c === 13 || c === 0x2028 || c === 0x2029;
}

/**
 * Heuristic: a peer that is only digits (≤ 7) is a phone extension (100, 1500, 113), not a trunk.
 * Named peers (sipus1, VIOrig, thinQ) and IP peers (172.19.45.122:5020) are trunks.
 */
export function isExtensionLike(peer: string): boolean {
  return isDigitRun(peer, 1, 7);
}

/** The trunk named by a channel, or null for Local/DAHDI-less/extension channels. */
export function trunkFromChannel(channel: string): string | null {
  return trunkOfChannel(parseChannel(channel));
}

/** trunkFromChannel for a channel already parsed (callers that need both parse it once). */
export function trunkOfChannel(info: ChannelInfo | null): string | null {
  if (!info) return null;
  if (info.tech === 'LOCAL' || info.tech === 'DAHDI' || info.tech === 'MOTIF') {
    return info.tech === 'MOTIF' ? `Motif/${info.peer.replace(/^.*@/, '')}` : null;
  }
  if (isExtensionLike(info.peer)) return null;
  return info.peer;
}

const DIAL_ARG = /^(SIP|PJSIP|IAX2)\/([^,&]+)/i;

/**
 * Trunk from Dial() data in lastdata: `PJSIP/18005551212@carrierA,60,tT` → carrierA,
 * `SIP/sipus1/12489398620` → sipus1, `SIP/12489398620@sipus1` → sipus1, `IAX2/user@peer/123`.
 */
export function trunkFromDialData(lastdata: string): string | null {
  const m = DIAL_ARG.exec(lastdata.trim());
  if (!m || m[2] === undefined) return null;
  // Only the first segment names the peer: `PJSIP/1128/sip:1128@10.0.0.5:5062` dials endpoint 1128
  // at a contact URI (the `@` after the `/` is the URI's host, not a trunk).
  const first = m[2].split('/')[0] ?? '';
  const at = first.indexOf('@');
  const peer = (at >= 0 ? first.slice(at + 1) : first).trim();
  if (peer === '' || isExtensionLike(peer)) return null;
  return peer;
}

/** The number dialled in Dial() data, when the data names one: `PJSIP/1800555@x` → 1800555. */
export function numberFromDialData(lastdata: string): string | null {
  const m = DIAL_ARG.exec(lastdata.trim());
  if (!m || m[2] === undefined) return null;
  const target = m[2];
  const at = target.indexOf('@');
  const candidate = at >= 0 ? target.slice(0, at) : (target.split('/')[1] ?? '');
  return /^\+?\d{3,}$/.test(candidate) ? candidate : null;
}
