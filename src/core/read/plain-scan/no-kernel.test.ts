/**
 * An engine that cannot compile the kernel (no WebAssembly SIMD, or a CSP without
 * 'wasm-unsafe-eval') still reads every record: the byte loop reads them, with the same fields.
 */
import { afterEach, describe, expect, it, vi } from 'vitest';

const CSV = 'a,"b""c",d\r\n"x" y,\n"PJSIP/trunk-0001","2024-01-02 03:04:05",12\n';

async function recordsRead(): Promise<string[][]> {
  const { DelimitedTokenizer } = await import('../delimited-tokenizer');
  const records: string[][] = [];
  const tokenizer = new DelimitedTokenizer({ delimiter: ',' });
  const bytes = new TextEncoder().encode(CSV);
  tokenizer.push(bytes, (row) => records.push(row.fields()));
  tokenizer.end((row) => records.push(row.fields()));
  return records;
}

describe('without the WebAssembly kernel', () => {
  afterEach(() => {
    vi.unstubAllGlobals();
    vi.resetModules();
  });

  it('the tokenizer reads every record with the byte loop, the same fields as with the kernel', async () => {
    vi.resetModules();
    const withKernel = await recordsRead();
    expect(withKernel).toEqual([
      ['a', 'b"c', 'd'],
      ['x y', ''],
      ['PJSIP/trunk-0001', '2024-01-02 03:04:05', '12'],
    ]);

    vi.resetModules();
    let compiles = 0;
    // Called with new, as WebAssembly.Module is.
    function ModuleWithoutSimd(): never {
      compiles++;
      throw new WebAssembly.CompileError('SIMD unsupported');
    }
    vi.stubGlobal('WebAssembly', { ...WebAssembly, Module: ModuleWithoutSimd });
    const { plainScanKernel } = await import('./plain-scan');
    expect(plainScanKernel()).toBeNull();
    expect(await recordsRead()).toEqual(withKernel);
    expect(compiles).toBe(1);
  });
});
