/**
 * File text on a terminal: trunk names, reasons and file names come from files anyone can write, and
 * a terminal obeys escape sequences (clear the screen, retitle the window, plant a hyperlink). Every
 * control character — C0, DEL, C1 — and the bidirectional overrides (which reorder what is shown)
 * are printed as visible escapes instead.
 */

export { escapeControls } from '../core/model/visible-text';

/** At most `width` characters: longer text is cut and ends in "…". */
export function clipText(text: string, width: number): string {
  return text.length <= width ? text : `${text.slice(0, Math.max(0, width - 1))}…`;
}

const UNSAFE_IN_JSON = /[\u007f-\u009f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]/g;

/** JSON text with the controls JSON.stringify leaves raw written as `\u` escapes (still the same JSON). */
export function jsonForTerminal(json: string): string {
  return json.replace(UNSAFE_IN_JSON, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
}
