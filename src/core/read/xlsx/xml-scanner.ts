/**
 * A streaming XML tokenizer over UTF-8 bytes, for the few elements a workbook is read by (sheet
 * rows, cells, shared strings, styles): no DOM, no DTD, nothing kept but the tag at hand. A sheet
 * can be hundreds of MB of XML; its bytes are fed as they inflate, and only what a handler asks
 * for becomes a string. Markup is ASCII in UTF-8, so tags, quotes and `<` are found as bytes.
 *
 * Checked, because a hostile or damaged part must end in a clear message and never in a freeze or
 * a crash: tag syntax, quoted attributes, end tags matching their start tags, the nesting depth,
 * the length of one tag, and a part that ends inside an element. A DOCTYPE is refused outright (a
 * workbook never has one; no entity can then be declared, so none can expand). Entities in text
 * and attributes are decoded where a value is asked for (xml-text.ts): the 5 predefined ones and
 * numeric character references only.
 */
import { formatCount } from '../../model/format-count';
import { XmlError } from './workbook-errors';
import { decodeXmlAttribute } from './xml-text';

/** What the scanner reports, in document order. The tag object is only valid during the call. */
export interface XmlHandler {
  open(tag: XmlTag): void;
  /** The element last opened ends (`tag`: its end tag, or its start tag when it closed itself: `<c/>`). */
  close(tag: XmlTag): void;
  /**
   * Raw text bytes (entities not decoded, line ends as written; a CDATA section `cdata`); one text
   * run may come in several calls, but a CR LF never across two, so that each call's line ends can
   * be read on their own (TextCollector).
   */
  text(bytes: Uint8Array, start: number, end: number, cdata: boolean): void;
  /**
   * Asked after each tag: true pauses the scan there (push() and resume() return true) until the
   * caller has taken what the handler made. A chunk of a few KB can stand for far more text (one
   * shared string of 32,767 characters per cell), which must not pile up unread.
   */
  full?(): boolean;
}

/** One tag longer than this is refused (a workbook's longest, a styles.xml `<numFmt>`, is under 1 KB). */
export const MAX_TAG_BYTES = 64 << 10;
/** Elements nested deeper than this are refused (a sheet's cells are 4 deep, a rich text run 5). */
export const MAX_DEPTH = 100;
const MAX_ATTRIBUTES = 1024;

const LT = 0x3c;
const GT = 0x3e;
const SLASH = 0x2f;
const BANG = 0x21;
const QUESTION = 0x3f;
const EQUALS = 0x3d;
const COLON = 0x3a;
const DQUOTE = 0x22;
const SQUOTE = 0x27;
const CR = 0x0d;

const ascii = (s: string) => Uint8Array.from(s, (c) => c.charCodeAt(0));
const COMMENT_OPEN = ascii('<!--');
const COMMENT_CLOSE = ascii('-->');
const CDATA_OPEN = ascii('<![CDATA[');
const CDATA_CLOSE = ascii(']]>');
const PI_CLOSE = ascii('?>');
const DOCTYPE_OPEN = ascii('<!DOCTYPE');

/** Per byte: 1 white space, 2 what ends a name (white space, `/`, `>`, `=`, quotes, `<`): looked up, the scanner's hottest test. */
const BYTE_CLASS = new Uint8Array(256);
for (const b of [0x20, 0x09, 0x0a, 0x0d]) BYTE_CLASS[b] = 3;
for (const b of [SLASH, GT, EQUALS, DQUOTE, SQUOTE, LT]) BYTE_CLASS[b] = 2;
const isSpace = (b: number | undefined) => b !== undefined && (BYTE_CLASS[b]! & 1) !== 0;
const endsName = (b: number | undefined) => b === undefined || (BYTE_CLASS[b]! & 2) !== 0;

/** A start or end tag as the scanner found it: names compared as bytes, values decoded only when asked for. */
export class XmlTag {
  buf: Uint8Array = new Uint8Array(0);
  /** The local name (after any `prefix:`). */
  localStart = 0;
  nameEnd = 0;
  attributeCount = 0;
  /** Per attribute: local name start, name end, value start, value end (without the quotes). */
  readonly attributes = new Int32Array(MAX_ATTRIBUTES * 4);

  /** Whether the local name is `name` (ASCII). */
  is(name: string): boolean {
    return sameAscii(this.buf, this.localStart, this.nameEnd, name);
  }

