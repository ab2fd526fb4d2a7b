/**
 * A ZIP archive in the session is its files: each read as a file of the drop (what the same files
 * dropped unzipped give), each with an id of its own, and each can be taken out alone. Inline
 * VICIdial carrier logs, every count checkable against the rows: A has 3 calls (carrier-a: a 503 and
 * an answer; carrier-b: a 603), B has A's 503 again and one more 503 on carrier-a.
 */
import { describe, expect, it } from 'vitest';
import { ingestFiles } from '../core/ingest/ingest-files';
import { buildXlsx, escapeXml, worksheet } from '../core/read/xlsx/xlsx-test-support';
import { buildZip } from '../core/read/zip/zip-test-support';
import { IngestSession, type SessionInput } from './ingest-session';
import { A_ROWS, B_ROWS, csv, HEADER } from './session-test-rows';

const A_TEXT = csv(...A_ROWS);
const B_TEXT = csv(...B_ROWS);

const attempts = (s: { trunks: Array<{ name: string; attempts: number }> }) => Object.fromEntries(s.trunks.map((t) => [t.name, t.attempts]));
const rows = (s: { files: Array<{ fileName: string; rows: { read: number; used: number; skipped: number } }> }) => s.files.map((f) => `${f.fileName}: ${f.rows.read} = ${f.rows.used} + ${f.rows.skipped}`);

async function archive(id: string, name: string, leaveOut?: string[]): Promise<SessionInput> {
  const bytes = await buildZip([{ path: 'exports/', data: '' }, { path: 'exports/a.csv', data: A_TEXT }, { path: 'exports/b.csv', data: B_TEXT, method: 0 }]);
  return { id, name, blob: new Blob([bytes]), leaveOut };
}

describe('a ZIP archive in the session', () => {
  it('is its two files, ids "z/1" and "z/2" (their places in the archive; 0 is the folder), read as the two files dropped unzipped', async () => {
    const session = new IngestSession();
    const summary = await session.apply(1, [await archive('z', 'calls.zip')], {});
    expect(summary.files.map((f) => [f.fileId, f.droppedId])).toEqual([
      ['z/1', 'z'],
      ['z/2', 'z'],
    ]);
    expect(rows(summary)).toEqual(['calls.zip › exports/a.csv: 3 = 3 + 0', 'calls.zip › exports/b.csv: 2 = 1 + 1']);
    expect(summary.calls).toBe(4);
    expect(attempts(summary)).toEqual({ 'carrier-a': 3, 'carrier-b': 1 });
    const unzipped = await ingestFiles([
      { name: 'a.csv', blob: new Blob([A_TEXT]) },
      { name: 'b.csv', blob: new Blob([B_TEXT]) },
    ]);
    expect(summary.trunks).toEqual(unzipped.summary.trunks);
    // Each file's calls alone: B's own is call 1.04.
    expect(session.current?.calls.rowsOfFile(session.fileIndexOf('z/1')!).length).toBe(3);
    expect(session.current?.calls.rowsOfFile(session.fileIndexOf('z/2')!).length).toBe(1);
  });

  it('one of its files left out: the other is read as if dropped alone (B: 2 calls, both its own now)', async () => {
    const session = new IngestSession();
    await session.apply(1, [await archive('z', 'calls.zip')], {});
    const rest = await session.apply(2, [await archive('z', 'calls.zip', ['z/1'])], {});
    expect(rows(rest)).toEqual(['calls.zip › exports/b.csv: 2 = 2 + 0']);
    expect(attempts(rest)).toEqual({ 'carrier-a': 2 });
    expect(session.fileIndexOf('z/1')).toBeNull();
  });

  it('added beside a file held, its files are read into the held calls (A is held: the archive’s a.csv counts none again)', async () => {
    const session = new IngestSession();
    await session.apply(1, [{ id: 'a', name: 'a.csv', blob: new Blob([A_TEXT]) }], {});
    const both = await session.apply(2, [{ id: 'a', name: 'a.csv', blob: new Blob([A_TEXT]) }, await archive('z', 'calls.zip')], {});
    expect(both.files.map((f) => f.fileId)).toEqual(['a', 'z/1', 'z/2']);
    expect(rows(both)).toEqual(['a.csv: 3 = 3 + 0', 'calls.zip › exports/a.csv: 3 = 0 + 3', 'calls.zip › exports/b.csv: 2 = 1 + 1']);
    expect(both.calls).toBe(4);
  });

  it('an archive that cannot be opened is one file of the session, under its own id, saying why', async () => {
    const session = new IngestSession();
    const summary = await session.apply(1, [{ id: 'x', name: 'empty.zip', blob: new Blob([await buildZip([])]) }], {});
    expect(summary.files.map((f) => [f.fileId, f.droppedId, f.error])).toEqual([['x', 'x', 'empty.zip is an empty ZIP archive: it holds no files.']]);
  });
});

describe('an Excel workbook in the session', () => {
  /** A's export as a sheet: every field a string but SIP CODE (J) and PHONE NUMBER (L), numbers. */
  function sheetOfA(): string {
    const rowsXml = [HEADER, ...A_ROWS].map((line, k) => {
      const r = k + 1;
      const cells = line
        .slice(1, -1)
        .split('","')
        .map((field, c) => {
          const ref = `${String.fromCharCode(65 + c)}${r}`;
          return r > 1 && (c === 9 || c === 11) ? `<c r="${ref}"><v>${field}</v></c>` : `<c r="${ref}" t="inlineStr"><is><t>${escapeXml(field)}</t></is></c>`;
        });
      return `<row r="${r}">${cells.join('')}</row>`;
    });
    return worksheet(rowsXml.join(''));
  }

  it('is one file (not an archive of its parts), read as the CSV its sheet gives: A’s 3 calls, the sheet named', async () => {
    const session = new IngestSession();
    const book = await buildXlsx({ sheets: [{ name: 'Export', xml: sheetOfA() }, { name: 'Totals', xml: worksheet('') }] });
    const summary = await session.apply(1, [{ id: 'x', name: 'calls.xlsx', blob: new Blob([book]) }], {});
    expect(summary.files.map((f) => [f.fileId, f.droppedId, f.error, f.sheet])).toEqual([['x', 'x', null, { name: 'Export', otherSheets: 1 }]]);
    expect(rows(summary)).toEqual(['calls.xlsx: 3 = 3 + 0']);
    expect(attempts(summary)).toEqual({ 'carrier-a': 2, 'carrier-b': 1 });
    const plain = await ingestFiles([{ name: 'a.csv', blob: new Blob([A_TEXT]) }]);
    expect(summary.trunks).toEqual(plain.summary.trunks);
  });
});
