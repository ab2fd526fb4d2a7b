/**
 * Column layouts of the accounting tables (formats.md §5):
 * - Kamailio `acc` / `missed_calls` (kamailio utils/kamctl/mysql/acc-create.sql, acc v4/v5):
 *   id, method, from_tag, to_tag, callid, sip_code, sip_reason, time — plus one column per db_extra.
 * - dSIPRouter db_extra (dOpensource/dsiprouter testing/sql/v0.79/kamailio.sql): src_ip, dst_ouser,
 *   dst_user, dst_domain, src_user, src_domain, cdr_id, calltype, src_gwgroupid, dst_gwgroupid.
 * - OpenSIPS acc v7 (OpenSIPS/opensips scripts/mysql/acc-create.sql): … time, duration, ms_duration,
 *   setuptime, created; v6 lacks ms_duration; missed_calls: … time, setuptime, created.
 * Column names are configurable (acc_*_column), so a few common aliases are accepted.
 * - The INVITE's own time, where a site logs it as an extra column (acc writes `time` at the final
 *   reply): `invite_time` (or invite_ts, invite_timestamp), e.g. db_extra "invite_time=$avp(invite_time)"
 *   with `$avp(invite_time) = $timef(%Y-%m-%d %H:%M:%S);` (or $TV(Sn)) in request_route.
 */

export interface AccColumns {
  count: number;
  method: number;
  callId: number;
  sipCode: number;
  sipReason: number;
  time: number;
  duration: number;
  msDuration: number;
  setupTime: number;
  created: number;
  /** The INVITE's time in an extra column (see above); -1 when none. */
  inviteTime: number;
  /** Trunk sources, best first: gateway group id, a gateway/carrier column, the destination host. */
  gwGroup: number;
  gateway: number;
  dstDomain: number;
  destination: number[];
  callerId: number;
  /**
   * Where the call came from and which way the proxy routed it (direction, acc-direction.ts):
   * dSIPRouter's `calltype` (inbound / outbound, set only on calls to or from a carrier), the
   * source gateway group, the source address.
   */
  callType: number;
  srcGwGroup: number;
  srcIp: number;
}

const ALIASES = {
  method: ['method', 'sip_method'],
  callId: ['callid', 'call_id', 'sip_callid'],
  sipCode: ['sip_code', 'code', 'sip_status', 'response_code'],
  sipReason: ['sip_reason', 'reason', 'sip_reason_phrase'],
  time: ['time', 'timestamp', 'request_timestamp', 'acc_time'],
  duration: ['duration'],
  msDuration: ['ms_duration'],
  setupTime: ['setuptime', 'setup_time'],
  created: ['created'],
  inviteTime: ['invite_time', 'invite_ts', 'invite_timestamp'],
  gwGroup: ['dst_gwgroupid', 'gwgroupid', 'dst_gwgroup', 'gwgroup', 'dst_gw_group'],
  gateway: ['gateway', 'gw', 'gwid', 'dst_gwid', 'dst_gw', 'gw_name', 'carrier', 'carrier_name', 'carrier_id', 'trunk', 'trunk_name', 'dst_trunk'],
  dstDomain: ['dst_domain', 'dst_host', 'dst_ip', 'to_domain', 'ruri_domain', 'dst_ip_addr'],
  destination: ['dst_ouser', 'dst_user', 'to_user', 'ruri_user', 'callee', 'called', 'called_number', 'dnis'],
  callerId: ['src_user', 'from_user', 'caller', 'caller_id', 'calling_number', 'ani', 'cli'],
  callType: ['calltype', 'call_type'],
  srcGwGroup: ['src_gwgroupid', 'src_gwgroup', 'src_gw_group'],
  srcIp: ['src_ip', 'source_ip', 'src_addr'],
} as const;

