/**
 * The carrier KPI panel (issue 13): a file written here whose numbers a person can count, judged
 * against the published defaults, and a limit changed by the user (remembered after a reload).
 */
import { expect, test } from '@playwright/test';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { AppPage } from './app-page';

const tmp = mkdtempSync(path.join(tmpdir(), 'trunk-triage-kpi-'));

/**
 * dialer-a: 10 answered for 3 billed seconds, 20 for 60 s, 10 × 503, 10 × 603 (50 attempts):
 * ASR of the calls let through 30 of 30, ACD (30 + 1200) / 30 = 41.0 s, short (≤ 6 s) 10 of 30 =
 * 33.3 %, 503 20 %, 603 20 %. office-b: 30 answered for 120 s — nothing to flag.
 */
function kpiFile(): string {
  const lines = ['Start Time,Carrier,SIP Code,Billsec,Caller ID,Destination'];
  let s = 0;
  const add = (trunk: string, code: number, billsec: number, n: number) => {
    for (let i = 0; i < n; i++) {
      s++;
      lines.push(`2026-11-16 10:${String(Math.floor(s / 60)).padStart(2, '0')}:${String(s % 60).padStart(2, '0')},${trunk},${code},${billsec},1312555010${trunk === 'office-b' ? 3 : 1},4420718${String(s).padStart(5, '0')}`);
    }
  };
  add('dialer-a', 200, 3, 10);
  add('dialer-a', 200, 60, 20);
  add('dialer-a', 503, 0, 10);
  add('dialer-a', 603, 0, 10);
  add('office-b', 200, 120, 30);
  const file = path.join(tmp, 'kpi.csv');
  writeFileSync(file, `${lines.join('\n')}\n`);
  return file;
}

test('what the carrier sees: per trunk ASR, ACD, short calls, 503 and 603 against published limits; a changed limit is remembered', async ({ page }) => {
  const app = new AppPage(page);
  await app.open();
  await app.chooseFiles(kpiFile());
  const panel = page.getByTestId('kpi-panel');
  const a = panel.getByTestId('kpi-trunks').locator('tr[data-key="dialer-a"]');
  await expect(a).toContainText('50');
  await expect(a).toContainText('100 %');
  await expect(a).toContainText('41.0 s');
  await expect(a).toContainText('33.3 % (flagged)');
  await expect(a).toContainText('20 % (flagged)');
  await expect(a).toContainText('throttle: 503 and kin on 20 % of attempts');
  await expect(a).toContainText('block: its traffic looks like robocalls');
  await expect(panel.getByTestId('kpi-trunks').locator('tr[data-key="office-b"]')).toContainText('nothing flagged');

  // A contract that calls 2 s short: nothing of dialer-a is short any more.
  await panel.getByText('Limits (from published carrier terms').click();
  await panel.getByLabel('A short call lasts at most').fill('2');
  await expect(panel.getByRole('columnheader', { name: 'Short ≤ 2 s' }).first()).toBeVisible();
  await expect(a).not.toContainText('33.3 %');
  await expect(a).not.toContainText('robocalls');
  await app.expectNoNetwork();
  await page.reload();
  await app.chooseFiles(kpiFile());
  await expect(page.getByTestId('kpi-panel').getByRole('columnheader', { name: 'Short ≤ 2 s' }).first()).toBeVisible();
});
