/**
 * The kernel's every output (field bounds and kinds, record ends, ASCII flags, where it stopped and
 * why) against its rules read a byte at a time (expectedScan below). The kernel reads most records
 * by masks of 64-byte blocks, carrying whether a byte lies inside quotes from block to block, and
 * leaves any record those may read otherwise to its exact path; so the bytes here put each seam of
 * that at every byte around a block's end: a padding line shifts `""`, quotes opening and closing
 * quoted delimiters, text after a closing quote, a quote inside an unquoted field, spaces before a
 * quote, a line end inside quotes, CR, CRLF and bytes past 0x7F over bytes 62–65 of a block; the
 * loaded bytes end anywhere (a CR or a quote as their last byte, a load's 64 KiB end inside a
 * CRLF); scans start at record starts and anywhere else; delimiters and quotes of every kind, those
 * the masks cannot read (a space, NUL, a line end, the quote itself) among them.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { PlainScanKernel } from './plain-scan';

const LF = 10;
const CR = 13;
const SPACE = 32;
const HIGH = 0x80;
const RAN_OUT = -1;
const NOT_PLAIN = -2;

type Field = [start: number, end: number, kind: number];

interface ScanResult {
  records: Array<{ fields: Field[]; end: number; ascii: number }>;
  stop: number;
  stoppedAtEnd: boolean;
}

/**
 * The kernel's rules, a byte at a time: the plain records of bytes[from, to).
 * A quoted field (spaces before its quote dropped) runs to its closing quote, `""` a quote inside
 * it (ESCAPED, its end past the closing quote); text after the closing quote is kept up to the
 * delimiter (ESCAPED); a line end inside quotes: not plain. An unquoted field runs to the next
 * delimiter or line end, quotes and all. A record that does not end before `to` (or ends in a CR
 * that may be half of a CRLF): ran out.
 */
function expectedScan(bytes: Uint8Array, from: number, to: number, delim: number, quote: number): ScanResult {
  /** The record being read has a byte past 0x7F (set by the closures below). */
  let high: boolean;
  const marked = (c: number) => c === delim || c === quote || c === LF || c === CR || c >= HIGH;
  const nextMarked = (k: number) => {
    while (k < to && !marked(bytes[k]!)) k++;
    return k;
  };
  const fieldEnd = (k: number) => {
    for (k = nextMarked(k); k < to; k = nextMarked(k + 1)) {
      const c = bytes[k]!;
      if (c >= HIGH) high = true;
      else if (c !== quote) return k;
    }
    return to;
  };
  const readRecord = (pos: number, fields: Field[]): number => {
    for (let i = pos; ; ) {
      let f = i;
      while (f < to && bytes[f] === SPACE) f++;
      let k: number;
      if (f < to && bytes[f] === quote) {
        let escaped = false;
        let q = f + 1;
        for (;;) {
          q = nextMarked(q);
          if (q + 1 >= to) return RAN_OUT;
          const c = bytes[q]!;
          if (c === quote) {
            if (bytes[q + 1] !== quote) break;
            escaped = true;
            q += 2;
            continue;
          }
          if (c >= HIGH) high = true;
          else if (c !== delim) return NOT_PLAIN;
          q++;
        }
        k = q + 1;
        const after = bytes[k]!;
        if (after !== delim && after !== LF && after !== CR) {
          k = fieldEnd(k);
          fields.push([f + 1, k, 1]);
        } else fields.push([f + 1, escaped ? k : q, escaped ? 1 : 0]);
      } else {
        k = fieldEnd(i);
        fields.push([i, k, 0]);
      }
      if (k >= to) return RAN_OUT;
      const c = bytes[k]!;
      if (c === delim) {
        i = k + 1;
        continue;
      }
      if (c === LF) return k + 1;
      if (c !== CR) return NOT_PLAIN;
      if (k + 1 >= to) return RAN_OUT;
      return bytes[k + 1] === LF ? k + 2 : k + 1;
    }
  };
  const records: ScanResult['records'] = [];
  let pos = from;
  let stoppedAtEnd = false;
  while (pos < to) {
    const fields: Field[] = [];
    high = false;
    const end = readRecord(pos, fields);
    if (end < 0) {
      stoppedAtEnd = end === RAN_OUT;
      break;
    }
    records.push({ fields, end, ascii: high ? 0 : 1 });
    pos = end;
  }
  return { records, stop: pos, stoppedAtEnd };
}

function kernelScan(kernel: PlainScanKernel, from: number): ScanResult {
  const count = kernel.scan(from);
  const records: ScanResult['records'] = [];
  for (let r = 0; r < count; r++) {
    const fields: Field[] = [];
    for (let f = kernel.recordFirst[r]!; f < kernel.recordFirst[r + 1]!; f++) fields.push([kernel.starts[f]!, kernel.ends[f]!, kernel.kinds[f]!]);
    records.push({ fields, end: kernel.recordEnd[r]!, ascii: kernel.recordAscii[r]! });
  }
  return { records, stop: kernel.stop, stoppedAtEnd: kernel.stoppedAtEnd };
}

