import { expect, test } from '@playwright/test';
import { AppPage, fixture } from './app-page';

test('a phpMyAdmin dump of a renamed Asterisk cdr table is read from its content: two trunks, six calls', async ({ page }) => {
  const app = new AppPage(page);
  await app.open();
  await app.chooseFiles(fixture('asterisk-cdr-sql', 'phpmyadmin-pbxip-cdr.sql'));
  const report = app.fileReport('phpmyadmin-pbxip-cdr.sql');
  await expect(report.getByTestId('detected-format')).toHaveAttribute('data-format-id', 'asterisk-cdr-sql');
  await expect(report.getByTestId('detected-format')).toContainText('phpMyAdmin, table pbxip_cdr');
  await expect(report.getByTestId('row-accounting')).toHaveText(/^6 rows read = 6 used \+ 0 skipped/);
  const table = page.getByTestId('trunk-table');
  await expect(table.locator('[data-trunk="carrierA"]')).toBeVisible();
  await expect(table.locator('[data-trunk="carrierB"]')).toBeVisible();
  await app.expectNoNetwork();
});
