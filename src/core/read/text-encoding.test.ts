import { describe, expect, it } from 'vitest';
import { binaryReason } from './text-encoding';

describe('binaryReason', () => {
  it('writes the share of control bytes as every rate on the page is written', () => {
    // 1,000 bytes, 74 of them \x01: 7.4 % (over the 5 % a text file may have).
    const head = new Uint8Array(1000).fill(0x61);
    head.fill(0x01, 0, 74);
    expect(binaryReason(head, 'utf-8')).toBe('7.4 % of its first bytes are control characters, so it is a binary file, not text');
  });
});
