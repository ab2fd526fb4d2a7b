/**
 * Does a WebAssembly structural scan beat the JS tokenizer (issue 12)? CPU per 1M rows, in one
 * process, the cases alternated (forward, then backward) for N rounds, on a Master.csv:
 *   npx tsx bench/wasm-scan/run.ts bench-results/inputs/asterisk-master-csv-1000000/Master.csv [rounds]
 * The JS path decodes each chunk (its line searches read the text) and scans it; the WASM path
 * copies it into linear memory and scans the bytes, and needs the same decode for the parsers'
 * texts. "+ Master reads" adds what the Master.csv parser reads of every row (its texts, times and
 * seconds), "six texts decoded each" makes those texts per field instead of decoding the chunk.
 * First checks that both paths give every record the same fields. Needs AssemblyScript (it says how).
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { cleanField, secondsField, timeField } from '../../src/core/formats/asterisk/cdr-row';
import { READ_SLICE_BYTES } from '../../src/core/read/byte-source';
import { DelimitedTokenizer } from '../../src/core/read/delimited-tokenizer';
import type { RecordSink, Row } from '../../src/core/read/row';
import type { WasmRow } from './wasm-row';
import { compileKernel, WasmScanner, type WasmSink } from './wasm-scanner';

const file = process.argv[2];
if (file === undefined) throw new Error('usage: tsx bench/wasm-scan/run.ts <Master.csv> [rounds]');
const rounds = Number(process.argv[3] ?? 5);
const root = path.resolve(import.meta.dirname, '..', '..');
const kernel = new WebAssembly.Module(compileKernel(root));
const bytes = new Uint8Array(readFileSync(file));
const chunks: Uint8Array[] = [];
for (let at = 0; at < bytes.length; at += READ_SLICE_BYTES) chunks.push(bytes.subarray(at, at + READ_SLICE_BYTES));
const utf8 = new TextDecoder('utf-8', { ignoreBOM: true });

/** Keeps what the sinks read alive (and comparable). */
let sum = 0;

/** What the Master.csv parser reads of a row (mapRow and MasterCsvRow's constructor). */
function masterReads(row: Row): void {
  let h = cleanField(row, 14).length + cleanField(row, 1).length + cleanField(row, 2).length + cleanField(row, 6).length + cleanField(row, 8).length + cleanField(row, 16).length;
  for (const i of [9, 10, 11]) {
    const time = timeField(row, i);
    h += typeof time === 'number' ? time : time.length;
  }
  for (const i of [12, 13]) {
    const seconds = secondsField(row, i);
    h += typeof seconds === 'number' ? seconds : seconds.length;
  }
  sum = (sum + h) | 0;
}

const countFields: RecordSink = (row) => {
  sum = (sum + row.count) | 0;
};

function jsPass(sink: RecordSink): number {
  const tokenizer = new DelimitedTokenizer({ delimiter: ',' });
  for (const chunk of chunks) tokenizer.push(chunk, sink);
  tokenizer.end(sink);
  return sum;
}

const scanner = new WasmScanner(kernel, READ_SLICE_BYTES);
function wasmPass(sink: WasmSink | null, decode: boolean): number {
  scanner.reset();
  for (const chunk of chunks) scanner.push(chunk, sink, decode);
  return sum;
}

/** The Master texts decoded one field at a time from the WASM bounds (no chunk decode). */
const TEXT_FIELDS = [1, 2, 6, 8, 14, 16];
function decodeEachText(row: WasmRow): void {
  for (const i of TEXT_FIELDS) sum = (sum + utf8.decode(row.fieldBytes(i)).length) | 0;
}

function decodeOnly(): number {
  for (const chunk of chunks) sum = (sum + utf8.decode(chunk).length) | 0;
  return sum;
}

/** Every record's fields, as text, folded into a number (the same number: the same records). */
function recordsCheck(run: (sink: RecordSink) => void): { records: number; fields: number; hash: number } {
  let records = 0;
  let fields = 0;
  let hash = 0;
  run((row) => {
    records++;
    for (const text of row.fields()) {
      fields++;
      hash = (hash * 31 + text.length) | 0;
      for (let k = 0; k < text.length; k += 7) hash = (hash * 31 + text.charCodeAt(k)) | 0;
    }
  });
  return { records, fields, hash };
}

const js = recordsCheck((sink) => jsPass(sink));
let unread = 0;
const wasm = recordsCheck((sink) => {
  scanner.reset();
  for (const chunk of chunks) scanner.push(chunk, sink, true);
  unread = scanner.unread + (scanner.tail > 0 ? 1 : 0);
});
console.log(`${file}: ${js.records} records, ${js.fields} fields (JS); WASM ${wasm.records} records, ${wasm.fields} fields, ${unread} left to the byte loop`);
if (js.records !== wasm.records || js.fields !== wasm.fields || js.hash !== wasm.hash || unread > 0) throw new Error('the WASM scan does not give the JS records: no measurement');

const cases: Array<[string, () => number]> = [
  ['JS tokenizer (decode + scan)', () => jsPass(countFields)],
  ['WASM copy + scan', () => wasmPass(countFields, false)],
  ['WASM copy + decode + scan', () => wasmPass(countFields, true)],
  ['decode alone', decodeOnly],
  ['JS tokenizer + Master reads', () => jsPass(masterReads)],
  ['WASM + decode + Master reads', () => wasmPass(masterReads, true)],
  ['WASM + six texts decoded each', () => wasmPass(decodeEachText, false)],
];
const cpuMs = new Map<string, number[]>(cases.map(([name]) => [name, []]));
for (let round = 0; round < rounds; round++) {
  for (const [name, run] of round % 2 === 0 ? cases : [...cases].reverse()) {
    const before = process.cpuUsage();
    run();
    const used = process.cpuUsage(before);
    cpuMs.get(name)!.push((used.user + used.system) / 1000);
  }
}
const perMillion = 1e6 / js.records;
console.log(`CPU ms per 1M rows, ${rounds} rounds (median, min; every round):`);
for (const [name, list] of cpuMs) {
  const sorted = [...list].sort((a, b) => a - b);
  const median = sorted[sorted.length >> 1]! * perMillion;
  console.log(`  ${name.padEnd(30)} ${median.toFixed(0).padStart(5)} ${(sorted[0]! * perMillion).toFixed(0).padStart(5)}   ${list.map((ms) => (ms * perMillion).toFixed(0)).join(' ')}`);
}
console.log(`(${sum})`);
