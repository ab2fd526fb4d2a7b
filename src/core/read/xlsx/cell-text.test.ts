import { describe, expect, it } from 'vitest';
import { builtinDateKind, columnName, columnOfReference, customDateKind, isoDateText, MAX_SHEET_COLUMNS, numberText, serialText } from './cell-text';

describe('numberText', () => {
  it('writes an integer as its digits, never in exponent form', () => {
    expect(numberText('15551234567')).toBe('15551234567');
    // The same number as another writer stores it.
    expect(numberText('1.5551234567E10')).toBe('15551234567');
    expect(numberText('0')).toBe('0');
    expect(numberText('-0')).toBe('0');
    expect(numberText('1E21')).toBe('1000000000000000000000');
  });

  it('writes other numbers in their shortest form, float noise past 15 digits dropped', () => {
    expect(numberText('1473180155.12')).toBe('1473180155.12');
    // 16 significant digits, none of them noise: Asterisk uniqueids stored whole.
    expect(numberText('1427219004.100015')).toBe('1427219004.100015');
    expect(numberText('1427253999.199999')).toBe('1427253999.199999');
    expect(numberText('0.125000000000000000')).toBe('0.125');
    expect(numberText('0.30000000000000004')).toBe('0.3');
    // A duration computed by a formula: 12 s, stored a hair over.
    expect(numberText('12.000000000000002')).toBe('12');
    expect(numberText('-2.5')).toBe('-2.5');
  });

  it('keeps text that is no decimal number as it is (Number() would read hex and Infinity)', () => {
    expect(numberText('0x1A')).toBe('0x1A');
    expect(numberText('Infinity')).toBe('Infinity');
    expect(numberText('')).toBe('');
  });
});

describe('dates and times', () => {
  it('knows the built-in date formats (14–22, 45–47) from the others', () => {
    expect([13, 14, 17, 18, 21, 22, 23, 44, 45, 46, 47, 48].map(builtinDateKind)).toEqual([
      null, 'datetime', 'datetime', 'time', 'time', 'datetime', null, null, 'time', 'elapsed', 'time', null,
    ]);
  });

  it('reads the East Asian built-ins (27–36, 50–58) as a date or a time of day, whichever the value is', () => {
    expect([26, 27, 31, 32, 36, 37, 49, 50, 55, 58, 59].map(builtinDateKind)).toEqual([null, 'time', 'time', 'time', 'time', null, null, 'time', 'time', 'time', null]);
    // 2015-03-24 12:00 is 42087.5 days after 1899-12-30; 0.5 is noon on no day.
    expect(serialText(42087.5, builtinDateKind(31)!, false)).toBe('2015-03-24 12:00:00');
    expect(serialText(0.5, builtinDateKind(32)!, false)).toBe('12:00:00');
  });

  it('reads a custom format by its letters outside quotes, brackets and escapes', () => {
    expect(customDateKind('yyyy-mm-dd hh:mm:ss')).toBe('datetime');
    expect(customDateKind('[$-409]m/d/yy h:mm AM/PM;@')).toBe('datetime');
    expect(customDateKind('mmm')).toBe('datetime');
    expect(customDateKind('h:mm')).toBe('time');
    expect(customDateKind('mm:ss.0')).toBe('time');
    expect(customDateKind('[h]:mm:ss')).toBe('elapsed');
    expect(customDateKind('General')).toBeNull();
    expect(customDateKind('0.00E+00')).toBeNull();
    expect(customDateKind('#,##0 "days"')).toBeNull();
    expect(customDateKind('[Red]0.00;[Blue]-0.00')).toBeNull();
    expect(customDateKind('0\\h')).toBeNull();
    expect(customDateKind('0.00_h')).toBeNull();
  });

  it('writes a serial as YYYY-MM-DD HH:MM:SS to the nearest second', () => {
    // 42087 days after 1899-12-30 is 2015-03-24 (2015-01-01 is 42005; +31 Jan +28 Feb +23); 15:44:02 is 56,642 s of 86,400.
    expect(serialText(42087 + 56642 / 86400, 'datetime', false)).toBe('2015-03-24 15:44:02');
    expect(serialText(1.5, 'datetime', false)).toBe('1899-12-31 12:00:00');
    // Half a day plus 0.4 s, and plus 0.6 s.
    expect(serialText(0.5 + 0.4 / 86400, 'datetime', false)).toBe('1899-12-30 12:00:00');
    expect(serialText(0.5 + 0.6 / 86400, 'datetime', false)).toBe('1899-12-30 12:00:01');
  });

  it('counts from 1904-01-01 in the 1904 date system (1,462 days later)', () => {
    expect(serialText(0, 'datetime', true)).toBe('1904-01-01 00:00:00');
    expect(serialText(42087.5, 'datetime', true)).toBe('2019-03-25 12:00:00');
  });

  it('writes a time under a day as HH:MM:SS, a time format over a day as the whole date, [h] as hours', () => {
    expect(serialText(0.0625, 'time', false)).toBe('01:30:00');
    expect(serialText(42087.0625, 'time', false)).toBe('2015-03-24 01:30:00');
    expect(serialText(1.25, 'elapsed', false)).toBe('30:00:00');
  });

  it('leaves what cannot be a date to be written as a number', () => {
    expect(serialText(-1, 'datetime', false)).toBeNull();
    expect(serialText(3e6, 'datetime', false)).toBeNull();
    expect(serialText(Number.NaN, 'datetime', false)).toBeNull();
  });

  it('writes an ISO date cell (type d) in the same form', () => {
    expect(isoDateText('2015-03-24T15:44:02')).toBe('2015-03-24 15:44:02');
    expect(isoDateText('2015-03-24T15:44:01.600Z')).toBe('2015-03-24 15:44:02');
    expect(isoDateText('2015-03-24')).toBe('2015-03-24 00:00:00');
    expect(isoDateText('soon')).toBe('soon');
  });
});

describe('cell references', () => {
  const column = (ref: string) => columnOfReference(new TextEncoder().encode(ref), 0, ref.length);
  it('reads the column letters', () => {
    expect(['A1', 'C1', 'Z9', 'AA1', 'ab12', 'XFD1'].map(column)).toEqual([0, 2, 25, 26, 27, 16383]);
    expect(column('XFE1')).toBe(MAX_SHEET_COLUMNS);
    expect(column(`${'A'.repeat(1_000_000)}1`)).toBe(MAX_SHEET_COLUMNS);
    expect(column('12')).toBe(-1);
    expect([0, 2, 25, 26, 16383].map(columnName)).toEqual(['A', 'C', 'Z', 'AA', 'XFD']);
  });
});
