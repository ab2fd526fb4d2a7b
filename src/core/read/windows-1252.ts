/**
 * Windows-1252 bytes (what Excel on Windows writes for "CSV" in Western locales) as UTF-8 bytes, for
 * the byte tokenizer: the same bytes TextEncoder gives for what TextDecoder('windows-1252') reads,
 * with no string between: the runs of ASCII are copied as they are, the rest looked up. A piece
 * decoded to a string and encoded again made both in fresh memory: a 21 MB file's first drop in
 * Chromium took ~25k more page faults and ~100 ms more system CPU than with this (in Node the
 * native decode and encode are about as fast as this loop).
 */

/**
 * Each byte's UTF-8 bytes, as the platform's decoder reads it (the WHATWG index, not a copy of it).
 * Read as a stream: Node's decoder, asked for a whole input at once, reads 0x80–0x9F as Latin-1
 * (0x80 as U+0080, not €), unlike a browser's and unlike its own streaming reads.
 */
const UTF8_OF_BYTE: readonly Uint8Array[] = (() => {
  const decoder = new TextDecoder('windows-1252');
  const encoder = new TextEncoder();
  return Array.from({ length: 256 }, (_, b) => encoder.encode(decoder.decode(Uint8Array.of(b), { stream: true })));
})();

/** The UTF-8 bytes of `bytes` read as Windows-1252: `bytes` itself when it is all ASCII. */
export function windows1252ToUtf8(bytes: Uint8Array): Uint8Array {
  let extra = 0;
  for (let i = 0; i < bytes.length; i++) {
    const b = bytes[i]!;
    if (b > 0x7f) extra += UTF8_OF_BYTE[b]!.length - 1;
  }
  // Every character past ASCII is two UTF-8 bytes or more: no extra byte, no byte past 0x7F.
  if (extra === 0) return bytes;
  const out = new Uint8Array(bytes.length + extra);
  let at = 0;
  let run = 0;
  for (let i = 0; i < bytes.length; i++) {
    const b = bytes[i]!;
    if (b <= 0x7f) continue;
    out.set(bytes.subarray(run, i), at);
    at += i - run;
    const utf8 = UTF8_OF_BYTE[b]!;
    out.set(utf8, at);
    at += utf8.length;
    run = i + 1;
  }
  out.set(bytes.subarray(run), at);
  return out;
}
