import { expect, test, type Page } from '@playwright/test';
import { AppPage, fixture as fixtureOf } from './app-page';

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

test('a Master.csv, whose calls cannot show a 603: its "n/a" cells are no tab stops of their own, the trunk rows stay one', async ({ page }) => {
  const app = new AppPage(page);
  await app.open();
  // Dispositions only: the CLI reads its trunks' 603 as n/a.
  await app.chooseFiles(fixtureOf('asterisk-cdr-csv', 'crlf.csv'));
  await app.waitUntilRead();
  const row = page.getByTestId('trunk-row').filter({ has: page.locator('[role="tooltip"]', { hasText: 'these calls cannot show a 603' }) }).first();
  await expect(row).toBeVisible();
  await row.focus();
  await page.keyboard.press('Tab');
  await expect(page.getByTestId('trunk-table').locator(':focus')).toHaveCount(0);
});

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
  // The trunk CSV and share buttons, then one stop per sortable header (Trunk … Since, SEER among them).
  expect(presses).toBeLessThanOrEqual(13);
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
  await expect(page.locator(':focus [role="tooltip"]')).toContainText('503 rate'); // what a screen reader reads (aria-describedby)
  await expect(page.getByTestId('hint-layer')).toBeVisible();
  await expect(page.getByTestId('hint-layer')).toContainText('503 rate');
  // The formula, then its numbers on a line of their own: the count beside the rate is the numerator.
  const count = ((await page.locator(':focus > span').first().textContent()) ?? '').replace(/[()]/g, '');
  await expect(page.getByTestId('hint-layer')).toHaveText(new RegExp(`/ attempts\\n= ${count} / [\\d,]+$`));
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

/** The page and the trunk table's box do not scroll sideways. */
async function sideways(page: Page) {
  return page.evaluate(() => {
    const doc = document.documentElement;
    const box = document.querySelector('[data-testid="trunk-table"]')!.parentElement!;
    return { page: doc.scrollWidth - doc.clientWidth, table: box.scrollWidth - box.clientWidth };
  });
}

for (const width of [1024, 390]) {
  test(`at ${width} px: no sideways scroll, names on one line with their full text on hover, every number of the selected trunk in its details`, async ({ page }) => {
    await page.setViewportSize({ width, height: 800 });
    await openSampleDay(page);
    await expect(page.getByTestId('walk-panel')).toBeVisible();
    expect(await sideways(page)).toEqual({ page: 0, table: 0 });
    // One line per name (a 20 px line, not four): the row's name cell is not taller than its numbers.
    const name = page.getByTestId('trunk-row').nth(1).locator('th [title]').first();
    await expect(name).toHaveAttribute('title', /Carrier F/);
    expect((await name.boundingBox())!.height).toBeLessThan(30);
    // The selected trunk (the worst, Carrier I: 1,024 attempts, all 403) with all its numbers.
    const details = page.getByTestId('trunk-details');
    await expect(details).toBeVisible();
    await expect(details).toContainText('NER');
    await expect(details).toContainText('100 % (1,024 of 1,024)');
    if (width === 390) await expect(page.getByTestId('trunk-table').getByRole('columnheader', { name: /ASR/ })).toBeHidden();
    // A long name truncates instead of widening the table.
    await page.getByRole('button', { name: 'Rename trunk Carrier I' }).click();
    await page.getByLabel('New name for prefix 77').fill('Carrier I — the wholesale route through Frankfurt and Amsterdam, backup only');
    await page.getByRole('button', { name: 'Save' }).click();
    await expect(page.getByTestId('trunk-row').first().locator('th [title]').first()).toHaveAttribute('title', /backup only/);
    expect(await sideways(page)).toEqual({ page: 0, table: 0 });
    // The breakdown tables keep all five columns inside their cards, on a trunk with the widest numbers
    // (Carrier B: 12,396 calls to prefix 1, 603 at 0.07 %: the 603 column was cut at 390 px).
    await page.getByTestId('trunk-row').filter({ hasText: 'Carrier B' }).first().click();
    await expect(page.getByTestId('prefixes')).toContainText('12,396');
    for (const id of ['prefixes', 'caller-ids', 'hours']) {
      const card = page.getByTestId(id);
      await card.scrollIntoViewIfNeeded();
      const scroller = card.locator('table').locator('xpath=..');
      expect(await scroller.evaluate((box) => box.scrollWidth - box.clientWidth)).toBe(0);
    }
    // The flowchart is drawn once, folded under the walk's steps.
    await expect(page.getByTestId('flowchart')).toHaveCount(1);
    await expect(page.getByTestId('flowchart')).toBeHidden();
  });
}

