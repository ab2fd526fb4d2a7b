/**
 * The kernel's module is built from its source: the bytes committed in plain-scan.wasm.ts are what
 * scripts/build-plain-scan.mjs compiles assembly/plain-scan.ts to with the pinned AssemblyScript.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { PLAIN_SCAN_BLOCK_BYTES, PlainScanKernel } from './plain-scan';

const root = path.resolve(import.meta.dirname, '../../../..');
const asc = path.join(root, 'node_modules/.bin/asc');

describe('the plain-record kernel', () => {
  it.skipIf(!existsSync(asc))('is the module its source compiles to (needs the devDependency assemblyscript: npm ci)', () => {
    const out = path.join(mkdtempSync(path.join(tmpdir(), 'plain-scan-')), 'plain-scan.wasm.ts');
    execFileSync(process.execPath, [path.join(root, 'scripts/build-plain-scan.mjs'), '--out', out], { stdio: 'pipe' });
    expect(readFileSync(out, 'utf8')).toBe(readFileSync(path.join(import.meta.dirname, 'plain-scan.wasm.ts'), 'utf8'));
  }, 60_000);

  it('reads the fields of plain records, and stops at one that is not plain', () => {
    const kernel = new PlainScanKernel();
    const bytes = new TextEncoder().encode('a,"b""c",d\r\n"x" y,\n"open\nz\n');
    kernel.load(bytes, 0, bytes.length, 44, 34);
    expect(kernel.scan(0)).toBe(2);
    const fields = (r: number) => {
      const out: Array<[number, number, number]> = [];
      for (let f = kernel.recordFirst[r]!; f < kernel.recordFirst[r + 1]!; f++) out.push([kernel.starts[f]!, kernel.ends[f]!, kernel.kinds[f]!]);
      return out;
    };
    // a | "b""c" from after its opening quote to past its closing one (escaped) | d
    expect(fields(0)).toEqual([[0, 1, 0], [3, 8, 1], [9, 10, 0]]);
    expect(kernel.recordEnd[0]).toBe(12); // past the CRLF
    // "x" y: the text after the closing quote kept (escaped) | an empty last field
    expect(fields(1)).toEqual([[13, 17, 1], [18, 18, 0]]);
    expect(kernel.recordEnd[1]).toBe(19);
    // The quote left open on its line: not plain (the byte loop's), not for want of bytes.
    expect(kernel.stop).toBe(19);
    expect(kernel.stoppedAtEnd).toBe(false);
  });

  it('reads records with multi-byte characters, and says which records are all ASCII', () => {
    const kernel = new PlainScanKernel();
    // "José" <100>,PJSIP/a-0001 | plain | a byte past 0x7F that is no UTF-8 at all, unquoted
    const bytes = new Uint8Array([...new TextEncoder().encode('"José" <100>,x\nab,c\n'), 0x80, 44, 100, 10]);
    kernel.load(bytes, 0, bytes.length, 44, 34);
    expect(kernel.scan(0)).toBe(3);
    // `"José" <100>`: text after the closing quote (escaped), from after the opening quote; é is two bytes.
    expect([kernel.starts[0], kernel.ends[0], kernel.kinds[0], kernel.starts[1], kernel.ends[1]]).toEqual([1, 13, 1, 14, 15]);
    expect([kernel.recordEnd[0], kernel.recordEnd[1], kernel.recordEnd[2]]).toEqual([16, 21, 25]);
    expect([kernel.recordFirst[1], kernel.recordFirst[2], kernel.recordFirst[3]]).toEqual([2, 4, 6]);
    expect([kernel.starts[4], kernel.ends[4], kernel.starts[5], kernel.ends[5]]).toEqual([21, 22, 23, 24]);
    expect(Array.from(kernel.recordAscii.subarray(0, 3))).toEqual([0, 1, 0]);
    expect(kernel.stop).toBe(bytes.length);
  });

  it('gives byte indexes of the bytes it was given, from a block loaded at any offset', () => {
    const kernel = new PlainScanKernel();
    const bytes = new TextEncoder().encode('skipped\nab,c\nd');
    kernel.load(bytes, 8, bytes.length, 44, 34);
    expect(kernel.scan(8)).toBe(1);
    expect([kernel.starts[0], kernel.ends[0], kernel.starts[1], kernel.ends[1], kernel.recordEnd[0]]).toEqual([8, 10, 11, 12, 13]);
    // `d` has no line end yet: it stops for want of bytes.
    expect(kernel.stop).toBe(13);
    expect(kernel.stoppedAtEnd).toBe(true);
    expect(PLAIN_SCAN_BLOCK_BYTES).toBe(65536);
  });
});
