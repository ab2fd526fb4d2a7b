/**
 * "Is this the file already loaded?" without reading it whole: its size and its first and last
 * 64 KiB, compared byte for byte (no hash to collide). Two exports of the same system differ in
 * their rows, so they differ at the edges; the same export saved under another name does not.
 * A file that differs only in the middle (same size) is a different file to the session, and the
 * call de-duplication still counts a call present in both once.
 */
export const FINGERPRINT_EDGE_BYTES = 64 * 1024;

export interface FileFingerprint {
  size: number;
  /** The first FINGERPRINT_EDGE_BYTES, then the last ones that do not overlap them. */
  edges: Uint8Array;
}

export async function fingerprintBlob(blob: Blob): Promise<FileFingerprint> {
  const head = blob.slice(0, FINGERPRINT_EDGE_BYTES);
  const tail = blob.slice(Math.max(FINGERPRINT_EDGE_BYTES, blob.size - FINGERPRINT_EDGE_BYTES));
  const edges = new Uint8Array(await new Blob([head, tail]).arrayBuffer());
  return { size: blob.size, edges };
}

export function sameFingerprint(a: FileFingerprint, b: FileFingerprint): boolean {
  if (a.size !== b.size || a.edges.length !== b.edges.length) return false;
  for (let i = 0; i < a.edges.length; i++) if (a.edges[i] !== b.edges[i]) return false;
  return true;
}
