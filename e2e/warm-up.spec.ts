/**
 * Once loaded, the workers warm up on generated days of their own (src/worker/warm-up.ts): the
 * page shows none of it, makes no request for it, and a file dropped while it runs goes first
 * with the same answers as a file dropped after it.
 */
import { expect, test, type Page } from '@playwright/test';
import { AppPage } from './app-page';
import { SAMPLE_DAY_FILE_NAME } from '../src/worker/sample-day';

const workersState = (page: Page) => page.evaluate(() => document.documentElement.dataset.workers ?? null);

/** What the page says about the sample day: the status line, every trunk row, the file's card. */
async function sampleDayAnswers(app: AppPage): Promise<{ status: string; rows: string[]; card: string }> {
  await app.waitUntilRead();
  await expect(app.page.getByTestId('dashboard')).not.toHaveAttribute('aria-busy', 'true');
  await expect(app.page.getByTestId('trunk-row').first()).toBeVisible();
  return {
    status: (await app.page.getByTestId('ingest-status').textContent()) ?? '',
    rows: await app.page.getByTestId('trunk-row').allTextContents(),
    card: (await app.fileReport(SAMPLE_DAY_FILE_NAME).textContent()) ?? '',
  };
}

test('the warm-up shows nothing and asks for nothing: after it the page is the first screen', async ({ page }) => {
  const app = new AppPage(page);
  await app.open();
  await expect(page.locator('html[data-workers="warm"]')).toBeAttached();
  await expect(page.locator('main')).toHaveAttribute('data-state', 'empty');
  await expect(page.getByRole('heading', { name: 'Drop a CDR export anywhere on this page' })).toBeVisible();
  await expect(page.getByTestId('ingest-status')).toHaveCount(0);
  await expect(page.getByRole('article')).toHaveCount(0);
  await app.expectNoNetwork();
});

test('the page draws a dashboard once out of sight before the workers start, and leaves nothing of it behind', async ({ page }) => {
  // Every element added to <body> beside #root, as it was when added and when removed.
  await page.addInitScript(() => {
    const seen: Array<{ hidden: boolean; inert: boolean; ariaHidden: string | null; chart: boolean; panels: boolean; removedBeforeWorkers: boolean }> = [];
    (window as unknown as { warmUpHosts: typeof seen }).warmUpHosts = seen;
    document.addEventListener('DOMContentLoaded', () => {
      const hosts = new Map<Element, (typeof seen)[number]>();
      new MutationObserver((records) => {
        for (const record of records) {
          for (const node of record.addedNodes) {
            if (!(node instanceof HTMLElement) || node.id === 'root') continue;
            const entry = { hidden: getComputedStyle(node).visibility === 'hidden', inert: node.inert, ariaHidden: node.getAttribute('aria-hidden'), chart: false, panels: false, removedBeforeWorkers: false };
            hosts.set(node, entry);
            seen.push(entry);
            // Its timeline is drawn once its box is laid out (a frame or two after it is added), then its panels.
            new MutationObserver(() => {
              entry.chart ||= node.querySelector('[data-testid="dashboard"] svg.plain-chart') !== null;
              // Every block of them (they mount a block per frame): the last is the hour-of-day table.
              entry.panels ||= node.querySelector('[data-testid="cps-panel"]') !== null && [...node.querySelectorAll('h3')].some((h) => h.textContent?.trim() === 'Hour of day');
            }).observe(node, { childList: true, subtree: true });
          }
          for (const node of record.removedNodes) {
            const entry = hosts.get(node as Element);
            if (entry) entry.removedBeforeWorkers = document.documentElement.dataset.workers === undefined;
          }
        }
      }).observe(document.body, { childList: true });
    });
  });
  const app = new AppPage(page);
  await app.open();
  const hosts = await page.evaluate(() => (window as unknown as { warmUpHosts: unknown }).warmUpHosts);
  expect(hosts).toEqual([{ hidden: true, inert: true, ariaHidden: 'true', chart: true, panels: true, removedBeforeWorkers: true }]);
  expect(await page.evaluate(() => [...document.body.children].map((e) => e.id))).toEqual(['root']);
  await expect(page.getByTestId('dashboard')).toHaveCount(0);
  await expect(page.locator('main')).toHaveAttribute('data-state', 'empty');
});

test('the sample day asked for during the warm-up goes first, with the answers it has after the warm-up', async ({ browser }) => {
  const during = new AppPage(await browser.newPage());
  await during.open();
  // Checked and clicked in one task of the page, so the warm-up cannot end in between.
  const stateAtClick = await during.page.evaluate(() => {
    const state = document.documentElement.dataset.workers ?? null;
    [...document.querySelectorAll('button')].find((b) => b.textContent?.trim() === 'Try a sample day')?.click();
    return state;
  });
  expect(stateAtClick).toBe('ready');
  const duringAnswers = await sampleDayAnswers(during);
  // The warm-up was stopped, not finished behind the file: it never said "warm".
  expect(await workersState(during.page)).toBe('ready');
  await during.expectNoNetwork();

  const after = new AppPage(await browser.newPage());
  await after.open();
  await expect(after.page.locator('html[data-workers="warm"]')).toBeAttached();
  await after.page.getByRole('button', { name: 'Try a sample day' }).click();
  const afterAnswers = await sampleDayAnswers(after);

  expect(duringAnswers.status).toContain('calls on 10 trunks');
  expect(duringAnswers.rows).toHaveLength(10);
  expect(duringAnswers).toEqual(afterAnswers);
});

test('a page opened on a shared link never warms up: it only shows the link', async ({ browser }) => {
  const shared = await browser.newPage();
  await shared.goto('/#v1.AAAA');
  await expect(shared.locator('html[data-workers="ready"]')).toBeAttached();
  // Another page opened after it warms up on the same machine; by then the shared one would have too.
  const other = new AppPage(await browser.newPage());
  await other.open();
  await expect(other.page.locator('html[data-workers="warm"]')).toBeAttached();
  expect(await workersState(shared)).toBe('ready');
});

test('a page that draws no frames (a tab opened in the background) still warms its workers and leaves no hidden dashboard', async ({ browser }) => {
  for (const hidden of [false, true]) {
    const page = await browser.newPage();
    await page.addInitScript((hidden) => {
      // A background tab runs no animation frame callbacks (and says it is hidden).
      window.requestAnimationFrame = () => 0;
      if (hidden) Object.defineProperty(Document.prototype, 'hidden', { configurable: true, get: () => true });
      const added: string[] = [];
      (window as unknown as { added: string[] }).added = added;
      document.addEventListener('DOMContentLoaded', () => {
        new MutationObserver((records) => {
          for (const record of records) for (const node of record.addedNodes) if (node instanceof HTMLElement && node.id !== 'root') added.push(node.tagName);
        }).observe(document.body, { childList: true });
      });
    }, hidden);
    const app = new AppPage(page);
    await app.open();
    await expect(page.locator('html[data-workers="warm"]')).toBeAttached();
    expect(await page.evaluate(() => [...document.body.children].map((e) => e.id))).toEqual(['root']);
    // Hidden, the page draws nothing out of sight at all; visible without frames, once, then removed.
    expect(await page.evaluate(() => (window as unknown as { added: string[] }).added)).toEqual(hidden ? [] : ['DIV']);
    await page.close();
  }
});
