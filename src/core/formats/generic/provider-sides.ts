/**
 * 3CX call records (v20 `cdroutput`, its CSV export) name no trunk column: each row is a segment
 * between a source and a destination participant, each with a DN type and name. A DN of type
 * `provider` is a SIP trunk, its `*_dn_name` the trunk's name as the 3CX console shows it
 * ("Telnyx Trunk"): a segment to a provider went out through it, one from a provider came in
 * through it, and one with no provider on either side (extension, queue, IVR, voicemail) stayed
 * on the PBX.
 */
import type { CallDirection } from '../../model/call-record';

export interface ProviderColumns {
  sourceType: number;
  sourceName: number;
  destinationType: number;
  destinationName: number;
}

/** The four DN columns, when the header has them all (case and spacing as 3CX writes them or not). */
export function providerColumnsOf(header: readonly string[]): ProviderColumns | null {
  const at = new Map(header.map((h, i) => [h.toLowerCase().replace(/[\s-]+/g, '_'), i]));
  const sourceType = at.get('source_dn_type');
  const sourceName = at.get('source_dn_name');
  const destinationType = at.get('destination_dn_type');
  const destinationName = at.get('destination_dn_name');
  if (sourceType === undefined || sourceName === undefined || destinationType === undefined || destinationName === undefined) return null;
  return { sourceType, sourceName, destinationType, destinationName };
}

const isProvider = (cell: string | undefined) => (cell ?? '').trim().toLowerCase() === 'provider';

/** Trunk and direction of one segment; the trunk is '' for a segment with no provider on either side. */
export function providerSide(fields: readonly string[], columns: ProviderColumns): { trunk: string; direction: CallDirection } {
  if (isProvider(fields[columns.destinationType])) return { trunk: (fields[columns.destinationName] ?? '').trim(), direction: 'outbound' };
  if (isProvider(fields[columns.sourceType])) return { trunk: (fields[columns.sourceName] ?? '').trim(), direction: 'inbound' };
  return { trunk: '', direction: 'internal' };
}
