/**
 * A session of files: add a file, add a second, remove the first; the trunk table, the status line
 * and the file cards follow each time. Two small VICIdial carrier logs written here; every number
 * below can be counted in them by hand.
 */
import AxeBuilder from '@axe-core/playwright';
import { expect, test, type Page } from '@playwright/test';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { AppPage } from './app-page';

const dir = mkdtempSync(path.join(tmpdir(), 'trunk-triage-session-'));
const HEADER = '"UNIQUE ID","CALL DATE","SERVER IP","LEAD ID","HANGUP CAUSE","DIAL STATUS","CHANNEL","DIAL TIME","ANSWERED TIME","SIP CODE","SIP HANGUP REASON","PHONE NUMBER"';
const row = (id: string, time: string, peer: string, code: number, reason: string, phone: string) =>
  `"${id}","2026-11-16 ${time}","10.0.0.15","1","${code === 200 ? 16 : 34}","${code === 200 ? 'ANSWER' : 'CONGESTION'}","SIP/${peer}-0000${id.slice(-2)}","1","${code === 200 ? 1 : 0}","${code}","${reason}","${phone}"`;
const write = (name: string, rows: string[]) => {
  const file = path.join(dir, name);
  writeFileSync(file, [HEADER, ...rows].join('\n') + '\n');
  return file;
};

// A: carrier-a 503 + answered, carrier-b 603 (3 calls). B: A's 503 again (overlapping export) and a
// new 503 on carrier-a (2 rows: 1 used, 1 duplicate while A is loaded).
const SHARED = row('1.01', '09:00:01', 'carrier-a', 503, 'Service Unavailable', '3125550101');
const A = write('carrier_log_monday.csv', [SHARED, row('1.02', '09:00:02', 'carrier-a', 200, 'OK', '3125550102'), row('1.03', '09:00:03', 'carrier-b', 603, 'Decline', '3125550103')]);
const B = write('carrier_log_tuesday.csv', [SHARED, row('1.04', '09:00:04', 'carrier-a', 503, 'Service Unavailable', '3125550104')]);

const trunk = (page: Page, name: string) => page.getByTestId('trunk-table').locator(`tr[data-trunk="${name}"]`);
const attemptsOf = (page: Page, name: string) => trunk(page, name).locator('td').nth(1);
/** The 503 cell: the rate, and its formula with numerator and denominator ("= 2 / 3"). */
const rate503Of = (page: Page, name: string) => trunk(page, name).locator('td').nth(2);

test('add a file, add a second, remove the first: the table and the cards follow each time', async ({ page }) => {
  const app = new AppPage(page);
  await app.open();
  await app.chooseFiles(A);
  await expect(page.getByTestId('ingest-status')).toContainText('3 calls on 2 trunks from 1 file');
  await expect(attemptsOf(page, 'carrier-a')).toHaveText('2');
  await expect(attemptsOf(page, 'carrier-b')).toHaveText('1');

  await app.addFiles(B);
  await expect(page.getByTestId('session-notice')).toContainText('Added carrier_log_tuesday.csv: 4 calls from 2 files now.');
  await expect(page.getByTestId('ingest-status')).toContainText('4 calls on 2 trunks from 2 files');
  await expect(attemptsOf(page, 'carrier-a')).toHaveText('3');
  await expect(rate503Of(page, 'carrier-a')).toContainText(/^67 %.*= 2 \/ 3$/s); // two 503s of three attempts
  await expect(app.fileReport('carrier_log_monday.csv').getByTestId('row-accounting')).toHaveText(/^3 rows read = 3 used \+ 0 skipped/);
  await expect(app.fileReport('carrier_log_tuesday.csv').getByTestId('row-accounting')).toHaveText(/^2 rows read = 1 used \+ 1 skipped/);
  await expect(app.fileReport('carrier_log_tuesday.csv')).toContainText('duplicate');
  await expect(page.getByTestId('session-rows')).toHaveText('All 2 files: 5 rows read = 4 used + 1 skipped');

  await page.getByRole('button', { name: 'Remove carrier_log_monday.csv' }).click();
  await expect(page.getByTestId('session-notice')).toContainText('Removed carrier_log_monday.csv: 2 calls from 1 file now.');
  await expect(page.getByTestId('ingest-status')).toContainText('2 calls on 1 trunk from 1 file');
  await expect(trunk(page, 'carrier-b')).toHaveCount(0);
  await expect(attemptsOf(page, 'carrier-a')).toHaveText('2');
  await expect(rate503Of(page, 'carrier-a')).toContainText(/^100 %.*= 2 \/ 2$/s);
  // The call Tuesday shared with Monday is Tuesday's own now.
  await expect(app.fileReport('carrier_log_tuesday.csv').getByTestId('row-accounting')).toHaveText(/^2 rows read = 2 used \+ 0 skipped/);
  await expect(app.fileReport('carrier_log_monday.csv')).toHaveCount(0);
  await expect(page.getByTestId('session-rows')).toHaveCount(0);
});

