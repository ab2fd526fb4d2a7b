/**
 * What a file's own direction column says, for every reader that finds one (generic CSV, SQL cdr
 * tables): one word list, so "inbound" means the same whatever the file.
 */
import type { CallDirection } from '../../model/call-record';
import { ownText } from '../../analysis/own-text';

/**
 * A direction column's words → CallDirection. Twilio writes `outbound-api`, `outbound-dial`,
 * `inbound`, and for Elastic SIP Trunking `trunking-terminating` (Termination: from your PBX out
 * to the PSTN, outbound) and `trunking-originating` (Origination: from the PSTN in to your PBX,
 * inbound; Twilio's Call resource, `direction`);
 * Yeastar's call type is Inbound / Outbound / Internal; FusionPBX's v_xml_cdr writes `local` for
 * extension-to-extension calls. Anything else says nothing: unknown.
 */
const DIRECTIONS: ReadonlyMap<string, CallDirection> = new Map<string, CallDirection>([
  ['OUTBOUND', 'outbound'], ['OUTGOING', 'outbound'], ['OUT', 'outbound'], ['O', 'outbound'], ['OUTBOUND API', 'outbound'],
  ['OUTBOUND DIAL', 'outbound'], ['TRUNKING TERMINATING', 'outbound'], ['EGRESS', 'outbound'],
  ['INBOUND', 'inbound'], ['INCOMING', 'inbound'], ['IN', 'inbound'], ['I', 'inbound'], ['TRUNKING ORIGINATING', 'inbound'], ['INGRESS', 'inbound'],
  ['INTERNAL', 'internal'], ['LOCAL', 'internal'], ['INTERN', 'internal'], ['EXTENSION', 'internal'],
]);

/** A column holds a handful of distinct words: each is normalized once (bounded, a file may lie). */
const memo = new Map<string, CallDirection>();
const MEMO_MAX = 256;

export function directionWord(text: string): CallDirection {
  const known = memo.get(text);
  if (known !== undefined) return known;
  const direction = text.length > 40 ? 'unknown' : (DIRECTIONS.get(text.trim().toUpperCase().replace(/[\s_-]+/g, ' ')) ?? 'unknown');
  if (memo.size < MEMO_MAX) memo.set(ownText(text), direction);
  return direction;
}
