/**
 * The Row readers (wallTime, wholeNumber, trimmed) of the tokenizer's BytesRow read a field's bytes
 * where they can; each must give exactly what the string path gives for the field's text
 * (parseOrderFreeWallTime, the digit-run rule, String.prototype.trim), on fields quoted or not,
 * with `""` inside, in ASCII and non-ASCII chunks. FieldsRow (the string path itself) is checked
 * against the same rules, and a few values are checked by hand.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseOrderFreeWallTime } from '../model/wall-time';
import { DelimitedTokenizer } from './delimited-tokenizer';
import { FieldsRow, type Row } from './row';

/** Pieces of timestamps and numbers, and the characters that trip readers up. */
const PARTS = [
  '2024', '2023', '1999', '0099', '99', '2000', '1900', '-', '/', '.', ' ', 'T', ':', '00', '01', '02', '12', '13', '23', '24', '28', '29',
  '30', '31', '59', '60', '61', '0', '7', '+', '.5', ',', '""', '\t', '\u00a0', '\ufeff', 'é', '٣', 'NULL', '\\N', '1e3', '0x1',
  '123456789012345', '1234567890123456', '9007199254740993',
];

/** A canonical time with random parts (valid or not: month 13, day 31 of February, 24:00…). */
const canonicalArb = fc
  .tuple(
    fc.constantFrom('2024', '2023', '2000', '1900', '0099', '1970'),
    fc.constantFrom('00', '01', '02', '04', '12', '13'),
    fc.constantFrom('00', '01', '28', '29', '30', '31', '32'),
    fc.constantFrom(' ', 'T', '_'),
    fc.constantFrom('00', '09', '23', '24'),
    fc.constantFrom('00', '59', '60'),
    fc.constantFrom('00', '59', '60', '61'),
  )
  .map(([y, mo, d, sep, h, mi, s]) => `${y}-${mo}-${d}${sep}${h}:${mi}:${s}`);

const fieldArb = fc.oneof(
  canonicalArb,
  canonicalArb.map((t) => ` ${t}`),
  canonicalArb.map((t) => `${t} `),
  fc.array(fc.constantFrom(...PARTS), { maxLength: 6 }).map((ps) => ps.join('')),
  fc.nat({ max: 10 ** 6 }).map(String),
  fc.array(fc.constantFrom('0', '1', '9'), { minLength: 1, maxLength: 17 }).map((ds) => ds.join('')),
);

/** A field written into a CSV line: plain, quoted, or quoted with its quotes doubled. */
function written(value: string, quote: boolean): string {
  if (!quote && !/[",\r\n]/.test(value) && !value.startsWith(' ')) return value;
  return `"${value.replace(/"/g, '""')}"`;
}

const recordArb = fc.array(fc.record({ value: fieldArb, quote: fc.boolean() }), { minLength: 1, maxLength: 8 });

/** What the string path gives for a text. */
function wholeNumberOracle(text: string): number {
  return /^[0-9]{1,15}$/.test(text) ? Number(text) : -1;
}

function expectReadersMatchText(row: Row): void {
  for (let i = -1; i <= row.count; i++) {
    const text = row.field(i);
    expect(Object.is(row.wallTime(i), parseOrderFreeWallTime(text)), `wallTime of ${JSON.stringify(text)}`).toBe(true);
    expect(row.wholeNumber(i), `wholeNumber of ${JSON.stringify(text)}`).toBe(wholeNumberOracle(text));
    expect(row.trimmed(i), `trimmed of ${JSON.stringify(text)}`).toBe(text.trim());
    // A field there as written: its bytes are its text (any other is read by field(i)).
    const start = row.byteStart(i);
    if (start >= 0) expect(row.bytesText(start, row.byteEnd(i)), `bytes of ${JSON.stringify(text)}`).toBe(text);
  }
}

/** The text's records, each checked as the tokenizer hands it out (and given to `each`), as FieldsRows. */
function tokenized(line: string, each?: (row: Row) => void): Row[] {
  const t = new DelimitedTokenizer({ delimiter: ',' });
  const checked: Row[] = [];
  const sink = (row: Row): void => {
    expectReadersMatchText(row);
    each?.(row);
    checked.push(new FieldsRow(row.fields()));
  };
  t.push(new TextEncoder().encode(line), sink);
  t.end(sink);
  return checked;
}

describe('Row readers read bytes as the string path reads text', () => {
  it('BytesRow and FieldsRow agree with parseOrderFreeWallTime, the digit-run rule and trim', () => {
    fc.assert(
      fc.property(fc.array(recordArb, { minLength: 1, maxLength: 5 }), (records) => {
        const text = records.map((r) => r.map((f) => written(f.value, f.quote)).join(',')).join('\n');
        for (const row of tokenized(text)) expectReadersMatchText(row);
      }),
      { numRuns: 3000 },
    );
  });

  it('reads by hand: leap days, 24:00, two-digit years, spaces, signs, fractions, non-ASCII', () => {
    const line = [
        '2024-02-29 23:59:59', '2023-02-29 00:00:00', '2024-01-01 24:00:00', '"0099-01-01 00:00:00"', ' 2024-01-01 00:00:00',
        '2024-01-01T00:00:60', '007', '-5', '+5', '1.5', '1234567890123456', '"12""3"', ' 42', '٣', ' x\u00a0', '',
      ].join(',');
    let read = 0;
    const check = (r: Row): void => {
      read++;
    expect(r.wallTime(0)).toBe(Date.UTC(2024, 1, 29, 23, 59, 59));
    expect(r.wallTime(1)).toBeNaN();
    expect(r.wallTime(2)).toBeNaN();
    expect(r.wallTime(3)).toBe(Date.UTC(1999, 0, 1)); // Date.UTC's reading of a year below 100
    expect(r.wallTime(4)).toBeNull();
    expect(r.wallTime(5)).toBe(Date.UTC(2024, 0, 1, 0, 1, 0));
    expect([6, 7, 8, 9, 10, 11, 12, 13, 15].map((i) => r.wholeNumber(i))).toEqual([7, -1, -1, -1, -1, -1, -1, -1, -1]);
    expect(r.trimmed(12)).toBe('42');
      expect(r.trimmed(14)).toBe('x');
    };
    tokenized(line, check);
    for (const row of tokenized(line)) check(row);
    expect(read).toBe(2);
    tokenized(line, (r) => {
      // The bytes of a field as written: 'x' of ' x\u00a0' starts at its byte 1; `"12""3"` has `""` inside.
      expect(r.bytesText(r.byteStart(14) + 1, r.byteStart(14) + 2)).toBe('x');
      expect(r.byteStart(11)).toBe(-1);
      expect(r.byteStart(16)).toBe(-1);
    });
    const strings: Row = new FieldsRow(['a']);
    expect(strings.byteStart(0)).toBe(-1);
  });
});
