/**
 * The sniff tokenizes its sample only as far as the records it keeps (firstRecords, 4 KiB at a
 * time): they must be the first records of the whole sample tokenized at once, for every candidate
 * delimiter and both counts kept (DELIMITER_ROWS to judge a delimiter, SNIFF_ROWS for the sample).
 * The delimiter's score reads only those records, so the choice is the one the whole sample gives.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { tokenizeAll } from './delimited-tokenizer';
import { buildSniffSample, DELIMITER_ROWS, firstRecords, SNIFF_ROWS } from './sniff';

const utf8 = new TextEncoder();

/** The first `limit` records of the whole text tokenized at once (the straightforward way). */
function atOnce(text: string, delimiter: string, limit: number): string[][] {
  return tokenizeAll(text, { delimiter })
    .slice(0, limit)
    .map((r) => r.fields);
}

/** firstRecords = atOnce for every candidate delimiter and count kept, and the sample's rows are its text's first records. */
function expectSameRecords(text: string): void {
  for (const delimiter of [',', ';', '\t', '|']) {
    for (const limit of [DELIMITER_ROWS, SNIFF_ROWS]) expect(firstRecords(utf8.encode(text), delimiter, limit)).toEqual(atOnce(text, delimiter, limit));
  }
  const sample = buildSniffSample('f.csv', text);
  expect(sample.rows).toEqual(atOnce(sample.text, sample.delimiter, SNIFF_ROWS));
}

describe('buildSniffSample', () => {
  it('splits a carrier log by hand: its delimiter, its first 60 records', () => {
    const line = (i: number) => `"1714572003.${i}","2024-05-01 09:00:03","34","CONGESTION","503","Service Unavailable"`;
    const text = `${Array.from({ length: 500 }, (_, i) => line(i)).join('\r\n')}\r\n`;
    const sample = buildSniffSample('AST_carrier_log_report.csv', text);
    expect(sample.delimiter).toBe(',');
    expect(sample.rows).toHaveLength(60);
    expect(sample.rows[59]).toEqual(['1714572003.59', '2024-05-01 09:00:03', '34', 'CONGESTION', '503', 'Service Unavailable']);
    expectSameRecords(text);
  });

  it('splits by the delimiter that gives the most columns most consistently: 4 by semicolon, not 2 by comma', () => {
    // Each line splits into 4 by ';' and into 2 by its one ',' (a decimal comma): 1 × log2(4) beats 1 × log2(2).
    const text = Array.from({ length: 100 }, (_, i) => `2024-05-01;${i};503;0,${i}\n`).join('');
    const sample = buildSniffSample('calls.csv', text);
    expect(sample.delimiter).toBe(';');
    expect(sample.rows).toHaveLength(60);
    expect(sample.rows[0]).toEqual(['2024-05-01', '0', '503', '0,0']);
  });

  it('keeps the records tokenizing the whole sample gives, on random texts (quotes, line ends, delimiters, long lines, non-ASCII)', () => {
    const piece = fc.constantFrom('a', '1', ',', ';', '\t', '|', '"', '""', '\n', '\r\n', '\r', ' ', 'é', '€', 'x'.repeat(5000), '"q\nq"', '');
    const text = fc.array(piece, { maxLength: 400 }).map((parts) => parts.join(''));
    fc.assert(fc.property(text, expectSameRecords), { numRuns: 300 });
  });

  it('keeps the same on short rows of many lines, the records past the sample cut or not', () => {
    const row = fc.array(fc.constantFrom('7', 'ab', ';', ',', '|', '\t'), { maxLength: 8 }).map((f) => f.join(''));
    fc.assert(
      fc.property(fc.array(row, { minLength: 1, maxLength: 3000 }), fc.constantFrom('\n', '\r\n', '\r'), (rows, end) => expectSameRecords(rows.join(end) + end)),
      { numRuns: 100 },
    );
  });
});
