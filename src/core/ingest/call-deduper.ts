/**
 * Counts a call once when several files (or one file twice: Asterisk writes Master.csv and a
 * per-account copy) contain it. Only records with a call id take part. The key is hashed to a
 * 52-bit number so a million calls cost a Set of numbers, not a Set of strings.
 */
import type { CallRecord } from '../model/call-record';

export const DUPLICATE_REASON = 'duplicate: the same call (call id, trunk, destination, start, result) was already read';

export class CallDeduper {
  private readonly seen = new Set<number>();

  /** True the first time a record is offered; false for a duplicate. */
  offer(record: CallRecord): boolean {
    const key = dedupeKey(record);
    return key === null || this.offerKey(key);
  }

  /** offer() for a key computed elsewhere (a piece worker computes keys, the merge offers them). */
  offerKey(key: number): boolean {
    if (this.seen.has(key)) return false;
    this.seen.add(key);
    return true;
  }
}

/** The record's de-duplication key, or null when it has no call id (then it never counts as a duplicate). */
export function dedupeKey(record: CallRecord): number | null {
  if (record.callId === '') return null;
  return hash52(`${record.callId}\u0000${record.trunk}\u0000${record.destination}\u0000${record.startMs}\u0000${record.sipCode ?? ''}\u0000${record.outcome}\u0000${record.reason}`);
}

/** Two independent FNV-1a 32-bit hashes combined to 52 bits (exact in a double). */
function hash52(text: string): number {
  let a = 0x811c9dc5;
  let b = 0x01000193 ^ 0x5bd1e995;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    a = Math.imul(a ^ c, 0x01000193);
    b = Math.imul(b ^ c, 0x5bd1e995);
    b ^= b >>> 15;
  }
  return (a >>> 0) * 0x100000 + ((b >>> 0) & 0xfffff);
}