  /** The local name, for messages. */
  get localName(): string {
    return String.fromCharCode(...this.buf.subarray(this.localStart, Math.min(this.nameEnd, this.localStart + 64)));
  }

  /** The index of the attribute whose local name is `name` (`r:id` is `id`), or -1. */
  find(name: string): number {
    for (let i = 0; i < this.attributeCount; i++) {
      if (sameAscii(this.buf, this.attributes[i * 4]!, this.attributes[i * 4 + 1]!, name)) return i;
    }
    return -1;
  }

  /** The attribute's value as XML reads it (entities decoded, white space normalized: xml-text.ts); null when the tag has none of that name. */
  attr(name: string): string | null {
    const i = this.find(name);
    return i < 0 ? null : decodeXmlAttribute(this.buf, this.attributes[i * 4 + 2]!, this.attributes[i * 4 + 3]!);
  }

  valueStart(i: number): number {
    return this.attributes[i * 4 + 2]!;
  }

  valueEnd(i: number): number {
    return this.attributes[i * 4 + 3]!;
  }
}

function sameAscii(buf: Uint8Array, start: number, end: number, name: string): boolean {
  if (end - start !== name.length) return false;
  for (let i = 0; i < name.length; i++) if (buf[start + i] !== name.charCodeAt(i)) return false;
  return true;
}

/** Where `pattern` starts in `buf` at or after `from`, or -1. */
function indexOfBytes(buf: Uint8Array, pattern: Uint8Array, from: number): number {
  const first = pattern[0]!;
  for (let i = buf.indexOf(first, from); i >= 0 && i + pattern.length <= buf.length; i = buf.indexOf(first, i + 1)) {
    let k = 1;
    while (k < pattern.length && buf[i + k] === pattern[k]) k++;
    if (k === pattern.length) return i;
  }
  return -1;
}

/** Whether buf[at…] could still become `pattern` (it is a prefix of it, cut by the end of the buffer). */
function couldBe(buf: Uint8Array, at: number, pattern: Uint8Array): boolean {
  for (let k = 0; k < pattern.length; k++) {
    if (at + k >= buf.length) return true;
    if (buf[at + k] !== pattern[k]) return false;
  }
  return true;
}

type Mode = 'content' | 'comment' | 'pi' | 'cdata';

/** FNV-1a of a tag's qualified name: start and end tags are matched by it (and their lengths). */
function nameHash(buf: Uint8Array, start: number, end: number): number {
  let h = 0x811c9dc5;
  for (let i = start; i < end; i++) h = Math.imul(h ^ buf[i]!, 0x01000193);
  return h | 0;
}

export class XmlScanner {
  private carry: Uint8Array | null = null;
  private mode: Mode = 'content';
  private readonly tag = new XmlTag();
  private readonly openHashes = new Int32Array(MAX_DEPTH);
  private readonly openLengths = new Int32Array(MAX_DEPTH);
  private depth = 0;
  private paused = false;
  private sawRoot = false;
  private ended = false;

  constructor(private readonly handler: XmlHandler) {}

  /** The next bytes of the document; true when the handler paused the scan (then resume() it). */
  push(chunk: Uint8Array): boolean {
    if (this.ended) throw new XmlError('has bytes after its end');
    if (this.paused) throw new Error('XmlScanner.push while paused: resume() first');
    let buf = chunk;
    if (this.carry) {
      buf = new Uint8Array(this.carry.length + chunk.length);
      buf.set(this.carry);
      buf.set(chunk, this.carry.length);
      this.carry = null;
    }
    return this.run(buf);
  }

  /** Goes on with the bytes held since a pause; true when paused again. */
  resume(): boolean {
    if (!this.paused) return false;
    this.paused = false;
    const held = this.carry;
    this.carry = null;
    return held ? this.run(held) : false;
  }

  private run(buf: Uint8Array): boolean {
    const p = this.scan(buf);
    // Paused: the rest of the chunk, as a view. An unfinished token: copied, so the chunk can go.
    if (p < buf.length) this.carry = this.paused ? buf.subarray(p) : buf.slice(p);
    return this.paused;
  }

