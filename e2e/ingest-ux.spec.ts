import { expect, test } from '@playwright/test';
import { mkdtempSync, readFileSync, writeFileSync, openSync, writeSync, closeSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import { SAMPLE_DAY } from '../src/core/scenario/scenario';
import { writeScenario } from '../src/core/scenario/writers/writer';
import { asteriskMasterCsvWriter } from '../src/core/scenario/writers/asterisk-master-csv';
import { AppPage, fixture } from './app-page';

const tmp = mkdtempSync(path.join(tmpdir(), 'trunk-triage-ux-'));

test('the sample day is one click away: ten carriers, the disabled trunk worst', async ({ page }) => {
  const app = new AppPage(page);
  await app.open();
  await page.getByRole('button', { name: 'Try a sample day' }).click();
  await app.waitUntilRead();
  await expect(page.getByTestId('trunk-row')).toHaveCount(10);
  // Carrier I answers every attempt with 403: 100 % policy rejections, so it is listed first.
  const first = page.getByTestId('trunk-row').first();
  await expect(first).toContainText('Carrier I');
  await expect(first).toContainText('100 %');
  await app.expectNoNetwork();
});

test('a big file shows progress and can be cancelled; the app reads the next file', async ({ page }) => {
  // ~280 MB (the day three times over, written five times: a Master.csv has no header), read in
  // about a second here: 56 MB was sometimes read whole before the Cancel click landed.
  const big = path.join(tmp, 'Master.csv');
  const chunks: string[] = [];
  writeScenario({ ...SAMPLE_DAY, scale: 3 }, asteriskMasterCsvWriter({ hangupCauseInUserfield: false }), (chunk) => chunks.push(chunk));
  const fd = openSync(big, 'w');
  for (let copy = 0; copy < 5; copy++) for (const chunk of chunks) writeSync(fd, chunk);
  closeSync(fd);
  const app = new AppPage(page);
  await app.open();
  await page.getByLabel('CDR files to read').setInputFiles(big);
  await expect(page.getByRole('progressbar', { name: 'Reading progress' })).toBeVisible();
  await expect(page.getByText(/rows\/s/)).toBeVisible();
  await page.getByRole('button', { name: 'Cancel' }).click();
  await expect(page.getByRole('status')).toContainText('Reading was cancelled');
  await app.chooseFiles(fixture('asterisk-cdr-csv', 'basic.csv'));
  await expect(app.fileReport('basic.csv').getByTestId('detected-format')).toHaveAttribute('data-format-id', 'asterisk-cdr-csv');
});

test('a file dropped while a big one is being read is added to it, not put in its place', async ({ page }) => {
  const big = path.join(tmp, 'Master-while.csv');
  const fd = openSync(big, 'w');
  writeScenario({ ...SAMPLE_DAY, scale: 2 }, asteriskMasterCsvWriter({ hangupCauseInUserfield: false }), (chunk) => writeSync(fd, chunk));
  closeSync(fd);
  const app = new AppPage(page);
  await app.open();
  await page.getByLabel('CDR files to read').setInputFiles(big);
  await expect(page.getByRole('progressbar', { name: 'Reading progress' })).toBeVisible();
  await app.dropFiles(fixture('asterisk-cdr-csv', 'basic.csv'));
  await expect(page.locator('main[data-state="ready"]')).toBeVisible({ timeout: 120_000 });
  await expect(app.fileReport('Master-while.csv')).toBeVisible();
  await expect(app.fileReport('basic.csv')).toBeVisible();
});

test('a .gz export is decompressed in the browser', async ({ page }) => {
  const gz = path.join(tmp, 'carrier_log.csv.gz');
  writeFileSync(gz, gzipSync(readFileSync(fixture('vicidial-carrier-log', 'basic.csv'))));
  const app = new AppPage(page);
  await app.open();
  await app.chooseFiles(gz);
  const report = app.fileReport('carrier_log.csv.gz');
  await expect(report.getByTestId('detected-format')).toHaveAttribute('data-format-id', 'vicidial-carrier-log');
  await expect(report).toContainText('gzip');
  await expect(report.getByTestId('row-accounting')).toHaveText(/^16 rows read = 16 used \+ 0 skipped/);
});

test('the column mapping of a generic CSV can be corrected, and the file is read again', async ({ page }) => {
  const app = new AppPage(page);
  await app.open();
  await app.chooseFiles(fixture('generic-csv', 'invade-trunk-name-crlf.csv'));
  await expect(page.getByTestId('trunk-table').locator('[data-trunk="UK-Premium"]')).toBeVisible();
  const panel = page.getByTestId('mapping-panel');
  await panel.getByRole('combobox', { name: 'Role of column Trunk Name' }).selectOption('');
  await panel.getByRole('button', { name: 'Apply and read again' }).click();
  await app.waitUntilRead();
  await expect(page.getByTestId('trunk-table').locator('[data-trunk="(no trunk column)"]')).toBeVisible();
  await expect(page.getByTestId('trunk-table').locator('[data-trunk="UK-Premium"]')).toHaveCount(0);
});

test('a renamed trunk keeps its name after a reload', async ({ page }) => {
  const app = new AppPage(page);
  await app.open();
  await app.chooseFiles(fixture('asterisk-cdr-csv', 'basic.csv'));
  const row = page.getByTestId('trunk-table').locator('[data-trunk="carrierA"]');
  await row.getByRole('button', { name: 'Rename trunk carrierA' }).click();
  await row.getByRole('textbox', { name: 'New name for carrierA' }).fill('Acme Telecom');
  await row.getByRole('button', { name: 'Save' }).click();
  await expect(row).toContainText('Acme Telecom');
  await page.reload();
  await app.chooseFiles(fixture('asterisk-cdr-csv', 'basic.csv'));
  await expect(page.getByTestId('trunk-table').locator('[data-trunk="carrierA"]')).toContainText('Acme Telecom');
});
