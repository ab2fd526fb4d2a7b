/**
 * A file's first bytes, read once for the two that look at them before its rows: the archive check
 * (archive-inputs.ts: is it a ZIP?) and the sniff (byte-source.ts blobSlices: its first slice).
 * Each read of a slice of a File waits for its own round trip to the browser's file reading: after
 * a drop in headless Chromium, the ZIP check's 4-byte read took 4–12 ms and the sniff's 64 KiB one
 * 3–6 ms more before a byte was parsed. Read here, the sniff finds the head the check read.
 */
import { SNIFF_CHARS } from './sniff';

/** The head read: the sniff's first slice (open-file.ts reads at most SNIFF_CHARS first). */
export const HEAD_BYTES = SNIFF_CHARS;

const heads = new WeakMap<Blob, Promise<Uint8Array>>();

/** The blob's first min(size, HEAD_BYTES) bytes, read now and kept for takeHead. Callers must not change or move them. */
export function readHead(blob: Blob): Promise<Uint8Array> {
  let head = heads.get(blob);
  if (!head) {
    head = blob
      .slice(0, Math.min(blob.size, HEAD_BYTES))
      .arrayBuffer()
      .then((buffer) => new Uint8Array(buffer));
    // A failed read is the taker's to report (its own read would fail the same way).
    head.catch(() => undefined);
    heads.set(blob, head);
  }
  return head;
}

/**
 * The first `bytes` of the blob from a head readHead read, in a buffer of the caller's own (kept,
 * moved to another thread); the head is let go. null when none was read: the caller reads them.
 */
export function takeHead(blob: Blob, bytes: number): Promise<Uint8Array> | null {
  const head = heads.get(blob);
  if (!head || bytes > HEAD_BYTES) return null;
  heads.delete(blob);
  return head.then((all) => all.slice(0, bytes));
}

/** The head readHead kept let go unread (an archive: its entries are read, not its own head). */
export function forgetHead(blob: Blob): void {
  heads.delete(blob);
}
