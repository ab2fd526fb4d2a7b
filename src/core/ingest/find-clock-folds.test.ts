import { describe, expect, it } from 'vitest';
import { FOLD_END, FOLD_START, repeatedHourNote } from '../analysis/clock-fold';
import { storeOf, type CallSpec } from '../analysis/test-helpers';
import { FarBehindWatch, markClockFolds } from './find-clock-folds';

/** Wall ms of "HH:MM" on 2026-11-01, the night US clocks go back (02:00 EDT → 01:00 EST). */
const wall = (clock: string, day = '2026-11-01') => Date.parse(`${day}T${clock}:00Z`);
const clock = (minutes: number) => `${String(Math.floor(minutes / 60)).padStart(2, '0')}:${String(minutes % 60).padStart(2, '0')}`;

/**
 * A trunk calling every 5 minutes, each call 60 s, its rows in the order they were written (at
 * each call's end, as Master.csv): 00:00–01:55 of summer time (24 calls), 01:00–01:55 again after
 * the change (12), then 02:00–02:55 (12).
 */
function night(hourOfChange = 1, day = '2026-11-01'): CallSpec[] {
  const every5 = (fromMinute: number, count: number) => Array.from({ length: count }, (_, i) => ({ start: wall(clock(fromMinute + 5 * i), day), seconds: 60 }));
  const h = hourOfChange * 60;
  return [...every5(h - 60, 24), ...every5(h, 12), ...every5(h + 60, 12)];
}

const SECOND = FOLD_START | FOLD_END;
const bitsOf = (specs: readonly CallSpec[]) => {
  const store = storeOf(specs);
  const found = markClockFolds(store, 0, store.length);
  return { found, bits: Array.from(store.clockFold.subarray(0, store.length)) };
};

describe('markClockFolds', () => {
  it('finds 01:00–02:00 shown twice and marks the 12 calls of the second pass, no other', () => {
    const { found, bits } = bitsOf(night());
    expect(found).toEqual([{ fromMs: wall('01:00'), secondPassCalls: 12 }]);
    expect(bits).toEqual([...Array<number>(24).fill(0), ...Array<number>(12).fill(SECOND), ...Array<number>(12).fill(0)]);
  });

  it('marks only the end of a call begun before the change and ended after it (its end reads earlier than its start)', () => {
    const rows = night();
    // 01:58 of summer time, 4 minutes: it ends at 01:02 after the change, written after the 01:00 call's row (ended 01:01).
    rows.splice(25, 0, { start: wall('01:58'), seconds: -56 * 60 });
    const { found, bits } = bitsOf(rows);
    expect(found).toEqual([{ fromMs: wall('01:00'), secondPassCalls: 12 }]);
    expect(bits[25]).toBe(FOLD_END);
    expect(bits.filter((b) => b === SECOND)).toHaveLength(12);
  });

  it('finds the change wherever a zone makes it, 23:00 to 03:00 (EU 03:00 → 02:00 in Berlin: 02:00–03:00 twice)', () => {
    expect(bitsOf(night(2, '2026-10-25')).found).toEqual([{ fromMs: wall('02:00', '2026-10-25'), secondPassCalls: 12 }]);
    expect(bitsOf(night(0)).found).toEqual([{ fromMs: wall('00:00'), secondPassCalls: 12 }]);
  });

  it('finds nothing where no clock goes back: the same jump at 14:00, the rows newest first, long calls written at their end, too few rows after the jump', () => {
    expect(bitsOf(night(14)).found).toEqual([]);
    expect(bitsOf([...night()].reverse()).found).toEqual([]);
    // Every 5 minutes 00:00–02:55, and three calls begun at 01:02, 01:03, 01:04 that last 55 minutes:
    // their rows, written at their ends (01:57–01:59), start an hour before the 01:55 row's, but end after it.
    const longCalls: CallSpec[] = [
      ...Array.from({ length: 36 }, (_, i) => ({ start: wall(clock(5 * i)), seconds: 60 })),
      ...['01:02', '01:03', '01:04'].map((t) => ({ start: wall(t), seconds: 55 * 60 })),
    ];
    longCalls.sort((a, b) => a.start + (a.seconds ?? 0) * 1000 - (b.start + (b.seconds ?? 0) * 1000));
    expect(bitsOf(longCalls).found).toEqual([]);
    // Two rows of 01:00 and 01:05 after 01:55 (a stray pair out of order): behind by more than 15 minutes, but two.
    const stray = [...night().slice(0, 24), { start: wall('01:00'), seconds: 60 }, { start: wall('01:05'), seconds: 60 }, ...night().slice(36)];
    expect(bitsOf(stray).found).toEqual([]);
    expect(bitsOf(stray).bits.every((b) => b === 0)).toBe(true);
  });

  it('a file grouped by trunk: each trunk\'s night is its own block, its fold found and marked, one repeated hour in all', () => {
    const trunk = (name: string) => night().map((c) => ({ ...c, trunk: name }));
    const { found, bits } = bitsOf([...trunk('A'), ...trunk('B')]);
    expect(found).toEqual([{ fromMs: wall('01:00'), secondPassCalls: 24 }]);
    const one = [...Array<number>(24).fill(0), ...Array<number>(12).fill(SECOND), ...Array<number>(12).fill(0)];
    expect(bits).toEqual([...one, ...one]);
  });

  it('no clock change, rows grouped by trunk (each 21:00–00:55): the next trunk going back is no fold, nor its rows in the hour after', () => {
    const evening = (name: string) => Array.from({ length: 48 }, (_, i) => ({ trunk: name, start: wall('21:00', '2026-03-10') + 5 * i * 60_000, seconds: 60 }));
    const { found, bits } = bitsOf([...evening('A'), ...evening('B')]);
    expect(found).toEqual([]);
    expect(bits.every((b) => b === 0)).toBe(true);
    // The same two trunks 23:00–00:55 each (a jump of two hours back): no fold either.
    const late = (name: string) => evening(name).slice(24);
    expect(bitsOf([...late('A'), ...late('B')]).found).toEqual([]);
  });

  it('reads only the rows it is given (one file of several in a store)', () => {
    const store = storeOf([...night(), ...night()]);
    expect(markClockFolds(store, 48, 96)).toEqual([{ fromMs: wall('01:00'), secondPassCalls: 12 }]);
    expect(Array.from(store.clockFold.subarray(0, 48)).every((b) => b === 0)).toBe(true);
  });

  it('says which hour repeats, and how the counts read it', () => {
    expect(repeatedHourNote({ fromMs: wall('01:00'), secondPassCalls: 12 })).toBe(
      '2026-11-01 01:00–02:00 appears twice: the clock went back an hour (daylight saving time ended). Times are shown as the file writes them; ' +
        'calls per second and concurrent calls count the second 01:00–02:00 (12 calls started in it) an hour after the first, as it happened.',
    );
  });
});

