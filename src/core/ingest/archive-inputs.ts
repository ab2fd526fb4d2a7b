/**
 * A ZIP archive in a drop is read as the files it holds: each file entry (not a folder, not macOS's
 * __MACOSX/ or a hidden file) becomes one input of the drop, named "archive.zip › folder/file.csv",
 * its blob the entry's own bytes in the archive (Blob.slice: nothing is unzipped ahead, nothing is
 * loaded whole). An Excel workbook (.xlsx) is one file, read as its first sheet (open-file.ts); an
 * archive that cannot be opened (damaged, no files, too many) stays one input, and its read says why. The page's worker and the CLI both open archives here.
 */
import { forgetHead, readHead } from '../read/blob-head';
import { isZipHead, readZipContents } from '../read/zip/zip-directory';
import type { IngestInput } from './ingest-files';

/** Between an archive's name and an entry's path in the entry's name. */
export const ARCHIVE_PATH_SEPARATOR = ' › ';
/** An entry's path longer than this is shown clipped in the middle (a ZIP path may be 64 KB long). */
const MAX_SHOWN_PATH = 200;

/** The files of `input` when it is a ZIP archive that can be opened; null when it is read as it is. */
export async function archiveInputs(input: IngestInput): Promise<IngestInput[] | null> {
  if (input.zipEntry || input.blob.size < 4) return null;
  try {
    // The sniff's head, read now: the file's first read, and the sniff's too (blob-head.ts).
    if (!isZipHead(await readHead(input.blob))) return null;
    forgetHead(input.blob);
    const contents = await readZipContents(input.blob);
    if (!('files' in contents)) return null;
    return contents.files.map((entry) => ({ name: entryName(input.name, entry.path), blob: input.blob.slice(entry.localHeaderOffset, entry.regionEnd), zipEntry: entry }));
  } catch {
    // Unreadable (gone from disk, changed): its read reports that, naming the file.
    return null;
  }
}

/** "archive.zip › folder/file.csv": untrusted text (the path is anyone's), shown as any file name is. */
export function entryName(archiveName: string, path: string): string {
  const shown = path.length > MAX_SHOWN_PATH ? `${path.slice(0, MAX_SHOWN_PATH / 2 - 1)}…${path.slice(-MAX_SHOWN_PATH / 2)}` : path;
  return `${archiveName}${ARCHIVE_PATH_SEPARATOR}${shown}`;
}
