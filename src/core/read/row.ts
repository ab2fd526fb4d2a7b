/**
 * What a RowParser sees of one record: a view, not an array. The delimited tokenizer hands out one
 * view it refills per record (valid only during the sink call), so a field nobody asks for is never
 * turned into a string; a parser that keeps values keeps the strings it took (field(), fields()).
 */
export interface Row {
  /** Fields in the record (a trailing delimiter makes one more, empty). */
  readonly count: number;
  /** Field `i` as text ('' beyond `count`). */
  field(i: number): string;
  /** All fields as a fresh array (parsers that are not on a hot path, and tests). */
  fields(): string[];
}

/** Where a tokenizer hands each record, with the 1-based line it starts on. */
export type RecordSink = (row: Row, line: number) => void;

/** A row over strings already split (SQL tuples, tests). */
export class FieldsRow implements Row {
  constructor(private readonly values: readonly string[]) {}

  get count(): number {
    return this.values.length;
  }

  field(i: number): string {
    return this.values[i] ?? '';
  }

  fields(): string[] {
    return [...this.values];
  }
}

export function rowOf(fields: readonly string[]): Row {
  return new FieldsRow(fields);
}
