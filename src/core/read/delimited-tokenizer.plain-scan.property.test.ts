/**
 * The tokenizer's plain records are read by a WebAssembly kernel a 64 KiB block at a time
 * (plain-scan/): texts of several blocks, records crossing a block's end, records longer than a
 * block, records with multi-byte characters, and records the kernel leaves to the byte loop (line
 * ends inside quotes) give what the byte loop alone gives (plainRecords: false: every field's text and readers,
 * every line and every report) and what Papa Parse gives, whole, in random slices and in 1-byte
 * pieces, in both quote modes; and so do bytes of every delimiter the sniffer picks, with CR-only
 * line ends, NUL and bytes that are not UTF-8.
 */
import fc from 'fast-check';
import Papa from 'papaparse';
import { describe, expect, it } from 'vitest';
import { PLAIN_SCAN_BLOCK_BYTES } from './plain-scan/plain-scan';
import { readRecords } from './tokenizer-test-support';


/** Field text: mostly ASCII, the delimiter and quotes now and then, a multi-byte character rarely. */
const VALUE_PARTS = ['a', 'Z', '7', ' ', 'NULL', 'PJSIP/trunk-0001', '2024-01-02 03:04:05', '1794816000.5', ',', '"', 'é', '€'];

const recordArb = (lineEnds: boolean) =>
  fc.array(
    fc.record({
      value: fc.array(fc.constantFrom(...VALUE_PARTS, ...(lineEnds ? ['\n', '\r\n'] : [])), { maxLength: 6 }).map((ps) => ps.join('')),
      forceQuote: fc.boolean(),
    }),
    { minLength: 1, maxLength: 20 },
  );

