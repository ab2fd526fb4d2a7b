/**
 * A rate for a person: the one writer of percentages for every screen and text (the trunk table,
 * the walk, the diagnosis sentences, the carrier ticket, Copy as text, the share view, the CLI's
 * text), so a rate reads the same wherever it is shown: 171 of 200 is "86 %" in all of them, never
 * "85.5 %" in one and "86 %" in another. Machine outputs (--json, CSV cells, link values) keep
 * their numbers and never pass through here.
 */

/**
 * numerator ÷ denominator in percent: 2 decimals under 1 %, 1 decimal under 10 %, none above
 * ("0.32 %", "7.4 %", "46 %"), the decimals chosen by the rounded value (9.96 % is "10 %", not
 * "10.0 %"). Only none is "0 %" and only all is "100 %": a rate below what 2 decimals show is
 * "< 0.01 %", and one that would round up to all gets the decimals that keep it below ("99.9 %" for
 * 999 of 1,000). A rate with nothing to divide by is no rate: "—". (Where the calls cannot show the
 * thing counted, callers write "n/a" instead of calling this.)
 */
export function formatPercent(numerator: number, denominator: number): string {
  if (denominator === 0) return '—';
  if (numerator === 0) return '0 %';
  if (numerator === denominator) return '100 %';
  const p = (100 * numerator) / denominator;
  let digits = p < 1 ? 2 : p < 10 ? 1 : 0;
  let shown = rounded(numerator, denominator, digits);
  if (digits === 2 && shown >= 1) shown = rounded(numerator, denominator, (digits = 1));
  if (digits === 1 && shown >= 10) shown = rounded(numerator, denominator, (digits = 0));
  if (shown === 0) return '< 0.01 %';
  while (shown >= 100 && digits < MAX_DIGITS) shown = rounded(numerator, denominator, ++digits);
  if (shown >= 100) return `> ${(100 - 10 ** -MAX_DIGITS).toFixed(MAX_DIGITS)} %`;
  return `${shown.toFixed(digits)} %`;
}

/** Decimals a rate just short of all may take to read below 100 %. */
const MAX_DIGITS = 3;

/**
 * n ÷ d in percent rounded to `digits` decimals, from the counts in one division: a half in the
 * last digit (58 of 400 = 14.5 %) is exact and rounds up, as a person does by hand; (58 / 400) *
 * 100 is 14.4999…, which toFixed wrote as 14.
 */
function rounded(numerator: number, denominator: number, digits: number): number {
  const scale = 10 ** digits;
  return Math.round((100 * scale * numerator) / denominator) / scale;
}
