/**
 * Per file: its calls by direction and the auth challenges in it, so the file card and the CLI can
 * say how much of the file was a trunk's outbound attempts. Outbound, inbound and unknown count the
 * calls stored (after de-duplication); internal counts the rows skipped as internal calls.
 */
import type { CallDirection } from '../model/call-record';
import { isInternalCallReason } from '../model/direction';
import type { SkipGroup } from './row-accounting';

export interface FileTraffic {
  outbound: number;
  inbound: number;
  internal: number;
  unknownDirection: number;
  /** Digest challenges (401/407) answered by a retry or not; filled by formats that show them. */
  authChallenges: number;
  /** Of those, calls that went through on the retry. */
  answeredAfterChallenge: number;
}

export function emptyTraffic(): FileTraffic {
  return { outbound: 0, inbound: 0, internal: 0, unknownDirection: 0, authChallenges: 0, answeredAfterChallenge: 0 };
}

/** Count `calls` stored calls (one by default). Internal calls are never stored: internalCallsIn counts their skipped rows. */
export function countDirection(traffic: FileTraffic, direction: CallDirection, calls = 1): void {
  if (direction === 'outbound') traffic.outbound += calls;
  else if (direction === 'inbound') traffic.inbound += calls;
  else if (direction === 'unknown') traffic.unknownDirection += calls;
}

/** Rows skipped as internal calls, whichever detail their reason gives. */
export function internalCallsIn(skipped: readonly SkipGroup[]): number {
  let n = 0;
  for (const g of skipped) if (isInternalCallReason(g.reason)) n += g.count;
  return n;
}
