import { describe, expect, it } from 'vitest';
import { daysOf, looksComplete, parseWallInput } from './window-input';

const at = (iso: string) => Date.parse(`${iso}Z`);
const base = at('2026-11-16T08:00:02');

describe('typed From / To', () => {
  it('reads a 24-hour time on the field’s own day, with or without seconds', () => {
    expect(parseWallInput('14:35', base, 'from')).toEqual({ ms: at('2026-11-16T14:35:00') });
    expect(parseWallInput(' 9:05:07 ', base, 'to')).toEqual({ ms: at('2026-11-16T09:05:07') });
    expect(parseWallInput('00:00', base, 'from')).toEqual({ ms: at('2026-11-16T00:00:00') });
  });

  it('reads a date and time, with a space or a T; a date alone is the day’s start (From) or the next day’s start (To)', () => {
    expect(parseWallInput('2026-11-17 14:35', base, 'from')).toEqual({ ms: at('2026-11-17T14:35:00') });
    expect(parseWallInput('2026-11-17T14:35', base, 'from')).toEqual({ ms: at('2026-11-17T14:35:00') });
    expect(parseWallInput('2026-11-17', base, 'from')).toEqual({ ms: at('2026-11-17T00:00:00') });
    expect(parseWallInput('2026-11-17', base, 'to')).toEqual({ ms: at('2026-11-18T00:00:00') });
  });

  it('refuses what is not a 24-hour time or a real day, saying what to type', () => {
    for (const bad of ['02:30 PM', '24:00', '14:60', '2026-02-30 10:00', '2026-11-16 1435', 'soon', '', '9'.repeat(100)]) {
      expect(parseWallInput(bad, base, 'from')).toHaveProperty('error');
    }
    expect(parseWallInput('02:30 PM', base, 'from')).toEqual({ error: '“02:30 PM” is not a date and time: type a 24-hour time, e.g. 14:35, or a date and time, e.g. 2026-11-16 14:35.' });
  });

  it('applies while typing only once the input is whole', () => {
    expect(['1', '14', '14:', '14:3', '2026-11-16 14:3', '2026-11-1'].map(looksComplete)).toEqual([false, false, false, false, false, false]);
    expect(['14:35', '14:35:20', '2026-11-16 14:35', '2026-11-16T14:35'].map(looksComplete)).toEqual([true, true, true, true]);
  });

  it('lists every calendar day a span touches', () => {
    expect(daysOf({ fromMs: at('2026-11-16T08:00:00'), toMs: at('2026-11-16T20:00:00') })).toEqual([at('2026-11-16T00:00:00')]);
    expect(daysOf({ fromMs: at('2026-11-16T23:00:00'), toMs: at('2026-11-18T00:00:00') })).toEqual([at('2026-11-16T00:00:00'), at('2026-11-17T00:00:00')]);
  });
});
