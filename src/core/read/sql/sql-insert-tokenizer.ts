/**
 * Streaming reader of SQL dumps for the `sql-insert` row syntax: turns the tuples of
 * `INSERT INTO t [(cols)] VALUES (…),(…);` into rows, with the same push/end interface as
 * DelimitedTokenizer (../delimited-tokenizer.ts).
 *
 * What real dumps contain (formats.md §5.5, dOpensource/dsiprouter testing/sql/v0.79/kamailio.sql):
 * - mysqldump / mariadb-dump: `--` and `/*!40101 … *\/` comments, DROP/LOCK/SET statements,
 *   `CREATE TABLE \`acc\` (\n  \`id\` int(10) …,` column lines, then one INSERT per table with the
 *   tuples either one per line (`--skip-extended-insert`-like layouts, the dSIPRouter sample) or all on
 *   one long line (the default extended insert), `--complete-insert` adds a column list.
 * - Triggers between `DELIMITER ;;` and `DELIMITER ;` (the dr_gateways sample): skipped line by line.
 * - MySQL string escapes \0 \' \" \b \n \r \t \Z \\ (and \% \_ kept with their backslash), `''` doubling.
 * - pg_dump: `INSERT INTO public.acc (…) VALUES (…);` with standard_conforming_strings (backslash is
 *   literal) and `COPY public.acc (…) FROM stdin;` blocks of tab-separated lines ending with `\.`.
 * NULL becomes ''. The state machine keeps its place between chunks, so chunk seams never matter.
 *
 * Every tuple goes to the sink with the 1-based line its `(` is on; during the sink call
 * `currentTable` tells the table and its columns (from the INSERT column list, else the last
 * `CREATE TABLE` of that name, else null) and `tupleComplete` is false for a tuple cut by the end
 * of the file (a truncated dump).
 */
import {
  CONSTRAINT_WORDS,
  isPunct,
  isWordChar,
  parseCreateHead,
  parseInsertHead,
  parseTarget,
  unescapeCopyField,
  unescapeMysql,
  type Token,
  type TokenType,
} from './sql-syntax';

export type TupleSink = (fields: string[], line: number) => void;

export interface SqlTable {
  /** Table name without schema or quotes, as written (case kept). */
  name: string;
  /** Column names in tuple order, or null when the dump does not say (data-only dump). */
  columns: string[] | null;
}

const MAX_VALUE_CHARS = 1 << 20;

type LexState =
  | 'normal'
  | 'word'
  | 'squote'
  | 'squoteEsc'
  | 'squoteEnd'
  | 'dquote'
  | 'dquoteEsc'
  | 'dquoteEnd'
  | 'btick'
  | 'btickEnd'
  | 'dash'
  | 'slash'
  | 'lineComment'
  | 'blockComment'
  | 'blockStar'
  | 'raw';

type Mode =
  | 'start'
  | 'skip'
  | 'insertHead'
  | 'createHead'
  | 'createBody'
  | 'copyHead'
  | 'setHead'
  | 'values'
  | 'tuple';

type RawPurpose = 'delimiterArg' | 'delimiterSkip' | 'copy';

const HEAD_LIMIT = 20_000;

export class SqlInsertTokenizer {
  /** The table of the tuple being delivered; valid during the sink call (and after, until the next). */
  currentTable: SqlTable | null = null;
  /** False when the tuple being delivered was cut by the end of the input. */
  tupleComplete = true;
  /** Columns seen in CREATE TABLE statements, by lower-cased table name. */
  readonly tableColumns = new Map<string, string[]>();
  /** Statements skipped because they are not INSERT/CREATE TABLE/COPY (for diagnostics). */
  skippedStatements = 0;
  /** Pieces of values dropped because a value exceeded 1 MiB (binary or runaway input). */
  overlongValues = 0;

  // Lexer state
  private state: LexState = 'normal';
  private buf = '';
  private tokenLine = 1;
  private line = 1;
  private afterCR = false;
  private backslashEscapes = true;
  private sink: TupleSink = () => {};

