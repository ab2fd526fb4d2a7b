import { expect, test, type Page } from '@playwright/test';
import { AppPage } from './app-page';

async function openSampleDay(page: Page) {
  const app = new AppPage(page);
  await app.open();
  await page.getByRole('button', { name: 'Try a sample day' }).click();
  await app.waitUntilRead();
  await expect(page.getByTestId('trunk-row')).toHaveCount(10);
  return app;
}

/** Tab until `done` holds for the focused element; the number of presses it took. */
async function tabUntil(page: Page, done: (el: Element | null) => boolean, max = 30): Promise<number> {
  for (let presses = 1; presses <= max; presses++) {
    await page.keyboard.press('Tab');
    if (await page.evaluate(done, null).catch(() => false)) return presses;
  }
  throw new Error(`not reached in ${max} Tab presses`);
}

test('keyboard only: skip links, one tab stop for the trunk rows (arrows, Home, End, Enter), From/To typed in 24-hour time and clamped to the span', async ({ page }) => {
  await openSampleDay(page);
  const rows = page.getByTestId('trunk-row');

  // From the top of the page (the clicked sample button is gone), the first Tab shows the skip
  // links; "Skip to trunks" lands at the table.
  await page.evaluate(() => {
    document.body.tabIndex = -1;
    document.body.focus();
    document.body.removeAttribute('tabindex');
  });
  await page.keyboard.press('Tab');
  await expect(page.getByRole('link', { name: 'Skip to trunks' })).toBeFocused();
  await page.keyboard.press('Enter');
  await expect(page.locator('#trunks-panel')).toBeFocused();
  // Past the share button and the column headers, the rows are one stop: the first row.
  const presses = await tabUntil(page, () => document.activeElement?.getAttribute('data-testid') === 'trunk-row');
  expect(presses).toBeLessThanOrEqual(12);
  await expect(rows.first()).toBeFocused();
  for (let i = 0; i < 5; i++) await page.keyboard.press('ArrowDown');
  await expect(rows.nth(5)).toBeFocused();
  await page.keyboard.press('Enter');
  await expect(rows.nth(5)).toHaveAttribute('aria-selected', 'true');
  const sixth = await rows.nth(5).getAttribute('data-trunk');
  await expect(page.getByTestId('dashboard')).toHaveAttribute('aria-busy', 'false');
  await page.keyboard.press('End');
  await expect(rows.last()).toBeFocused();
  await page.keyboard.press('Home');
  await expect(rows.first()).toBeFocused();
  // Tab leaves the table in one press (the rows are one stop), and comes back to the last row used.
  await page.keyboard.press('Tab');
  await expect(page.getByTestId('trunk-row').locator(':focus')).toHaveCount(0);
  await page.keyboard.press('Shift+Tab');
  await expect(rows.first()).toBeFocused();
  // → reaches the row's controls and numbers (compare, rename, the 503 rate with its formula).
  for (let i = 0; i < 3; i++) await page.keyboard.press('ArrowRight');
  await expect(page.locator(':focus [role="tooltip"]')).toBeVisible();
  await expect(page.locator(':focus [role="tooltip"]')).toContainText('503 rate');
  await page.keyboard.press('Home');
  await expect(rows.first()).toBeFocused();
  await expect(page.locator('[data-trunk="' + sixth + '"]')).toHaveAttribute('aria-selected', 'true');

  // The window by keyboard: skip to the timeline, Tab to From, type 24-hour times.
  await page.keyboard.press('Shift+Tab');
  await page.getByRole('link', { name: 'Skip to the timeline' }).focus();
  await page.keyboard.press('Enter');
  await tabUntil(page, () => document.activeElement?.getAttribute('aria-label') === null && document.activeElement?.closest('label')?.textContent?.startsWith('From') === true);
  const status = page.getByTestId('window-status');
  await page.keyboard.press('ControlOrMeta+a');
  await page.keyboard.type('14:35');
  await page.keyboard.press('Tab');
  await expect(page.getByLabel('To', { exact: true })).toBeFocused();
  await page.keyboard.press('ControlOrMeta+a');
  await page.keyboard.type('2026-11-16 17:40');
  await page.keyboard.press('Enter');
  await expect(status).toContainText('Window 2026-11-16 14:35:00 – 2026-11-16 17:40:00');

  // Outside the span: clamped to the first call, and the note says so (the sample day starts 08:00:02).
  await page.keyboard.press('Shift+Tab');
  await page.keyboard.press('ControlOrMeta+a');
  await page.keyboard.type('06:00');
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('window-note')).toHaveText('From 2026-11-16 06:00 is before the first call; set to 2026-11-16 08:00:02.');
  await expect(status).toContainText('Window 2026-11-16 08:00:02 – 2026-11-16 17:40:00');
  // A 12-hour time is refused with a message, not turned into another time.
  await page.keyboard.press('ControlOrMeta+a');
  await page.keyboard.type('02:30 PM');
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('window-note')).toContainText('“02:30 PM” is not a date and time');
  await expect(status).toContainText('Window 2026-11-16 08:00:02 – 2026-11-16 17:40:00');

  // Presets: the last hour, then the whole span.
  await page.getByRole('button', { name: 'Last hour' }).focus();
  await page.keyboard.press('Enter');
  await expect(status).toContainText('Window 2026-11-16 18:59:58 – 2026-11-16 19:59:58');
  await page.getByRole('button', { name: 'Whole span' }).focus();
  await page.keyboard.press('Enter');
  await expect(status).toContainText('Whole span');
});
