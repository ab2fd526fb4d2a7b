import { parseOrderFreeWallTime } from '../model/wall-time';

/**
 * What a RowParser sees of one record: a view, not an array. The delimited tokenizer hands out one
 * view it refills per record (valid only during the sink call), so a field nobody asks for is never
 * turned into a string; a parser that keeps values keeps the strings it took (field(), fields()).
 * The readers (wallTime, wholeNumber, trimmed) give what the same reading of field(i)'s text gives,
 * but read the tokenizer's bytes where they can, so numbers and times cost no string.
 */
export interface Row {
  /** Fields in the record (a trailing delimiter makes one more, empty). */
  readonly count: number;
  /** Field `i` as text ('' beyond `count`). */
  field(i: number): string;
  /** All fields as a fresh array (parsers that are not on a hot path, and tests). */
  fields(): string[];
  /**
   * Field `i` when its text is exactly `YYYY-MM-DD HH:MM:SS` (or `T` between): what
   * parseOrderFreeWallTime reads from it (wall ms; NaN: that shape but no valid time). null when it
   * is anything else, spaces included: then read field(i)'s text.
   */
  wallTime(i: number): number | null;
  /** Field `i`'s value when its text is 1 to 15 ASCII digits and nothing else; -1 otherwise (then read field(i)). */
  wholeNumber(i: number): number;
  /** field(i).trim(). */
  trimmed(i: number): string;
}

/** Digits a whole number may have and still be exact as a double. */
export const MAX_WHOLE_DIGITS = 15;

/** Where a tokenizer hands each record, with the 1-based line it starts on. */
export type RecordSink = (row: Row, line: number) => void;

/** Row.wholeNumber over a text. */
export function wholeNumberOf(text: string): number {
  if (text.length === 0 || text.length > MAX_WHOLE_DIGITS) return -1;
  for (let k = 0; k < text.length; k++) {
    const c = text.charCodeAt(k);
    if (c < 48 || c > 57) return -1;
  }
  return Number(text);
}

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

  wallTime(i: number): number | null {
    return parseOrderFreeWallTime(this.field(i));
  }

  wholeNumber(i: number): number {
    return wholeNumberOf(this.field(i));
  }

  trimmed(i: number): string {
    return this.field(i).trim();
  }
}

export function rowOf(fields: readonly string[]): Row {
  return new FieldsRow(fields);
}
