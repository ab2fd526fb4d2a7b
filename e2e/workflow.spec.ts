/** Days and take-away: a file over several days names its days; exports hold numbers as numbers. */
import { expect, test } from '@playwright/test';
import { readFileSync } from 'node:fs';
import Papa from 'papaparse';
import { AppPage } from './app-page';

/**
 * A hand-made Asterisk Master.csv over three days (2024-03-01 00:00 to 2024-03-03 23:59), one call
 * a minute on carrierA: answered until 2024-03-02 12:00, then every other call FAILED
 * (503-like) — the onset is on the second day.
 */
function threeDays(): string {
  const rows: string[] = [];
  const t0 = Date.parse('2024-03-01T00:00:00Z');
  for (let i = 0; i < 3 * 1440; i++) {
    const ms = t0 + i * 60_000;
    const wall = (x: number) => new Date(x).toISOString().slice(0, 19).replace('T', ' ');
    const failed = ms >= Date.parse('2024-03-02T12:00:00Z') && i % 2 === 0;
    const id = `${ms / 1000}.${i}`;
    rows.push(
      failed
        ? `"","1001","1800555${String(1000 + (i % 9000)).padStart(4, '0')}","from-internal","""Alice"" <1001>","PJSIP/1001-1","PJSIP/carrierA-2","Dial","PJSIP/x@carrierA,60","${wall(ms)}",,"${wall(ms + 1000)}",1,0,"FAILED","DOCUMENTATION","${id}",""`
        : `"","1001","1800555${String(1000 + (i % 9000)).padStart(4, '0')}","from-internal","""Alice"" <1001>","PJSIP/1001-1","PJSIP/carrierA-2","Dial","PJSIP/x@carrierA,60","${wall(ms)}","${wall(ms + 5000)}","${wall(ms + 65_000)}",65,60,"ANSWERED","DOCUMENTATION","${id}",""`,
    );
  }
  return rows.join('\n') + '\n';
}

test('a file over three days: the time axes name the days, and "since" carries the date', async ({ page }) => {
  const app = new AppPage(page);
  await app.open();
  await page.getByLabel('CDR files to read').setInputFiles({ name: 'Master.csv', mimeType: 'text/csv', buffer: Buffer.from(threeDays()) });
  await app.waitUntilRead();
  await expect(page.getByTestId('dashboard')).toHaveAttribute('aria-busy', 'false');
  const labels = page.getByTestId('timeline').locator('svg text');
  await expect(labels.first()).toBeVisible();
  const texts = await labels.allTextContents();
  // Each day is named (midnight ticks say only the day); no day is a bare "00:00".
  for (const day of ['Mar 1', 'Mar 2', 'Mar 3']) expect(texts).toContain(day);
  expect(texts).not.toContain('00:00');
  const row = page.locator('[data-trunk="carrierA-2"]');
  await expect(row).toContainText(/503 since Mar 2 \d\d:\d\d/);
});

test('take it away: the trunk table as CSV opens with numbers; downloads are named by trunk and date', async ({ page }) => {
  const app = new AppPage(page);
  await app.open();
  await page.getByRole('button', { name: 'Try a sample day' }).click();
  await app.waitUntilRead();
  await page.locator('[data-trunk="prefix 3"]').click();
  await expect(page.getByTestId('window-status')).toContainText('Carrier G');
  await expect(page.getByTestId('dashboard')).toHaveAttribute('aria-busy', 'false');

  const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Export the trunk table as CSV' }).click()]);
  expect(download.suggestedFilename()).toBe('trunks_all-trunks_2026-11-16.csv');
  const text = readFileSync((await download.path())!, 'utf8');
  const parsed = Papa.parse<Record<string, string | number>>(text, { header: true, dynamicTyping: true, skipEmptyLines: true });
  expect(parsed.errors).toEqual([]);
  expect(parsed.data).toHaveLength(10);
  const g = parsed.data.find((r) => r['trunk'] === 'prefix 3')!;
  expect(g['name']).toBe('Carrier G');
  // Numbers, and the same as the table's cells: attempts, 503 n and d, and the percentage n / d.
  expect(typeof g['attempts']).toBe('number');
  expect(typeof g['sip_503_pct']).toBe('number');
  expect(g['sip_503_d']).toBe(g['attempts']);
  expect(g['sip_503_pct']).toBeCloseTo((100 * Number(g['sip_503_n'])) / Number(g['sip_503_d']), 2);
  const cells = (await page.locator('[data-trunk="prefix 3"] td').allInnerTexts()).join(' ');
  expect(cells).toContain(Number(g['attempts']).toLocaleString('en-US'));
  expect(cells).toContain(`(${Number(g['sip_503_n']).toLocaleString('en-US')})`);

  // The timeline's PNG and the CPS data: trunk and date in the name; the 503 share a number.
  const [png] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Export Attempts over time as PNG' }).click()]);
  expect(png.suggestedFilename()).toBe('attempts-over-time_carrier-g_2026-11-16.png');
  const [cps] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Export Calls per second data as CSV' }).click()]);
  expect(cps.suggestedFilename()).toBe('cps_carrier-g_2026-11-16.csv');
  const levels = Papa.parse<Record<string, number>>(readFileSync((await cps.path())!, 'utf8'), { header: true, dynamicTyping: true, skipEmptyLines: true }).data;
  expect(levels.length).toBeGreaterThan(0);
  for (const l of levels) expect(typeof l['share_503_pct']).toBe('number');
});
