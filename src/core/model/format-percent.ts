/**
 * A rate for a person: the one writer of percentages for every screen and text (the trunk table,
 * the walk, the diagnosis sentences, the carrier ticket, Copy as text, the share view, the CLI's
 * text), so a rate reads the same wherever it is shown: 171 of 200 is "86 %" in all of them, never
 * "85.5 %" in one and "86 %" in another. Machine outputs (--json, CSV cells, link values) keep
 * their numbers and never pass through here.
 */

/**
 * numerator ÷ denominator in percent: 2 decimals under 1 %, 1 decimal under 10 %, none above
 * ("0.32 %", "7.4 %", "46 %"); exactly none is "0 %". A rate with nothing to divide by is no rate:
 * "—". (Where the calls cannot show the thing counted, callers write "n/a" instead of calling this.)
 */
export function formatPercent(numerator: number, denominator: number): string {
  if (denominator === 0) return '—';
  const p = (100 * numerator) / denominator;
  if (p === 0) return '0 %';
  const digits = p < 1 ? 2 : p < 10 ? 1 : 0;
  // Rounded in the last digit shown, from the counts in one division: a half there (58 of 400 =
  // 14.5 %) is exact and rounds up, as a person does by hand. (58 / 400) * 100 is 14.4999…, which
  // toFixed wrote as 14.
  const scale = 10 ** digits;
  return `${(Math.round((100 * scale * numerator) / denominator) / scale).toFixed(digits)} %`;
}
