/**
 * The WebAssembly kernel that reads the tokenizer's plain records (assembly/plain-scan.ts; its bytes are
 * inline in plain-scan.wasm.ts, built by scripts/build-plain-scan.mjs): one instance per thread,
 * made synchronously the first time a tokenizer needs it. Bytes are copied into its memory a block
 * at a time (load); a scan writes the field bounds of the plain records from a given byte on.
 */
import { PLAIN_SCAN_WASM_BASE64 } from './plain-scan.wasm';

/** Bytes loaded at a time: the tokenizer's window (push reads 64 KiB at a time). */
export const PLAIN_SCAN_BLOCK_BYTES = 1 << 16;

interface KernelExports {
  memory: WebAssembly.Memory;
  setInput(input: number, length: number, base: number, masks: number, starts: number, ends: number, kinds: number, delimiter: number, quote: number): void;
  scan(from: number, recordFirst: number, recordEnd: number, recordAscii: number, maxRecords: number): number;
  stopAt(): number;
  stoppedAtEnd(): number;
}

const WASM_PAGE_BYTES = 1 << 16;

export class PlainScanKernel {
  private readonly kernel: KernelExports;
  private readonly bytes: Uint8Array;
  /** Where each region lies in linear memory (bytes). */
  private readonly at: { masks: number; starts: number; ends: number; kinds: number; recordFirst: number; recordEnd: number; recordAscii: number };
  private readonly capacity: number;
  /** The last scan's fields: start, end and kind (the tokenizer's PLAIN / ESCAPED); byte indexes are the loaded bytes' own. */
  readonly starts: Int32Array;
  readonly ends: Int32Array;
  readonly kinds: Uint8Array;
  /** The last scan's record r: its first field, and the byte past its line end (recordFirst[records]: past the last field). */
  readonly recordFirst: Int32Array;
  readonly recordEnd: Int32Array;
  /** The last scan's record r is all ASCII (1) or not (0). */
  readonly recordAscii: Uint8Array;
  /** Counts loads: bytes a tokenizer loaded are still there while it has not changed. */
  loads = 0;

  constructor() {
    const module = new WebAssembly.Module(base64Bytes(PLAIN_SCAN_WASM_BASE64));
    this.kernel = new WebAssembly.Instance(module, {}).exports as unknown as KernelExports;
    const block = PLAIN_SCAN_BLOCK_BYTES;
    // At most one field per byte and one more, one record per byte; the 64 bytes past the block are 0.
    const fields = block + 2;
    const masks = block + 64;
    const starts = masks + (block / 64 + 1) * 8;
    const ends = starts + fields * 4;
    const kinds = ends + fields * 4;
    const recordFirst = kinds + fields * 4;
    const recordEnd = recordFirst + fields * 4;
    const recordAscii = recordEnd + fields * 4;
    const total = recordAscii + fields;
    this.kernel.memory.grow(Math.ceil(total / WASM_PAGE_BYTES));
    const buffer = this.kernel.memory.buffer;
    this.bytes = new Uint8Array(buffer);
    this.at = { masks, starts, ends, kinds, recordFirst, recordEnd, recordAscii };
    this.capacity = fields;
    this.starts = new Int32Array(buffer, starts, fields);
    this.ends = new Int32Array(buffer, ends, fields);
    this.kinds = new Uint8Array(buffer, kinds, fields);
    this.recordFirst = new Int32Array(buffer, recordFirst, fields);
    this.recordEnd = new Int32Array(buffer, recordEnd, fields);
    this.recordAscii = new Uint8Array(buffer, recordAscii, fields);
  }

  /** bytes[from, to) (at most PLAIN_SCAN_BLOCK_BYTES) into the kernel's memory, to be scanned. */
  load(bytes: Uint8Array, from: number, to: number, delimiter: number, quote: number): void {
    const length = to - from;
    this.bytes.set(bytes.subarray(from, to), 0);
    this.bytes.fill(0, length, length + 64);
    const at = this.at;
    this.kernel.setInput(0, length, from, at.masks, at.starts, at.ends, at.kinds, delimiter, quote);
    this.loads++;
  }

  /** The plain records of the loaded bytes from byte `from` on: how many. */
  scan(from: number): number {
    return this.kernel.scan(from, this.at.recordFirst, this.at.recordEnd, this.at.recordAscii, this.capacity - 1);
  }

  /** Where the last scan stopped: the first record it did not read. */
  get stop(): number {
    return this.kernel.stopAt();
  }

  /** The last scan stopped at a record that does not end in the loaded bytes (not: one that is not plain). */
  get stoppedAtEnd(): boolean {
    return this.kernel.stoppedAtEnd() !== 0;
  }
}

function base64Bytes(base64: string): Uint8Array<ArrayBuffer> {
  const text = atob(base64);
  const bytes = new Uint8Array(text.length);
  for (let i = 0; i < text.length; i++) bytes[i] = text.charCodeAt(i);
  return bytes;
}

/** undefined: not tried yet on this thread. */
let shared: PlainScanKernel | null | undefined;

/**
 * This thread's kernel, or null where the engine cannot make it (no WebAssembly SIMD: Safari before
 * 16.4; a host page whose CSP forbids compiling it): the tokenizer's byte loop then reads every
 * record, with the same answers, more slowly. The committed module itself is tested (plain-scan.test.ts).
 */
export function plainScanKernel(): PlainScanKernel | null {
  if (shared === undefined) {
    try {
      shared = new PlainScanKernel();
    } catch {
      shared = null;
    }
  }
  return shared;
}
