import { describe, expect, it } from 'vitest';
import { MAX_SPARES, SpareColumns } from './spare-columns';

describe('SpareColumns: a piece’s columns made in buffers of merged pieces', () => {
  it('makes a fresh buffer with an eighth more room, rounded up to 4 KiB, when no spare is kept: a view of the length asked', () => {
    const spares = new SpareColumns(1 << 20);
    const a = spares.take(Float64Array, 10_000);
    expect(a.length).toBe(10_000);
    // 80,000 bytes × 1.125 = 90,000 → 22 pages of 4,096.
    expect(a.buffer.byteLength).toBe(90_112);
  });

  it('takes the smallest spare big enough, as a view of zeros whatever it held, and keeps the others', () => {
    const spares = new SpareColumns(1 << 20);
    const big = new ArrayBuffer(80_000);
    const small = new ArrayBuffer(40_000);
    const tiny = new ArrayBuffer(1_000);
    for (const b of [big, small, tiny]) new Uint8Array(b).fill(0xff);
    spares.giveBack([big, small, tiny]);
    const a = spares.take(Uint32Array, 5_000); // 20,000 bytes: in the 40,000-byte spare
    expect(a.buffer).toBe(small);
    expect(a.length).toBe(5_000);
    expect(a.every((v) => v === 0)).toBe(true);
    // Past the view the spare's bytes are left as they were (nothing reads them).
    expect(new Uint8Array(small)[20_000]).toBe(0xff);
    expect(spares.take(Float64Array, 10_000).buffer).toBe(big);
    expect(spares.take(Uint8Array, 1_000).buffer).toBe(tiny);
    expect(spares.keptBytes).toBe(0);
  });

  it('spends no spare on an empty array (a store makes its kept-text columns empty)', () => {
    const spares = new SpareColumns(1 << 20);
    const spare = new ArrayBuffer(4_096);
    spares.giveBack([spare]);
    const empty = spares.take(Uint32Array, 0);
    expect(empty.length).toBe(0);
    expect(empty.buffer).not.toBe(spare);
    expect(spares.keptBytes).toBe(4_096);
    expect(spares.take(Uint32Array, 1_024).buffer).toBe(spare);
  });

  it('keeps the newest MAX_SPARES spares however few bytes they hold: a look for a fitting one reads them all', () => {
    const spares = new SpareColumns(1 << 30);
    const given = Array.from({ length: MAX_SPARES + 44 }, (_, k) => new ArrayBuffer(16 + k));
    spares.giveBack(given);
    // The 44 oldest (16–59 bytes) went: the smallest left is the 45th (60 bytes).
    expect(MAX_SPARES).toBe(256);
    expect(spares.keptBytes).toBe(given.slice(44).reduce((n, b) => n + b.byteLength, 0));
    expect(spares.take(Uint8Array, 1).buffer).toBe(given[44]);
  });

  it('keeps the newest spares up to its byte limit, letting the oldest go, and never a detached buffer', () => {
    const spares = new SpareColumns(100);
    const first = new ArrayBuffer(60);
    const second = new ArrayBuffer(60);
    const third = new ArrayBuffer(40);
    spares.giveBack([first, second, third]);
    // 160 bytes given, 100 kept: the first (60) goes, the second and third (60 + 40) stay.
    expect(spares.keptBytes).toBe(100);
    expect(spares.take(Uint8Array, 60).buffer).toBe(second);
    expect(spares.take(Uint8Array, 40).buffer).toBe(third);
    // Given later, a big buffer pushes out the small ones before it.
    spares.giveBack([new ArrayBuffer(30), new ArrayBuffer(30)]);
    const big = new ArrayBuffer(90);
    spares.giveBack([big]);
    expect(spares.keptBytes).toBe(90);
    expect(spares.take(Uint8Array, 50).buffer).toBe(big);
    const moved = new ArrayBuffer(8);
    structuredClone(moved, { transfer: [moved] });
    const none = new SpareColumns(100);
    none.giveBack([moved]);
    expect(none.keptBytes).toBe(0);
  });
});