  // Statement state
  private mode: Mode = 'start';
  private head: Token[] = [];
  private depth = 0;
  private createTable = '';
  private createColumns: string[] = [];
  private itemStart = false;
  private table: SqlTable | null = null;
  private fields: string[] = [];
  private valStr = '';
  private valWords = '';
  private valHasString = false;
  private valEmpty = true;
  private tupleLine = 0;

  // Raw (line) mode
  private rawPurpose: RawPurpose = 'delimiterSkip';
  private rawLine = '';
  private rawLineNo = 1;
  private copyFirst = false;

  push(chunk: string, sink: TupleSink): void {
    this.sink = sink;
    this.scan(chunk);
  }

  end(sink: TupleSink): void {
    this.sink = sink;
    // Close whatever token the input stopped in (a string cut by truncation keeps its text).
    switch (this.state) {
      case 'word':
      case 'squote':
      case 'squoteEsc':
      case 'squoteEnd':
      case 'dquote':
      case 'dquoteEsc':
      case 'dquoteEnd':
      case 'btick':
      case 'btickEnd':
        this.emitToken(this.state === 'word' ? 'word' : this.state.startsWith('btick') ? 'ident' : 'string');
        break;
      case 'dash':
      case 'slash':
        this.buf = this.state === 'dash' ? '-' : '/';
        this.emitToken('word');
        break;
      case 'raw':
        if (this.rawLine.length > 0) this.onRawLine(this.rawLine, this.rawLineNo, false);
        break;
      default:
        break;
    }
    this.state = 'normal';
    if (this.mode === 'tuple') {
      this.finishValue(false);
      this.emitTuple(false);
    }
    this.mode = 'start';
    this.head = [];
  }

  // ---------------------------------------------------------------- lexer

