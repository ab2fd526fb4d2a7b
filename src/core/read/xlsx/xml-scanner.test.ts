import { describe, expect, it } from 'vitest';
import { XmlError } from './workbook-errors';
import { MAX_DEPTH, MAX_TAG_BYTES, XmlScanner, type XmlHandler, type XmlTag } from './xml-scanner';
import { decodeXmlText } from './xml-text';

const utf8 = (s: string) => new TextEncoder().encode(s);

/** Every event as a line: "<c r=A1 t=s>", "</c>", "text:…" (a text run's pieces joined, entities decoded). */
class Recorder implements XmlHandler {
  readonly events: string[] = [];
  private pending: number[] = [];
  constructor(private readonly attributes: readonly string[] = []) {}
  open(tag: XmlTag): void {
    this.flush();
    const attrs = this.attributes.map((a) => (tag.find(a) >= 0 ? ` ${a}=${tag.attr(a)}` : '')).join('');
    this.events.push(`<${tag.localName}${attrs}>`);
  }
  close(tag: XmlTag): void {
    this.flush();
    this.events.push(`</${tag.localName}>`);
  }
  text(bytes: Uint8Array, start: number, end: number, cdata: boolean): void {
    const piece = bytes.subarray(start, end);
    // CDATA is text as it is: written here with its "&" escaped, so that one decode reads both kinds.
    this.pending.push(...(cdata ? utf8(new TextDecoder().decode(piece).replace(/&/g, '&amp;')) : piece));
  }
  flush(): void {
    if (this.pending.length === 0) return;
    const text = decodeXmlText(Uint8Array.from(this.pending), 0, this.pending.length);
    this.pending = [];
    if (text.trim()) this.events.push(`text:${text}`);
  }
}

function scan(xml: string | Uint8Array, pieceBytes = Infinity, attributes: readonly string[] = []): string[] {
  const bytes = typeof xml === 'string' ? utf8(xml) : xml;
  const recorder = new Recorder(attributes);
  const scanner = new XmlScanner(recorder);
  for (let i = 0; i < bytes.length; i += pieceBytes) scanner.push(bytes.subarray(i, Math.min(bytes.length, i + pieceBytes)));
  scanner.end();
  recorder.flush();
  return recorder.events;
}

const errorOf = (xml: string): string => {
  try {
    scan(xml);
  } catch (e) {
    expect(e).toBeInstanceOf(XmlError);
    return (e as Error).message;
  }
  return 'no error';
};

const SHEET =
  '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n' +
  '<!-- written by hand --><x:worksheet xmlns:x="urn:main"><x:sheetData>' +
  '<x:row r="1"><x:c r="A1" t="inlineStr"><x:is><x:t>Tom &amp; Jerry &#233;&#x2019; &lt;3</x:t></x:is></x:c>' +
  "<x:c r='C1' t=\"str\"><x:f>A1</x:f><x:v><![CDATA[a<b & c]]></x:v></x:c><x:c r=\"D1\" s=\"3\"/></x:row>" +
  '</x:sheetData></x:worksheet>';

