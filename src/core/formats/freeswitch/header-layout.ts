/**
 * A header line that names FreeSWITCH channel variables → the column layout the template rows are
 * read with (cdr-csv-row.ts), so a custom mod_cdr_csv template with its header added by hand (the
 * custom-template hint asks for one) and a FusionPBX CDR export read as a stock template's rows do.
 *
 * What makes a header FreeSWITCH's: `start_stamp`, `hangup_cause` and `destination_number` all
 * named. `*_stamp` is FreeSWITCH's spelling of a channel timestamp and `destination_number` its
 * caller-profile field; no other family's export names the three (Asterisk writes calldate/dst,
 * VICIdial call_date). The rows then prove it: a FreeSWITCH cause NAME where `hangup_cause` is
 * (cdr-csv.ts detection). The same three name a FreeSWITCH SQL cdr table (sql-dump/table-readers.ts).
 *
 * FusionPBX's CSV download (app/xml_cdr/xml_cdr_export.php writes the columns of xml_cdr_inc.php's
 * query, in its order): domain_uuid, sip_call_id, extension, extension_name, start_stamp,
 * end_stamp, …, start_epoch, hangup_cause, `billsec as duration`, billmsec, missed_call, …,
 * xml_cdr_uuid, bridge_uuid, direction, billsec, caller_id_name, caller_id_number,
 * caller_destination, source_number, destination_number, leg, read_codec, write_codec, cc_side,
 * [the domain's cdr fields], accountcode, answer_stamp, status, sip_hangup_disposition, pdd_ms,
 * rtp_audio_in_mos, tta. No context and no gateway unless a cdr field adds them; its `direction`
 * is FusionPBX's own call_direction (inbound, outbound, local), and its `duration` is billsec.
 */
import type { Layout } from './templates';

/** The layout a header names, and what the detection says of it. */
export interface HeaderLayout {
  layout: Layout;
  /** Columns of the header: a row of another width is a split or cut row (shapeHeaderRow). */
  width: number;
  /** The header is FusionPBX's CSV download (it names xml_cdr_uuid). */
  fusionpbx: boolean;
}

/** The first of these names the header has is the column read (a variable, then its other spellings). */
const NAMES = {
  callerId: ['caller_id_number'],
  destination: ['destination_number'],
  context: ['context'],
  // cdr_mysql-style column names (start_timestamp …), as the SQL table reader knows them.
  start: ['start_stamp', 'start_timestamp'],
  answer: ['answer_stamp', 'answer_timestamp'],
  end: ['end_stamp', 'end_timestamp'],
  duration: ['duration'],
  billsec: ['billsec'],
  cause: ['hangup_cause'],
  uuid: ['uuid', 'xml_cdr_uuid'],
  channel: ['channel_name'],
  bridgeChannel: ['bridge_channel'],
  lastArg: ['last_arg'],
  userfield: ['userfield'],
  gateway: ['sip_gateway_name'],
  // sip_term_status is the final status of this leg; the others say the same less directly (formats.md §4.2).
  sipStatus: ['sip_term_status', 'sip_invite_failure_status', 'proto_specific_hangup_cause', 'last_bridge_proto_specific_hangup_cause'],
  sipPhrase: ['sip_hangup_phrase', 'sip_invite_failure_phrase'],
  // FreeSWITCH's own `${direction}` is the channel's (a phone's A-leg of an outbound call is
  // `inbound`), so only a column that states the call's direction is read: `call_direction`, or
  // FusionPBX's `direction` (below).
  direction: ['call_direction'],
} as const satisfies Record<string, readonly string[]>;

/** Free-text columns written unescaped: a `"` and a `,` in one split it (templates.ts). */
const FREE_TEXT = ['caller_id_name', 'caller_id', 'last_arg', 'extension_name'];

/** A header cell as a variable name: `${start_stamp}` (a template line pasted as the header) reads as start_stamp. */
function variableName(cell: string): string {
  const name = cell.trim().toLowerCase();
  const wrapped = /^\$\{([a-z0-9_]+)\}$/.exec(name);
  return wrapped?.[1] ?? name;
}

/** The layout of a header line, or null when it does not name FreeSWITCH's columns. */
export function headerLayout(header: readonly string[]): HeaderLayout | null {
  const index = new Map<string, number>();
  header.forEach((cell, i) => {
    // Only a short cell can be a name; the first of a repeated name is read.
    if (cell.length > 80) return;
    const name = variableName(cell);
    if (!index.has(name)) index.set(name, i);
  });
  const at = (names: readonly string[]): number | undefined => {
    for (const name of names) {
      const i = index.get(name);
      if (i !== undefined) return i;
    }
    return undefined;
  };
  const start = at(NAMES.start);
  const cause = at(NAMES.cause);
  const destination = at(NAMES.destination);
  if (start === undefined || cause === undefined || destination === undefined) return null;
  const fusionpbx = index.has('xml_cdr_uuid');
  const channel = at(NAMES.channel);
  const bridgeChannel = at(NAMES.bridgeChannel);
  const layout: Layout = {
    // Channel names say the direction and the gateway better than the context (cdr-csv-row.ts).
    family: channel !== undefined || bridgeChannel !== undefined ? 'asterisk' : 'example',
    destination,
    start,
    cause,
    callerId: at(NAMES.callerId),
    context: at(NAMES.context),
    answer: at(NAMES.answer),
    end: at(NAMES.end),
    // FusionPBX's `duration` is `c.billsec as duration`: not the call's length.
    duration: fusionpbx ? undefined : at(NAMES.duration),
    billsec: at(NAMES.billsec),
    uuid: at(NAMES.uuid),
    channel,
    bridgeChannel,
    lastArg: at(NAMES.lastArg),
    userfield: at(NAMES.userfield),
    gateway: at(NAMES.gateway),
    sipStatus: at(NAMES.sipStatus),
    sipPhrase: at(NAMES.sipPhrase),
    direction: at(fusionpbx ? [...NAMES.direction, 'direction'] : NAMES.direction),
    freeText: FREE_TEXT.flatMap((name) => index.get(name) ?? []),
  };
  return { layout, width: header.length, fusionpbx };
}
