/**
 * What to log, said for the platform the trunk's files come from: a Kamailio user is told about
 * acc columns, not an Asterisk CDR template. The families are those of the files naming the trunk
 * (evidence.ts); none known (a caller that passes no formats) gives every platform's line.
 */
import type { FormatFamily } from '../formats/format-module';
import { adviceForMissingSipCodes } from '../model/capability-advice';
import { formatCount } from '../model/format-count';

const PLATFORM: Record<FormatFamily, string> = {
  asterisk: 'Asterisk',
  freepbx: 'FreePBX',
  freeswitch: 'FreeSWITCH',
  kamailio: 'Kamailio',
  vicidial: 'VICIdial',
  generic: 'Your export',
};

/** Every platform, when the files' families are not known. */
const ALL: readonly FormatFamily[] = ['asterisk', 'freeswitch', 'kamailio', 'vicidial'];

function perPlatform(families: readonly FormatFamily[], line: (family: FormatFamily) => string): string {
  const known = families.length > 0 ? [...new Set(families)] : ALL;
  if (known.length === 1) return line(known[0]!);
  return known.map((f) => `${PLATFORM[f]}: ${line(f)}`).join(' ');
}

/** The file gives no SIP code (a disposition or a Q.850 cause) for the trunk's failures. */
export function noSipCodesAdvice(families: readonly FormatFamily[]): string {
  return `The file cannot tell a 603 Decline from other failures (it logs a disposition or a Q.850 cause, not the SIP code). Log the SIP code and reason — ${perPlatform(families, (f) => adviceForMissingSipCodes(f).fix.join(' '))}`;
}

const CALLER_ID: Record<FormatFamily, string> = {
  asterisk: 'export the src / clid column.',
  freepbx: 'export the src / clid column.',
  freeswitch: 'add ${caller_id_number} to the cdr_csv template.',
  kamailio: 'add the From user to the acc table (db_extra "src_user=$fU").',
  vicidial: 'use the Export Calls Report with the carrier fields (outbound_cid).',
  generic: 'export the caller ID (CLI, From) column, or map it in the column panel.',
};

/** The file gives no caller IDs for the trunk. */
export function noCallerIdsAdvice(families: readonly FormatFamily[]): string {
  const advice = perPlatform(families, (f) => CALLER_ID[f]);
  // One platform's line starts a sentence of its own ("… cannot be checked. Use the Export …").
  return `Caller IDs: the file has none, so a caller-ID block cannot be checked. ${advice.charAt(0).toUpperCase()}${advice.slice(1)}`;
}

/**
 * Fewer than half the trunk's calls have an end time. `inviteTimeSaid`: the list already tells how to
 * log the INVITE's time (finalReplyStampAdvice, under calls per second), so it is pointed to, not repeated.
 */
export function fewEndTimesAdvice(families: readonly FormatFamily[], inviteTimeSaid = false): string {
  const base = 'End times for most calls: fewer than half have one, so concurrency (a channel cap) cannot be checked.';
  if (families.length > 0 && families.every((f) => f === 'kamailio')) {
    const invite = inviteTimeSaid ? 'log the INVITE\'s time as said under calls per second.' : INVITE_TIME_ADVICE;
    return `${base} Kamailio acc ends only answered calls (BYE rows) and logs the final reply, not the INVITE: ${invite} Or use the PBX CDR.`;
  }
  return `${base} Export the end time or the duration (ring time included) of every call.`;
}

/** Kamailio: how to log the INVITE's time in acc; the column name is one the acc reader takes as the start (acc-columns.ts). */
export const INVITE_TIME_ADVICE =
  'log the INVITE\'s time in an acc extra column — in request_route, before t_relay(), `$avp(invite_time) = $timef(%Y-%m-%d %H:%M:%S);` (or $TV(Sn) where the server runs on UTC), and `modparam("acc", "db_extra", "…;invite_time=$avp(invite_time)")` with an invite_time column in acc: this app then starts each attempt there.';

/**
 * The trunk's answered calls are stamped at their final reply (Kamailio acc without an INVITE
 * time): what the CPS step cannot measure, and what to log.
 */
export function finalReplyStampAdvice(stamped: { n: number; d: number }): string {
  return `Calls per second as the carrier saw them: this file stamps each attempt at its final reply (Kamailio acc writes the row when the reply is sent), so ${formatCount(stamped.n)} of ${formatCount(stamped.d)} answered calls count in the second they were answered, their ring time after the INVITE, and a CPS limit need not show as a knee. To measure it, ${INVITE_TIME_ADVICE}`;
}
