import { expect, test } from '@playwright/test';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { AppPage, fixture, longestTask, watchLongTasks } from './app-page';

const tmp = mkdtempSync(path.join(tmpdir(), 'trunk-triage-mapping-'));
const WIDTH = 250_000;

/**
 * A mis-exported file whose header has 250,000 columns: three named for us, then 19,997 distinct
 * names (what detection sees in its first 64 KiB) and single letters for the rest (duplicates, as a
 * broken export writes them). Two data rows fill every column.
 */
function writeWideHeaderFile(): string {
  const names = ['start_time', 'sip_code', 'trunk'];
  for (let i = 3; i < WIDTH; i++) names.push(i < 20_000 ? `col${i}` : String.fromCharCode(97 + (i % 26)));
  const filler = ','.repeat(WIDTH - 3);
  const rows = ['2024-05-01 10:00:00,503,carrierA' + filler, '2024-05-01 10:00:05,200,carrierA' + filler];
  const file = path.join(tmp, 'wide-header.csv');
  writeFileSync(file, [names.join(','), ...rows].join('\n') + '\n');
  return file;
}

test('a 250,000-column header: the panel draws the mapped columns and a search, with the count', async ({ page }, testInfo) => {
  const file = writeWideHeaderFile();
  const app = new AppPage(page);
  await app.open();
  await watchLongTasks(page);
  await app.chooseFiles(file);
  const panel = page.getByTestId('mapping-panel');
  await expect(panel.getByTestId('mapping-count')).toContainText('250,000 columns, 3 with a role');
  const rows = panel.getByRole('list', { name: 'Columns and their roles' }).getByRole('listitem');
  await expect(rows).toHaveCount(3);
  await expect(rows.first()).toContainText('start_time');
  await expect(rows.first()).toContainText('2024-05-01 10:00:00 · 2024-05-01 10:00:05');
  await expect(rows.nth(1)).toContainText('503 · 200');
  // A search over all 250,000 names draws at most 50 of the matches and says how many there are.
  await panel.getByRole('searchbox', { name: 'Find a column by name' }).fill('q');
  await expect(panel.getByTestId('mapping-count')).toContainText('matches “q”, showing the first 50');
  await expect(rows).toHaveCount(50);
  await panel.getByRole('searchbox', { name: 'Find a column by name' }).fill('col19999');
  await expect(panel.getByTestId('mapping-count')).toContainText('1 match “col19999”');
  await expect(rows).toHaveCount(1);
  await expect(app.fileReport('wide-header.csv').getByTestId('row-accounting')).toHaveText(/^2 rows read = 2 used \+ 0 skipped/);
  const longest = await longestTask(page);
  testInfo.annotations.push({ type: 'longest main-thread task (ms)', description: String(Math.round(longest)) });
  console.log(`250,000 columns: longest main-thread task ${Math.round(longest)} ms`);
  // Reported, not asserted: a timing belongs in the bench (it failed here only when the machine was
  // loaded). What keeps the page from freezing is asserted above: the page draws a bounded number of rows.
});

test('a poisoned stored mapping (roles: null) is dropped: the guess and its panel come back', async ({ page }) => {
  const csv = fixture('generic-csv', 'invade-trunk-name-crlf.csv');
  const header = readFileSync(csv, 'utf8').split(/\r?\n/)[0]!.split(',');
  const signature = header.map((h) => h.trim().toLowerCase()).join('\u241f');
  await page.addInitScript(
    ([key, value]) => localStorage.setItem(key, value),
    ['trunk-triage.column-mappings.v1', JSON.stringify({ [signature]: { header, roles: null }, other: 'x' })] as const,
  );
  const app = new AppPage(page);
  await app.open();
  await app.chooseFiles(csv);
  await expect(app.fileReport('invade-trunk-name-crlf.csv').getByTestId('row-accounting')).toHaveText(/^6 rows read = 6 used \+ 0 skipped/);
  await expect(page.getByTestId('trunk-table').locator('[data-trunk="UK-Premium"]')).toBeVisible();
  const panel = page.getByTestId('mapping-panel');
  await expect(panel.getByRole('combobox', { name: 'Role of column Trunk Name' })).toHaveValue('trunk');
  await expect(panel.getByRole('listitem').filter({ hasText: 'Trunk Name' })).toContainText('UK-Premium · UK-Premium');
});
