import { expect, test } from '@playwright/test';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { AppPage } from './app-page';

const tmp = mkdtempSync(path.join(tmpdir(), 'trunk-triage-e2e-'));
const file = (name: string, bytes: Uint8Array | string) => {
  const p = path.join(tmp, name);
  writeFileSync(p, bytes);
  return p;
};

test('the built page carries a strict Content-Security-Policy that forbids network connections', async ({ page }) => {
  const app = new AppPage(page);
  await app.open();
  const csp = await page.locator('meta[http-equiv="Content-Security-Policy"]').getAttribute('content');
  expect(csp).toContain("connect-src 'none'");
  expect(csp).toContain("default-src 'none'");
  // The page itself cannot reach out, even if some code tried.
  const blocked = await page.evaluate(async () => {
    try {
      await fetch('https://example.com/beacon', { method: 'POST', body: 'x' });
      return false;
    } catch {
      return true;
    }
  });
  expect(blocked).toBe(true);
});

test('the workers that hold the file run under the page\'s policy: none can fetch, each can compile the plain-record kernel', async ({ page }) => {
  const app = new AppPage(page);
  await app.open();
  await expect(page.locator('html[data-workers="warm"]')).toBeAttached();
  // The ingest worker and its piece workers (a worker started from its script's URL would run under no policy at all).
  const workers = page.workers();
  expect(workers.length).toBeGreaterThanOrEqual(2);
  const beacon = new URL('/favicon.svg', page.url()).href;
  for (const worker of workers) {
    const fetched = await worker.evaluate(async (url) => {
      try {
        await fetch(url);
        return 'fetched';
      } catch {
        return 'blocked';
      }
    }, beacon);
    expect(fetched, worker.url()).toBe('blocked');
    // The smallest module: what 'wasm-unsafe-eval' allows (src/core/read/plain-scan compiles the real one the same way).
    const compiles = await worker.evaluate(() => {
      try {
        new WebAssembly.Module(new Uint8Array([0, 97, 115, 109, 1, 0, 0, 0]));
        return true;
      } catch {
        return false;
      }
    });
    expect(compiles, worker.url()).toBe(true);
  }
});

test('a garbage file shows a clear error naming it, and the app still reads the next file', async ({ page }) => {
  const app = new AppPage(page);
  await app.open();
  const garbage = file('photo.jpg', Uint8Array.from({ length: 4096 }, (_, i) => (i * 7919 + 13) % 256));
  await app.chooseFiles(garbage);
  await expect(app.fileReport('photo.jpg').getByRole('alert')).toContainText('photo.jpg cannot be read');
  await expect(app.fileReport('photo.jpg').getByRole('alert')).toContainText('binary file');

  const empty = file('empty.csv', '');
  await app.chooseFiles(empty);
  await expect(app.fileReport('empty.csv').getByRole('alert')).toContainText('empty.csv is empty');

  const notCdr = file('shopping.csv', 'item,qty\napples,3\npears,2\n');
  await app.chooseFiles(notCdr);
  await expect(app.fileReport('shopping.csv').getByRole('alert')).toContainText('is not a CDR format');
  await app.expectNoNetwork();
});
