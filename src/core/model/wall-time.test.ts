import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { formatWallTime, guessDateOrder, parseWallTime } from './wall-time';

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
