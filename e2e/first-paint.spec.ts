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
    /** The animation frame (counted from the page's start) each panel block first appeared in, and the last one the dashboard went idle in. */
    panelFrames?: Record<string, number>;
    /** Hands the page the worker's top answers held back so far, and every later one at once. */
    releaseTops?: () => void;
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

test('the panels below the first screen are mounted one block per frame, and the dashboard is busy until the last is in', async ({ page }) => {
  await page.addInitScript(() => {
    const frames: Record<string, number> = {};
    window.panelFrames = frames;
    let frame = 0;
    const tick = () => {
      frame += 1;
      requestAnimationFrame(tick);
    };
    requestAnimationFrame(tick);
    const heading = (text: string) => [...document.querySelectorAll('h2, h3')].some((h) => h.textContent?.trim() === text);
    const blocks: Record<string, () => boolean> = {
      cps: () => document.querySelector('[data-testid="cps-panel"]') !== null,
      breakdowns: () => heading('Destination prefixes'),
      hours: () => heading('Hour of day'),
      kpi: () => document.querySelector('[data-testid="kpi-panel"]') !== null,
    };
    new MutationObserver(() => {
      for (const [name, present] of Object.entries(blocks)) if (!(name in frames) && present()) frames[name] = frame;
      if (document.querySelector('[data-testid="dashboard"]')?.getAttribute('aria-busy') === 'false') frames.idle = frame;
    }).observe(document, { subtree: true, childList: true, attributes: true, attributeFilter: ['aria-busy'] });
  });
  const app = new AppPage(page);
  await app.open();
  await page.getByRole('button', { name: 'Try a sample day' }).click();
  await expect(page.getByTestId('dashboard')).toHaveAttribute('aria-busy', 'false');
  const f = (await page.evaluate(() => window.panelFrames))!;
  // Each block in a later frame than the one before it; idle no sooner than the last block.
  expect([f.cps! < f.breakdowns!, f.breakdowns! < f.hours!, f.hours! < f.kpi!, f.idle! >= f.kpi!]).toEqual([true, true, true, true]);
});

test('the trunk table and the worst trunk\'s timeline are drawn from the first answer, before its top: the same numbers, a click works', async ({ page }) => {
  // The worker's top answers (made unasked after a read, or asked for) reach the page only when the test says.
  await page.addInitScript(() => {
    const held: Array<() => void> = [];
    let holding = true;
    window.releaseTops = () => {
      holding = false;
      for (const deliver of held.splice(0)) deliver();
    };
    const listen = Worker.prototype.addEventListener;
    Worker.prototype.addEventListener = function (this: Worker, type: string, listener: EventListenerOrEventListenerObject, ...rest: never[]) {
      if (type !== 'message' || typeof listener !== 'function') return listen.call(this, type, listener, ...rest);
      const holdingTops = (event: Event) => {
        const message = (event as MessageEvent<{ type?: unknown; part?: unknown } | null>).data;
        const isTop = message?.type === 'top' || (message?.type === 'first-answer' && message.part === 'top');
        if (holding && isTop) held.push(() => listener.call(this, event));
        else listener.call(this, event);
      };
      return listen.call(this, type, holdingTops, ...rest);
    } as typeof listen;
  });
  const app = new AppPage(page);
  await app.open();
  await page.getByRole('button', { name: 'Try a sample day' }).click();
  const rows = page.getByTestId('trunk-row');
  await expect(rows).toHaveCount(10);
  // The worst trunk's timeline came with the table (counted with it); its count waits for its top.
  await expect(page.getByTestId('timeline').locator('svg.plain-chart')).toBeVisible();
  await expect(page.getByTestId('timeline-pending')).toHaveCount(0);
  await expect(page.getByTestId('window-status')).toHaveText(/^Whole span: … calls for /);
  const worst = await rows.first().getAttribute('data-trunk');
  await expect(rows.first()).toHaveAttribute('aria-selected', 'true');
  // A click before the top comes selects that trunk; its own top is asked for (and held), its timeline's place kept meanwhile.
  const second = rows.nth(1);
  const picked = await second.getAttribute('data-trunk');
  expect(picked).not.toBe(worst);
  await second.click();
  await expect(second).toHaveAttribute('aria-selected', 'true');
  await expect(page.getByTestId('timeline-pending')).toBeVisible();
  const fromTable = await rows.allInnerTexts();
  // The status line names the clicked trunk at once; its count comes with its top.
  const pending = (await page.getByTestId('window-status').innerText()).match(/^Whole span: … calls for (.+)$/);
  expect(pending?.[1]).toBeTruthy();

  await page.evaluate(() => window.releaseTops?.());
  await expect(page.getByTestId('timeline').locator('svg.plain-chart')).toBeVisible();
  // One trunk over the whole span: its calls are its attempts in the table.
  const attempts = await second.locator('td').nth(1).innerText();
  await expect(page.getByTestId('window-status')).toHaveText(`Whole span: ${attempts} calls for ${pending?.[1]}`);
  await expect(page.getByTestId('dashboard')).toHaveAttribute('aria-busy', 'false');
  // The rows drawn from the top's table read as they did from the first answer's.
  expect(await rows.allInnerTexts()).toEqual(fromTable);
  await expect(second).toHaveAttribute('aria-selected', 'true');
});