  /** The document ended: it must have ended where an element could. */
  end(): void {
    if (this.paused) throw new Error('XmlScanner.end while paused: resume() first');
    this.ended = true;
    if (this.mode !== 'content') throw new XmlError(`ends inside a ${this.mode === 'pi' ? 'processing instruction' : this.mode === 'cdata' ? 'CDATA section' : 'comment'}: it is cut short`);
    // A CR kept back for the LF that could have followed it: text after all.
    if (this.carry && this.carry.length === 1 && this.carry[0] === CR) this.handler.text(this.carry, 0, 1, false);
    else if (this.carry && this.carry.length > 0) throw new XmlError('ends inside a tag: it is cut short');
    if (!this.sawRoot) throw new XmlError('holds no XML element');
    if (this.depth > 0) throw new XmlError(`ends with ${formatCount(this.depth)} element${this.depth === 1 ? '' : 's'} still open: it is cut short`);
  }

  /** Tokens of `buf` from its start; returns where an unfinished token begins (buf.length: none). */
  private scan(buf: Uint8Array): number {
    let p = 0;
    while (p < buf.length) {
      if (this.mode !== 'content') {
        const close = this.mode === 'comment' ? COMMENT_CLOSE : this.mode === 'pi' ? PI_CLOSE : CDATA_CLOSE;
        const at = indexOfBytes(buf, close, p);
        // Not closed yet: what may be the start of its close is kept (and a CR the next chunk may
        // follow with its LF), the rest is passed (CDATA) or skipped.
        const stop = at < 0 ? keepCr(buf, p, Math.max(p, buf.length - (close.length - 1))) : at;
        if (this.mode === 'cdata' && stop > p) this.handler.text(buf, p, stop, true);
        if (at < 0) return stop;
        p = at + close.length;
        this.mode = 'content';
        continue;
      }
      const lt = buf.indexOf(LT, p);
      if (lt < 0) {
        const stop = keepCr(buf, p, buf.length);
        if (stop > p) this.handler.text(buf, p, stop, false);
        return stop;
      }
      if (lt > p) this.handler.text(buf, p, lt, false);
      p = lt;
      const next = buf[p + 1];
      if (next === undefined) return p;
      let after: number;
      if (next === SLASH) after = this.endTag(buf, p);
      else if (next === QUESTION) {
        this.mode = 'pi';
        after = p + 2;
      } else if (next === BANG) after = this.declaration(buf, p);
      else after = this.startTag(buf, p);
      if (after < 0) {
        if (buf.length - p > MAX_TAG_BYTES) throw new XmlError(`has a tag longer than ${formatCount(MAX_TAG_BYTES)} bytes, which no workbook writes`);
        return p;
      }
      p = after;
      if (this.handler.full?.()) {
        this.paused = true;
        return p;
      }
    }
    return p;
  }

  /** `<!--`, `<![CDATA[` (a DOCTYPE or any other declaration is refused); -1 while it cannot tell yet. */
  private declaration(buf: Uint8Array, p: number): number {
    if (indexStartsWith(buf, p, COMMENT_OPEN)) {
      this.mode = 'comment';
      return p + COMMENT_OPEN.length;
    }
    if (indexStartsWith(buf, p, CDATA_OPEN)) {
      if (this.depth === 0) throw new XmlError('has a CDATA section outside its elements');
      this.mode = 'cdata';
      return p + CDATA_OPEN.length;
    }
    if (couldBe(buf, p, COMMENT_OPEN) || couldBe(buf, p, CDATA_OPEN)) return -1;
    if (couldBe(buf, p, DOCTYPE_OPEN)) {
      if (buf.length - p < DOCTYPE_OPEN.length) return -1;
      throw new XmlError('declares a document type (<!DOCTYPE), which a workbook never has: it is not read (its entities could stand for anything)');
    }
    throw new XmlError('has a "<!" that starts no comment or CDATA section');
  }

