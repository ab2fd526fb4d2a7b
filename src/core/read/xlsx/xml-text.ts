/**
 * Text of an XML part as a string: UTF-8 bytes decoded, then the 5 predefined entities and numeric
 * character references (`&#233;`, `&#xE9;`) replaced; any other entity is an error (no DTD can
 * declare one: xml-scanner.ts refuses DOCTYPEs). For cell text, also the escapes OOXML writes for
 * characters XML cannot hold (`_x000D_`: ECMA-376 Part 1, 22.9.2.19 ST_Xstring).
 *
 * Decoded strings are new strings, never slices of a chunk: a shared string is kept for the whole
 * read, and a slice would keep its whole 1 MB chunk alive with it.
 */
import { formatCount } from '../../model/format-count';
import { WorkbookError, XmlError } from './workbook-errors';

const utf8 = new TextDecoder('utf-8');
/** Below this many bytes, all ASCII, a string is made from the char codes (cheaper than a TextDecoder call). */
const SHORT_ASCII = 64;

function utf8Text(buf: Uint8Array, start: number, end: number): string {
  if (end - start <= SHORT_ASCII) {
    let ascii = true;
    for (let i = start; i < end; i++) {
      if (buf[i]! >= 0x80) {
        ascii = false;
        break;
      }
    }
    // apply, not a spread: a spread walks the typed array's iterator (3× slower on a sheet's values).
    if (ascii) return String.fromCharCode.apply(null, buf.subarray(start, end) as unknown as number[]);
  }
  return utf8.decode(buf.subarray(start, end));
}

/** Text: bytes → string, entities replaced. */
export function decodeXmlText(buf: Uint8Array, start: number, end: number): string {
  const text = utf8Text(buf, start, end);
  return text.includes('&') ? replaceEntities(text) : text;
}

/**
 * An attribute's value: bytes → string, each tab or line end written in it a space (CR LF one
 * space: XML 1.0, 3.3.3 attribute-value normalization), then entities replaced (`&#9;` is a tab).
 */
export function decodeXmlAttribute(buf: Uint8Array, start: number, end: number): string {
  let text = utf8Text(buf, start, end);
  if (/[\t\n\r]/.test(text)) text = text.replace(/\r\n|[\t\n\r]/g, ' ');
  return text.includes('&') ? replaceEntities(text) : text;
}

const PREDEFINED: Readonly<Record<string, string>> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };
/** The longest reference: `&#x10FFFF;` or `&#1114111;`. */
const MAX_REFERENCE = 10;

function replaceEntities(text: string): string {
  let out = '';
  let from = 0;
  for (let amp = text.indexOf('&'); amp >= 0; amp = text.indexOf('&', from)) {
    const semi = text.indexOf(';', amp + 1);
    if (semi < 0 || semi - amp > MAX_REFERENCE) throw new XmlError(`has an "&" that starts no entity (near "${clip(text.slice(amp, amp + 12))}")`);
    const name = text.slice(amp + 1, semi);
    out += text.slice(from, amp) + entityValue(name);
    from = semi + 1;
  }
  return out + text.slice(from);
}

function entityValue(name: string): string {
  const predefined = PREDEFINED[name];
  if (predefined !== undefined) return predefined;
  const numeric = /^#(?:([0-9]{1,7})|x([0-9a-fA-F]{1,6}))$/.exec(name);
  if (numeric) {
    const code = numeric[1] !== undefined ? Number(numeric[1]) : parseInt(numeric[2]!, 16);
    if (code > 0 && code <= 0x10ffff && (code < 0xd800 || code > 0xdfff)) return String.fromCodePoint(code);
    throw new XmlError(`has a character number "&${clip(name)};" that is no character`);
  }
  throw new XmlError(`has an entity "&${clip(name)};" that is not one of XML's own (&amp; &lt; &gt; &quot; &apos;) or a character number`);
}

const clip = (s: string) => s.replace(/[^\x20-\x7e]/g, '?');

/** `_x000D_` → CR (ST_Xstring); `_x005F_` is a literal "_" so that text like `_x000D_` can be written as itself. */
export function unescapeCellText(text: string): string {
  if (!text.includes('_x')) return text;
  return text.replace(/_x([0-9A-Fa-f]{4})_/g, (_, hex: string) => String.fromCharCode(parseInt(hex, 16)));
}

/**
 * The raw bytes of one element's text, gathered over the calls the scanner makes (a text may cross
 * chunks, and a CDATA section sits beside entity text), then decoded once. At most `maxChars`
 * characters: a longer one is refused as it grows, before it fills memory.
 */
export class TextCollector {
  private bytes = new Uint8Array(256);
  private length = 0;
  private readonly maxBytes: number;

  constructor(
    private readonly maxChars: number,
    private readonly tooLong: (limit: string) => string,
  ) {
    // A character is at most 4 bytes of UTF-8; as an entity at most 10 (`&#1114111;`).
    this.maxBytes = maxChars * MAX_REFERENCE;
  }

  get empty(): boolean {
    return this.length === 0;
  }

  append(buf: Uint8Array, start: number, end: number, cdata: boolean): void {
    if (cdata) {
      // The decoder replaces entities: a CDATA section's "&" is text, written as "&amp;".
      for (let i = buf.indexOf(0x26, start); i >= 0 && i < end; i = buf.indexOf(0x26, start)) {
        this.add(buf, start, i + 1);
        this.add(AMP_TAIL, 0, AMP_TAIL.length);
        start = i + 1;
      }
    }
    this.add(buf, start, end);
  }

  /** The bytes, each CR LF and each lone CR an LF, as XML reads them (2.11; the scanner never cuts a CR LF in two). */
  private add(buf: Uint8Array, start: number, end: number): void {
    let from = start;
    for (let i = start; i < end; i++) {
      if (buf[i] !== CR) continue;
      this.copy(buf, from, i);
      if (i + 1 < end && buf[i + 1] === LF) from = i + 1;
      else {
        this.copy(LF_BYTE, 0, 1);
        from = i + 1;
      }
    }
    this.copy(buf, from, end);
  }

  private copy(buf: Uint8Array, start: number, end: number): void {
    const n = end - start;
    if (n <= 0) return;
    if (this.length + n > this.maxBytes) throw new WorkbookError(this.tooLong(formatCount(this.maxChars)));
    if (this.length + n > this.bytes.length) {
      const grown = new Uint8Array(Math.min(this.maxBytes, Math.max(this.bytes.length * 2, this.length + n)));
      grown.set(this.bytes.subarray(0, this.length));
      this.bytes = grown;
    }
    this.bytes.set(buf.subarray(start, end), this.length);
    this.length += n;
  }

  /** The text gathered (entities decoded), and the collector empty again. */
  take(): string {
    const text = this.length === 0 ? '' : decodeXmlText(this.bytes, 0, this.length);
    this.length = 0;
    if (this.bytes.length > 4096) this.bytes = new Uint8Array(256);
    if (text.length > this.maxChars) throw new WorkbookError(this.tooLong(formatCount(this.maxChars)));
    return text;
  }

  clear(): void {
    this.length = 0;
  }
}

const AMP_TAIL = Uint8Array.from('amp;', (c) => c.charCodeAt(0));
const CR = 0x0d;
const LF = 0x0a;
const LF_BYTE = Uint8Array.of(LF);
