import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { canonicalBytesInto, CanonicalTimes, formatWallTime, guessDateOrder, parseWallTime } from './wall-time';

describe('parseWallTime', () => {
  it.each([
    ['2024-01-27 15:07:24', Date.UTC(2024, 0, 27, 15, 7, 24)],
    ['2024-01-27T15:07:24', Date.UTC(2024, 0, 27, 15, 7, 24)],
    [' 2024-01-27 15:07:24 ', Date.UTC(2024, 0, 27, 15, 7, 24)],
    ['2024-02-29 00:00:00', Date.UTC(2024, 1, 29)],
    ['2020/2/10 22:41', Date.UTC(2020, 1, 10, 22, 41)],
    // The digits as written: an offset is dropped (times are shown as in the file).
    ['2024-01-27T15:07:24.5+02:00', Date.UTC(2024, 0, 27, 15, 7, 24, 500)],
    // PostgreSQL prints a timestamptz's whole-hour offset as two digits (FusionPBX's xml_cdr export).
    ['2024-05-01 09:00:00-04', Date.UTC(2024, 4, 1, 9, 0, 0)],
    ['2024-05-01 09:00:00.123456+0530', Date.UTC(2024, 4, 1, 9, 0, 0, 123)],
    ['1706368044', Date.UTC(2024, 0, 27, 15, 7, 24)],
    // Epoch milliseconds: 13 digits (Date.now(), API exports).
    ['1706368044123', Date.UTC(2024, 0, 27, 15, 7, 24, 123)],
    // A 12-hour clock after an ISO date (a spreadsheet's "yyyy-mm-dd hh:mm:ss AM/PM").
    ['2024-02-13 08:00:03 AM', Date.UTC(2024, 1, 13, 8, 0, 3)],
    ['2024-02-13 12:30:00 AM', Date.UTC(2024, 1, 13, 0, 30)],
    ['2024-02-13 01:15:00 pm', Date.UTC(2024, 1, 13, 13, 15)],
  ])('%s', (text, expected) => {
    expect(parseWallTime(text)).toBe(expected);
  });

  it.each(['2023-02-29 00:00:00', '2024-13-01 00:00:00', '2024-04-31 10:00:00', '2024-01-27 24:00:00', '2024-01-2x 15:07:24', '', 'abc', '4102444800000', '17063680441', '170636804412', '2024-05-01 13:00:00 PM', '2024-05-01 00:30:00 AM', '5/1/2024 24:00 PM'])('rejects %s', (text) => {
    expect(parseWallTime(text)).toBeNaN();
  });

  it('reads x/y/yyyy in the order given, and the order is told by a number above 12', () => {
    expect(parseWallTime('1/9/2017 16:33:01', 'dmy')).toBe(Date.UTC(2017, 8, 1, 16, 33, 1));
    expect(parseWallTime('1/9/2017 16:33:01', 'mdy')).toBe(Date.UTC(2017, 0, 9, 16, 33, 1));
    expect(guessDateOrder(['1/9/2017', '24/08/2017'])).toBe('dmy');
    expect(guessDateOrder(['1/9/2017', '8/24/2017'])).toBe('mdy');
    expect(guessDateOrder(['1/9/2017'])).toBeNull();
  });

  it('the canonical fast path computes what Date.UTC does, for every year 0000–9999 and second 00–60', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 9999 }), fc.integer({ min: 1, max: 12 }), fc.integer({ min: 1, max: 28 }), fc.integer({ min: 0, max: 23 }), fc.integer({ min: 0, max: 59 }), fc.integer({ min: 0, max: 60 }), (y, mo, d, h, mi, s) => {
        const p = (n: number) => String(n).padStart(2, '0');
        expect(parseWallTime(`${String(y).padStart(4, '0')}-${p(mo)}-${p(d)} ${p(h)}:${p(mi)}:${p(s)}`)).toBe(Date.UTC(y, mo - 1, d, h, mi, s));
      }),
      { numRuns: 20_000 },
    );
    // Leap days around the century rules; a two-digit year is 19xx, as Date.UTC reads it.
    expect(parseWallTime('2000-02-29 00:00:00')).toBe(Date.UTC(2000, 1, 29));
    expect(parseWallTime('2400-02-29 23:59:60')).toBe(Date.UTC(2400, 2, 1));
    expect(parseWallTime('0099-03-01 00:00:00')).toBe(Date.UTC(1999, 2, 1));
  });

  it('a time read right after others of the same day, or of days that do not exist, reads as it does alone', () => {
    // Few years, months and days, so a run repeats days often (the fast path remembers the last day).
    const time = fc.tuple(fc.constantFrom(2023, 2024), fc.integer({ min: 0, max: 3 }), fc.constantFrom(0, 1, 28, 29, 30, 31, 32), fc.integer({ min: 0, max: 24 }), fc.integer({ min: 0, max: 60 }), fc.integer({ min: 0, max: 60 }));
    fc.assert(
      fc.property(fc.array(time, { minLength: 2, maxLength: 30 }), (times) => {
        const p = (n: number) => String(n).padStart(2, '0');
        for (const [y, mo, d, h, mi, s] of times) {
          const t = Date.UTC(y, mo - 1, d, h, mi, s);
          const valid = mo >= 1 && d >= 1 && h <= 23 && mi <= 59 && new Date(Date.UTC(y, mo - 1, d)).getUTCDate() === d;
          const parsed = parseWallTime(`${y}-${p(mo)}-${p(d)} ${p(h)}:${p(mi)}:${p(s)}`);
          if (valid) expect(parsed).toBe(t);
          else expect(parsed).toBeNaN();
        }
      }),
      { numRuns: 2000 },
    );
  });

  it('the canonical fast path agrees with Date for every valid or invalid YYYY-MM-DD HH:MM:SS', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1970, max: 2099 }), fc.integer({ min: 0, max: 13 }), fc.integer({ min: 0, max: 32 }), fc.integer({ min: 0, max: 24 }), fc.integer({ min: 0, max: 60 }), fc.integer({ min: 0, max: 60 }), (y, mo, d, h, mi, s) => {
        const p = (n: number) => String(n).padStart(2, '0');
        const text = `${y}-${p(mo)}-${p(d)} ${p(h)}:${p(mi)}:${p(s)}`;
        const t = Date.UTC(y, mo - 1, d, h, mi, s);
        const valid = mo >= 1 && mo <= 12 && d >= 1 && h <= 23 && mi <= 59 && new Date(t).getUTCDate() === d && new Date(t).getUTCMonth() === mo - 1;
        const parsed = parseWallTime(text);
        if (valid) expect(parsed).toBe(t);
        else if (s !== 60) expect(parsed).toBeNaN();
        if (valid) expect(formatWallTime(parsed)).toBe(s === 60 ? formatWallTime(t) : text);
      }),
    );
  });
});