/** Well-formed CSV (RFC 4180 quoting) of more than two blocks: generated records repeated, one field maybe longer than a block. */
const csvArb = fc
  .record({
    quotedNewlines: fc.boolean(),
    eol: fc.constantFrom('\n', '\r\n'),
    longField: fc.option(fc.integer({ min: 60_000, max: 70_000 }), { freq: 3 }),
    seed: fc.nat(),
  })
  .chain((shape) => fc.record({ shape: fc.constant(shape), records: fc.array(recordArb(shape.quotedNewlines), { minLength: 5, maxLength: 30 }) }))
  .map(({ shape, records }) => {
    const encode = (value: string, forceQuote: boolean) => (forceQuote || /[,"\r\n]/.test(value) ? `"${value.replaceAll('"', '""')}"` : value);
    const lines = records.map((fields) => fields.map((f) => encode(f.value, f.forceQuote)).join(','));
    if (shape.longField !== null) lines.splice(shape.seed % lines.length, 0, `a,${'x'.repeat(shape.longField)},b`);
    let text = '';
    for (let k = 0; text.length < 2.2 * PLAIN_SCAN_BLOCK_BYTES; k++) text += lines[k % lines.length]! + shape.eol;
    return { text, quotedNewlines: shape.quotedNewlines, eol: shape.eol };
  });

/**
 * Bytes the kernel must decide on (DELIMITER stands for the file's delimiter, and the other
 * delimiters are text): quotes, `""`, each line end (CR alone too), spaces before a quote, NUL,
 * a byte past 0x7F alone (not UTF-8) and in a character, plain text runs.
 */
const DELIMITER = -1;
const BYTE_PARTS: readonly (readonly number[])[] = [[97], [98, 99, 100, 101, 102, 103, 104], [32], [DELIMITER], [DELIMITER], [34], [34, 34], [32, 34], [10], [13], [13, 10], [0xc3, 0xa9], [0x80], [0], [44], [59], [9], [124]];

/** `parts` repeated (the delimiter put in) until the bytes are more than two blocks long. */
function bytesOf(parts: readonly (readonly number[])[], delimiter: number): Uint8Array {
  const out: number[] = [];
  for (let k = 0; out.length < 2.2 * PLAIN_SCAN_BLOCK_BYTES; k++) for (const b of parts[k % parts.length]!) out.push(b === DELIMITER ? delimiter : b);
  return Uint8Array.from(out);
}

const read = readRecords;

function sliceCuts(length: number, sizes: readonly number[]): number[] {
  const cuts: number[] = [];
  for (let at = sizes[0]!, k = 1; at < length; at += sizes[k++ % sizes.length]!) cuts.push(at);
  return cuts;
}

const everyByte = (length: number) => Array.from({ length: length - 1 }, (_, i) => i + 1);

function papaFields(text: string, eol: string): string[][] {
  return Papa.parse<string[]>(text, { delimiter: ',', newline: eol as '\n' | '\r\n', quoteChar: '"', skipEmptyLines: true }).data;
}

describe('plain records read by the WebAssembly kernel, block by block', () => {
  it('texts of several blocks: the byte loop\'s records and Papa Parse\'s fields, whole and in random slices', () => {
    fc.assert(
      fc.property(csvArb, fc.array(fc.integer({ min: 1, max: 90_000 }), { minLength: 1, maxLength: 4 }), ({ text, quotedNewlines, eol }, sizes) => {
        const bytes = new TextEncoder().encode(text);
        const options = { delimiter: ',', quotedNewlines };
        const whole = read(bytes, [], options);
        expect(whole).toEqual(read(bytes, [], { ...options, plainRecords: false }));
        expect(whole.records.map((r) => r.fields.map((f) => f[0]))).toEqual(papaFields(text, eol));
        const cuts = sliceCuts(bytes.length, sizes);
        expect(read(bytes, cuts, options)).toEqual(whole);
      }),
      { numRuns: 25 },
    );
  });

  it('texts of several blocks in 1-byte pieces: the records read whole', () => {
    fc.assert(
      fc.property(csvArb, ({ text, quotedNewlines }) => {
        const bytes = new TextEncoder().encode(text);
        const options = { delimiter: ',', quotedNewlines };
        expect(read(bytes, everyByte(bytes.length), options)).toEqual(read(bytes, [], { ...options, plainRecords: false }));
      }),
      { numRuns: 4 },
    );
  });

  it('bytes of any delimiter (`,` `;` tab `|`), CR-only line ends, NUL and lone bytes past 0x7F, whole and in random slices: the byte loop\'s records', () => {
    const bytesArb = fc.record({
      delimiter: fc.constantFrom(',', ';', '\t', '|'),
      quotedNewlines: fc.boolean(),
      parts: fc.array(fc.constantFrom(...BYTE_PARTS), { minLength: 20, maxLength: 300 }),
      sizes: fc.array(fc.integer({ min: 1, max: 90_000 }), { minLength: 1, maxLength: 4 }),
    });
    fc.assert(
      fc.property(bytesArb, ({ delimiter, quotedNewlines, parts, sizes }) => {
        const bytes = bytesOf(parts, delimiter.charCodeAt(0));
        const options = { delimiter, quotedNewlines };
        const byteLoop = read(bytes, [], { ...options, plainRecords: false });
        expect(read(bytes, [], options)).toEqual(byteLoop);
        expect(read(bytes, sliceCuts(bytes.length, sizes), options)).toEqual(byteLoop);
      }),
      { numRuns: 15 },
    );
  });

  it('a record that ends just past a block, one as long as a block, and one longer, read as a person reads them', () => {
    const block = PLAIN_SCAN_BLOCK_BYTES;
    const rows = [`x,${'a'.repeat(block - 6)}`, `"${'b'.repeat(block - 3)}"`, `c,"${'d'.repeat(block + 10)}",e`, 'f,g'];
    const text = rows.join('\n') + '\n';
    const bytes = new TextEncoder().encode(text);
    for (const quotedNewlines of [false, true]) {
      const seen = read(bytes, [], { delimiter: ',', quotedNewlines });
      expect(seen).toEqual(read(bytes, [], { delimiter: ',', quotedNewlines, plainRecords: false }));
      expect(seen.records.map((r) => r.line)).toEqual([1, 2, 3, 4]);
      expect(seen.records.map((r) => r.fields.map((f) => f[0].length))).toEqual([[1, block - 6], [block - 3], [1, block + 10, 1], [1, 1]]);
    }
  });

  it('a sink that reads another text meanwhile (the kernel is shared by the thread\'s tokenizers) gets the same records', () => {
    fc.assert(
      fc.property(csvArb, ({ text, quotedNewlines }) => {
        const bytes = new TextEncoder().encode(text);
        const options = { delimiter: ',', quotedNewlines };
        const other = new TextEncoder().encode('p,"q"\nr,s\n');
        let inner = 0;
        const readOther = () => {
          inner += read(other, [], { delimiter: ',' }).records.length;
        };
        expect(read(bytes, [], options, readOther)).toEqual(read(bytes, [], options));
        expect(inner).toBeGreaterThan(0);
      }),
      { numRuns: 5 },
    );
  });
});
