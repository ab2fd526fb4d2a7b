/**
 * The DelimitedTokenizer reads a record of ASCII bytes on one line by its plain loop
 * (readPlainRecords, each short field's text made from its bytes), and anything else with its full
 * byte loop. Both must give the same records:
 * random text of quotes, doubled quotes, CR, LF, CRLF, delimiters (space among them), spaces before
 * quotes, text after a closing quote and multi-byte UTF-8, cut at every seam and into random slices,
 * in both quote modes and with tiny record limits, is read with the plain loop and with the byte
 * loop alone (plainRecords: false); every field's text and readers, every line number and every
 * report must agree.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { DelimitedTokenizer, type TokenizerOptions } from './delimited-tokenizer';
import type { RecordSink } from './row';
import { readRecords } from './tokenizer-test-support';


/** Mostly ASCII (plain records are ASCII: readPlainRecords); a multi-byte character now and then. */
const PARTS = ['a', 'Z', '7', ' ', '  ', ',', ';', '\t', '|', '"', '""', '"a"', '\n', '\r', '\r\n', '12', '2024-01-02 03:04:05', 'NULL', 'é', '€', '😀'];
const ASCII_PARTS = PARTS.filter((p) => [...p].every((c) => c.charCodeAt(0) < 128));

const caseArb = fc.record({
  text: fc.oneof(
    fc.array(fc.constantFrom(...ASCII_PARTS), { maxLength: 60 }).map((ps) => ps.join('')),
    fc.array(fc.constantFrom(...PARTS), { maxLength: 60 }).map((ps) => ps.join('')),
  ),
  delimiter: fc.constantFrom(',', ';', '\t', '|', ' '),
  quotedNewlines: fc.boolean(),
  maxRecordBytes: fc.constantFrom(undefined, 4, 16, 64),
  sizes: fc.array(fc.integer({ min: 1, max: 40 }), { minLength: 1, maxLength: 4 }),
});

/**
 * Mostly ASCII bytes with a few multi-byte characters, valid or not (a lone continuation byte, a
 * cut sequence, an encoded surrogate, a real U+FFFD): readPlainRecords reads the ASCII records around them.
 */
const RAW = [[0xc3, 0xa9], [0xe2, 0x82, 0xac], [0xf0, 0x9f, 0x98, 0x80], [0xef, 0xbf, 0xbd], [0x80], [0xff], [0xc3], [0xe2, 0x82], [0xed, 0xa0, 0x80], [0xf0, 0x9f]];
const mostlyAsciiArb = fc
  .tuple(
    // Long enough that most records around the few multi-byte characters are plain ASCII ones.
    fc.array(fc.constantFrom(...ASCII_PARTS), { minLength: 150, maxLength: 300 }),
    fc.array(fc.tuple(fc.nat(), fc.constantFrom(...RAW)), { minLength: 1, maxLength: 2 }),
  )
  .map(([parts, wide]) => {
    const bytes = [...new TextEncoder().encode(parts.join(''))];
    for (const [at, seq] of wide) bytes.splice(bytes.length === 0 ? 0 : at % bytes.length, 0, ...seq);
    return new Uint8Array(bytes);
  });

const read = readRecords;

function expectSameBothWays(bytes: Uint8Array, cuts: readonly number[], options: TokenizerOptions): void {
  const plain = read(bytes, cuts, options);
  const looped = read(bytes, cuts, { ...options, plainRecords: false });
  expect(plain).toEqual(looped);
}

function sliceCuts(length: number, sizes: readonly number[]): number[] {
  const cuts: number[] = [];
  for (let at = sizes[0]!, k = 1; at < length; at += sizes[k++ % sizes.length]!) cuts.push(at);
  return cuts;
}

