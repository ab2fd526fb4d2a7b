/**
 * Text from a file shown as it is written, with what would act instead of show made visible:
 * every control character (C0, DEL, C1) and the bidirectional marks and overrides (which reorder
 * what is shown around them: a file name with U+202E reads backwards) become escapes such as `\n`,
 * `\x1b`, `\u202e`. A terminal would obey them (cli/terminal-text.ts); a page would reorder its
 * text by them. Nothing else changes.
 */

// eslint-disable-next-line no-control-regex -- these are exactly what must never reach a terminal raw
const UNSAFE = /[\u0000-\u001f\u007f-\u009f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]/g;

const NAMED: ReadonlyMap<string, string> = new Map([
  ['\n', '\\n'],
  ['\r', '\\r'],
  ['\t', '\\t'],
]);

/** The text with every control character shown as `\n`, `\x1b`, `\u202e` …; nothing else changes. */
export function escapeControls(text: string): string {
  return text.replace(UNSAFE, (c) => {
    const named = NAMED.get(c);
    if (named) return named;
    const code = c.charCodeAt(0);
    return code < 0x100 ? `\\x${code.toString(16).padStart(2, '0')}` : `\\u${code.toString(16).padStart(4, '0')}`;
  });
}


/** escapeControls for text written in lines (a note): its line feeds stay line breaks, every other control is escaped. */
export function escapeControlsKeepingLines(text: string): string {
  return text.split('\n').map(escapeControls).join('\n');
}
