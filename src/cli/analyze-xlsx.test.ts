/**
 * The CLI over an Excel workbook: read as the CSV its first sheet gives, so its report is the
 * report of that CSV; the text and the JSON say which sheet was read.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { buildXlsx, styles, worksheet } from '../core/read/xlsx/xlsx-test-support';
import type { JsonReport } from './analyze';
import { runCli } from './run-captured';

const dir = mkdtempSync(join(tmpdir(), 'trunk-triage-cli-xlsx-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** Four calls: carr1 two 503s and a 200, carr2 a 603; the destination a number, the start a date-styled serial. */
const CALLS: Array<[string, string, number, number]> = [
  ['2026-11-16 10:00:05', 'carr1', 503, 15551230001],
  ['2026-11-16 10:00:17', 'carr1', 503, 15551230002],
  ['2026-11-16 10:01:29', 'carr1', 200, 15551230003],
  ['2026-11-16 10:02:41', 'carr2', 603, 15551230004],
];
const CSV = `Start Time,Carrier,SIP Code,Destination\n${CALLS.map((c) => c.join(',')).join('\n')}\n`;

/** Days since 1899-12-30 (Excel's serial) of a wall time. */
const serial = (time: string) => (Date.parse(`${time.replace(' ', 'T')}Z`) - Date.UTC(1899, 11, 30)) / 86_400_000;

function workbookXml(): string {
  const text = (ref: string, t: string) => `<c r="${ref}" t="inlineStr"><is><t>${t}</t></is></c>`;
  const header = `<row r="1">${text('A1', 'Start Time')}${text('B1', 'Carrier')}${text('C1', 'SIP Code')}${text('D1', 'Destination')}</row>`;
  const rows = CALLS.map(([start, carrier, code, dest], k) => {
    const r = k + 2;
    return `<row r="${r}"><c r="A${r}" s="1"><v>${serial(start)}</v></c>${text(`B${r}`, carrier)}<c r="C${r}"><v>${code}</v></c><c r="D${r}"><v>${dest}</v></c></row>`;
  });
  return worksheet(header + rows.join(''));
}

describe('npm run analyze on an .xlsx', () => {
  it('reports what the CSV of its first sheet reports, and names the sheet read', async () => {
    const xlsx = join(dir, 'carrier-report.xlsx');
    // s="1" is custom format 164, yyyy-mm-dd hh:mm (minutes shown; the serials hold the seconds).
    writeFileSync(xlsx, await buildXlsx({ sheets: [{ name: 'Calls', xml: workbookXml() }, { name: 'Summary', xml: worksheet('') }], styles: styles([0, 164], { 164: 'yyyy-mm-dd hh:mm' }) }));
    const csv = join(dir, 'carrier-report.csv');
    writeFileSync(csv, CSV);

    const fromXlsx = await runCli('--json', xlsx);
    expect(fromXlsx.err).toBe('');
    expect(fromXlsx.code).toBe(0);
    const x = JSON.parse(fromXlsx.out) as JsonReport;
    expect(x.inputs.map((i) => [i.rows.read, i.rows.used, i.rows.skipped, i.sheet])).toEqual([[4, 4, 0, { name: 'Calls', otherSheets: 1 }]]);
    expect(x.span).toEqual({ from: '2026-11-16 10:00:05', to: '2026-11-16 10:02:41' });
    expect(x.trunks.map((t) => [t.name, t.attempts, t.codes]).sort()).toEqual([
      ['carr1', 3, { '200': 1, '503': 2 }],
      ['carr2', 1, { '603': 1 }],
    ]);
    const c = JSON.parse((await runCli('--json', csv)).out) as JsonReport;
    const withoutFile = (r: JsonReport) => ({ ...r, inputs: r.inputs.map((i) => ({ ...i, file: '', sheet: null })) });
    expect(withoutFile(x)).toEqual(withoutFile(c));

    const text = (await runCli(xlsx)).out;
    expect(text).toMatch(/carrier-report\.xlsx: .* — rows read 4, used 4, skipped 0$/m);
    expect(text).toContain('  Excel workbook: sheet "Calls" read, 1 other sheet not read\n');
  });

  it('a workbook that cannot be read: exit 1, named', async () => {
    const broken = join(dir, 'broken.xlsx');
    writeFileSync(broken, await buildXlsx({ sheets: [{ name: 'Calls', xml: '<worksheet><sheetData><row r="1"><c r="A1" t="s"><v>0</v></c></row></sheetData></worksheet>' }] }));
    const { code, err } = await runCli(broken);
    expect(code).toBe(1);
    expect(err).toBe(`analyze: ${broken}: broken.xlsx: its sheet "Calls" (xl/worksheets/sheet1.xml) has cell A1 refer to shared string 0, and the workbook has no shared strings (xl/sharedStrings.xml).\n`);
  });
});