describe('FarBehindWatch (the rows read as they are merged)', () => {
  /** A watch fed `specs`' store rows from `from` in pieces of `size` rows, as merges append them. */
  const watched = (specs: readonly CallSpec[], size: number, from = 0) => {
    const store = storeOf(specs);
    const watch = new FarBehindWatch(from);
    for (let to = Math.min(store.length, from + size); ; to = Math.min(store.length, to + size)) {
      watch.follow(store.startMs, to);
      if (to === store.length) break;
    }
    return { store, watch };
  };
  const every5 = Array.from({ length: 48 }, (_, i) => ({ start: wall('00:00') + 5 * i * 60_000, seconds: 60 }));

  it('sees a row more than 30 minutes behind the largest start before it, in any piece, and no other', () => {
    expect(watched(every5, 7).watch.mayFold(48)).toBe(false);
    // 00:00 … 03:55, then one row at 03:24 (31 minutes behind 03:55), or at 03:26 (29 behind).
    expect(watched([...every5, { start: wall('03:24'), seconds: 60 }], 7).watch.mayFold(49)).toBe(true);
    expect(watched([...every5, { start: wall('03:26'), seconds: 60 }], 7).watch.mayFold(49)).toBe(false);
    // The largest start before it is in an earlier piece (pieces of 1 row), or in the same one (49 rows).
    expect(watched([...every5, { start: wall('03:24'), seconds: 60 }], 1).watch.mayFold(49)).toBe(true);
    expect(watched([...every5, { start: wall('03:24'), seconds: 60 }], 49).watch.mayFold(49)).toBe(true);
    // A row without a start is behind nothing.
    expect(watched([...every5, { start: Number.NaN, seconds: 60 }], 7).watch.mayFold(49)).toBe(false);
  });

  it('answers "may fold" for rows it was not given', () => {
    const { watch } = watched(every5.slice(0, 40), 8);
    expect(watch.mayFold(40)).toBe(false);
    expect(watch.mayFold(48)).toBe(true);
  });

  it('markClockFolds with the watch finds and marks what it finds without, whatever the pieces (every night of the tests above)', () => {
    const trunk = (name: string) => night().map((c) => ({ ...c, trunk: name }));
    const nights: CallSpec[][] = [night(), night(2, '2026-10-25'), night(14), [...night()].reverse(), [...trunk('A'), ...trunk('B')], every5];
    for (const specs of nights) {
      const without = bitsOf(specs);
      for (const size of [1, 7, 48, 100]) {
        const { store, watch } = watched(specs, size);
        expect(markClockFolds(store, 0, store.length, watch)).toEqual(without.found);
        expect(Array.from(store.clockFold.subarray(0, store.length))).toEqual(without.bits);
      }
    }
  });

  it('a second file in the store is watched from its own first row', () => {
    // The first file's rows end at 03:55; the second starts again at 00:00 (its own night): not behind anything of its own.
    const { watch } = watched([...every5, ...every5], 5, 48);
    expect(watch.mayFold(96)).toBe(false);
  });
});
