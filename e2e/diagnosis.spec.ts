import { expect, test } from '@playwright/test';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { SAMPLE_DAY } from '../src/core/scenario/scenario';
import { writeScenarioText } from '../src/core/scenario/writers/writer';
import { asteriskMasterCsvWriter } from '../src/core/scenario/writers/asterisk-master-csv';
import { AppPage } from './app-page';

test('the walk for a trunk: highlighted path, evidence numbers, an override changes the walk, the ticket copies', async ({ page, context }) => {
  await context.grantPermissions(['clipboard-read', 'clipboard-write']);
  const app = new AppPage(page);
  await app.open();
  await page.getByRole('button', { name: 'Try a sample day' }).click();
  await app.waitUntilRead();
  // Carrier B (prefix 8) is the CPS-limited carrier of the sample day.
  await page.locator('[data-trunk="prefix 8"]').click();
  const walk = page.getByTestId('walk-panel');
  await expect(walk.getByTestId('verdict')).toHaveText('Calls per second above the carrier limit');
  await expect(walk.getByTestId('flowchart').locator('[data-on-path]')).toHaveText([/yes/, /503 \(capacity issue\?\)/, /too fast: 503s above a CPS knee/]);
  await expect(walk.getByRole('group', { name: '503: which pattern?' })).toContainText(/503 on \d+ of \d+ \(\d+ %\) of attempts started in seconds with ≥ \d+ attempts/);
  await expect(walk.getByTestId('walk-leaf')).toHaveText('Calls per second above the carrier limit');

  // "Our channels are the limit": override the 503 pattern; the walk ends elsewhere, marked as ours.
  await walk.getByRole('group', { name: '503: which pattern?' }).getByRole('radio', { name: /channels full/ }).check();
  await expect(walk.getByTestId('walk-leaf')).toHaveText('Concurrent-channel cap reached');
  await expect(walk.getByText('your answer', { exact: true })).toBeVisible();
  await walk.getByRole('button', { name: 'Back to the suggested answer' }).click();
  await expect(walk.getByTestId('walk-leaf')).toHaveText('Calls per second above the carrier limit');

  const ticket = await walk.getByTestId('ticket-text').inputValue();
  expect(ticket).toMatch(/^Trunk Carrier B: We see 503 Service Unavailable only in seconds where we start more than \d+ calls per second/);
  expect(ticket).toMatch(/Call-ID \d+\.\d+/); // the sample calls carry the file's uniqueid
  await walk.getByRole('button', { name: 'Copy ticket text' }).click();
  await expect(walk.getByRole('status')).toHaveText('Copied');
  expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(ticket);
  await app.expectNoNetwork();
});

test('a plain Master.csv cannot convict a trunk of a 603 problem: the walk says inconclusive and what to log', async ({ page }) => {
  // Carrier D declines Jamaica and the Dominican Republic with 603; Master.csv writes those as NO ANSWER.
  const spec = { ...SAMPLE_DAY, fromSecond: 9 * 3600, toSecond: 13 * 3600, trunks: SAMPLE_DAY.trunks.filter((t) => t.name === 'carrier-a' || t.name === 'carrier-d') };
  const file = path.join(mkdtempSync(path.join(tmpdir(), 'trunk-triage-walk-')), 'Master.csv');
  writeFileSync(file, writeScenarioText(spec, asteriskMasterCsvWriter({ hangupCauseInUserfield: false })));
  const app = new AppPage(page);
  await app.open();
  await app.chooseFiles(file);
  await page.locator('[data-trunk="carrier-d"]').click();
  const walk = page.getByTestId('walk-panel');
  await expect(walk.getByTestId('verdict')).toHaveText('Inconclusive: the file cannot tell');
  await expect(walk.getByText('What the file is missing')).toBeVisible();
  await expect(walk).toContainText('HANGUPCAUSE');
});
