import { describe, expect, it } from 'vitest';
import { SecondsFromUniqueid, secondsHint, startWithSeconds } from './seconds-from-uniqueid';

/** Wall ms as written (stored as UTC-coded wall time). */
const wall = (h: number, m: number, s = 0) => Date.UTC(2024, 2, 1, h, m, s);

describe('a start saved without seconds gets them back from its uniqueid', () => {
  // 1709287205 is 2024-03-01 10:00:05 UTC.
  it('a UTC clock: 10:00 and uniqueid 1709287205.17 → 10:00:05', () => {
    expect(startWithSeconds(wall(10, 0), '3/1/2024 10:00', '1709287205.17')).toBe(wall(10, 0, 5));
    expect(startWithSeconds(wall(10, 0), '2024-03-01 10:00', '1709287205.17')).toBe(wall(10, 0, 5));
    expect(startWithSeconds(wall(10, 0), '01/03/2024 10:00 AM', '1709287205')).toBe(wall(10, 0, 5));
  });

  it('any clock a whole number of quarter hours from UTC: +2 h (12:00), −5 h (05:00), +5:45 (15:45)', () => {
    expect(startWithSeconds(wall(12, 0), '3/1/2024 12:00', '1709287205.17')).toBe(wall(12, 0, 5));
    expect(startWithSeconds(wall(5, 0), '3/1/2024 5:00', 'host-1709287205.3')).toBe(wall(5, 0, 5));
    expect(startWithSeconds(wall(15, 45), '3/1/2024 15:45', '1709287205.17')).toBe(wall(15, 45, 5));
  });

  it('keeps the minute where the uniqueid names another minute, has no epoch, or the start had its seconds', () => {
    // Made at 10:01:05: another minute than the written 10:00.
    expect(startWithSeconds(wall(10, 0), '3/1/2024 10:00', '1709287265.2')).toBeNull();
    expect(startWithSeconds(wall(10, 0), '3/1/2024 10:00', 'abc')).toBeNull();
    expect(startWithSeconds(wall(10, 0), '3/1/2024 10:00', '')).toBeNull();
    expect(startWithSeconds(wall(10, 0), '3/1/2024 10:00:00', '1709287205.17')).toBeNull();
    expect(startWithSeconds(wall(10, 0), wall(10, 0), '1709287205.17')).toBeNull();
    // 20 hours from UTC is no clock.
    expect(startWithSeconds(wall(10, 0) + 20 * 3_600_000, '3/2/2024 6:00', '1709287205.17')).toBeNull();
  });

  it('the file note counts the starts that got their second and those that kept their minute', () => {
    expect(secondsHint({ minutesOnly: 0, restored: 0 })).toBeNull();
    expect(secondsHint({ minutesOnly: 4, restored: 0 })).toBeNull();
    expect(secondsHint({ minutesOnly: 1_500, restored: 1_500 })).toMatch(/^Start times carry no seconds .*: each start's second was read from its uniqueid/);
    expect(secondsHint({ minutesOnly: 269, restored: 266 })).toMatch(/the second of 266 of 269 starts was read .*; the other 3 keep their minute\.$/);
  });

  it("a channel made 14 min 10 s before its CDR (a queue's wait) is not read on a clock 15 minutes off once the file's clock is known", () => {
    // Made at 10:15:50 (1709288150); the CDR, written 10:30, started in that minute.
    expect(startWithSeconds(wall(10, 30), '3/1/2024 10:30', '1709288150.9')).toBe(wall(10, 30, 50));
    const file = new SecondsFromUniqueid();
    // Three rows whose uniqueid is their start: the file's clock is UTC.
    for (const [m, id] of [[0, '1709287205.1'], [1, '1709287265.2'], [2, '1709287325.3']] as const) expect(file.restore(wall(10, m), `3/1/2024 10:0${m}`, id)).toBe(wall(10, m, 5));
    expect(file.restore(wall(10, 30), '3/1/2024 10:30', '1709288150.9')).toBeNull();
    expect(file.tally).toEqual({ minutesOnly: 4, restored: 3 });
    // Read again quietly (a row held back for the date order): the same answer, counted once.
    expect(file.restoreQuietly(wall(10, 1), '3/1/2024 10:01', '1709287265.2')).toBe(wall(10, 1, 5));
    expect(file.tally).toEqual({ minutesOnly: 4, restored: 3 });
  });
});
