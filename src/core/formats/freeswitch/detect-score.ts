/** Detection score shared by the FreeSWITCH modules (brief: validated positional match ≈ 0.8–0.9). */

/**
 * Headerless and positional, but validated on dates, integers and the closed list of FreeSWITCH
 * cause names in fixed places: no other family writes that, so even a file with many bad rows is
 * ours (0.5 is still above the generic reader's 0.4). Any delimiter: a spreadsheet in a `;` locale
 * re-saves with `;`.
 */
export function scoreFor(ok: number, ratio: number): number | null {
  if (ok === 0) return null;
  if (ratio >= 0.8) return ok >= 3 ? 0.9 : 0.85;
  if (ratio >= 0.5) return 0.7;
  return ok >= 2 ? 0.5 : null;
}
