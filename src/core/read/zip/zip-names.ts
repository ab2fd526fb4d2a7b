/**
 * An entry's path as text, and which entries are files to read. APPNOTE.TXT 4.4.4 bit 11: the name
 * is UTF-8 when the flag is set, else IBM code page 437 (Appendix D), which Windows' own "Send to
 * compressed folder" still writes; some tools write UTF-8 without the flag, so valid UTF-8 is taken
 * as UTF-8. The path is untrusted text, shown as any file name is.
 */

/** Code page 437's upper half (0x80–0xFF); its lower half is ASCII. */
const CP437_HIGH =
  'ÇüéâäàåçêëèïîìÄÅÉæÆôöòûùÿÖÜ¢£¥₧ƒáíóúñÑªº¿⌐¬½¼¡«»░▒▓│┤╡╢╖╕╣║╗╝╜╛┐└┴┬├─┼╞╟╚╔╩╦╠═╬╧╨╤╥╙╘╒╓╫╪┘┌█▄▌▐▀αßΓπΣσµτΦΘΩδ∞φε∩≡±≥≤⌠⌡÷≈°∙·√ⁿ²■\u00a0';

/** The general purpose flag that says the name (and comment) are UTF-8. */
export const UTF8_NAME_FLAG = 1 << 11;

export function decodeEntryName(bytes: Uint8Array, flags: number): string {
  if (flags & UTF8_NAME_FLAG) return new TextDecoder('utf-8').decode(bytes);
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    let text = '';
    for (const b of bytes) text += b < 0x80 ? String.fromCharCode(b) : CP437_HIGH[b - 0x80]!;
    return text;
  }
}

/** A folder of the archive (its name ends in a slash), not a file. */
export function isFolderEntry(path: string): boolean {
  return path.endsWith('/') || path.endsWith('\\');
}

/**
 * Files an archiver adds beside the ones a person zipped: macOS's __MACOSX/ resource forks
 * (AppleDouble "._name" copies of every file, which are binary) and hidden files (.DS_Store,
 * .gitkeep) in any folder. A file inside a folder whose name starts with a dot (`.exports/`) is a
 * person's file and is read: only the file's own name counts.
 */
export function isHiddenEntry(path: string): boolean {
  const parts = path.split(/[\\/]/);
  const name = parts[parts.length - 1] ?? '';
  return parts[0] === '__MACOSX' || name.startsWith('.');
}
