/**
 * Exports that name the trunk once per side of a call, not in one trunk column: the side a call
 * went out through (destination) or came in through (source). A call with a trunk on its
 * destination side went out through it, one with a trunk only on its source side came in through
 * it, and one with neither stayed on the PBX (internal).
 *
 * - 3CX call records (v20 `cdroutput`, its CSV export): each row is a segment between a source and
 *   a destination participant, each with a DN type and name. A DN of type `provider` is a SIP
 *   trunk, its `*_dn_name` the trunk's name as the 3CX console shows it ("Telnyx Trunk").
 * - Yeastar: P-Series CDR export `Source Trunk` ("the call was received via which trunk") and
 *   `Destination Trunk` ("the call was sent out via which trunk"), help.yeastar.com "Call Detail
 *   Record (CDR) Overview"; S-Series / Cloud PBX API `srctrunkname` / `desttrunkname`. A side is a
 *   trunk when its cell is filled: the export leaves the other side, and both of an internal call, empty.
 */
import type { CallDirection } from '../../model/call-record';
import { headerKey } from './header-names';
import { clean } from './values';

/** One side of a call: the column naming its trunk, and the column typing it when the file has one. */
interface Side {
  name: number;
  /** 3CX's `*_dn_type`: the side is a trunk when it says `provider`. Absent: when the name is filled. */
  type?: number;
}

export interface ProviderColumns {
  source: Side;
  destination: Side;
}

/** Header keys (headerKey) of the per-side trunk columns, source first. */
const TRUNK_PAIRS: ReadonlyArray<readonly [string, string]> = [
  ['sourcetrunk', 'destinationtrunk'], // Yeastar P-Series CDR export
  ['srctrunkname', 'desttrunkname'], // Yeastar S-Series / Cloud PBX API
];

/** The four 3CX DN columns, when the header has them all (case and spacing as 3CX writes them or not). */
function dnColumnsOf(header: readonly string[]): ProviderColumns | null {
  const at = new Map(header.map((h, i) => [h.toLowerCase().replace(/[\s-]+/g, '_'), i]));
  const sourceType = at.get('source_dn_type');
  const sourceName = at.get('source_dn_name');
  const destinationType = at.get('destination_dn_type');
  const destinationName = at.get('destination_dn_name');
  if (sourceType === undefined || sourceName === undefined || destinationType === undefined || destinationName === undefined) return null;
  return { source: { name: sourceName, type: sourceType }, destination: { name: destinationName, type: destinationType } };
}

/** A source and a destination trunk column, when the header has a known pair of them. */
function trunkColumnsOf(header: readonly string[]): ProviderColumns | null {
  const at = new Map(header.map((h, i) => [headerKey(h), i]));
  for (const [sourceKey, destinationKey] of TRUNK_PAIRS) {
    const source = at.get(sourceKey);
    const destination = at.get(destinationKey);
    if (source !== undefined && destination !== undefined) return { source: { name: source }, destination: { name: destination } };
  }
  return null;
}

/** The per-side trunk columns of a header, or null when it names the trunk (if at all) in one column. */
export function providerColumnsOf(header: readonly string[]): ProviderColumns | null {
  return dnColumnsOf(header) ?? trunkColumnsOf(header);
}

/** The columns that name a side's trunk: a trunk role mapped to one of them means "the sides decide". */
export function sideNameColumns(columns: ProviderColumns): number[] {
  return [columns.source.name, columns.destination.name];
}

/** Is this side of the row a trunk? */
function isTrunk(fields: readonly string[], side: Side): boolean {
  if (side.type !== undefined) return (fields[side.type] ?? '').trim().toLowerCase() === 'provider';
  return clean(fields[side.name]) !== '';
}

const trunkOf = (fields: readonly string[], side: Side) => (fields[side.name] ?? '').trim();

/**
 * Trunk and direction of one row; the trunk is '' for a row with no trunk on either side.
 * `stated` is what the file's own direction column says, when it has one: a call that came in on one
 * trunk and went out on another (a forward) is on the side that direction names.
 */
export function providerSide(fields: readonly string[], columns: ProviderColumns, stated: CallDirection = 'unknown'): { trunk: string; direction: CallDirection } {
  const out = isTrunk(fields, columns.destination);
  const inn = isTrunk(fields, columns.source);
  if (stated === 'inbound' && inn) return { trunk: trunkOf(fields, columns.source), direction: 'inbound' };
  if (out) return { trunk: trunkOf(fields, columns.destination), direction: 'outbound' };
  if (inn) return { trunk: trunkOf(fields, columns.source), direction: 'inbound' };
  return { trunk: '', direction: 'internal' };
}
