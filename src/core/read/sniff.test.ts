/**
 * buildSniffSample against the straightforward way as the oracle: every candidate delimiter judged
 * on the first 40 records of the whole text tokenized at once, the sample's rows the first 60 of
 * it split by the delimiter chosen. The sniff tokenizes only as far as those records reach.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { tokenizeAll } from './delimited-tokenizer';
import { buildSniffSample, SNIFF_CHARS, SNIFF_ROWS } from './sniff';

/** buildSniffSample as it read the whole sample for each delimiter. */
function sniffAtOnce(fileName: string, text: string) {
  const head = text.slice(0, SNIFF_CHARS);
  const lastBreak = Math.max(head.lastIndexOf('\n'), head.lastIndexOf('\r'));
  const complete = text.length <= SNIFF_CHARS || lastBreak < 0 ? head : head.slice(0, lastBreak + 1);
  let delimiter = ',';
  let bestScore = -1;
  for (const candidate of [',', ';', '\t', '|']) {
    const counts = tokenizeAll(complete, { delimiter: candidate })
      .slice(0, 40)
      .map((r) => r.fields.length);
    if (counts.length === 0) continue;
    const freq = new Map<number, number>();
    for (const c of counts) freq.set(c, (freq.get(c) ?? 0) + 1);
    let modal = 1;
    let modalCount = 0;
    for (const [c, f] of freq) {
      if (f > modalCount || (f === modalCount && c > modal)) {
        modal = c;
        modalCount = f;
      }
    }
    if (modal < 2) continue;
    const score = (modalCount / counts.length) * Math.log2(modal);
    if (score > bestScore + 1e-9) {
      delimiter = candidate;
      bestScore = score;
    }
  }
  const rows = tokenizeAll(complete, { delimiter })
    .slice(0, SNIFF_ROWS)
    .map((r) => r.fields);
  return { fileName, text: complete, delimiter, rows };
}

describe('buildSniffSample', () => {
  it('splits a carrier log by hand: its delimiter, its first 60 records', () => {
    const line = (i: number) => `"1714572003.${i}","2024-05-01 09:00:03","34","CONGESTION","503","Service Unavailable"`;
    const text = `${Array.from({ length: 500 }, (_, i) => line(i)).join('\r\n')}\r\n`;
    const sample = buildSniffSample('AST_carrier_log_report.csv', text);
    expect(sample.delimiter).toBe(',');
    expect(sample.rows).toHaveLength(60);
    expect(sample.rows[59]).toEqual(['1714572003.59', '2024-05-01 09:00:03', '34', 'CONGESTION', '503', 'Service Unavailable']);
    expect(sample).toEqual(sniffAtOnce('AST_carrier_log_report.csv', text));
  });

  it('gives what tokenizing the whole sample gives, on random texts (quotes, line ends, delimiters, long lines, non-ASCII)', () => {
    const piece = fc.constantFrom('a', '1', ',', ';', '\t', '|', '"', '""', '\n', '\r\n', '\r', ' ', 'é', '€', 'x'.repeat(5000), '"q\nq"', '');
    const text = fc.array(piece, { maxLength: 400 }).map((parts) => parts.join(''));
    fc.assert(
      fc.property(text, fc.boolean(), (t, whole) => {
        expect(buildSniffSample('f.csv', t, whole || t.length <= SNIFF_CHARS)).toEqual(sniffAtOnce('f.csv', t));
      }),
      { numRuns: 400 },
    );
  });

  it('gives the same on short rows of many lines, the records past the sample cut or not', () => {
    const row = fc.array(fc.constantFrom('7', 'ab', ';', ',', '|', '\t'), { maxLength: 8 }).map((f) => f.join(''));
    fc.assert(
      fc.property(fc.array(row, { minLength: 1, maxLength: 3000 }), fc.constantFrom('\n', '\r\n', '\r'), (rows, end) => {
        const t = rows.join(end) + end;
        expect(buildSniffSample('f.csv', t)).toEqual(sniffAtOnce('f.csv', t));
      }),
      { numRuns: 100 },
    );
  });
});
