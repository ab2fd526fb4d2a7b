import { expect, test } from '@playwright/test';
import AxeBuilder from '@axe-core/playwright';
import { AppPage, fixture } from './app-page';

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

test('dashboard has no serious accessibility violations (axe) at 1440, 1024 and 390 px, in light and dark', async ({ page }) => {
  test.setTimeout(300_000);
  const app = new AppPage(page);
  await openSampleDay(app);
  await expect(page.getByTestId('walk-panel')).toBeVisible();
  const found: string[] = [];
  for (const width of [1440, 1024, 390]) {
    await page.setViewportSize({ width, height: 900 });
    for (const scheme of ['light', 'dark'] as const) {
      await page.emulateMedia({ colorScheme: scheme });
      const results = await new AxeBuilder({ page }).analyze();
      const serious = results.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
      found.push(...serious.map((v) => `${width} px ${scheme}: ${v.id} — ${v.help} (${v.nodes.length})`));
    }
  }
  expect(found).toEqual([]);
});

test('dragging across the timeline sets the window; the chart exports as CSV and PNG', async ({ page }, testInfo) => {
  const app = new AppPage(page);
  await openSampleDay(app);
  const chart = page.getByTestId('timeline').locator('svg.plain-chart');
  const box = await chart.boundingBox();
  if (!box) throw new Error('timeline not drawn');
  await page.mouse.move(box.x + box.width * 0.3, box.y + box.height * 0.5);
  await page.mouse.down();
  await page.mouse.move(box.x + box.width * 0.45, box.y + box.height * 0.5, { steps: 8 });
  await page.mouse.up();
  await expect(page.getByTestId('window-status')).toContainText('Window 2026-11-16');
  await expect(page.getByRole('button', { name: 'Whole span' })).toBeVisible();
  await expect(page.getByTestId('window-highlight')).toBeVisible();
  await page.getByTestId('timeline').screenshot({ path: testInfo.outputPath('timeline-window.png') });

  const download = page.waitForEvent('download');
  await page.getByRole('button', { name: 'Export Attempts over time data as CSV' }).click();
  const file = await download;
  // Named after what it shows: the selected trunk (the worst, Carrier I) and the day.
  expect(file.suggestedFilename()).toBe('attempts-over-time_carrier-i_2026-11-16.csv');
  const text = await (await file.createReadStream()).toArray();
  const csv = Buffer.concat(text.map((c) => Buffer.from(c as Uint8Array))).toString('utf8');
  expect(csv.split('\r\n')[0]).toBe('bucket_start,attempts,answered,capacity_503_kin,policy_603_kin,other_failed,sip_503,sip_603');

  const pngDownload = page.waitForEvent('download');
  await page.getByRole('button', { name: 'Export Attempts over time as PNG' }).click();
  const png = await pngDownload;
  expect(png.suggestedFilename()).toBe('attempts-over-time_carrier-i_2026-11-16.png');
  const pngChunks = await (await png.createReadStream()).toArray();
  const pngBytes = Buffer.concat(pngChunks.map((c) => Buffer.from(c as Uint8Array)));
  expect([...pngBytes.subarray(0, 4)]).toEqual([0x89, 0x50, 0x4e, 0x47]); // "\x89PNG"
  expect(pngBytes.length).toBeGreaterThan(5000);
  await app.expectNoNetwork();
});

test('a click on the timeline\'s legend or Y-axis labels sets no window', async ({ page }) => {
  const app = new AppPage(page);
  await openSampleDay(app);
  const timeline = page.getByTestId('timeline');
  const box = await timeline.locator('svg.plain-chart').boundingBox();
  if (!box) throw new Error('timeline not drawn');
  await timeline.getByText('answered', { exact: true }).click();
  // Left of the plot (it starts 48 px in), beside the Y axis's labels.
  await page.mouse.click(box.x + 20, box.y + box.height * 0.4);
  await expect(page.getByTestId('window-status')).not.toContainText('Window 2026-11-16');
  await expect(page.getByRole('button', { name: 'Whole span' })).toBeDisabled();
});

test('a single-trunk file where nothing is known about trunks renders without NaN', async ({ page }) => {
  const app = new AppPage(page);
  await app.open();
  await app.chooseFiles(fixture('freeswitch-cdr-csv', 'example-basic.csv'));
  await expect(page.getByTestId('dashboard')).toBeVisible();
  await expect(page.getByTestId('trunk-row')).toHaveCount(1);
  await expect(page.locator('main')).not.toContainText('NaN');
  await expect(page.locator('main')).not.toContainText('Infinity');
});

test('the status line counts one call as "1 call", not "1 calls"', async ({ page }) => {
  const app = new AppPage(page);
  await app.open();
  // crlf.csv: carrierB has one attempt (the CLI: carrierB 1, sipus1 2).
  await app.chooseFiles(fixture('asterisk-cdr-csv', 'crlf.csv'));
  await app.waitUntilRead();
  await page.locator('[data-testid="trunk-row"][data-trunk="carrierB"]').click();
  await expect(page.getByTestId('window-status')).toHaveText('Whole span: 1 call for carrierB');
  await page.locator('[data-testid="trunk-row"][data-trunk="sipus1"]').click();
  await expect(page.getByTestId('window-status')).toHaveText('Whole span: 2 calls for sipus1');
});
