/**
 * Small pieces of SQL syntax for the dump tokenizer (sql-insert-tokenizer.ts): tokens, MySQL and
 * pg COPY escapes, and the heads of INSERT / CREATE TABLE / COPY statements (table name, columns).
 */

export type TokenType = 'word' | 'string' | 'ident' | 'punct';

export interface Token {
  type: TokenType;
  text: string;
  line: number;
}

/** Words that start a CREATE TABLE item that is not a column. */
export const CONSTRAINT_WORDS = new Set([
  'PRIMARY', 'KEY', 'INDEX', 'UNIQUE', 'CONSTRAINT', 'FOREIGN', 'FULLTEXT', 'SPATIAL', 'CHECK', 'PERIOD', 'EXCLUDE',
]);
/** Words between INSERT and the table name. */
const INSERT_MODIFIERS = new Set(['LOW_PRIORITY', 'DELAYED', 'HIGH_PRIORITY', 'IGNORE', 'INTO']);

export function isWordChar(c: number): boolean {
  // Whitespace, quotes, parentheses, comma and semicolon end a word.
  return !(
    c === 32 || c === 9 || c === 10 || c === 13 || c === 12 ||
    c === 39 || c === 34 || c === 96 || c === 40 || c === 41 || c === 44 || c === 59
  );
}

export function isPunct(t: Token, p: string): boolean {
  return t.type === 'punct' && t.text === p;
}

export function unescapeMysql(c: number): string {
  switch (c) {
    case 48: return '\0'; // \0
    case 98: return '\b';
    case 110: return '\n';
    case 114: return '\r';
    case 116: return '\t';
    case 90: return '\x1a'; // \Z
    case 37: return '\\%'; // MySQL keeps the backslash of \% and \_
    case 95: return '\\_';
    default: return String.fromCharCode(c);
  }
}

export function unescapeCopyField(raw: string): string {
  if (raw === '\\N') return '';
  if (!raw.includes('\\')) return raw;
  return raw.replace(/\\(.)/g, (_, ch: string) => {
    switch (ch) {
      case 'n': return '\n';
      case 'r': return '\r';
      case 't': return '\t';
      case 'b': return '\b';
      case 'f': return '\f';
      case 'v': return '\v';
      default: return ch;
    }
  });
}

interface Target {
  name: string;
  columns: string[] | null;
}

/** `INSERT [mods] [INTO] name [PARTITION (p)] [(cols)]` → name and columns. */
export function parseInsertHead(head: readonly Token[]): Target | null {
  let i = 1;
  while (i < head.length) {
    const h = head[i]!;
    if (h.type === 'word' && INSERT_MODIFIERS.has(h.text.toUpperCase())) i++;
    else break;
  }
  return parseTarget(head, i, head.length);
}

/** A table name (possibly schema-qualified) at `from`, then an optional `(col, …)` before `to`. */
export function parseTarget(head: readonly Token[], from: number, to: number): Target | null {
  let name = '';
  let i = from;
  for (; i < to; i++) {
    const h = head[i]!;
    if (h.type === 'punct' || (h.type === 'word' && /^PARTITION$/i.test(h.text))) break;
    name += h.text;
  }
  if (i < to && head[i]!.type === 'word') {
    // `PARTITION (p0, p1)`: not columns.
    i++;
    if (i < to && isPunct(head[i]!, '(')) {
      while (i < to && !isPunct(head[i]!, ')')) i++;
      i++;
    }
  }
  const dot = name.lastIndexOf('.');
  if (dot >= 0) name = name.slice(dot + 1);
  if (name === '') return null;
  let columns: string[] | null = null;
  if (i < to && isPunct(head[i]!, '(')) {
    columns = [];
    for (i++; i < to; i++) {
      const h = head[i]!;
      if (isPunct(h, ')')) break;
      if (h.type !== 'punct') columns.push(h.text);
    }
  }
  return { name, columns };
}

/** `CREATE [OR REPLACE] [TEMPORARY] TABLE [IF NOT EXISTS] name` → name, or null (not a table). */
export function parseCreateHead(head: readonly Token[]): string | null {
  const words = head.map((h) => (h.type === 'word' ? h.text.toUpperCase() : ''));
  const at = words.indexOf('TABLE');
  if (at < 0) return null;
  let i = at + 1;
  if (words[i] === 'IF' && words[i + 1] === 'NOT' && words[i + 2] === 'EXISTS') i += 3;
  let name = '';
  for (; i < head.length; i++) name += head[i]!.text;
  const dot = name.lastIndexOf('.');
  if (dot >= 0) name = name.slice(dot + 1);
  return name === '' ? null : name;
}