  private scan(text: string): void {
    const n = text.length;
    let i = 0;
    while (i < n) {
      const c = text.charCodeAt(i);
      switch (this.state) {
        case 'normal': {
          if (c === 32 || c === 9 || c === 10 || c === 13 || c === 12) {
            this.consume(c);
            i++;
            break;
          }
          this.tokenLine = this.line;
          if (c === 39 /* ' */) this.begin('squote');
          else if (c === 34 /* " */) this.begin('dquote');
          else if (c === 96 /* ` */) this.begin('btick');
          else if (c === 45 /* - */) this.begin('dash');
          else if (c === 47 /* / */) this.begin('slash');
          else if (c === 35 /* # */) this.begin('lineComment');
          else if (c === 40 || c === 41 || c === 44 || c === 59) {
            this.buf = String.fromCharCode(c);
            this.consume(c);
            i++;
            this.emitToken('punct');
            break;
          } else {
            this.begin('word');
            break; // reprocess the char as part of the word
          }
          this.consume(c);
          i++;
          break;
        }
        case 'word': {
          let j = i;
          while (j < n && isWordChar(text.charCodeAt(j))) j++;
          this.append(text, i, j);
          for (let k = i; k < j; k++) this.consume(text.charCodeAt(k));
          i = j;
          if (j < n) this.emitToken('word');
          break;
        }
        case 'squote':
        case 'dquote': {
          const q = this.state === 'squote' ? 39 : 34;
          let j = i;
          for (; j < n; j++) {
            const d = text.charCodeAt(j);
            if (d === q || (d === 92 && this.backslashEscapes)) break;
            this.consume(d);
          }
          this.append(text, i, j);
          i = j;
          if (j < n) {
            this.consume(q);
            i++;
            this.state = text.charCodeAt(j) === q ? (q === 39 ? 'squoteEnd' : 'dquoteEnd') : q === 39 ? 'squoteEsc' : 'dquoteEsc';
          }
          break;
        }
        case 'squoteEsc':
        case 'dquoteEsc': {
          this.appendText(unescapeMysql(c));
          this.consume(c);
          i++;
          this.state = this.state === 'squoteEsc' ? 'squote' : 'dquote';
          break;
        }
        case 'squoteEnd':
        case 'dquoteEnd': {
          const q = this.state === 'squoteEnd' ? 39 : 34;
          if (c === q) {
            // Doubled quote: a literal quote inside the string.
            this.appendText(String.fromCharCode(q));
            this.consume(c);
            i++;
            this.state = q === 39 ? 'squote' : 'dquote';
          } else {
            this.emitToken('string');
          }
          break;
        }
        case 'btick': {
          let j = i;
          for (; j < n; j++) {
            const d = text.charCodeAt(j);
            if (d === 96) break;
            this.consume(d);
          }
          this.append(text, i, j);
          i = j;
          if (j < n) {
            this.consume(96);
            i++;
            this.state = 'btickEnd';
          }
          break;
        }
        case 'btickEnd': {
          if (c === 96) {
            this.appendText('`');
            this.consume(c);
            i++;
            this.state = 'btick';
          } else {
            this.emitToken('ident');
          }
          break;
        }
        case 'dash': {
          if (c === 45) {
            this.consume(c);
            i++;
            this.state = 'lineComment';
          } else {
            this.state = 'word';
            this.buf = '-';
          }
          break;
        }
        case 'slash': {
          if (c === 42) {
            this.consume(c);
            i++;
            this.state = 'blockComment';
          } else {
            this.state = 'word';
            this.buf = '/';
          }
          break;
        }
        case 'lineComment': {
          this.consume(c);
          i++;
          if (c === 10 || c === 13) this.state = 'normal';
          break;
        }
        case 'blockComment':
        case 'blockStar': {
          this.consume(c);
          i++;
          if (this.state === 'blockStar' && c === 47) this.state = 'normal';
          else this.state = c === 42 ? 'blockStar' : 'blockComment';
          break;
        }
        case 'raw': {
          if (c === 10 || c === 13) {
            const endsCRLFHalf = c === 10 && this.afterCR;
            this.consume(c);
            i++;
            if (endsCRLFHalf) break; // the LF of a CRLF whose CR already ended the line
            const line = this.rawLine;
            const lineNo = this.rawLineNo;
            this.rawLine = '';
            this.rawLineNo = this.line;
            this.onRawLine(line, lineNo, true);
            break;
          }
          let j = i;
          while (j < n) {
            const d = text.charCodeAt(j);
            if (d === 10 || d === 13) break;
            this.consume(d);
            j++;
          }
          if (this.rawLine.length < MAX_VALUE_CHARS) this.rawLine += text.slice(i, j);
          i = j;
          break;
        }
      }
    }
  }

  private begin(state: LexState): void {
    this.state = state;
    this.buf = '';
  }

  private append(text: string, from: number, to: number): void {
    if (to > from) this.appendText(text.slice(from, to));
  }

  private appendText(s: string): void {
    if (this.buf.length + s.length > MAX_VALUE_CHARS) {
      this.overlongValues++;
      return;
    }
    this.buf += s;
  }

  /** Line accounting for one consumed char: LF, CRLF and CR-only all end a line once. */
  private consume(c: number): void {
    if (c === 10) {
      if (!this.afterCR) this.line++;
      this.afterCR = false;
    } else if (c === 13) {
      this.line++;
      this.afterCR = true;
    } else {
      this.afterCR = false;
    }
  }

  private emitToken(type: TokenType): void {
    const token: Token = { type, text: this.buf, line: this.tokenLine };
    this.buf = '';
    this.state = 'normal';
    this.onToken(token);
  }

  private enterRaw(purpose: RawPurpose): void {
    this.state = 'raw';
    this.rawPurpose = purpose;
    this.rawLine = '';
    this.rawLineNo = this.line;
  }

  // ---------------------------------------------------------------- statements