describe('XmlScanner', () => {
  it('reports tags by local name, attributes and text decoded, comments and declarations skipped', () => {
    expect(scan(SHEET, Infinity, ['r', 't', 's'])).toEqual([
      '<worksheet>',
      '<sheetData>',
      '<row r=1>',
      '<c r=A1 t=inlineStr>',
      '<is>',
      '<t>',
      'text:Tom & Jerry é’ <3',
      '</t>',
      '</is>',
      '</c>',
      '<c r=C1 t=str>',
      '<f>',
      'text:A1',
      '</f>',
      '<v>',
      'text:a<b & c',
      '</v>',
      '</c>',
      '<c r=D1 s=3>',
      '</c>',
      '</row>',
      '</sheetData>',
      '</worksheet>',
    ]);
  });

  it('gives the same events whatever the chunks the bytes come in (cut at every byte)', () => {
    const whole = scan(SHEET, Infinity, ['r', 't', 's']);
    for (const size of [1, 2, 3, 5, 7, 16, 64]) expect(scan(SHEET, size, ['r', 't', 's'])).toEqual(whole);
  });

  it('never cuts a CR LF between two text calls, whatever the chunks (the line ends of each are read alone), and a last CR is text', () => {
    const calls = (xml: string, pieceBytes: number): string[] => {
      const texts: string[] = [];
      const scanner = new XmlScanner({ open() {}, close() {}, text: (bytes, start, end) => void texts.push(new TextDecoder().decode(bytes.subarray(start, end))) });
      const bytes = utf8(xml);
      for (let i = 0; i < bytes.length; i += pieceBytes) scanner.push(bytes.subarray(i, i + pieceBytes));
      scanner.end();
      return texts;
    };
    for (const xml of ['<a>x\r\ny\r\n</a>', '<a><![CDATA[x\r\ny]]></a>'])
      for (const size of [1, 2, 3, 4, 5]) {
        const texts = calls(xml, size);
        expect(texts.join('')).toBe(xml.includes('CDATA') ? 'x\r\ny' : 'x\r\ny\r\n');
        // A call that ends in a CR is never followed by one that starts with its LF.
        for (let k = 1; k < texts.length; k++) expect(texts[k - 1]!.endsWith('\r') && texts[k]!.startsWith('\n')).toBe(false);
      }
    expect(calls('<a/>\r', 1)).toEqual(['\r']);
    expect(calls('<a/>\r', 64)).toEqual(['\r']);
  });

  it('pauses where its handler is full, and goes on from there', () => {
    const recorder = new (class extends Recorder {
      rows = 0;
      override close(tag: XmlTag): void {
        super.close(tag);
        if (tag.is('row')) this.rows++;
      }
      full(): boolean {
        return this.rows > 0;
      }
    })();
    const scanner = new XmlScanner(recorder);
    expect(scanner.push(utf8('<d><row/><row/><row/></d>'))).toBe(true);
    expect(recorder.events).toEqual(['<d>', '<row>', '</row>']);
    recorder.rows = 0;
    expect(scanner.resume()).toBe(true);
    expect(recorder.events.slice(3)).toEqual(['<row>', '</row>']);
    recorder.rows = -10;
    expect(scanner.resume()).toBe(false);
    scanner.end();
    expect(recorder.events.slice(5)).toEqual(['<row>', '</row>', '</d>']);
  });

  it('refuses what is not well-formed, saying what', () => {
    expect(errorOf('<a><b></a></b>')).toMatch(/does not match the element open/);
    expect(errorOf('<a><b></b>')).toMatch(/ends with 1 element still open: it is cut short/);
    expect(errorOf('<a><b x="1')).toMatch(/ends inside a tag/);
    expect(errorOf('<a><!-- never closed')).toMatch(/ends inside a comment/);
    expect(errorOf('<a x=1/>')).toMatch(/attribute value without quotes/);
    expect(errorOf('<a x="1"y="2"/>')).toMatch(/no space between them/);
    expect(errorOf('<a/><b/>')).toMatch(/second root element/);
    expect(errorOf('<a>< b</a>')).toMatch(/"<" that starts no tag/);
    expect(errorOf('</a>')).toMatch(/end tag with no element open/);
    expect(errorOf('')).toMatch(/holds no XML element/);
  });

  it('refuses a DOCTYPE (no entity can be declared, so none expands)', () => {
    const billionLaughs = '<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;">]><lolz>&lol2;</lolz>';
    expect(errorOf(billionLaughs)).toMatch(/declares a document type \(<!DOCTYPE\)/);
    // Entities other than XML's five and character numbers are errors where the text is read.
    expect(() => decodeXmlText(utf8('a &lol; b'), 0, 9)).toThrow(/entity "&lol;" that is not one of XML's own/);
    expect(() => decodeXmlText(utf8('AT&T'), 0, 4)).toThrow(/"&" that starts no entity/);
    expect(() => decodeXmlText(utf8('&#0;'), 0, 4)).toThrow(/no character/);
  });

  it('refuses a tag over 64 KB and nesting over 100 deep, at once rather than after reading on', () => {
    // Its end never comes: refused once 64 KB of it is held, not after the whole part is.
    const longTag = `<a x="${'y'.repeat(MAX_TAG_BYTES)}`;
    expect(() => scan(longTag, 4096)).toThrow(/tag longer than 65,536 bytes/);
    expect(() => scan(`<a ${'x="1" '.repeat(1025)}/>`)).toThrow(/more than 1,024 attributes/);
    expect(errorOf('<a>'.repeat(MAX_DEPTH + 1))).toMatch(/nests elements more than 100 deep/);
    expect(errorOf('<a>'.repeat(MAX_DEPTH))).toMatch(/ends with 100 elements still open/);
  });
});
