/**
 * A tiny binary form for the wire tree (nested arrays of integers, strings and null): about half
 * the bytes of JSON before deflate. One tag byte per value:
 *   0 null · 1 array (varint length, items) · 2 string (varint UTF-8 length, bytes)
 *   3 integer ≥ 0 (varint) · 4 integer < 0 (varint of its magnitude) · 16…255 the integer tag − 16
 * Reading is bounded for hostile input: lengths cannot exceed the bytes left, nesting is limited,
 * integers stay safe, and trailing bytes are an error.
 */
import { err, ok, type Result } from './result';

export type Tree = null | number | string | Tree[];
type ReadonlyTree = null | number | string | readonly ReadonlyTree[];

const SMALL = 16;
const MAX_DEPTH = 12;

export function packTree(value: ReadonlyTree): Uint8Array {
  const out: number[] = [];
  const enc = new TextEncoder();
  const varint = (n: number) => {
    while (n >= 0x80) {
      out.push((n % 0x80) | 0x80);
      n = Math.floor(n / 0x80);
    }
    out.push(n);
  };
  const put = (x: ReadonlyTree): void => {
    if (x === null) out.push(0);
    else if (typeof x === 'string') {
      const b = enc.encode(x);
      out.push(2);
      varint(b.length);
      for (const byte of b) out.push(byte);
    } else if (typeof x === 'number') {
      if (!Number.isSafeInteger(x)) throw new RangeError(`packTree: not a safe integer: ${x}`);
      if (x >= 0 && x < 256 - SMALL) out.push(SMALL + x);
      else if (x >= 0) {
        out.push(3);
        varint(x);
      } else {
        out.push(4);
        varint(-x);
      }
    } else {
      out.push(1);
      varint(x.length);
      for (const item of x) put(item);
    }
  };
  put(value);
  return Uint8Array.from(out);
}

export function unpackTree(bytes: Uint8Array): Result<Tree, string> {
  // ignoreBOM: a string that starts with U+FEFF (a trunk name read from a file's first bytes) keeps it.
  const dec = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });
  let pos = 0;
  const varint = (): number | null => {
    let n = 0;
    let scale = 1;
    for (let i = 0; i < 8; i++) {
      const b = bytes[pos++];
      if (b === undefined) return null;
      n += (b & 0x7f) * scale;
      if (b < 0x80) return Number.isSafeInteger(n) ? n : null;
      scale *= 0x80;
    }
    return null;
  };
  const get = (depth: number): Tree | undefined => {
    if (depth > MAX_DEPTH) return undefined;
    const tag = bytes[pos++];
    if (tag === undefined) return undefined;
    if (tag >= SMALL) return tag - SMALL;
    switch (tag) {
      case 0:
        return null;
      case 3:
        return varint() ?? undefined;
      case 4: {
        const n = varint();
        return n === null || n === 0 ? undefined : -n;
      }
      case 2: {
        const len = varint();
        if (len === null || len > bytes.length - pos) return undefined;
        const s = dec.decode(bytes.subarray(pos, pos + len));
        pos += len;
        return s;
      }
      case 1: {
        const len = varint();
        if (len === null || len > bytes.length - pos) return undefined; // every item takes ≥ 1 byte
        const items: Tree[] = [];
        for (let i = 0; i < len; i++) {
          const item = get(depth + 1);
          if (item === undefined) return undefined;
          items.push(item);
        }
        return items;
      }
      default:
        return undefined;
    }
  };
  try {
    const tree = get(0);
    if (tree === undefined) return err('unreadable content');
    if (pos !== bytes.length) return err('bytes after the content');
    return ok(tree);
  } catch {
    return err('unreadable text');
  }
}