const D = -1; // the delimiter
const Q = -2; // the quote
const bytesOf = (text: string) => [...new TextEncoder().encode(text)];
/** Fields: RFC-quoted ones (`""`, delimiters and a CRLF inside), unquoted ones, and those the exact path reads otherwise. */
const FIELDS: readonly (readonly number[])[] = [
  [], bytesOf('a'), bytesOf('PJSIP/trunk-0001'), bytesOf('1794816000.5'), [Q, Q], [Q, ...bytesOf('x'), Q], [Q, ...bytesOf('12:00'), Q],
  [Q, Q, Q, ...bytesOf('Campaign'), Q, Q, ...bytesOf(' <1312>'), Q], [Q, ...bytesOf('a'), Q, Q, Q], [Q, Q, Q, Q],
  [Q, ...bytesOf('PJSIP/1206@a'), D, ...bytesOf('60'), D, ...bytesOf('tT'), Q], [Q, 0xc3, 0xa9, Q], bytesOf('Niño'), [0x80],
  [Q, ...bytesOf('User 9'), Q, ...bytesOf(' <113>')], [...bytesOf('5'), Q, ...bytesOf(' pipe')], [SPACE, Q, ...bytesOf('b'), Q], [SPACE, SPACE],
  [Q, ...bytesOf('two'), LF, ...bytesOf('lines'), Q], [Q, ...bytesOf('crlf'), CR, LF, Q], [Q, ...bytesOf('open')], [Q, Q, ...bytesOf('x')],
];
const LINE_ENDS: readonly (readonly number[])[] = [[LF], [LF], [CR, LF], [CR]];

const caseArb = fc.record({
  delimiter: fc.constantFrom(44, 44, 44, 59, 9, 124, 39, SPACE, 0, LF, 34),
  quote: fc.constantFrom(34, 34, 34, 39, SPACE, 0),
  padding: fc.integer({ min: 0, max: 130 }),
  records: fc.array(fc.tuple(fc.array(fc.constantFrom(...FIELDS), { minLength: 1, maxLength: 8 }), fc.constantFrom(...LINE_ENDS)), { minLength: 1, maxLength: 12 }),
  /** The loaded bytes: all, or up to a byte anywhere (as a load that ends inside a record). */
  cut: fc.option(fc.nat(), { freq: 3 }),
  /** Scans after the first: from just past where the last one stopped, or from anywhere. */
  starts: fc.array(fc.tuple(fc.boolean(), fc.nat()), { maxLength: 4 }),
});

function bytesFor(delimiter: number, quote: number, padding: number, records: ReadonlyArray<readonly [readonly (readonly number[])[], readonly number[]]>): Uint8Array {
  // A padding line first: the seams below move over bytes 62–65 of a block as it grows.
  const out: number[] = [...'x'.repeat(padding)].map((c) => c.charCodeAt(0));
  out.push(LF);
  for (const [fields, lineEnd] of records) {
    fields.forEach((field, i) => {
      if (i > 0) out.push(delimiter);
      for (const b of field) out.push(b === D ? delimiter : b === Q ? quote : b);
    });
    out.push(...lineEnd);
  }
  return Uint8Array.from(out);
}

describe('the plain-record kernel: every output as its rules read a byte at a time', () => {
  it('records of quoted, unquoted and malformed fields, their seams at every byte around a block\'s end, loaded whole or cut, scanned from anywhere', () => {
    const kernel = new PlainScanKernel();
    let read = 0;
    fc.assert(
      fc.property(caseArb, ({ delimiter, quote, padding, records, cut, starts }) => {
        const bytes = bytesFor(delimiter, quote, padding, records);
        const to = cut === null ? bytes.length : cut % (bytes.length + 1);
        kernel.load(bytes, 0, to, delimiter, quote);
        let from = 0;
        for (let k = 0; k <= starts.length && from < to; k++) {
          const expected = expectedScan(bytes, from, to, delimiter, quote);
          expect(kernelScan(kernel, from)).toEqual(expected);
          read += expected.records.length;
          const [afterStop, at] = starts[k] ?? [true, 0];
          from = afterStop ? expected.stop + 1 : at % to;
        }
      }),
      { numRuns: 2000 },
    );
    expect(read).toBeGreaterThan(5000); // not vacuous: records read, not only stops
  });

  it('a CRLF, a `""` and a closing quote across a load\'s 64 KiB end, at each byte around it', () => {
    const kernel = new PlainScanKernel();
    const block = 1 << 16;
    const row = '"a","b""c",d,"e,f"\r\n';
    for (let shift = -12; shift <= 2; shift++) {
      // A line up to `shift` bytes before the load's end, then rows: one of them lies across it.
      const bytes = new TextEncoder().encode(`${'y'.repeat(block - row.length + shift)}\n${row.repeat(3)}`);
      kernel.load(bytes, 0, block, 44, 34);
      const first = expectedScan(bytes, 0, block, 44, 34);
      expect(kernelScan(kernel, 0)).toEqual(first);
      // The tokenizer loads the bytes again from the record the kernel could not finish.
      kernel.load(bytes, first.stop, bytes.length, 44, 34);
      expect(kernelScan(kernel, first.stop)).toEqual(expectedScan(bytes, first.stop, bytes.length, 44, 34));
    }
  });
});
