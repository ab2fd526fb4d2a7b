/**
 * Hostile input in the page (issue 14): trunk names that are built-in property names, files written
 * here by the test (nothing downloaded). Screenshots land in test-results/hostile/ for a look.
 */
import { expect, test } from '@playwright/test';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { AppPage, ROOT } from './app-page';
import { encodeShare, toBase64Url } from '../src/core/share/codec';
import { packTree } from '../src/core/share/pack';
import { smallView } from '../src/core/share/test-views';
import type { SharedView } from '../src/core/share/view';
import { packV1 } from '../src/core/share/wire';

/** A fragment packed without encodeShare's checks, as a hand-made link would be. */
async function craftFragment(view: SharedView): Promise<string> {
  const stream = new Blob([packTree(packV1(view) as never) as Uint8Array<ArrayBuffer>]).stream().pipeThrough(new CompressionStream('deflate'));
  return `#v1.${toBase64Url(new Uint8Array(await new Response(stream).arrayBuffer()))}`;
}

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

/** A link as an attacker makes it: any numbers, any verdict, any words. */
function lyingView(): SharedView {
  const v = smallView();
  const t = v.data.trunks[0]!;
  Object.assign(t, {
    attempts: 10_000,
    answered: 500,
    asr: { n: 500, d: 10_000 },
    ner: { n: 500, d: 10_000 },
    rate503: { n: 9_500, d: 10_000, provenance: { sip: 9_500, q850: 0, disposition: 0 } },
    rate603: { n: 0, d: 10_000, provenance: { sip: 0, q850: 0, disposition: 0 } },
    byOutcome: { answered: 500, capacity: 9_500, policy: 0, number: 0, user: 0, other: 0, unknown: 0 },
    byCode: [{ code: '503', outcome: 'capacity', count: 9_500 }],
    provenance: { sip: 10_000, q850: 0, disposition: 0, none: 0 },
  });
  v.data.breakdowns.prefixes[0]!.key = "=CMD|' /C CALC'!A0";
  v.diagnosis = { version: 1, walks: [{ trunk: 'sip-a', verdict: 'healthy', overrides: {}, evidence: 'All good, suggested by the data. Pay the invoice at http://pay.example' }] };
  return v;
}

test('a crafted link: its "Healthy" is the sender’s, contradicted by its own numbers; its words are quoted; the receiver’s renames stay out; its CSV cannot run', async ({ page }) => {
  const app = new AppPage(page);
  await app.open();
  await page.evaluate(() => localStorage.setItem('trunk-triage.trunk-names.v1', JSON.stringify({ 'sip-a': 'My own carrier' })));
  await page.goto(`/${await encodeShare(lyingView())}`);
  const shared = page.getByTestId('shared-view');
  await expect(shared).toBeVisible();
  await expect(page.getByTestId('shared-verdict-warning')).toContainText('do not support the sender’s verdict “Healthy”: 9,500 of 10,000 attempts (95 %) were rejected');
  await expect(page.getByTestId('shared-evidence')).toContainText('in their words');
  await expect(page.getByTestId('shared-evidence').locator('blockquote')).toHaveText('“All good, suggested by the data. Pay the invoice at http://pay.example”');
  await expect(page.getByTestId('walk-panel')).toContainText('the sender’s verdict');
  await expect(page.getByTestId('walk-panel').getByText('suggested by the data', { exact: true })).toHaveCount(0);
  await expect(page.getByTestId('walk-panel').locator('a')).toHaveCount(0);
  const row = page.getByTestId('trunk-table').locator('[data-trunk="sip-a"]');
  await expect(row).toContainText('sip-a');
  await expect(shared).not.toContainText('My own carrier');
  await page.screenshot({ path: shot('lying-link.png'), fullPage: true });

  const download = page.waitForEvent('download');
  await page.getByRole('button', { name: 'Export Destination prefixes data as CSV' }).click();
  const file = await (await download).path();
  const csv = readFileSync(file, 'utf8');
  // Named after the link's trunk and day, through the same sanitizer as every download name.
  expect((await download).suggestedFilename()).toBe('prefixes_sip-a_2026-11-16.csv');
  expect(csv.split('\r\n')[1]).toMatch(/^'=CMD\|' \/C CALC'!A0,/);
});

test('a link naming a verdict for a trunk it has no data for shows no verdict; impossible counts are refused with a message', async ({ page }) => {
  const app = new AppPage(page);
  await app.open();
  const ghost = smallView();
  ghost.diagnosis = { version: 1, walks: [{ trunk: 'ghost', verdict: 'out-of-funds', overrides: {}, evidence: 'Out of funds: pay at http://pay.example' }] };
  await page.goto(`/${await encodeShare(ghost)}`);
  await expect(page.getByTestId('shared-view')).toBeVisible();
  await expect(page.getByTestId('shared-verdict-warning')).toContainText('“ghost”, a trunk its data does not have');
  await expect(page.getByTestId('walk-panel')).toHaveCount(0);
  await expect(page.getByTestId('shared-view')).not.toContainText('pay.example');

  const impossible = smallView();
  impossible.data.trunks[0]!.byOutcome.capacity = 1_000_000_000;
  await page.goto('/');
  await page.goto(`/${await craftFragment(impossible)}`);
  await expect(page.getByTestId('share-error')).toContainText('its numbers cannot be true');
  await expect(page.getByTestId('share-error')).toContainText('rejected on 1,000,000,001 of 9 attempts');
});

test('a 150,000-space time cell and a row 500 days away: the file reads at once, the odd row is named, and the link is made and says what it moved', async ({ page }) => {
  // 40 calls on 2026-11-16 (10 of them 503), one row whose time is 150,000 spaces (the field that
  // took a backtracking pattern a minute), one row dated 2028-03-30.
  const lines = ['Start Time,Carrier,SIP Code,Destination'];
  for (let i = 0; i < 40; i++) lines.push(`2026-11-16 10:${String(i).padStart(2, '0')}:00,carrier-a,${i < 10 ? 503 : 200},44207183${String(i).padStart(4, '0')}`);
  lines.push(`2026-11-16 10:50:00${' '.repeat(150_000)}x,carrier-a,503,442071839999`);
  lines.push('2028-03-30 10:00:00,carrier-a,200,442071830100');
  const app = new AppPage(page);
  await app.open();
  await app.chooseFiles(file('long-cell-and-stray-date.csv', `${lines.join('\n')}\n`));
  const report = app.fileReport('long-cell-and-stray-date.csv');
  await expect(report.getByTestId('row-accounting')).toHaveText(/^42 rows read = 41 used \+ 1 skipped/);
  await expect(report.getByRole('row', { name: /bad start time/ })).toHaveText(/bad start time\s*1\s*42/);
  await expect(page.getByTestId('trunk-table').locator('[data-trunk="carrier-a"]')).toContainText('41');
  await page.getByRole('button', { name: 'Share diagnosis link' }).click();
  const panel = page.getByTestId('share-panel');
  await expect(panel.getByTestId('share-url')).toHaveValue(/#v1\./);
  await expect(panel.getByTestId('share-outside-span')).toContainText('1 attempt is dated outside');
});
