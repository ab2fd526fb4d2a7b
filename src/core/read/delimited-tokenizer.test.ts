import { describe, expect, it } from 'vitest';
import { DelimitedTokenizer, tokenizeAll } from './delimited-tokenizer';
import type { RecordSink } from './row';

const utf8 = new TextEncoder();
const bytes = (text: string): Uint8Array => utf8.encode(text);

const rows = (text: string, quotedNewlines = false, delimiter = ',') =>
  tokenizeAll(text, { delimiter, quotedNewlines }).map((r) => r.fields);

describe('DelimitedTokenizer', () => {
  it('splits LF, CRLF and CR-only lines, and counts lines for each', () => {
    for (const eol of ['\n', '\r\n', '\r']) {
      const out = tokenizeAll(`a,b${eol}c,d${eol}${eol}e,f`, { delimiter: ',' });
      expect(out).toEqual([
        { fields: ['a', 'b'], line: 1 },
        { fields: ['c', 'd'], line: 2 },
        { fields: ['e', 'f'], line: 4 },
      ]);
    }
  });

  it('quoted newlines: a quote that never closes stops at its line end and the rows after it are read', () => {
    const text = 'a,b\n1,"ok\nstill ok"\n2,"never closed\n3,x\n4,y\n';
    const t = new DelimitedTokenizer({ delimiter: ',', quotedNewlines: true });
    const out: Array<{ fields: string[]; line: number }> = [];
    const sink: RecordSink = (row, line) => out.push({ fields: row.fields(), line });
    t.push(bytes(text), sink);
    t.end(sink);
    expect(out).toEqual([
      { fields: ['a', 'b'], line: 1 },
      { fields: ['1', 'ok\nstill ok'], line: 2 }, // a real quoted newline stays one value
      { fields: ['2', 'never closed'], line: 4 },
      { fields: ['3', 'x'], line: 5 },
      { fields: ['4', 'y'], line: 6 },
    ]);
    expect(t.unclosedQuotes).toEqual([4]);
    expect(t.unclosedQuoteCount).toBe(1);
  });

  it('quoted newlines: the same at any chunk size, and past the longest record far from the end', () => {
    const text = 'a,b\n2,"never closed\n' + Array.from({ length: 50 }, (_, i) => `${i},row\n`).join('');
    for (const size of [1, 3, 7, 1000]) {
      const t = new DelimitedTokenizer({ delimiter: ',', quotedNewlines: true, maxRecordBytes: 64 });
      const out: string[][] = [];
      const all = bytes(text);
      for (let i = 0; i < all.length; i += size) t.push(all.subarray(i, i + size), (r) => out.push(r.fields()));
      t.end((r) => out.push(r.fields()));
      expect(out).toHaveLength(52);
      expect(out[1]).toEqual(['2', 'never closed']);
      expect(out[51]).toEqual(['49', 'row']);
      expect(t.unclosedQuotes).toEqual([2]);
      expect(t.overlongCount).toBe(0);
    }
  });

  it('reads RFC 4180 quotes: delimiters and doubled quotes inside', () => {
    expect(rows('"a,b","say ""hi""",3\n')).toEqual([['a,b', 'say "hi"', '3']]);
  });

  it('keeps text after a closing quote like Python csv (pre-2014 FreePBX clid)', () => {
    expect(rows('2017-09-04 12:39:26,"User 10" <114>,114\n')).toEqual([['2017-09-04 12:39:26', 'User 10 <114>', '114']]);
  });

  it('drops spaces before an opening quote (FreeSWITCH sql/snom templates)', () => {
    expect(rows('"x","y", "acct",""\n')).toEqual([['x', 'y', 'acct', '']]);
  });

  it('closes an unterminated quote at the line end unless quoted newlines are allowed', () => {
    expect(rows('"oops,1\nnext,2\n')).toEqual([['oops,1'], ['next', '2']]);
    expect(rows('"multi\nline",1\nnext,2\n', true)).toEqual([['multi\nline', '1'], ['next', '2']]);
  });

  it('keeps a trailing empty field and a last line without a line end', () => {
    expect(rows('a,b,\nc,d')).toEqual([['a', 'b', ''], ['c', 'd']]);
  });

  it('keeps a last field that ends the file on its closing quote, or inside an open quote', () => {
    expect(rows('"a","b"\n"c","d"')).toEqual([['a', 'b'], ['c', 'd']]);
    expect(rows('"a","b"\n"c","trunc')).toEqual([['a', 'b'], ['c', 'trunc']]);
    expect(rows('"a","b"\n"c","trunc', true)).toEqual([['a', 'b'], ['c', 'trunc']]);
  });

  it('gives the same records and line numbers at every chunk size (seams)', () => {
    const text = 'a,"b""q",c\r\nd,"e,f",g\rh,i,j\n"k\r\nl",m\n\n"n"," o ",\r\n';
    const whole = tokenizeAll(text, { delimiter: ',', quotedNewlines: true });
    for (let size = 1; size <= text.length; size++) {
      const t = new DelimitedTokenizer({ delimiter: ',', quotedNewlines: true });
      const out: Array<{ fields: string[]; line: number }> = [];
      const sink: RecordSink = (row, line) => out.push({ fields: row.fields(), line });
      const all = bytes(text);
      for (let i = 0; i < all.length; i += size) t.push(all.subarray(i, i + size), sink);
      t.end(sink);
      expect(out, `chunk size ${size}`).toEqual(whole);
    }
    expect(whole.map((r) => r.line)).toEqual([1, 2, 3, 4, 7]);
  });

  it('lines far longer than a chunk: the same records, lines and cuts at any chunk size, in both modes', () => {
    const long = (n: number, c: string): string => c.repeat(n);
    // 3,000-byte fields quoted and not, a `""` and a CR/CRLF seam in the middle of long lines, a
    // quoted newline (generic mode); then a line over the 4,096-byte cap between good ones (a
    // record read whole from one chunk is never cut: only chunks smaller than the cap see it).
    const text =
      `a,"${long(3000, 'x')}",b\r\n` +
      `${long(2000, 'y')},"q""${long(1500, 'z')}"\r` +
      `"${long(1000, 'm')}\n${long(1000, 'n')}",c\n` +
      `last,${long(2500, 'p')}`;
    const overlong = `${long(9000, 'o')},over\nnext,1\n`;
    for (const quotedNewlines of [false, true]) {
      const read = (input: string, size: number) => {
        const t = new DelimitedTokenizer({ delimiter: ',', quotedNewlines, maxRecordBytes: 4096 });
        const out: Array<{ fields: string[]; line: number }> = [];
        const sink: RecordSink = (row, line) => out.push({ fields: row.fields(), line });
        const all = bytes(input);
        for (let i = 0; i < all.length; i += size) t.push(all.subarray(i, i + size), sink);
        t.end(sink);
        return { out, overlong: t.overlong, lines: t.nextLine };
      };
      const whole = read(text, text.length);
      for (const size of [1, 7, 64, 1000, 2999, 3001]) expect(read(text, size), `chunk ${size}, quotedNewlines ${quotedNewlines}`).toEqual(whole);
      expect(whole.out.map((r) => [r.line, ...r.fields.map((f) => f.length)])).toEqual(
        quotedNewlines
          ? [[1, 1, 3000, 1], [2, 2000, 1502], [3, 2001, 1], [5, 4, 2500]]
          : [[1, 1, 3000, 1], [2, 2000, 1502], [3, 1000], [4, 1001, 1], [5, 4, 2500]], // the open quote closed at its line end; the stray one kept as text
      );
      const cut = read(overlong + text, 64);
      expect(cut.overlong).toEqual([{ line: 1 }]);
      expect(cut.out.map((r) => r.line)).toEqual([2, ...whole.out.map((r) => r.line + 2)]);
      for (const size of [1, 7, 1000, 2999, 3001]) expect(read(overlong + text, size), `cut, chunk ${size}`).toEqual(cut);
    }
  });

  it('a chunk of many 64 KiB windows gives the records, lines and cuts that small chunks give', () => {
    // Records of every few lengths, so CR, CRLF, blank lines and quotes fall on window seams
    // wherever the first record puts them; two fields longer than a window, and one record over
    // the 100,000-byte cap by far (cut and reported at any chunk size) between plain ones.
    const records: string[] = [];
    for (let k = 0; k < 3000; k++) {
      const end = k % 7 === 0 ? '\r' : k % 3 === 0 ? '\n' : '\r\n';
      records.push(`"a${k}","${'b'.repeat(k % 23)}",${k}${end}`);
      if (k % 50 === 0) records.push('\r\n');
      if (k === 1000 || k === 2000) records.push(`x,"${'y'.repeat(70_000)}",z\n`);
      if (k === 1500) records.push(`${'o'.repeat(300_000)},over\n`);
    }
    const read = (all: Uint8Array, size: number, plainRecords = true) => {
      const t = new DelimitedTokenizer({ delimiter: ',', maxRecordBytes: 100_000, plainRecords });
      const out: Array<{ fields: string[]; line: number }> = [];
      const sink: RecordSink = (row, line) => out.push({ fields: row.fields(), line });
      for (let i = 0; i < all.length; i += size) t.push(all.subarray(i, i + size), sink);
      t.end(sink);
      return { out, overlong: t.overlong, lines: t.nextLine };
    };
    for (const first of ['', 'p\n', 'pq,r\r\n', '"s"\r']) {
      const all = bytes(first + records.join(''));
      const whole = read(all, all.length);
      expect(read(all, 4096), `first record ${JSON.stringify(first)}`).toEqual(whole);
      expect(read(all, all.length, false)).toEqual(whole);
      const skip = first === '' ? 0 : 1;
      expect(whole.out).toHaveLength(skip + 3000 + 2);
      expect(whole.overlong).toHaveLength(1);
      const plain = whole.out.slice(skip).filter((r) => r.fields[0] !== 'x');
      expect(plain.map((r) => r.fields)).toEqual(Array.from({ length: 3000 }, (_, k) => [`a${k}`, 'b'.repeat(k % 23), String(k)]));
      expect(whole.out.filter((r) => r.fields[0] === 'x').map((r) => r.fields[1]!.length)).toEqual([70_000, 70_000]);
      // Lines: 3000 records, 60 blank lines, 2 long ones and the cut one, after the first.
      expect(whole.lines).toBe(1 + skip + 3000 + 60 + 3);
    }
    // A cap below a window: a window in which no record ends is cut at once, as small chunks are.
    const capped = (size: number) => {
      const t = new DelimitedTokenizer({ delimiter: ',', maxRecordBytes: 1000 });
      const out: string[][] = [];
      const all = bytes(`a,1\n${'q'.repeat(100_000)}\nb,2\n`.repeat(3));
      for (let i = 0; i < all.length; i += size) t.push(all.subarray(i, i + size), (row) => out.push(row.fields()));
      t.end((row) => out.push(row.fields()));
      return { out, overlong: t.overlong };
    };
    expect(capped(1 << 20)).toEqual(capped(4096));
    expect(capped(1 << 20)).toEqual({ out: [['a', '1'], ['b', '2'], ['a', '1'], ['b', '2'], ['a', '1'], ['b', '2']], overlong: [{ line: 2 }, { line: 5 }, { line: 8 }] });
  });

  it('cuts an overlong record (binary input without line ends) and reports it', () => {
    const t = new DelimitedTokenizer({ delimiter: ',', maxRecordBytes: 100 });
    const out: string[][] = [];
    for (let i = 0; i < 10; i++) t.push(bytes('x'.repeat(50)), (r) => out.push(r.fields()));
    t.push(bytes('\nok,1\n'), (r) => out.push(r.fields()));
    t.end((r) => out.push(r.fields()));
    expect(t.overlongCount).toBeGreaterThan(0);
    expect(out.at(-1)).toEqual(['ok', '1']);
  });

  it('an endless line is cut once: its tail is not read as a record, and the next line keeps its number', () => {
    const t = new DelimitedTokenizer({ delimiter: ',', maxRecordBytes: 100 });
    const out: Array<{ fields: string[]; line: number }> = [];
    const sink: RecordSink = (row, line) => out.push({ fields: row.fields(), line });
    t.push(bytes('a,b\n1,'), sink);
    for (let i = 0; i < 1000; i++) t.push(bytes('x'.repeat(50)), sink); // 50,000 bytes on line 2
    t.push(bytes(',tail\n3,c\r\n4,d'), sink);
    t.end(sink);
    expect(t.overlongCount).toBe(1);
    expect(t.overlong).toEqual([{ line: 2 }]);
    expect(out).toEqual([
      { fields: ['a', 'b'], line: 1 },
      { fields: ['3', 'c'], line: 3 },
      { fields: ['4', 'd'], line: 4 },
    ]);
  });
});