  private onToken(t: Token): void {
    switch (this.mode) {
      case 'start':
        return this.startStatement(t);
      case 'skip':
        if (isPunct(t, ';')) this.mode = 'start';
        return;
      case 'insertHead':
        return this.onInsertHead(t);
      case 'createHead':
        return this.onCreateHead(t);
      case 'createBody':
        return this.onCreateBody(t);
      case 'copyHead':
      case 'setHead':
        return this.onCollectToSemicolon(t);
      case 'values':
        return this.onValues(t);
      case 'tuple':
        return this.onTuple(t);
    }
  }

  private startStatement(t: Token): void {
    if (t.type === 'punct') {
      if (t.text !== ';') this.skipStatement();
      return;
    }
    if (t.type !== 'word') return this.skipStatement();
    this.head = [t];
    switch (t.text.toUpperCase()) {
      case 'INSERT':
      case 'REPLACE':
        this.mode = 'insertHead';
        return;
      case 'CREATE':
        this.mode = 'createHead';
        return;
      case 'COPY':
        this.mode = 'copyHead';
        return;
      case 'SET':
        this.mode = 'setHead';
        return;
      case 'DELIMITER':
        this.mode = 'start';
        this.enterRaw('delimiterArg');
        return;
      default:
        this.skipStatement();
    }
  }

  private skipStatement(): void {
    this.skippedStatements++;
    this.mode = 'skip';
    this.head = [];
  }

  private pushHead(t: Token): boolean {
    if (this.head.length >= HEAD_LIMIT) {
      this.skipStatement();
      return false;
    }
    this.head.push(t);
    return true;
  }

  private onInsertHead(t: Token): void {
    if (isPunct(t, ';')) {
      this.mode = 'start'; // INSERT without VALUES (INSERT … SELECT): nothing to read
      this.skippedStatements++;
      return;
    }
    if (t.type === 'word' && /^VALUES?$/i.test(t.text)) {
      const target = parseInsertHead(this.head);
      this.head = [];
      if (!target) return this.skipStatement();
      const columns = target.columns ?? this.tableColumns.get(target.name.toLowerCase()) ?? null;
      this.table = { name: target.name, columns };
      this.mode = 'values';
      return;
    }
    this.pushHead(t);
  }

  private onCreateHead(t: Token): void {
    if (isPunct(t, ';')) {
      this.mode = 'start';
      return;
    }
    if (isPunct(t, '(')) {
      const name = parseCreateHead(this.head);
      this.head = [];
      if (name === null) {
        this.skipStatement();
        this.depth = 0;
        return;
      }
      this.createTable = name;
      this.createColumns = [];
      this.depth = 1;
      this.itemStart = true;
      this.mode = 'createBody';
      return;
    }
    this.pushHead(t);
  }

  private onCreateBody(t: Token): void {
    if (t.type === 'punct') {
      if (t.text === '(') this.depth++;
      else if (t.text === ')') {
        this.depth--;
        if (this.depth === 0) {
          this.tableColumns.set(this.createTable.toLowerCase(), this.createColumns);
          this.mode = 'skip'; // table options up to the `;`
        }
      } else if (t.text === ',' && this.depth === 1) this.itemStart = true;
      else if (t.text === ';') {
        // Unbalanced body: keep what was read.
        this.tableColumns.set(this.createTable.toLowerCase(), this.createColumns);
        this.mode = 'start';
      }
      return;
    }
    if (this.depth === 1 && this.itemStart) {
      this.itemStart = false;
      const isIdent = t.type === 'ident' || t.type === 'string';
      if (isIdent || !CONSTRAINT_WORDS.has(t.text.toUpperCase())) this.createColumns.push(t.text);
    }
  }