test('a drop adds; Undo and "Keep only" take it back or make it a replace, by keyboard', async ({ page }) => {
  const app = new AppPage(page);
  await app.open();
  await app.chooseFiles(A);
  await app.dropFiles(B);
  const notice = page.getByTestId('session-notice');
  await expect(notice).toContainText('Added carrier_log_tuesday.csv: 4 calls from 2 files now.');
  await notice.getByRole('button', { name: 'Undo' }).focus();
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('ingest-status')).toContainText('3 calls on 2 trunks from 1 file');
  await app.dropFiles(B);
  await page.getByTestId('session-notice').getByRole('button', { name: 'Keep only carrier_log_tuesday.csv' }).press('Enter');
  await expect(page.getByTestId('ingest-status')).toContainText('2 calls on 1 trunk from 1 file');
  await expect(app.fileReport('carrier_log_tuesday.csv').getByTestId('row-accounting')).toHaveText(/^2 rows read = 2 used \+ 0 skipped/);
});

test('drop A, B, then A again: A counts once, and a trunk’s calls are there when clicked', async ({ page }) => {
  const app = new AppPage(page);
  await app.open();
  await app.dropFiles(A);
  await app.dropFiles(B);
  await expect(page.getByTestId('ingest-status')).toContainText('4 calls on 2 trunks from 2 files');
  await app.dropFiles(A);
  await expect(page.getByTestId('session-notice')).toHaveText(/carrier_log_monday\.csv is already loaded: counted once\./);
  await expect(page.getByTestId('ingest-status')).toContainText('4 calls on 2 trunks from 2 files');
  await trunk(page, 'carrier-b').click();
  const walk = page.getByTestId('walk-panel');
  await expect(walk.getByTestId('verdict')).toBeVisible();
  await expect(page.locator('main')).not.toContainText('no longer loaded');

  // The same with Replace all: A, then B instead, then A instead again.
  await app.chooseFiles(B);
  await expect(page.getByTestId('ingest-status')).toContainText('2 calls on 1 trunk from 1 file');
  await app.chooseFiles(A);
  await expect(page.getByTestId('ingest-status')).toContainText('3 calls on 2 trunks from 1 file');
  await trunk(page, 'carrier-b').click();
  await expect(walk.getByTestId('verdict')).toBeVisible();
  await expect(page.locator('main')).not.toContainText('no longer loaded');
});

for (const width of [1440, 390]) {
  test(`at ${width} px the session's controls fit and pass axe (serious, critical) in light and dark`, async ({ page }) => {
    await page.setViewportSize({ width, height: 900 });
    const app = new AppPage(page);
    await app.open();
    await app.chooseFiles(A);
    await app.addFiles(B);
    for (const scheme of ['light', 'dark'] as const) {
      await page.emulateMedia({ colorScheme: scheme });
      const results = await new AxeBuilder({ page }).include('header').include('[data-testid="session-notice"]').include('section[aria-labelledby="files-title"]').analyze();
      expect(results.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical').map((v) => `${scheme}: ${v.id}`)).toEqual([]);
    }
    // Nothing of the session's controls is wider than the page.
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(width);
    for (const name of ['Add files…', 'Replace all…', 'Undo', 'Keep only carrier_log_tuesday.csv', 'Remove carrier_log_monday.csv', 'Remove carrier_log_tuesday.csv']) {
      const box = await page.getByRole('button', { name, exact: true }).boundingBox();
      expect(box && box.x >= 0 && box.x + box.width <= width, name).toBe(true);
    }
  });
}
