import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { windows1252ToUtf8 } from './windows-1252';

/** The oracle: the platform's Windows-1252 decoder, then its UTF-8 encoder. */
const viaString = (bytes: Uint8Array) => new TextEncoder().encode(new TextDecoder('windows-1252').decode(bytes, { stream: true }));

describe('windows1252ToUtf8', () => {
  it('gives every byte as the decoder reads it: ASCII as it is, the rest two or three UTF-8 bytes', () => {
    for (let b = 0; b < 256; b++) {
      const one = Uint8Array.of(b);
      expect(windows1252ToUtf8(one)).toEqual(viaString(one));
      expect(windows1252ToUtf8(one).length).toBe(b < 0x80 ? 1 : viaString(one).length);
      if (b >= 0x80) expect(viaString(one).length).toBeGreaterThanOrEqual(2);
    }
    // By hand: é (0xE9) is U+00E9, C3 A9; ÿ (0xFF) is U+00FF, C3 BF; € (0x80) is U+20AC, E2 82 AC.
    expect(Array.from(windows1252ToUtf8(Uint8Array.of(0x4a, 0x6f, 0x73, 0xe9, 0x20, 0xff, 0x80)))).toEqual([0x4a, 0x6f, 0x73, 0xc3, 0xa9, 0x20, 0xc3, 0xbf, 0xe2, 0x82, 0xac]);
  });

  it('hands back an all-ASCII chunk itself, copied nowhere', () => {
    const ascii = new TextEncoder().encode('"","100","200","phones"\n');
    expect(windows1252ToUtf8(ascii)).toBe(ascii);
  });

  it('equals decode-then-encode on any bytes, mostly ASCII or not', () => {
    const mostlyAscii = fc.array(fc.oneof({ weight: 20, arbitrary: fc.integer({ min: 0, max: 0x7f }) }, { weight: 1, arbitrary: fc.integer({ min: 0x80, max: 0xff }) }), { maxLength: 400 });
    const anyBytes = fc.array(fc.integer({ min: 0, max: 0xff }), { maxLength: 400 });
    fc.assert(
      fc.property(fc.oneof(mostlyAscii, anyBytes), (values) => {
        const bytes = Uint8Array.from(values);
        expect(windows1252ToUtf8(bytes)).toEqual(viaString(bytes));
      }),
      { numRuns: 2000 },
    );
  });
});