/**
 * In the page: hint `k` scrolled to the middle of the window (and focused, for `focus`); then
 * whether the hint layer shows its formula whole, on top and inside the window (null), or what is
 * wrong. Hit-tested at its corners and centre, pointer events on for once: a clipped or covered
 * layer is not what those points hit. Undefined for a hint not shown (a column a phone hides).
 */
function probeHint({ k, focus }: { k: number; focus: boolean }): string | null | undefined {
  const anchor = document.querySelectorAll<HTMLElement>('[data-hint]')[k]!;
  if (anchor.getClientRects().length === 0) return undefined;
  anchor.scrollIntoView({ block: 'center' });
  if (focus) anchor.focus();
  const shown = document.querySelector<HTMLElement>('[data-testid="hint-layer"]')!;
  if (shown.hidden) return `${k}: not shown`;
  if (shown.textContent !== anchor.querySelector('[role="tooltip"]')!.textContent) return `${k}: shows "${shown.textContent}"`;
  const box = shown.getBoundingClientRect();
  if (box.left < 0 || box.top < 0 || box.right > innerWidth || box.bottom > innerHeight) return `${k}: past the window`;
  shown.style.pointerEvents = 'auto';
  const points: Array<[number, number]> = [[box.left + 2, box.top + 2], [box.right - 2, box.bottom - 2], [box.left + box.width / 2, box.top + box.height / 2]];
  const onTop = points.every(([x, y]) => shown.contains(document.elementFromPoint(x, y)));
  shown.style.pointerEvents = '';
  return onTop ? null : `${k}: covered or cut off`;
}

for (const width of [1440, 390]) {
  test(`at ${width} px: every number's formula opens whole, on top, inside the window (none cut off by a table that scrolls or a block below the first screen)`, async ({ page }) => {
    await page.setViewportSize({ width, height: 800 });
    await openSampleDay(page);
    await expect(page.getByTestId('dashboard')).toHaveAttribute('aria-busy', 'false');
    const count = await page.locator('[data-hint]').count();
    // The trunk table, its details, the panels and the breakdowns (the sample day: 153 at 1440 px).
    expect(count).toBeGreaterThan(100);
    const problems: string[] = [];
    // Every one by the keyboard, the mouse away.
    await page.mouse.move(0, 0);
    for (let k = 0; k < count; k++) {
      const problem = await page.evaluate(probeHint, { k, focus: true });
      if (problem) problems.push(`focus ${problem}`);
    }
    // One in five by the mouse, moved onto it (the layer is placed alike; this is its hover path).
    await page.getByRole('heading', { name: 'Trunks' }).click();
    for (let k = 0; k < count; k += 5) {
      const box = await page.locator('[data-hint]').nth(k).evaluate((hint) => (hint.scrollIntoView({ block: 'center' }), hint.getClientRects().length ? hint.getBoundingClientRect().toJSON() as DOMRect : null));
      if (!box) continue;
      await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
      const problem = await page.evaluate(probeHint, { k, focus: false });
      if (problem) problems.push(`hover ${problem}`);
    }
    expect(problems).toEqual([]);
    // The mouse leaves, nothing is focused: the formula goes.
    await page.mouse.move(0, 0);
    await expect(page.getByTestId('hint-layer')).toBeHidden();
  });
}

test('small things: no empty "What to check" on a healthy verdict; a code named like its class says it once; only the file’s platform commands', async ({ page }) => {
  const app = await openSampleDay(page);
  // Carrier A (prefix 9) is healthy.
  await page.locator('[data-trunk="prefix 9"]').click();
  await expect(page.getByTestId('walk-leaf')).toHaveText('Healthy');
  await expect(page.getByTestId('walk-panel').getByRole('heading', { name: 'What to check, in order' })).toHaveCount(0);

  // Asterisk dispositions: ANSWERED is both the code and the class.
  await app.chooseFiles(fixtureOf('asterisk-cdr-csv', 'basic.csv'));
  await page.locator('[data-trunk="carrierA"]').click();
  await expect(page.getByTestId('codes-panel')).toContainText('ANSWERED');
  await expect(page.getByTestId('codes-panel')).not.toContainText(/answered\s*answered/i);

  // A Kamailio file: commands for Kamailio (and any box), none for Asterisk, FreeSWITCH or VICIdial.
  await app.chooseFiles(fixtureOf('kamailio-acc', 'basic.csv'));
  const walk = page.getByTestId('walk-panel');
  await expect(walk).toBeVisible();
  const platforms = await walk.locator('dt').allTextContents();
  expect(platforms).toContain('Kamailio');
  expect(platforms.filter((p) => /Asterisk|FreeSWITCH|VICIdial/.test(p))).toEqual([]);
});
