/**
 * The DelimitedTokenizer as CDR readers use it (quotedNewlines: false: a line end always ends the
 * record) against Papa Parse, fed UTF-8 bytes cut anywhere (also inside a character):
 * 1. well-formed lines (quotes, doubled quotes, delimiters inside quotes, empty fields, non-ASCII,
 *    LF / CRLF / CR record ends): the same records as Papa, with their line numbers;
 * 2. a line with a quote that never closes: it ends at its own line end, and every other record is
 *    what Papa reads from the file without that line (a stray quote never swallows the rest);
 * 3. the row view: field(i) in any order and fields() agree.
 */
import fc from 'fast-check';
import Papa from 'papaparse';
import { describe, expect, it } from 'vitest';
import { DelimitedTokenizer } from './delimited-tokenizer';
import type { RecordSink } from './row';

type Rec = { fields: string[]; line: number };

const DELIMITERS = [',', ';', '\t', '|'] as const;
const EOLS = ['\n', '\r\n', '\r'] as const;
/** No CR or LF inside a value: CDR writers never write one. */
const CHARS = ['a', 'Z', '1', '2', ' ', ',', ';', '\t', '|', '"', 'é', 'ʤ', '€'];

const fieldArb = fc.array(fc.constantFrom(...CHARS), { maxLength: 8 }).map((cs) => cs.join(''));
const recordArb = fc.array(fc.record({ value: fieldArb, forceQuote: fc.boolean() }), { minLength: 1, maxLength: 6 });

function encodeRecord(record: ReadonlyArray<{ value: string; forceQuote: boolean }>, delimiter: string): string {
  return record
    .map(({ value, forceQuote }) => (value.includes(delimiter) || value.includes('"') || forceQuote ? `"${value.replaceAll('"', '""')}"` : value))
    .join(delimiter);
}

const linesArb = fc.record({
  delimiter: fc.constantFrom(...DELIMITERS),
  eol: fc.constantFrom(...EOLS),
  records: fc.array(recordArb, { minLength: 1, maxLength: 10 }),
  finalEol: fc.boolean(),
});

const slicesArb = fc.array(fc.integer({ min: 1, max: 11 }), { minLength: 1, maxLength: 5 });

function tokenize(text: string, delimiter: string, sizes: readonly number[]): Rec[] {
  const out: Rec[] = [];
  const tokenizer = new DelimitedTokenizer({ delimiter });
  const sink: RecordSink = (row, line) => out.push({ fields: row.fields(), line });
  const bytes = new TextEncoder().encode(text);
  for (let pos = 0, k = 0; pos < bytes.length; k++) {
    const size = sizes[k % sizes.length]!;
    tokenizer.push(bytes.subarray(pos, pos + size), sink);
    pos += size;
  }
  tokenizer.end(sink);
  return out;
}

function papa(text: string, delimiter: string, eol: string): string[][] {
  return Papa.parse<string[]>(text, { delimiter, newline: eol as '\n' | '\r\n' | '\r', quoteChar: '"', skipEmptyLines: true }).data;
}

/** Records that are not one empty field (a blank line, a lone `""`), with their 1-based lines. */
function expectedOf(records: ReadonlyArray<ReadonlyArray<{ value: string }>>): Rec[] {
  return records.flatMap((r, i) => (r.length === 1 && r[0]!.value === '' ? [] : [{ fields: r.map((f) => f.value), line: i + 1 }]));
}

describe('DelimitedTokenizer in CDR mode (quotedNewlines: false) vs Papa Parse', () => {
  it('well-formed lines: the same records as Papa, and each record on its own line, at any byte cut', () => {
    fc.assert(
      fc.property(linesArb, slicesArb, ({ delimiter, eol, records, finalEol }, sizes) => {
        const text = records.map((r) => encodeRecord(r, delimiter)).join(eol) + (finalEol ? eol : '');
        const ours = tokenize(text, delimiter, sizes);
        expect(ours.map((r) => r.fields)).toEqual(papa(text, delimiter, eol));
        expect(ours).toEqual(expectedOf(records));
      }),
      { numRuns: 1500 },
    );
  });

  it('a quote that never closes ends at its line end; the other records are what Papa reads without that line', () => {
    const tailArb = fc.array(fc.constantFrom(...CHARS.filter((c) => c !== '"')), { minLength: 1, maxLength: 8 }).map((cs) => cs.join(''));
    fc.assert(
      fc.property(linesArb, tailArb, fc.nat(), slicesArb, ({ delimiter, eol, records }, tail, at, sizes) => {
        const lines = records.map((r) => encodeRecord(r, delimiter));
        const where = at % (lines.length + 1);
        const broken = [...lines.slice(0, where), `"${tail}`, ...lines.slice(where)];
        const ours = tokenize(broken.join(eol) + eol, delimiter, sizes);
        const others = papa(lines.join(eol) + eol, delimiter, eol);
        const before = expectedOf(records.slice(0, where)).length;
        expect(ours[before]).toEqual({ fields: [tail], line: where + 1 });
        expect([...ours.slice(0, before), ...ours.slice(before + 1)].map((r) => r.fields)).toEqual(others);
      }),
      { numRuns: 800 },
    );
  });
});

describe('the row view', () => {
  it('field(i) in any order and fields() agree on every record', () => {
    fc.assert(
      fc.property(linesArb, slicesArb, ({ delimiter, eol, records }, sizes) => {
        const text = records.map((r) => encodeRecord(r, delimiter)).join(eol);
        const tokenizer = new DelimitedTokenizer({ delimiter });
        const sink: RecordSink = (row) => {
          const all = row.fields();
          expect(all).toHaveLength(row.count);
          for (let i = row.count - 1; i >= 0; i--) {
            expect(row.field(i)).toBe(all[i]);
          }
          expect(row.field(row.count)).toBe('');
        };
        const bytes = new TextEncoder().encode(text);
        for (let pos = 0, k = 0; pos < bytes.length; k++) {
          tokenizer.push(bytes.subarray(pos, pos + sizes[k % sizes.length]!), sink);
          pos += sizes[k % sizes.length]!;
        }
        tokenizer.end(sink);
      }),
      { numRuns: 800 },
    );
  });
});
