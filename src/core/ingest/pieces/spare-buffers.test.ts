import { describe, expect, it } from 'vitest';
import { SpareBuffers } from './spare-buffers';

describe('SpareBuffers: piece buffers used again', () => {
  it('makes a fresh buffer (rounded up to 64 KiB) when no spare is kept, a view of the size asked', () => {
    const buffers = new SpareBuffers(2);
    const bytes = buffers.take(100_000);
    expect(bytes.length).toBe(100_000);
    expect(bytes.buffer.byteLength).toBe(131_072);
  });

  it('reads into a spare given back when it is big enough, the last given back first', () => {
    const buffers = new SpareBuffers(2);
    const a = buffers.take(1000).buffer;
    const b = buffers.take(1000).buffer;
    buffers.giveBack(a);
    buffers.giveBack(b);
    // 65_000 bytes fit in a 65_536-byte spare.
    expect(buffers.take(65_000).buffer).toBe(b);
    expect(buffers.take(10).buffer).toBe(a);
    expect(buffers.kept).toBe(0);
  });

  it('keeps at most `max` spares, and none that is detached', () => {
    const buffers = new SpareBuffers(2);
    for (let k = 0; k < 3; k++) buffers.giveBack(new ArrayBuffer(8));
    expect(buffers.kept).toBe(2);
    const moved = new ArrayBuffer(8);
    structuredClone(moved, { transfer: [moved] });
    const none = new SpareBuffers(2);
    none.giveBack(moved);
    expect(none.kept).toBe(0);
  });

  it('lets a spare too small go and makes a fresh one', () => {
    const buffers = new SpareBuffers(2);
    const small = new ArrayBuffer(1 << 20);
    buffers.giveBack(small);
    const bytes = buffers.take((1 << 20) + 1);
    expect(bytes.buffer).not.toBe(small);
    expect(bytes.buffer.byteLength).toBe((1 << 20) + (64 << 10));
    expect(buffers.kept).toBe(0);
  });
});