describe('CanonicalTimes', () => {
  const ascii = (text: string) => Uint8Array.from(text, (c) => c.charCodeAt(0));
  /** Each time through one reader, in order, and through canonicalBytesInto alone: [answer, value] each, and the readers'. */
  const both = (texts: readonly string[]) => {
    const reader = new CanonicalTimes();
    const out = new Float64Array(2);
    return texts.map((text) => {
      // Two bytes before the time: its words are read at an offset, as a field's are in a row.
      const bytes = ascii(`,"${text}"`);
      const view = new DataView(bytes.buffer);
      const read = reader.into(bytes, view, 2, 2 + text.length, out, 0);
      const alone = canonicalBytesInto(bytes, 2, 2 + text.length, out, 1);
      return { text, read: read ? out[0] : null, alone: alone ? out[1] : null };
    });
  };

  it('reads a time of a minute it read before by its seconds, and any other as canonicalBytesInto does', () => {
    const texts = [
      '\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0:00', // NUL bytes with a colon and seconds, before any minute is read: no time
      '2024-01-27 15:07:24',
      '2024-01-27 15:07:59', // the same minute: 59 seconds
      '2024-01-27 15:07:60', // a leap second
      '2024-01-27 15:07:61', // no second: NaN
      '2024-01-27 15:07:6x', // no second: NaN
      '2024-01-27 15:07:00',
      '2024-01-27T15:07:01', // another separator: another minute
      '2024-01-27 15:08:01', // the next minute
      '2024-01-27 15:07:02', // back a minute
      '2024-02-30 15:07:02', // no day: NaN, the minute read last kept
      '2024-01-27 15:07:03',
      '2024-01-27 15:17:04', // the minute of the same last digit
      '2024-01-27 15:07:05',
      '2024-01-27 15:07:3', // 18 bytes: not the shape
      '2024-01-27 15:07-03', // no colon before the seconds: not the shape
    ];
    const read = both(texts);
    expect(read.map((r) => r.read)).toEqual(read.map((r) => r.alone));
    expect(read.map((r) => r.read)).toEqual([
      null,
      Date.UTC(2024, 0, 27, 15, 7, 24),
      Date.UTC(2024, 0, 27, 15, 7, 59),
      Date.UTC(2024, 0, 27, 15, 8, 0),
      Number.NaN,
      Number.NaN,
      Date.UTC(2024, 0, 27, 15, 7, 0),
      Date.UTC(2024, 0, 27, 15, 7, 1),
      Date.UTC(2024, 0, 27, 15, 8, 1),
      Date.UTC(2024, 0, 27, 15, 7, 2),
      Number.NaN,
      Date.UTC(2024, 0, 27, 15, 7, 3),
      Date.UTC(2024, 0, 27, 15, 17, 4),
      Date.UTC(2024, 0, 27, 15, 7, 5),
      null,
      null,
    ]);
  });

  it('reads any run of times, valid or not, as canonicalBytesInto reads each alone', () => {
    // Few minutes and bytes, so a run repeats minutes often (15:07 and 15:17 in one slot, by their
    // last digit); a byte may be any in its place.
    const digit = fc.constantFrom('0', '1', '2', '5', '9', 'a', ' ');
    const time = fc.tuple(fc.constantFrom('2024-01-27', '2024-02-30', '2023-12-31', '0000-00-00'), fc.constantFrom(' ', 'T', 'x'), fc.constantFrom('15:07', '15:17', '15:08', '23:59', '24:00', '15:60', '15:0a'), fc.constantFrom(':', '-'), digit, digit);
    fc.assert(
      fc.property(fc.array(time, { minLength: 1, maxLength: 40 }), (times) => {
        const read = both(times.map(([day, sep, minute, colon, a, b]) => `${day}${sep}${minute}${colon}${a}${b}`));
        expect(read.map((r) => r.read)).toEqual(read.map((r) => r.alone));
      }),
      { numRuns: 2000 },
    );
  });
});
