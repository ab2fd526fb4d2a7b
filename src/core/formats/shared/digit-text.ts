/**
 * Digit-run checks the row parsers make several times per row, as loops instead of regexes (a
 * regex test per column was a visible share of the ingest profile). `\d` in a regex without the u
 * flag is ASCII 0–9 only, and so are these.
 */

/** /^\d{min,max}$/ over text[from, to). */
export function isDigitRun(text: string, min: number, max: number, from = 0, to = text.length): boolean {
  const length = to - from;
  if (length < min || length > max) return false;
  for (let i = from; i < to; i++) {
    const c = text.charCodeAt(i);
    if (c < 48 || c > 57) return false;
  }
  return true;
}

/** /^\+?\d{min,}$/ over text[from, to): a number as dialled, optionally with a leading `+`. */
export function isPlusDigitRun(text: string, min: number, from = 0, to = text.length): boolean {
  return isDigitRun(text, min, Number.POSITIVE_INFINITY, from < to && text.charCodeAt(from) === PLUS ? from + 1 : from, to);
}

const PLUS = 43;
