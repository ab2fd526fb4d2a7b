/**
 * One entry of an archive read as bytes from the archive's blob, without the entry being a file
 * of the drop: a workbook's parts (xl/workbook.xml, xl/sharedStrings.xml, a sheet). Read as a
 * file's ZIP entry is (open-file.ts): stored or inflated, counted against its declared size, its
 * CRC-32 checked at the end.
 */
import { blobSlices, decompress, READ_SLICE_BYTES, type ByteProgress } from '../byte-source';
import type { ZipEntry } from './zip-directory';
import { checkedEntryBytes, DEFLATED, entryData, entryProblem } from './zip-entry';

/** A ZIP entry's deflate is fed to the inflater in steps this big (decompress: what one step can make is bounded). */
export const INFLATE_STEP_BYTES = 64 << 10;

export interface EntryBytesOptions {
  sliceBytes?: number;
  signal?: AbortSignal;
  /** Bytes of the entry's stored (compressed) data read so far. */
  onBytes?: (progress: ByteProgress) => void;
}

/**
 * The entry's bytes as they come (inflated, checked: a ZipEntryDamage or the inflater's error is
 * thrown where they go wrong), or why it cannot be read at all (text after its name: "is …").
 */
export async function entryBytes(archive: Blob, entry: ZipEntry, options: EntryBytesOptions = {}): Promise<{ bytes: AsyncGenerator<Uint8Array> } | { problem: string }> {
  const problem = entryProblem(entry);
  if (problem) return { problem };
  const found = await entryData(archive.slice(entry.localHeaderOffset, entry.regionEnd), entry);
  if ('problem' in found) return found;
  const sliceBytes = Math.max(1, options.sliceBytes ?? READ_SLICE_BYTES);
  const raw = blobSlices(found.data, sliceBytes, options.onBytes ?? (() => {}), options.signal);
  const inflated = entry.method === DEFLATED ? decompress(raw, 'deflate-raw', sliceBytes, options.signal, INFLATE_STEP_BYTES) : raw;
  return { bytes: checkedEntryBytes(inflated, entry) };
}
