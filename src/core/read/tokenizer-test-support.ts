/**
 * For the tokenizer's tests: what a DelimitedTokenizer hands out for some bytes pushed in the given
 * pieces — each record's line and, per field, its text, trimmed text, whole number and wall time —
 * and its report (next line, overlong lines, unclosed quotes). Two readings of the same bytes
 * (whole / in pieces, plain records / byte loop only) must give equal results. A record said to be
 * all ASCII (Row.recordIsAscii) must hold no other character.
 */
import { DelimitedTokenizer, type TokenizerOptions } from './delimited-tokenizer';
import type { RecordSink } from './row';

const isAscii = (text: string) => [...text].every((c) => c.charCodeAt(0) <= 0x7f);

export type SeenField = [text: string, trimmed: string, wholeNumber: number, wallTime: string];

export interface Seen {
  records: Array<{ line: number; fields: SeenField[] }>;
  report: unknown;
}

/** `cuts`: where the bytes are cut into pushes. `sinkAlso`: run after each record is taken. */
export function readRecords(bytes: Uint8Array, cuts: readonly number[], options: TokenizerOptions, sinkAlso: () => void = () => {}): Seen {
  const records: Seen['records'] = [];
  const t = new DelimitedTokenizer(options);
  const sink: RecordSink = (row, line) => {
    const fields: SeenField[] = [];
    for (let i = 0; i < row.count; i++) {
      const wall = row.wallTime(i);
      fields.push([row.field(i), row.trimmed(i), row.wholeNumber(i), wall === null ? 'null' : String(wall)]);
    }
    // A record the tokenizer says is all ASCII lets readers skip looking for multi-byte characters: it must be.
    if (row.recordIsAscii && fields.some(([text]) => !isAscii(text))) throw new Error(`line ${line}: a record said to be all ASCII holds ${JSON.stringify(fields.map(([text]) => text))}`);
    records.push({ line, fields });
    sinkAlso();
  };
  let from = 0;
  for (const cut of [...cuts, bytes.length]) {
    t.push(bytes.subarray(from, cut), sink);
    from = cut;
  }
  t.end(sink);
  return { records, report: { nextLine: t.nextLine, overlong: [t.overlongCount, t.overlong], unclosed: [t.unclosedQuoteCount, t.unclosedQuotes] } };
}
