/**
 * Rows of CDR exports that name their columns (FreePBX CDR Reports CSV, asteriskcdrdb.cdr dumps,
 * cdr_adaptive_odbc tables; formats.md §2). Column names are CDR variable names, matched case-
 * insensitively as cdr_adaptive_odbc does (configs/samples/cdr_adaptive_odbc.conf.sample), plus
 * the extra user-variable columns sites add for trunk analysis (trunk, hangupcause, sipcode …).
 */
import type { CdrRow } from './cdr-row';
import { clean } from './cdr-row';
import type { MapResult } from './parser-core';
import { normalizeHeader, normalizeHeaderCell } from './shapes';

type TextField = Exclude<keyof CdrRow, 'noTrunkColumns' | 'tokens'>;
type Role = TextField | 'start' | 'answer' | 'end' | 'linkedid';

const NAMES: ReadonlyArray<readonly [Role, readonly string[]]> = [
  ['start', ['calldate', 'start', 'starttime', 'start_time']],
  ['answer', ['answer', 'answertime', 'answer_time']],
  ['end', ['end', 'endtime', 'end_time']],
  ['clid', ['clid']],
  ['src', ['src']],
  ['dst', ['dst']],
  ['dcontext', ['dcontext']],
  ['channel', ['channel']],
  ['dstchannel', ['dstchannel']],
  ['lastapp', ['lastapp']],
  ['lastdata', ['lastdata']],
  ['duration', ['duration']],
  ['billsec', ['billsec']],
  ['disposition', ['disposition']],
  ['uniqueid', ['uniqueid']],
  ['linkedid', ['linkedid']],
  ['userfield', ['userfield']],
  ['cnum', ['cnum']],
  ['outboundCnum', ['outbound_cnum']],
  ['trunk', ['trunk', 'trunkname', 'trunk_name', 'outbound_trunk']],
  ['sipCode', ['sipcode', 'sip_code', 'sip_status', 'sipstatus', 'sip_response', 'sipresponse', 'sip_term_status', 'response_code']],
  ['sipReason', ['sip_reason', 'sipreason', 'sip_phrase', 'reason_phrase', 'sip_hangup_phrase']],
  ['hangupCause', ['hangupcause', 'hangup_cause', 'cause', 'q850', 'q850cause', 'q850_cause']],
  ['causeTech', ['hangupcause_tech', 'hangupcausetech', 'causetech', 'cause_tech', 'sip_cause', 'sipcause', 'tech_cause']],
];

const ROLE_OF = new Map<string, Role>();
for (const [role, names] of NAMES) for (const name of names) ROLE_OF.set(name, role);

/** The trunk-bearing columns: without any of them the file has no trunk notion. */
const TRUNK_ROLES: readonly Role[] = ['channel', 'dstchannel', 'lastdata', 'trunk'];

export type Roles = Partial<Record<Role, number>>;

export function rolesOf(header: readonly string[]): Roles {
  const roles: Roles = {};
  normalizeHeader(header).forEach((name, i) => {
    const role = ROLE_OF.get(name);
    if (role !== undefined && roles[role] === undefined) roles[role] = i;
  });
  return roles;
}

/** A header line of an Asterisk-style CDR export: names a start time and a disposition. */
export function looksLikeCdrHeader(row: readonly string[]): boolean {
  const roles = rolesOf(row);
  return roles.disposition !== undefined && roles.start !== undefined;
}

export function hasTrunkColumns(roles: Roles): boolean {
  return TRUNK_ROLES.some((r) => roles[r] !== undefined);
}

export interface HeaderMapperOptions {
  /** Column names to use when the first row is not a header (headerless table dumps). */
  fallbackHeader?: readonly string[];
  /** Column counts accepted without a header (fallback mode). */
  fallbackColumns?: { min: number; max: number };
}

/** A stateful row mapper: learns the header from the first row (or uses the fallback names). */
export class HeaderMapper {
  private header: string[] | null = null;
  private roles: Roles = {};
  /** Each role's column, -1 where the header has none (map reads them into a row at once). */
  private at: Record<Role, number> = columnsOf({});
  private noTrunkColumns = true;
  private positional = false;

  constructor(private readonly options: HeaderMapperOptions = {}) {}

  hasTrunk(): boolean {
    return this.header === null || hasTrunkColumns(this.roles);
  }

  /** The start column of the header learnt (or the fallback's); null before the first row, or when it names none. */
  startField(): number | null {
    return this.header === null || this.at.start < 0 ? null : this.at.start;
  }

  private use(header: readonly string[], positional: boolean): void {
    this.header = normalizeHeader(header);
    this.roles = rolesOf(header);
    this.at = columnsOf(this.roles);
    this.noTrunkColumns = !hasTrunkColumns(this.roles);
    this.positional = positional;
  }

