/**
 * The first screen paints before any worker exists: the worker's script (every parser) is fetched
 * and compiled after the drop zone and the sample-day button are on screen, not in their way.
 */
import { expect, test } from '@playwright/test';
import { AppPage } from './app-page';

declare global {
  interface Window {
    /** performance.now() when the page first constructed a Worker (set by the init script below). */
    firstWorkerAt?: number;
    /** Per 'panels' question posted to the worker: whether a trunk row was on the page then. */
    panelsAsked?: boolean[];
  }
}

test('the drop zone and the sample-day button paint before the first worker is created', async ({ page }) => {
  await page.addInitScript(() => {
    const Native = window.Worker;
    window.Worker = class extends Native {
      constructor(url: string | URL, options?: WorkerOptions) {
        window.firstWorkerAt ??= performance.now();
        super(url, options);
      }
    };
  });
  const app = new AppPage(page);
  await app.open();
  await expect(page.getByRole('heading', { name: 'Drop a CDR export anywhere on this page' })).toBeVisible();
  await expect(page.getByRole('button', { name: 'Try a sample day' })).toBeEnabled();
  const at = await page.evaluate(() => ({
    firstPaint: performance.getEntriesByName('first-contentful-paint')[0]?.startTime ?? null,
    firstWorker: window.firstWorkerAt ?? null,
  }));
  test.info().annotations.push({ type: 'first paint / first worker (ms)', description: `${at.firstPaint} / ${at.firstWorker}` });
  expect(at.firstPaint).not.toBeNull();
  expect(at.firstWorker).not.toBeNull(); // the worker is still started ahead of the first drop (app.open waited for it)
  expect(at.firstWorker!).toBeGreaterThan(at.firstPaint!);
});

test('a dashboard whose code cannot be loaded leaves the page standing and says so', async ({ page }) => {
  await page.route(/live-dashboard-[^/]*\.js$/, (route) => route.abort());
  const app = new AppPage(page);
  await app.open();
  await page.getByRole('button', { name: 'Try a sample day' }).click();
  await expect(page.getByTestId('chunk-failed')).toContainText('The dashboard could not be loaded');
  await expect(page.getByRole('heading', { name: 'Trunk Triage' })).toBeVisible();
  await expect(page.getByTestId('ingest-status')).toContainText('calls on 10 trunks');
});

test('the panels are asked for once the trunk table is on screen: their answer does not start its drawing over', async ({ page }) => {
  await page.addInitScript(() => {
    const post = Worker.prototype.postMessage;
    Worker.prototype.postMessage = function (this: Worker, message: unknown, ...rest: never[]) {
      if ((message as { type?: unknown } | null)?.type === 'panels') (window.panelsAsked ??= []).push(document.querySelector('[data-testid="trunk-row"]') !== null);
      return post.call(this, message, ...rest);
    } as typeof post;
  });
  const app = new AppPage(page);
  await app.open();
  await page.getByRole('button', { name: 'Try a sample day' }).click();
  await expect(page.getByTestId('dashboard')).toHaveAttribute('aria-busy', 'false');
  await expect(page.getByTestId('cps-panel')).toBeVisible();
  expect(await page.evaluate(() => window.panelsAsked)).toEqual([true]);
});