describe('plain records read by their stop loop = the full byte loop', () => {
  it('whole, cut at every seam, and in random slices', () => {
    fc.assert(
      fc.property(caseArb, ({ text, delimiter, quotedNewlines, maxRecordBytes, sizes }) => {
        const bytes = new TextEncoder().encode(text);
        const options = { delimiter, quotedNewlines, maxRecordBytes };
        expectSameBothWays(bytes, [], options);
        for (let seam = 1; seam < bytes.length; seam++) expectSameBothWays(bytes, [seam], options);
        expectSameBothWays(bytes, sliceCuts(bytes.length, sizes), options);
      }),
      { numRuns: 300 },
    );
  });

  it('mostly ASCII bytes with a few multi-byte characters, valid or not', () => {
    fc.assert(
      fc.property(mostlyAsciiArb, caseArb, (bytes, { delimiter, quotedNewlines, maxRecordBytes, sizes }) => {
        const options = { delimiter, quotedNewlines, maxRecordBytes };
        expectSameBothWays(bytes, [], options);
        for (let seam = 1; seam < bytes.length; seam += 7) expectSameBothWays(bytes, [seam], options);
        expectSameBothWays(bytes, sliceCuts(bytes.length, sizes), options);
      }),
      { numRuns: 150 },
    );
  });

  it('a record it calls ASCII (recordIsAscii) is: the text of every field is ASCII; the byte loop knows none', () => {
    let ascii = 0;
    let other = 0;
    fc.assert(
      fc.property(mostlyAsciiArb, caseArb, (bytes, { delimiter, quotedNewlines, sizes }) => {
        for (const plainRecords of [true, false]) {
          const t = new DelimitedTokenizer({ delimiter, quotedNewlines, plainRecords });
          const sink: RecordSink = (row) => {
            if (!row.recordIsAscii) return void other++;
            ascii++;
            expect(plainRecords).toBe(true);
            for (let i = 0; i < row.count; i++) expect([...row.field(i)].every((c) => c.charCodeAt(0) < 0x80)).toBe(true);
          };
          let from = 0;
          for (const cut of [...sliceCuts(bytes.length, sizes), bytes.length]) {
            t.push(bytes.subarray(from, cut), sink);
            from = cut;
          }
          t.end(sink);
        }
      }),
      { numRuns: 150 },
    );
    expect(ascii).toBeGreaterThan(1000); // not vacuous: most records are read by the plain loop
    expect(other).toBeGreaterThan(ascii); // the byte loop's, and the records around a multi-byte character
  });

  it('records in which most fields hold multi-byte characters (names in Cyrillic, CJK, emoji)', () => {
    const wideParts = ['Кампания', 'Иван', '名前', '😀', 'é', '€', ...ASCII_PARTS];
    const wideArb = fc.array(fc.constantFrom(...wideParts), { minLength: 20, maxLength: 120 }).map((ps) => new TextEncoder().encode(ps.join('')));
    fc.assert(
      fc.property(wideArb, caseArb, (bytes, { delimiter, quotedNewlines, maxRecordBytes, sizes }) => {
        const options = { delimiter, quotedNewlines, maxRecordBytes };
        expectSameBothWays(bytes, [], options);
        for (let seam = 1; seam < bytes.length; seam += 5) expectSameBothWays(bytes, [seam], options);
        expectSameBothWays(bytes, sliceCuts(bytes.length, sizes), options);
      }),
      { numRuns: 200 },
    );
  });

  it('reads a Master.csv line with a Cyrillic caller name as a person reads it', () => {
    const line = '"","1312","1206","from-dialer","""Кампания"" <1312>","PJSIP/a-1","","Dial","PJSIP/1206@a,60","2026-11-16 08:00:00",,"2026-11-16 08:00:01",1,0,"BUSY","DOCUMENTATION","1794816000.5",""\n';
    const bytes = new TextEncoder().encode(line.repeat(3));
    expectSameBothWays(bytes, [], { delimiter: ',' });
    const seen = read(bytes, [], { delimiter: ',' });
    const records = seen.records;
    expect(records.map((r) => r.line)).toEqual([1, 2, 3]);
    expect(records[2]!.fields.map((f) => f[0])).toEqual([
      '', '1312', '1206', 'from-dialer', '"Кампания" <1312>', 'PJSIP/a-1', '', 'Dial', 'PJSIP/1206@a,60', '2026-11-16 08:00:00', '',
      '2026-11-16 08:00:01', '1', '0', 'BUSY', 'DOCUMENTATION', '1794816000.5', '',
    ]);
    expect(records[2]!.fields[11]![3]).toBe(String(Date.UTC(2026, 10, 16, 8, 0, 1)));
  });

  it('reads a Master.csv line by the plain loop as a person reads it', () => {
    const line = '"","1312","1206","from-dialer","""Campaign"" <1312>","PJSIP/a-1","","Dial","PJSIP/1206@a,60","2026-11-16 08:00:00",,"2026-11-16 08:00:01",1,0,"BUSY","DOCUMENTATION","1794816000.5",""\r\n';
    const bytes = new TextEncoder().encode(line.repeat(3));
    const seen = read(bytes, [], { delimiter: ',' });
    expect(seen.records).toHaveLength(3);
    const first = seen.records[0]!;
    expect(first.line).toBe(1);
    expect(first.fields.map((f) => f[0])).toEqual([
      '', '1312', '1206', 'from-dialer', '"Campaign" <1312>', 'PJSIP/a-1', '', 'Dial', 'PJSIP/1206@a,60', '2026-11-16 08:00:00', '',
      '2026-11-16 08:00:01', '1', '0', 'BUSY', 'DOCUMENTATION', '1794816000.5', '',
    ]);
    expect(first.fields[12]![2]).toBe(1);
    expect(first.fields[9]![3]).toBe(String(Date.UTC(2026, 10, 16, 8, 0, 0)));
    expect(seen.records[2]!.line).toBe(3);
    expect(seen.report).toEqual({ nextLine: 4, overlong: [0, []], unclosed: [0, []] });
  });
  it('a run of records with one the plain loop leaves to the byte loop, and a record wider than the first room for fields', () => {
    const wide = Array.from({ length: 200 }, (_, i) => (i % 2 === 0 ? `"f${i}"` : `${i}`)).join(',');
    const text = `a,"b"\n${wide}\nc,"open\n"d","e"\n\n"g",h\n`;
    const bytes = new TextEncoder().encode(text);
    expectSameBothWays(bytes, [], { delimiter: ',' });
    const seen = read(bytes, [], { delimiter: ',' });
    const records = seen.records;
    expect(records.map((r) => r.line)).toEqual([1, 2, 3, 4, 6]);
    expect(records[1]!.fields).toHaveLength(200);
    expect(records[1]!.fields[198]![0]).toBe('f198');
    expect(records[1]!.fields[199]![0]).toBe('199');
    expect(records[2]!.fields.map((f) => f[0])).toEqual(['c', 'open']);
    expect(records[3]!.fields.map((f) => f[0])).toEqual(['d', 'e']);
    expect(records[4]!.fields.map((f) => f[0])).toEqual(['g', 'h']);
  });
});
