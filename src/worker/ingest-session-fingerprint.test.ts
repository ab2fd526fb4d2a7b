/**
 * The first file of a drop is compared with no other, so its read does not wait for its
 * fingerprint (two slices of the file): the fingerprint is read beside it, and the session holds
 * the file once both are done. A file whose fingerprint cannot be read still fails the request.
 */
import { afterEach, describe, expect, it, vi } from 'vitest';
import type * as Fingerprints from '../core/read/file-fingerprint';

type FileFingerprint = Fingerprints.FileFingerprint;

const pending: Array<{ resolve: (f: FileFingerprint) => void; reject: (e: Error) => void }> = [];
vi.mock('../core/read/file-fingerprint', async (actual) => ({
  ...(await actual<typeof Fingerprints>()),
  fingerprintBlob: (blob: Blob) => new Promise<FileFingerprint>((resolve, reject) => pending.push({ resolve: () => resolve({ size: blob.size, edges: new Uint8Array(0) }), reject })),
}));

const { IngestSession } = await import('./ingest-session');
const TEXT = 'uniqueid,calldate,channel,dstchannel,disposition,sipcode\n1.1,2026-11-16 09:00:00,SIP/100-01,SIP/carrier-a-02,FAILED,503\n';
const input = { id: 'a', name: 'a.csv', blob: new Blob([TEXT]) };

afterEach(() => {
  pending.length = 0;
});

describe('a drop of one file', () => {
  it('is read while its fingerprint is still being read, and held once the fingerprint is in', async () => {
    const session = new IngestSession();
    const read: number[] = [];
    let settled = false;
    const applying = session.apply(1, [input], {}, { onProgress: (p) => read.push(p.bytesRead) }).finally(() => (settled = true));
    for (let k = 0; k < 50 && read.at(-1) !== input.blob.size; k++) await new Promise((resolve) => setTimeout(resolve, 0));
    expect(read.at(-1)).toBe(input.blob.size);
    expect(pending).toHaveLength(1);
    expect(settled).toBe(false);
    expect(session.current).toBeNull();
    pending[0]!.resolve({ size: input.blob.size, edges: new Uint8Array(0) });
    expect((await applying).calls).toBe(1);
    expect(session.current?.ingestId).toBe(1);
  });

  it('fails the request when its fingerprint cannot be read, and holds nothing', async () => {
    const session = new IngestSession();
    const applying = session.apply(1, [input], {});
    await vi.waitFor(() => expect(pending).toHaveLength(1));
    pending[0]!.reject(new Error('the file was moved'));
    await expect(applying).rejects.toMatchObject({ message: 'the file was moved', sessionKept: true });
    expect(session.current).toBeNull();
  });
});
