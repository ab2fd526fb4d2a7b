/**
 * Hostile input in the page (issue 14): trunk names that are built-in property names, files written
 * here by the test (nothing downloaded). Screenshots land in test-results/hostile/ for a look.
 */
import { expect, test } from '@playwright/test';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { AppPage, ROOT } from './app-page';

const tmp = mkdtempSync(path.join(tmpdir(), 'trunk-triage-hostile-'));
const file = (name: string, text: string) => {
  const p = path.join(tmp, name);
  writeFileSync(p, text);
  return p;
};
const shot = (name: string) => path.join(ROOT, 'test-results', 'hostile', name);

const BUILTIN_TRUNKS = ['__proto__', 'constructor', 'toString', 'hasOwnProperty', 'valueOf'];

/** Per trunk k (0-based): 10 + k calls, the first k + 1 of them 503. */
function builtinCsv(): string {
  const lines = ['Start Time,Carrier,SIP Code,Destination,Duration'];
  let s = 0;
  BUILTIN_TRUNKS.forEach((trunk, k) => {
    for (let i = 0; i < 10 + k; i++) {
      s++;
      lines.push(`2024-11-20 10:${String(Math.floor(s / 60)).padStart(2, '0')}:${String(s % 60).padStart(2, '0')},${trunk},${i <= k ? 503 : 200},44207183${String(s).padStart(4, '0')},${i <= k ? 0 : 30}`);
    }
  });
  return `${lines.join('\n')}\n`;
}

test('a file whose trunks are __proto__, constructor, toString …: each is a row with its own numbers, and renames stick', async ({ page }) => {
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  const app = new AppPage(page);
  await app.open();
  await app.chooseFiles(file('builtin-trunks.csv', builtinCsv()));
  const table = page.getByTestId('trunk-table');
  for (const [k, trunk] of BUILTIN_TRUNKS.entries()) {
    const row = table.locator(`[data-trunk="${trunk}"]`);
    await expect(row).toBeVisible();
    await expect(row).toContainText(trunk);
    await expect(row).toContainText(`(${k + 1})`);
    await expect(row).not.toContainText('native code');
  }
  await expect(page.getByTestId('ingest-status')).toContainText('60 calls on 5 trunks');
  const proto = table.locator('[data-trunk="__proto__"]');
  await proto.getByRole('button', { name: 'Rename trunk __proto__' }).click();
  await proto.getByRole('textbox', { name: 'New name for __proto__' }).fill('Carrier P');
  await proto.getByRole('button', { name: 'Save' }).click();
  await expect(proto).toContainText('Carrier P');
  await expect(table.locator('[data-trunk="constructor"]')).not.toContainText('Carrier P');
  await page.screenshot({ path: shot('builtin-trunks.png'), fullPage: true });
  await app.expectNoNetwork();
  await page.reload();
  await app.chooseFiles(file('builtin-trunks.csv', builtinCsv()));
  await expect(table.locator('[data-trunk="__proto__"]')).toContainText('Carrier P');
  expect(errors).toEqual([]);
});
