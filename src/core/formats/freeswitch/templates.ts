/**
 * mod_cdr_csv templates (formats.md §4.1). Source: signalwire/freeswitch
 * conf/vanilla/autoload_configs/cdr_csv.conf.xml (example, sql, snom, linksys, asterisk,
 * opencdrrate) and src/mod/event_handlers/mod_cdr_csv/mod_cdr_csv.c (`default_template`: the
 * example template minus the two codecs, with `", "` before accountcode).
 * No header row is ever written, so a template is recognized by its column count and the types in
 * known positions. example, default, sql, snom and linksys share their first 13 columns, so one
 * column map reads them all; the asterisk-like template has its own order.
 */

export type TemplateName = 'example' | 'default' | 'sql' | 'snom' | 'linksys' | 'asterisk';

/**
 * Column positions of what a record needs. A shipped template's layout names every column it has;
 * a layout made from a file's header line (header-layout.ts) may lack some (a column it does not
 * name reads as empty) and may name sofia variables no shipped template writes (formats.md §4.2).
 */
export interface Layout {
  family: 'example' | 'asterisk';
  destination: number;
  start: number;
  cause: number;
  callerId?: number;
  /** The dialplan context: `public` for calls from outside in the vanilla configuration (direction.ts). */
  context?: number;
  answer?: number;
  end?: number;
  duration?: number;
  billsec?: number;
  uuid?: number;
  channel?: number;
  bridgeChannel?: number;
  lastArg?: number;
  userfield?: number;
  /** `${sip_gateway_name}`: the gateway an outbound leg was sent through (a header line names it: header-layout.ts). */
  gateway?: number;
  /** The final SIP status as digits or `sip:503` (`${sip_term_status}`, `${proto_specific_hangup_cause}`, …). */
  sipStatus?: number;
  /** The reason phrase of that status (`${sip_hangup_phrase}`, `${sip_invite_failure_phrase}`). */
  sipPhrase?: number;
  /** A column that states the call's direction in words (FusionPBX's export: inbound, outbound, local). */
  direction?: number;
  /**
   * Columns holding free text that mod_cdr_csv writes unescaped (caller_id_name, `${caller_id}` =
   * `"name" <number>`, last_arg): a `"` plus a `,` there splits one value into several fields.
   */
  freeText: readonly number[];
}

/**
 * "${caller_id_name}","${caller_id_number}","${destination_number}","${context}","${start_stamp}",
 * "${answer_stamp}","${end_stamp}","${duration}","${billsec}","${hangup_cause}","${uuid}",
 * "${bleg_uuid}","${accountcode}"[,"${read_codec}","${write_codec}"[,…]]
 */
export const EXAMPLE_LAYOUT: Layout = {
  family: 'example',
  callerId: 1,
  destination: 2,
  context: 3,
  start: 4,
  answer: 5,
  end: 6,
  duration: 7,
  billsec: 8,
  cause: 9,
  uuid: 10,
  freeText: [0],
};

/**
 * "${accountcode}","${caller_id_number}","${destination_number}","${context}","${caller_id}",
 * "${channel_name}","${bridge_channel}","${last_app}","${last_arg}","${start_stamp}",
 * "${answer_stamp}","${end_stamp}","${duration}","${billsec}","${hangup_cause}","${amaflags}",
 * "${uuid}","${userfield}"  — Asterisk's Master.csv order, but a FreeSWITCH cause NAME where
 * Asterisk writes the disposition.
 */
export const ASTERISK_LAYOUT: Layout = {
  family: 'asterisk',
  callerId: 1,
  destination: 2,
  context: 3,
  channel: 5,
  bridgeChannel: 6,
  lastArg: 8,
  start: 9,
  answer: 10,
  end: 11,
  duration: 12,
  billsec: 13,
  cause: 14,
  uuid: 16,
  userfield: 17,
  freeText: [4, 8, 0],
};

export const TEMPLATE_COLUMNS: Readonly<Record<TemplateName, number>> = {
  default: 13,
  sql: 13,
  example: 15,
  linksys: 17,
  asterisk: 18,
  snom: 20,
};

export function layoutOf(template: TemplateName): Layout {
  return template === 'asterisk' ? ASTERISK_LAYOUT : EXAMPLE_LAYOUT;
}

/** The template a row of this many columns would be, or null. */
export function templateForCount(count: number, sql: boolean): TemplateName | null {
  if (sql) return count === TEMPLATE_COLUMNS.sql ? 'sql' : null;
  switch (count) {
    case 13:
      return 'default';
    case 15:
      return 'example';
    case 17:
      return 'linksys';
    case 18:
      return 'asterisk';
    case 20:
      return 'snom';
    default:
      return null;
  }
}
