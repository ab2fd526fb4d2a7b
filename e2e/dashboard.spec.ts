import { expect, test } from '@playwright/test';
import AxeBuilder from '@axe-core/playwright';
import { AppPage } from './app-page';

/** The sample day: ten carriers, each with one problem of the diagnosis flowchart. */
async function openSampleDay(app: AppPage) {
  await app.open();
  await app.page.getByRole('button', { name: 'Try a sample day' }).click();
  await app.waitUntilRead();
  await expect(app.page.getByTestId('dashboard')).toBeVisible();
}

test('sample day: worst trunk first, brushing a window changes the numbers, selecting a trunk drives CPS and concurrency', async ({ page }, testInfo) => {
  const app = new AppPage(page);
  await openSampleDay(app);
  const rows = page.getByTestId('trunk-row');
  await expect(rows).toHaveCount(10);
  // Carrier I (prefix 77) answers every attempt with 403 Forbidden: the worst trunk.
  await expect(rows.first()).toHaveAttribute('data-trunk', 'prefix 77');

  // Whole span, then a window: the status line and the table numbers follow the window.
  const status = page.getByTestId('window-status');
  await expect(status).toContainText('Whole span');
  const wholeSpanText = await status.textContent();
  await page.getByLabel('From', { exact: true }).fill('2026-11-16T13:00');
  await page.getByLabel('To', { exact: true }).fill('2026-11-16T14:00');
  await expect(status).toContainText('Window 2026-11-16 13:00:00 – 2026-11-16 14:00:00');
  expect(await status.textContent()).not.toBe(wholeSpanText);

  // Select Carrier B (prefix 8, the CPS-limited trunk): its CPS knee is shown.
  await page.getByRole('button', { name: 'Whole span' }).click();
  await page.locator('[data-trunk="prefix 8"]').click();
  await expect(page.getByTestId('cps-panel')).toContainText('Carrier B');
  await expect(page.getByTestId('cps-knee')).toContainText('503s start at about');
  // Carrier C (prefix 7, channel cap 12): a concurrency plateau at 12.
  await page.locator('[data-trunk="prefix 7"]').click();
  await expect(page.getByTestId('concurrency-plateau')).toContainText('Plateau at 12 calls');

  await page.screenshot({ path: testInfo.outputPath('dashboard-sample-day.png'), fullPage: true });
  await app.expectNoNetwork();
});

test('dashboard has no serious accessibility violations (axe), in light and dark', async ({ page }) => {
  const app = new AppPage(page);
  await openSampleDay(app);
  for (const scheme of ['light', 'dark'] as const) {
    await page.emulateMedia({ colorScheme: scheme });
    const results = await new AxeBuilder({ page }).analyze();
    const serious = results.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
    expect(serious.map((v) => `${scheme}: ${v.id} — ${v.help} (${v.nodes.length})`)).toEqual([]);
  }
});
