/**
 * Matches calls' numbers, as the CallStore keeps them (leading digits in a double + a length),
 * against digit-string keys (breakdown rows: prefixes, caller IDs) without building a string per
 * call: at a million calls the strings were most of the diagnosis's time.
 */

const POW10: number[] = Array.from({ length: 16 }, (_, k) => 10 ** k);

/** The first `take` of a number's `length` digits, as a number (exact: every value < 2^53). */
export function leadingDigits(value: number, length: number, take: number): number {
  const p = POW10[length - take]!;
  let q = Math.floor(value / p);
  // The division may round across an integer near 2^53; step back to the exact quotient.
  if (q * p > value) q--;
  else if ((q + 1) * p <= value) q++;
  return q;
}

export class DigitKeys {
  /** Per key length: key value → key index. Longest lengths first. */
  private readonly byLength: Array<{ length: number; values: Map<number, number> }> = [];

  /**
   * `mode` 'prefix': a key matches numbers that start with it (the longest key wins);
   * 'exact': the whole number must equal the key. Keys that are not all digits never match.
   */
  constructor(
    keys: readonly string[],
    private readonly mode: 'prefix' | 'exact',
  ) {
    keys.forEach((key, index) => {
      if (!/^\d{1,15}$/.test(key)) return;
      let group = this.byLength.find((g) => g.length === key.length);
      if (!group) this.byLength.push((group = { length: key.length, values: new Map() }));
      if (!group.values.has(Number(key))) group.values.set(Number(key), index);
    });
    this.byLength.sort((a, b) => b.length - a.length);
  }

  /** Index of the matching key, or -1. */
  match(value: number, length: number): number {
    for (const group of this.byLength) {
      if (this.mode === 'exact' ? group.length !== length : group.length > length) continue;
      const hit = group.values.get(group.length === length ? value : leadingDigits(value, length, group.length));
      if (hit !== undefined) return hit;
    }
    return -1;
  }
}
