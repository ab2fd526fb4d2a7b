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
  /**
   * Field `i` read as a whole number of ASCII digits (surrounding spaces allowed): its value,
   * -1 when the field is empty (or blank, or beyond `count`), NaN when it holds anything else.
   */
  wholeNumber(i: number): number;
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

  wholeNumber(i: number): number {
    return wholeNumberOfText(this.values[i] ?? '');
  }
}

export function rowOf(fields: readonly string[]): Row {
  return new FieldsRow(fields);
}

/** Row.wholeNumber on a string (the same rule as the byte reader). */
export function wholeNumberOfText(text: string): number {
  const t = text.trim();
  if (t === '') return -1;
  let value = 0;
  for (let i = 0; i < t.length; i++) {
    const d = t.charCodeAt(i) - 48;
    if (d < 0 || d > 9) return Number.NaN;
    value = value * 10 + d;
  }
  return value;
}
