import { expect, type Page, type Request } from '@playwright/test';
import { readFileSync } from 'node:fs';
import path from 'node:path';

export const ROOT = path.resolve(import.meta.dirname, '..');
export const fixture = (...parts: string[]) => path.join(ROOT, 'fixtures', 'cdr', ...parts);

/** Page model: what a user does with Trunk Triage, by role and label. */
export class AppPage {
  readonly requestsAfterReady: Request[] = [];
  readonly cspViolations: string[] = [];

  constructor(readonly page: Page) {}

  async open(): Promise<void> {
    this.page.on('console', (msg) => {
      if (/Content Security Policy/i.test(msg.text())) this.cspViolations.push(msg.text());
    });
    await this.page.goto('/');
    // Loaded: the page's own files (the load event), then the dashboards' chunk and the workers'
    // scripts, which the app reports itself (html[data-workers]: "ready" after both, "warm" once their warm-up is done). Not 'networkidle': Playwright may never see a nested
    // worker's script request finish, and then waits for it forever.
    await this.page.waitForLoadState('load');
    await expect(this.page.locator('html[data-workers]')).toBeAttached();
    await expect(this.page.getByRole('heading', { name: 'Trunk Triage' })).toBeVisible();
    // From here on the page must not touch the network at all.
    this.page.on('request', (r) => this.requestsAfterReady.push(r));
  }

  /** Read these files instead of what is loaded (the first screen's chooser, or "Replace all…"). */
  async chooseFiles(...files: string[]): Promise<void> {
    await this.page.getByLabel('CDR files to read').setInputFiles(files);
    await this.waitUntilRead();
  }

  /** "Add files…": read these beside the files loaded; resolves once the page says what it added. */
  async addFiles(...files: string[]): Promise<void> {
    await this.page.getByLabel('CDR files to add to the ones loaded').setInputFiles(files);
    await expect(this.page.getByTestId('session-notice')).toBeVisible();
    await this.waitUntilRead();
  }

  /** Drop files onto the page with a real DragEvent carrying a DataTransfer, as a browser does (a drop adds to what is loaded). */
  async dropFiles(...files: string[]): Promise<void> {
    const payload = files.map((f) => ({ name: path.basename(f), base64: readFileSync(f).toString('base64') }));
    await this.page.evaluate((items) => {
      const dt = new DataTransfer();
      for (const item of items) {
        const bytes = Uint8Array.from(atob(item.base64), (c) => c.charCodeAt(0));
        dt.items.add(new File([bytes], item.name));
      }
      const target = document.querySelector('main') ?? document.body;
      target.dispatchEvent(new DragEvent('dragenter', { bubbles: true, cancelable: true, dataTransfer: dt }));
      target.dispatchEvent(new DragEvent('dragover', { bubbles: true, cancelable: true, dataTransfer: dt }));
      target.dispatchEvent(new DragEvent('drop', { bubbles: true, cancelable: true, dataTransfer: dt }));
    }, payload);
    await this.waitUntilRead();
  }

  async waitUntilRead(): Promise<void> {
    await expect(this.page.locator('main[data-state="ready"]')).toBeVisible();
  }

  fileReport(fileName: string) {
    return this.page.getByRole('article', { name: fileName });
  }

  async expectNoNetwork(): Promise<void> {
    // blob: and data: URLs are the page reading its own memory (a chart drawn for PNG export); every
    // other request (http, https, ws, even same-origin) would be a request leaving the page.
    const leaving = this.requestsAfterReady.map((r) => r.url()).filter((u) => !u.startsWith('blob:') && !u.startsWith('data:'));
    expect(leaving).toEqual([]);
    expect(this.cspViolations).toEqual([]);
  }
}

/** Start recording the page's long main-thread tasks (PerformanceObserver 'longtask'). */
export async function watchLongTasks(page: Page): Promise<void> {
  await page.evaluate(() => {
    const w = window as unknown as { longTasks: number[] };
    w.longTasks = [];
    new PerformanceObserver((list) => {
      for (const e of list.getEntries()) w.longTasks.push(e.duration);
    }).observe({ type: 'longtask' });
  });
}

/** The longest task recorded since watchLongTasks (ms; 0 when none was over 50 ms). */
export const longestTask = (page: Page) => page.evaluate(() => Math.max(0, ...(window as unknown as { longTasks: number[] }).longTasks));
