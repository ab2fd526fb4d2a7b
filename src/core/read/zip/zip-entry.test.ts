import { describe, expect, it } from 'vitest';
import type { ZipEntry } from './zip-directory';
import { updateCrc32 } from './crc32';
import { checkedEntryBytes, ZipEntryDamage } from './zip-entry';

const entry = (uncompressedSize: number): ZipEntry => ({ index: 0, path: 'bomb.csv', flags: 0, method: 8, crc32: 0, compressedSize: 10, uncompressedSize, localHeaderOffset: 0, regionEnd: 40 });

describe('checkedEntryBytes', () => {
  it('an entry that never ends (a zip bomb) stops at the size it declares: 2,500 bytes in chunks of 1,000 take 3 chunks, the third cut to 500', async () => {
    let pulled = 0;
    let ended = false;
    async function* endless(): AsyncGenerator<Uint8Array> {
      try {
        for (;;) {
          pulled++;
          yield new Uint8Array(1000).fill(0x0a);
        }
      } finally {
        ended = true;
      }
    }
    const got: number[] = [];
    let error: unknown = null;
    try {
      for await (const chunk of checkedEntryBytes(endless(), entry(2500))) got.push(chunk.length);
    } catch (e) {
      error = e;
    }
    expect(got).toEqual([1000, 1000, 500]);
    expect(pulled).toBe(3);
    expect(ended).toBe(true); // the endless input was stopped, not left suspended
    expect(error).toBeInstanceOf(ZipEntryDamage);
    expect((error as Error).message).toBe('it holds more than the 2,500 bytes its archive declares (a damaged entry, or one built to fill memory), so reading stopped there');
  });

  it('bytes after the end of the deflate data (Chromium throws "Junk found after end of compressed data"): whole when every declared byte came and the CRC matches', async () => {
    const data = new TextEncoder().encode('a,b\n1,2\n');
    const whole: ZipEntry = { ...entry(data.length), crc32: updateCrc32(0, data) };
    async function* thenJunk(): AsyncGenerator<Uint8Array> {
      yield data;
      throw new TypeError('Junk found after end of compressed data.');
    }
    const got: number[] = [];
    for await (const chunk of checkedEntryBytes(thenJunk(), whole)) got.push(chunk.length);
    expect(got).toEqual([data.length]);
    // A wrong CRC, or bytes missing: the error stands.
    await expect(async () => {
      for await (const chunk of checkedEntryBytes(thenJunk(), { ...whole, crc32: 1 })) void chunk;
    }).rejects.toThrow('Junk found');
    await expect(async () => {
      for await (const chunk of checkedEntryBytes(thenJunk(), entry(data.length + 5))) void chunk;
    }).rejects.toThrow('Junk found');
  });
});
