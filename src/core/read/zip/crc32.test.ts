import { crc32 as zlibCrc32 } from 'node:zlib';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { updateCrc32 } from './crc32';

describe('updateCrc32', () => {
  it('gives the check value of "123456789" (CBF43926, the CRC-32 catalogue) and 0 for nothing', () => {
    expect(updateCrc32(0, new TextEncoder().encode('123456789'))).toBe(0xcbf43926);
    expect(updateCrc32(0, new Uint8Array(0))).toBe(0);
  });

  it('property: what zlib gives, whole or in any two parts', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 300 }), fc.nat(), (bytes, cutAt) => {
        const cut = bytes.length === 0 ? 0 : cutAt % bytes.length;
        const want = zlibCrc32(bytes);
        expect(updateCrc32(0, bytes)).toBe(want);
        expect(updateCrc32(updateCrc32(0, bytes.subarray(0, cut)), bytes.subarray(cut))).toBe(want);
      }),
      { numRuns: 300 },
    );
  });
});
