/**
 * A dialer's own dial prefix in front of the number (VICIdial `9` + `1NXXNXXXXXX`, a PBX's
 * outside-line digit) is not a destination. Decided per trunk from the aggregated destination
 * keys (first 6 digits), with libphonenumber on one sample number per key:
 *
 *   candidates s = the most common first digit, and the most common first two digits, of the
 *                  trunk's numbers (≥ 7 digits) when they start ≥ 95 % of its attempts;
 *   valid(x)     = share of attempts (over the trunk's 32 busiest keys) whose sample number,
 *                  with x removed, is a valid international number;
 *   strip s      when valid(s) ≥ 90 % and valid(s) ≥ valid(''): with s removed the numbers are
 *                  (nearly) all valid. Both readings can be valid (91 3125551212 is a valid
 *                  Indian number too); a whole trunk starting with the same digits before valid
 *                  numbers is what a dial prefix looks like, so stripping wins the tie.
 *   Of two candidates the one with more valid numbers wins, the shorter on a tie.
 * At most 2 digits are stripped (the key keeps ≥ 4 digits: NANP 1 + area code).
 */
import type { DestinationKeys } from './analysis-cache';
import { DEST_LONG } from './analysis-cache';
import { digitsText, type CallStore } from './call-store';
import { isValidInternational } from './phone-regions';

const PREFIX_SHARE = 0.95;
const VALID_SHARE = 0.9;
const EVIDENCE_KEYS = 32;

export function dialPrefixes(store: CallStore, dest: DestinationKeys, trunkCount: number): string[] {
  const keysOf: number[][] = Array.from({ length: trunkCount }, () => []);
  for (let d = 0; d < dest.count; d++) {
    if (dest.cls[d] === DEST_LONG) keysOf[dest.trunk[d]!]?.push(d);
  }
  return keysOf.map((keys) => prefixOfTrunk(store, dest, keys));
}

function prefixOfTrunk(store: CallStore, dest: DestinationKeys, keys: number[]): string {
  if (keys.length === 0) return '';
  let total = 0;
  // Attempts by first digit (0–9) and by first two digits (00–99) of the keys (6 digits each).
  const byLead1 = new Float64Array(10);
  const byLead2 = new Float64Array(100);
  for (const d of keys) {
    const n = dest.attempts[d]!;
    const digits = dest.digits[d]!;
    const first = digits.charCodeAt(0) - 48;
    total += n;
    byLead1[first]! += n;
    byLead2[first * 10 + digits.charCodeAt(1) - 48]! += n;
  }
  // Leads of one length are disjoint: at most one per length starts ≥ 95 % of the attempts.
  const candidates: string[] = [];
  for (let lead = 0; lead < 10; lead++) if (byLead1[lead]! >= PREFIX_SHARE * total) candidates.push(String(lead));
  for (let lead = 0; lead < 100; lead++) if (byLead2[lead]! >= PREFIX_SHARE * total) candidates.push(String(lead).padStart(2, '0'));
  if (candidates.length === 0) return '';
  const evidence = keys.sort((a, b) => dest.attempts[b]! - dest.attempts[a]!).slice(0, EVIDENCE_KEYS);
  const validShare = (strip: string) => {
    let valid = 0;
    let seen = 0;
    for (const d of evidence) {
      const sample = dest.sample[d]!;
      const full = digitsText(store.destDigits[sample]!, store.destLength[sample]!);
      if (!full.startsWith(strip)) continue;
      const n = dest.attempts[d]!;
      seen += n;
      if (isValidInternational(full.slice(strip.length))) valid += n;
    }
    return seen === 0 ? 0 : valid / seen;
  };
  const unstripped = validShare('');
  let best = '';
  let bestShare = 0;
  for (const s of candidates) {
    const share = validShare(s);
    if (share >= VALID_SHARE && share >= unstripped && share > bestShare) {
      best = s;
      bestShare = share;
    }
  }
  return best;
}
