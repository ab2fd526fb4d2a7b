/**
 * Digit-run checks the row parsers make several times per row, as loops instead of regexes (a
 * regex test per column was a visible share of the ingest profile). `\d` in a regex without the u
 * flag is ASCII 0–9 only, and so are these.
 */

/** /^\d{min,max}$/ over text[from…]. */
export function isDigitRun(text: string, min: number, max: number, from = 0): boolean {
  const length = text.length - from;
  if (length < min || length > max) return false;
  for (let i = from; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c < 48 || c > 57) return false;
  }
  return true;
}

/** /^\+?\d{min,}$/: a number as dialled, optionally with a leading `+`. */
export function isPlusDigitRun(text: string, min: number): boolean {
  return isDigitRun(text, min, Number.POSITIVE_INFINITY, text.startsWith('+') ? 1 : 0);
}
