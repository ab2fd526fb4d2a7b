import { expect, test } from '@playwright/test';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { AppPage, longestTask, watchLongTasks } from './app-page';

const tmp = mkdtempSync(path.join(tmpdir(), 'trunk-triage-table-'));

/**
 * 20,000 trunks (a carrier portal export where the "trunk" column is really a per-call id):
 * trunk-00000 … trunk-00199 have 3 calls each (one 503, one 603, one answered), the other 19,800
 * one answered call each — 20,400 calls.
 */
function twentyThousandTrunks(): string {
  const lines = ['Start Time,Carrier,SIP Code,Reason,Destination,Duration'];
  const at = (s: number) => `2026-11-16 ${String(8 + Math.floor(s / 3600)).padStart(2, '0')}:${String(Math.floor(s / 60) % 60).padStart(2, '0')}:${String(s % 60).padStart(2, '0')}`;
  for (let i = 0; i < 20_000; i++) {
    const trunk = `trunk-${String(i).padStart(5, '0')}`;
    const dest = `44207183${String(i).padStart(5, '0')}`;
    lines.push(`${at(i)},${trunk},200,OK,${dest},30`);
    if (i < 200) lines.push(`${at(i)},${trunk},503,Service Unavailable,${dest},0`, `${at(i)},${trunk},603,Decline,${dest},0`);
  }
  const file = path.join(tmp, 'portal-20000-trunks.csv');
  writeFileSync(file, lines.join('\n') + '\n');
  return file;
}

test('20,000 trunks: the table shows the 200 with the most attempts and sums the rest in "other"; a click on a trunk answers', async ({ page }, testInfo) => {
  const file = twentyThousandTrunks();
  const app = new AppPage(page);
  await app.open();
  await watchLongTasks(page);
  await app.chooseFiles(file);
  await expect(page.getByTestId('ingest-status')).toContainText('20,400 calls on 20,000 trunks');
  await expect(page.getByTestId('trunk-cap')).toHaveText('20,000 trunks — showing the 200 with the most attempts; the rest are summed in ‘other’.');
  const rows = page.getByTestId('trunk-row');
  await expect(rows).toHaveCount(200);
  // Worst first: every shown trunk is one of the 3-call trunks (2 of 3 rejected).
  await expect(rows.first()).toHaveAttribute('data-trunk', /^trunk-00[01]\d\d$/);
  await expect(rows.first().locator('td').nth(1)).toHaveText('3');
  // 19,800 one-call trunks, all answered: 19,800 attempts, no 503, no 603.
  const other = page.getByTestId('trunk-other-row');
  await expect(other).toContainText('other (19,800 trunks)');
  await expect(other.locator('td').nth(1)).toHaveText('19,800');
  await expect(other.locator('td').nth(2)).toContainText('0 %');

  // The page answers: a click on the fifth trunk drives the panels below.
  const fifth = rows.nth(4);
  const trunk = await fifth.getAttribute('data-trunk');
  await fifth.click();
  await expect(fifth).toHaveAttribute('aria-selected', 'true');
  await expect(page.getByTestId('cps-panel')).toContainText(trunk ?? '?');
  await expect(page.getByTestId('window-status')).toContainText(`3 calls for ${trunk}`);

  const longest = await longestTask(page);
  testInfo.annotations.push({ type: 'longest main-thread task (ms)', description: String(Math.round(longest)) });
  console.log(`20,000 trunks: longest main-thread task ${Math.round(longest)} ms`);
  // Reported, not asserted: a timing belongs in the bench (it failed here only when the machine was
  // loaded). What keeps the page from freezing is asserted above: the page draws a bounded number of rows.
  await app.expectNoNetwork();
});
