/**
 * The WASM structural scan (assembly/scan.ts) compiled with AssemblyScript and fed a file's chunks
 * the way the tokenizer is: each chunk is copied into linear memory behind the unfinished record
 * carried from the one before, scanned, and its records handed to a sink as a WasmRow. ASCII,
 * comma-separated input only (the bench's Master.csv); a record the kernel does not read (not
 * plain) is counted, not read, so the bench's record check fails on such input.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { WasmRow } from './wasm-row';

/** A RecordSink, or one that reads the WasmRow's bytes. */
export type WasmSink = (row: WasmRow, line: number) => void;

const ASC_VERSION = '0.28.20';
const COMMA = 44;
const QUOTE = 34;
const LF = 10;

/** AssemblyScript lives apart from the project's dependencies (bench-results is git-ignored). */
export function compileKernel(root: string): Uint8Array<ArrayBuffer> {
  const tools = path.join(root, 'bench-results', 'asc');
  const asc = path.join(tools, 'node_modules', '.bin', 'asc');
  if (!existsSync(asc)) {
    mkdirSync(tools, { recursive: true });
    throw new Error(`AssemblyScript is not installed; run:\n  npm install --prefix ${tools} assemblyscript@${ASC_VERSION}`);
  }
  const out = path.join(tools, 'scan.wasm');
  execFileSync(asc, [path.join(root, 'bench', 'wasm-scan', 'assembly', 'scan.ts'), '-o', out, '-O3', '--noAssert', '--runtime', 'stub', '--enable', 'simd'], { stdio: 'inherit' });
  return new Uint8Array(readFileSync(out));
}

interface KernelExports {
  memory: WebAssembly.Memory;
  scan(input: number, n: number, masks: number, starts: number, ends: number, kinds: number, recFirst: number, recEnd: number, delim: number, quote: number, maxRecords: number): number;
  stopAt(): number;
}

export class WasmScanner {
  private readonly kernel: KernelExports;
  private readonly memory: Uint8Array;
  /** Byte offsets in linear memory: the input at 0, then the masks and the output arrays. */
  private readonly at: { masks: number; starts: number; ends: number; kinds: number; recFirst: number; recEnd: number };
  private readonly maxFields: number;
  private readonly recFirst: Int32Array;
  private readonly row: WasmRow;
  private readonly decoder = new TextDecoder('utf-8', { ignoreBOM: true });
  /** Bytes of the unfinished record at the start of linear memory. */
  private carry = 0;
  /** The line the next record starts on (every plain record is one line). */
  private line = 1;
  /** Records the kernel could not read (the JS byte loop would). */
  unread = 0;

  constructor(
    module: WebAssembly.Module,
    private readonly maxChunkBytes: number,
  ) {
    this.kernel = new WebAssembly.Instance(module, {}).exports as unknown as KernelExports;
    const input = 2 * maxChunkBytes + 64; // a carried record (at most a chunk here) + a chunk + zeros
    const fields = input + 2; // at most one field per byte, and one more
    const masks = input;
    const starts = masks + ((input >> 6) + 1) * 8;
    const ends = starts + fields * 4;
    const kinds = ends + fields * 4;
    const recFirst = kinds + fields + 4 - (fields % 4);
    const recEnd = recFirst + (fields + 1) * 4;
    this.at = { masks, starts, ends, kinds, recFirst, recEnd };
    this.maxFields = fields;
    this.kernel.memory.grow(Math.ceil((recEnd + (fields + 1) * 4) / 65536));
    const buffer = this.kernel.memory.buffer;
    this.memory = new Uint8Array(buffer);
    this.recFirst = new Int32Array(buffer, recFirst, fields + 1);
    this.row = new WasmRow(this.memory, new Int32Array(buffer, starts, fields), new Int32Array(buffer, ends, fields), new Uint8Array(buffer, kinds, fields));
  }

  /**
   * The chunk's records to `sink`. decode: the chunk is decoded for the row's texts (without it a
   * row's field texts are wrong: only for measuring the scan alone). Returns the records.
   */
  push(chunk: Uint8Array, sink: WasmSink | null, decode: boolean): number {
    const memory = this.memory;
    memory.set(chunk, this.carry);
    const n = this.carry + chunk.length;
    memory.fill(0, n, n + 64);
    const at = this.at;
    const row = this.row;
    if (decode) row.text = this.decoder.decode(memory.subarray(0, n));
    const records = this.kernel.scan(0, n, at.masks, at.starts, at.ends, at.kinds, at.recFirst, at.recEnd, COMMA, QUOTE, this.maxFields);
    if (sink !== null) {
      const recFirst = this.recFirst;
      for (let r = 0; r < records; r++) {
        row.base = recFirst[r]!;
        row.count = recFirst[r + 1]! - row.base;
        if (!row.isBlank()) sink(row, this.line);
        this.line++;
      }
    }
    let stop = this.kernel.stopAt();
    const lineEnd = memory.subarray(stop, n).indexOf(LF);
    if (lineEnd >= 0) {
      // Not plain: the JS byte loop would read it; skipped here (and counted).
      this.unread++;
      this.line++;
      stop += lineEnd + 1;
    }
    if (n - stop > this.maxChunkBytes) throw new Error(`a record longer than ${this.maxChunkBytes} bytes at line ${this.line}`);
    memory.copyWithin(0, stop, n);
    this.carry = n - stop;
    return records;
  }

  /** A new input (the instance and its memory are kept: made once, as a worker would). */
  reset(): void {
    this.carry = 0;
    this.line = 1;
    this.unread = 0;
  }

  /** Bytes left unread at the end of the input (a last record without a line end). */
  get tail(): number {
    return this.carry;
  }
}
