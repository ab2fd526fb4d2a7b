/** Compare: two days of the loaded calls side by side, and the ticked trunks as small multiples. */
import AxeBuilder from '@axe-core/playwright';
import { expect, test } from '@playwright/test';
import { readFileSync } from 'node:fs';
import { AppPage, fixture } from './app-page';

/**
 * fixtures/cdr/generic-csv/two-days.csv, by hand: Carrier A makes 10 attempts from 09:00 each day,
 * one 503 on 2026-11-16 and four on 2026-11-17 (10 % → 40 %: +30.0 points); Carrier B makes 8
 * from 14:00 (2 minutes apart), two 603s on the 16th and one on the 17th (25 % → 12.5 %: −12.5 points).
 */
const TWO_DAYS = fixture('generic-csv', 'two-days.csv');

test('two days compared: each trunk’s rates on each day and the difference; the series overlaid by time of day', async ({ page }) => {
  const app = new AppPage(page);
  await app.open();
  await app.chooseFiles(TWO_DAYS);
  const panel = page.getByTestId('compare-panel');
  await panel.getByRole('button', { name: 'Compare two days or two windows…' }).click();
  await expect(panel.getByRole('radio', { name: 'Two days' })).toBeChecked();
  await expect(panel.getByLabel('Day A')).toHaveValue(String(Date.UTC(2026, 10, 16)));
  await expect(panel.getByTestId('compare-status')).toContainText('A: 2026-11-16 · B: 2026-11-17');
  const rows = panel.getByTestId('compare-row');
  await expect(rows).toHaveCount(2);
  // The largest change first.
  const a = rows.filter({ hasText: 'Carrier A' });
  await expect(rows.first()).toContainText('Carrier A');
  await expect(a.locator('td')).toHaveText(['10', '10 % (1)', '0 % (0)', '10', '40 % (4)', '0 % (0)', '+30.0 pp', '0.0 pp']);
  const b = rows.filter({ hasText: 'Carrier B' });
  await expect(b.getByTestId('delta-503')).toHaveText('0.0 pp');
  await expect(b.getByTestId('delta-603')).toHaveText('−12.5 pp');
  await expect(b.locator('td').nth(2)).toHaveText('25 % (2)');
  // 12.5 % shown as the trunk table shows it (whole percent from 10 %); the difference keeps its tenth.
  await expect(b.locator('td').nth(5)).toHaveText('13 % (1)');

  // The selected trunk's (the worst: Carrier A) series, on one time-of-day axis.
  const overlay = panel.getByTestId('compare-overlay-attempts');
  await expect(overlay).toContainText('aligned by time of day');
  await expect(overlay.locator('.recharts-line')).toHaveCount(2);
  await expect(overlay.locator('.recharts-xAxis-tick-labels text').first()).toBeVisible();
  const ticks = await overlay.locator('.recharts-xAxis-tick-labels text').allTextContents();
  expect(ticks.length).toBeGreaterThan(2);
  for (const t of ticks) expect(t).toMatch(/^\d\d:\d\d$/);

  // Swapping the days flips the signs.
  await panel.getByLabel('Day A').selectOption(String(Date.UTC(2026, 10, 17)));
  await panel.getByLabel('Day B').selectOption(String(Date.UTC(2026, 10, 16)));
  await expect(a.getByTestId('delta-503')).toHaveText('−30.0 pp');
  await expect(b.getByTestId('delta-603')).toHaveText('+12.5 pp');
});

test('two windows typed by keyboard: the same numbers as the days they cover', async ({ page }) => {
  const app = new AppPage(page);
  await app.open();
  await app.chooseFiles(TWO_DAYS);
  const panel = page.getByTestId('compare-panel');
  await panel.getByRole('button', { name: 'Compare two days or two windows…' }).click();
  await panel.getByRole('radio', { name: 'Two windows' }).check();
  const a = panel.getByRole('group', { name: 'A' });
  const b = panel.getByRole('group', { name: 'B' });
  await a.getByLabel('From').fill('2026-11-16 09:00');
  await a.getByLabel('To').fill('2026-11-16 10:00');
  await a.getByLabel('To').press('Enter');
  await b.getByLabel('From').fill('2026-11-17 09:00');
  await b.getByLabel('To').fill('2026-11-17 10:00');
  await b.getByLabel('To').press('Enter');
  await expect(panel.getByTestId('compare-status')).toContainText('A: 2026-11-16 09:00 – 2026-11-16 10:00 · B: 2026-11-17 09:00 – 2026-11-17 10:00');
  // Carrier B calls from 14:00: in neither window, so only Carrier A is compared.
  const rows = panel.getByTestId('compare-row');
  await expect(rows).toHaveCount(1);
  await expect(rows.first().getByTestId('delta-503')).toHaveText('+30.0 pp');
  await expect(panel.getByTestId('compare-overlay-attempts')).toContainText('each from its own start');
});

