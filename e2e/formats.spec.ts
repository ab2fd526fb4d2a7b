import { expect, test } from '@playwright/test';
import { AppPage, fixture } from './app-page';

/**
 * One fixture per format family, chosen through the real file input: the app must show the detected
 * format, the trunks found and the row accounting. Numbers are counted by hand in each fixture.
 */
const CASES: Array<{ file: string[]; formatId: string; read: number; used: number; skipped: number; trunks: string[] }> = [
  { file: ['vicidial-carrier-log', 'basic.csv'], formatId: 'vicidial-carrier-log', read: 16, used: 16, skipped: 0, trunks: ['prefix 9', 'prefix 8', 'northtel'] },
  { file: ['vicidial-export-calls-carrier', 'standard-header.txt'], formatId: 'vicidial-export-calls-carrier', read: 10, used: 8, skipped: 2, trunks: ['prefix 9', 'prefix 8', 'northtel'] },
  { file: ['asterisk-cdr-csv', 'basic.csv'], formatId: 'asterisk-cdr-csv', read: 10, used: 7, skipped: 3, trunks: ['carrierA', 'sipus1', 'carrierB'] },
  { file: ['asterisk-cdr-custom', 'basic.csv'], formatId: 'asterisk-cdr-custom', read: 5, used: 3, skipped: 2, trunks: ['carrierA', 'carrierB'] },
  { file: ['asterisk-cdr-db-export', 'basic.csv'], formatId: 'asterisk-cdr-db-export', read: 6, used: 4, skipped: 2, trunks: ['VIOrig', 'thinQ', 'VITerm'] },
  { file: ['freepbx-cdr-report', 'basic.csv'], formatId: 'freepbx-cdr-report', read: 5, used: 3, skipped: 2, trunks: ['carrierA', 'carrierB'] },
  { file: ['freepbx-cdr-table', 'basic.csv'], formatId: 'freepbx-cdr-table', read: 4, used: 3, skipped: 1, trunks: ['carrierA'] },
  { file: ['freeswitch-cdr-csv', 'example-basic.csv'], formatId: 'freeswitch-cdr-csv', read: 8, used: 8, skipped: 0, trunks: ['(no trunk column)'] },
  { file: ['freeswitch-cdr-csv-opencdrrate', 'basic.csv'], formatId: 'freeswitch-cdr-csv-opencdrrate', read: 5, used: 4, skipped: 1, trunks: ['carrierA', 'carrierB'] },
  { file: ['kamailio-acc', 'basic.csv'], formatId: 'kamailio-acc', read: 14, used: 9, skipped: 5, trunks: ['gwgroup 3 (sip.carrier-a.example, 34.210.91.112)', 'gwgroup 4 (sip.carrier-b.example)'] },
  { file: ['kamailio-acc', 'dump-one-per-line.sql'], formatId: 'kamailio-acc', read: 11, used: 8, skipped: 3, trunks: ['gwgroup 3', 'gwgroup 1', 'gwgroup 11'] },
  { file: ['generic-csv', 'invade-trunk-name-crlf.csv'], formatId: 'generic-csv', read: 6, used: 6, skipped: 0, trunks: ['UK-Premium', 'US-Standard'] },
];

for (const c of CASES) {
  test(`reads ${c.file.join('/')} as ${c.formatId}`, async ({ page }) => {
    const app = new AppPage(page);
    await app.open();
    await app.chooseFiles(fixture(...c.file));
    const report = app.fileReport(c.file.at(-1)!);
    await expect(report.getByTestId('detected-format')).toHaveAttribute('data-format-id', c.formatId);
    await expect(report.getByTestId('row-accounting')).toHaveText(
      new RegExp(`^${c.read} rows read = ${c.used} used \\+ ${c.skipped} skipped`),
    );
    for (const trunk of c.trunks) await expect(report.getByTestId('file-trunks')).toContainText(trunk);
    if (c.skipped > 0) await expect(report.getByText('Why rows were skipped')).toBeVisible();
    await app.expectNoNetwork();
  });
}

// 13 calls: 7 from Master.csv, and 6 from the acc export's 9 used rows (2 BYEs end a call; a 401 and
// its retry are one attempt; the internal 2000 → 2001 call is not a trunk's).
test('a real drop event with two files reads both and merges their trunks', async ({ page }) => {
  const app = new AppPage(page);
  await app.open();
  await app.dropFiles(fixture('asterisk-cdr-csv', 'basic.csv'), fixture('kamailio-acc', 'basic.csv'));
  await expect(page.getByTestId('file-report')).toHaveCount(2);
  await expect(page.getByTestId('ingest-status')).toContainText('13 calls on 5 trunks from 2 files');
  for (const trunk of ['carrierA', 'sipus1', 'carrierB', 'gwgroup 3 (sip.carrier-a.example, 34.210.91.112)', 'gwgroup 4 (sip.carrier-b.example)']) {
    await expect(page.getByTestId('trunk-table').locator(`[data-trunk="${trunk}"]`)).toBeVisible();
  }
  await app.expectNoNetwork();
});

test('a plain Master.csv says it cannot separate 503 from 603, and what to log', async ({ page }) => {
  const app = new AppPage(page);
  await app.open();
  await app.chooseFiles(fixture('asterisk-cdr-csv', '16-columns.csv'));
  const notice = app.fileReport('16-columns.csv').getByTestId('cannot-separate');
  await expect(notice).toContainText('This file cannot tell a 503 from a 603');
  await expect(notice).toContainText('HANGUPCAUSE');
});

test('a file of inbound calls only: no outbound attempt to rate, said plainly, and no 1970 span', async ({ page }) => {
  const app = new AppPage(page);
  await app.open();
  await app.chooseFiles(fixture('generic-csv', 'inbound-only.csv'));
  await app.waitUntilRead();
  const row = page.locator('[data-trunk="carrier-a"]');
  await expect(row).toContainText('+3 inbound');
  await expect(page.getByText('No outbound attempts: no window to choose.')).toBeVisible();
  await expect(page.getByTestId('walk-period')).toHaveText('Whole file: 0 attempts on this trunk.');
  await expect(page.getByTestId('walk-panel')).toContainText('No outbound attempts on this trunk: the 3 calls here came in from it.');
  expect(await page.locator('main').innerText()).not.toContain('1970');
});
