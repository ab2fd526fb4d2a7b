/**
 * A ZIP archive of CDR exports reads as the exports themselves: each file in it is a file of the
 * drop, with the rows, calls and trunks it gives when dropped unzipped (metamorphic: zipped =
 * unzipped), whether stored, deflated, ZIP64 or streamed, in 1-byte slices or in pieces. What cannot
 * be read says so, naming the archive and the entry. Counted by hand: asterisk-cdr-csv/basic.csv
 * has 10 rows, 7 used (3 are not a trunk's: an internal call, a Local/ leg, a call to 999), trunks
 * carrierA, sipus1, carrierB; vicidial-carrier-log/basic.csv 16 rows, all used: 8 calls on prefix 9,
 * 5 on prefix 8, 2 on northtel, 1 on Local/default. A call read twice (the same export zipped and
 * not) counts once, as for any two files of a drop.
 */
import { readFileSync } from 'node:fs';
import { gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { archiveInputs } from './archive-inputs';
import { ingestFiles, type IngestFilesOptions, type IngestInput } from './ingest-files';
import type { FileIngestResult } from './ingest-file';
import { inProcessPool } from './pieces/in-process-pool';
import type { PiecePool } from './pieces/piece-types';
import { buildZip, deflateRaw, type TestZipEntry } from '../read/zip/zip-test-support';

const fixture = (path: string) => new Uint8Array(readFileSync(new URL(`../../../fixtures/${path}`, import.meta.url)));
const ASTERISK = fixture('cdr/asterisk-cdr-csv/basic.csv');
const VICIDIAL = fixture('cdr/vicidial-carrier-log/basic.csv');
const blobOf = (bytes: Uint8Array) => new Blob([bytes as Uint8Array<ArrayBuffer>]);

/** What a drop of these inputs reads, each archive opened into its files (as the worker and the CLI do). */
async function drop(inputs: IngestInput[], options: IngestFilesOptions = {}) {
  const opened: IngestInput[] = [];
  for (const input of inputs) opened.push(...((await archiveInputs(input)) ?? [input]));
  return (await ingestFiles(opened, options)).summary;
}

/** A file's report without what differs between an entry and the same file on disk (its name, size, compression). */
function readAs(f: FileIngestResult) {
  return { format: f.format?.id, rows: f.rows, skipped: f.skipped, trunks: f.trunks, traffic: f.traffic, error: f.error };
}

const rowsOf = (f: FileIngestResult) => [f.rows.read, f.rows.used, f.rows.skipped];

async function unzipped(options: IngestFilesOptions = {}) {
  return drop([{ name: 'asterisk/basic.csv', blob: blobOf(ASTERISK) }, { name: 'vicidial/basic.csv', blob: blobOf(VICIDIAL) }], options);
}

describe('a ZIP archive of two exports reads as the two exports unzipped', () => {
  for (const name of ['cdr-exports.zip', 'cdr-exports-stored.zip', 'cdr-exports-zip64.zip', 'cdr-exports-streamed.zip']) {
    it(`${name} (fixtures/archives)`, async () => {
      const zipped = await drop([{ name, blob: blobOf(fixture(`archives/${name}`)) }]);
      // The macOS resource fork and .DS_Store beside them (cdr-exports.zip) are not files of the drop.
      expect(zipped.files.map((f) => f.fileName)).toEqual([`${name} › asterisk/basic.csv`, `${name} › vicidial/basic.csv`]);
      expect(zipped.files.map(rowsOf)).toEqual([
        [10, 7, 3],
        [16, 16, 0],
      ]);
      expect(zipped.files.map((f) => f.trunks.map((t) => t.name))).toEqual([
        ['carrierA', 'sipus1', 'carrierB'],
        ['prefix 9', 'prefix 8', 'northtel', 'Local/default'],
      ]);
      expect(zipped.files[1]!.trunks.map((t) => t.calls)).toEqual([8, 5, 2, 1]);
      expect(zipped.calls).toBe(23);
      const plain = await unzipped();
      expect(zipped.files.map(readAs)).toEqual(plain.files.map(readAs));
      expect(zipped.trunks).toEqual(plain.trunks);
      expect(zipped.span).toEqual(plain.span);
      expect(zipped.files.map((f) => f.compression)).toEqual(name === 'cdr-exports-stored.zip' ? [null, null] : ['deflate', 'deflate']);
    });
  }

  it('in 1-byte slices, stored and deflated alike', async () => {
    const plain = await unzipped({ sliceBytes: 1 });
    for (const name of ['cdr-exports.zip', 'cdr-exports-stored.zip']) {
      const zipped = await drop([{ name, blob: blobOf(fixture(`archives/${name}`)) }], { sliceBytes: 1 });
      expect(zipped.files.map(readAs)).toEqual(plain.files.map(readAs));
    }
  });

  it('in pieces: a stored entry is cut into ranges of its data, a deflated one is inflated and its pieces sent', async () => {
    const plain = await unzipped();
    for (const name of ['cdr-exports.zip', 'cdr-exports-stored.zip']) {
      const zipped = await drop([{ name, blob: blobOf(fixture(`archives/${name}`)) }], { pool: inProcessPool(), pieceBytes: 333 });
      expect(zipped.files.map((f) => f.pieces > 1)).toEqual([true, true]);
      expect(zipped.files.map(readAs)).toEqual(plain.files.map(readAs));
      expect(zipped.trunks).toEqual(plain.trunks);
    }
  });

  it('a .gz inside the archive, stored or deflated, is gunzipped too', async () => {
    const zipped = await drop([{ name: 'gz.zip', blob: blobOf(await buildZip([{ path: 'stored.csv.gz', data: gzipSync(ASTERISK), method: 0 }, { path: 'deflated.csv.gz', data: gzipSync(VICIDIAL) }])) }]);
    expect(zipped.files.map((f) => [f.fileName, f.compression, ...rowsOf(f), f.error])).toEqual([
      ['gz.zip › stored.csv.gz', 'gzip', 10, 7, 3, null],
      ['gz.zip › deflated.csv.gz', 'gzip', 16, 16, 0, null],
    ]);
  });

  it('the same export as a plain file beside the archive counts its calls once', async () => {
    const summary = await drop([
      { name: 'cdr-exports.zip', blob: blobOf(fixture('archives/cdr-exports.zip')) },
      { name: 'basic.csv', blob: blobOf(ASTERISK) },
    ]);
    // basic.csv's 7 calls are already read from the archive: skipped there as duplicates, with its 3 others.
    expect(summary.files.map(rowsOf)).toEqual([
      [10, 7, 3],
      [16, 16, 0],
      [10, 0, 10],
    ]);
    expect(summary.calls).toBe(23);
  });
});

/** `bytes` with the 'D' of the last row's "DOCUMENTATION" (its AMA flags, which no count reads) made a 'd': one bit flipped. */
function flipped(bytes: Uint8Array): Uint8Array {
  const copy = bytes.slice();
  const at = new TextDecoder().decode(copy).lastIndexOf('"DOCUMENTATION"') + 1;
  expect(String.fromCharCode(copy[at]!)).toBe('D');
  copy[at] = 0x64;
  return copy;
}

/** The one entry `bad` beside a good one (the VICIdial log, which still reads: 16 rows, all used). */
/** As a worker pool takes a piece: its bytes transferred (the sender's buffer detached, as postMessage does), then parsed here. */
function transferringPool(): PiecePool {
  const inner = inProcessPool();
  return { size: 1, parse: (job) => inner.parse(job.source.kind === 'bytes' ? structuredClone(job, { transfer: [job.source.bytes.buffer] }) : job) };
}

async function withBadEntry(bad: TestZipEntry) {
  const summary = await drop([{ name: 'cdr.zip', blob: blobOf(await buildZip([bad, { path: 'good.csv', data: VICIDIAL }])) }]);
  expect(summary.files.map((f) => f.fileName)).toEqual([`cdr.zip › ${bad.path}`, 'cdr.zip › good.csv']);
  const [badFile, good] = summary.files;
  expect([rowsOf(good!), good!.error]).toEqual([[16, 16, 0], null]);
  // Rows read = used + skipped, whatever stopped the read.
  expect(badFile!.rows.read).toBe(badFile!.rows.used + badFile!.rows.skipped);
  return badFile!;
}

describe('an entry that cannot be read (fully) says why, naming the archive and the entry', () => {
  it('encrypted (general purpose flag bit 0), and WinZip AES (method 99)', async () => {
    const encrypted = await withBadEntry({ path: 'secret.csv', data: ASTERISK, flags: 1 });
    expect(encrypted.error).toBe('cdr.zip › secret.csv is encrypted (the archive has a password): unzip it with its password and drop the CSV file.');
    expect(rowsOf(encrypted)).toEqual([0, 0, 0]);
    const aes = await withBadEntry({ path: 'aes.csv', data: ASTERISK, method: 99, flags: 1 });
    expect(aes.error).toMatch(/^cdr\.zip › aes\.csv is encrypted/);
  });

  it('a method other than stored or deflate, named', async () => {
    for (const [method, name] of [
      [12, 'bzip2'],
      [14, 'LZMA'],
      [9, 'Deflate64'],
      [93, 'Zstandard'],
    ] as const) {
      const file = await withBadEntry({ path: 'x.csv', data: ASTERISK, method });
      expect(file.error).toMatch(new RegExp(`^cdr\\.zip › x\\.csv is compressed with ${name} \\(ZIP method ${method}\\), which cannot be read here: only stored and deflated entries`));
    }
    expect((await withBadEntry({ path: 'x.csv', data: ASTERISK, method: 77 })).error).toMatch(/is compressed with ZIP method 77, which cannot be read here/);
  });

  it('a CRC-32 that does not match: every row is read, and the file says the archive is damaged', async () => {
    const file = await withBadEntry({ path: 'crc.csv', data: ASTERISK, crc32: 0x12345678 });
    expect(rowsOf(file)).toEqual([10, 7, 3]);
    expect(file.error).toBe(
      'cdr.zip › crc.csv: its data does not match the CRC-32 checksum its archive gives: the archive is damaged, so the rows read from it may be wrong (the rows up to line 10 were read).',
    );
  });

  it('a stored entry with one byte flipped (its CRC-32 the original bytes\'): every row is read, and the file says the archive is damaged, as a deflated one does', async () => {
    const file = await withBadEntry({ path: 'flip.csv', data: ASTERISK, method: 0, written: flipped(ASTERISK) });
    expect(file.compression).toBeNull();
    expect(rowsOf(file)).toEqual([10, 7, 3]);
    expect(file.error).toBe(
      'cdr.zip › flip.csv: its data does not match the CRC-32 checksum its archive gives: the archive is damaged, so the rows read from it may be wrong (the rows up to line 10 were read).',
    );
  });

  it('a stored entry with one byte flipped, read in pieces (byte ranges no one reader sees in order): the same', async () => {
    // basic.csv 30 times (70,620 bytes, more than the 64 KiB read to sniff it): 300 rows; the first
    // copy's 7 calls used, its 3 others and every row of the 29 copies after it skipped (7 duplicates, 3 not a trunk's).
    const copies = new Uint8Array(ASTERISK.length * 30);
    for (let k = 0; k < 30; k++) copies.set(ASTERISK, k * ASTERISK.length);
    for (const [written, error] of [
      [copies, null],
      [flipped(copies), 'cdr.zip › flip.csv: its data does not match the CRC-32 checksum its archive gives: the archive is damaged, so the rows read from it may be wrong (the rows up to line 300 were read).'],
    ] as const) {
      const summary = await drop([{ name: 'cdr.zip', blob: blobOf(await buildZip([{ path: 'flip.csv', data: copies, method: 0, written }])) }], { pool: inProcessPool(), pieceBytes: 8192 });
      const [file] = summary.files;
      expect(file!.pieces).toBeGreaterThan(1);
      expect([rowsOf(file!), file!.error]).toEqual([[300, 7, 293], error]);
    }
  });

  it('more bytes than the archive declares (a zip bomb lies about its size): the read stops at the declared size', async () => {
    // The first 1,000 bytes of basic.csv hold 4 whole lines and the start of a fifth.
    const lineEnds = [...ASTERISK.subarray(0, 1000)].filter((b) => b === 0x0a).length;
    expect(lineEnds).toBe(4);
    const file = await withBadEntry({ path: 'bomb.csv', data: ASTERISK, uncompressedSize: 1000 });
    // The 4 whole lines are calls; the cut fifth is read and skipped as a truncated row, as a .gz damaged in its first bytes is.
    expect(rowsOf(file)).toEqual([5, 4, 1]);
    expect(file.skipped.map((g) => [g.reason, g.firstLines])).toEqual([['too few columns (5 of at least 16): truncated row?', [5]]]);
    expect(file.error).toBe('cdr.zip › bomb.csv: it holds more than the 1,000 bytes its archive declares (a damaged entry, or one built to fill memory), so reading stopped there (the rows up to line 5 were read).');
  });

  it('a deflated entry declaring 4 GB that holds a few KB, read with a pool: its rows, and the truncation said (a reviewer: 0 rows and a detached-buffer error)', async () => {
    const zip = await buildZip([{ path: 'lie.csv', data: VICIDIAL, method: 8, uncompressedSize: 0xfffffffe }]);
    const summary = await drop([{ name: 'cdr.zip', blob: blobOf(zip) }], { pool: transferringPool() });
    const [file] = summary.files;
    expect(rowsOf(file!)).toEqual([16, 16, 0]);
    expect(file!.error).toMatch(/^cdr\.zip › lie\.csv: its data ends after [\d,]+ of the 4,294,967,294 bytes its archive declares: the archive is truncated or damaged/);
  });

  it('fewer bytes than declared, and deflate data cut short: truncated', async () => {
    const short = await withBadEntry({ path: 'short.csv', data: ASTERISK, uncompressedSize: 3000 });
    expect(short.error).toMatch(/^cdr\.zip › short\.csv: its data ends after 2,354 of the 3,000 bytes its archive declares: the archive is truncated or damaged/);
    expect(rowsOf(short)).toEqual([10, 7, 3]);
    const deflated = await deflateRaw(ASTERISK);
    const cut = await withBadEntry({ path: 'cut.csv', data: ASTERISK, written: deflated.subarray(0, deflated.length >> 1) });
    expect(cut.error).toMatch(/^cdr\.zip › cut\.csv: .*truncated or damaged/);
    expect(cut.rows.read).toBeLessThan(10);
  });

  it('stored data that runs past its place in the archive', async () => {
    const file = await withBadEntry({ path: 'long.csv', data: ASTERISK, method: 0, uncompressedSize: 3000, written: ASTERISK });
    // A stored entry's two sizes differ here: one of them is wrong.
    expect(file.error).toMatch(/^cdr\.zip › long\.csv is damaged: stored \(not compressed\), yet the archive gives it two different sizes/);
  });

  it('an archive inside the archive is not opened', async () => {
    const inner = await buildZip([{ path: 'a.csv', data: ASTERISK }]);
    const file = await withBadEntry({ path: 'inner.zip', data: inner, method: 0 });
    expect(file.error).toBe('cdr.zip › inner.zip is a ZIP archive: unzip it and drop the CSV files.');
  });
});

describe('an archive that cannot be opened is one file of the drop, saying why', () => {
  it('damaged (cut short), an .xlsx without its parts list, an archive with no files', async () => {
    const whole = fixture('archives/cdr-exports.zip');
    const xlsx = await buildZip([
      { path: '[Content_Types].xml', data: '<Types/>' },
      { path: 'xl/workbook.xml', data: '<workbook/>' },
    ]);
    const summary = await drop([
      { name: 'cut.zip', blob: blobOf(whole.subarray(0, 1500)) },
      { name: 'Book1.xlsx', blob: blobOf(xlsx) },
      { name: 'empty.zip', blob: blobOf(await buildZip([])) },
    ]);
    expect(summary.files.map((f) => [f.fileName, f.error, ...rowsOf(f)])).toEqual([
      ['cut.zip', 'cut.zip is a damaged ZIP archive: its end-of-archive record is missing, so the file was probably cut short. Download it again, or open it with an archive tool and drop the CSV files inside.', 0, 0, 0],
      [
        'Book1.xlsx',
        'Book1.xlsx is an Excel workbook without the list of its parts (xl/_rels/workbook.xml.rels), so its sheets cannot be found: it is damaged. Open it in Excel and save it again, or save the sheet as CSV.',
        0,
        0,
        0,
      ],
      ['empty.zip', 'empty.zip is an empty ZIP archive: it holds no files.', 0, 0, 0],
    ]);
  });
});

describe('entry names', () => {
  it('are the archive name, " › " and the path as the archive gives it, a path over 200 characters clipped in the middle', async () => {
    const long = `${'a'.repeat(150)}/${'b'.repeat(150)}.csv`;
    const inputs = await archiveInputs({ name: 'x.zip', blob: blobOf(await buildZip([{ path: 'ok\u001b[31m\u202e.csv', data: 'x' }, { path: long, data: 'x' }])) });
    const names = inputs!.map((i) => i.name);
    expect(names[0]).toBe('x.zip › ok\u001b[31m\u202e.csv'); // untrusted: escaped where shown (the CLI), as any file name
    expect(names[1]).toBe(`x.zip › ${'a'.repeat(99)}…${'b'.repeat(96)}.csv`);
  });
});
