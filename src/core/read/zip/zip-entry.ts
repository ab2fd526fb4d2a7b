/**
 * One entry of a ZIP archive as bytes: whether it can be read at all (encrypted, a method other
 * than stored or deflate), where its data starts (after its local header, APPNOTE.TXT 4.3.7), and
 * its bytes checked as they come: never more than the archive declares (a "zip bomb" stops there,
 * as soon as it goes past), never fewer (truncated data), and the CRC-32, stored or deflated (raw
 * deflate has no checksum of its own; a stored entry's bytes are the text itself, but one flipped
 * byte in them is a wrong row the archive says nothing else about).
 */
import { formatCount } from '../../model/format-count';
import { blobSlices } from '../byte-source';
import { updateCrc32 } from './crc32';
import { LOCAL_HEADER_BYTES, LOCAL_HEADER_SIGNATURE, type ZipEntry } from './zip-directory';

export const STORED = 0;
export const DEFLATED = 8;
const ENCRYPTED_FLAG = 1;
/** APPNOTE 4.4.5, and 99 (WinZip AES, appendix E): what an archiver may use instead of deflate. */
const METHOD_NAMES: Readonly<Record<number, string>> = {
  1: 'Shrink',
  2: 'Reduce',
  3: 'Reduce',
  4: 'Reduce',
  5: 'Reduce',
  6: 'Implode',
  9: 'Deflate64',
  12: 'bzip2',
  14: 'LZMA',
  18: 'IBM TERSE',
  19: 'IBM LZ77',
  93: 'Zstandard',
  94: 'MP3',
  95: 'xz',
  96: 'JPEG',
  97: 'WavPack',
  98: 'PPMd',
};

/** A read of an entry stopped because its bytes are not what the archive says. */
export class ZipEntryDamage extends Error {
  override name = 'ZipEntryDamage';
}

/** Why this entry cannot be read (text after its name: "is …"), or null. */
export function entryProblem(entry: ZipEntry): string | null {
  if (entry.flags & ENCRYPTED_FLAG || entry.method === 99) {
    return 'is encrypted (the archive has a password): unzip it with its password and drop the CSV file';
  }
  if (entry.method !== STORED && entry.method !== DEFLATED) {
    const name = METHOD_NAMES[entry.method];
    return `is compressed with ${name ? `${name} (ZIP method ${entry.method})` : `ZIP method ${entry.method}`}, which cannot be read here: only stored and deflated entries (what most archivers write by default) are. Unzip it with an archive tool (7-Zip, unzip) and drop the CSV file`;
  }
  return null;
}

/**
 * The entry's data in `region` (its local header, its data and whatever follows before the next
 * entry), or why it is not there.
 */
export async function entryData(region: Blob, entry: ZipEntry): Promise<{ start: number; data: Blob } | { problem: string }> {
  const header = new Uint8Array(await region.slice(0, LOCAL_HEADER_BYTES).arrayBuffer());
  const view = new DataView(header.buffer, header.byteOffset, header.byteLength);
  if (header.length < LOCAL_HEADER_BYTES || view.getUint32(0, true) !== LOCAL_HEADER_SIGNATURE) {
    return { problem: 'is damaged: its header is not where the archive’s directory says. Download the archive again' };
  }
  // The local name and extra field may differ in length from the directory's (Info-ZIP's are).
  const start = LOCAL_HEADER_BYTES + view.getUint16(26, true) + view.getUint16(28, true);
  const end = start + entry.compressedSize;
  if (end > region.size) return { problem: 'is truncated or damaged: its data runs past the end of its place in the archive. Download the archive again' };
  if (entry.method === STORED && entry.compressedSize !== entry.uncompressedSize) {
    return { problem: 'is damaged: stored (not compressed), yet the archive gives it two different sizes. Download the archive again' };
  }
  return { start, data: region.slice(start, end) };
}

const CRC_MISMATCH = 'its data does not match the CRC-32 checksum its archive gives: the archive is damaged, so the rows read from it may be wrong';

/**
 * The entry's bytes (inflated already for deflate) passed on, counted against the size the archive
 * declares: the first byte past it stops the read (its chunk is cut there), fewer at the end are a
 * truncated entry, and a CRC-32 other than the directory's is damage.
 */
export async function* checkedEntryBytes(bytes: AsyncIterable<Uint8Array>, entry: ZipEntry): AsyncGenerator<Uint8Array> {
  const declared = entry.uncompressedSize;
  let seen = 0;
  let crc = 0;
  try {
    for await (const chunk of bytes) {
      if (seen + chunk.length > declared) {
        const fits = chunk.subarray(0, declared - seen);
        if (fits.length > 0) yield fits;
        throw new ZipEntryDamage(`it holds more than the ${formatCount(declared)} bytes its archive declares (a damaged entry, or one built to fill memory), so reading stopped there`);
      }
      seen += chunk.length;
      crc = updateCrc32(crc, chunk);
      yield chunk;
    }
  } catch (e) {
    // Bytes after the end of the deflate stream, inside the entry's compressed size: Chromium's
    // DecompressionStream throws on them, Node's does not. Where every declared byte came and the
    // CRC-32 matches, the entry is whole: read as in Node, not "damaged after line 17".
    const whole = !(e instanceof ZipEntryDamage) && seen === declared && crc === entry.crc32;
    if (!whole) throw e;
  }
  if (seen < declared) throw new ZipEntryDamage(`its data ends after ${formatCount(seen)} of the ${formatCount(declared)} bytes its archive declares: the archive is truncated or damaged`);
  if (crc !== entry.crc32) throw new ZipEntryDamage(CRC_MISMATCH);
}

/**
 * The damage (a ZipEntryDamage) when the bytes of `data`, a stored entry's, do not have the CRC-32
 * `crc32`; null when they do. For a stored entry read in pieces: its piece workers parse byte
 * ranges, so no one reader sees all its bytes in order, and its data is read once more here.
 */
export async function storedCrcDamage(data: Blob, crc32: number, signal?: AbortSignal): Promise<ZipEntryDamage | null> {
  let crc = 0;
  for await (const chunk of blobSlices(data, CRC_SLICE_BYTES, () => {}, signal)) crc = updateCrc32(crc, chunk);
  return crc === crc32 ? null : new ZipEntryDamage(CRC_MISMATCH);
}

/** ~2 ms of updateCrc32 a step (crc32.ts): the thread it runs on still answers between steps. */
const CRC_SLICE_BYTES = 1 << 20;