  /**
   * The row is the header once more, cell by cell: a data row's first cell (a date) already
   * differs, so a row costs one cell's normalizing, not every cell's.
   */
  private isHeaderAgain(f: readonly string[]): boolean {
    const header = this.header!;
    if (f.length !== header.length) return false;
    for (let i = 0; i < f.length; i++) if (normalizeHeaderCell(f[i]!) !== header[i]) return false;
    return true;
  }

  map(fields: readonly string[]): MapResult {
    let f = fields;
    if (this.header === null) {
      const fallback = this.options.fallbackHeader;
      if (fallback && !looksLikeCdrHeader(f)) {
        this.use(fallback, true);
      } else {
        this.use(f, false);
        return { kind: 'header' };
      }
    } else if (!this.positional && this.isHeaderAgain(f)) {
      return { kind: 'header' }; // the header again (exports concatenated)
    }
    const expected = this.header!.length;
    if (!this.positional && f.length > expected) f = mergeSplitClid(f, expected, this.roles.clid);
    if (this.positional) {
      const { min, max } = this.options.fallbackColumns ?? { min: expected, max: expected };
      if (f.length < min) return { kind: 'skip', reason: `too few columns (${f.length} of ${min}): truncated row?` };
      if (f.length > max) return { kind: 'skip', reason: `too many columns (${f.length}, at most ${max}): unquoted comma?` };
    } else {
      if (f.length < expected) return { kind: 'skip', reason: `too few columns (${f.length} of ${expected}): truncated row?` };
      if (f.length > expected) return { kind: 'skip', reason: `too many columns (${f.length} of ${expected}): unquoted comma?` };
    }
    // One object literal of one shape, every field read by its column: a row per data line.
    const at = this.at;
    const row: CdrRow = {
      src: cell(f, at.src),
      dst: cell(f, at.dst),
      dcontext: cell(f, at.dcontext),
      clid: cell(f, at.clid),
      channel: cell(f, at.channel),
      dstchannel: cell(f, at.dstchannel),
      lastapp: cell(f, at.lastapp),
      lastdata: cell(f, at.lastdata),
      duration: cell(f, at.duration),
      billsec: cell(f, at.billsec),
      disposition: cell(f, at.disposition),
      uniqueid: cell(f, at.uniqueid),
      userfield: cell(f, at.userfield),
      cnum: cell(f, at.cnum),
      outboundCnum: cell(f, at.outboundCnum),
      trunk: cell(f, at.trunk),
      sipCode: cell(f, at.sipCode),
      sipReason: cell(f, at.sipReason),
      hangupCause: cell(f, at.hangupCause),
      causeTech: cell(f, at.causeTech),
      noTrunkColumns: this.noTrunkColumns,
    };
    if (row.uniqueid === '') row.uniqueid = cell(f, at.linkedid);
    const times = {
      start: cell(f, at.start),
      answer: at.answer >= 0 ? cell(f, at.answer) : null,
      end: at.end >= 0 ? cell(f, at.end) : null,
    };
    return { kind: 'row', row, times };
  }
}

/** Field `i` cleaned (clean()); '' for a role the header has no column of (-1). */
function cell(f: readonly string[], i: number): string {
  return i < 0 ? '' : clean(f[i]);
}

/** Every role's column in `roles`, -1 where it has none. */
function columnsOf(roles: Roles): Record<Role, number> {
  const at = {} as Record<Role, number>;
  for (const [role] of NAMES) at[role] = roles[role] ?? -1;
  return at;
}

/**
 * The pre-2014 FreePBX writer wrapped a clid containing a comma in quotes without doubling the
 * inner ones (`""Doe, John" <1003>"`, formats.md §2.2), which splits it at the comma. When a row
 * has too many columns and the piece that would end the clid ends like one (`<1003>` or
 * `<1003>"`), the pieces are joined back; otherwise the row is left as it is (and skipped).
 */
function mergeSplitClid(f: readonly string[], expected: number, clid: number | undefined): readonly string[] {
  if (clid === undefined) return f;
  const extra = f.length - expected;
  const end = f[clid + extra];
  if (end === undefined || !endsLikeClid(end)) return f;
  return [...f.slice(0, clid), f.slice(clid, clid + extra + 1).join(','), ...f.slice(clid + extra + 1)];
}

/** `/<[^<>]*>"?\s*$/` by scanning (the pattern is quadratic on a long field): ends in `<…>`, a quote, spaces. */
function endsLikeClid(text: string): boolean {
  let end = text.trimEnd();
  if (end.endsWith('"')) end = end.slice(0, -1);
  if (!end.endsWith('>')) return false;
  const open = end.lastIndexOf('<');
  return open >= 0 && !end.slice(open + 1, -1).includes('>');
}
