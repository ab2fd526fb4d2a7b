/**
 * Test helpers, imported by *.test.ts only: a minimal ZIP writer (APPNOTE.TXT 4.3.7 local header,
 * 4.3.12 directory header, 4.3.16 end record) whose every field a test may set wrong, for the
 * archives no archiver writes (encrypted flags, other methods, wrong CRCs and sizes, shared data).
 * The archives real archivers write are fixtures (fixtures/archives). No Node imports: this file is
 * inside the src/core typecheck fence, so deflate is the platform's CompressionStream.
 */
import { updateCrc32 } from './crc32';

export interface TestZipEntry {
  path: string;
  /** The entry's content (text is written as UTF-8). */
  data: Uint8Array | string;
  /** 0 stored, 8 deflate (the default); any other number is written with `data` as it is. */
  method?: number;
  flags?: number;
  /** What the directory says, when it should say something else than the truth. */
  crc32?: number;
  uncompressedSize?: number;
  /** The entry's data as written, instead of `data` compressed. */
  written?: Uint8Array;
  /** The name's bytes, instead of `path` in UTF-8. */
  nameBytes?: Uint8Array;
  /** The directory points this entry at the local header of entry `sharesDataOf` (whose data it then is). */
  sharesDataOf?: number;
}

const textBytes = (t: Uint8Array | string) => (typeof t === 'string' ? new TextEncoder().encode(t) : t);

export async function deflateRaw(bytes: Uint8Array): Promise<Uint8Array> {
  const stream = new Blob([bytes as Uint8Array<ArrayBuffer>]).stream().pipeThrough(new CompressionStream('deflate-raw'));
  return new Uint8Array(await new Response(stream).arrayBuffer());
}

/** The archive's bytes, entries in the order given. */
export async function buildZip(entries: readonly TestZipEntry[], options: { comment?: string } = {}): Promise<Uint8Array<ArrayBuffer>> {
  const parts: Uint8Array[] = [];
  const central: Uint8Array[] = [];
  const offsets: number[] = [];
  let offset = 0;
  for (const e of entries) {
    const data = textBytes(e.data);
    const method = e.method ?? 8;
    const written = e.written ?? (method === 8 ? await deflateRaw(data) : data);
    const name = e.nameBytes ?? new TextEncoder().encode(e.path);
    const crc = e.crc32 ?? updateCrc32(0, data);
    const size = e.uncompressedSize ?? data.length;
    const fields = { flags: e.flags ?? 0, method, crc, compressed: written.length, size, name };
    offsets.push(offset);
    const local = header(0x04034b50, fields, null);
    parts.push(local, written);
    const at = e.sharesDataOf === undefined ? offset : offsets[e.sharesDataOf]!;
    central.push(header(0x02014b50, fields, at));
    offset += local.length + written.length;
  }
  const directory = concat(central);
  const comment = new TextEncoder().encode(options.comment ?? '');
  const end = new DataView(new ArrayBuffer(22));
  end.setUint32(0, 0x06054b50, true);
  end.setUint16(8, entries.length, true);
  end.setUint16(10, entries.length, true);
  end.setUint32(12, directory.length, true);
  end.setUint32(16, offset, true);
  end.setUint16(20, comment.length, true);
  return concat([...parts, directory, new Uint8Array(end.buffer), comment]);
}

interface HeaderFields {
  flags: number;
  method: number;
  crc: number;
  compressed: number;
  size: number;
  name: Uint8Array;
}

/** A local header (`localOffset` null) or a directory header pointing at `localOffset`. */
function header(signature: number, f: HeaderFields, localOffset: number | null): Uint8Array {
  const fixed = localOffset === null ? 30 : 46;
  const bytes = new Uint8Array(fixed + f.name.length);
  const v = new DataView(bytes.buffer);
  v.setUint32(0, signature, true);
  const at = localOffset === null ? 4 : 6; // a directory header has "version made by" first
  if (localOffset !== null) v.setUint16(4, 0x031e, true);
  v.setUint16(at, 20, true);
  v.setUint16(at + 2, f.flags, true);
  v.setUint16(at + 4, f.method, true);
  v.setUint16(at + 8, 0x5821, true); // 2024-01-01
  v.setUint32(at + 10, f.crc, true);
  v.setUint32(at + 14, f.compressed, true);
  v.setUint32(at + 18, f.size, true);
  v.setUint16(at + 22, f.name.length, true);
  if (localOffset !== null) v.setUint32(42, localOffset, true);
  bytes.set(f.name, fixed);
  return bytes;
}

function concat(parts: readonly Uint8Array[]): Uint8Array<ArrayBuffer> {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let at = 0;
  for (const p of parts) {
    out.set(p, at);
    at += p.length;
  }
  return out;
}
