import { describe, expect, it } from 'vitest';
import { FINGERPRINT_EDGE_BYTES, fingerprintBlob, sameContent, sameFingerprint } from './file-fingerprint';

const text = (n: number, fill: string) => fill.repeat(n);

describe('file fingerprint', () => {
  it('the same bytes under another name are the same file', async () => {
    const a = new File(['id,trunk\n1,sip-a\n'], 'Master.csv');
    const b = new File(['id,trunk\n1,sip-a\n'], 'Master (1).csv');
    expect(sameFingerprint(await fingerprintBlob(a), await fingerprintBlob(b))).toBe(true);
  });

  it('one byte changed at either end, or one more byte, is another file', async () => {
    const body = text(3 * FINGERPRINT_EDGE_BYTES, 'x');
    const base = await fingerprintBlob(new Blob([body]));
    expect(sameFingerprint(base, await fingerprintBlob(new Blob(['y' + body.slice(1)])))).toBe(false);
    expect(sameFingerprint(base, await fingerprintBlob(new Blob([body.slice(0, -1) + 'y'])))).toBe(false);
    expect(sameFingerprint(base, await fingerprintBlob(new Blob([body + 'x'])))).toBe(false);
  });

  it('reads only the edges of a big file: 128 KiB, the head then the tail', async () => {
    const body = 'a'.repeat(FINGERPRINT_EDGE_BYTES) + 'm'.repeat(FINGERPRINT_EDGE_BYTES) + 'z'.repeat(FINGERPRINT_EDGE_BYTES);
    const fp = await fingerprintBlob(new Blob([body]));
    expect(fp.size).toBe(3 * FINGERPRINT_EDGE_BYTES);
    expect(fp.edges.length).toBe(2 * FINGERPRINT_EDGE_BYTES);
    expect(fp.edges[0]).toBe('a'.charCodeAt(0));
    expect(fp.edges[2 * FINGERPRINT_EDGE_BYTES - 1]).toBe('z'.charCodeAt(0));
    expect(fp.edges.includes('m'.charCodeAt(0))).toBe(false);
  });

  it('a small file is read once, its head and tail do not overlap', async () => {
    const fp = await fingerprintBlob(new Blob(['abc']));
    expect(Array.from(fp.edges)).toEqual([97, 98, 99]);
  });

  it('same edges, one byte changed in the middle (a corrected re-export of the same size): the edges match, the content does not', async () => {
    const body = text(3 * FINGERPRINT_EDGE_BYTES, 'x');
    const middle = body.slice(0, 1.5 * FINGERPRINT_EDGE_BYTES) + 'y' + body.slice(1.5 * FINGERPRINT_EDGE_BYTES + 1);
    const [a, b] = [new Blob([body]), new Blob([middle])];
    expect(sameFingerprint(await fingerprintBlob(a), await fingerprintBlob(b))).toBe(true);
    expect(await sameContent(a, b)).toBe(false);
    expect(await sameContent(a, new Blob([body]))).toBe(true);
  });
});
