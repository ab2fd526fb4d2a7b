/**
 * A ZIP archive of CDR exports, chosen as it is: each file in it is a file of the session (its own
 * card, named "archive › path"), read as the files unzipped would be, and one of them can be taken
 * out alone. Two small VICIdial carrier logs zipped here (one deflated, one stored, beside a macOS
 * __MACOSX copy that is not read); every number below can be counted in them by hand.
 */
import { expect, test, type Page } from '@playwright/test';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { buildZip } from '../src/core/read/zip/zip-test-support';
import { buildXlsx, escapeXml, worksheet } from '../src/core/read/xlsx/xlsx-test-support';
import { AppPage } from './app-page';

const dir = mkdtempSync(path.join(tmpdir(), 'trunk-triage-zip-'));
const HEADER = '"UNIQUE ID","CALL DATE","SERVER IP","LEAD ID","HANGUP CAUSE","DIAL STATUS","CHANNEL","DIAL TIME","ANSWERED TIME","SIP CODE","SIP HANGUP REASON","PHONE NUMBER"';
const row = (id: string, time: string, peer: string, code: number, reason: string, phone: string) =>
  `"${id}","2026-11-16 ${time}","10.0.0.15","1","${code === 200 ? 16 : 34}","${code === 200 ? 'ANSWER' : 'CONGESTION'}","SIP/${peer}-0000${id.slice(-2)}","1","${code === 200 ? 1 : 0}","${code}","${reason}","${phone}"`;
const csv = (rows: string[]) => [HEADER, ...rows].join('\n') + '\n';

// Monday: carrier-a 503 + answered, carrier-b 603 (3 calls). Tuesday: Monday's 503 again (an
// overlapping export) and a new 503 on carrier-a (2 rows: 1 used, 1 duplicate while Monday is read).
const SHARED = row('1.01', '09:00:01', 'carrier-a', 503, 'Service Unavailable', '3125550101');
const MONDAY = csv([SHARED, row('1.02', '09:00:02', 'carrier-a', 200, 'OK', '3125550102'), row('1.03', '09:00:03', 'carrier-b', 603, 'Decline', '3125550103')]);
const TUESDAY = csv([SHARED, row('1.04', '09:00:04', 'carrier-a', 503, 'Service Unavailable', '3125550104')]);

async function writeZip(name: string, entries: Parameters<typeof buildZip>[0]): Promise<string> {
  const file = path.join(dir, name);
  writeFileSync(file, await buildZip(entries));
  return file;
}

const trunk = (page: Page, name: string) => page.getByTestId('trunk-table').locator(`tr[data-trunk="${name}"]`);
const attemptsOf = (page: Page, name: string) => trunk(page, name).locator('td').nth(1);

test('a .zip of two carrier logs: two files, the trunks of both; one taken out alone', async ({ page }) => {
  const zip = await writeZip('carrier-logs.zip', [
    { path: 'logs/', data: '' },
    { path: 'logs/monday.csv', data: MONDAY },
    { path: 'logs/tuesday.csv', data: TUESDAY, method: 0 },
    { path: '__MACOSX/logs/._monday.csv', data: 'Mac OS X resource fork' },
  ]);
  const app = new AppPage(page);
  await app.open();
  await app.chooseFiles(zip);
  await expect(page.getByTestId('ingest-status')).toContainText('4 calls on 2 trunks from 2 files');
  await expect(attemptsOf(page, 'carrier-a')).toHaveText('3');
  await expect(attemptsOf(page, 'carrier-b')).toHaveText('1');
  const monday = app.fileReport('carrier-logs.zip › logs/monday.csv');
  const tuesday = app.fileReport('carrier-logs.zip › logs/tuesday.csv');
  await expect(monday.getByTestId('row-accounting')).toHaveText(/^3 rows read = 3 used \+ 0 skipped/);
  await expect(monday).toContainText('deflate, in a ZIP archive');
  await expect(tuesday.getByTestId('row-accounting')).toHaveText(/^2 rows read = 1 used \+ 1 skipped/);
  await expect(page.getByRole('article', { name: /MACOSX/ })).toHaveCount(0);

  await page.getByRole('button', { name: 'Remove carrier-logs.zip › logs/monday.csv' }).click();
  await expect(page.getByTestId('session-notice')).toContainText('Removed carrier-logs.zip › logs/monday.csv: 2 calls from 1 file now.');
  await expect(page.getByTestId('ingest-status')).toContainText('2 calls on 1 trunk from 1 file');
  await expect(attemptsOf(page, 'carrier-a')).toHaveText('2');
  await expect(trunk(page, 'carrier-b')).toHaveCount(0);
  // The call Tuesday shared with Monday is Tuesday's own now.
  await expect(tuesday.getByTestId('row-accounting')).toHaveText(/^2 rows read = 2 used \+ 0 skipped/);
  await expect(monday).toHaveCount(0);
  await app.expectNoNetwork();
});

/** MONDAY as Excel's sheet "Calls" holds it (inline strings, one row per line), beside an empty sheet "Notes". */
function mondayBook(): Promise<Uint8Array> {
  const cells = (line: string, r: number) =>
    line
      .slice(1, -1)
      .split('","')
      .map((v, k) => `<c r="${String.fromCharCode(65 + k)}${r}" t="inlineStr"><is><t>${escapeXml(v)}</t></is></c>`)
      .join('');
  const rows = MONDAY.trim().split('\n').map((line, i) => `<row r="${i + 1}">${cells(line, i + 1)}</row>`).join('');
  return buildXlsx({ sheets: [{ name: 'Calls', xml: worksheet(rows) }, { name: 'Notes', xml: worksheet('') }] });
}

test('an .xlsx is read as its first sheet; a damaged one and an encrypted entry say what to do, naming the file', async ({ page }) => {
  const book = path.join(dir, 'monday.xlsx');
  writeFileSync(book, await mondayBook());
  const damaged = await writeZip('Book1.xlsx', [
    { path: '[Content_Types].xml', data: '<Types/>' },
    { path: 'xl/workbook.xml', data: '<workbook/>' },
  ]);
  const locked = await writeZip('locked.zip', [{ path: 'monday.csv', data: MONDAY, flags: 1 }]);
  const app = new AppPage(page);
  await app.open();
  await app.chooseFiles(book, damaged, locked);
  // The workbook's sheet is Monday's log: carrier-a 2 calls (a 503, an answer), carrier-b 1 (a 603).
  await expect(app.fileReport('monday.xlsx')).toContainText('Excel workbook, sheet “Calls” read (1 other sheet not read)');
  await expect(app.fileReport('monday.xlsx').getByTestId('row-accounting')).toHaveText(/^3 rows read = 3 used \+ 0 skipped/);
  await expect(attemptsOf(page, 'carrier-a')).toHaveText('2');
  await expect(attemptsOf(page, 'carrier-b')).toHaveText('1');
  await expect(app.fileReport('Book1.xlsx').getByRole('alert')).toHaveText(
    'Book1.xlsx is an Excel workbook without the list of its parts (xl/_rels/workbook.xml.rels), so its sheets cannot be found: it is damaged. Open it in Excel and save it again, or save the sheet as CSV.',
  );
  await expect(app.fileReport('locked.zip › monday.csv').getByRole('alert')).toHaveText(
    'locked.zip › monday.csv is encrypted (the archive has a password): unzip it with its password and drop the CSV file.',
  );
  await app.expectNoNetwork();
});
