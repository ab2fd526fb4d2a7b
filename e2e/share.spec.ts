import { expect, test } from '@playwright/test';
import { AppPage } from './app-page';

test('a teammate in a fresh browser opens the link and sees the same numbers, window and note', async ({ browser }) => {
  // Sender: sample day, Carrier B selected, a window, a note.
  const senderContext = await browser.newContext({ permissions: ['clipboard-read', 'clipboard-write'] });
  const sender = new AppPage(await senderContext.newPage());
  await sender.open();
  await sender.page.getByRole('button', { name: 'Try a sample day' }).click();
  await sender.waitUntilRead();
  await sender.page.locator('[data-trunk="prefix 8"]').click();
  await sender.page.getByLabel('From', { exact: true }).fill('2026-11-16T12:00');
  await sender.page.getByLabel('To', { exact: true }).fill('2026-11-16T16:00');
  await expect(sender.page.getByTestId('window-status')).toContainText('Window 2026-11-16 12:00:00 – 2026-11-16 16:00:00');
  await expect(sender.page.getByTestId('dashboard')).toHaveAttribute('aria-busy', 'false');
  const senderCells = await sender.page.locator('[data-trunk="prefix 8"] td').allInnerTexts();
  expect(senderCells.join(' ')).toMatch(/\d/);
  const senderStatus = await sender.page.getByTestId('window-status').innerText();

  // The sender overrides one answer of the walk: it travels with the link.
  const senderWalk = sender.page.getByTestId('walk-panel');
  await senderWalk.getByRole('group', { name: '503: which pattern?' }).getByRole('radio', { name: /channels full/ }).check();
  await expect(senderWalk.getByTestId('walk-leaf')).toHaveText('Concurrent-channel cap reached');

  await sender.page.getByRole('button', { name: 'Share diagnosis link' }).click();
  const panel = sender.page.getByTestId('share-panel');
  await panel.getByRole('textbox', { name: /Note for your teammate/ }).fill('Carrier B: 503s above ~3 CPS <script>window.pwned=1</script>');
  await expect(panel.getByRole('status')).toContainText('characters');
  await expect(panel.getByTestId('share-url')).toHaveValue(/#v1\./);
  await expect(panel.getByTestId('share-url')).toHaveAttribute('aria-busy', 'false');
  // The link is made to fit 2,000 characters of address; what it left out to fit is said.
  const url = await panel.getByTestId('share-url').inputValue();
  if (await panel.getByTestId('share-left-out').isVisible()) await expect(panel.getByTestId('share-left-out')).toContainText('the link leaves out');
  expect(url.length).toBeLessThanOrEqual(2000);
  // Copy link puts exactly that address on the clipboard.
  await panel.getByRole('button', { name: 'Copy link' }).click();
  await expect(panel.getByRole('status')).toContainText('copied');
  expect(await sender.page.evaluate(() => navigator.clipboard.readText())).toBe(url);
  // Copy as text: the same numbers with n and d, the window, the verdict and the ticket.
  await panel.getByRole('button', { name: 'Copy as text' }).click();
  await expect(panel.getByRole('status')).toContainText('text copied');
  const text = await sender.page.evaluate(() => navigator.clipboard.readText());
  expect(text).toContain('window 2026-11-16 12:00:00 to 2026-11-16 16:00:00');
  const m = /Carrier B \(prefix 8\): ([\d,]+) attempts\n {2}503: ([\d.]+ %) \(([\d,]+) of ([\d,]+)\)/.exec(text);
  expect(m, text).not.toBeNull();
  // The table's cells show the same attempts, rate and numerator.
  expect(senderCells).toContain(m![1]);
  expect(senderCells.join(' ')).toContain(`${m![2]} (${m![3]})`);
  expect(m![4]).toBe(m![1]);
  expect(text).toContain('Verdict: Calls per second above the carrier limit');
  expect(text).toContain('Tell the carrier:');
  expect(text).not.toMatch(/1312555\d{4}/); // caller IDs masked, as in the link
  await sender.expectNoNetwork();

  // Receiver: a separate, empty browser context (no storage, no file).
  const receiverContext = await browser.newContext();
  const receiverPage = await receiverContext.newPage();
  await receiverPage.goto(url);
  await expect(receiverPage.getByTestId('shared-view')).toBeVisible();
  await expect(receiverPage.getByText('Shared view — numbers from a teammate’s file')).toBeVisible();
  await expect(receiverPage.getByTestId('shared-note')).toHaveText('Carrier B: 503s above ~3 CPS <script>window.pwned=1</script>');
  expect(await receiverPage.evaluate(() => (window as unknown as { pwned?: number }).pwned)).toBeUndefined();
  await expect(receiverPage.getByTestId('window-status')).toHaveText(senderStatus);
  // The sender's trunk names travel with the link: the row is "Carrier B" there too, same numbers.
  // Same cells, number for number (the trend line is a drawing the smaller link may leave out).
  const withoutTrend = (cells: string[]) => cells.filter((_, i) => i !== cells.length - 2); // Trend is the column before "Since"
  expect(withoutTrend(await receiverPage.locator('[data-trunk="Carrier B"] td').allInnerTexts())).toEqual(withoutTrend(senderCells));
  await expect(receiverPage.getByTestId('cps-knee')).toContainText('503s start at about');
  // The same verdict, and the sender's changed answer.
  const receiverWalk = receiverPage.getByTestId('walk-panel');
  await expect(receiverWalk.getByTestId('verdict')).toHaveText('Calls per second above the carrier limit');
  await expect(receiverWalk.getByTestId('walk-leaf')).toHaveText('Concurrent-channel cap reached');
  await expect(receiverWalk.getByText('changed by the sender')).toBeVisible();
  // The sender's page has a ticket for that leaf; the link carries none (it quotes the calls), and says so.
  await expect(receiverWalk.getByTestId('ticket-withheld')).toHaveText(/^The carrier ticket is not in this link/);
  await expect(receiverWalk.getByText('Nothing to ask the carrier')).toHaveCount(0);
  // The evidence sentence behind the verdict travels with it (the CPS knee's numbers), quoted as the
  // sender's words; the carried numbers do not contradict the verdict, so there is no warning.
  await expect(receiverPage.getByTestId('shared-evidence')).toContainText(/503 on \d{1,3}(?:,\d{3})* of \d{1,3}(?:,\d{3})* \(\d+ %\) of attempts started in seconds with ≥ \d+ attempts/);
  await expect(receiverPage.getByTestId('shared-verdict-warning')).toHaveCount(0);
  await senderContext.close();
  await receiverContext.close();
});

test('a damaged or hostile link shows a clear error and the empty app, and runs no script', async ({ page }) => {
  const dialogs: string[] = [];
  page.on('dialog', (d) => {
    dialogs.push(d.message());
    void d.dismiss();
  });
  for (const fragment of ['#v1.AAAA', '#v1.eJzLSM3JyVcozy_KSQEAGgQEXQ', '#v9.abc', '#v1.<img src=x onerror=alert(1)>']) {
    await page.goto(`/${fragment}`);
    await expect(page.getByTestId('share-error')).toContainText('This diagnosis link cannot be opened');
    await expect(page.getByRole('button', { name: 'Try a sample day' })).toBeVisible();
  }
  expect(dialogs).toEqual([]);
});