export function normalizeName(name: string): string {
  return name.trim().replace(/^\uFEFF/, '').replace(/^["'`[]|["'`\]]$/g, '').toLowerCase();
}

function find(names: readonly string[], aliases: readonly string[]): number {
  for (const alias of aliases) {
    const i = names.indexOf(alias);
    if (i >= 0) return i;
  }
  return -1;
}

/** Map column names to roles; null unless method, callid, sip_code and time are all there. */
export function resolveAccColumns(rawNames: readonly string[]): AccColumns | null {
  const names = rawNames.map(normalizeName);
  const cols: AccColumns = {
    count: names.length,
    method: find(names, ALIASES.method),
    callId: find(names, ALIASES.callId),
    sipCode: find(names, ALIASES.sipCode),
    sipReason: find(names, ALIASES.sipReason),
    time: find(names, ALIASES.time),
    duration: find(names, ALIASES.duration),
    msDuration: find(names, ALIASES.msDuration),
    setupTime: find(names, ALIASES.setupTime),
    created: find(names, ALIASES.created),
    inviteTime: find(names, ALIASES.inviteTime),
    gwGroup: find(names, ALIASES.gwGroup),
    gateway: find(names, ALIASES.gateway),
    dstDomain: find(names, ALIASES.dstDomain),
    destination: ALIASES.destination.map((a) => names.indexOf(a)).filter((i) => i >= 0),
    callerId: find(names, ALIASES.callerId),
    callType: find(names, ALIASES.callType),
    srcGwGroup: find(names, ALIASES.srcGwGroup),
    srcIp: find(names, ALIASES.srcIp),
  };
  if (cols.method < 0 || cols.callId < 0 || cols.sipCode < 0) return null;
  if (cols.time < 0) cols.time = cols.created; // OpenSIPS tables renamed `time` away: created is the next best
  if (cols.time < 0) return null;
  return cols;
}

/** True when a header row names the acc core columns (Kamailio or OpenSIPS). */
export function isAccHeader(row: readonly string[]): boolean {
  return resolveAccColumns(row) !== null;
}

const CORE = ['id', 'method', 'from_tag', 'to_tag', 'callid', 'sip_code', 'sip_reason', 'time'];
const DSIPROUTER_EXTRA = ['src_ip', 'dst_ouser', 'dst_user', 'dst_domain', 'src_user', 'src_domain', 'cdr_id', 'calltype', 'src_gwgroupid', 'dst_gwgroupid'];

export interface Layout {
  name: string;
  columns: string[];
}

/** Headerless layouts by column count, checked on values by `matchesCore`. */
export const HEADERLESS_LAYOUTS: readonly Layout[] = [
  { name: 'Kamailio acc (8 columns)', columns: CORE },
  { name: 'Kamailio acc without id (7 columns)', columns: CORE.slice(1) },
  { name: 'dSIPRouter acc (18 columns)', columns: [...CORE, ...DSIPROUTER_EXTRA] },
  { name: 'OpenSIPS acc v7 (12 columns)', columns: [...CORE, 'duration', 'ms_duration', 'setuptime', 'created'] },
  { name: 'OpenSIPS acc v6 (11 columns)', columns: [...CORE, 'duration', 'setuptime', 'created'] },
  { name: 'OpenSIPS missed_calls (10 columns)', columns: [...CORE, 'setuptime', 'created'] },
];

const METHOD = /^(INVITE|BYE|CANCEL|ACK|REGISTER|OPTIONS|MESSAGE|NOTIFY|SUBSCRIBE|PUBLISH|INFO|REFER|UPDATE|PRACK)$/;
const CODE = /^[1-6]\d\d$/;
const TIME = /^(\d{4}-\d{2}-\d{2}[ T]\d{2}:\d{2}(:\d{2}(\.\d+)?)?|\d{9,10}(\.\d+)?)$/;

/** The row's values sit where the acc core columns of `layout` say (method, code, time). */
export function matchesCore(row: readonly string[], columns: readonly string[]): boolean {
  const at = (name: string) => columns.indexOf(name);
  const method = row[at('method')]?.trim().toUpperCase() ?? '';
  const code = row[at('sip_code')]?.trim() ?? '';
  const time = row[at('time')]?.trim() ?? '';
  return METHOD.test(method) && CODE.test(code) && TIME.test(time);
}

/**
 * Column names for a headerless row: the known layout of that width whose core columns hold a
 * method, a code and a time; else, for a wider row whose first 8 values fit, the core names plus
 * `extra_<n>` for the unknown db_extra columns. Null when the row does not look like acc.
 */
export function headerlessColumns(row: readonly string[]): Layout | null {
  for (const layout of HEADERLESS_LAYOUTS) {
    if (layout.columns.length === row.length && matchesCore(row, layout.columns)) return layout;
  }
  if (row.length > CORE.length && matchesCore(row, CORE)) {
    const extra = row.slice(CORE.length).map((_, i) => `extra_${i + 1}`);
    return { name: `Kamailio acc + ${extra.length} extra columns`, columns: [...CORE, ...extra] };
  }
  return null;
}

export function isSipMethod(text: string): boolean {
  return METHOD.test(text);
}