  private endTag(buf: Uint8Array, p: number): number {
    const gt = buf.indexOf(GT, p + 2);
    if (gt < 0) return -1;
    let nameEnd = p + 2;
    while (!endsName(buf[nameEnd])) nameEnd++;
    if (nameEnd === p + 2) throw new XmlError('has an end tag with no name ("</>")');
    for (let i = nameEnd; i < gt; i++) if (!isSpace(buf[i])) throw new XmlError('has an end tag with more than a name in it');
    const hash = nameHash(buf, p + 2, nameEnd);
    if (this.depth === 0) throw new XmlError('has an end tag with no element open');
    if (this.openHashes[this.depth - 1] !== hash || this.openLengths[this.depth - 1] !== nameEnd - p - 2) {
      throw new XmlError('has an end tag that does not match the element open (its elements are not nested)');
    }
    this.depth--;
    const tag = this.tag;
    tag.buf = buf;
    tag.localStart = localStart(buf, p + 2, nameEnd);
    tag.nameEnd = nameEnd;
    tag.attributeCount = 0;
    this.handler.close(tag);
    return gt + 1;
  }

  private startTag(buf: Uint8Array, p: number): number {
    const tag = this.tag;
    const nameStart = p + 1;
    let i = nameStart;
    while (i < buf.length && !endsName(buf[i])) i++;
    if (i >= buf.length) return -1;
    if (i === nameStart) throw new XmlError('has a "<" that starts no tag');
    const nameEnd = i;
    let count = 0;
    let selfClosing = false;
    for (;;) {
      const afterValue = i;
      while (i < buf.length && isSpace(buf[i])) i++;
      if (i >= buf.length) return -1;
      const b = buf[i];
      if (b === GT) {
        i++;
        break;
      }
      if (b === SLASH) {
        if (i + 1 >= buf.length) return -1;
        if (buf[i + 1] !== GT) throw new XmlError('has a "/" inside a tag that does not end it');
        selfClosing = true;
        i += 2;
        break;
      }
      if (count > 0 && i === afterValue) throw new XmlError('has attributes with no space between them');
      const attrStart = i;
      while (i < buf.length && !endsName(buf[i])) i++;
      if (i >= buf.length) return -1;
      if (i === attrStart) throw new XmlError('has a tag with a stray character where an attribute should be');
      const attrEnd = i;
      while (i < buf.length && isSpace(buf[i])) i++;
      if (i >= buf.length) return -1;
      if (buf[i] !== EQUALS) throw new XmlError('has an attribute with no value');
      i++;
      while (i < buf.length && isSpace(buf[i])) i++;
      if (i >= buf.length) return -1;
      const quote = buf[i];
      if (quote !== DQUOTE && quote !== SQUOTE) throw new XmlError('has an attribute value without quotes');
      const close = buf.indexOf(quote, i + 1);
      if (close < 0) return -1;
      if (count === MAX_ATTRIBUTES) throw new XmlError(`has a tag with more than ${formatCount(MAX_ATTRIBUTES)} attributes`);
      const at = count * 4;
      tag.attributes[at] = localStart(buf, attrStart, attrEnd);
      tag.attributes[at + 1] = attrEnd;
      tag.attributes[at + 2] = i + 1;
      tag.attributes[at + 3] = close;
      count++;
      i = close + 1;
    }
    if (this.depth === 0 && this.sawRoot) throw new XmlError('has a second root element');
    if (this.depth === MAX_DEPTH) throw new XmlError(`nests elements more than ${formatCount(MAX_DEPTH)} deep, which no workbook does`);
    this.sawRoot = true;
    tag.buf = buf;
    tag.localStart = localStart(buf, nameStart, nameEnd);
    tag.nameEnd = nameEnd;
    tag.attributeCount = count;
    this.openHashes[this.depth] = nameHash(buf, nameStart, nameEnd);
    this.openLengths[this.depth] = nameEnd - nameStart;
    this.depth++;
    this.handler.open(tag);
    if (selfClosing) {
      this.depth--;
      this.handler.close(tag);
    }
    return i;
  }
}

/** Where text cut by the chunk's end should stop: before a last CR, whose LF may start the next chunk (never before `p`). */
function keepCr(buf: Uint8Array, p: number, stop: number): number {
  return stop > p && buf[stop - 1] === CR ? stop - 1 : stop;
}

function indexStartsWith(buf: Uint8Array, at: number, pattern: Uint8Array): boolean {
  if (at + pattern.length > buf.length) return false;
  for (let k = 0; k < pattern.length; k++) if (buf[at + k] !== pattern[k]) return false;
  return true;
}

/** Where the local part of a name starts (after its last `:`). */
function localStart(buf: Uint8Array, start: number, end: number): number {
  for (let i = end - 1; i >= start; i--) if (buf[i] === COLON) return i + 1;
  return start;
}
