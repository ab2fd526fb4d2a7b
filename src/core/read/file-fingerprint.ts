/**
 * "Is this the file already loaded?" Its size and its first and last 64 KiB, compared byte for byte
 * (no hash to collide), rule most files out at once: two exports of the same system differ in
 * their rows, so they differ at the edges. Only when those match are the two files compared whole
 * (sameContent), so a corrected re-export of the same size that differs only in the middle is a
 * different file, and the same export saved under another name is the same one.
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

/** Bytes compared per step when two files are compared whole. */
const COMPARE_STEP_BYTES = 4 << 20;

/** The two files hold the same bytes (read step by step; the first difference ends it). */
export async function sameContent(a: Blob, b: Blob): Promise<boolean> {
  if (a === b) return true;
  if (a.size !== b.size) return false;
  for (let at = 0; at < a.size; at += COMPARE_STEP_BYTES) {
    const [x, y] = await Promise.all([a.slice(at, at + COMPARE_STEP_BYTES).arrayBuffer(), b.slice(at, at + COMPARE_STEP_BYTES).arrayBuffer()]);
    const p = new Uint8Array(x);
    const q = new Uint8Array(y);
    if (p.length !== q.length) return false;
    for (let i = 0; i < p.length; i++) if (p[i] !== q[i]) return false;
  }
  return true;
}