test('two files of the session compared: the same numbers as the two days they hold', async ({ page }) => {
  const app = new AppPage(page);
  await app.open();
  // The two-day file cut in two: the 16th in one file, the 17th in the other.
  const [header, ...lines] = readFileSync(TWO_DAYS, 'utf8').trimEnd().split('\n');
  const fileOf = (day: string) => ({ name: `calls-${day}.csv`, mimeType: 'text/csv', buffer: Buffer.from([header, ...lines.filter((l) => l.startsWith(`2026-11-${day}`))].join('\n') + '\n') });
  await page.getByLabel('CDR files to read').setInputFiles([fileOf('16'), fileOf('17')]);
  await app.waitUntilRead();
  const panel = page.getByTestId('compare-panel');
  await panel.getByRole('button', { name: 'Compare two days or two windows…' }).click();
  await panel.getByRole('radio', { name: 'Two files' }).check();
  await expect(panel.getByLabel('File A')).toHaveText(/calls-16\.csv/);
  await panel.getByLabel('File A').selectOption({ label: 'calls-16.csv' });
  await panel.getByLabel('File B').selectOption({ label: 'calls-17.csv' });
  await expect(panel.getByTestId('compare-status')).toContainText('A: calls-16.csv · B: calls-17.csv');
  const rows = panel.getByTestId('compare-row');
  await expect(rows).toHaveCount(2);
  await expect(rows.filter({ hasText: 'Carrier A' }).getByTestId('delta-503')).toHaveText('+30.0 pp');
  await expect(rows.filter({ hasText: 'Carrier B' }).getByTestId('delta-603')).toHaveText('−12.5 pp');
  await expect(panel.getByTestId('compare-overlay-attempts')).toContainText('each file from its first call');
});

test('ticking trunks to compare draws one small chart per trunk on a shared scale, not a stack', async ({ page }) => {
  const app = new AppPage(page);
  await app.open();
  await app.chooseFiles(TWO_DAYS);
  await expect(page.getByTestId('trunk-multiples')).toHaveCount(0);
  await page.getByLabel('Compare Carrier B').check();
  const multiples = page.getByTestId('trunk-multiples');
  await expect(multiples.getByTestId('trunk-multiple')).toHaveCount(2);
  await expect(multiples.getByTestId('trunk-multiple').filter({ hasText: 'Carrier A' })).toContainText('20 attempts in the span');
  await expect(multiples.getByTestId('trunk-multiple').filter({ hasText: 'Carrier B' })).toContainText('16 attempts in the span');
  // One Y scale: in 10-minute buckets Carrier A has at most 2 attempts (5 minutes apart), Carrier B 5
  // (2 minutes apart); both charts run 0 to 5.
  await expect(multiples.getByTestId('trunk-multiple').first().locator('.recharts-yAxis-tick-labels text').first()).toBeVisible();
  const ticks = await multiples.getByTestId('trunk-multiple').evaluateAll((charts) => charts.map((c) => [...c.querySelectorAll('.recharts-yAxis-tick-labels text')].map((t) => t.textContent)));
  expect(ticks).toEqual([
    ['0', '5'],
    ['0', '5'],
  ]);
});

test('the comparison and the small multiples: axe clean and no sideways scroll at 1440, 1024 and 390 px, light and dark', async ({ page }) => {
  test.setTimeout(120_000);
  const app = new AppPage(page);
  await app.open();
  await app.chooseFiles(TWO_DAYS);
  await page.getByLabel('Compare Carrier B').check();
  await expect(page.getByTestId('trunk-multiple')).toHaveCount(2);
  const panel = page.getByTestId('compare-panel');
  await panel.getByRole('button', { name: 'Compare two days or two windows…' }).click();
  await expect(panel.getByTestId('compare-row')).toHaveCount(2);
  const found: string[] = [];
  for (const width of [1440, 1024, 390]) {
    await page.setViewportSize({ width, height: 900 });
    // The charts measure their box after a resize: wait for them to settle.
    await expect.poll(() => page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth), { message: `${width} px` }).toBe(0);
    for (const scheme of ['light', 'dark'] as const) {
      await page.emulateMedia({ colorScheme: scheme });
      const results = await new AxeBuilder({ page }).include('[data-testid="compare-panel"]').include('[data-testid="trunk-multiples"]').analyze();
      const serious = results.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
      found.push(...serious.map((v) => `${width} px ${scheme}: ${v.id} — ${v.help} (${v.nodes.length})`));
    }
  }
  expect(found).toEqual([]);
});
