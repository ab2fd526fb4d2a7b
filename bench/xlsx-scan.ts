/**
 * The worksheet XML reader, hand-written scanner (src/core/read/xlsx/xml-scanner.ts) against the
 * same extraction on `saxes` (the library the project would otherwise use): a Master.csv-like
 * sheet of 100,000 rows × 18 columns (times as date serials in a date style, numbers, inline and
 * shared strings, a few entities), fed in 1 MiB chunks as the ZIP reader gives them, to CSV text.
 * Each run is a fresh child process, one at a time, the variants taking turns; reported: the
 * median (min–max) of MB/s of sheet XML and of the child's peak RSS. Nothing here is asserted.
 *
 *   npx tsx bench/xlsx-scan.ts [--runs 5] [--rows 100000]
 */
import { spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { closeSync, mkdirSync, openSync, readFileSync, readSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { SheetCsv } from '../src/core/read/xlsx/sheet-csv';
import { SaxesSheet } from '../src/core/read/xlsx/sheet-oracle-test-support';
import { SheetRows, type SheetStyles } from '../src/core/read/xlsx/sheet-rows';
import { XmlScanner } from '../src/core/read/xlsx/xml-scanner';
import { fmtStat, stat } from './lib/stats';

const ROOT = path.resolve(import.meta.dirname, '..');
const WORK_DIR = path.join(ROOT, 'bench-results', 'xlsx-scan');
const SELF = import.meta.filename;
const CHUNK_BYTES = 1 << 20;

/** Style 1 is built-in format 22 (m/d/yyyy h:mm), as Excel styles a time it read from a CSV. */
const STYLES: SheetStyles = { dateKinds: [null, 'datetime'], date1904: false };

/** `…-cells`: the XML read to its cells only, no CSV made (what the two readers alone cost). */
const VARIANTS = ['scanner', 'saxes', 'scanner-cells', 'saxes-cells'] as const;
type Variant = (typeof VARIANTS)[number];

interface ChildResult {
  seconds: number;
  csvChars: number;
  csvSha: string;
  maxRssMB: number;
}

// ---- the input -------------------------------------------------------------------------------

/** Texts Excel would keep once in the shared strings (Master.csv's repeated columns). */
const SHARED = ['from-internal', '"Desk" <1500>', '"Lab" <1501>', 'Dial', 'ANSWERED', 'NO ANSWER', 'BUSY', 'FAILED', 'DOCUMENTATION', 'carrierA', 'carrierB'];
const COLUMNS = 'ABCDEFGHIJKLMNOPQR';
const EPOCH_MS = Date.UTC(1899, 11, 30);

/** A small deterministic generator (mulberry32): the same sheet every time. */
function random(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** One sheet row's cells (18 columns: Master.csv's 17 and a userfield), as Excel writes them; its new shared strings added to `strings`. */
function rowXml(r: number, next: () => number, strings: string[]): string {
  const startMs = Date.UTC(2015, 2, 24) + r * 1370 + Math.floor(next() * 1000);
  const answered = next() < 0.4;
  const billsec = answered ? Math.floor(next() * 300) : 0;
  const duration = billsec + Math.floor(next() * 30);
  const serial = (ms: number) => String((ms - EPOCH_MS) / 86_400_000);
  const trunk = next() < 0.5 ? 'carrierA' : 'carrierB';
  const dst = 15550000000 + Math.floor(next() * 9_999_999);
  const cells: Array<[number, string] | null> = [
    next() < 0.1 ? [0, `<is><t>acct${r % 7}</t></is>`] : null,
    [1, `<v>${1500 + (r % 40)}</v>`],
    [2, `<v>${dst}</v>`],
    [3, `<v>${SHARED.indexOf('from-internal')}</v>`],
    [4, `<v>${1 + (r % 2)}</v>`],
    // Channels: each call its own, kept once each in the shared strings (as Excel keeps every text).
    [5, `<v>${strings.push(`SIP/${1500 + (r % 40)}-${r.toString(16).padStart(8, '0')}`) - 1}</v>`],
    [6, `<v>${strings.push(`SIP/${trunk}-${(r + 1).toString(16).padStart(8, '0')}`) - 1}</v>`],
    [7, `<v>${SHARED.indexOf('Dial')}</v>`],
    [8, `<is><t>SIP/${trunk}/${dst},60</t></is>`],
    [9, `<v>${serial(startMs)}</v>`],
    answered ? [10, `<v>${serial(startMs + 4000)}</v>`] : null,
    [11, `<v>${serial(startMs + duration * 1000)}</v>`],
    [12, `<v>${duration}</v>`],
    [13, `<v>${billsec}</v>`],
    [14, `<v>${answered ? 4 : 5 + (r % 3)}</v>`],
    [15, `<v>${SHARED.indexOf('DOCUMENTATION')}</v>`],
    [16, `<v>${Math.floor(startMs / 1000)}.${r % 1000}</v>`],
    next() < 0.05 ? [17, `<is><t>Tom &amp; Jerry &#x41;&#65; &lt;q&gt;</t></is>`] : null,
  ];
  const types: Record<number, string> = { 0: ' t="inlineStr"', 3: ' t="s"', 4: ' t="s"', 5: ' t="s"', 6: ' t="s"', 7: ' t="s"', 8: ' t="inlineStr"', 9: ' s="1"', 10: ' s="1"', 11: ' s="1"', 14: ' t="s"', 15: ' t="s"', 17: ' t="inlineStr"' };
  let xml = `<row r="${r}" spans="1:18">`;
  for (const cell of cells) if (cell) xml += `<c r="${COLUMNS[cell[0]]}${r}"${types[cell[0]] ?? ''}>${cell[1]}</c>`;
  return `${xml}</row>`;
}

/** The sheet's XML and its shared strings (JSON), written to disk (the children read the XML in chunks). */
function writeSheet(rows: number): string {
  mkdirSync(WORK_DIR, { recursive: true });
  const file = path.join(WORK_DIR, `sheet-${rows}.xml`);
  const next = random(29);
  const strings = [...SHARED];
  const parts = [
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">',
    `<dimension ref="A1:R${rows}"/><sheetViews><sheetView workbookViewId="0"/></sheetViews><sheetData>`,
  ];
  for (let r = 1; r <= rows; r++) parts.push(rowXml(r, next, strings));
  parts.push('</sheetData><pageMargins left="0.7" right="0.7" top="0.75" bottom="0.75" header="0.3" footer="0.3"/></worksheet>');
  writeFileSync(file, parts.join(''));
  writeFileSync(stringsFile(file), JSON.stringify(strings));
  return file;
}

const stringsFile = (sheetFile: string) => sheetFile.replace(/\.xml$/, '-strings.json');

// ---- one run, in a child ----------------------------------------------------------------------

/** The file's bytes in fresh 1 MiB chunks, as the inflater hands them over. */
function* chunks(file: string): Generator<Uint8Array> {
  const fd = openSync(file, 'r');
  try {
    for (;;) {
      const chunk = new Uint8Array(CHUNK_BYTES);
      const n = readSync(fd, chunk, 0, CHUNK_BYTES, null);
      if (n === 0) return;
      yield n === CHUNK_BYTES ? chunk : chunk.subarray(0, n);
    }
  } finally {
    closeSync(fd);
  }
}

/** Cells counted and their values' characters summed (the run's "text", once, at the end): no CSV made. */
class CountedCells extends SheetRows {
  chars = 0;
  override usedRange(): void {}
  override startRow(): void {}
  override startCell(): void {}
  override endRow(): void {}
  override endCell(type: string, style: number, value: string | null): void {
    this.chars += type.length + style + (value === null ? 0 : value.length + 1);
  }
  override take(): string {
    return '';
  }
}

/** The production path: XmlScanner → SheetCsv, taking the text each time the sheet pauses. */
function scannerCsv(file: string, rows: SheetRows, onText: (text: string) => void): void {
  const sheet = new SheetCsv(rows);
  const scanner = new XmlScanner(sheet);
  for (const chunk of chunks(file)) {
    for (let paused = scanner.push(chunk); ; paused = scanner.resume()) {
      onText(sheet.rows.take());
      if (!paused) break;
    }
  }
  scanner.end();
  onText(sheet.rows.take());
}

/** The same reading on saxes: text decoded chunk by chunk, then parsed (saxes takes strings); taken after each chunk. */
function saxesCsv(file: string, rows: SheetRows, onText: (text: string) => void): void {
  const sheet = new SaxesSheet(rows);
  for (const chunk of chunks(file)) {
    sheet.push(chunk);
    onText(sheet.rows.take());
  }
  sheet.end();
  onText(sheet.rows.take());
}

function child(variant: Variant, file: string): ChildResult {
  const hash = createHash('sha256');
  let csvChars = 0;
  const onText = (text: string) => {
    csvChars += text.length;
    hash.update(text);
  };
  const strings = JSON.parse(readFileSync(stringsFile(file), 'utf8')) as string[];
  const started = performance.now();
  const rows = variant.endsWith('-cells') ? new CountedCells(STYLES, strings) : new SheetRows(STYLES, strings);
  (variant.startsWith('scanner') ? scannerCsv : saxesCsv)(file, rows, onText);
  if (rows instanceof CountedCells) onText(String(rows.chars));
  const seconds = (performance.now() - started) / 1000;
  return { seconds, csvChars, csvSha: hash.digest('hex').slice(0, 16), maxRssMB: process.resourceUsage().maxRSS / 1024 };
}

function runChild(variant: Variant, file: string): Promise<ChildResult> {
  return new Promise((resolve, reject) => {
    const proc = spawn(process.execPath, ['--import', 'tsx', SELF, '--child', variant, file], { stdio: ['ignore', 'pipe', 'inherit'] });
    let out = '';
    proc.stdout.on('data', (d: Buffer) => (out += d.toString()));
    proc.on('error', reject);
    proc.on('close', (code) => (code === 0 ? resolve(JSON.parse(out) as ChildResult) : reject(new Error(`${variant} child exited ${code}`))));
  });
}

async function main(): Promise<void> {
  const { values } = parseArgs({ options: { runs: { type: 'string', default: '5' }, rows: { type: 'string', default: '100000' }, child: { type: 'string' } }, allowPositionals: true });
  if (values.child) {
    const file = process.argv[process.argv.length - 1]!;
    process.stdout.write(JSON.stringify(child(values.child as Variant, file)));
    return;
  }
  const runs = Number(values.runs);
  const file = writeSheet(Number(values.rows));
  const xmlBytes = readFileSync(file).length;
  console.log(`sheet XML: ${(xmlBytes / 1e6).toFixed(1)} MB, ${values.rows} rows × 18 columns, ${CHUNK_BYTES} B chunks, ${runs} runs each (Node ${process.version})`);
  const results = new Map<Variant, ChildResult[]>(VARIANTS.map((v) => [v, []]));
  for (let run = 0; run < runs; run++) {
    for (const variant of VARIANTS) results.get(variant)!.push(await runChild(variant, file));
  }
  const shas = new Set(VARIANTS.filter((v) => !v.endsWith('-cells')).flatMap((v) => results.get(v)!.map((r) => r.csvSha)));
  const cellShas = new Set(VARIANTS.filter((v) => v.endsWith('-cells')).flatMap((v) => results.get(v)!.map((r) => r.csvSha)));
  for (const [variant, rs] of results) {
    const mbs = stat(rs.map((r) => xmlBytes / 1e6 / r.seconds));
    const rss = stat(rs.map((r) => r.maxRssMB));
    console.log(`${variant.padEnd(14)} ${fmtStat(mbs, 1, ' MB/s')}   peak RSS ${fmtStat(rss, 0, ' MB')}   out ${(rs[0]!.csvChars / 1e6).toFixed(1)} M chars`);
  }
  console.log(shas.size === 1 ? `CSV text: the same from every run and variant (sha256 ${[...shas][0]}…)` : `CSV text DIFFERS between runs or variants: ${[...shas].join(' ')}`);
  console.log(cellShas.size === 1 ? 'cells counted: the same from both readers' : 'cells counted DIFFER between the readers');
}

await main();
