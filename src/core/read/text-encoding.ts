/**
 * Which text encoding a CDR file is in, from its first bytes:
 * - a BOM: UTF-8 (EF BB BF), UTF-16 LE (FF FE, Excel "Unicode text"), UTF-16 BE (FE FF);
 * - no BOM but NUL bytes on every other position: UTF-16 without BOM;
 * - valid UTF-8 (including plain ASCII): UTF-8;
 * - otherwise Windows-1252, what Excel on Windows writes for "CSV" in Western locales.
 * Binary files (NULs that are not UTF-16, many control bytes) are refused with a clear message.
 */

import { formatPercent } from '../model/format-percent';

export type TextEncodingName = 'utf-8' | 'utf-16le' | 'utf-16be' | 'windows-1252';

export interface EncodingGuess {
  encoding: TextEncodingName;
  bom: boolean;
}

export function detectEncoding(head: Uint8Array): EncodingGuess {
  if (head[0] === 0xef && head[1] === 0xbb && head[2] === 0xbf) return { encoding: 'utf-8', bom: true };
  if (head[0] === 0xff && head[1] === 0xfe) return { encoding: 'utf-16le', bom: true };
  if (head[0] === 0xfe && head[1] === 0xff) return { encoding: 'utf-16be', bom: true };
  const utf16 = guessUtf16WithoutBom(head);
  if (utf16) return { encoding: utf16, bom: false };
  if (isValidUtf8Prefix(head)) return { encoding: 'utf-8', bom: false };
  return { encoding: 'windows-1252', bom: false };
}

function guessUtf16WithoutBom(head: Uint8Array): TextEncodingName | null {
  const n = Math.min(head.length, 4096) & ~1;
  if (n < 4) return null;
  let evenZero = 0;
  let oddZero = 0;
  for (let i = 0; i < n; i += 2) {
    if (head[i] === 0) evenZero++;
    if (head[i + 1] === 0) oddZero++;
  }
  const pairs = n / 2;
  if (oddZero > pairs * 0.4 && evenZero < pairs * 0.05) return 'utf-16le';
  if (evenZero > pairs * 0.4 && oddZero < pairs * 0.05) return 'utf-16be';
  return null;
}

/** Valid UTF-8, allowing a multi-byte sequence cut at the end of the sample. */
function isValidUtf8Prefix(bytes: Uint8Array): boolean {
  try {
    new TextDecoder('utf-8', { fatal: true }).decode(bytes, { stream: true });
    return true;
  } catch {
    return false;
  }
}

/**
 * Why these bytes are not text, or null when they look like text. Decided on the first slice:
 * NUL bytes (outside UTF-16) or more than 5% control characters other than tab/CR/LF/FF.
 */
export function binaryReason(head: Uint8Array, encoding: TextEncodingName): string | null {
  if (encoding === 'utf-16le' || encoding === 'utf-16be') return null;
  const n = Math.min(head.length, 8192);
  let control = 0;
  for (let i = 0; i < n; i++) {
    const b = head[i]!;
    if (b === 0) return 'it contains NUL bytes, so it is a binary file, not text';
    if (b < 9 || (b > 13 && b < 32)) control++;
  }
  if (n > 0 && control / n > 0.05) return `${formatPercent(control, n)} of its first bytes are control characters, so it is a binary file, not text`;
  return null;
}

const KNOWN_BINARY: ReadonlyArray<{ magic: number[]; what: string }> = [
  // A ZIP archive dropped as it is is opened (archive-inputs.ts); one inside a .gz or another archive is not.
  { magic: [0x50, 0x4b, 0x03, 0x04], what: 'a ZIP archive: unzip it and drop the CSV files' },
  { magic: [0x25, 0x50, 0x44, 0x46], what: 'a PDF document: export the report as CSV instead' },
  // An OLE compound file: a .xls, and also an .xlsx saved with a password (its ZIP encrypted inside one).
  { magic: [0xd0, 0xcf, 0x11, 0xe0], what: 'an old Excel .xls workbook, or an .xlsx with a password: save it as an Excel Workbook (.xlsx) without a password, or as CSV, and drop that' },
  { magic: [0x42, 0x5a, 0x68], what: 'a bzip2 archive: only .gz is read; decompress it first' },
  { magic: [0xfd, 0x37, 0x7a, 0x58, 0x5a], what: 'an xz archive: only .gz is read; decompress it first' },
  { magic: [0x53, 0x51, 0x4c, 0x69, 0x74, 0x65], what: 'an SQLite database: export the cdr table as CSV first' },
];

/** A friendly name for well-known binary formats, or null. */
export function knownBinaryFormat(head: Uint8Array): string | null {
  for (const { magic, what } of KNOWN_BINARY) {
    if (magic.every((b, i) => head[i] === b)) return what;
  }
  return null;
}
