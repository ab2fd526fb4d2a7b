import { expect, test } from '@playwright/test';
import { AppPage, fixture } from './app-page';

/**
 * fixtures/cdr/kamailio-acc/challenges-and-failover.csv (counted by hand in acc-folding.test.ts):
 * gwgroup 3 has 3 rejections (ch-2 503, fo-5 503, fo-6a 603); two of their numbers were dialled
 * again on gwgroup 4 within seconds: fo-5 answered, fo-6b 503 again.
 */
test('failover under the trunk table, and the dr_gateways hint on the acc file card', async ({ page }) => {
  const app = new AppPage(page);
  await app.open();
  await app.chooseFiles(fixture('kamailio-acc', 'challenges-and-failover.csv'));
  const failover = page.getByTestId('failover');
  await expect(failover).toContainText('within 10 s');
  await expect(failover.locator('li')).toHaveCount(1);
  await expect(failover.locator('li').first()).toHaveText(
    'gwgroup 3 (34.210.91.112): 2 of 3 rejections retried elsewhere — 1 answered, 1 rejected again, 0 other',
  );
  const card = app.fileReport('challenges-and-failover.csv');
  await expect(card.getByTestId('row-accounting')).toHaveText(/^18 rows read = 15 used \+ 3 skipped/);
  await expect(card.getByTestId('companion-hint')).toContainText('dr_gateways');
  // ch-1 (407, answered on the retry), ch-2 (two 407s, then 503), ch-3 (401, never retried).
  await expect(card.getByTestId('auth-challenges')).toContainText('3 calls challenged for credentials (401/407), 1 answered on the retry');
  await app.expectNoNetwork();
});
