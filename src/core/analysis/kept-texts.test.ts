/**
 * KeptTexts against the straightforward way, a list of strings: whatever texts are pushed (as
 * strings, as UTF-8 bytes, or from another pack), text k reads back as the k-th of the list.
 */
import { describe, expect, it } from 'vitest';
import { KeptTexts, noPackedTexts, packedCount, packedTextAt } from './kept-texts';

/** A small deterministic generator (mulberry32). */
function random(seed: number): () => number {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Texts of every kind a call id may be: empty, ASCII, accented, astral, a lone surrogate, longer than a fromCharCode slice. */
function textOf(next: () => number): string {
  const pick = next();
  if (pick < 0.05) return '';
  if (pick < 0.1) return 'x'.repeat(4096 + Math.floor(next() * 9000));
  const alphabet = pick < 0.7 ? '0123456789.abc-' : ['é', '€', '😀', '\ud800', '\udfff', 'a', '\ufeff', '\u0000'].join('');
  let text = '';
  const length = Math.floor(next() * 24);
  for (let k = 0; k < length; k++) text += alphabet[Math.floor(next() * alphabet.length)] ?? '';
  return text;
}

describe('KeptTexts', () => {
  it('pushed as strings, as UTF-8 bytes, from another pack and a whole pack at once: each text reads back as the list of strings holds it', () => {
    for (let seed = 1; seed <= 20; seed++) {
      const next = random(seed);
      const texts = Array.from({ length: 1 + Math.floor(next() * 300) }, () => textOf(next));
      // Any room up front, from none to more than the texts take (a piece's, sized from the last one's).
      const room = { units: Math.floor(next() * 2000), texts: Math.floor(next() * 400) };
      const asStrings = new KeptTexts(room);
      const asBytes = new KeptTexts(room);
      const encoder = new TextEncoder();
      const decoder = new TextDecoder('utf-8', { ignoreBOM: true });
      const viaBytes: string[] = [];
      for (const text of texts) {
        asStrings.push(text);
        // A field's bytes inside a row's: the text between other bytes.
        const bytes = new Uint8Array([44, ...encoder.encode(text), 44]);
        asBytes.pushUtf8(bytes, 1, bytes.length - 1);
        viaBytes.push(decoder.decode(bytes.subarray(1, bytes.length - 1)));
      }
      const copied = new KeptTexts();
      const packed = asStrings.packed();
      for (let k = texts.length - 1; k >= 0; k--) copied.pushFrom(packed, k);
      // Whole, after a text already held (its ends shifted past it), into any room.
      const whole = new KeptTexts({ units: Math.floor(next() * 50), texts: Math.floor(next() * 4) });
      whole.push('held');
      whole.pushAll(packed);
      whole.pushAll(noPackedTexts());
      expect(whole.count).toBe(texts.length + 1);
      expect(whole.at(0)).toBe('held');
      expect(asStrings.count).toBe(texts.length);
      expect(packedCount(packed)).toBe(texts.length);
      for (let k = 0; k < texts.length; k++) {
        expect(asStrings.at(k)).toBe(texts[k]);
        expect(packedTextAt(packed, k)).toBe(texts[k]);
        expect(asBytes.at(k)).toBe(viaBytes[k]);
        expect(copied.at(texts.length - 1 - k)).toBe(texts[k]);
        expect(whole.at(k + 1)).toBe(texts[k]);
      }
    }
  });

  it('counts what it holds: two ids of 16 and 2 characters are 18 code units and 2 ends', () => {
    const kept = new KeptTexts();
    const bytes = new TextEncoder().encode('1794818574.49901,c1');
    kept.pushUtf8(bytes, 0, 16);
    kept.pushUtf8(bytes, 17, 19);
    const packed = kept.packed();
    expect(Array.from(packed.ends)).toEqual([16, 18]);
    expect(packed.units.length).toBe(18);
    expect([kept.at(0), kept.at(1)]).toEqual(['1794818574.49901', 'c1']);
    expect(packedCount(noPackedTexts())).toBe(0);
  });

  it('packed as views (a piece handing its texts over) reads the same texts as the copies, in its own arrays', () => {
    const kept = new KeptTexts();
    for (const id of ['1794818574.49901', 'c1', 'é-id']) kept.push(id);
    const copies = kept.packed();
    const views = kept.packed(true);
    expect(Array.from(views.units)).toEqual(Array.from(copies.units));
    expect(Array.from(views.ends)).toEqual([16, 18, 22]);
    expect([0, 1, 2].map((k) => packedTextAt(views, k))).toEqual(['1794818574.49901', 'c1', 'é-id']);
    // The views are of the pack's arrays (room past the texts included), the copies their own.
    expect(views.units.buffer).toBe(kept.packed(true).units.buffer);
    expect(views.units.buffer.byteLength).toBeGreaterThan(views.units.byteLength);
    expect(copies.units.buffer).not.toBe(views.units.buffer);
  });
});
