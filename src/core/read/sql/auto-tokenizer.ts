/**
 * One format id covers both shapes of an acc export: a delimited table (CSV/TSV with or without a
 * header) and an SQL dump. The parser cannot be told which by ParserInit, so its tokenizer decides
 * from the first significant text: a comment (`--`, `/*`, `#`) or an SQL statement keyword means a
 * dump; anything else is delimited with the sniffed delimiter. Nothing is lost while deciding: the
 * text seen so far is handed to the chosen tokenizer.
 */
import type { RowTokenizer } from '../../formats/format-module';
import { DelimitedTokenizer } from '../delimited-tokenizer';
import { rowOf, type RecordSink } from '../row';
import { SqlInsertTokenizer } from './sql-insert-tokenizer';

type Sink = RecordSink;

const SQL_START = /^(--|\/\*|#|(INSERT|REPLACE|CREATE|DROP|LOCK|UNLOCK|SET|USE|COPY|BEGIN|START|DELIMITER|ALTER|SELECT|COMMIT)\b)/i;
/** Enough significant characters to tell a keyword from a CSV header word. */
const DECIDE_CHARS = 16;

export function looksLikeSqlDump(text: string): boolean {
  return SQL_START.test(text.replace(/^\uFEFF/, '').trimStart());
}

export class AutoTokenizer implements RowTokenizer {
  /** Set once the input has been recognized as an SQL dump. */
  sql: SqlInsertTokenizer | null = null;
  private inner: RowTokenizer | null = null;
  private pending = '';

  constructor(private readonly delimiter: string) {}

  /** The input is an SQL dump (known after the first significant characters). */
  get isSql(): boolean {
    return this.sql !== null;
  }

  push(chunk: string, sink: Sink): void {
    if (this.inner) {
      this.inner.push(chunk, sink);
      return;
    }
    this.pending += chunk;
    if (this.pending.trimStart().length < DECIDE_CHARS) return;
    this.decide().push(this.takePending(), sink);
  }

  end(sink: Sink): void {
    const inner = this.inner ?? this.decide();
    if (this.pending.length > 0) inner.push(this.takePending(), sink);
    inner.end(sink);
  }

  private takePending(): string {
    const text = this.pending;
    this.pending = '';
    return text;
  }

  private decide(): RowTokenizer {
    if (looksLikeSqlDump(this.pending)) {
      this.sql = new SqlInsertTokenizer();
      this.inner = sqlRows(this.sql);
    } else {
      this.inner = delimitedOverText(new DelimitedTokenizer({ delimiter: this.delimiter.length === 1 ? this.delimiter : ',' }));
    }
    return this.inner;
  }
}

/** The SQL tokenizer's tuples as rows. */
export function sqlRows(sql: SqlInsertTokenizer): RowTokenizer {
  return {
    push: (chunk, sink) => sql.push(chunk, (fields, line) => sink(rowOf(fields), line)),
    end: (sink) => sql.end((fields, line) => sink(rowOf(fields), line)),
  };
}

/** The delimited tokenizer fed text already decoded (an acc export whose kind is told from its text). */
function delimitedOverText(tokenizer: DelimitedTokenizer): RowTokenizer {
  const encoder = new TextEncoder();
  return {
    push: (chunk, sink) => tokenizer.push(encoder.encode(chunk), sink),
    end: (sink) => tokenizer.end(sink),
  };
}
