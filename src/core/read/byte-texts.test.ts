/**
 * ByteTexts by hand (repeated values give one string, the table stays bounded, fields it cannot
 * read from bytes go to the row's reader), then against Row.trimmed as the oracle on random fields.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ByteTexts, MAX_TEXT_BYTES } from './byte-texts';
import { DelimitedTokenizer } from './delimited-tokenizer';
import { FieldsRow, type Row } from './row';

/** `fn` with each row of `text` as the tokenizer hands it (valid only inside). */
function eachRow(text: string, fn: (row: Row) => void): void {
  const tokenizer = new DelimitedTokenizer({ delimiter: ',' });
  tokenizer.push(new TextEncoder().encode(text), fn);
  tokenizer.end(fn);
}

describe('ByteTexts by hand', () => {
  it('a value read again is the same string, trimmed as trim() does', () => {
    const texts = new ByteTexts();
    const seen: string[] = [];
    eachRow('"BUSY", FAILED ,"NO ANSWER"\nBUSY,FAILED\t,"NO ANSWER"\n', (row) => {
      for (let i = 0; i < row.count; i++) seen.push(texts.trimmed(row, i));
    });
    expect(seen).toEqual(['BUSY', 'FAILED', 'NO ANSWER', 'BUSY', 'FAILED', 'NO ANSWER']);
    expect(texts.kept).toBe(3);
  });

  it('empty and blank fields are empty; a quoted field with "" inside is read by the row', () => {
    const texts = new ByteTexts();
    const seen: string[] = [];
    eachRow('"",  ,"say ""hi""",x\n', (row) => {
      for (let i = 0; i < row.count; i++) seen.push(texts.trimmed(row, i));
    });
    expect(seen).toEqual(['', '', 'say "hi"', 'x']);
    expect(texts.kept).toBe(1); // only x: the quoted field was not there as written
  });

  it('non-ASCII at an edge goes to trim(): U+00A0 is white space there, é is not', () => {
    const texts = new ByteTexts();
    const seen: string[] = [];
    eachRow('\u00a0BUSY\u00a0,é-carrier,carrier-é,a é b\n', (row) => {
      for (let i = 0; i < row.count; i++) seen.push(texts.trimmed(row, i));
    });
    expect(seen).toEqual(['BUSY', 'é-carrier', 'carrier-é', 'a é b']);
    expect(texts.kept).toBe(1); // 'a é b': ASCII at both ends, kept by its bytes
  });

  it('keeps at most `capacity` texts and none longer than MAX_TEXT_BYTES; the others are made each time', () => {
    const texts = new ByteTexts(2);
    const long = 'x'.repeat(MAX_TEXT_BYTES + 1);
    const seen: string[] = [];
    eachRow(`a,b,c,${long}\na,b,c,${long}\n`, (row) => {
      for (let i = 0; i < row.count; i++) seen.push(texts.trimmed(row, i));
    });
    expect(seen).toEqual(['a', 'b', 'c', long, 'a', 'b', 'c', long]);
    expect(texts.kept).toBe(2);
  });

  it('a row over strings (no bytes) is read by its own reader', () => {
    expect(new ByteTexts().trimmed(new FieldsRow([' BUSY ']), 0)).toBe('BUSY');
  });
});

describe('ByteTexts: Row.trimmed is the oracle', () => {
  const part = fc.constantFrom('BUSY', 'FAILED', 'NO ANSWER', ' ', '\t', '\u00a0', '\u3000', 'é', '"', '""', 'NULL', '1', 'x'.repeat(40));
  const field = fc.array(part, { maxLength: 4 }).map((ps) => ps.join(''));
  const written = (value: string, quote: boolean) => (quote || /[",\r\n]/.test(value) ? `"${value.replaceAll('"', '""')}"` : value);
  const line = fc.array(fc.tuple(field, fc.boolean()), { minLength: 1, maxLength: 6 }).map((fs) => fs.map(([v, q]) => written(v, q)).join(','));

  it('gives the text trimmed() gives, from a table shared by every row', () => {
    const texts = new ByteTexts(8); // small: the table fills up and the rest is made per row
    fc.assert(
      fc.property(fc.array(line, { minLength: 1, maxLength: 10 }), (lines) => {
        eachRow(lines.join('\n') + '\n', (row) => {
          for (let i = 0; i < row.count; i++) expect(texts.trimmed(row, i)).toBe(row.trimmed(i));
        });
      }),
      { numRuns: 500 },
    );
    expect(texts.kept).toBe(8);
  });
});