  private onCollectToSemicolon(t: Token): void {
    if (!isPunct(t, ';')) {
      this.pushHead(t);
      return;
    }
    const head = this.head;
    this.head = [];
    this.mode = 'start';
    const words = head.map((h) => h.text.toUpperCase());
    if (words[0] === 'SET') {
      // pg_dump: `SET standard_conforming_strings = on;` → a backslash is an ordinary character.
      if (words[1] === 'STANDARD_CONFORMING_STRINGS') {
        const v = words[words.length - 1];
        this.backslashEscapes = !(v === 'ON' || v === 'TRUE');
      }
      return;
    }
    // COPY name [(cols)] FROM stdin;
    const fromAt = words.lastIndexOf('FROM');
    if (fromAt > 0 && words[fromAt + 1] === 'STDIN') {
      const target = parseTarget(head, 1, fromAt);
      if (target) {
        this.table = { name: target.name, columns: target.columns ?? this.tableColumns.get(target.name.toLowerCase()) ?? null };
        this.enterRaw('copy');
        this.copyFirst = true;
        return;
      }
    }
    this.skippedStatements++;
  }

  private onValues(t: Token): void {
    if (t.type === 'punct') {
      if (t.text === '(') {
        this.fields = [];
        this.resetValue();
        this.depth = 0;
        this.tupleLine = t.line;
        this.mode = 'tuple';
      } else if (t.text === ';') this.mode = 'start';
      return;
    }
    // `ON DUPLICATE KEY UPDATE …` or anything else after the tuples.
    this.mode = 'skip';
  }

  private onTuple(t: Token): void {
    if (t.type === 'punct') {
      if (t.text === '(') {
        this.depth++;
        this.valWords += '(';
        this.valEmpty = false;
        return;
      }
      if (t.text === ')') {
        if (this.depth > 0) {
          this.depth--;
          this.valWords += ')';
          return;
        }
        this.finishValue();
        this.emitTuple(true);
        this.mode = 'values';
        return;
      }
      if (t.text === ',' && this.depth === 0) {
        this.finishValue();
        return;
      }
      if (t.text === ';') {
        // A statement end inside a tuple: malformed; hand over what there is.
        this.finishValue();
        this.emitTuple(false);
        this.mode = 'start';
        return;
      }
      this.valWords += t.text;
      return;
    }
    this.valEmpty = false;
    if (t.type === 'string') {
      this.valHasString = true;
      this.valStr += t.text;
    } else {
      this.valWords += t.text;
    }
  }

  private resetValue(): void {
    this.valStr = '';
    this.valWords = '';
    this.valHasString = false;
    this.valEmpty = true;
  }

  /** Close the current value; `keepEmpty` false drops a value that has not started (cut input). */
  private finishValue(keepEmpty = true): void {
    let v: string;
    if (this.valHasString) v = this.valStr;
    else if (/^(NULL|\\N)$/i.test(this.valWords)) v = '';
    else v = this.valWords;
    if (keepEmpty || !this.valEmpty) this.fields.push(v);
    this.resetValue();
  }

  private emitTuple(complete: boolean): void {
    this.currentTable = this.table;
    this.tupleComplete = complete;
    const fields = this.fields;
    this.fields = [];
    this.sink(fields, this.tupleLine);
  }

  private onRawLine(line: string, lineNo: number, ended: boolean): void {
    switch (this.rawPurpose) {
      case 'delimiterArg': {
        const delim = line.trim();
        if (delim === '' || delim === ';') this.state = 'normal';
        else this.enterRaw('delimiterSkip');
        return;
      }
      case 'delimiterSkip': {
        // Trigger and routine bodies: nothing to read until the delimiter is back to `;`.
        const m = /^\s*DELIMITER\s+(\S+)/i.exec(line);
        if (m && m[1] === ';') this.state = 'normal';
        return;
      }
      case 'copy': {
        if (this.copyFirst) {
          // The rest of the `COPY … FROM stdin;` line itself.
          this.copyFirst = false;
          if (line.trim() === '') return;
        }
        if (line === '\\.') {
          this.state = 'normal';
          return;
        }
        if (line.trim() === '') return;
        this.currentTable = this.table;
        this.tupleComplete = ended;
        this.sink(line.split('\t').map(unescapeCopyField), lineNo);
        return;
      }
    }
  }
}

/** Factory for the ingest (same shape as `new DelimitedTokenizer(...)`). */
export function createSqlInsertTokenizer(): SqlInsertTokenizer {
  return new SqlInsertTokenizer();
}
