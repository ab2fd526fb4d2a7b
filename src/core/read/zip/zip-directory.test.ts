/**
 * The central directory of archives real archivers wrote (fixtures/archives: Info-ZIP's deflate,
 * stored and ZIP64, CPython's streamed one with data descriptors), and of archives built wrong on
 * purpose (zip-test-support.ts): each refusal names what is wrong.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { MAX_ARCHIVE_FILES, readZipContents, readZipDirectory, type ZipEntry } from './zip-directory';
import { buildZip } from './zip-test-support';

const archive = (name: string) => new Uint8Array(readFileSync(new URL(`../../../../fixtures/archives/${name}`, import.meta.url)));
const blobOf = (bytes: Uint8Array) => new Blob([bytes as Uint8Array<ArrayBuffer>]);
const brief = (e: ZipEntry) => [e.path, e.method, e.compressedSize, e.uncompressedSize, e.crc32.toString(16)];

async function problemOf(bytes: Uint8Array): Promise<string> {
  const contents = await readZipContents(blobOf(bytes));
  if (!('problem' in contents)) throw new Error(`no problem: ${('files' in contents ? contents.files : contents.workbook).map((f) => f.path).join(', ')}`);
  return contents.problem;
}

describe('readZipDirectory on archives real archivers wrote', () => {
  // unzip -lv lists these sizes and CRCs (fixtures/archives/README.md).
  const asteriskDeflated = ['asterisk/basic.csv', 8, 571, 2354, 'ac8ddce8'];
  const vicidialDeflated = ['vicidial/basic.csv', 8, 788, 2642, 'c3f9725e'];

  it('Info-ZIP deflate: every entry, folders and macOS files too; the files to read are the two exports', async () => {
    const blob = blobOf(archive('cdr-exports.zip'));
    const directory = await readZipDirectory(blob);
    if (!('entries' in directory)) throw new Error(directory.problem);
    expect(directory.entries.map((e) => e.path)).toEqual(['asterisk/', 'asterisk/basic.csv', 'vicidial/', 'vicidial/basic.csv', '__MACOSX/', '__MACOSX/asterisk/', '__MACOSX/asterisk/._basic.csv', '.DS_Store']);
    const contents = await readZipContents(blob);
    if (!('files' in contents)) throw new Error('problem' in contents ? contents.problem : 'a workbook');
    expect(contents.files.map(brief)).toEqual([asteriskDeflated, vicidialDeflated]);
    // Each file's bytes end where the next entry (the folder vicidial/) starts.
    const [asterisk] = contents.files;
    expect(asterisk!.regionEnd).toBe(directory.entries[2]!.localHeaderOffset);
  });

  it('stored, ZIP64 and streamed (data descriptors) give the same two files', async () => {
    const files = async (name: string) => {
      const contents = await readZipContents(blobOf(archive(name)));
      if (!('files' in contents)) throw new Error('problem' in contents ? contents.problem : 'a workbook');
      return contents.files.map(brief);
    };
    expect(await files('cdr-exports-stored.zip')).toEqual([
      ['asterisk/basic.csv', 0, 2354, 2354, 'ac8ddce8'],
      ['vicidial/basic.csv', 0, 2642, 2642, 'c3f9725e'],
    ]);
    expect(await files('cdr-exports-zip64.zip')).toEqual([asteriskDeflated, vicidialDeflated]);
    expect(await files('cdr-exports-streamed.zip')).toEqual([asteriskDeflated, vicidialDeflated]);
  });

  it('the ZIP64 fixture is read from its ZIP64 records: its plain end record has no directory offset, and without the locator it is refused', async () => {
    const bytes = archive('cdr-exports-zip64.zip');
    const end = new DataView(bytes.buffer, bytes.length - 22);
    expect(end.getUint32(16, true)).toBe(0xffffffff);
    const noLocator = bytes.slice();
    noLocator[bytes.length - 22 - 20] = 0; // the locator's signature
    expect(await problemOf(noLocator)).toMatch(/^is a damaged ZIP archive: it says its sizes are in ZIP64 records, and it has none\./);
  });

  it('a ZIP64 size of 2^63 is named as past what any file holds, not as a field too short', async () => {
    const bytes = archive('cdr-exports-zip64.zip').slice();
    const view = new DataView(bytes.buffer);
    // The first directory record's ZIP64 extra field (id 1): its first value's high word set to 2^31.
    let record = 0;
    while (view.getUint32(record, true) !== 0x02014b50) record++;
    let extra = record + 46 + view.getUint16(record + 28, true);
    while (view.getUint16(extra, true) !== 1) extra += 4 + view.getUint16(extra + 2, true);
    view.setUint32(extra + 4 + 4, 0x80000000, true);
    expect(await problemOf(bytes)).toMatch(/^is a damaged ZIP archive: entry 1's ZIP64 field gives a size or place past what any file holds\./);
  });
});

describe('readZipContents refuses, saying why', () => {
  it('a cut-off archive: no end record', async () => {
    const bytes = archive('cdr-exports.zip');
    expect(await problemOf(bytes.slice(0, 1000))).toBe(
      'is a damaged ZIP archive: its end-of-archive record is missing, so the file was probably cut short. Download it again, or open it with an archive tool and drop the CSV files inside',
    );
    expect(await problemOf(bytes.slice(0, bytes.length - 1))).toMatch(/its end-of-archive record is missing/);
  });

  it('a directory whose first header is damaged', async () => {
    const bytes = archive('cdr-exports.zip');
    const end = new DataView(bytes.buffer, bytes.length - 22);
    const broken = bytes.slice();
    broken[end.getUint32(16, true)] = 0x51; // 'Q' for the 'P' of PK\1\2
    expect(await problemOf(broken)).toMatch(/^is a damaged ZIP archive: its directory is damaged at entry 1\./);
  });

  it('one part of a split archive', async () => {
    const bytes = await buildZip([{ path: 'a.csv', data: 'x' }]);
    new DataView(bytes.buffer, bytes.length - 22).setUint16(4, 2, true); // this disk: 2
    expect(await problemOf(bytes)).toMatch(/^is one part of a ZIP archive split across several files/);
  });

  it('an .xlsx workbook: all its entries, as the parts of one file', async () => {
    const bytes = await buildZip([
      { path: '[Content_Types].xml', data: '<Types/>' },
      { path: 'xl/workbook.xml', data: '<workbook/>' },
      { path: 'xl/worksheets/sheet1.xml', data: '<worksheet/>' },
    ]);
    const contents = await readZipContents(new Blob([bytes]));
    expect('workbook' in contents && contents.workbook.map((e) => e.path)).toEqual(['[Content_Types].xml', 'xl/workbook.xml', 'xl/worksheets/sheet1.xml']);
  });

  it('an .xlsb (binary) workbook', async () => {
    const bytes = await buildZip([
      { path: '[Content_Types].xml', data: '<Types/>' },
      { path: 'xl/workbook.bin', data: 'binary' },
    ]);
    expect(await problemOf(bytes)).toBe('is an Excel binary workbook (.xlsb), which is not read: open it in Excel and save it as an Excel Workbook (.xlsx) or as CSV, and drop that');
  });

  it('no files: an empty archive; one of folders and hidden files only', async () => {
    expect(await problemOf(await buildZip([]))).toBe('is an empty ZIP archive: it holds no files');
    const hidden = await buildZip([
      { path: 'exports/', data: '' },
      { path: '__MACOSX/exports/._basic.csv', data: 'x' },
      { path: 'exports/.DS_Store', data: 'x' },
    ]);
    expect(await problemOf(hidden)).toBe("is a ZIP archive with no files to read: its 3 entries are folders or hidden files (macOS's __MACOSX, .DS_Store)");
  });

  it('a file in a folder whose name starts with a dot is read (a reviewer: .exports/2024-05/Master.csv was dropped without a word)', async () => {
    const contents = await readZipContents(blobOf(await buildZip([{ path: '.exports/2024-05/Master.csv', data: 'x' }, { path: 'vici.csv', data: 'x' }, { path: '.exports/.DS_Store', data: 'x' }])));
    expect('files' in contents && contents.files.map((f) => f.path)).toEqual(['.exports/2024-05/Master.csv', 'vici.csv']);
  });

  it(`more than ${MAX_ARCHIVE_FILES} files (1,000 are read)`, async () => {
    const entries = (n: number) => Array.from({ length: n }, (_, i) => ({ path: `day-${i}.csv`, data: 'x', method: 0 }));
    expect(await problemOf(await buildZip(entries(1001)))).toMatch(/^is a ZIP archive of 1,001 files: at most 1,000 are read from one archive\./);
    const ok = await readZipContents(blobOf(await buildZip(entries(1000))));
    expect('files' in ok && ok.files.length).toBe(1000);
  });

  it('two entries pointing at the same data (a "zip bomb" that reuses one entry)', async () => {
    const bytes = await buildZip([
      { path: 'a.csv', data: 'x' },
      { path: 'b.csv', data: 'y', sharesDataOf: 0 },
    ]);
    expect(await problemOf(bytes)).toMatch(/^is a damaged ZIP archive: two of its entries point at the same data\./);
  });
});

describe('readZipDirectory: names and where the end record is', () => {
  it('a name without the UTF-8 flag in code page 437 (0x82 is é), unless it is valid UTF-8; with the flag, UTF-8', async () => {
    const bytes = await buildZip([
      { path: '', nameBytes: new Uint8Array([0x63, 0x61, 0x66, 0x82, 0x2e, 0x63, 0x73, 0x76]), data: 'x' },
      { path: 'café-utf8.csv', data: 'x' },
      { path: 'café-flag.csv', data: 'x', flags: 1 << 11 },
    ]);
    const directory = await readZipDirectory(blobOf(bytes));
    expect('entries' in directory && directory.entries.map((e) => e.path)).toEqual(['café.csv', 'café-utf8.csv', 'café-flag.csv']);
  });

  it('finds the end record before an archive comment, and before bytes appended after the archive', async () => {
    const commented = await buildZip([{ path: 'a.csv', data: 'x' }], { comment: 'exported by the PBX PK\u0005\u0006' });
    const withComment = await readZipDirectory(blobOf(commented));
    expect('entries' in withComment && withComment.entries.map((e) => e.path)).toEqual(['a.csv']);
    const appended = new Uint8Array([...(await buildZip([{ path: 'b.csv', data: 'x' }])), 0, 0, 0]);
    const withTail = await readZipDirectory(blobOf(appended));
    expect('entries' in withTail && withTail.entries.map((e) => e.path)).toEqual(['b.csv']);
  });
});
