import { expect, test } from '@playwright/test';
import { existsSync, mkdtempSync, writeFileSync } from 'node:fs';
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
  await expect(walk.getByRole('group', { name: '503: which pattern?' })).toContainText(/503 on \d{1,3}(?:,\d{3})* of \d{1,3}(?:,\d{3})* \(\d+ %\) of attempts started in seconds with ≥ \d+ attempts/); // counts grouped as in the table (1,709 of 4,232)
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
  // A 603 cannot show in dispositions: n/a everywhere (as the CLI prints it), never "0 % (0)".
  // (The cell reads "n/a", then its hint, which says why: "n/a: these calls …".)
  for (const cell of [page.locator('[data-trunk="carrier-d"] td').nth(3), page.locator('[data-trunk="carrier-a"] td').nth(3), page.getByTestId('prefixes').locator('tbody tr').first().locator('td').last()]) {
    await expect(cell).toHaveText(/^n\/an\/a: these calls cannot show a 603/);
  }
  const walk = page.getByTestId('walk-panel');
  await expect(walk.getByRole('group', { name: /fail beyond background/i })).toContainText('603: n/a (these calls cannot show a 603)');
  await expect(walk.getByTestId('verdict')).toHaveText('Inconclusive: the file cannot tell');
  await expect(walk.getByText('What the file is missing')).toBeVisible();
  await expect(walk).toContainText('HANGUPCAUSE');
  // Asterisk's advice only: not FreeSWITCH's cdr_csv template.
  await expect(walk).not.toContainText('sip_term_status');

  // The timeline's data says the same: its 603 column is n/a in every bucket, not 0.
  const download = page.waitForEvent('download');
  await page.getByRole('button', { name: 'Export Attempts over time data as CSV' }).click();
  const chunks = await (await (await download).createReadStream()).toArray();
  const rows = Buffer.concat(chunks.map((c) => Buffer.from(c as Uint8Array))).toString('utf8').split('\r\n').filter((l) => l !== '');
  expect(rows[0]).toBe('bucket_start,attempts,answered,capacity_503_kin,policy_603_kin,other_failed,sip_503,sip_603');
  expect(rows.length).toBeGreaterThan(10);
  for (const row of rows.slice(1)) expect(row.split(',').at(-1)).toBe('n/a');
});

test('a brushed window: the walk and the ticket count what the trunk table counts in it', async ({ page }) => {
  const app = new AppPage(page);
  await app.open();
  await page.getByRole('button', { name: 'Try a sample day' }).click();
  await app.waitUntilRead();
  // Carrier G (prefix 3) runs out of funds in the afternoon; look at 14:35–17:40 only.
  await page.locator('[data-trunk="prefix 3"]').click();
  await page.getByLabel('From', { exact: true }).fill('2026-11-16T14:35');
  await page.getByLabel('To', { exact: true }).fill('2026-11-16T17:40');
  await expect(page.getByTestId('window-status')).toContainText('Window 2026-11-16 14:35:00 – 2026-11-16 17:40:00');
  const row = page.locator('[data-trunk="prefix 3"]');
  const cells = row.locator('td');
  const attempts = Number((await cells.nth(1).textContent())!.replace(/,/g, ''));
  const cell503 = (await cells.nth(2).textContent())!;
  const rejected503 = Number(/\(([\d,]+)\)/.exec(cell503)![1]!.replace(/,/g, ''));
  const rate503 = /[\d.]+ %/.exec(cell503)![0]; // the table's rate text ("30 %", "7.4 %")
  expect(attempts).toBeGreaterThan(0);

  // Counts and rates are written as the table writes them (1,234; 30 %), in the walk and the ticket alike.
  const count = (n: number) => n.toLocaleString('en-US');
  const walk = page.getByTestId('walk-panel');
  await expect(walk.getByTestId('walk-period')).toHaveText(`Window 2026-11-16 14:35:00 – 2026-11-16 17:40:00: ${count(attempts)} attempts on this trunk (brush the timeline or clear the window to diagnose another period).`);
  await expect(walk.getByRole('group', { name: /fail beyond background/i })).toContainText(`503: ${count(rejected503)} of ${count(attempts)} (${rate503});`);
  const ticket = await walk.getByTestId('ticket-text').inputValue();
  expect(ticket).toContain('Window: 2026-11-16 14:35:00 to 2026-11-16 17:40:00 (time as in our CDR).');
  expect(ticket).toContain(`In it, ${count(attempts)} attempts on this trunk; rejected with 503: `);
  expect(ticket).toContain(`rejected with 503: ${rate503} (${count(rejected503)} of ${count(attempts)})`);

  // Back to the whole span: the walk says so, with the whole day's numbers.
  await page.getByRole('button', { name: 'Whole span' }).click();
  await expect(walk.getByTestId('walk-period')).toContainText('Whole file 2026-11-16 08:00:02');
  await app.expectNoNetwork();
});

/**
 * The real dSIPRouter sample (../shared/samples, read where present): Flowroute (gwgroup 3) refuses
 * caller ID 6702 with "403 Invalid Caller ID" 16 times of 16; beside it "403 Insufficient funds
 * remaining" × 4 and "403 International Calling Disabled" × 3 — 24 of its 64 attempts end 403.
 */
const SAMPLES = path.resolve(import.meta.dirname, '..', '..', 'shared', 'samples', 'kamailio_acc');
test('the dSIPRouter sample: Flowroute walks to caller IDs blocked, the funds and international findings beside it', async ({ page }) => {
  const acc = path.join(SAMPLES, 'dsiprouter_v0.79_acc_table_dump.sql');
  test.skip(!existsSync(acc), 'the shared samples are not beside the project');
  const app = new AppPage(page);
  await app.open();
  await app.chooseFiles(acc, path.join(SAMPLES, 'dsiprouter_v0.79_dr_gateways_dump.sql'));
  await page.getByRole('row', { name: /Flowroute/ }).first().click();
  const walk = page.getByTestId('walk-panel');
  await expect(walk.getByTestId('verdict')).toHaveText('Caller IDs blocked');
  // Rates as the trunk table writes them: 24 of 64 = 37.5 % reads 38 %, none 0 %.
  await expect(walk).toContainText('503: 0 of 64 (0 %); 603: 0 of 64 (0 %); all rejections: 24 of 64 (38 %), 403 × 24.');
  const also = walk.getByTestId('also-found');
  await expect(also).toContainText('Out of funds (prepaid balance)');
  await expect(also).toContainText('"403 Insufficient funds remaining - support@flowroute.com" × 4');
  await expect(also).toContainText('"403 International Calling Disabled - support@flowroute.com" × 3');
  await expect(walk.getByTestId('ticket-text')).toHaveValue(/rejected with 403: 38 % \(24 of 64\)/);
  await app.expectNoNetwork();
});
