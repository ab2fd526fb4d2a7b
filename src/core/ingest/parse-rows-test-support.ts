/**
 * For the tests of a parser that writes calls straight into columns (master-columns.ts,
 * carrier-columns.ts): the parse stage over a text one way or the other, so the two ways can be
 * compared with the CallRecord way as the oracle.
 */
import { expect } from 'vitest';
import type { RowParser } from '../formats/format-module';
import { ParseRows } from './parse-rows';

/**
 * `parser` over `text` in the parse stage: without onRecord (`records` false) it may write calls
 * into columns, with it every call is a record. `written`: the rows it wrote into columns itself.
 */
export function parseOneWay(parser: RowParser, text: string | Uint8Array, records: boolean) {
  let written = 0;
  const counting: RowParser = {
    ...parser,
    parse: (row, line, values) => {
      const outcome = values ? parser.parse(row, line, values) : parser.parse(row, line);
      if (outcome.kind === 'values') written++;
      return outcome;
    },
  };
  const parse = new ParseRows({ parser: counting, delimiter: ',', quotedNewlines: false, encoding: 'utf-8', onRecord: records ? () => {} : undefined });
  parse.push(typeof text === 'string' ? new TextEncoder().encode(text) : text, true);
  parse.end();
  return { calls: parse.takeCalls(), rows: parse.accounting.counts(), skipped: parse.accounting.skipGroups(), written };
}

/**
 * `oneWay(text, records)` both ways give the same everything (calls, lines, keys, accounting, and
 * whatever else it returns) and the records way writes nothing into columns; returns how many rows
 * the columns way wrote.
 */
export function sameBothWays<T extends { written: number }>(oneWay: (text: string | Uint8Array, records: boolean) => T, text: string | Uint8Array): number {
  const columns = oneWay(text, false);
  const records = oneWay(text, true);
  expect(records.written).toBe(0);
  expect({ ...columns, written: 0 }).toEqual({ ...records, written: 0 });
  return columns.written;
}
