/**
 * Internal calls (extension to extension, the proxy challenging its own phones) are not a trunk's
 * traffic: they are counted in the file report as skipped rows, under a reason that starts with
 * `internal call: `, and never stored. A parser either returns a record with direction
 * 'internal' (the ingest skips it with the plain reason) or skips the row itself with
 * internalCallReason('why'), which the file's traffic counts the same way.
 */
const INTERNAL_PREFIX = 'internal call: ';

export function internalCallReason(detail: string): string {
  return `${INTERNAL_PREFIX}${detail}`;
}

export const INTERNAL_CALL_REASON = internalCallReason('stayed on the PBX, not a trunk attempt');

export function isInternalCallReason(reason: string): boolean {
  return reason.startsWith(INTERNAL_PREFIX);
}
