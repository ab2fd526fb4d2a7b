/**
 * A count for a person, grouped in thousands the en-US way ("1,440"): the one writer of counts for
 * every screen and text (the trunk table, the walk, the ticket, Copy as text, the share view, the
 * CLI's text), so a count reads the same wherever it is shown. The locale is fixed, never the
 * runtime's: Node and every browser write the same text. Only counts (calls, attempts, rows): a
 * time, a year, a SIP code, a CPS value, a phone number or a trunk name is never grouped.
 */

const INTEGER = new Intl.NumberFormat('en-US', { maximumFractionDigits: 0 });

/**
 * n with thousands separators ("12,345"). Whole numbers, nearly every count on the page, are
 * grouped here: Intl's format was the main thread's costliest function after React's own on a
 * brush (hundreds of cells). The text is Intl's en-US text either way.
 */
export function formatCount(n: number): string {
  if (!Number.isSafeInteger(n) || Object.is(n, -0)) return INTEGER.format(n);
  const digits = String(Math.abs(n));
  let out = digits.slice(0, digits.length % 3 || 3);
  for (let i = out.length; i < digits.length; i += 3) out += `,${digits.slice(i, i + 3)}`;
  return n < 0 ? `-${out}` : out;
}
