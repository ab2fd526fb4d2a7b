/** Take it away on paper: one clean report per selected trunk, printed to PDF by headless Chromium. */
import { expect, test } from '@playwright/test';
import { writeFileSync } from 'node:fs';
import { AppPage } from './app-page';

test('printing gives one report per selected trunk (verdict, evidence charts, ticket), no controls, dark ink on white', async ({ page }, testInfo) => {
  const app = new AppPage(page);
  await app.open();
  await page.emulateMedia({ colorScheme: 'dark' });
  await page.getByRole('button', { name: 'Try a sample day' }).click();
  await app.waitUntilRead();
  // Carrier B (prefix 8) is the CPS-limited carrier of the sample day; a second trunk ticked beside it.
  await page.locator('[data-trunk="prefix 8"]').click();
  await page.locator('[data-trunk="prefix 9"]').getByRole('checkbox').check();
  await expect(page.getByTestId('trunk-multiple')).toHaveCount(2);
  const screenVerdict = await page.getByTestId('walk-panel').getByTestId('verdict').textContent();
  expect(screenVerdict).toBe('Calls per second above the carrier limit');

  await page.emulateMedia({ media: 'print', colorScheme: 'dark' });
  const reports = page.getByTestId('print-report');
  await expect(reports).toHaveCount(2);
  await expect(reports.first()).toBeVisible();
  await expect(reports.first().getByRole('heading', { level: 2 })).toHaveText('Trunk Carrier B');
  await expect(reports.first().getByTestId('print-verdict')).toContainText(screenVerdict!);
  await expect(reports.first().getByTestId('print-ticket')).toContainText('Trunk Carrier B: We see 503 Service Unavailable only in seconds where we start more than');
  // The evidence charts are drawn (bars, not empty frames): the timeline, CPS and concurrency of the trunk.
  await expect(reports.first().locator('svg .band-bars path[d^="M"]').first()).toBeAttached();
  // The second trunk starts a page of its own.
  expect(await reports.nth(1).evaluate((e) => getComputedStyle(e).breakBefore)).toBe('page');
  // Nothing to click on paper, and no dark page.
  await expect(page.getByTestId('dashboard')).toBeHidden();
  await expect(page.locator('button:visible, input:visible, select:visible, textarea:visible')).toHaveCount(0);
  expect(await page.evaluate(() => getComputedStyle(document.body).backgroundColor)).toBe('rgb(255, 255, 255)');

  const pdf = await page.pdf({ format: 'A4', printBackground: true, margin: { top: '12mm', bottom: '12mm', left: '12mm', right: '12mm' } });
  expect(pdf.subarray(0, 5).toString()).toBe('%PDF-');
  // Two reports: at least two pages.
  const pages = (pdf.toString('latin1').match(/\/Type\s*\/Page[^s]/g) ?? []).length;
  expect(pages).toBeGreaterThanOrEqual(2);
  writeFileSync(testInfo.outputPath('trunk-reports.pdf'), pdf);
});
